import { Service as KubeService } from 'kubernetes-models/v1/Service';
import type { IServicePort } from 'kubernetes-models/v1/ServicePort';
import type { Service } from '../../compose/model.js';
import type { Loc } from '../../util/loc.js';
import type { KubeObject, MapContext } from '../context.js';
import { locatedItems } from '../located.js';
import { kubeName } from '../names.js';
import { exposureOf, serviceObjectNames } from './services.js';

/** A second DNS name of a compose service: a network alias, or the alias of a link. */
interface AliasRequest {
  alias: string;
  /** The compose service the name leads to. */
  target: string;
  /** The service that declared it (the target for network aliases, the linking one for links). */
  declaredBy: string;
  loc: Loc;
  key: 'services.networks.aliases' | 'services.links';
}

function aliasRequests(services: Service[]): AliasRequest[] {
  const out: AliasRequest[] = [];
  for (const svc of services) {
    for (const net of Object.keys(svc.networks)) {
      for (const a of locatedItems(svc, 'networks', net, 'aliases')) {
        out.push({ alias: a.value, target: svc.name, declaredBy: svc.name, loc: a.loc, key: 'services.networks.aliases' });
      }
    }
    for (const link of locatedItems(svc, 'links')) {
      const i = link.value.indexOf(':');
      if (i < 0) continue;
      out.push({ alias: link.value.slice(i + 1), target: link.value.slice(0, i), declaredBy: svc.name, loc: link.loc, key: 'services.links' });
    }
  }
  return out;
}

/**
 * Network aliases and link aliases -> one more Service per name, with the selector and ports of
 * the target's Service, so the alias resolves and connects like the service name does. Kubernetes
 * names are namespace-wide: an alias cannot also be the name of another service's Service.
 */
export function mapServiceAliases(ctx: MapContext): void {
  const services = Object.values(ctx.project.services);
  const taken = serviceObjectNames(ctx);
  // The Services of the compose services, by name: alias names never take one of them.
  const originals = new Map<string, KubeObject>();
  for (const { object } of ctx.objects) if (object.kind === 'Service' && !originals.has(object.metadata.name)) originals.set(object.metadata.name, object);
  const owners = new Map<string, AliasRequest>();
  for (const req of aliasRequests(services)) {
    const target = ctx.project.services[req.target];
    const exposure = exposureOf(ctx, req.target);
    if (!target || !exposure) continue;
    if (req.alias === req.target || req.alias === exposure.serviceName) continue;
    const what = req.key === 'services.links' ? `link alias "${req.alias}" of service "${req.declaredBy}"` : `network alias "${req.alias}" of service "${req.target}"`;
    const name = kubeName(ctx.diags, what, req.alias, req.loc);
    if (name === exposure.serviceName) continue;
    const owner = owners.get(name);
    if (owner) {
      if (owner.target !== req.target && owner.alias !== req.alias) {
        ctx.diags.error(
          'name-collision',
          `${what}: "${req.alias}" and "${owner.alias}" (of service "${owner.target}") both become the Service "${name}" in Kubernetes`,
          req.loc,
          'rename one of the aliases so they differ after lower-casing and replacing characters other than letters, digits and "-"',
        );
      } else if (owner.target !== req.target) {
        ctx.diags.warn(
          'approximate',
          `${what}: "${name}" already leads to service "${owner.target}"; Compose answers with both services, the Service "${name}" only with "${owner.target}"`,
          req.loc,
          'give each service an alias of its own',
        );
      }
      continue;
    }
    if (taken.has(name)) {
      ctx.diags.error(
        'name-collision',
        `${what}: "${name}" is already the name of a Service of another compose service`,
        req.loc,
        'rename the alias: a Kubernetes Service name belongs to one set of pods',
      );
      continue;
    }
    owners.set(name, req);
    emitAlias(ctx, name, req, originals.get(exposure.serviceName));
  }
}

/** A copy of the target's in-cluster Service under another name (no node ports: they are cluster-wide). */
function emitAlias(ctx: MapContext, name: string, req: AliasRequest, original: KubeObject | undefined): void {
  if (!original) return;
  const spec = original.spec as { selector?: Record<string, string>; ports?: IServicePort[]; clusterIP?: string };
  const alias = new KubeService({
    metadata: { name, labels: { ...original.metadata.labels } },
    spec: {
      ...(spec.clusterIP === 'None' ? { clusterIP: 'None' } : {}),
      selector: { ...spec.selector },
      ...(spec.ports ? { ports: spec.ports.map(({ nodePort: _, ...p }) => ({ ...p })) } : {}),
    },
  });
  const detail =
    req.key === 'services.links'
      ? `"${req.declaredBy}" reaches "${req.target}" as "${req.alias}"; the name resolves for every service, not only for ${req.declaredBy}`
      : `another name of "${req.target}"; it resolves on every network, not only on the one that declares it`;
  ctx.add(alias.toJSON() as unknown as KubeObject, { what: `${req.key === 'services.links' ? 'link' : 'network alias'} "${req.alias}" of service "${req.target}"`, loc: req.loc }, [
    { path: ['metadata', 'name'], loc: req.loc, key: req.key, detail },
  ]);
}

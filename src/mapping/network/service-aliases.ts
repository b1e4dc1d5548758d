import { Service as KubeService } from '../kube-models.js';
import type { IServicePort } from 'kubernetes-models/v1/ServicePort';
import type { KubeObject, MapContext } from '../context.js';
import { dnsLabel, kubeName } from '../names.js';
import { sharedPodHosts } from '../workloads/pod-sharing.js';
import { nameRequests, type NameRequest } from './dns-names.js';
import { exposureOf, serviceObjectOwners } from './services.js';

/**
 * container_name, network aliases and link aliases -> one more Service per name, with the selector
 * and ports of the target's Service, so the name resolves and connects like the service name does.
 * Kubernetes names are namespace-wide: an alias cannot also be the name of another service's
 * Service (a container_name can, with a warning: Compose itself answers that name with both).
 */
export function mapServiceAliases(ctx: MapContext): void {
  const services = Object.values(ctx.project.services);
  const taken = serviceObjectOwners(ctx);
  // The Services of the compose services, by name: alias names never take one of them.
  const originals = new Map<string, KubeObject>();
  for (const { object } of ctx.objects) if (object.kind === 'Service' && !originals.has(object.metadata.name)) originals.set(object.metadata.name, object);
  const owners = new Map<string, NameRequest>();
  for (const req of nameRequests(services)) {
    const target = ctx.project.services[req.target];
    const exposure = exposureOf(ctx, req.target);
    if (!target || !exposure) continue;
    if (req.alias === req.target || req.alias === exposure.serviceName) continue;
    const what = describe(req);
    // DNS names are case-insensitive: `Gitea` already resolves to the Service `gitea`.
    if (req.alias.toLowerCase() === exposure.serviceName) continue;
    // A container name that changes says so in its own warning (warnContainerName).
    const name = req.key === 'services.container_name' ? dnsLabel(req.alias) : kubeName(ctx.diags, what, req.alias, req.loc);
    if (name === exposure.serviceName) {
      if (req.key === 'services.container_name') {
        ctx.diags.warn(
          'name-changed',
          `${what} is not a DNS name Kubernetes allows; it resolves as "${name}", the Service of the service itself (values that name "${req.alias}" as a host are rewritten)`,
          req.loc,
          `refer to it as "${name}" in Kubernetes`,
        );
      }
      continue;
    }
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
    const other = taken.get(name);
    if (other !== undefined && req.key === 'services.container_name') {
      ctx.diags.warn(
        'approximate',
        `${what}: "${name}" is also the name of service "${other}"; Compose answers with both containers, the Service "${name}" only with service "${other}"`,
        req.loc,
        'give the container a name no service has, or drop container_name',
      );
      continue;
    }
    if (other !== undefined) {
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
    if (req.key === 'services.container_name') warnContainerName(ctx, name, req);
  }
}

function describe(req: NameRequest): string {
  switch (req.key) {
    case 'services.links':
      return `link alias "${req.alias}" of service "${req.declaredBy}"`;
    case 'services.container_name':
      return `container_name "${req.alias}" of service "${req.target}"`;
    default:
      return `network alias "${req.alias}" of service "${req.target}"`;
  }
}

const WORKLOAD_KINDS = new Set(['Deployment', 'StatefulSet', 'DaemonSet', 'Job', 'CronJob']);

/**
 * What stays different about a container_name once its Service exists: the pod is not called
 * so. The warning says what to type instead of `docker logs <container_name>`.
 */
function warnContainerName(ctx: MapContext, name: string, req: NameRequest): void {
  const pod = sharedPodHosts(ctx.project).get(req.target) ?? req.target;
  const kube = ctx.serviceNames.get(pod) ?? pod;
  const workload = ctx.objects.find((m) => WORKLOAD_KINDS.has(m.object.kind) && m.object.metadata.name === kube)?.object;
  const ref = `${(workload?.kind ?? 'Deployment').toLowerCase()}/${kube}`;
  const container = pod === req.target ? '' : ` -c ${ctx.serviceNames.get(req.target) ?? req.target}`;
  ctx.diags.warn(
    'approximate',
    name === req.alias.toLowerCase()
      ? `service "${req.target}": container_name "${req.alias}" still resolves, through a Service "${name}" with the same pods and ports; the pods themselves get generated names (${kube}-...), so no pod is called "${req.alias}"`
      : `service "${req.target}": container_name "${req.alias}" is not a DNS name Kubernetes allows, so it resolves as "${name}", through a Service with the same pods and ports (values that name "${req.alias}" as a host are rewritten); the pods themselves get generated names (${kube}-...)`,
    req.loc,
    `where you ran \`docker logs ${req.alias}\` or \`docker exec -it ${req.alias} sh\`, run \`kubectl logs ${ref}${container}\` or \`kubectl exec -it ${ref}${container} -- sh\``,
  );
}

/** A copy of the target's in-cluster Service under another name (no node ports: they are cluster-wide). */
function emitAlias(ctx: MapContext, name: string, req: NameRequest, original: KubeObject | undefined): void {
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
  const detail = {
    'services.links': `"${req.declaredBy}" reaches "${req.target}" as "${req.alias}"; the name resolves for every service, not only for ${req.declaredBy}`,
    'services.container_name': `the container name of "${req.target}": it resolves to the same pods, on the same ports`,
    'services.networks.aliases': `another name of "${req.target}"; it resolves on every network, not only on the one that declares it`,
  }[req.key];
  const kind = { 'services.links': 'link', 'services.container_name': 'container_name', 'services.networks.aliases': 'network alias' }[req.key];
  ctx.add(alias.toJSON() as unknown as KubeObject, { what: `${kind} "${req.alias}" of service "${req.target}"`, loc: req.loc }, [
    { path: ['metadata', 'name'], loc: req.loc, key: req.key, detail },
  ]);
}

import type { Project, Service } from '../../compose/model.js';
import { locAt } from '../../compose/tree.js';
import type { Loc } from '../../util/loc.js';
import { locatedItems } from '../located.js';
import { dnsLabel } from '../names.js';

/**
 * A DNS name Compose resolves for a service besides its service name: its container_name, a
 * network alias, or the alias of a link. Each becomes one more Service (service-aliases.ts).
 */
export interface NameRequest {
  alias: string;
  /** The compose service the name leads to. */
  target: string;
  /** The service that declared it (the target, except for links: the linking one). */
  declaredBy: string;
  loc: Loc;
  key: 'services.container_name' | 'services.networks.aliases' | 'services.links';
}

/** Every such name of the project, service by service: container_name, then aliases, then links. */
export function nameRequests(services: readonly Service[]): NameRequest[] {
  const out: NameRequest[] = [];
  for (const svc of services) {
    if (svc.containerName !== undefined) {
      out.push({ alias: svc.containerName, target: svc.name, declaredBy: svc.name, loc: locAt(svc.node, 'container_name'), key: 'services.container_name' });
    }
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
 * The Service names users asked for, one way or another: every compose service's own name and the
 * names of its aliases. A Service the tool adds for its own reasons (`<name>-public`, the
 * governing Service of a StatefulSet) must never take one of them.
 */
export function requestedServiceNames(project: Project, serviceNames: ReadonlyMap<string, string>): ReadonlySet<string> {
  const known = requested.get(project);
  if (known) return known;
  const names = new Set(serviceNames.values());
  for (const req of nameRequests(Object.values(project.services))) names.add(dnsLabel(req.alias));
  requested.set(project, names);
  return names;
}

// Asked once per Service the tool adds; a loaded project never changes.
const requested = new WeakMap<Project, ReadonlySet<string>>();

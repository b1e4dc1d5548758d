import type { IHostAlias } from 'kubernetes-models/v1/HostAlias';
import type { IPodDNSConfigOption } from 'kubernetes-models/v1/PodDNSConfigOption';
import { entry } from '../../compose/tree.js';
import { keyLoc } from '../workloads/container.js';
import { note, type MapContext, type ServiceDraft, type ServiceTransform } from '../context.js';
import { judgeFidelity, settleFidelity } from '../fidelity.js';
import { locatedItems } from '../located.js';
import { dns1123Label, kubeName } from '../names.js';
import { mapNetworkPolicies } from './network-policies.js';
import { mapServiceAliases } from './service-aliases.js';

/**
 * hostname, domainname, extra_hosts, dns, dns_search, dns_opt, network_mode, networks, links,
 * container_name -> the pod's hostname, subdomain, hostAliases, dnsConfig and hostNetwork. Network
 * membership and aliases (container_name is one) are project-wide: mapProjectNetwork handles them
 * once every service is mapped.
 */
export const mapNetwork: ServiceTransform = (draft, ctx) => {
  mapHostname(draft, ctx);
  mapDomainname(draft, ctx);
  mapExtraHosts(draft, ctx);
  mapDns(draft, ctx);
  mapNetworkMode(draft, ctx);
  mapServiceNetworks(draft, ctx);
  mapLinks(draft, ctx);
  mapContainerName(draft, ctx);
};

/** Alias Services (container_name, network aliases, links) and NetworkPolicies, after every service is mapped. */
export function mapProjectNetwork(ctx: MapContext): void {
  mapServiceAliases(ctx);
  mapNetworkPolicies(ctx);
}

const IPV4 = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/;

export function isIp(s: string): boolean {
  if (IPV4.test(s)) return true;
  // IPv6: hex groups with at most one `::`, optionally ending in an IPv4 address.
  if (!/^[0-9a-fA-F:.]+$/.test(s) || !s.includes(':') || (s.match(/::/g) ?? []).length > 1) return false;
  const groups = s.split(':');
  if (!s.includes('::') && groups.includes('')) return false;
  const last = groups[groups.length - 1]!;
  const v4 = last.includes('.');
  if (v4 && !IPV4.test(last)) return false;
  const hex = (v4 ? groups.slice(0, -1) : groups).filter((g) => g !== '');
  const max = v4 ? 6 : 8;
  return hex.every((g) => /^[0-9a-fA-F]{1,4}$/.test(g)) && (s.includes('::') ? hex.length < max : hex.length === max);
}

/**
 * hostname -> the pod's hostname (Docker, like Kubernetes, makes it resolve inside the container
 * only: other services reach the service by its name, never by its hostname).
 */
function mapHostname(draft: ServiceDraft, ctx: MapContext): void {
  const svc = draft.service;
  if (svc.hostname === undefined) return;
  draft.consumed.add('hostname');
  // Empty (an unset variable): Docker keeps its default hostname, as the pod keeps its name.
  if (svc.hostname.trim() === '') return;
  const loc = keyLoc(draft, 'hostname');
  const [first = '', ...rest] = svc.hostname.split('.');
  const hostname = kubeName(ctx.diags, `hostname "${first}" of service "${svc.name}"`, first, loc, dns1123Label);
  draft.pod.hostname = hostname;
  note(draft, 'pod', ['hostname'], loc, 'services.hostname');
  if (rest.length > 0) {
    ctx.diags.warn(
      'approximate',
      `service "${svc.name}": a pod's hostname is one DNS label, so \`hostname\` prints "${hostname}" instead of "${svc.hostname}"`,
      loc,
      'read the full name from an environment variable if the application needs it',
    );
  }
}

/** domainname -> the pod's subdomain, the only part of a pod's full name it can choose. */
function mapDomainname(draft: ServiceDraft, ctx: MapContext): void {
  const svc = draft.service;
  if (svc.domainname === undefined) return;
  draft.consumed.add('domainname');
  if (svc.domainname.trim() === '') return settleFidelity(ctx, svc, 'services.domainname');
  const loc = keyLoc(draft, 'domainname');
  const subdomain = dns1123Label(svc.domainname.split('.')[0] ?? '');
  draft.pod.subdomain = subdomain;
  // Warned here with the subdomain it became.
  settleFidelity(ctx, svc, 'services.domainname');
  note(draft, 'pod', ['subdomain'], loc, 'services.domainname');
  ctx.diags.warn(
    'approximate',
    `service "${svc.name}": domainname "${svc.domainname}" becomes the pod's subdomain "${subdomain}": its full name is <hostname>.${subdomain}.<namespace>.svc.<cluster domain>`,
    loc,
    `create a headless Service named "${subdomain}" if other pods must resolve that name`,
  );
}

/** extra_hosts -> hostAliases, one entry per address (Kubernetes writes them to /etc/hosts like Docker). */
function mapExtraHosts(draft: ServiceDraft, ctx: MapContext): void {
  const svc = draft.service;
  if (svc.extraHosts.length === 0) return;
  draft.consumed.add('extra_hosts');
  const byIp = new Map<string, string[]>();
  for (const h of svc.extraHosts) {
    if (h.ip === 'host-gateway') {
      ctx.diags.warn(
        'unsupported',
        `service "${svc.name}": extra host "${h.hostname}" points at host-gateway (the Docker host), which has no fixed address in a cluster; it is left out`,
        h.loc,
        'reach a program on the node through the downward API (status.hostIP in an environment variable), or give the machine a Service without selector and an EndpointSlice',
      );
      continue;
    }
    if (!isIp(h.ip)) {
      ctx.diags.error('invalid-value', `service "${svc.name}": extra host "${h.hostname}" maps to "${h.ip}", which is not an IP address`, h.loc);
      continue;
    }
    const names = byIp.get(h.ip) ?? [];
    // Names in /etc/hosts match in any case; hostAliases only take lower case.
    const hostname = h.hostname.toLowerCase();
    if (!names.includes(hostname)) names.push(hostname);
    byIp.set(h.ip, names);
  }
  if (byIp.size === 0) return;
  const aliases: IHostAlias[] = [...byIp].map(([ip, hostnames]) => ({ ip, hostnames }));
  draft.pod.hostAliases = aliases;
  note(draft, 'pod', ['hostAliases'], keyLoc(draft, 'extra_hosts'), 'services.extra_hosts');
}

/**
 * dns, dns_search, dns_opt -> dnsConfig on top of the cluster DNS. Compose keeps resolving
 * service names with its own DNS server and forwards other names to the given servers;
 * dnsPolicy None would lose the service names, so the cluster DNS stays first.
 */
function mapDns(draft: ServiceDraft, ctx: MapContext): void {
  const svc = draft.service;
  const servers = locatedItems(svc, 'dns');
  const searches = locatedItems(svc, 'dns_search');
  const opts = locatedItems(svc, 'dns_opt');
  for (const key of ['dns', 'dns_search', 'dns_opt']) if (entry(svc.node, key)) draft.consumed.add(key);
  // Warned below with the servers that are kept.
  if (servers.length > 0) settleFidelity(ctx, svc, 'services.dns');
  const nameservers: string[] = [];
  for (const s of servers) {
    if (!isIp(s.value)) ctx.diags.error('invalid-value', `service "${svc.name}": DNS server "${s.value}" is not an IP address`, s.loc);
    else if (nameservers.length === 2) {
      ctx.diags.warn('approximate', `service "${svc.name}": DNS server ${s.value} is left out: a pod's resolv.conf holds three servers and the cluster DNS is the first`, s.loc);
    } else if (!nameservers.includes(s.value)) nameservers.push(s.value);
  }
  const options: IPodDNSConfigOption[] = opts.map(({ value }) => {
    const i = value.indexOf(':');
    return i < 0 ? { name: value.trim() } : { name: value.slice(0, i).trim(), value: value.slice(i + 1).trim() };
  });
  const searchList = searches.map((s) => s.value.trim()).filter((s) => s !== '' && s !== '.');
  if (nameservers.length === 0 && searchList.length === 0 && options.length === 0) return;
  draft.pod.dnsConfig = {
    ...(nameservers.length > 0 ? { nameservers } : {}),
    ...(searchList.length > 0 ? { searches: searchList } : {}),
    ...(options.length > 0 ? { options } : {}),
  };
  if (nameservers.length > 0) {
    note(draft, 'pod', ['dnsConfig', 'nameservers'], keyLoc(draft, 'dns'), 'services.dns');
    ctx.diags.warn(
      'approximate',
      `service "${svc.name}": the DNS servers ${nameservers.join(', ')} come after the cluster DNS, which answers every name it can (Compose asks them for every name it does not know)`,
      keyLoc(draft, 'dns'),
      'if they serve private names, make the cluster DNS forward those domains to them (a CoreDNS `forward` block)',
    );
  }
  if (searchList.length > 0) note(draft, 'pod', ['dnsConfig', 'searches'], keyLoc(draft, 'dns_search'), 'services.dns_search');
  if (options.length > 0) note(draft, 'pod', ['dnsConfig', 'options'], keyLoc(draft, 'dns_opt'), 'services.dns_opt');
}

/** host, none and bridge; service:<name> and container:<name> belong to pod-sharing.ts. */
function mapNetworkMode(draft: ServiceDraft, ctx: MapContext): void {
  const svc = draft.service;
  const mode = svc.networkMode;
  if (mode === undefined || /^(service|container):/.test(mode)) return;
  draft.consumed.add('network_mode');
  const loc = keyLoc(draft, 'network_mode');
  if (mode === 'host') {
    draft.pod.hostNetwork = true;
    // Without it a host-network pod resolves names like the node does and loses the service names.
    draft.pod.dnsPolicy = 'ClusterFirstWithHostNet';
    note(draft, 'pod', ['hostNetwork'], loc, 'services.network_mode', 'network_mode: host');
    ctx.diags.warn(
      'insecure',
      `service "${svc.name}" uses the node's network (network_mode: host), as with Docker: it can bind any port of the node and see its traffic; namespaces that enforce the Pod Security "baseline" or "restricted" level reject this pod`,
      loc,
      'publish ports instead, unless the service must see the host network',
    );
  } else if (mode === 'bridge') {
    ctx.diags.warn(
      'approximate',
      `service "${svc.name}": network_mode: bridge (Docker's default bridge) becomes the cluster network, where the service also resolves other services by name`,
      loc,
    );
  } else if (mode === 'none' && ctx.options.networkPolicies === false) {
    ctx.diags.warn(
      'approximate',
      `service "${svc.name}" has no network in Compose (network_mode: none); without NetworkPolicies its pod can connect and be reached`,
      loc,
      'leave NetworkPolicies on (drop --no-network-policies) to isolate it',
    );
  }
}

/**
 * The per-network settings (aliases, fixed addresses) are judged by their rows and by service-aliases.ts.
 * A network the project does not declare is refused, as Compose refuses it ("refers to undefined network").
 */
function mapServiceNetworks(draft: ServiceDraft, ctx: MapContext): void {
  const svc = draft.service;
  if (!entry(svc.node, 'networks')) return;
  draft.consumed.add('networks');
  for (const [name, n] of Object.entries(svc.networks)) {
    if (name === 'default' || ctx.project.networks[name]) continue;
    ctx.diags.error('undefined-reference', `service "${svc.name}" is on network "${name}", which is not declared under the top-level networks`, n.loc, `add \`${name}:\` under \`networks:\``);
  }
}

/**
 * Link aliases become Services (service-aliases.ts); a link without alias needs nothing. A link to
 * a service the project does not have is refused, as Compose refuses it (a link is a dependency).
 */
function mapLinks(draft: ServiceDraft, ctx: MapContext): void {
  const svc = draft.service;
  if (!entry(svc.node, 'links')) return;
  draft.consumed.add('links');
  for (const link of locatedItems(svc, 'links')) {
    const target = link.value.split(':')[0]!;
    if (!ctx.project.services[target]) {
      ctx.diags.error('undefined-reference', `service "${svc.name}" links to service "${target}", which is not defined`, link.loc, `define "${target}" under services, or remove the link`);
    }
  }
  if (!locatedItems(svc, 'links').some((l) => l.value.includes(':'))) settleFidelity(ctx, svc, 'services.links');
}

/**
 * container_name becomes a Service of its own (service-aliases.ts), which says what stays
 * different. One that is the service name, in any case, already resolves: nothing to say.
 */
function mapContainerName(draft: ServiceDraft, ctx: MapContext): void {
  const svc = draft.service;
  if (svc.containerName === undefined) return;
  draft.consumed.add('container_name');
  settleFidelity(ctx, svc, 'services.container_name');
  const name = svc.containerName.toLowerCase();
  if (name === svc.name.toLowerCase() || name === draft.name) judgeFidelity(ctx, 'services.container_name', keyLoc(draft, 'container_name'), 'exact');
}

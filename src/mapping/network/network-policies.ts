import { NetworkPolicy } from '../kube-models.js';
import type { INetworkPolicyPort } from 'kubernetes-models/networking.k8s.io/v1/NetworkPolicyPort';
import type { INetworkPolicySpec } from 'kubernetes-models/networking.k8s.io/v1/NetworkPolicySpec';
import type { IIoK8sApimachineryPkgApisMetaV1LabelSelector as ILabelSelector } from '@kubernetes-models/apimachinery/apis/meta/v1/LabelSelector';
import type { Project, Service } from '../../compose/model.js';
import { entry, get, isMap } from '../../compose/tree.js';
import type { Loc } from '../../util/loc.js';
import type { KubeObject, MapContext, Note } from '../context.js';
import { settleProjectFidelity } from '../fidelity.js';
import { dnsLabel, uniqueName } from '../names.js';
import { joinedService } from '../workloads/pod-sharing.js';
import { exposureOf } from './services.js';

/**
 * Where a service sits on the compose networks: a list of networks, the node's network, or none.
 * A service that declares no network is on `default`; `network_mode: service:x` (or `container:`
 * naming a container of x) shares x's place.
 */
export type Membership = { networks: string[] } | { host: true } | { none: true };

export function memberships(project: Project): Map<string, Membership> {
  const out = new Map<string, Membership>();
  const of = (svc: Service, seen: Set<string>): Membership => {
    const known = out.get(svc.name);
    if (known) return known;
    const mode = svc.networkMode;
    let m: Membership;
    if (mode === undefined) m = { networks: Object.keys(svc.networks).length > 0 ? Object.keys(svc.networks) : ['default'] };
    else if (mode === 'host') m = { host: true };
    else if (mode === 'none') m = { none: true };
    else if (mode.startsWith('service:') || mode.startsWith('container:')) {
      const joined = joinedService(project, mode);
      const other = joined === undefined ? undefined : project.services[joined];
      m = other && !seen.has(other.name) ? of(other, new Set([...seen, svc.name])) : { networks: [] };
    }
    else m = { networks: [mode] };
    out.set(svc.name, m);
    return m;
  };
  for (const svc of Object.values(project.services)) of(svc, new Set());
  return out;
}

/**
 * Whether the compose networks keep some services apart (so NetworkPolicies are needed to behave
 * alike): two services without a common network, an internal network, or a service without network.
 */
export function isolationReason(project: Project, members: Map<string, Membership>): string | undefined {
  for (const [name, m] of members) if ('none' in m) return `service "${name}" has no network`;
  return networkIsolation(project, members);
}

/** What the compose networks themselves keep apart (`network_mode: none` is reported at its key by network.ts). */
function networkIsolation(project: Project, members: Map<string, Membership>): string | undefined {
  const lists = [...members].flatMap(([name, m]) => ('networks' in m ? [[name, m.networks] as const] : []));
  const apart = apartPair(lists);
  if (apart) return `services "${apart[0]}" and "${apart[1]}" share no network`;
  const internal = Object.values(project.networks).find((n) => n.internal && lists.some(([, nets]) => nets.includes(n.name)));
  return internal ? `network "${internal.name}" is internal` : undefined;
}

/**
 * The first two services, in the order of `lists` (the first name sorting before the second),
 * without a common network. Services on the same networks behave alike, so each kind of
 * membership is compared with each other once: a project has a handful, whatever its size.
 */
function apartPair(lists: readonly (readonly [string, readonly string[]])[]): [string, string] | undefined {
  const kinds = lists.map(([, nets]) => JSON.stringify([...new Set(nets)].sort()));
  const netsOf = new Map(kinds.map((kind, i) => [kind, lists[i]![1]]));
  const apartKinds = new Map<string, Set<string>>();
  for (const [kind, na] of netsOf) {
    apartKinds.set(kind, new Set([...netsOf].filter(([, nb]) => !na.some((n) => nb.includes(n))).map(([other]) => other)));
  }
  for (let i = 0; i < lists.length; i++) {
    const apart = apartKinds.get(kinds[i]!)!;
    if (apart.size === 0) continue;
    const a = lists[i]![0];
    for (let j = 0; j < lists.length; j++) {
      const b = lists[j]![0];
      if (a < b && apart.has(kinds[j]!)) return [a, b];
    }
  }
  return undefined;
}

/**
 * Compose networks -> NetworkPolicies with the same isolation: pods accept connections only from
 * pods on a common network, and on their published ports from anywhere; services on internal
 * networks only reach their networks (and DNS). On by default when the networks isolate
 * something; `networkPolicies` forces them on or off.
 */
export function mapNetworkPolicies(ctx: MapContext): void {
  const { project } = ctx;
  const members = memberships(project);
  const reason = isolationReason(project, members);
  const enabled = ctx.options.networkPolicies ?? reason !== undefined;
  if (!enabled) {
    // Without policies the row's caveat (a plugin must enforce them) does not apply: either the
    // networks isolate nothing, so one flat network behaves the same, or the warning below says
    // what is lost.
    settleProjectFidelity(ctx, 'networks');
    const lost = networkIsolation(project, members);
    if (lost !== undefined) {
      ctx.diags.warn(
        'approximate',
        `the compose networks keep services apart (${lost}), but without NetworkPolicies every pod can connect to every other`,
        entry(project.node, 'networks')?.keyLoc ?? firstServiceLoc(project),
        'leave NetworkPolicies on (drop --no-network-policies); they need a network plugin that enforces them',
      );
    }
    return;
  }
  // The selector of each service's pods: a service that shares another's pod selects that pod.
  const selectors = new Map<string, Record<string, string>>();
  for (const svc of Object.values(project.services)) {
    const exposure = exposureOf(ctx, svc.name);
    if (exposure) selectors.set(svc.name, exposure.selector);
  }
  if (selectors.size === 0) return;
  const names = new Set<string>();
  const add = (raw: string, spec: INetworkPolicySpec, origin: { what: string; loc: Loc }, notes: Note[]) => {
    const policy = new NetworkPolicy({ metadata: { name: uniqueName(names, raw, dnsLabel), labels: projectLabels(ctx) }, spec });
    ctx.add(policy.toJSON() as unknown as KubeObject, origin, notes);
  };
  const select = (services: string[]) => podSelector(uniqueSelectors(services.map((s) => selectors.get(s)).filter((s) => s !== undefined)));

  const projectLoc = entry(project.node, 'networks')?.keyLoc ?? firstServiceLoc(project);
  add(
    'default-deny-ingress',
    // Host-network pods are outside the reach of NetworkPolicies, as they are outside compose networks.
    { podSelector: select([...selectors.keys()].filter((s) => !('host' in members.get(s)!))), policyTypes: ['Ingress'] },
    { what: `the networks of project "${project.name}"`, loc: projectLoc },
    [{ path: ['spec', 'policyTypes'], loc: projectLoc, key: 'networks', detail: 'nothing reaches a pod of the project unless a policy below allows it' }],
  );

  for (const [network, users] of networkMembers(members)) {
    const def = project.networks[network];
    const loc = def?.loc ?? networkLoc(project, users[0]!, network);
    const pods = select(users);
    const from = def?.external ? [{ podSelector: {} }] : [{ podSelector: pods }];
    add(
      `network-${network}`,
      { podSelector: pods, policyTypes: ['Ingress'], ingress: [{ from }] },
      { what: `network "${network}"`, loc },
      [
        {
          path: ['spec', 'ingress'],
          loc,
          key: def?.external ? 'networks.external' : 'networks',
          detail: def?.external ? `any pod of the namespace stands for the containers outside the project that share it; members: ${users.join(', ')}` : `members: ${users.join(', ')}`,
        },
      ],
    );
    if (def?.internal) {
      // Only services with no way out through another network lose their egress.
      const confined = users.filter((s) => {
        const m = members.get(s)!;
        return 'networks' in m && m.networks.every((n) => project.networks[n]?.internal);
      });
      if (confined.length === 0) continue;
      const dns: INetworkPolicyPort[] = [
        { port: 53, protocol: 'UDP' },
        { port: 53, protocol: 'TCP' },
      ];
      add(
        `network-${network}-egress`,
        { podSelector: select(confined), policyTypes: ['Egress'], egress: [{ to: [{ podSelector: pods }] }, { ports: dns }] },
        { what: `internal network "${network}"`, loc },
        [{ path: ['spec', 'egress'], loc: internalLoc(project, network) ?? loc, key: 'networks.internal', detail: `${confined.join(', ')} reach only ${network} and DNS` }],
      );
    }
  }

  for (const svc of Object.values(project.services)) {
    const m = members.get(svc.name)!;
    if ('host' in m || !selectors.has(svc.name)) continue;
    const pods = select([svc.name]);
    const name = ctx.serviceNames.get(svc.name)!;
    if ('none' in m) {
      const loc = entry(svc.node, 'network_mode')?.keyLoc ?? svc.loc;
      add(
        `${name}-no-network`,
        { podSelector: pods, policyTypes: ['Ingress', 'Egress'] },
        { what: `service "${svc.name}"`, loc },
        [{ path: ['spec', 'policyTypes'], loc, key: 'services.network_mode', detail: 'network_mode: none; only loopback stays usable' }],
      );
      continue;
    }
    const open = exposureOf(ctx, svc.name)?.open ?? [];
    if (open.length === 0) continue;
    const loc = entry(svc.node, 'ports')?.keyLoc ?? svc.loc;
    add(
      `${name}-published`,
      { podSelector: pods, policyTypes: ['Ingress'], ingress: [{ ports: portRanges(open) }] },
      { what: `published ports of service "${svc.name}"`, loc },
      [{ path: ['spec', 'ingress'], loc, key: 'services.ports.published', detail: 'published ports accept connections from anywhere, as on the Docker host' }],
    );
  }
}

/** The labels every object of the project carries, without the one that names a service. */
function projectLabels(ctx: MapContext): Record<string, string> {
  const labels = ctx.labelsFor(ctx.project.name);
  delete labels['app.kubernetes.io/name'];
  return labels;
}

function firstServiceLoc(project: Project): Loc {
  return Object.values(project.services)[0]!.loc;
}

/** Network name -> its member services, in the order the project declares networks, then first use. */
function networkMembers(members: Map<string, Membership>): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const [svc, m] of members) {
    if (!('networks' in m)) continue;
    for (const n of m.networks) {
      const list = out.get(n);
      if (list) list.push(svc);
      else out.set(n, [svc]);
    }
  }
  return new Map([...out].sort(([a], [b]) => a.localeCompare(b)));
}

function networkLoc(project: Project, service: string, network: string): Loc {
  const svc = project.services[service]!;
  return svc.networks[network]?.loc ?? entry(svc.node, 'network_mode')?.keyLoc ?? svc.loc;
}

function internalLoc(project: Project, network: string): Loc | undefined {
  const def = get(get(project.node, 'networks'), network);
  return isMap(def) ? entry(def, 'internal')?.keyLoc : undefined;
}

function uniqueSelectors(selectors: Record<string, string>[]): Record<string, string>[] {
  const seen = new Map(selectors.map((s) => [JSON.stringify(Object.entries(s).sort()), s]));
  return [...seen.values()];
}

/**
 * A selector for the pods of several services: the labels they share as matchLabels, the one
 * that tells them apart as an `In` expression.
 */
function podSelector(selectors: Record<string, string>[]): ILabelSelector {
  if (selectors.length === 1) return { matchLabels: { ...selectors[0] } };
  const keys = [...new Set(selectors.flatMap((s) => Object.keys(s)))].sort();
  const matchLabels: Record<string, string> = {};
  const matchExpressions: { key: string; operator: string; values: string[] }[] = [];
  for (const key of keys) {
    const values = [...new Set(selectors.map((s) => s[key]))];
    if (values.length === 1 && values[0] !== undefined) matchLabels[key] = values[0];
    else matchExpressions.push({ key, operator: 'In', values: values.filter((v): v is string => v !== undefined).sort() });
  }
  return { matchLabels, ...(matchExpressions.length > 0 ? { matchExpressions } : {}) };
}

/** Ports as NetworkPolicy ports; consecutive numbers of one protocol become a range. */
function portRanges(ports: { port: number; protocol: string }[]): INetworkPolicyPort[] {
  const sorted = [...ports].sort((a, b) => a.protocol.localeCompare(b.protocol) || a.port - b.port);
  const out: INetworkPolicyPort[] = [];
  for (const p of sorted) {
    const last = out[out.length - 1];
    const end = last ? ((last.endPort ?? last.port) as number) : -1;
    if (last && last.protocol === p.protocol && p.port === end + 1) last.endPort = p.port;
    else if (!last || last.protocol !== p.protocol || p.port !== end) out.push({ port: p.port, protocol: p.protocol as 'TCP' | 'UDP' | 'SCTP' });
  }
  return out;
}

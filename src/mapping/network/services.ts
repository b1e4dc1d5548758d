import { Service as KubeService } from '../kube-models.js';
import type { IContainerPort } from 'kubernetes-models/v1/ContainerPort';
import type { IServicePort } from 'kubernetes-models/v1/ServicePort';
import type { PortConfig, Service } from '../../compose/model.js';
import type { Loc } from '../../util/loc.js';
import { keyLoc } from '../workloads/container.js';
import { note, type KubeObject, type MapContext, type Note, type ServiceDraft, type ServiceTransform, type ServiceType } from '../context.js';
import { serviceHints, type Hint, type KubeHints } from '../hints/extension.js';
import { sharedPodHosts } from '../workloads/pod-sharing.js';
import { kindReasonOf } from '../workloads/workloads.js';
import { settleFidelity } from '../fidelity.js';
import { dnsLabel, portName, uniqueName } from '../names.js';
import { requestedServiceNames } from './dns-names.js';

export type Protocol = 'TCP' | 'UDP' | 'SCTP';

/** A container port and the ways Compose made it reachable. */
interface PortPlan {
  containerPort: number;
  protocol: Protocol;
  /** Numbers the in-cluster Service answers on: the container port and the published numbers. */
  servicePorts: Set<number>;
  /** Published numbers to expose outside the cluster (0: any port). */
  external: Set<number>;
  hostPort?: { port: number; ip?: string };
  /** Published in any way, even on loopback only. */
  published: boolean;
  /** The host port numbers it is published on (not 0), with the `ports` entry of each. */
  publishedAt: Map<number, Loc>;
  name?: string;
  appProtocol?: string;
  loc: Loc;
  key: string;
}

export interface ExposedPort {
  port: number;
  protocol: Protocol;
  /** Name of the container port (and of the Service port with the same number). */
  name: string;
  appProtocol?: string;
  published: boolean;
}

/**
 * What the Services of one compose service look like, for the transforms and passes that come
 * after (Ingress, alias Services, NetworkPolicies).
 */
export interface Exposure {
  /** The in-cluster Service: named like the compose service. */
  serviceName: string;
  /** The labels that select the pods of the service (those of another pod when it shares one). */
  selector: Record<string, string>;
  headless: boolean;
  /** Container ports in Service order; the in-cluster Service answers on each of them by number. */
  ports: ExposedPort[];
  /** Container ports that clients outside the project reach (published ports, Ingress targets). */
  open: { port: number; protocol: Protocol }[];
  /** The NodePort/LoadBalancer Service when it is not the in-cluster one. */
  publicService?: string;
  /** The headless Service that governs a StatefulSet, when the in-cluster one is not headless. */
  governingService?: string;
}

const EXPOSURES = new WeakMap<MapContext, Map<string, Exposure>>();
/** Node ports are cluster-wide: two Services cannot fix the same one. */
const NODE_PORTS = new WeakMap<MapContext, Map<number, string>>();

function exposures(ctx: MapContext): Map<string, Exposure> {
  let m = EXPOSURES.get(ctx);
  if (!m) EXPOSURES.set(ctx, (m = new Map()));
  return m;
}

/** The Services of a compose service, once mapPorts has run for it. */
export function exposureOf(ctx: MapContext, composeName: string): Exposure | undefined {
  return exposures(ctx).get(composeName);
}

/** Every Service name the project's services use so far (in-cluster, public, governing), with the compose service it belongs to. */
export function serviceObjectOwners(ctx: MapContext): Map<string, string> {
  const owners = new Map<string, string>();
  for (const [compose, kube] of ctx.serviceNames) owners.set(kube, compose);
  for (const [compose, e] of exposures(ctx)) {
    if (e.publicService) owners.set(e.publicService, compose);
    if (e.governingService) owners.set(e.governingService, compose);
  }
  return owners;
}

/**
 * The name of a Service the tool adds (`<name>-public`, `<name>-headless`): `base`, or `base-2`...
 * when a Service of the project, or a name users asked for (a container_name, an alias), has it.
 */
export function addedServiceName(ctx: MapContext, base: string): string {
  const used = new Set([...serviceObjectOwners(ctx).keys(), ...requestedServiceNames(ctx.project, ctx.serviceNames)]);
  return uniqueName(used, base, (raw) => dnsLabel(raw));
}

/**
 * The most container ports one service gets on its container and Service. Kubernetes refuses a
 * Service's endpoints beyond 20 000 ports (EndpointSlice validation), but far earlier `kubectl
 * apply` fails (it keeps the applied object in an annotation of at most 256 KiB: a few thousand
 * ports), every Service port costs kube-proxy rules on every node, and cloud load balancers take
 * a few dozen ports. Port ranges (`10000-60000/udp`) are what reaches it.
 */
export const MAX_PORTS = 1000;

const NODE_PORT_RANGE = { min: 30000, max: 32767 };
const ANY_ADDRESS = new Set(['0.0.0.0', '::', '[::]', '']);
const isLoopback = (ip: string) => /^127\./.test(ip) || ip === '::1' || ip === 'localhost';

/**
 * ports, expose -> containerPorts and a Service named exactly like the compose service, so
 * `<service>:<container port>` keeps working; a published port also keeps its number on the
 * Service (for `kubectl port-forward`). Published ports go outside the cluster through a NodePort
 * or LoadBalancer Service when asked for. A service without ports gets a headless Service so its
 * name still resolves.
 */
export const mapPorts: ServiceTransform = (draft, ctx) => {
  const svc = draft.service;
  const hints = serviceHints(svc, ctx.diags);
  const overflow = portOverflow(svc);
  if (overflow) {
    mapTooManyPorts(draft, ctx, overflow);
    return;
  }
  const plans = new Map<string, PortPlan>();
  const bound = new HostAddresses();
  const plan = (port: number, protocol: Protocol, loc: Loc, key: string): PortPlan => {
    const id = `${port}/${protocol}`;
    let p = plans.get(id);
    if (!p) {
      p = { containerPort: port, protocol, servicePorts: new Set([port]), external: new Set(), published: false, publishedAt: new Map(), loc, key };
      plans.set(id, p);
    }
    return p;
  };
  for (const port of svc.ports) {
    const p = plan(port.target, port.protocol.toUpperCase() as Protocol, port.loc, 'services.ports');
    if (port.name && !p.name) p.name = port.name;
    if (port.appProtocol) {
      const app = appProtocol(port.appProtocol);
      if (app) p.appProtocol = app;
      else {
        ctx.diags.warn(
          'invalid-value',
          `service "${svc.name}": app_protocol "${port.appProtocol}" of port ${port.target} is not a protocol name Kubernetes accepts; it is left out`,
          port.loc,
          'use an IANA service name such as http or grpc, or a domain-prefixed name such as example.com/proto',
        );
      }
    }
    if (port.published !== undefined) publish(p, port, draft, ctx, bound);
  }
  for (const ex of svc.expose) {
    const [first, last = first] = ex.port.split('-').map(Number) as [number, number?];
    for (let n = first; n <= last; n++) plan(n, ex.protocol.toUpperCase() as Protocol, ex.loc, 'services.expose');
  }
  bound.warn(draft, ctx);
  if (svc.ports.length > 0) draft.consumed.add('ports');
  if (svc.expose.length > 0) draft.consumed.add('expose');

  const ordered = [...plans.values()].sort((a, b) => a.containerPort - b.containerPort || a.protocol.localeCompare(b.protocol));
  const clashes = takenNumbers(ordered, draft, ctx);

  const usedNames = new Set<string>();
  const containerPorts: IContainerPort[] = [];
  const servicePorts: IServicePort[] = [];
  const serviceNotes: Note[] = [];
  const exposed: ExposedPort[] = [];
  const names = new Map<PortPlan, string>();
  for (const p of ordered) {
    const cname = uniqueName(usedNames, p.name ?? `${p.protocol.toLowerCase()}-${p.containerPort}`, portName);
    names.set(p, cname);
    const cp: IContainerPort = { name: cname, containerPort: p.containerPort, protocol: p.protocol };
    if (p.hostPort) {
      cp.hostPort = p.hostPort.port;
      if (p.hostPort.ip) cp.hostIP = p.hostPort.ip;
      note(draft, 'container', ['ports', containerPorts.length, 'hostPort'], p.loc, 'services.ports.mode');
    }
    note(draft, 'container', ['ports', containerPorts.length], p.loc, p.key);
    containerPorts.push(cp);
    exposed.push({ port: p.containerPort, protocol: p.protocol, name: cname, published: p.published, ...(p.appProtocol ? { appProtocol: p.appProtocol } : {}) });
  }
  for (const p of ordered) {
    for (const number of [...p.servicePorts].sort((a, b) => a - b)) {
      const own = number === p.containerPort;
      const sp: IServicePort = {
        name: own ? names.get(p)! : uniqueName(usedNames, `${p.protocol.toLowerCase()}-${number}`, portName),
        port: number,
        targetPort: p.containerPort,
        protocol: p.protocol,
      };
      if (p.appProtocol) sp.appProtocol = p.appProtocol;
      serviceNotes.push({
        path: ['spec', 'ports', servicePorts.length],
        loc: p.loc,
        key: own && p.appProtocol ? 'services.ports.app_protocol' : p.key,
        ...(own ? {} : { detail: `published port ${number} kept for port-forward and load balancers` }),
      });
      servicePorts.push(sp);
    }
  }
  if (containerPorts.length > 0) draft.container.ports = containerPorts;

  const open = ordered.filter((p) => p.external.size > 0 || p.hostPort).map((p) => ({ port: p.containerPort, protocol: p.protocol }));
  const exposure: Exposure = { serviceName: draft.name, selector: { ...draft.selector }, headless: false, ports: exposed, open };
  exposures(ctx).set(svc.name, exposure);
  emitServices(draft, ctx, hints, exposure, { ordered, names, servicePorts, serviceNotes, clashes });
  emitGoverningService(draft, ctx, exposure);
};

/**
 * A StatefulSet names a governing Service, and only a headless one gives each pod its DNS name
 * (`db-0.<governing>`). When the compose name is a normal Service (load balanced to ready pods, as
 * `db:5432` behaves today), a second, headless Service `<name>-headless` governs the pods. It
 * lists the container ports (for SRV records) and publishes pods that are not ready yet, as a
 * compose network resolves a container as soon as it runs: members of a cluster find each other
 * while they start.
 */
function emitGoverningService(draft: ServiceDraft, ctx: MapContext, exposure: Exposure): void {
  // A guest runs in the pod of another service: that one's workload is emitted, not the guest's.
  if (draft.kind !== 'StatefulSet' || exposure.headless || sharedPodHosts(ctx.project).has(draft.service.name)) return;
  const name = addedServiceName(ctx, `${draft.name}-headless`);
  exposure.governingService = name;
  const reason = kindReasonOf(draft);
  const loc = reason?.loc ?? draft.service.loc;
  const key = reason?.key ?? 'services';
  const ports: IServicePort[] = exposure.ports.map((p) => ({ name: p.name, port: p.port, targetPort: p.port, protocol: p.protocol, ...(p.appProtocol ? { appProtocol: p.appProtocol } : {}) }));
  const service = new KubeService({
    metadata: { name, labels: { ...draft.labels } },
    spec: { clusterIP: 'None', publishNotReadyAddresses: true, selector: { ...draft.selector }, ...(ports.length > 0 ? { ports } : {}) },
  });
  ctx.add(service.toJSON() as unknown as KubeObject, { what: `StatefulSet of service "${draft.service.name}"`, loc }, [
    { path: ['metadata', 'name'], loc, key, detail: `governs the StatefulSet ${draft.name}: each pod resolves as <pod>.${name} (${draft.name}-0.${name}); "${draft.name}" stays the load-balanced Service` },
    { path: ['spec', 'publishNotReadyAddresses'], loc, key, detail: 'pods resolve once they run, before they are ready, as containers do on a compose network' },
  ]);
  draft.workloadSpec.serviceName = name;
  note(draft, 'object', ['spec', 'serviceName'], loc, key, `the headless Service ${name} gives each pod a DNS name`);
}

/** The `ports` or `expose` entry that takes the service past MAX_PORTS container ports, and how many it has. */
function portOverflow(svc: Service): { loc: Loc; count: number } | undefined {
  const ids = new Set<string>();
  let loc: Loc | undefined;
  const add = (port: number, protocol: string, at: Loc) => {
    ids.add(`${port}/${protocol}`);
    if (loc === undefined && ids.size > MAX_PORTS) loc = at;
  };
  for (const port of svc.ports) add(port.target, port.protocol, port.loc);
  for (const ex of svc.expose) {
    const [first, last = first] = ex.port.split('-').map(Number) as [number, number?];
    for (let n = first; n <= last; n++) add(n, ex.protocol, ex.loc);
  }
  return loc === undefined ? undefined : { loc, count: ids.size };
}

/**
 * More ports than a Service should carry: a headless Service without ports instead. Its name
 * resolves to the pods, which answer on every port, as on a compose network; container ports only
 * document what a container listens on, so none are listed. Nothing is published outside the cluster.
 */
function mapTooManyPorts(draft: ServiceDraft, ctx: MapContext, overflow: { loc: Loc; count: number }): void {
  const svc = draft.service;
  if (svc.ports.length > 0) draft.consumed.add('ports');
  if (svc.expose.length > 0) draft.consumed.add('expose');
  // On the node's network every port is a port of the node already.
  const published = svc.networkMode !== 'host' && svc.ports.some((p) => p.published !== undefined);
  ctx.diags.warn(
    'too-many-ports',
    `service "${svc.name}" has ${overflow.count} ports, more than ${MAX_PORTS}: a Service listing them all is too large to apply and to route, so its Service is headless and lists none (the name resolves to the pods, which answer on every port)${published ? '; the published ports are not reachable from outside the cluster' : ''}`,
    overflow.loc,
    published ? 'publish fewer ports, or run the service on the node\'s network (network_mode: host) where a port range needs no Service' : 'list fewer ports: other services reach every port of the pods anyway',
  );
  exposures(ctx).set(svc.name, { serviceName: draft.name, selector: { ...draft.selector }, headless: true, ports: [], open: [] });
  const service = new KubeService({ metadata: { name: draft.name, labels: { ...draft.labels } }, spec: { clusterIP: 'None', selector: { ...draft.selector } } });
  ctx.add(service.toJSON() as unknown as KubeObject, { what: `service "${svc.name}"`, loc: overflow.loc }, [
    { path: ['spec', 'clusterIP'], loc: overflow.loc, key: 'services', detail: `headless: ${overflow.count} ports are too many to list; the name resolves to the pods, on every port` },
  ]);
}

/** A published port: on the node (mode host), on the Service, or only for port-forward (loopback). */
function publish(p: PortPlan, port: PortConfig, draft: ServiceDraft, ctx: MapContext, bound: HostAddresses): void {
  const svc = draft.service;
  const m = /^(\d+)(?:-(\d+))?$/.exec(port.published!.trim());
  if (!m) {
    ctx.diags.error('invalid-value', `service "${svc.name}": published port "${port.published}" is not a port number or a range like 8000-8010`, port.loc);
    return;
  }
  const first = Number(m[1]);
  const last = m[2] === undefined ? first : Number(m[2]);
  p.published = true;
  // A published number of 0 means "any free host port" in Compose: nothing to keep.
  if (first > 0) {
    p.servicePorts.add(first);
    if (!p.publishedAt.has(first)) p.publishedAt.set(first, port.loc);
  }
  if (last !== first) {
    ctx.diags.warn(
      'approximate',
      `service "${svc.name}" publishes container port ${port.target} on a host port range ${port.published}; Compose picks one free port of the range, the Service answers on ${first}`,
      port.loc,
    );
  }
  const hostIp = port.hostIp !== undefined && !ANY_ADDRESS.has(port.hostIp) ? port.hostIp.replace(/^\[(.*)\]$/, '$1') : undefined;
  // Whether a host address matters depends on the address and the mode: judged here.
  if (port.hostIp !== undefined) settleFidelity(ctx, svc, 'services.ports.host_ip');
  if (port.mode === 'host') {
    // On the node's network the container port is already a port of the node.
    if (first > 0 && svc.networkMode !== 'host') p.hostPort = { port: first, ...(hostIp ? { ip: hostIp } : {}) };
    return;
  }
  if (hostIp !== undefined) bound.add(port, hostIp, first || port.target);
  if (hostIp !== undefined && isLoopback(hostIp)) return;
  p.external.add(first);
}

/** Ports published on one host address, one warning per `ports` entry (a range is one entry). */
class HostAddresses {
  private readonly entries = new Map<string, { loc: Loc; ip: string; pairs: [number, number][] }>();

  add(port: PortConfig, ip: string, published: number): void {
    const id = `${port.loc.file}:${port.loc.line}:${port.loc.column}:${ip}`;
    const e = this.entries.get(id) ?? { loc: port.loc, ip, pairs: [] };
    e.pairs.push([published, port.target]);
    this.entries.set(id, e);
  }

  warn(draft: ServiceDraft, ctx: MapContext): void {
    const svc = draft.service;
    for (const { loc, ip, pairs } of this.entries.values()) {
      const targets = pairs.map(([, t]) => t);
      const what = targets.length > 1 ? `ports ${targets[0]}-${targets[targets.length - 1]}` : `port ${targets[0]}`;
      if (isLoopback(ip)) {
        const forwards = pairs.slice(0, 3).map(([n]) => `${n}:${n}`).join(' ') + (pairs.length > 3 ? ' ...' : '');
        ctx.diags.warn(
          'approximate',
          `service "${svc.name}" publishes ${what} on ${ip} only: ${targets.length > 1 ? 'they stay' : 'it stays'} inside the cluster (a loopback address of a node is not reachable from outside either)`,
          loc,
          `reach ${targets.length > 1 ? 'them' : 'it'} from your machine with \`kubectl port-forward service/${draft.name} ${forwards}\``,
        );
      } else {
        ctx.diags.warn(
          'approximate',
          `service "${svc.name}" binds ${what} to host address ${ip}: a Service has no host interface to bind to, so it answers on its cluster IP`,
          loc,
          'restrict who can connect with a NetworkPolicy (or loadBalancerSourceRanges on a LoadBalancer)',
        );
      }
    }
  }
}

/** A published number that is also a container port of the service (`8065:8056` with `expose: [8065]`). */
interface Clash {
  plan: PortPlan;
  number: number;
}

/**
 * The in-cluster Service answers `svc:<n>` with container port n, as the compose network does, so a
 * published number that is another container port of the service (`8065:8056` with `expose:
 * [8065]`) cannot be a port of it too: it is returned, for a Service of the published ports. A
 * number published twice (on two host addresses) is kept for the first container port only.
 */
function takenNumbers(ordered: PortPlan[], draft: ServiceDraft, ctx: MapContext): Clash[] {
  const own = new Set(ordered.map((p) => `${p.containerPort}/${p.protocol}`));
  const taken = new Set(own);
  const clashes: Clash[] = [];
  for (const p of ordered) {
    for (const number of [...p.servicePorts]) {
      if (number === p.containerPort) continue;
      const id = `${number}/${p.protocol}`;
      if (!taken.has(id)) {
        taken.add(id);
        continue;
      }
      p.servicePorts.delete(number);
      if (own.has(id)) {
        clashes.push({ plan: p, number });
        continue;
      }
      ctx.diags.warn(
        'port-conflict',
        `service "${draft.service.name}" publishes port ${number} for container port ${p.containerPort}, but port ${number}/${p.protocol} is already used on the Service; it keeps only ${p.containerPort}`,
        p.loc,
      );
    }
  }
  return clashes;
}

interface ServicePlan {
  ordered: PortPlan[];
  names: Map<PortPlan, string>;
  servicePorts: IServicePort[];
  serviceNotes: Note[];
  clashes: Clash[];
}

/**
 * The in-cluster Service, and the published ports as a NodePort or LoadBalancer Service: the
 * same object when it has no other ports, else a second `<name>-public` one, so ports Compose
 * keeps inside (expose, unpublished ports) are never exposed outside the cluster. A published
 * number that is also a container port puts the published ports on `<name>-public` for any type.
 */
function emitServices(draft: ServiceDraft, ctx: MapContext, hints: KubeHints, exposure: Exposure, sp: ServicePlan): void {
  const svc = draft.service;
  const published = sp.ordered.some((p) => p.external.size > 0);
  const type: ServiceType = hints.serviceType?.value ?? (published ? (ctx.options.serviceType ?? 'ClusterIP') : 'ClusterIP');
  const headless = sp.servicePorts.length === 0 || hints.headless?.value === true;
  exposure.headless = headless;
  // Asked for explicitly without published ports: every port goes outside.
  const externalPlans = published ? sp.ordered.filter((p) => p.external.size > 0) : sp.ordered;
  const internalOnly = externalPlans.length < sp.ordered.length;
  // The Service comes from the first port written (the service itself when it has none).
  const originLoc = svc.ports[0]?.loc ?? svc.expose[0]?.loc ?? svc.loc;
  const origin = { what: `service "${svc.name}"`, loc: originLoc };

  // A published number that is another container port needs a Service of its own.
  const split = sp.clashes.length > 0;
  const single = type !== 'ClusterIP' && !headless && !internalOnly && !split;
  const notes: Note[] = [...sp.serviceNotes];
  if (single) {
    const publishedIds = new Set(externalPlans.flatMap((p) => (published ? [...p.external] : [0]).map((n) => `${n || p.containerPort}/${p.protocol}`)));
    setNodePorts(sp.servicePorts, (p) => publishedIds.has(`${p.port}/${p.protocol}`), type, hints.nodePort, draft, ctx);
    notes.push(typeNote(type, hints, originLoc));
  }
  if (headless) {
    notes.push(
      hints.headless?.value
        ? { path: ['spec', 'clusterIP'], loc: hints.headless.loc, key: hints.headless.key }
        : { path: ['spec', 'clusterIP'], loc: svc.loc, key: 'services', detail: 'headless: the name resolves to the pods on every port, like on a compose network' },
    );
  }
  const inCluster = {
    ...(single ? { type } : {}),
    ...(headless ? { clusterIP: 'None' } : {}),
    selector: { ...draft.selector },
    ...(sp.servicePorts.length > 0 ? { ports: sp.servicePorts } : {}),
  };
  const main = new KubeService({ metadata: { name: draft.name, labels: { ...draft.labels } }, spec: inCluster });
  ctx.add(main.toJSON() as unknown as KubeObject, origin, notes);

  if (type === 'ClusterIP') {
    if (hints.nodePort) {
      ctx.diags.warn('invalid-value', `service "${svc.name}": ${hints.nodePort.from} only applies to NodePort and LoadBalancer Services; it is ignored`, hints.nodePort.loc);
    }
    // Every published number, as the Docker host had them, for port-forward.
    if (split) emitPublishedPorts(draft, ctx, hints, exposure, sp, 'ClusterIP', sp.ordered.filter((p) => p.publishedAt.size > 0), (p) => [...p.publishedAt.keys()]);
    return;
  }
  if (single) return;
  if (externalPlans.length === 0) {
    ctx.diags.warn(
      'invalid-value',
      `service "${svc.name}": ${hints.serviceType?.from ?? 'the Service type'} asks for a ${type} Service, but the service declares no port; it stays inside the cluster`,
      hints.serviceType?.loc ?? svc.loc,
      'declare the ports to expose under `ports`',
    );
    return;
  }
  emitPublishedPorts(draft, ctx, hints, exposure, sp, type, externalPlans, (p) => (published ? [...p.external] : [p.containerPort]));
}

/**
 * The Service `<name>-public` of the published ports, each on its published number: the NodePort
 * or LoadBalancer of a service that also has ports Compose keeps inside, and, for any type, the
 * Service that keeps a published number that is also a container port (`8065:8056` beside
 * `expose: [8065]`): `<name>:8065` is container port 8065, as on the compose network, and
 * `<name>-public:8065` is container port 8056, as `<docker host>:8065` was.
 */
function emitPublishedPorts(
  draft: ServiceDraft,
  ctx: MapContext,
  hints: KubeHints,
  exposure: Exposure,
  sp: ServicePlan,
  type: ServiceType,
  plans: PortPlan[],
  numbersOf: (p: PortPlan) => number[],
): void {
  const svc = draft.service;
  const originLoc = svc.ports[0]?.loc ?? svc.expose[0]?.loc ?? svc.loc;
  const ports: IServicePort[] = [];
  const publicNotes: Note[] = [];
  const used = new Set<string>();
  const publicName = addedServiceName(ctx, `${draft.name}-public`);
  const answered = new Map<string, number>();
  for (const p of plans) {
    for (const n of numbersOf(p).sort((a, b) => a - b)) {
      const number = n === 0 ? p.containerPort : n;
      // One number published for two container ports (on two host addresses): a Service port
      // answers for one of them, as only one bind of that number succeeds on a Docker host.
      const id = `${number}/${p.protocol}`;
      const first = answered.get(id);
      if (first !== undefined) {
        // A clash left out is reported with the other clashes (reportClashes).
        if (sp.clashes.some((c) => c.plan === p && c.number === number)) continue;
        warnPublishedTwice(ctx, svc.name, p, number, first, publicName, p.publishedAt.get(number) ?? p.loc);
        continue;
      }
      answered.set(id, p.containerPort);
      publicNotes.push({ path: ['spec', 'ports', ports.length], loc: p.publishedAt.get(number) ?? p.loc, key: p.key, detail: `published port ${number}` });
      ports.push({
        name: uniqueName(used, number === p.containerPort ? sp.names.get(p)! : `${p.protocol.toLowerCase()}-${number}`, portName),
        port: number,
        targetPort: p.containerPort,
        protocol: p.protocol,
        ...(p.appProtocol ? { appProtocol: p.appProtocol } : {}),
      });
    }
  }
  exposure.publicService = publicName;
  const kept = reportClashes(draft, ctx, sp.clashes, ports, publicName, type);
  if (type !== 'ClusterIP') setNodePorts(ports, () => true, type, hints.nodePort, draft, ctx);
  const pub = new KubeService({
    metadata: { name: publicName, labels: { ...draft.labels } },
    spec: { ...(type !== 'ClusterIP' ? { type } : {}), selector: { ...draft.selector }, ports },
  });
  const notes: Note[] = [...(type !== 'ClusterIP' ? [typeNote(type, hints, originLoc)] : []), ...publicNotes];
  if (kept.length > 0) {
    const pairs = kept.map((c) => `${c.number} -> ${c.plan.containerPort}`).join(', ');
    const first = kept[0]!;
    notes.unshift({
      path: ['metadata', 'name'],
      loc: first.plan.publishedAt.get(first.number) ?? first.plan.loc,
      key: 'services.ports.published',
      detail: `the published ports as the Docker host had them (${pairs}); on "${draft.name}" the same numbers are the container ports, as on the compose network`,
    });
  }
  ctx.add(pub.toJSON() as unknown as KubeObject, { what: `published ports of service "${svc.name}"`, loc: originLoc }, notes);
}

/** One number published for two container ports: the Service of the published ports keeps the first. */
function warnPublishedTwice(ctx: MapContext, service: string, p: PortPlan, number: number, first: number | string, publicName: string, loc: Loc): void {
  ctx.diags.warn(
    'port-conflict',
    `service "${service}" publishes port ${number} for container port ${p.containerPort}, but port ${number}/${p.protocol} is already published for container port ${first}; the Service "${publicName}" keeps only ${first}`,
    loc,
    'publish each container port on a number of its own',
  );
}

/**
 * One note per published number that is also a container port, saying which Service answers
 * what; the clashes this Service keeps are returned. A number only published on a loopback
 * address has no place on a NodePort or LoadBalancer: it is lost, with a warning.
 */
function reportClashes(draft: ServiceDraft, ctx: MapContext, clashes: Clash[], ports: IServicePort[], publicName: string, type: ServiceType): Clash[] {
  const kept: Clash[] = [];
  for (const c of clashes) {
    const { plan: p, number } = c;
    const loc = p.publishedAt.get(number) ?? p.loc;
    if (!ports.some((sp) => sp.port === number && sp.protocol === p.protocol && sp.targetPort === p.containerPort)) {
      const owner = ports.find((sp) => sp.port === number && sp.protocol === p.protocol);
      if (owner) warnPublishedTwice(ctx, draft.service.name, p, number, String(owner.targetPort), publicName, loc);
      else {
        ctx.diags.warn(
          'port-conflict',
          `service "${draft.service.name}" publishes port ${number} for container port ${p.containerPort}, but port ${number}/${p.protocol} is already used on the Service; it keeps only ${p.containerPort}`,
          loc,
        );
      }
      continue;
    }
    kept.push(c);
    ctx.diags.add(
      'port-conflict',
      `service "${draft.service.name}" publishes port ${number} for container port ${p.containerPort}, and ${number} is also a container port of it: "${draft.name}:${number}" reaches container port ${number}, as on the compose network, and the Service "${publicName}" answers on the published ${number} with container port ${p.containerPort}, as the Docker host did`,
      loc,
      {
        severity: 'info',
        hint:
          type === 'ClusterIP'
            ? `from your machine, \`kubectl port-forward service/${publicName} ${number}\` serves what localhost:${number} did`
            : `outside the cluster, the ${type} Service "${publicName}" serves port ${number}`,
      },
    );
  }
  return kept;
}

function typeNote(type: ServiceType, hints: KubeHints, loc: Loc): Note {
  return hints.serviceType
    ? { path: ['spec', 'type'], loc: hints.serviceType.loc, key: hints.serviceType.key }
    : { path: ['spec', 'type'], loc, key: 'services.ports.published', detail: `--service-type ${type}` };
}

/**
 * Node ports: the hint fixes the first published one; a published number in the node port range keeps its
 * number, so `<node>:<published>` works like `<host>:<published>` did. `published` says which
 * ports stand for a published number (the others are container ports kept for the cluster).
 */
function setNodePorts(
  ports: IServicePort[],
  published: (p: IServicePort) => boolean,
  type: ServiceType,
  hint: Hint<number> | undefined,
  draft: ServiceDraft,
  ctx: MapContext,
): void {
  let taken = NODE_PORTS.get(ctx);
  if (!taken) NODE_PORTS.set(ctx, (taken = new Map()));
  const outside: number[] = [];
  // The hint names the node port of the first published port.
  const hinted = hint ? ports.findIndex(published) : -1;
  ports.forEach((p, i) => {
    const fromHint = i === hinted && hint !== undefined;
    const wanted = fromHint ? hint.value : p.port;
    if (wanted < NODE_PORT_RANGE.min || wanted > NODE_PORT_RANGE.max) {
      if (fromHint) {
        ctx.diags.warn(
          'invalid-value',
          `service "${draft.service.name}": node port ${wanted} is outside ${NODE_PORT_RANGE.min}-${NODE_PORT_RANGE.max}; Kubernetes picks one`,
          hint.loc,
        );
      } else if (type === 'NodePort' && published(p)) outside.push(p.port);
      return;
    }
    if (!fromHint && !published(p)) return;
    // One Service may use a node port for TCP and UDP alike; another Service may not use it at all.
    const owner = taken.get(wanted);
    if (owner !== undefined && owner !== draft.name) {
      ctx.diags.warn(
        'port-conflict',
        `service "${draft.service.name}" wants node port ${wanted}, which Service "${owner}" already uses; Kubernetes picks another one`,
        fromHint ? hint.loc : keyLoc(draft, 'ports'),
      );
      return;
    }
    taken.set(wanted, draft.name);
    p.nodePort = wanted;
  });
  if (outside.length > 0) {
    ctx.diags.warn(
      'approximate',
      `service "${draft.service.name}": published port${outside.length > 1 ? 's' : ''} ${outside.join(', ')} cannot be ${outside.length > 1 ? 'node ports' : 'a node port'} (${NODE_PORT_RANGE.min}-${NODE_PORT_RANGE.max}); Kubernetes picks one, \`kubectl get service\` shows it`,
      keyLoc(draft, 'ports'),
      `publish a port from ${NODE_PORT_RANGE.min} to ${NODE_PORT_RANGE.max}, set x-kubernetes.expose.nodePort, or use --service-type LoadBalancer`,
    );
  }
}

/**
 * Compose's app_protocol -> Service appProtocol: IANA names as they are, the WebSocket and
 * HTTP/2-cleartext names Kubernetes prefixes with `kubernetes.io/`, and domain-prefixed names.
 */
export function appProtocol(raw: string): string | undefined {
  const s = raw.trim();
  const lower = s.toLowerCase();
  if (['h2c', 'ws', 'wss'].includes(lower)) return `kubernetes.io/${lower}`;
  const qualified = /^([a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*\/)?[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?$/;
  return qualified.test(s) && s.length <= 316 ? s : undefined;
}

import type { IContainerPort } from 'kubernetes-models/v1/ContainerPort';
import type { IServicePort } from 'kubernetes-models/v1/ServicePort';
import { Service as KubeService } from 'kubernetes-models/v1/Service';
import type { Loc } from '../util/loc.js';
import { keyLoc } from './container.js';
import { note, type KubeObject, type MapContext, type Note, type ServiceDraft, type ServiceTransform } from './context.js';
import { portName } from './names.js';

type Protocol = 'TCP' | 'UDP' | 'SCTP';

interface PortPlan {
  containerPort: number;
  protocol: Protocol;
  /** Service ports answering for this container port: the container port itself and published numbers. */
  servicePorts: Set<number>;
  published: boolean;
  name?: string;
  appProtocol?: string;
  loc: Loc;
  key: string;
}

/**
 * ports, expose -> containerPorts and a Service named exactly like the compose service, so
 * `<service>:<container port>` keeps working; a published port also keeps its number on the
 * Service. A service without ports gets a headless Service so its name still resolves.
 */
export const mapPorts: ServiceTransform = (draft, ctx) => {
  const svc = draft.service;
  const plans = new Map<string, PortPlan>();
  const plan = (port: number, protocol: Protocol, loc: Loc, key: string): PortPlan => {
    const id = `${port}/${protocol}`;
    let p = plans.get(id);
    if (!p) {
      p = { containerPort: port, protocol, servicePorts: new Set([port]), published: false, loc, key };
      plans.set(id, p);
    }
    return p;
  };
  for (const port of svc.ports) {
    const protocol = port.protocol.toUpperCase() as Protocol;
    const p = plan(port.target, protocol, port.loc, 'services.ports');
    if (port.name && !p.name) p.name = port.name;
    if (port.appProtocol) p.appProtocol = port.appProtocol;
    if (port.published !== undefined) {
      p.published = true;
      const [first, last] = port.published.split('-').map(Number) as [number, number | undefined];
      // A published number of 0 means "any free host port" in Compose: nothing to keep.
      if (first > 0) p.servicePorts.add(first);
      if (last !== undefined && last !== first) {
        ctx.diags.warn(
          'approximate',
          `service "${svc.name}" publishes container port ${port.target} on a host port range ${port.published}; Compose picks one free port of the range, the Service answers on ${first}`,
          port.loc,
        );
      }
    }
    if (port.hostIp) {
      ctx.diags.warn(
        'approximate',
        `service "${svc.name}" binds port ${port.target} to host address ${port.hostIp}: a Service has no host interface to bind to, so it answers on its cluster IP`,
        port.loc,
        'restrict who can connect with a NetworkPolicy (or loadBalancerSourceRanges on a LoadBalancer)',
      );
    }
  }
  for (const ex of svc.expose) {
    const [first, last = first] = ex.port.split('-').map(Number) as [number, number?];
    for (let n = first; n <= last; n++) plan(n, ex.protocol.toUpperCase() as Protocol, ex.loc, 'services.expose');
  }
  if (svc.ports.length > 0) draft.consumed.add('ports');
  if (svc.expose.length > 0) draft.consumed.add('expose');

  const ordered = [...plans.values()].sort((a, b) => a.containerPort - b.containerPort || a.protocol.localeCompare(b.protocol));
  const used = new Set<string>();
  const uniqueName = (wanted: string) => {
    let name = portName(wanted);
    for (let i = 2; used.has(name); i++) name = portName(`${wanted.slice(0, 12)}-${i}`);
    used.add(name);
    return name;
  };
  const containerPorts: IContainerPort[] = [];
  const servicePorts: IServicePort[] = [];
  const serviceNotes: Note[] = [];
  // In-cluster reachability (`svc:containerPort`) wins over keeping a published number.
  const taken = new Set(ordered.map((p) => `${p.containerPort}/${p.protocol}`));
  for (const p of ordered) {
    for (const number of [...p.servicePorts]) {
      if (number === p.containerPort) continue;
      const id = `${number}/${p.protocol}`;
      if (taken.has(id)) {
        p.servicePorts.delete(number);
        ctx.diags.warn(
          'port-conflict',
          `service "${svc.name}" publishes port ${number} for container port ${p.containerPort}, but port ${number}/${p.protocol} is already used on the Service; it keeps only ${p.containerPort}`,
          p.loc,
        );
      } else taken.add(id);
    }
  }
  for (const p of ordered) {
    const cname = uniqueName(p.name ?? `${p.protocol.toLowerCase()}-${p.containerPort}`);
    const cp: IContainerPort = { name: cname, containerPort: p.containerPort, protocol: p.protocol };
    note(draft, 'container', ['ports', containerPorts.length], p.loc, p.key);
    containerPorts.push(cp);
    for (const number of [...p.servicePorts].sort((a, b) => a - b)) {
      const sp: IServicePort = {
        name: number === p.containerPort ? cname : `${p.protocol.toLowerCase()}-${number}`,
        port: number,
        targetPort: p.containerPort,
        protocol: p.protocol,
      };
      if (p.appProtocol) sp.appProtocol = p.appProtocol;
      serviceNotes.push({
        path: ['spec', 'ports', servicePorts.length],
        loc: p.loc,
        key: p.key,
        detail: number === p.containerPort ? undefined : `published port ${number} kept for port-forward and load balancers`,
      } as Note);
      servicePorts.push(sp);
    }
  }
  dedupeServicePortNames(servicePorts);
  if (containerPorts.length > 0) draft.container.ports = containerPorts;
  emitService(draft, ctx, servicePorts, serviceNotes, ordered.some((p) => p.published));
};

/** Published numbers can collide with names already used by container ports; keep names unique. */
function dedupeServicePortNames(ports: IServicePort[]): void {
  const seen = new Set<string>();
  for (const p of ports) {
    let name = p.name!;
    for (let i = 2; seen.has(name); i++) name = portName(`${p.name!.slice(0, 12)}-${i}`);
    p.name = name;
    seen.add(name);
  }
}

function emitService(draft: ServiceDraft, ctx: MapContext, ports: IServicePort[], notes: Note[], published: boolean): void {
  const svc = draft.service;
  const headless = ports.length === 0;
  const type = published ? (ctx.options.serviceType ?? 'ClusterIP') : 'ClusterIP';
  const service = new KubeService({
    metadata: { name: draft.name, labels: { ...draft.labels } },
    spec: headless
      ? { clusterIP: 'None', selector: { ...draft.selector } }
      : { ...(type === 'ClusterIP' ? {} : { type }), selector: { ...draft.selector }, ports },
  });
  const loc = svc.ports[0]?.loc ?? svc.expose[0]?.loc ?? svc.loc;
  const allNotes: Note[] = headless
    ? [{ path: ['spec', 'clusterIP'], loc: svc.loc, key: 'services', detail: 'headless: the name resolves to the pods on every port, like on a compose network' }]
    : notes;
  ctx.add(service.toJSON() as unknown as KubeObject, { what: `service "${svc.name}"`, loc: headless ? svc.loc : loc === svc.loc ? keyLoc(draft, 'ports') : loc }, allNotes);
}

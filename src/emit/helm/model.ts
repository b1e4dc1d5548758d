import type { Project } from '../../compose/model.js';
import type { KubeObject, MappedObject } from '../../mapping/context.js';
import type { Loc } from '../../util/loc.js';
import { splitImage, type ImageRef } from './image.js';

/**
 * What the chart's values drive, read off the objects `convert` made: the chart is the same
 * objects with these fields as values, so its default rendering is the conversion itself.
 */
export interface ChartModel {
  services: Map<string, ServiceModel>;
  volumes: Map<string, VolumeModel>;
  /** Secret object name -> the values that may replace it by an existing Secret. */
  secrets: Map<string, SecretModel>;
}

export interface ServiceModel {
  compose: string;
  /** The Kubernetes name: of the workload, the Service and the container. */
  kube: string;
  image?: { ref: ImageRef; loc?: Loc };
  /** The workload takes `replicas` (a Deployment or StatefulSet of its own); the value it has, null when none. */
  replicas?: { value: number | null; loc?: Loc };
  resources?: { value: Record<string, unknown>; loc?: Loc };
  /** Plain environment variables of the container, in the order it has them. */
  env?: { values: [string, string][]; loc?: Loc };
  service?: ServiceTypeModel;
  ingress?: IngressModel;
}

export type ServiceType = 'ClusterIP' | 'NodePort' | 'LoadBalancer';

export interface ServiceTypeModel {
  type: ServiceType;
  /** `single`: the Service of the service takes the type; `public`: a second Service holds the published ports. */
  mode: 'single' | 'public';
  /** The Service whose type the value sets (the service's own, or its `-public` one). */
  serviceName: string;
  /** In `public` mode, when the default has none: the published Service as a non-ClusterIP type makes it. */
  publicObject?: MappedObject;
  published: { port: number; target: number; protocol: string }[];
  loc?: Loc;
}

export interface IngressHost {
  host: string;
  paths: { path: string; pathType: string }[];
}

export interface IngressModel {
  enabled: boolean;
  className: string;
  hosts: IngressHost[];
  tls: { secretName: string; hosts?: string[] }[];
  /** The Ingress as convert made it, when it did. */
  object?: MappedObject;
  backend: { service: string; port: number };
  labels: Record<string, string>;
  loc?: Loc;
}

export interface VolumeModel {
  compose: string;
  claim: string;
  size: string;
  storageClass: string;
  accessMode: string;
  loc?: Loc;
}

export interface SecretModel {
  /** The values path of the entry (`secrets.<compose name>` or `services.<name>.envSecret`). */
  path: string[];
  secretName: string;
  keys: string[];
  what: string;
  loc?: Loc;
}

const WORKLOADS = new Set(['Deployment', 'StatefulSet', 'DaemonSet', 'Job', 'CronJob']);
const SCALABLE = new Set(['Deployment', 'StatefulSet']);
const HTTP_PROTOCOLS = new Set(['http', 'https', 'kubernetes.io/h2c', 'kubernetes.io/ws', 'kubernetes.io/wss', 'grpc']);
/** Container ports web servers and frameworks listen on by default. */
const HTTP_PORTS = new Set([80, 443, 1313, 2368, 3000, 4000, 4200, 5000, 5173, 8000, 8008, 8080, 8081, 8088, 8443, 8888, 9000, 9090]);

/** The pod spec of a workload, wherever its kind keeps it. */
export function podSpecPath(kind: string): string[] | undefined {
  if (!WORKLOADS.has(kind)) return undefined;
  return kind === 'CronJob' ? ['spec', 'jobTemplate', 'spec', 'template', 'spec'] : ['spec', 'template', 'spec'];
}

export function getPath(value: unknown, path: readonly (string | number)[]): unknown {
  let at = value;
  for (const step of path) at = at && typeof at === 'object' ? (at as Record<string | number, unknown>)[step] : undefined;
  return at;
}

export interface Container {
  name: string;
  image?: string;
  env?: { name: string; value?: string; valueFrom?: unknown }[];
  resources?: Record<string, unknown>;
  [field: string]: unknown;
}

function composeOf(mapped: MappedObject, section: string): string | undefined {
  return mapped.subject?.section === section ? mapped.subject.name : undefined;
}

const noteLoc = (mapped: MappedObject, path: readonly (string | number)[]): Loc | undefined =>
  mapped.notes.find((n) => n.path.length === path.length && n.path.every((p, i) => p === path[i]))?.loc;

/**
 * The model of a chart. `published` are the objects of the same conversion with the published
 * services as LoadBalancers: they show which Service a type applies to and what a `-public`
 * Service holds, so `service.type` can change exactly what `--service-type` would.
 */
export function chartModel(project: Project, mapped: readonly MappedObject[], published?: readonly MappedObject[]): ChartModel {
  const services = new Map<string, ServiceModel>();
  const kubeNames = new Map<string, string>();
  for (const m of mapped) {
    const compose = composeOf(m, 'services');
    if (compose && m.object.kind === 'Service' && m.origin.what === `service "${compose}"`) kubeNames.set(compose, m.object.metadata.name);
  }
  for (const compose of Object.keys(project.services).sort()) {
    const kube = kubeNames.get(compose);
    if (kube) services.set(compose, { compose, kube });
  }
  const byKube = new Map([...services.values()].map((s) => [s.kube, s]));
  for (const m of mapped) {
    const podPath = podSpecPath(m.object.kind);
    if (!podPath) continue;
    const owner = composeOf(m, 'services');
    const containers = (getPath(m.object, [...podPath, 'containers']) as Container[] | undefined) ?? [];
    containers.forEach((c, i) => {
      const model = byKube.get(c.name);
      if (!model) return;
      const at = [...podPath, 'containers', i];
      if (c.image !== undefined) model.image = { ref: splitImage(c.image), loc: noteLoc(m, [...at, 'image']) };
      model.resources = { value: c.resources ?? {}, loc: noteLoc(m, [...at, 'resources']) };
      const plain = (c.env ?? []).filter((e) => e.value !== undefined && e.valueFrom === undefined);
      model.env = { values: plain.map((e) => [e.name, e.value!]), loc: noteLoc(m, [...at, 'env']) };
    });
    if (owner && SCALABLE.has(m.object.kind)) {
      const model = services.get(owner);
      const spec = m.object.spec as { replicas?: number };
      if (model && model.kube === m.object.metadata.name) model.replicas = { value: spec.replicas ?? null, loc: noteLoc(m, ['spec', 'replicas']) };
    }
  }
  for (const model of services.values()) {
    const type = serviceType(project, model, mapped, published);
    if (type) model.service = type;
    const ingress = ingressModel(project, model, mapped);
    if (ingress) model.ingress = ingress;
  }
  return { services, volumes: volumeModels(mapped), secrets: secretModels(mapped, services) };
}

function typeOf(object: KubeObject | undefined): ServiceType {
  return ((object?.spec as { type?: ServiceType } | undefined)?.type ?? 'ClusterIP') as ServiceType;
}

function serviceType(project: Project, model: ServiceModel, mapped: readonly MappedObject[], published?: readonly MappedObject[]): ServiceTypeModel | undefined {
  const svc = project.services[model.compose];
  const ports = (svc?.ports ?? []).filter((p) => p.published !== undefined);
  if (!svc || ports.length === 0) return undefined;
  const own = (list: readonly MappedObject[] | undefined) => list?.filter((m) => m.object.kind === 'Service' && composeOf(m, 'services') === model.compose);
  const now = own(mapped)!;
  const main = now.find((m) => m.object.metadata.name === model.kube);
  const publicNow = now.find((m) => m.origin.what === `published ports of service "${model.compose}"`);
  const loc = ports[0]!.loc;
  const publishedPorts = ports.map((p) => ({ port: Number(p.published!.split('-')[0]), target: p.target, protocol: p.protocol.toUpperCase() }));
  // A `<name>-public` Service even as ClusterIP (a published number that is also a container port)
  // exists at every type: it takes the type, as the one Service of the service would.
  if (publicNow && typeOf(publicNow.object) === 'ClusterIP') return { type: 'ClusterIP', mode: 'single', serviceName: publicNow.object.metadata.name, published: publishedPorts, loc };
  if (publicNow) return { type: typeOf(publicNow.object), mode: 'public', serviceName: publicNow.object.metadata.name, published: publishedPorts, loc };
  if (!main) return undefined;
  if (typeOf(main.object) !== 'ClusterIP') return { type: typeOf(main.object), mode: 'single', serviceName: main.object.metadata.name, published: publishedPorts, loc };
  const then = own(published);
  if (!then) return { type: 'ClusterIP', mode: 'single', serviceName: main.object.metadata.name, published: publishedPorts, loc };
  const publicThen = then.find((m) => m.origin.what === `published ports of service "${model.compose}"`);
  if (publicThen) return { type: 'ClusterIP', mode: 'public', serviceName: publicThen.object.metadata.name, publicObject: publicThen, published: publishedPorts, loc };
  const mainThen = then.find((m) => m.object.metadata.name === model.kube);
  // A type the compose file fixes (x-kubernetes) stays what it is: --service-type does not move it.
  if (!mainThen || typeOf(mainThen.object) === 'ClusterIP') return undefined;
  return { type: 'ClusterIP', mode: 'single', serviceName: main.object.metadata.name, published: publishedPorts, loc };
}

function ingressModel(project: Project, model: ServiceModel, mapped: readonly MappedObject[]): IngressModel | undefined {
  const existing = mapped.find((m) => m.object.kind === 'Ingress' && composeOf(m, 'services') === model.compose);
  const main = mapped.find((m) => m.object.kind === 'Service' && m.object.metadata.name === model.kube);
  const labels = { ...(main?.object.metadata.labels ?? {}) };
  if (existing) {
    const spec = existing.object.spec as {
      ingressClassName?: string;
      tls?: { secretName: string; hosts?: string[] }[];
      rules: { host?: string; http: { paths: { path: string; pathType: string; backend: { service: { name: string; port: { number: number } } } }[] } }[];
    };
    const backend = spec.rules[0]!.http.paths[0]!.backend.service;
    return {
      enabled: true,
      className: spec.ingressClassName ?? '',
      hosts: spec.rules.map((r) => ({ host: r.host ?? '', paths: r.http.paths.map((p) => ({ path: p.path, pathType: p.pathType })) })),
      tls: spec.tls ?? [],
      object: existing,
      backend: { service: backend.name, port: backend.port.number },
      labels: { ...(existing.object.metadata.labels ?? {}) },
      loc: existing.origin.loc,
    };
  }
  const svc = project.services[model.compose];
  const http = svc?.ports.find(
    (p) => p.published !== undefined && p.protocol === 'tcp' && ((p.appProtocol && HTTP_PROTOCOLS.has(p.appProtocol)) || /^https?(-|$)/.test(p.name ?? '') || HTTP_PORTS.has(p.target)),
  );
  if (!http || !main) return undefined;
  return {
    enabled: false,
    className: '',
    hosts: [{ host: `${model.kube}.example.com`, paths: [{ path: '/', pathType: 'Prefix' }] }],
    tls: [],
    backend: { service: model.kube, port: http.target },
    labels,
    loc: http.loc,
  };
}

function volumeModels(mapped: readonly MappedObject[]): Map<string, VolumeModel> {
  const volumes = new Map<string, VolumeModel>();
  for (const m of mapped) {
    const compose = composeOf(m, 'volumes');
    if (!compose || m.object.kind !== 'PersistentVolumeClaim') continue;
    const spec = m.object.spec as { accessModes?: string[]; storageClassName?: string; resources?: { requests?: { storage?: string } } };
    const size = spec.resources?.requests?.storage;
    if (size === undefined || (spec.accessModes?.length ?? 0) > 1) continue;
    volumes.set(compose, {
      compose,
      claim: m.object.metadata.name,
      size,
      storageClass: spec.storageClassName === undefined ? '' : spec.storageClassName === '' ? '-' : spec.storageClassName,
      accessMode: spec.accessModes?.[0] ?? 'ReadWriteOnce',
      loc: noteLoc(m, ['spec', 'resources', 'requests', 'storage']) ?? m.origin.loc,
    });
  }
  return volumes;
}

function secretModels(mapped: readonly MappedObject[], services: Map<string, ServiceModel>): Map<string, SecretModel> {
  const secrets = new Map<string, SecretModel>();
  for (const m of mapped) {
    if (m.object.kind !== 'Secret') continue;
    const keys = Object.keys({ ...((m.object.data as object | undefined) ?? {}), ...((m.object.stringData as object | undefined) ?? {}) });
    const name = m.object.metadata.name;
    const compose = composeOf(m, 'secrets');
    const owner = composeOf(m, 'services');
    const path = compose ? ['secrets', compose] : owner && services.has(owner) && name === `${services.get(owner)!.kube}-env-secret` ? ['services', owner, 'envSecret'] : undefined;
    if (path) secrets.set(name, { path, secretName: name, keys, what: m.origin.what, loc: m.origin.loc });
  }
  return secrets;
}

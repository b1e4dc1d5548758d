import type { KubeObject, MappedObject } from '../../mapping/context.js';
import { objectComments, type AnnotationLevel } from '../annotate.js';
import type { PlacedWarning } from '../object-warnings.js';
import { writeYaml, type FieldComment } from '../yaml-writer.js';
import { Holes, goString } from './holes.js';
import { getPath, podSpecPath, type ChartModel, type Container, type IngressModel, type ServiceModel } from './model.js';

/** How a template names the values of a service, volume or secret: `index` takes any key. */
export function serviceVar(model: ServiceModel): string {
  return `$${model.kube.replace(/-/g, '_')}`;
}

function serviceValues(model: ServiceModel): string {
  return `{{- ${serviceVar(model)} := index .Values.services ${goString(model.compose)} }}`;
}

/** The name a pod uses for a Secret: the chart's own, or the existing one the values name. */
function secretRef(model: ChartModel, name: string): string | undefined {
  const secret = model.secrets.get(name);
  if (!secret) return undefined;
  return `index .Values ${secret.path.map(goString).join(' ')} "existingSecret" | default ${goString(name)} | toJson`;
}

/** `{{- if COND }}` around the line: the field is there only when the values say so. */
const when =
  (condition: string) =>
  ({ before, after }: { before: string; after: string }, value: string): string =>
    `{{- if ${condition} }}\n${before}${value}${after}\n{{- end }}`;

/** A copy of `map` with `key` first (or last), valued `value`. */
function withKey(map: Record<string, unknown>, key: string, value: unknown, place: 'first' | 'last'): Record<string, unknown> {
  const rest = Object.fromEntries(Object.entries(map).filter(([k]) => k !== key));
  return place === 'first' ? { [key]: value, ...rest } : { ...rest, [key]: value };
}

export interface TemplateInput {
  mapped: MappedObject;
  model: ChartModel;
  chart: string;
  level: AnnotationLevel;
  warnings?: readonly PlacedWarning[];
  /** The namespace convert put the objects in: it becomes the release's. */
  namespace?: string;
}

/** One object as a template: its YAML with the valued fields as template actions. */
export function objectTemplate({ mapped, model, chart, level, warnings, namespace }: TemplateInput): string {
  const object = JSON.parse(JSON.stringify(mapped.object)) as KubeObject;
  const holes = new Holes(JSON.stringify(object));
  const head: string[] = [];
  let wrap: string | undefined;
  const comments: FieldComment[] = objectComments(mapped, level, warnings ?? []);

  if (namespace !== undefined) releaseNamespace(object, holes, namespace);
  const podPath = podSpecPath(object.kind);
  if (podPath) {
    const pod = getPath(object, podPath) as Record<string, unknown>;
    const used = workloadHoles(object, pod, model, holes, chart);
    for (const s of used) head.push(serviceValues(s));
    secretReferences(pod, model, holes);
  } else if (object.kind === 'Secret' && model.secrets.has(object.metadata.name)) {
    const secret = model.secrets.get(object.metadata.name)!;
    wrap = `not (index .Values ${secret.path.map(goString).join(' ')} "existingSecret")`;
  } else if (object.kind === 'PersistentVolumeClaim') {
    const volume = [...model.volumes.values()].find((v) => v.claim === object.metadata.name);
    if (volume) {
      head.push(`{{- $volume := index .Values.volumes ${goString(volume.compose)} }}`);
      claimHoles(object, holes);
    }
  } else if (object.kind === 'Service') {
    const owner = [...model.services.values()].find((s) => s.service?.serviceName === object.metadata.name);
    if (owner?.service) {
      head.push(serviceValues(owner));
      const type = `${serviceVar(owner)}.service.type`;
      const spec = object.spec as Record<string, unknown>;
      if (owner.service.mode === 'public') {
        wrap = `ne ${type} "ClusterIP"`;
        spec.type = holes.value(`${type} | toJson`);
      } else {
        const outside = `ne ${type} "ClusterIP"`;
        object.spec = withKey(spec, 'type', holes.line((l) => when(outside)(l, `{{ ${type} | toJson }}`)), 'first');
        for (const port of (spec.ports as Record<string, unknown>[] | undefined) ?? []) {
          if (port.nodePort !== undefined) {
            const n = port.nodePort;
            port.nodePort = holes.line((l) => when(outside)(l, String(n)));
          }
        }
      }
    }
  }
  const body = holes.fill(writeYaml(object, comments)).replace(/\n$/, '');
  const text = wrap ? `{{- if ${wrap} }}\n${body}\n{{- end }}` : body;
  return `${head.length ? `${head.join('\n')}\n` : ''}${text}\n`;
}

function releaseNamespace(object: KubeObject, holes: Holes, namespace: string): void {
  if (object.metadata.namespace === namespace) object.metadata.namespace = holes.value('.Release.Namespace | toJson');
  for (const subject of (object.subjects as { namespace?: string }[] | undefined) ?? []) {
    if (subject.namespace === namespace) subject.namespace = holes.value('.Release.Namespace | toJson');
  }
}

/** Image, replicas, resources and plain env of each container that is a compose service. */
function workloadHoles(object: KubeObject, pod: Record<string, unknown>, model: ChartModel, holes: Holes, chart: string): ServiceModel[] {
  const byKube = new Map([...model.services.values()].map((s) => [s.kube, s]));
  const used: ServiceModel[] = [];
  const containers = (pod.containers as Container[] | undefined) ?? [];
  containers.forEach((c, i) => {
    const s = byKube.get(c.name);
    if (!s) return;
    used.push(s);
    const v = serviceVar(s);
    const container: Record<string, unknown> = { ...c };
    if (c.image !== undefined && s.image) container.image = holes.value(`include ${goString(`${chart}.image`)} ${v}.image`);
    container.resources = holes.line(({ before }) => `{{- with ${v}.resources }}\n${before}{{- toYaml . | nindent ${before.length - 'resources: '.length + 2} }}\n{{- end }}`);
    const env = c.env;
    if (env) {
      const known = env.filter((e) => e.value !== undefined && e.valueFrom === undefined).map((e) => e.name);
      const items: unknown[] = env.map((e) =>
        e.value !== undefined && e.valueFrom === undefined ? { ...e, value: holes.value(`index ${v}.env ${goString(e.name)} | toString | toJson`) } : e,
      );
      const others = known.length ? `omit ${v}.env ${known.map(goString).join(' ')}` : `${v}.env`;
      items.push(holes.line(({ indent }) => envRange(others, indent)));
      container.env = items;
    } else {
      container.env = holes.line(({ indent }) => `{{- with ${v}.env }}\n${indent}env:\n${envRange('.', `${indent}  `)}\n{{- end }}`);
    }
    containers[i] = container as Container;
  });
  if (used.length > 0 && (object.kind === 'Deployment' || object.kind === 'StatefulSet')) {
    const own = used.find((s) => s.kube === object.metadata.name && s.replicas);
    if (own) {
      const v = serviceVar(own);
      object.spec = withKey(
        object.spec as Record<string, unknown>,
        'replicas',
        holes.line((l) => when(`not (kindIs "invalid" ${v}.replicas)`)(l, `{{ ${v}.replicas | toJson }}`)),
        'first',
      );
    }
  }
  return used;
}

/** List items for the variables of `map` (sorted by name, as Go templates range over a map). */
function envRange(map: string, indent: string): string {
  return `{{- range $name, $value := ${map} }}\n${indent}- name: {{ $name | toJson }}\n${indent}  value: {{ $value | toString | toJson }}\n{{- end }}`;
}

/** Every place a pod names a Secret of the chart: an existing Secret may stand in for it. */
function secretReferences(pod: Record<string, unknown>, model: ChartModel, holes: Holes): void {
  const swap = (holder: Record<string, unknown> | undefined, key: string) => {
    const name = holder?.[key];
    if (typeof name !== 'string') return;
    const ref = secretRef(model, name);
    if (ref) holder![key] = holes.value(ref);
  };
  for (const volume of (pod.volumes as Record<string, Record<string, unknown>>[] | undefined) ?? []) {
    swap(volume.secret, 'secretName');
    for (const source of (volume.projected?.sources as Record<string, Record<string, unknown>>[] | undefined) ?? []) swap(source.secret, 'name');
  }
  for (const list of ['containers', 'initContainers']) {
    for (const c of (pod[list] as Record<string, unknown>[] | undefined) ?? []) {
      for (const e of (c.env as { valueFrom?: { secretKeyRef?: Record<string, unknown> } }[] | undefined) ?? []) swap(e.valueFrom?.secretKeyRef, 'name');
      for (const e of (c.envFrom as { secretRef?: Record<string, unknown> }[] | undefined) ?? []) swap(e.secretRef, 'name');
    }
  }
}

function claimHoles(object: KubeObject, holes: Holes): void {
  const spec = object.spec as { accessModes?: string[]; resources: { requests: Record<string, unknown> }; storageClassName?: string };
  spec.resources.requests.storage = holes.value('$volume.size | toJson');
  spec.accessModes = [holes.value('$volume.accessMode | toJson')];
  object.spec = withKey(
    spec as unknown as Record<string, unknown>,
    'storageClassName',
    // Helm charts' convention: empty is the cluster's default class, "-" is no class at all.
    holes.line(({ before, after }) => `{{- with $volume.storageClass }}\n${before}{{ if eq . "-" }}""{{ else }}{{ toJson . }}{{ end }}${after}\n{{- end }}`),
    'last',
  );
}

/** The Ingress of a service: made from the values, rendered when `ingress.enabled`. */
export function ingressTemplate(service: ServiceModel, ingress: IngressModel, level: AnnotationLevel, warnings?: readonly PlacedWarning[], namespace?: string): string {
  const v = serviceVar(service);
  const base: KubeObject = ingress.object
    ? (JSON.parse(JSON.stringify(ingress.object.object)) as KubeObject)
    : { apiVersion: 'networking.k8s.io/v1', kind: 'Ingress', metadata: { name: service.kube, labels: ingress.labels }, spec: {} };
  const holes = new Holes(JSON.stringify(base));
  if (namespace !== undefined) {
    const { name, ...rest } = base.metadata;
    base.metadata = { name, ...rest, namespace: holes.value('.Release.Namespace | toJson') };
  }
  const i = `${v}.ingress`;
  base.spec = {
    ingressClassName: holes.line(({ before }) => `{{- with ${i}.className }}\n${before}{{ toJson . }}\n{{- end }}`),
    tls: holes.line(({ before, indent }) => `{{- with ${i}.tls }}\n${before}{{- toYaml . | nindent ${indent.length + 2} }}\n{{- end }}`),
    rules: holes.line(({ before, indent }) => rulesRange(i, before, indent, ingress.backend)),
  };
  let comments: FieldComment[] = [];
  if (ingress.object) comments = objectComments(ingress.object, level, warnings ?? []);
  else if (level !== 'none') {
    comments = [
      {
        path: ['apiVersion'],
        text:
          level === 'full'
            ? `Ingress ${service.kube}: off by default (compose has no HTTP routing); \`--set services.${service.compose}.ingress.enabled=true\` routes HTTP for the hosts in values.yaml to port ${ingress.backend.port} of Service ${ingress.backend.service}.\n   docs: https://kubernetes.io/docs/concepts/services-networking/ingress/`
            : `Ingress ${service.kube} <- values services.${service.compose}.ingress (off by default)`,
      },
    ];
  }
  const body = holes.fill(writeYaml(base, comments)).replace(/\n$/, '');
  return `${serviceValues(service)}\n{{- if ${i}.enabled }}\n${body}\n{{- end }}\n`;
}

function rulesRange(ingress: string, before: string, indent: string, backend: { service: string; port: number }): string {
  const item = `${indent}  `;
  const path = `${item}    `;
  return [
    `${before.trimEnd()}`,
    `{{- range ${ingress}.hosts }}`,
    `${item}- http:`,
    `${item}    paths:`,
    `{{- range .paths }}`,
    `${path}  - path: {{ .path | toJson }}`,
    `${path}    pathType: {{ .pathType | default "Prefix" | toJson }}`,
    `${path}    backend:`,
    `${path}      service:`,
    `${path}        name: ${goString(backend.service)}`,
    `${path}        port:`,
    `${path}          number: ${backend.port}`,
    `{{- end }}`,
    `{{- with .host }}`,
    `${item}  host: {{ toJson . }}`,
    `{{- end }}`,
    `{{- end }}`,
  ].join('\n');
}

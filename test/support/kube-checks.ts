import type { KubeObject } from '../../src/mapping/context.js';
import { isIanaServiceName as isPortName, isLabelKeyRule, isLabelValueRule, isEnvVarName, isRfc1035Label as isDnsLabel } from './k8s-names.js';

type Obj = Record<string, unknown>;
const asObj = (x: unknown): Obj => (x && typeof x === 'object' ? (x as Obj) : {});
const list = (x: unknown): Obj[] => (Array.isArray(x) ? (x as Obj[]) : []);

function podSpecOf(o: KubeObject): Obj | undefined {
  const spec = asObj(o.spec);
  if (o.kind === 'CronJob') return asObj(asObj(asObj(asObj(spec.jobTemplate).spec).template).spec);
  if (['Deployment', 'DaemonSet', 'StatefulSet', 'Job'].includes(o.kind)) return asObj(asObj(spec.template).spec);
  return undefined;
}

/** Label keys and values Kubernetes rejects, in `labels` (metadata, template or selector). */
function labelProblems(where: string, labels: unknown): string[] {
  return Object.entries(asObj(labels)).flatMap(([k, v]) => [
    ...(isLabelKeyRule(k) ? [] : [`${where}: label key ${JSON.stringify(k)} is invalid`]),
    ...(typeof v === 'string' && isLabelValueRule(v) ? [] : [`${where}: label value ${JSON.stringify(v)} of ${k} is invalid`]),
  ]);
}

/**
 * Checks an API server would make on the objects, beyond the schema: names, label keys and
 * values, selectors that match template labels, environment variable names, named and unique
 * ports, volume mounts backed by volumes, Services that select a workload. The name rules come
 * from test/support/k8s-names.ts, not from the code under test. Returns the problems found (empty
 * when the objects are acceptable).
 */
export function apiServerProblems(objects: readonly KubeObject[]): string[] {
  const problems: string[] = [];
  const seen = new Set<string>();
  const workloadLabels: Record<string, string>[] = [];
  for (const o of objects) {
    const id = `${o.kind}/${o.metadata.name}`;
    if (seen.has(id)) problems.push(`${id}: duplicate object`);
    seen.add(id);
    if (!isDnsLabel(o.metadata.name)) problems.push(`${id}: name is not a DNS-1035 label`);
    problems.push(...labelProblems(`${id} metadata`, o.metadata.labels));
    for (const k of Object.keys(asObj(o.metadata.annotations))) if (!isLabelKeyRule(k)) problems.push(`${id}: annotation key ${JSON.stringify(k)} is invalid`);
    const pod = podSpecOf(o);
    if (pod) {
      const spec = asObj(o.spec);
      const template = o.kind === 'CronJob' ? asObj(asObj(asObj(spec.jobTemplate).spec).template) : asObj(spec.template);
      const labels = asObj(asObj(template.metadata).labels) as Record<string, string>;
      workloadLabels.push(labels);
      const selector = asObj(asObj(spec.selector).matchLabels) as Record<string, string>;
      problems.push(...labelProblems(`${id} template`, labels), ...labelProblems(`${id} selector`, selector));
      if (o.kind !== 'Job' && o.kind !== 'CronJob') {
        if (Object.keys(selector).length === 0) problems.push(`${id}: empty selector`);
        for (const [k, v] of Object.entries(selector)) if (labels[k] !== v) problems.push(`${id}: selector ${k}=${v} does not match the template labels`);
      }
      const volumes = new Set(list(pod.volumes).map((v) => v.name as string));
      if (volumes.size !== list(pod.volumes).length) problems.push(`${id}: duplicate volume names`);
      const containers = [...list(pod.initContainers), ...list(pod.containers)];
      const containerNames = new Set<string>();
      const podPorts = new Set<string>();
      for (const c of containers) {
        const cname = c.name as string;
        if (containerNames.has(cname)) problems.push(`${id}: duplicate container ${cname}`);
        containerNames.add(cname);
        if (!isDnsLabel(cname)) problems.push(`${id}: container name ${cname} is not a DNS label`);
        if (typeof c.image !== 'string' || c.image === '') problems.push(`${id}: container ${cname} has no image`);
        for (const e of list(c.env)) if (!isEnvVarName(String(e.name))) problems.push(`${id}: container ${cname} env name ${JSON.stringify(e.name)} is invalid`);
        for (const m of list(c.volumeMounts)) if (!volumes.has(m.name as string)) problems.push(`${id}: mount ${String(m.name)} has no volume`);
        const paths = list(c.volumeMounts).map((m) => m.mountPath);
        if (new Set(paths).size !== paths.length) problems.push(`${id}: container ${cname} mounts two volumes at one path`);
        for (const p of list(c.ports)) {
          if (p.name !== undefined && !isPortName(p.name as string)) problems.push(`${id}: port name ${String(p.name)} is invalid`);
          const key = `${String(p.containerPort)}/${String(p.protocol ?? 'TCP')}`;
          if (podPorts.has(key)) problems.push(`${id}: duplicate container port ${key}`);
          podPorts.add(key);
          if (p.name !== undefined) {
            if (podPorts.has(`name:${String(p.name)}`)) problems.push(`${id}: duplicate port name ${String(p.name)}`);
            podPorts.add(`name:${String(p.name)}`);
          }
        }
      }
    }
  }
  for (const o of objects) {
    if (o.kind !== 'Service') continue;
    const id = `Service/${o.metadata.name}`;
    const spec = asObj(o.spec);
    const ports = list(spec.ports);
    if (ports.length > 1 && ports.some((p) => !p.name)) problems.push(`${id}: several ports need names`);
    const names = ports.map((p) => p.name);
    if (new Set(names).size !== names.length) problems.push(`${id}: duplicate port names`);
    const keys = ports.map((p) => `${String(p.port)}/${String(p.protocol ?? 'TCP')}`);
    if (new Set(keys).size !== keys.length) problems.push(`${id}: duplicate ports`);
    for (const p of ports) if (p.name !== undefined && !isPortName(p.name as string)) problems.push(`${id}: port name ${String(p.name)} is invalid`);
    const selector = asObj(spec.selector) as Record<string, string>;
    problems.push(...labelProblems(`${id} selector`, selector));
    if (spec.clusterIP === 'None' && ports.length === 0 && Object.keys(selector).length === 0) problems.push(`${id}: headless Service without selector`);
    if (Object.keys(selector).length > 0 && !workloadLabels.some((l) => Object.entries(selector).every(([k, v]) => l[k] === v))) {
      problems.push(`${id}: selects no workload`);
    }
  }
  return problems;
}

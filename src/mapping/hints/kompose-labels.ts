import type { Service } from '../../compose/model.js';
import { entry, get, isMap, isScalar, isSeq, type YNode } from '../../compose/tree.js';
import type { Loc } from '../../util/loc.js';
import type { ServiceType, WorkloadKind } from '../context.js';
import type { AutoscalingHint, Hint, IngressHint, IngressRule, KubeHints } from './hint-types.js';

/**
 * The `kompose.*` service labels Kompose users already wrote, read the way Kompose reads them, as
 * the same hints as the `x-kubernetes` extension (which wins when both say something).
 */

const KOMPOSE_SERVICE_TYPES: Record<string, { type: ServiceType; headless?: boolean }> = {
  clusterip: { type: 'ClusterIP' },
  nodeport: { type: 'NodePort' },
  loadbalancer: { type: 'LoadBalancer' },
  headless: { type: 'ClusterIP', headless: true },
};

const KOMPOSE_CONTROLLERS: Record<string, WorkloadKind> = {
  deployment: 'Deployment',
  daemonset: 'DaemonSet',
  statefulset: 'StatefulSet',
};

/** The kompose.* labels read here; any other one is reported, since it is not copied as a label either. */
const READ = new Set([
  'kompose.service.type',
  'kompose.service.nodeport.port',
  'kompose.service.expose',
  'kompose.service.expose.tls-secret',
  'kompose.service.expose.ingress-class-name',
  'kompose.controller.type',
  'kompose.cronjob.schedule',
  'kompose.volume.size',
  'kompose.volume.storage-class-name',
  'kompose.hpa.replicas.min',
  'kompose.hpa.replicas.max',
  'kompose.hpa.cpu',
  'kompose.hpa.memory',
  'kompose.image-pull-secret',
  'kompose.serviceaccount-name',
]);

/** What to write instead of the Kompose labels that are not read, by prefix. */
const INSTEAD: [prefix: string, instead: string][] = [
  ['kompose.service.healthcheck.', 'write a compose `healthcheck:`; it becomes the probes of the container'],
  ['kompose.image-pull-policy', 'write `pull_policy:` (always, never, missing)'],
  ['kompose.service.group', 'run the containers in one pod with `network_mode: service:<name>`'],
  ['kompose.volume.', 'set the claim with `x-kubernetes: {size, storageClassName, accessModes}` on the top-level volume'],
  ['kompose.cronjob.', 'only the schedule is read; set the other CronJob fields with a kustomize patch'],
];

const QUANTITY = /^\d+(\.\d+)?(Ki|Mi|Gi|Ti|Pi|Ei|k|M|G|T|P|E)?$/;
const DNS_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

/** Kompose's service labels, read the way Kompose reads them (values are case-insensitive where Kompose's are). */
export function readKomposeLabels(svc: Service, hints: KubeHints, warn: (message: string, loc: Loc, hint?: string) => void): void {
  const labels = svc.labels;
  const labelsNode = get(svc.node, 'labels');
  const hint = <T>(label: string, key: string, value: T): Hint<T> => ({ value, loc: labelLoc(labelsNode, label) ?? svc.loc, key, from: `label ${label}` });
  const bad = (label: string, expected: string) =>
    warn(`label ${label}: ${expected}, got ${JSON.stringify(labels[label])}; the label is ignored`, labelLoc(labelsNode, label) ?? svc.loc);
  const int = (label: string, min: number, max: number): number | undefined => {
    const raw = labels[label];
    if (raw === undefined) return undefined;
    const n = /^\s*\d+\s*$/.test(raw) ? Number(raw) : NaN;
    if (Number.isInteger(n) && n >= min && n <= max) return n;
    bad(label, `expected a whole number from ${min} to ${max}`);
    return undefined;
  };

  // One warning per kind of unread label (all the healthcheck ones together), at the first.
  const unread = new Map<string, string[]>();
  for (const label of Object.keys(labels)) {
    if (!label.startsWith('kompose.') || READ.has(label)) continue;
    const group = INSTEAD.find(([prefix]) => label.startsWith(prefix))?.[0] ?? label;
    unread.set(group, [...(unread.get(group) ?? []), label]);
  }
  for (const [group, names] of unread) {
    const instead = INSTEAD.find(([prefix]) => prefix === group)?.[1] ?? 'see `compose2kube explain x-kubernetes` for what can be set';
    const what = names.length === 1 ? `label ${names[0]} is` : `labels ${names.join(', ')} are`;
    warn(`${what} not read by compose2kube; ${names.length === 1 ? 'it is' : 'they are'} ignored`, labelLoc(labelsNode, names[0]!) ?? svc.loc, instead);
  }

  const type = labels['kompose.service.type'];
  if (type !== undefined) {
    const t = KOMPOSE_SERVICE_TYPES[type.trim().toLowerCase()];
    if (!t) bad('kompose.service.type', 'expected clusterip, nodeport, loadbalancer or headless');
    else {
      hints.serviceType = hint('kompose.service.type', 'services.x-kubernetes.expose', t.type);
      if (t.headless) hints.headless = hint('kompose.service.type', 'services.x-kubernetes.expose', true);
    }
  }
  const nodePort = int('kompose.service.nodeport.port', 1, 65535);
  if (nodePort !== undefined) hints.nodePort = hint('kompose.service.nodeport.port', 'services.x-kubernetes.expose', nodePort);

  readKomposeExpose(labels, hints, hint, bad);

  const controller = labels['kompose.controller.type'];
  if (controller !== undefined) {
    const kind = KOMPOSE_CONTROLLERS[controller.trim().toLowerCase()];
    if (kind) hints.workload = hint('kompose.controller.type', 'services.x-kubernetes.workload', kind);
    else bad('kompose.controller.type', 'expected deployment, daemonset or statefulset');
  }
  const schedule = labels['kompose.cronjob.schedule'];
  if (schedule !== undefined) {
    if (schedule.trim() === '') bad('kompose.cronjob.schedule', 'expected a cron expression');
    else {
      hints.schedule = hint('kompose.cronjob.schedule', 'services.x-kubernetes.schedule', schedule.trim());
      hints.workload = hint('kompose.cronjob.schedule', 'services.x-kubernetes.workload', 'CronJob');
    }
  }

  const size = labels['kompose.volume.size'];
  if (size !== undefined) {
    if (QUANTITY.test(size.trim())) hints.claims.size = hint('kompose.volume.size', 'services.x-kubernetes.storage', size.trim());
    else bad('kompose.volume.size', 'expected a Kubernetes quantity such as 1Gi');
  }
  const storageClass = labels['kompose.volume.storage-class-name'];
  if (storageClass !== undefined) {
    if (DNS_SUBDOMAIN.test(storageClass.trim())) hints.claims.storageClassName = hint('kompose.volume.storage-class-name', 'services.x-kubernetes.storage', storageClass.trim());
    else bad('kompose.volume.storage-class-name', 'expected a storage class name');
  }

  const hpaKeys = ['kompose.hpa.replicas.min', 'kompose.hpa.replicas.max', 'kompose.hpa.cpu', 'kompose.hpa.memory'];
  const firstHpa = hpaKeys.find((k) => labels[k] !== undefined);
  if (firstHpa) {
    const min = int('kompose.hpa.replicas.min', 1, 1_000_000);
    const max = int('kompose.hpa.replicas.max', 1, 1_000_000);
    const cpu = int('kompose.hpa.cpu', 1, 1000);
    const memory = int('kompose.hpa.memory', 1, 1000);
    // Kompose's defaults when a label is left out.
    const value: AutoscalingHint = { minReplicas: min ?? 1, maxReplicas: max ?? Math.max(min ?? 1, 3) };
    if (cpu !== undefined) value.cpu = cpu;
    if (memory !== undefined) value.memory = memory;
    if (value.minReplicas > value.maxReplicas) bad('kompose.hpa.replicas.min', `expected at most kompose.hpa.replicas.max (${value.maxReplicas})`);
    else hints.autoscaling = hint(firstHpa, 'services.x-kubernetes.autoscaling', value);
  }

  const pullSecret = labels['kompose.image-pull-secret'];
  if (pullSecret !== undefined) {
    if (DNS_SUBDOMAIN.test(pullSecret.trim())) hints.imagePullSecrets = hint('kompose.image-pull-secret', 'services.x-kubernetes.imagePullSecrets', [pullSecret.trim()]);
    else bad('kompose.image-pull-secret', 'expected the name of a Secret');
  }
  const account = labels['kompose.serviceaccount-name'];
  if (account !== undefined) {
    if (DNS_SUBDOMAIN.test(account.trim())) hints.serviceAccountName = hint('kompose.serviceaccount-name', 'services.x-kubernetes.serviceAccountName', account.trim());
    else bad('kompose.serviceaccount-name', 'expected the name of a ServiceAccount');
  }
}

/**
 * `kompose.service.expose`: "true" asks for an Ingress without a host, anything else is a
 * comma-separated list of `host[/path]`.
 */
function readKomposeExpose(
  labels: Record<string, string>,
  hints: KubeHints,
  hint: <T>(label: string, key: string, value: T) => Hint<T>,
  bad: (label: string, expected: string) => void,
): void {
  const expose = labels['kompose.service.expose'];
  if (expose === undefined || expose.trim().toLowerCase() === 'false') return;
  let rules: IngressRule[];
  if (expose.trim().toLowerCase() === 'true') rules = [{ path: '/' }];
  else {
    rules = [];
    for (const item of expose.split(',').map((s) => s.trim()).filter((s) => s !== '')) {
      const slash = item.indexOf('/');
      const host = slash < 0 ? item : item.slice(0, slash);
      if (!DNS_SUBDOMAIN.test(host.toLowerCase()) && !/^\*\.[a-z0-9.-]+$/i.test(host)) {
        bad('kompose.service.expose', `expected "true" or host names such as app.example.com/path ("${host}" is not a host name)`);
        return;
      }
      rules.push({ host: host.toLowerCase(), path: slash < 0 ? '/' : item.slice(slash) });
    }
    if (rules.length === 0) return;
  }
  const value: IngressHint = { rules };
  const tls = labels['kompose.service.expose.tls-secret']?.trim();
  if (tls) value.tlsSecret = tls;
  const cls = labels['kompose.service.expose.ingress-class-name']?.trim();
  if (cls) value.className = cls;
  hints.ingress = hint('kompose.service.expose', 'services.x-kubernetes.ingress', value);
}

/** A label's position: its key in the map form, its item in the `- key=value` list form. */
function labelLoc(labels: YNode | undefined, name: string): Loc | undefined {
  if (isMap(labels)) return entry(labels, name)?.keyLoc;
  if (isSeq(labels)) {
    return labels.items.find((i) => isScalar(i) && typeof i.value === 'string' && (i.value === name || i.value.startsWith(`${name}=`)))?.loc;
  }
  return undefined;
}

/** The kompose.* labels compose2kube reads (docs/reference/kompose.md lists them; a docs test checks it). */
export const KOMPOSE_LABELS_READ: readonly string[] = [...READ];

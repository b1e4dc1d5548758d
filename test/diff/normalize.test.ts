import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ASSIGNED, FALSE_IS_ABSENT, SERVER_ANNOTATIONS, SERVER_DEFAULTS, SERVER_METADATA, type Scope, type ServerDefault } from '../../src/diff/defaults.js';
import { getPath, type Json, type JsonObject } from '../../src/diff/json.js';
import { normalize } from '../../src/diff/normalize.js';

const DIFF_PAGE = readFileSync(join(import.meta.dirname, '../../docs/guide/diff.md'), 'utf8');

/** A whole object with `node` where the scope is, and the keys leading to the node. */
function place(scope: Scope, node: JsonObject, pod: JsonObject = {}): { object: JsonObject; at: (string | number)[] } {
  const meta = (kind: string, apiVersion: string) => ({ apiVersion, kind, metadata: { name: 'x' } });
  const inPod = (at: (string | number)[], podNode: JsonObject) => ({
    object: { ...meta('Deployment', 'apps/v1'), spec: { template: { spec: { ...pod, ...podNode } } } },
    at: ['spec', 'template', 'spec', ...at],
  });
  const container = (key: string, inner: Json) => inPod(['containers', 0, key], { containers: [{ name: 'c', image: 'nginx:1', [key]: inner }] });
  switch (scope) {
    case 'job':
      return { object: { ...meta('Job', 'batch/v1'), spec: node }, at: ['spec'] };
    case 'pod':
      return inPod([], node);
    case 'container':
      return inPod(['containers', 0], { containers: [{ name: 'c', ...node }] });
    case 'containerPort':
      return { ...container('ports', [node]), at: [...container('ports', [node]).at, 0] };
    case 'envVar':
      return { ...container('env', [node]), at: [...container('env', [node]).at, 0] };
    case 'probe':
      return container('livenessProbe', node);
    case 'httpGet': {
      const p = container('readinessProbe', { httpGet: node });
      return { ...p, at: [...p.at, 'httpGet'] };
    }
    case 'volume':
      return inPod(['volumes', 0], { volumes: [{ name: 'v', ...node }] });
    case 'servicePort':
      return { object: { ...meta('Service', 'v1'), spec: { ports: [node] } }, at: ['spec', 'ports', 0] };
    case 'claim':
      return { object: { ...meta('PersistentVolumeClaim', 'v1'), spec: node }, at: ['spec'] };
    case 'networkPolicyPort':
      return { object: { ...meta('NetworkPolicy', 'networking.k8s.io/v1'), spec: { ingress: [{ ports: [node] }] } }, at: ['spec', 'ingress', 0, 'ports', 0] };
    case 'subject':
      return { object: { ...meta('RoleBinding', 'rbac.authorization.k8s.io/v1'), subjects: [node] }, at: ['subjects', 0] };
    default:
      return { object: { ...meta(scope, 'v1'), ...node }, at: [] };
  }
}

/** The node a rule needs around its field, the default to write there, and a value that is not the default. */
interface Example {
  node?: JsonObject;
  pod?: JsonObject;
  value?: Json;
  other?: Json;
}
const EXAMPLES: Record<string, Example> = {
  'container imagePullPolicy': { node: { image: 'nginx:1.27' }, value: 'IfNotPresent', other: 'Always' },
  'servicePort targetPort': { node: { port: 80 }, value: 80, other: 8080 },
  'containerPort hostPort': { node: { containerPort: 80 }, pod: { hostNetwork: true }, value: 80, other: 8080 },
  'envVar valueFrom.resourceFieldRef.divisor': { node: { valueFrom: { resourceFieldRef: { resource: 'limits.cpu' } } }, value: '0', other: '1m' },
  'job podReplacementPolicy Failed': { node: { podFailurePolicy: { rules: [{ action: 'FailJob', onExitCodes: { operator: 'In', values: [42] } }] } } },
  'Service spec.sessionAffinityConfig.clientIP.timeoutSeconds': { node: { spec: { sessionAffinity: 'ClientIP' } } },
  'Service spec.externalTrafficPolicy': { node: { spec: { type: 'NodePort' } } },
  'Service spec.allocateLoadBalancerNodePorts': { node: { spec: { type: 'LoadBalancer' } } },
  'subject apiGroup': { node: { kind: 'User', name: 'jane' } },
  'NetworkPolicy spec.policyTypes': { value: ['Ingress'], other: ['Ingress', 'Egress'] },
  'HorizontalPodAutoscaler spec.behavior.scaleUp.policies': {
    value: [
      { type: 'Percent', value: 100, periodSeconds: 15 },
      { type: 'Pods', value: 4, periodSeconds: 15 },
    ],
  },
};

function exampleOf(rule: ServerDefault): Example {
  return EXAMPLES[`${rule.scope} ${rule.field} ${String(rule.value)}`] ?? EXAMPLES[`${rule.scope} ${rule.field}`] ?? {};
}

function otherThan(value: Json): Json {
  if (typeof value === 'number') return value + 7;
  if (typeof value === 'string') return `${value}-other`;
  if (typeof value === 'boolean') return !value;
  return [{ other: 1 }];
}

/** Sets a dotted path (with `[]` meaning the first item of a list, created when missing). */
function setField(node: JsonObject, field: string, value: Json): void {
  const steps = field.split('.');
  let at: JsonObject = node;
  for (const step of steps.slice(0, -1)) {
    const list = step.endsWith('[]');
    const key = list ? step.slice(0, -2) : step;
    if (list) {
      const items = (at[key] ??= [{}]) as JsonObject[];
      at = items[0]!;
    } else {
      at = (at[key] ??= {}) as JsonObject;
    }
  }
  at[steps[steps.length - 1]!] = value;
}

function fieldAt(object: JsonObject, at: (string | number)[], field: string): Json | undefined {
  let node: Json | undefined = object;
  for (const step of [...at, ...field.split('.').flatMap((s) => (s.endsWith('[]') ? [s.slice(0, -2), 0] : [s]))]) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<string | number, Json>)[step];
  }
  return node;
}

describe('normalize: the defaults an API server fills in (defaults.ts)', () => {
  it.each(SERVER_DEFAULTS.map((r) => [`${r.scope} ${r.field} = ${JSON.stringify(r.value ?? exampleOf(r).value)}`, r] as const))('%s means the same as leaving it out', (_name, rule) => {
    const example = exampleOf(rule);
    const value = example.value !== undefined ? example.value : rule.value!;
    expect(value, 'the test needs a default value for this row').toBeDefined();
    const withDefault = structuredClone(example.node ?? {});
    setField(withDefault, rule.field, value);
    const placed = place(rule.scope, withDefault, example.pod);
    expect(fieldAt(placed.object, placed.at, rule.field)).toEqual(value);
    expect(fieldAt(normalize(placed.object), placed.at, rule.field)).toBeUndefined();

    const other = example.other !== undefined ? example.other : otherThan(value);
    const withOther = structuredClone(example.node ?? {});
    setField(withOther, rule.field, other);
    const placedOther = place(rule.scope, withOther, example.pod);
    expect(fieldAt(normalize(placedOther.object), placedOther.at, rule.field)).toEqual(other);
  });

  it.each([
    ['nginx', 'Always'],
    ['nginx:latest', 'Always'],
    ['registry.example.com:5000/team/app', 'Always'],
    ['registry.example.com:5000/team/app:2.1', 'IfNotPresent'],
    ['nginx@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef', 'IfNotPresent'],
  ])('imagePullPolicy of %s defaults to %s', (image, policy) => {
    const { object, at } = place('container', { image, imagePullPolicy: policy });
    expect(fieldAt(normalize(object), at, 'imagePullPolicy')).toBeUndefined();
    const wrong = place('container', { image, imagePullPolicy: policy === 'Always' ? 'IfNotPresent' : 'Always' });
    expect(fieldAt(normalize(wrong.object), wrong.at, 'imagePullPolicy')).toBeDefined();
  });

  it('keeps completions: 1 when parallelism says the Job runs several pods', () => {
    const { object } = place('job', { completions: 1, parallelism: 3 });
    expect(getPath(normalize(object), ['spec'])).toEqual({ completions: 1, parallelism: 3 });
  });

  it('keeps rollingUpdate settings of a strategy that is not RollingUpdate', () => {
    const object = { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'x' }, spec: { strategy: { type: 'Recreate', rollingUpdate: { maxSurge: '25%' } } } };
    expect(getPath(normalize(object), ['spec', 'strategy'])).toEqual({ type: 'Recreate', rollingUpdate: { maxSurge: '25%' } });
  });
});

describe('normalize: what only a server writes', () => {
  it.each(SERVER_METADATA.map((m) => [m.field]))('drops metadata.%s, of the object and of its pod template', (field) => {
    const object = {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'web', [field]: 'x' },
      spec: { template: { metadata: { labels: { a: 'b' }, [field]: null }, spec: { containers: [{ name: 'c', image: 'i:1' }] } } },
    };
    const n = normalize(object);
    expect(getPath(n, ['metadata', field])).toBeUndefined();
    expect(getPath(n, ['spec', 'template', 'metadata', field])).toBeUndefined();
    expect(getPath(n, ['metadata', 'name'])).toBe('web');
  });

  it.each(SERVER_ANNOTATIONS.map((a) => [a.key]))('drops the annotation %s and keeps the others', (key) => {
    const n = normalize({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c', annotations: { [key]: 'x', 'team.example.com/owner': 'shop' } } });
    expect(getPath(n, ['metadata', 'annotations'])).toEqual({ 'team.example.com/owner': 'shop' });
  });

  it('drops status', () => {
    expect(normalize({ apiVersion: 'v1', kind: 'Service', metadata: { name: 's' }, status: { loadBalancer: {} } })).toEqual({ apiVersion: 'v1', kind: 'Service', metadata: { name: 's' } });
  });

  it('drops the label a server puts on every namespace, and the Job controller labels', () => {
    expect(normalize({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'shop', labels: { 'kubernetes.io/metadata.name': 'shop' } } })).toEqual({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'shop' } });
    const job = normalize({
      apiVersion: 'batch/v1',
      kind: 'Job',
      metadata: { name: 'm' },
      spec: { template: { metadata: { labels: { app: 'm', 'batch.kubernetes.io/controller-uid': 'u', 'batch.kubernetes.io/job-name': 'm', 'controller-uid': 'u', 'job-name': 'm' } } } },
    });
    expect(getPath(job, ['spec', 'template', 'metadata', 'labels'])).toEqual({ app: 'm' });
  });

  it('reads claim templates written as whole PersistentVolumeClaims', () => {
    const n = normalize({
      apiVersion: 'apps/v1',
      kind: 'StatefulSet',
      metadata: { name: 'db' },
      spec: { volumeClaimTemplates: [{ apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: { name: 'data', creationTimestamp: null }, spec: { volumeMode: 'Filesystem', resources: { requests: { storage: '1Gi' } } }, status: { phase: 'Pending' } }] },
    });
    expect(getPath(n, ['spec', 'volumeClaimTemplates'])).toEqual([{ metadata: { name: 'data' }, spec: { resources: { requests: { storage: '1Gi' } } } }]);
  });
});

describe('normalize: spellings of the same thing', () => {
  const pod = (spec: JsonObject) => normalize({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' }, spec });

  it.each(FALSE_IS_ABSENT.map((f) => [f]))('%s: false is the same as left out, true is kept', (field) => {
    expect(pod({ containers: [{ name: 'c', [field]: false }] })).toEqual(pod({ containers: [{ name: 'c' }] }));
    expect(getPath(pod({ containers: [{ name: 'c', [field]: true }] }), ['spec'])).toEqual({ containers: [{ name: 'c', [field]: true }] });
  });

  it('drops null, empty maps, empty lists and empty strings, but not in data maps, volume sources or network policy peers', () => {
    const n = normalize({
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'p', labels: { empty: '' }, annotations: {} },
      spec: {
        securityContext: {},
        nodeSelector: { disk: '' },
        containers: [{ name: 'c', args: [], env: [{ name: 'A', value: '' }], resources: {}, workingDir: null }],
        volumes: [{ name: 'scratch', emptyDir: {} }],
      },
    });
    expect(n).toEqual({
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'p', labels: { empty: '' } },
      spec: { nodeSelector: { disk: '' }, containers: [{ name: 'c', env: [{ name: 'A' }] }], volumes: [{ name: 'scratch', emptyDir: {} }] },
    });
    const np = normalize({ apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name: 'n' }, spec: { podSelector: {}, ingress: [{ from: [{ podSelector: {} }] }, {}] } });
    expect(getPath(np, ['spec', 'ingress'])).toEqual([{ from: [{ podSelector: {} }] }, {}]);
  });

  it('a volume without a source is an emptyDir', () => {
    expect(pod({ volumes: [{ name: 'v' }] })).toEqual(pod({ volumes: [{ name: 'v', emptyDir: {} }] }));
  });

  it('a container with a limit and no request requests the limit', () => {
    expect(pod({ containers: [{ name: 'c', resources: { limits: { memory: '1Gi' } } }] })).toEqual(pod({ containers: [{ name: 'c', resources: { limits: { memory: '1Gi' }, requests: { memory: '1Gi' } } }] }));
  });

  it('serviceAccount is the old spelling of serviceAccountName', () => {
    expect(pod({ serviceAccount: 'sa', serviceAccountName: 'sa' })).toEqual(pod({ serviceAccountName: 'sa' }));
    expect(pod({ serviceAccount: 'sa' })).toEqual(pod({ serviceAccountName: 'sa' }));
  });

  it('Secret stringData is data in base64, and base64 is compared in one spelling', () => {
    const secret = (fields: JsonObject) => normalize({ apiVersion: 'v1', kind: 'Secret', metadata: { name: 's' }, ...fields });
    const canonical = secret({ data: { A: 'aMOpbGxv', B: 'dw==' } });
    expect(secret({ stringData: { A: 'héllo', B: 'w' } })).toEqual(canonical);
    expect(secret({ data: { A: 'aMOp\n  bGxv', B: 'dw' } })).toEqual(canonical);
    expect(secret({ data: { A: 'old', B: 'dw==' }, stringData: { A: 'héllo' } })).toEqual(canonical);
    expect(secret({ data: { A: 'aMOpbGxv', B: 'dw==' }, type: 'Opaque' })).toEqual(canonical);
  });
});

describe('docs/guide/diff.md lists every normalization', () => {
  const mentioned = (s: string) => DIFF_PAGE.includes(`\`${s}`) || DIFF_PAGE.includes(s);
  it.each([
    ...SERVER_DEFAULTS.map((r) => r.field.split('.').pop()!.replace('[]', '')),
    ...SERVER_METADATA.map((m) => m.field),
    ...SERVER_ANNOTATIONS.map((a) => a.key),
    ...ASSIGNED.map((a) => a.field.split('.').pop()!),
    ...FALSE_IS_ABSENT,
  ].filter((v, i, all) => all.indexOf(v) === i).map((f) => [f]))('%s', (field) => {
    expect(mentioned(field)).toBe(true);
  });
});

import { describe, expect, it } from 'vitest';
import { memoryReader } from '../../src/compose/host.js';
import { loadProject } from '../../src/compose/load.js';
import type { Project } from '../../src/compose/model.js';
import { Diagnostics } from '../../src/diagnostics/diagnostic.js';
import { serviceHints, volumeHints, type KubeHints } from '../../src/mapping/hints/extension.js';

function load(yaml: string, env: Record<string, string> = {}): Project {
  const loaded = loadProject({ workingDir: '/p', env, reader: memoryReader({ 'compose.yaml': yaml }, '/p') });
  expect(loaded.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  return loaded.project!;
}

/** Hints of service "app" with only the values (locations are tested separately). */
function hintsOf(serviceBody: string, env: Record<string, string> = {}) {
  const project = load(`services:\n  app:\n    image: nginx\n${serviceBody}`, env);
  const diags = new Diagnostics();
  const hints = serviceHints(project.services.app!, diags);
  return { hints, values: values(hints), diags: diags.items };
}

function values(h: KubeHints): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(h)) {
    if (k === 'claims') {
      const claims = Object.fromEntries(Object.entries(v as object).map(([ck, cv]) => [ck, (cv as { value: unknown }).value]));
      if (Object.keys(claims).length > 0) out.claims = claims;
    } else out[k] = (v as { value: unknown }).value;
  }
  return out;
}

describe('x-kubernetes on a service', () => {
  it.each([
    ['workload', '    x-kubernetes:\n      workload: StatefulSet\n', { workload: 'StatefulSet' }],
    ['schedule implies CronJob', '    x-kubernetes:\n      schedule: "0 3 * * *"\n', { workload: 'CronJob', schedule: '0 3 * * *' }],
    ['macro schedule', '    x-kubernetes:\n      workload: CronJob\n      schedule: "@daily"\n', { workload: 'CronJob', schedule: '@daily' }],
    [
      'expose',
      '    x-kubernetes:\n      expose: { type: NodePort, nodePort: 30080 }\n',
      { serviceType: 'NodePort', nodePort: 30080 },
    ],
    ['headless', '    x-kubernetes:\n      expose: { headless: true }\n', { headless: true }],
    [
      'ingress with hosts',
      '    x-kubernetes:\n      ingress:\n        host: [a.example.com, b.example.com]\n        path: /api\n        tlsSecret: app-tls\n        className: nginx\n        port: 8080\n',
      {
        ingress: {
          rules: [
            { host: 'a.example.com', path: '/api' },
            { host: 'b.example.com', path: '/api' },
          ],
          tlsSecret: 'app-tls',
          className: 'nginx',
          port: 8080,
        },
      },
    ],
    ['ingress single host, default path', '    x-kubernetes:\n      ingress: { host: app.example.com }\n', { ingress: { rules: [{ host: 'app.example.com', path: '/' }] } }],
    ['ingress without host', '    x-kubernetes:\n      ingress: {}\n', { ingress: { rules: [{ path: '/' }] } }],
    [
      'autoscaling',
      '    x-kubernetes:\n      autoscaling: { maxReplicas: 5, cpu: 70 }\n',
      { autoscaling: { minReplicas: 1, maxReplicas: 5, cpu: 70 } },
    ],
    ['one pull secret', '    x-kubernetes:\n      imagePullSecrets: regcred\n', { imagePullSecrets: ['regcred'] }],
    ['service account', '    x-kubernetes:\n      serviceAccountName: app\n', { serviceAccountName: 'app' }],
    [
      'labels and annotations',
      '    x-kubernetes:\n      labels: { team: web, tier: "1" }\n      annotations: { example.com/owner: "Jane Doe" }\n',
      { labels: { team: 'web', tier: '1' }, annotations: { 'example.com/owner': 'Jane Doe' } },
    ],
    [
      'storage defaults',
      '    x-kubernetes:\n      storage: { size: 5Gi, storageClassName: fast, accessModes: ReadWriteOnce }\n',
      { claims: { size: '5Gi', storageClassName: 'fast', accessModes: ['ReadWriteOnce'] } },
    ],
  ])('%s', (_name, body, expected) => {
    const { values: v, diags } = hintsOf(body);
    expect(diags).toEqual([]);
    expect(v).toEqual(expected);
  });

  it('reads numbers that interpolation left as strings', () => {
    const { values: v, diags } = hintsOf('    x-kubernetes:\n      autoscaling: { minReplicas: "${MIN}", maxReplicas: "${MAX}" }\n', { MIN: '2', MAX: '4' });
    expect(diags).toEqual([]);
    expect(v).toEqual({ autoscaling: { minReplicas: 2, maxReplicas: 4 } });
  });

  it('points each hint at the key that asked for it', () => {
    const { hints } = hintsOf('    x-kubernetes:\n      workload: Job\n      expose:\n        type: LoadBalancer\n');
    expect(hints.workload).toMatchObject({ loc: { line: 5, column: 7 }, key: 'services.x-kubernetes.workload', from: 'x-kubernetes.workload' });
    expect(hints.serviceType).toMatchObject({ loc: { line: 7, column: 9 }, key: 'services.x-kubernetes.expose', from: 'x-kubernetes.expose.type' });
  });

  it.each([
    ['unknown workload', '      workload: Pod\n', 'x-kubernetes.workload must be one of Deployment, StatefulSet, DaemonSet, Job, CronJob, got "Pod"', 5, 17],
    ['typo in a key', '      expose: { typ: NodePort }\n', 'x-kubernetes.expose: unknown key "typ" (did you mean "type"?)', 5, 17],
    ['bad schedule', '      schedule: every day\n', 'x-kubernetes.schedule: "every day" is not a cron expression', 5, 17],
    ['node port out of range', '      expose:\n        nodePort: 70000\n', 'x-kubernetes.expose.nodePort must be <= 65535, got 70000', 6, 19],
    ['bad size', '      storage: { size: 10 GB }\n', 'x-kubernetes.storage.size: "10 GB" is not a Kubernetes quantity such as 10Gi or 500Mi', 5, 24],
    ['autoscaling without max', '      autoscaling: { cpu: 50 }\n', 'x-kubernetes.autoscaling: "maxReplicas" is required', 5, 20],
    ['min above max', '      autoscaling:\n        minReplicas: 5\n        maxReplicas: 2\n', 'minReplicas (5) is larger than maxReplicas (2)', 6, 9],
    ['CronJob without schedule', '      workload: CronJob\n', 'x-kubernetes.workload: a CronJob needs a schedule', 5, 7],
    ['schedule on a Deployment', '      workload: Deployment\n      schedule: "* * * * *"\n', 'a schedule only applies to a CronJob', 6, 7],
    ['bad label key', '      labels:\n        "bad key": x\n', 'x-kubernetes.labels: "bad key" is not a valid key', 6, 9],
    ['bad label value', '      labels:\n        team: "a b"\n', 'x-kubernetes.labels.team: "a b" is not a label value', 6, 15],
    ['not a mapping', '      - workload\n', 'x-kubernetes must be object', 5, 7],
  ])('reports %s as x-kubernetes at its position', (_name, body, message, line, column) => {
    const { diags, values: v } = hintsOf(`    x-kubernetes:\n${body}`);
    expect(diags).toHaveLength(1);
    expect(diags[0]).toMatchObject({ code: 'x-kubernetes', severity: 'error', file: 'compose.yaml', line, column });
    expect(diags[0]!.message).toContain(message);
    expect(diags[0]!.message).toMatch(/^service "app": /);
    expect(v.workload === 'CronJob' && v.schedule === undefined).toBe(false);
  });

  it('reports every mistake, not only the first, and then gives no hints', () => {
    const { diags, values: v } = hintsOf(
      '    x-kubernetes:\n      workload: Pod\n      expose: { type: External }\n      autoscaling: { minReplicas: 4, maxReplicas: 2 }\n      labels: { team: web }\n',
    );
    expect(diags.map((d) => [d.code, d.severity, d.line, d.column, d.message])).toEqual([
      ['x-kubernetes', 'error', 5, 17, expect.stringContaining('x-kubernetes.workload must be one of')],
      ['x-kubernetes', 'error', 6, 23, expect.stringContaining('x-kubernetes.expose.type must be one of')],
      ['x-kubernetes', 'error', 7, 22, 'service "app": x-kubernetes.autoscaling.minReplicas (4) is larger than maxReplicas (2)'],
    ]);
    expect(v).toEqual({});
  });

  it('accepts a CronJob whose schedule comes from a kompose label', () => {
    const { diags, values: v } = hintsOf('    labels:\n      kompose.cronjob.schedule: "@hourly"\n    x-kubernetes:\n      workload: CronJob\n');
    expect(diags).toEqual([]);
    expect(v).toEqual({ workload: 'CronJob', schedule: '@hourly' });
  });

  it('reports once however many transforms ask, and again for a new collector', () => {
    const project = load('services:\n  app:\n    image: nginx\n    x-kubernetes:\n      workload: Pod\n');
    const diags = new Diagnostics();
    const first = serviceHints(project.services.app!, diags);
    expect(serviceHints(project.services.app!, diags)).toBe(first);
    expect(diags.items).toHaveLength(1);
    const other = new Diagnostics();
    serviceHints(project.services.app!, other);
    expect(other.items).toHaveLength(1);
  });
});

describe('kompose labels', () => {
  it.each([
    ['kompose.service.type: nodeport', { serviceType: 'NodePort' }],
    ['kompose.service.type: LoadBalancer', { serviceType: 'LoadBalancer' }],
    ['kompose.service.type: headless', { serviceType: 'ClusterIP', headless: true }],
    ['kompose.service.nodeport.port: "33111"', { nodePort: 33111 }],
    ['kompose.controller.type: daemonset', { workload: 'DaemonSet' }],
    ['kompose.controller.type: statefulset', { workload: 'StatefulSet' }],
    ['kompose.cronjob.schedule: "*/5 * * * *"', { workload: 'CronJob', schedule: '*/5 * * * *' }],
    ['kompose.service.expose: "true"', { ingress: { rules: [{ path: '/' }] } }],
    ['kompose.service.expose: "false"', {}],
    [
      'kompose.service.expose: " a.example.com/home ,, B.example.com "',
      {
        ingress: {
          rules: [
            { host: 'a.example.com', path: '/home' },
            { host: 'b.example.com', path: '/' },
          ],
        },
      },
    ],
    ['kompose.volume.size: 200Mi', { claims: { size: '200Mi' } }],
    ['kompose.volume.storage-class-name: fast', { claims: { storageClassName: 'fast' } }],
    ['kompose.hpa.replicas.max: 10', { autoscaling: { minReplicas: 1, maxReplicas: 10 } }],
    ['kompose.hpa.cpu: 50', { autoscaling: { minReplicas: 1, maxReplicas: 3, cpu: 50 } }],
    ['kompose.image-pull-secret: regcred', { imagePullSecrets: ['regcred'] }],
    ['kompose.serviceaccount-name: app', { serviceAccountName: 'app' }],
  ])('%s', (label, expected) => {
    const { values: v, diags } = hintsOf(`    labels:\n      ${label}\n`);
    expect(diags).toEqual([]);
    expect(v).toEqual(expected);
  });

  it('reads the companion labels of expose and hpa', () => {
    const { values: v } = hintsOf(
      [
        '    labels:',
        '      kompose.service.expose: app.example.com',
        '      kompose.service.expose.tls-secret: app-tls',
        '      kompose.service.expose.ingress-class-name: nginx',
        '      kompose.hpa.replicas.min: 2',
        '      kompose.hpa.replicas.max: 6',
        '      kompose.hpa.memory: 70',
        '',
      ].join('\n'),
    );
    expect(v).toEqual({
      ingress: { rules: [{ host: 'app.example.com', path: '/' }], tlsSecret: 'app-tls', className: 'nginx' },
      autoscaling: { minReplicas: 2, maxReplicas: 6, memory: 70 },
    });
  });

  it('reads the list form of labels and points at the item', () => {
    const { hints } = hintsOf('    labels:\n      - kompose.service.type=nodeport\n');
    expect(hints.serviceType).toMatchObject({ value: 'NodePort', loc: { line: 5, column: 9 }, from: 'label kompose.service.type' });
  });

  it.each([
    ['kompose.service.type: external', 'expected clusterip, nodeport, loadbalancer or headless'],
    ['kompose.controller.type: replicationcontroller', 'expected deployment, daemonset or statefulset'],
    ['kompose.service.nodeport.port: port', 'expected a whole number from 1 to 65535'],
    ['kompose.volume.size: lots', 'expected a Kubernetes quantity'],
    ['kompose.service.expose: "not a host"', 'is not a host name'],
  ])('warns about %s and ignores it', (label, message) => {
    const { values: v, diags } = hintsOf(`    labels:\n      ${label}\n`);
    expect(v).toEqual({});
    expect(diags).toHaveLength(1);
    expect(diags[0]).toMatchObject({ code: 'kompose-label', severity: 'warning', line: 5, column: 7 });
    expect(diags[0]!.message).toContain(message);
  });

  it.each([
    ['kompose.service.healthcheck.readiness.tcp: "8080"', 'write a compose `healthcheck:`'],
    ['kompose.image-pull-policy: Always', 'write `pull_policy:`'],
    ['kompose.cronjob.backoff_limit: "0"', 'only the schedule is read'],
    ['kompose.volume.type: persistentVolumeClaim', 'x-kubernetes: {size, storageClassName, accessModes}'],
    ['kompose.made-up: x', 'compose2kube explain x-kubernetes'],
  ])('warns that %s is not read, with what to write instead', (label, instead) => {
    const { values: v, diags } = hintsOf(`    labels:\n      ${label}\n`);
    expect(v).toEqual({});
    expect(diags).toHaveLength(1);
    expect(diags[0]).toMatchObject({ code: 'kompose-label', severity: 'warning', line: 5, column: 7 });
    expect(diags[0]!.message).toMatch(/^service "app": label kompose\.\S+ is not read by compose2kube; it is ignored$/);
    expect(diags[0]!.hint).toContain(instead);
  });

  it('groups unread labels of one kind into one warning at the first', () => {
    const { diags } = hintsOf(
      '    labels:\n      kompose.service.healthcheck.readiness.tcp_port: "6379"\n      kompose.service.healthcheck.readiness.interval: 10s\n      kompose.made-up: x\n',
    );
    expect(diags.map((d) => [d.line, d.message])).toEqual([
      [5, 'service "app": labels kompose.service.healthcheck.readiness.tcp_port, kompose.service.healthcheck.readiness.interval are not read by compose2kube; they are ignored'],
      [7, 'service "app": label kompose.made-up is not read by compose2kube; it is ignored'],
    ]);
  });

  it('leaves other labels alone', () => {
    expect(hintsOf('    labels:\n      com.example.team: web\n      komposer: x\n').diags).toEqual([]);
  });

  it('lets x-kubernetes win over a label', () => {
    const { values: v, diags } = hintsOf(
      '    labels:\n      kompose.service.type: nodeport\n      kompose.cronjob.schedule: "* * * * *"\n    x-kubernetes:\n      workload: Deployment\n      expose: { type: LoadBalancer }\n',
    );
    expect(diags).toEqual([]);
    expect(v).toEqual({ workload: 'Deployment', serviceType: 'LoadBalancer' });
  });
});

describe('x-kubernetes on a volume', () => {
  const yaml = (ext: string) => `services:\n  app:\n    image: nginx\n    volumes: [data:/data]\n    labels:\n      kompose.volume.size: 1Gi\nvolumes:\n  data:\n    x-kubernetes:\n${ext}`;

  it('reads size, class and access modes', () => {
    const project = load(yaml('      size: 10Gi\n      storageClassName: fast\n      accessModes: [ReadWriteMany]\n'));
    const diags = new Diagnostics();
    const vol = volumeHints(project.volumes.data!, diags, project.node);
    expect(diags.items).toEqual([]);
    expect(vol.size).toMatchObject({ value: '10Gi', loc: { line: 10, column: 7 }, key: 'volumes.x-kubernetes', from: 'x-kubernetes.size' });
    expect(vol.storageClassName?.value).toBe('fast');
    expect(vol.accessModes?.value).toEqual(['ReadWriteMany']);
    expect(serviceHints(project.services.app!, diags).claims.size?.value).toBe('1Gi');
  });

  it.each([
    ['      size: big\n', 10, 13, 'x-kubernetes.size: "big" is not a Kubernetes quantity such as 10Gi or 500Mi'],
    ['      accessModes: [ReadWriteAll]\n', 10, 21, 'x-kubernetes.accessModes must be one of ReadWriteOnce'],
    ['      workload: StatefulSet\n', 10, 7, 'x-kubernetes: unknown key "workload"'],
  ])('reports %j at its position', (ext, line, column, message) => {
    const project = load(yaml(ext));
    const diags = new Diagnostics();
    volumeHints(project.volumes.data!, diags, project.node);
    expect(diags.items).toHaveLength(1);
    expect(diags.items[0]).toMatchObject({ code: 'x-kubernetes', line, column });
    expect(diags.items[0]!.message).toContain(`volume "data": ${message}`);
  });

  it('points at the volume without the project tree', () => {
    const project = load(yaml('      size: big\n'));
    const diags = new Diagnostics();
    volumeHints(project.volumes.data!, diags);
    expect(diags.items[0]).toMatchObject({ code: 'x-kubernetes', line: 8, column: 3 });
  });
});

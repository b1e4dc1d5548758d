import { tmpdir } from 'node:os';
import { describe, expect, it } from 'vitest';
import type { IContainer } from 'kubernetes-models/v1/Container';
import type { IPodSpec } from 'kubernetes-models/v1/PodSpec';
import type { ConvertOptions } from '../../src/pipeline.js';
import { convert } from '../support/api-checks.js';
import type { KubeObject } from '../../src/mapping/context.js';
import { KUBECTL_IMAGE, OPTIONAL_WAIT_SECONDS, WAIT_IMAGE } from '../../src/mapping/workloads/dependencies.js';
import { runCli } from '../support/cli.js';
import { apiServerProblems } from '../support/kube-checks.js';
import { validateWithModels } from '../support/validate-models.js';

function run(services: string, options: ConvertOptions = {}) {
  return convert({ 'compose.yaml': `services:\n${services}` }, { workingDir: '/p', env: {}, ...options });
}

function podOf(objects: KubeObject[], name: string): IPodSpec {
  const o = objects.find((x) => ['Deployment', 'Job', 'StatefulSet', 'DaemonSet'].includes(x.kind) && x.metadata.name === name);
  expect(o, `no workload ${name}`).toBeDefined();
  return (o as unknown as { spec: { template: { spec: IPodSpec } } }).spec.template.spec;
}

function initOf(objects: KubeObject[], name: string): IContainer[] {
  return podOf(objects, name).initContainers ?? [];
}

function script(c: IContainer): string {
  expect(c.command?.slice(0, 2)).toEqual(['/bin/sh', '-c']);
  return c.command![2]!;
}

const codes = (r: ReturnType<typeof run>) => r.diagnostics.map(({ code, severity, line, column }) => ({ code, severity, line, column }));

const DB_HEALTHY = `  db:
    image: postgres:16
    expose: ["5432"]
    healthcheck:
      test: pg_isready
`;

describe('depends_on -> one wait-for-<dep> init container per dependency', () => {
  it.each([
    ['short syntax', '    depends_on: [db]\n'],
    ['service_started', '    depends_on:\n      db:\n        condition: service_started\n'],
    ['service_healthy', '    depends_on:\n      db:\n        condition: service_healthy\n'],
  ])('%s waits until the first TCP port of the dependency accepts connections', (_name, dependsOn) => {
    const r = run(`  web:\n    image: web:1\n${dependsOn}${DB_HEALTHY}`);
    const [wait, ...rest] = initOf(r.objects, 'web');
    expect(rest).toEqual([]);
    expect(wait).toMatchObject({ name: 'wait-for-db', image: WAIT_IMAGE });
    expect(script(wait!)).toContain('until nc -z -w 2 db 5432; do');
    // A required dependency is waited for as long as it takes: no exit, no deadline, ready after the loop.
    expect(script(wait!)).not.toMatch(/\bexit\b/);
    expect(script(wait!)).toMatch(/\ndone\necho "db:5432 accepts connections"$/);
  });

  // compose-go turns each link into a depends_on entry (`links: [db]` starts db first): the service waits alike.
  it('waits for a service it links to, like for depends_on, and says nothing about the implied restart', () => {
    const r = run(`  web:\n    image: web:1\n    links: ["db:database"]\n${DB_HEALTHY}`);
    const [wait, ...rest] = initOf(r.objects, 'web');
    expect(rest).toEqual([]);
    expect(wait).toMatchObject({ name: 'wait-for-db', image: WAIT_IMAGE });
    expect(script(wait!)).toContain('until nc -z -w 2 db 5432; do');
    expect(r.diagnostics.filter((d) => d.message.includes('depends_on'))).toEqual([]);
    const both = run(`  web:\n    image: web:1\n    links: [db]\n    depends_on:\n      db:\n        condition: service_healthy\n${DB_HEALTHY}`);
    expect(initOf(both.objects, 'web').map((c) => c.name)).toEqual(['wait-for-db']);
  });

  it('waits on the first TCP port as written, ports before expose, skipping UDP', () => {
    const r = run(`  web:\n    image: web:1\n    depends_on: [dns]\n  dns:\n    image: dns:1\n    ports: ["53:53/udp", "8053:8053"]\n    expose: ["9153"]\n`);
    expect(script(initOf(r.objects, 'web')[0]!)).toContain('nc -z -w 2 dns 8053');
  });

  it('waits for the name of a dependency without ports to resolve, which needs a ready pod', () => {
    const r = run(`  web:\n    image: web:1\n    depends_on: [worker]\n  worker:\n    image: worker:1\n`);
    const text = script(initOf(r.objects, 'web')[0]!);
    expect(text).toContain(`zone=\`awk '$1 == "search" { print $2; exit }' /etc/resolv.conf\``);
    expect(text).toContain('name=worker${zone:+.$zone}');
    expect(text).toContain('until nslookup "$name" >/dev/null 2>&1; do');
    expect(r.diagnostics).toEqual([]);
  });

  it('uses the Kubernetes names of the services', () => {
    const r = run(`  web:\n    image: web:1\n    depends_on: [My_DB]\n  My_DB:\n    image: db:1\n    expose: ["5432"]\n`);
    const [wait] = initOf(r.objects, 'web');
    expect(wait!.name).toBe('wait-for-my-db');
    expect(script(wait!)).toContain('nc -z -w 2 my-db 5432');
  });

  it('keeps init container names unique in the pod', () => {
    const r = run(`  wait-for-db:\n    image: web:1\n    depends_on: [db]\n  db:\n    image: db:1\n    expose: ["5432"]\n`);
    expect(initOf(r.objects, 'wait-for-db').map((c) => c.name)).toEqual(['wait-for-db-2']);
  });

  it('writes scripts without $( or $$, which Kubernetes would expand', () => {
    const r = run(`  web:\n    image: web:1\n    depends_on:\n      db: {condition: service_healthy}\n      worker: {condition: service_started, required: false}\n      migrate: {condition: service_completed_successfully}\n${DB_HEALTHY}  worker:\n    image: w:1\n  migrate:\n    image: m:1\n`);
    const scripts = initOf(r.objects, 'web').map(script);
    expect(scripts).toHaveLength(3);
    for (const s of scripts) expect(s).not.toMatch(/\$\(|\$\$/);
  });

  it('runs the wait containers unprivileged, with small resources', () => {
    const r = run(`  web:\n    image: web:1\n    depends_on: [db]\n${DB_HEALTHY}`);
    expect(initOf(r.objects, 'web')[0]).toMatchObject({
      resources: { requests: { cpu: '10m', memory: '8Mi' }, limits: { memory: '32Mi' } },
      securityContext: { runAsNonRoot: true, runAsUser: 65534, allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] } },
    });
  });

  it('does not wait for a dependency scaled to zero, as Compose does not', () => {
    const r = run(`  web:\n    image: web:1\n    depends_on: [db]\n  db:\n    image: db:1\n    expose: ["5432"]\n    deploy:\n      replicas: 0\n`);
    expect(initOf(r.objects, 'web')).toEqual([]);
  });

  it('emits objects an API server accepts', () => {
    const r = run(`  web:\n    image: web:1\n    depends_on:\n      db: {condition: service_healthy}\n      migrate: {condition: service_completed_successfully}\n${DB_HEALTHY}  migrate:\n    image: m:1\n`);
    expect(validateWithModels(r.objects)).toEqual([]);
    expect(apiServerProblems(r.objects)).toEqual([]);
  });
});

describe('depends_on diagnostics', () => {
  it('warns when service_healthy waits for a service without a healthcheck test', () => {
    const r = run(`  web:\n    image: web:1\n    depends_on:\n      db:\n        condition: service_healthy\n  db:\n    image: db:1\n    expose: ["5432"]\n`);
    expect(codes(r)).toEqual([{ code: 'approximate', severity: 'warning', line: 5, column: 7 }]);
    expect(r.diagnostics[0]!.message).toContain('no healthcheck test');
    expect(script(initOf(r.objects, 'web')[0]!)).toContain('nc -z -w 2 db 5432');
  });

  it('warns that a dependency with only UDP ports can only be waited for by name', () => {
    const r = run(`  web:\n    image: web:1\n    depends_on: [syslog]\n  syslog:\n    image: syslog:1\n    ports: ["514:514/udp"]\n`);
    expect(codes(r)).toEqual([{ code: 'approximate', severity: 'warning', line: 4, column: 18 }]);
    expect(script(initOf(r.objects, 'web')[0]!)).toContain('nslookup');
  });

  it('is an error to require a service that is not defined', () => {
    const r = run(`  web:\n    image: web:1\n    depends_on:\n      cache:\n        condition: service_started\n`);
    expect(r.failed).toBe(true);
    expect(codes(r)).toContainEqual({ code: 'undefined-reference', severity: 'error', line: 5, column: 7 });
  });

  // compose-go refuses a dependency on an undefined service even with `required: false`; one on a
  // service a profile disables is kept and, as in Compose, not waited for.
  it('does not wait for an optional dependency on a disabled service, as Compose does', () => {
    const r = run(`  web:\n    image: web:1\n    depends_on:\n      cache:\n        condition: service_started\n        required: false\n  cache:\n    image: redis\n    profiles: [cache]\n`);
    expect(r.failed).toBe(false);
    expect(initOf(r.objects, 'web')).toEqual([]);
    const undefinedOne = run(`  web:\n    image: web:1\n    depends_on:\n      cache:\n        condition: service_started\n        required: false\n`);
    expect(undefinedOne.failed).toBe(true);
    expect(undefinedOne.diagnostics.filter((d) => d.severity === 'error').map((d) => [d.code, d.line, d.column])).toEqual([['undefined-reference', 5, 7]]);
  });

  it.each([
    ['service_started', []],
    ['service_healthy', [{ code: 'approximate', severity: 'warning', line: 6, column: 7 }]],
  ])('does not wait (%s) for a service whose pod it shares through network_mode, which would never start', (condition, diagnostics) => {
    const r = run(`  app:\n    image: app:1\n    network_mode: service:vpn\n    depends_on:\n      vpn:\n        condition: ${condition}\n  vpn:\n    image: vpn:1\n    expose: ["1194"]\n    healthcheck:\n      test: ["CMD", "true"]\n`);
    expect(initOf(r.objects, 'vpn')).toEqual([]);
    expect(codes(r).filter((d) => d.line !== 11)).toEqual(diagnostics);
  });

  it('warns at restart: true that Kubernetes does not restart dependants', () => {
    const r = run(`  web:\n    image: web:1\n    depends_on:\n      db:\n        condition: service_started\n        restart: true\n  db:\n    image: db:1\n    expose: ["5432"]\n`);
    expect(codes(r)).toEqual([{ code: 'approximate', severity: 'warning', line: 7, column: 9 }]);
    expect(r.diagnostics[0]!.message).toContain('depends_on.db.restart');
  });
});

describe('required: false -> the wait gives up and lets the app start', () => {
  it.each([
    ['service_started', '    expose: ["6379"]\n', OPTIONAL_WAIT_SECONDS],
    ['service_healthy', '    expose: ["6379"]\n    healthcheck:\n      test: redis-cli ping\n', 180],
    [
      'service_healthy',
      '    expose: ["6379"]\n    healthcheck:\n      test: redis-cli ping\n      interval: 10s\n      timeout: 5s\n      retries: 5\n      start_period: 2m\n',
      195,
    ],
    ['service_healthy', '    expose: ["6379"]\n    healthcheck:\n      test: redis-cli ping\n      interval: 2s\n      timeout: 1s\n', OPTIONAL_WAIT_SECONDS],
  ])('%s waits at most as long as Docker could take to call it unhealthy (%#)', (condition, cache, limit) => {
    const r = run(`  web:\n    image: web:1\n    depends_on:\n      cache:\n        condition: ${condition}\n        required: false\n  cache:\n    image: redis:7\n${cache}`);
    const text = script(initOf(r.objects, 'web')[0]!);
    expect(text).toContain(`if [ $s -ge ${limit} ]; then echo "gave up waiting for cache:6379 to accept connections after ${limit}s; starting anyway`);
    expect(text).toContain('exit 0');
    const warning = r.diagnostics.find((d) => d.message.includes('required'));
    expect(warning).toMatchObject({ code: 'approximate', line: 7, column: 9 });
    expect(warning!.message).toContain(`gives up after ${limit}s`);
  });
});

describe('service_completed_successfully -> waiting for the Job to complete', () => {
  const project = `  web:\n    image: web:1\n    depends_on:\n      migrate:\n        condition: service_completed_successfully\n  migrate:\n    image: app:1\n    command: ["migrate"]\n`;

  it('polls the Job status with kubectl, failing when the Job failed', () => {
    const r = run(project);
    const [wait] = initOf(r.objects, 'web');
    expect(wait).toMatchObject({ name: 'wait-for-migrate', image: KUBECTL_IMAGE, env: [{ name: 'HOME', value: '/tmp' }] });
    const text = script(wait!);
    expect(text).toContain(`kubectl get job migrate -o 'jsonpath={.status.conditions[?(@.status=="True")].type}'`);
    expect(text).toMatch(/\*" Complete "\*\) echo "job migrate completed"; exit 0 ;;/);
    expect(text).toMatch(/\*" Failed "\*\) echo "job migrate failed[^"]*"; exit 1 ;;/);
    expect(r.objects.map((o) => `${o.kind}/${o.metadata.name}`)).toEqual([
      'ServiceAccount/web-wait-for-jobs',
      'Role/web-wait-for-jobs',
      'RoleBinding/web-wait-for-jobs',
      'Service/migrate',
      'Service/web',
      'Deployment/web',
      'Job/migrate',
    ]);
  });

  it('lets only the wait container read exactly that Job, through its own ServiceAccount', () => {
    const r = run(project);
    const pod = podOf(r.objects, 'web');
    expect(pod).toMatchObject({ serviceAccountName: 'web-wait-for-jobs', automountServiceAccountToken: false });
    const byKind = Object.fromEntries(r.objects.filter((o) => o.metadata.name === 'web-wait-for-jobs').map((o) => [o.kind, o]));
    expect(Object.keys(byKind).sort()).toEqual(['Role', 'RoleBinding', 'ServiceAccount']);
    expect(byKind.Role).toMatchObject({ rules: [{ apiGroups: ['batch'], resources: ['jobs'], resourceNames: ['migrate'], verbs: ['get'] }] });
    expect(byKind.RoleBinding).toMatchObject({
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: 'web-wait-for-jobs' },
      subjects: [{ kind: 'ServiceAccount', name: 'web-wait-for-jobs' }],
    });
    const volume = pod.volumes?.find((v) => v.projected);
    expect(volume?.projected?.sources?.map((s) => Object.keys(s)[0])).toEqual(['serviceAccountToken', 'configMap', 'downwardAPI']);
    expect(initOf(r.objects, 'web')[0]!.volumeMounts).toEqual([{ name: volume!.name, mountPath: '/var/run/secrets/kubernetes.io/serviceaccount', readOnly: true }]);
    expect(pod.containers[0]!.volumeMounts).toBeUndefined();
    expect(validateWithModels(r.objects)).toEqual([]);
    expect(apiServerProblems(r.objects)).toEqual([]);
  });

  it('binds the Role to the ServiceAccount the user chose, and leaves the pod to it', () => {
    const r = run(project.replace('    image: web:1\n', '    image: web:1\n    x-kubernetes:\n      serviceAccountName: web-app\n'));
    expect(r.objects.filter((o) => o.kind === 'ServiceAccount')).toEqual([]);
    const binding = r.objects.find((o) => o.kind === 'RoleBinding');
    expect(binding).toMatchObject({ subjects: [{ kind: 'ServiceAccount', name: 'web-app' }] });
    expect(podOf(r.objects, 'web').automountServiceAccountToken).toBeUndefined();
  });

  it('starts anyway after a failed Job when the dependency is optional', () => {
    const r = run(project.replace('condition: service_completed_successfully\n', 'condition: service_completed_successfully\n        required: false\n'));
    expect(script(initOf(r.objects, 'web')[0]!)).toMatch(/\*" Failed "\*\) echo "job migrate failed; starting anyway[^"]*"; exit 0 ;;/);
  });

  it('waits for readiness instead when the user made the dependency a long-running workload', () => {
    const r = run(project.replace('    command: ["migrate"]\n', '    command: ["migrate"]\n    x-kubernetes:\n      workload: Deployment\n'));
    expect(initOf(r.objects, 'web')[0]!.image).toBe(WAIT_IMAGE);
    expect(codes(r)).toEqual([{ code: 'approximate', severity: 'warning', line: 5, column: 7 }]);
  });
});

describe('dependencies that run once', () => {
  const oneShot = `  seed:\n    image: seed:1\n    expose: ["8080"]\n    healthcheck:\n      test: ["CMD", "true"]\n    deploy:\n      mode: replicated-job\n`;

  it.each([
    ['service_started', []],
    ['service_healthy', [{ code: 'approximate', severity: 'warning', line: 5, column: 7 }]],
  ])('are not waited for with %s: a Job is only ready while it runs', (condition, diagnostics) => {
    const r = run(`  web:\n    image: web:1\n    depends_on:\n      seed:\n        condition: ${condition}\n${oneShot}`);
    expect(initOf(r.objects, 'web')).toEqual([]);
    expect(codes(r).filter((d) => (d.line ?? 0) < 6)).toEqual(diagnostics);
  });

  it('cannot be waited for when a schedule makes them a CronJob', () => {
    const r = run(`  web:\n    image: web:1\n    depends_on:\n      report:\n        condition: service_completed_successfully\n  report:\n    image: report:1\n    x-kubernetes:\n      schedule: "0 3 * * *"\n`);
    expect(initOf(r.objects, 'web')).toEqual([]);
    expect(codes(r)).toEqual([{ code: 'approximate', severity: 'warning', line: 5, column: 7 }]);
  });
});

describe('waitForDependencies: false (--no-wait-for-dependencies)', () => {
  it('adds no init containers, objects or warnings', () => {
    const r = run(
      `  web:\n    image: web:1\n    depends_on:\n      db: {condition: service_started, restart: true, required: false}\n      migrate: {condition: service_completed_successfully}\n  db:\n    image: db:1\n  migrate:\n    image: m:1\n`,
      { waitForDependencies: false },
    );
    expect(podOf(r.objects, 'web').initContainers).toBeUndefined();
    expect(r.objects.map((o) => `${o.kind}/${o.metadata.name}`)).toEqual(['Service/db', 'Service/migrate', 'Service/web', 'Deployment/db', 'Deployment/web', 'Job/migrate']);
    expect(r.diagnostics).toEqual([]);
  });

  it.each([
    [[], 1],
    [['--no-wait-for-dependencies'], 0],
  ])('is what the CLI does with %j', async (flags, waits) => {
    const stdin = 'services:\n  web:\n    image: web:1\n    depends_on: [db]\n  db:\n    image: db:1\n    expose: ["5432"]\n';
    const run = await runCli(['convert', '-f', '-', '--no-comments', ...flags], { cwd: tmpdir(), stdin });
    expect(run.code).toBe(0);
    expect(run.stdout.split('name: wait-for-db').length - 1).toBe(waits);
  });
});

describe('the images of the wait containers (helper images)', () => {
  const WEB_DB_MIGRATE = `  web:\n    image: web:1\n    depends_on:\n      db: {condition: service_started}\n      migrate: {condition: service_completed_successfully}\n  db:\n    image: db:1\n    expose: ["5432"]\n  migrate:\n    image: m:1\n`;
  const images = (r: ReturnType<typeof run>) => initOf(r.objects, 'web').map((c) => c.image);

  it('are fully qualified and pinned by default, so every runtime pulls the same image', () => {
    expect(images(run(WEB_DB_MIGRATE))).toEqual(['docker.io/library/busybox:1.36.1', 'registry.k8s.io/kubectl:v1.34.0']);
    expect(WAIT_IMAGE).toBe('docker.io/library/busybox:1.36.1');
  });

  it('come from the helperImages option (--helper-image, --kubectl-image)', () => {
    const r = run(WEB_DB_MIGRATE, { helperImages: { wait: 'mirror.local/busybox:1.36.1', kubectl: 'mirror.local/kubectl:v1.34.0' } });
    expect(images(r)).toEqual(['mirror.local/busybox:1.36.1', 'mirror.local/kubectl:v1.34.0']);
  });

  it("come from the project's x-kubernetes over the option, and a service's over the project's", () => {
    const compose = `x-kubernetes:\n  helperImages:\n    wait: mirror.local/busybox:1.36.1\n    kubectl: mirror.local/kubectl:v1.34.0\nservices:\n${WEB_DB_MIGRATE.replace('    image: web:1\n', '    image: web:1\n    x-kubernetes:\n      helperImages: {wait: team.local/tools:3}\n')}`;
    const r = convert({ 'compose.yaml': compose }, { workingDir: '/p', env: {}, helperImages: { wait: 'ignored.local/busybox:1' } });
    expect(r.diagnostics).toEqual([]);
    expect(images(r)).toEqual(['team.local/tools:3', 'mirror.local/kubectl:v1.34.0']);
    // Each image's comment says where it was chosen: the service's extension, then the project's.
    expect(r.text).toMatch(/# x-kubernetes\.helperImages <- compose\.yaml:9:7 .*this service.*\n(?:\s+#.*\n)*\s+image: team\.local\/tools:3/);
    expect(r.text).toMatch(/# x-kubernetes\.helperImages <- compose\.yaml:2:3 .*every wait-for.*\n(?:\s+#.*\n)*\s+image: mirror\.local\/kubectl:v1\.34\.0/);
    expect(apiServerProblems(r.objects)).toEqual([]);
  });

  it.each([
    ['x-kubernetes:\n  helperImages:\n    wait: "busybox:"\nservices:\n  web:\n    image: web:1\n', 3, 11, 'project "p": x-kubernetes.helperImages.wait: "busybox:" is not a valid image reference: the tag after ":" is empty'],
    ['x-kubernetes:\n  helperImage: busybox\nservices:\n  web:\n    image: web:1\n', 2, 3, 'project "p": x-kubernetes: unknown key "helperImage" (did you mean "helperImages"?)'],
    ['services:\n  web:\n    image: web:1\n    x-kubernetes:\n      helperImages: {kubectl: "Mirror/Kubectl"}\n', 5, 31, 'service "web": x-kubernetes.helperImages.kubectl: "Mirror/Kubectl" is not a valid image reference: the repository name must be lower-case'],
  ])('a mistake in them is an x-kubernetes error at its value: %j', (compose, line, column, message) => {
    const r = convert({ 'compose.yaml': compose }, { workingDir: '/p', env: {} });
    expect(r.diagnostics.map((d) => ({ code: d.code, line: d.line, column: d.column, message: d.message }))).toEqual([{ code: 'x-kubernetes', line, column, message }]);
    expect(r.failed).toBe(true);
  });

  it.each([
    [['--helper-image', 'mirror.local/busybox:1.36.1'], 0, 'image: mirror.local/busybox:1.36.1'],
    [['--helper-image', 'busybox:'], 2, 'error: --helper-image "busybox:" is not a valid image reference: the tag after ":" is empty [usage]'],
    [['--kubectl-image', 'Kubectl'], 2, 'error: --kubectl-image "Kubectl" is not a valid image reference: the repository name must be lower-case [usage]'],
  ])('the CLI takes %j', async (flags, code, text) => {
    const stdin = 'services:\n  web:\n    image: web:1\n    depends_on: [db]\n  db:\n    image: db:1\n    expose: ["5432"]\n';
    const cli = await runCli(['convert', '-f', '-', '--no-comments', ...flags], { cwd: tmpdir(), stdin });
    expect(cli.code).toBe(code);
    expect(code === 0 ? cli.stdout : cli.stderr).toContain(text);
  });
});

import { describe, expect, it } from 'vitest';
import { compose, container, diags, expectValid, notePaths, object, podSpec, positions, run, spec, template, workload } from './workloads-support.js';

describe('workload kind', () => {
  it.each([
    ['a service without deploy', 'Deployment', ['    image: app']],
    ['deploy.mode: replicated', 'Deployment', ['    image: app', '    deploy: {mode: replicated}']],
    ['deploy.mode: global', 'DaemonSet', ['    image: app', '    deploy: {mode: global}']],
    ['deploy.mode: replicated-job', 'Job', ['    image: app', '    deploy: {mode: replicated-job}']],
    ['deploy.mode: global-job', 'Job', ['    image: app', '    deploy: {mode: global-job}']],
    ['restart: "no" alone (a server that just does not restart)', 'Deployment', ['    image: app', '    restart: "no"']],
    ['restart: on-failure alone', 'Deployment', ['    image: app', '    restart: on-failure']],
    ['x-kubernetes workload: StatefulSet', 'StatefulSet', ['    image: app', '    x-kubernetes: {workload: StatefulSet}']],
    ['x-kubernetes workload: Job', 'Job', ['    image: app', '    x-kubernetes: {workload: Job}']],
    ['x-kubernetes schedule', 'CronJob', ['    image: app', '    x-kubernetes: {schedule: "0 3 * * *"}']],
    ['the kompose.controller.type label', 'DaemonSet', ['    image: app', '    labels: {kompose.controller.type: daemonset}']],
    ['the kompose.cronjob.schedule label', 'CronJob', ['    image: app', '    labels: {kompose.cronjob.schedule: "*/5 * * * *"}']],
    ['x-kubernetes over deploy.mode', 'Deployment', ['    image: app', '    deploy: {mode: global}', '    x-kubernetes: {workload: Deployment}']],
  ])('%s -> %s', (_what, kind, lines) => {
    const result = run(compose('services:', '  app:', ...lines));
    expectValid(result);
    expect(workload(result, 'app').kind).toBe(kind);
    // The comment on the workload names the kind it is, not always Deployment.
    const mapped = result.mapped.find((m) => m.object === workload(result, 'app'))!;
    expect(mapped.notes.find((n) => n.key === 'services')).toMatchObject({ path: ['metadata', 'name'], detail: `it runs as a ${kind}` });
  });

  it('makes a Job of a service another one waits for with service_completed_successfully', () => {
    const result = run(
      compose(
        'services:',
        '  migrate:',
        '    image: app',
        '  web:',
        '    image: app',
        '    depends_on:',
        '      migrate: {condition: service_completed_successfully}',
      ),
    );
    expectValid(result);
    expect(workload(result, 'migrate').kind).toBe('Job');
    expect(workload(result, 'web').kind).toBe('Deployment');
    expect(notePaths(result, 'migrate').get('kind')).toEqual(['services.depends_on']);
    expect(result.text).toMatch(/# depends_on <- compose\.yaml:7:7[^\n]*; "web" waits for it to complete successfully, so it runs once to completion\n(#[^\n]*\n)*kind: Job/);
  });

  it('keeps a service other services only wait to be healthy or started a Deployment', () => {
    const result = run(
      compose('services:', '  db:', '    image: db', '  web:', '    image: app', '    depends_on:', '      db: {condition: service_started}'),
    );
    expect(workload(result, 'db').kind).toBe('Deployment');
  });

  it('warns that a global-job runs once in the cluster, at deploy.mode', () => {
    const result = run(compose('services:', '  app:', '    image: app', '    deploy:', '      mode: global-job'));
    expect(diags(result, 'approximate')).toEqual([
      expect.objectContaining({ line: 5, column: 7, message: expect.stringContaining('not once on every node') }),
    ]);
  });

  it('rejects an unknown deploy.mode at its value', () => {
    const result = run(compose('services:', '  app:', '    image: app', '    deploy:', '      mode: everywhere'));
    expect(result.failed).toBe(true);
    expect(diags(result, 'invalid-value')).toEqual([expect.objectContaining({ line: 5, column: 13, message: expect.stringContaining('"everywhere"') })]);
  });
});

describe('replicas by kind', () => {
  it.each([
    ['Deployment', [], { replicas: 3 }],
    ['StatefulSet', ['    x-kubernetes: {workload: StatefulSet}'], { replicas: 3, serviceName: 'app' }],
    ['Job', ['    x-kubernetes: {workload: Job}'], { completions: 3, parallelism: 3 }],
  ])('%s', (kind, extra, expected) => {
    const result = run(compose('services:', '  app:', '    image: app', '    deploy: {replicas: 3}', ...extra));
    expectValid(result);
    expect(workload(result, 'app').kind).toBe(kind);
    expect(spec(workload(result, 'app'))).toMatchObject(expected);
  });

  it('puts the copies of a CronJob into the Jobs it creates', () => {
    const result = run(compose('services:', '  app:', '    image: app', '    scale: 2', '    x-kubernetes: {schedule: "@daily"}'));
    expectValid(result);
    const s = spec(workload(result, 'app'));
    expect(s.schedule).toBe('@daily');
    expect(s.jobTemplate.spec).toMatchObject({ completions: 2, parallelism: 2 });
    expect(s.completions).toBeUndefined();
  });

  it('warns that a DaemonSet has no replica count, at deploy.replicas', () => {
    const result = run(compose('services:', '  agent:', '    image: agent', '    deploy:', '      mode: global', '      replicas: 2'));
    expectValid(result);
    expect(spec(workload(result, 'agent')).replicas).toBeUndefined();
    expect(diags(result, 'approximate')).toEqual([expect.objectContaining({ line: 6, column: 7, message: expect.stringContaining('a DaemonSet runs one pod on every node') })]);
  });
});

describe('workload shape', () => {
  it('gives a Job no selector and pods that do not restart forever', () => {
    const result = run(compose('services:', '  once:', '    image: app', '    deploy: {mode: replicated-job}'));
    expectValid(result);
    const job = workload(result, 'once');
    expect(job.apiVersion).toBe('batch/v1');
    expect(spec(job).selector).toBeUndefined();
    expect(spec(job).backoffLimit).toBe(0);
    expect(podSpec(job).restartPolicy).toBe('Never');
    expect(template(job).metadata.labels['app.kubernetes.io/name']).toBe('once');
  });

  it('governs a StatefulSet with a headless Service, and keeps the compose name on the normal Service', () => {
    const result = run(compose('services:', '  db:', '    image: postgres', '    expose: ["5432"]', '    x-kubernetes: {workload: StatefulSet}'));
    expectValid(result);
    expect(spec(workload(result, 'db')).serviceName).toBe('db-headless');
    const governing = object(result, 'Service', 'db-headless');
    expect(spec(governing)).toEqual({
      clusterIP: 'None',
      publishNotReadyAddresses: true,
      selector: spec(workload(result, 'db')).selector.matchLabels,
      ports: [{ name: 'tcp-5432', port: 5432, targetPort: 5432, protocol: 'TCP' }],
    });
    // `db:5432` still reaches a ready pod through a cluster IP, as today.
    expect(spec(object(result, 'Service', 'db')).clusterIP).toBeUndefined();
    expect(spec(object(result, 'Service', 'db')).ports).toEqual([{ name: 'tcp-5432', port: 5432, targetPort: 5432, protocol: 'TCP' }]);
  });

  it('lets a headless Service named like the service govern the StatefulSet itself', () => {
    const result = run(compose('services:', '  cache:', '    image: redis', '    x-kubernetes: {workload: StatefulSet}'));
    expectValid(result);
    expect(spec(workload(result, 'cache')).serviceName).toBe('cache');
    expect(spec(object(result, 'Service', 'cache')).clusterIP).toBe('None');
    expect(result.objects.filter((o) => o.kind === 'Service').map((o) => o.metadata.name)).toEqual(['cache']);
  });

  it('names the governing Service so that it takes no name a service, container_name or alias has', () => {
    const result = run(
      compose(
        'services:',
        '  db:',
        '    image: postgres',
        '    expose: ["5432"]',
        '    x-kubernetes: {workload: StatefulSet}',
        '  db-headless:',
        '    image: example/tool',
        '    container_name: db-headless-2',
        '    networks:',
        '      default:',
        '        aliases: [db-headless-3]',
      ),
    );
    expectValid(result);
    expect(spec(workload(result, 'db')).serviceName).toBe('db-headless-4');
    expect(spec(object(result, 'Service', 'db-headless-4')).clusterIP).toBe('None');
    expect(spec(object(result, 'Service', 'db-headless-2')).selector['app.kubernetes.io/name']).toBe('db-headless');
  });

  it('gives a service sharing the pod of a StatefulSet no governing Service of its own', () => {
    const result = run(
      compose('services:', '  db:', '    image: postgres', '    expose: ["5432"]', '    x-kubernetes: {workload: StatefulSet}', '  exporter:', '    image: exporter', '    expose: ["9187"]', '    network_mode: service:db'),
    );
    expectValid(result);
    expect(result.objects.filter((o) => o.kind === 'Service').map((o) => o.metadata.name).sort()).toEqual(['db', 'db-headless', 'exporter']);
    expect(diags(result, 'approximate')).toEqual([]);
  });

  it('keeps the shared claim of a named volume in a StatefulSet', () => {
    const result = run(
      compose('services:', '  db:', '    image: postgres', '    volumes: ["data:/var/lib/postgresql/data"]', '    x-kubernetes: {workload: StatefulSet}', 'volumes:', '  data:'),
    );
    expectValid(result);
    expect(spec(workload(result, 'db')).volumeClaimTemplates).toBeUndefined();
    expect(podSpec(workload(result, 'db')).volumes).toEqual([{ name: 'data', persistentVolumeClaim: { claimName: 'data' } }]);
  });

  it('merges the extra spec fields of transforms into every kind', () => {
    const result = run(
      compose(
        'services:',
        '  web:',
        '    image: app',
        '    deploy: {update_config: {parallelism: 2}}',
        '  agent:',
        '    image: app',
        '    deploy: {mode: global, update_config: {order: start-first}}',
      ),
    );
    expectValid(result);
    expect(spec(workload(result, 'web')).strategy).toEqual({ type: 'RollingUpdate', rollingUpdate: { maxSurge: 0, maxUnavailable: 2 } });
    expect(spec(workload(result, 'agent')).updateStrategy).toEqual({ type: 'RollingUpdate', rollingUpdate: { maxSurge: 1, maxUnavailable: 0 } });
  });
});

describe('deploy.endpoint_mode', () => {
  it('warns that dnsrr keeps a virtual IP, unless the Service is headless', () => {
    const plain = run(compose('services:', '  app:', '    image: app', '    deploy:', '      endpoint_mode: dnsrr'));
    expect(diags(plain, 'approximate')).toEqual([expect.objectContaining({ line: 5, column: 7, hint: expect.stringContaining('headless: true') })]);
    const headless = run(compose('services:', '  app:', '    image: app', '    deploy:', '      endpoint_mode: dnsrr', '    x-kubernetes: {expose: {headless: true}}'));
    expect(diags(headless, 'approximate')).toEqual([]);
  });
});

describe('notes', () => {
  it.each([
    ['Deployment', [], ['spec', 'template', 'spec']],
    ['Job', ['    deploy: {mode: replicated-job}'], ['spec', 'template', 'spec']],
    ['CronJob', ['    x-kubernetes: {schedule: "@hourly"}'], ['spec', 'jobTemplate', 'spec', 'template', 'spec']],
  ])('of a %s point into its pod spec', (_kind, extra, podPath) => {
    const result = run(compose('services:', '  app:', '    image: app', '    stop_grace_period: 5s', ...extra));
    const notes = notePaths(result, 'app');
    expect(notes.get([...podPath, 'containers', 0, 'image'].join('.'))).toEqual(['services.image']);
    expect(notes.get([...podPath, 'terminationGracePeriodSeconds'].join('.'))).toEqual(['services.stop_grace_period']);
  });

  it('put a CronJob\'s Job fields under jobTemplate and print them as comments', () => {
    const result = run(compose('services:', '  report:', '    image: app', '    restart: "no"', '    x-kubernetes: {schedule: "0 6 * * 1"}'));
    expectValid(result);
    const notes = notePaths(result, 'report');
    expect(notes.get('spec.jobTemplate.spec.backoffLimit')).toEqual(['services.restart']);
    expect(notes.get('spec.schedule')).toEqual(['services.x-kubernetes.schedule']);
    expect(result.text).toMatch(/# restart <- compose\.yaml:4:5; a failed run is not retried\n\s+backoffLimit: 0/);
  });

  it('say where the kind came from', () => {
    const result = run(compose('services:', '  agent:', '    image: agent', '    deploy:', '      mode: global'));
    expect(notePaths(result, 'agent').get('kind')).toEqual(['services.deploy.mode']);
    expect(container(workload(result, 'agent')).image).toBe('agent');
    expect(positions(result, 'approximate')).toEqual([]);
  });
});

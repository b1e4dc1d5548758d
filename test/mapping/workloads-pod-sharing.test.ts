import { describe, expect, it } from 'vitest';
import { memberships } from '../../src/mapping/network/network-policies.js';
import { sharedPodHosts } from '../../src/mapping/workloads/pod-sharing.js';
import { WORKLOAD_KINDS, compose, diags, expectValid, notePaths, object, podSpec, run, spec, workload } from './workloads-support.js';

const WEB = ['services:', '  web:', '    image: nginx', '    ports: ["8080:80"]'];

describe('network_mode: service:<name>', () => {
  it('runs the service as a second container in the pod of the other', () => {
    const result = run(compose(...WEB, '  proxy:', '    image: envoy', '    network_mode: service:web', '    expose: ["9901"]', '    environment: {LOG: debug}'));
    expectValid(result);
    expect(result.objects.filter((o) => WORKLOAD_KINDS.includes(o.kind)).map((o) => o.metadata.name)).toEqual(['web']);
    const pod = podSpec(workload(result, 'web'));
    expect(pod.containers.map((c: { name: string }) => c.name)).toEqual(['web', 'proxy']);
    expect(pod.containers[1]).toMatchObject({ image: 'envoy', env: [{ name: 'LOG', value: 'debug' }], ports: [{ containerPort: 9901 }] });
  });

  it('keeps the name of the service resolvable with a Service that selects the shared pod', () => {
    const result = run(compose(...WEB, '  proxy:', '    image: envoy', '    network_mode: service:web', '    expose: ["9901"]'));
    const service = object(result, 'Service', 'proxy');
    expect(spec(service).selector).toEqual(spec(workload(result, 'web')).selector.matchLabels);
    expect(spec(service).ports).toEqual([expect.objectContaining({ port: 9901, targetPort: 9901 })]);
  });

  it('gives a service without ports a headless Service on the shared pod', () => {
    const result = run(compose(...WEB, '  vpn:', '    image: wireguard', '    network_mode: "service:web"'));
    expectValid(result);
    expect(spec(object(result, 'Service', 'vpn'))).toMatchObject({ clusterIP: 'None', selector: { 'app.kubernetes.io/name': 'web' } });
  });

  it('shares a named volume and renames a pod volume whose name is taken', () => {
    const result = run(
      compose(
        'services:',
        '  app:',
        '    image: app',
        '    volumes: ["data:/data", "/cache"]',
        '  helper:',
        '    image: helper',
        '    network_mode: service:app',
        '    volumes: ["data:/shared", "/tmp/scratch"]',
        'volumes:',
        '  data:',
      ),
    );
    expectValid(result);
    const pod = podSpec(workload(result, 'app'));
    expect(pod.volumes.map((v: { name: string }) => v.name)).toEqual(['data', 'anon-1', 'helper-anon-1']);
    expect(pod.containers[1].volumeMounts).toEqual([
      { name: 'data', mountPath: '/shared', subPath: 'data' },
      { name: 'helper-anon-1', mountPath: '/tmp/scratch' },
    ]);
  });

  it('declares a port once when both containers declare it', () => {
    const result = run(compose(...WEB, '  exporter:', '    image: exporter', '    network_mode: service:web', '    expose: ["80", "9113"]'));
    expectValid(result);
    const pod = podSpec(workload(result, 'web'));
    expect(pod.containers[1].ports.map((p: { containerPort: number }) => p.containerPort)).toEqual([9113]);
  });

  it('moves the notes of the guest to its container', () => {
    const result = run(compose(...WEB, '  proxy:', '    image: envoy', '    network_mode: service:web'));
    const notes = notePaths(result, 'web');
    expect(notes.get('spec.template.spec.containers.1.image')).toEqual(['services.image']);
    expect(notes.get('spec.template.spec.containers.1')).toEqual(['services.network_mode']);
    expect(result.text).toContain('# image <- compose.yaml:6:5');
  });

  it('gives the pod the longer grace period of the two', () => {
    const result = run(compose(...WEB, '    stop_grace_period: 10s', '  proxy:', '    image: envoy', '    network_mode: service:web', '    stop_grace_period: 1m'));
    expect(podSpec(workload(result, 'web')).terminationGracePeriodSeconds).toBe(60);
  });

  it('warns that the guest\'s own workload settings do not apply, at network_mode', () => {
    const result = run(compose(...WEB, '  proxy:', '    image: envoy', '    network_mode: service:web', '    deploy:', '      replicas: 3'));
    expect(diags(result, 'approximate').filter((d) => d.message.includes('do not apply'))).toEqual([
      expect.objectContaining({ line: 7, column: 5, message: expect.stringContaining('replicas (3)') }),
    ]);
  });

  it('warns when the guest would be another kind of workload', () => {
    const result = run(compose(...WEB, '  agent:', '    image: agent', '    network_mode: service:web', '    deploy:', '      mode: global'));
    expect(diags(result, 'approximate').filter((d) => d.message.includes('would run as a DaemonSet'))).toEqual([expect.objectContaining({ line: 9, column: 7 })]);
    expect(workload(result, 'web').kind).toBe('Deployment');
  });

  it('warns about a pod setting the two services disagree on', () => {
    const result = run(compose(...WEB, '    platform: linux/amd64', '  proxy:', '    image: envoy', '    network_mode: service:web', '    platform: linux/arm64'));
    expect(diags(result, 'approximate').filter((d) => d.message.includes('nodeSelector differs'))).toEqual([expect.objectContaining({ line: 8, column: 5 })]);
    expect(podSpec(workload(result, 'web')).nodeSelector['kubernetes.io/arch']).toBe('amd64');
  });

  it.each([
    ['a service that does not exist', ['  proxy:', '    image: envoy', '    network_mode: service:nope'], 'undefined-reference', 7, 19],
    // compose-go: network_mode service: is a dependency, so naming itself is a cycle (`proxy -> proxy`).
    ['the service itself', ['  proxy:', '    image: envoy', '    network_mode: service:proxy'], 'dependency-cycle', 7, 19],
    [
      'a service that itself shares a pod',
      ['  a:', '    image: a', '    network_mode: service:web', '  b:', '    image: b', '    network_mode: service:a'],
      'invalid-value',
      10,
      19,
    ],
  ])('rejects a reference to %s at its value', (_what, lines, code, line, column) => {
    const result = run(compose(...WEB, ...lines));
    expect(result.failed).toBe(true);
    expect(diags(result, code)).toEqual([expect.objectContaining({ line, column })]);
  });
});

describe('sharedPodHosts', () => {
  it('tells other transforms which services run in which pod, valid references only', () => {
    const result = run(
      compose(
        ...WEB,
        '  a:',
        '    image: a',
        '    network_mode: service:web',
        '  b:',
        '    image: b',
        '    network_mode: service:a',
        '  c:',
        '    image: c',
        '    network_mode: host',
      ),
    );
    expect([...sharedPodHosts(result.project!)]).toEqual([['a', 'web']]);
  });
});

describe('network_mode: container:<name>', () => {
  const VPN = ['services:', '  vpn:', '    image: qmcgaw/gluetun:v3', '    container_name: gluetun', '    cap_add: [NET_ADMIN]', '    ports: ["8080:8080"]'];

  it.each([
    ['the container_name of a service', 'container:gluetun'],
    ['the service name', 'container:vpn'],
    ['the name Compose gives its container', 'container:p-vpn-1'],
    ['the name Compose v1 gave its container', 'container:p_vpn_1'],
  ])('joins the pod of the service when it names %s, exactly as service: does', (_what, mode) => {
    const yaml = (m: string) => compose(...VPN.map((l) => (l === '    container_name: gluetun' && !mode.includes('gluetun') ? '    hostname: vpn' : l)), '  torrent:', '    image: linuxserver/qbittorrent:4', `    network_mode: ${m}`);
    const result = run(yaml(mode), { projectName: 'p' });
    expectValid(result);
    const viaService = run(yaml('service:vpn'), { projectName: 'p' });
    expect(podSpec(workload(result, 'vpn')).containers.map((c: { name: string }) => c.name)).toEqual(['vpn', 'torrent']);
    expect(result.objects.filter((o) => WORKLOAD_KINDS.includes(o.kind)).map((o) => o.metadata.name)).toEqual(['vpn']);
    expect(workload(result, 'vpn')).toEqual(workload(viaService, 'vpn'));
    expect(diags(result, 'unsupported')).toEqual([]);
  });

  it('says in the comment of the joined container which service the container is', () => {
    const result = run(compose(...VPN, '  torrent:', '    image: linuxserver/qbittorrent:4', '    network_mode: container:gluetun'));
    const mapped = result.mapped.find((m) => m.object.kind === 'Deployment')!;
    const shared = mapped.notes.find((n) => n.key === 'services.network_mode');
    expect(shared?.detail).toBe('service "torrent" shares this pod\'s network (container:gluetun is a container of service "vpn")');
    expect(shared?.fidelity).toBeUndefined();
  });

  it('tells other transforms that the two share a pod, and puts it on the networks of the other', () => {
    const result = run(compose(...VPN, '    networks: [tunnel]', '  torrent:', '    image: linuxserver/qbittorrent:4', '    network_mode: container:gluetun', 'networks:', '  tunnel:'));
    expect([...sharedPodHosts(result.project!)]).toEqual([['torrent', 'vpn']]);
    expect(memberships(result.project!).get('torrent')).toEqual({ networks: ['tunnel'] });
  });

  it('rejects the container of the service itself, and one that joins another, at the value', () => {
    const self = run(compose(...VPN, '    network_mode: container:gluetun'));
    expect(diags(self, 'invalid-value')).toEqual([expect.objectContaining({ line: 7, column: 19, message: expect.stringContaining('cannot name the service itself') })]);
    const nested = run(compose(...VPN, '  a:', '    image: a', '    network_mode: service:vpn', '  b:', '    image: b', '    network_mode: container:a'));
    expect(diags(nested, 'invalid-value')).toEqual([
      expect.objectContaining({ line: 12, column: 19, message: expect.stringContaining('joins container "a" (service "a"), which itself joins "vpn"') }),
    ]);
  });

  it('is unsupported when it names a container outside the project', () => {
    const result = run(compose('services:', '  app:', '    image: app', '    network_mode: container:legacy'));
    expectValid(result);
    expect(diags(result, 'unsupported')).toEqual([expect.objectContaining({ line: 4, column: 5, hint: expect.stringContaining('network_mode: service:') })]);
  });
});

describe('a guest on a ReadWriteOnce claim', () => {
  it('makes the shared pod be recreated, as the guest alone would be', () => {
    const result = run(compose(...WEB, '  app:', '    image: app', '    network_mode: service:web', '    volumes: ["data:/data"]', 'volumes:', '  data:'));
    expectValid(result);
    expect(spec(workload(result, 'web')).strategy).toEqual({ type: 'Recreate' });
    expect(diags(result, 'approximate')).toEqual([]);
    expect(notePaths(result, 'web').get('spec.strategy')).toEqual(['services.volumes']);
  });
});

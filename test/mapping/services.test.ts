import { describe, expect, it } from 'vitest';
import type { IServicePort } from 'kubernetes-models/v1/ServicePort';
import { appProtocol } from '../../src/mapping/network/services.js';
import { convert } from '../support/api-checks.js';
import { container, diagnostics, names, object, run } from './convert-support.js';

/** A project with one service `app`; `keys` are more lines of the service, indented by four spaces. */
function app(keys: string, more = ''): string {
  return `services:\n  app:\n    image: example/app:1\n${keys.replace(/^/gm, '    ')}\n${more}`;
}

const ports = (result: ReturnType<typeof run>, name: string) => (object(result, 'Service', name).spec as { ports?: IServicePort[] }).ports;
const spec = (result: ReturnType<typeof run>, name: string) => object(result, 'Service', name).spec as Record<string, unknown>;
/** port/protocol -> target, compact for tables. */
const brief = (list: IServicePort[] | undefined) => (list ?? []).map((p) => `${p.name} ${p.port}/${p.protocol}->${String(p.targetPort)}${p.nodePort ? ` node ${p.nodePort}` : ''}`);

describe('ports and expose -> container ports and the in-cluster Service', () => {
  it.each([
    { name: 'a container port', keys: 'ports: ["8000"]', container: ['tcp-8000 8000/TCP'], service: ['tcp-8000 8000/TCP->8000'] },
    {
      name: 'a published port keeps its number on the Service',
      keys: 'ports: ["8080:8000"]',
      container: ['tcp-8000 8000/TCP'],
      service: ['tcp-8000 8000/TCP->8000', 'tcp-8080 8080/TCP->8000'],
    },
    {
      name: 'UDP and TCP on the same number',
      keys: 'ports: ["53:53/udp", "53:53/tcp"]',
      container: ['tcp-53 53/TCP', 'udp-53 53/UDP'],
      service: ['tcp-53 53/TCP->53', 'udp-53 53/UDP->53'],
    },
    {
      name: 'ranges pair up',
      keys: 'ports: ["7000-7001:8000-8001/udp"]',
      container: ['udp-8000 8000/UDP', 'udp-8001 8001/UDP'],
      service: ['udp-7000 7000/UDP->8000', 'udp-8000 8000/UDP->8000', 'udp-7001 7001/UDP->8001', 'udp-8001 8001/UDP->8001'],
    },
    { name: 'expose ranges', keys: 'expose: ["9000-9001"]', container: ['tcp-9000 9000/TCP', 'tcp-9001 9001/TCP'], service: ['tcp-9000 9000/TCP->9000', 'tcp-9001 9001/TCP->9001'] },
    { name: 'a port both exposed and published is declared once', keys: 'ports: ["80:80"]\nexpose: ["80"]', container: ['tcp-80 80/TCP'], service: ['tcp-80 80/TCP->80'] },
    {
      name: 'long port names are cut to 15 characters and stay unique',
      keys: 'ports:\n  - {target: 80, name: frontend-http-traffic}\n  - {target: 81, name: frontend-http-traffic}',
      container: ['frontend-h-363o 80/TCP', 'frontend-h-b0ez 81/TCP'],
      service: ['frontend-h-363o 80/TCP->80', 'frontend-h-b0ez 81/TCP->81'],
    },
    {
      name: 'a published number that is another container port stays that container port',
      keys: 'ports: ["81:80", "81"]',
      container: ['tcp-80 80/TCP', 'tcp-81 81/TCP'],
      service: ['tcp-80 80/TCP->80', 'tcp-81 81/TCP->81'],
    },
  ])('$name', ({ keys, container: c, service }) => {
    const result = run({ 'compose.yaml': app(keys) });
    expect(container(result, 'app').ports?.map((p) => `${p.name} ${p.containerPort}/${p.protocol}`)).toEqual(c);
    expect(brief(ports(result, 'app'))).toEqual(service);
  });

  it('makes a headless Service for a service without ports, so its name resolves', () => {
    const result = run({ 'compose.yaml': app('restart: always') });
    expect(spec(result, 'app')).toEqual({ clusterIP: 'None', selector: expect.any(Object) });
  });

  it('keeps a headless Service with its ports when x-kubernetes asks for one', () => {
    const result = run({ 'compose.yaml': app('expose: ["5432"]\nx-kubernetes:\n  expose:\n    headless: true') });
    expect(spec(result, 'app')).toMatchObject({ clusterIP: 'None', ports: [expect.objectContaining({ port: 5432 })] });
  });

  it('publishes mode: host ports on the node (hostPort, hostIP)', () => {
    const result = run({ 'compose.yaml': app('ports:\n  - {target: 80, published: "8080", mode: host, host_ip: 10.0.0.5}') });
    expect(container(result, 'app').ports).toEqual([{ name: 'tcp-80', containerPort: 80, protocol: 'TCP', hostPort: 8080, hostIP: '10.0.0.5' }]);
  });

  it('adds no hostPort on the node network, where the container port already is a node port', () => {
    const result = run({ 'compose.yaml': app('network_mode: host\nports:\n  - {target: 80, published: "8080", mode: host}') });
    expect(container(result, 'app').ports).toEqual([{ name: 'tcp-80', containerPort: 80, protocol: 'TCP' }]);
  });

  it.each([
    ['http', 'http'],
    ['h2c', 'kubernetes.io/h2c'],
    ['WSS', 'kubernetes.io/wss'],
    ['example.com/custom', 'example.com/custom'],
    ['not valid!', undefined],
  ])('app_protocol %j -> appProtocol %j', (raw, expected) => {
    expect(appProtocol(raw)).toBe(expected);
  });

  it('puts app_protocol on the Service port and warns about one Kubernetes refuses', () => {
    const result = run({ 'compose.yaml': app('ports:\n  - {target: 50051, app_protocol: grpc}\n  - {target: 81, app_protocol: "not valid!"}') });
    expect(ports(result, 'app')?.map((p) => p.appProtocol)).toEqual([undefined, 'grpc']);
    expect(diagnostics(result, 'invalid-value')).toEqual([{ line: 6, column: 9, message: expect.stringContaining('not valid!') }]);
  });
});

describe('published ports outside the cluster', () => {
  it.each([
    {
      name: 'NodePort on the Service itself when all its ports are published, the published number as node port',
      keys: 'ports: ["30080:30080"]',
      options: { serviceType: 'NodePort' as const },
      services: { app: ['tcp-30080 30080/TCP->30080 node 30080'] },
      type: { app: 'NodePort' },
    },
    {
      name: 'a second Service for the published ports when others stay inside',
      keys: 'ports: ["30080:80"]\nexpose: ["9100"]',
      options: { serviceType: 'NodePort' as const },
      services: { app: ['tcp-80 80/TCP->80', 'tcp-30080 30080/TCP->80', 'tcp-9100 9100/TCP->9100'], 'app-public': ['tcp-30080 30080/TCP->80 node 30080'] },
      type: { app: undefined, 'app-public': 'NodePort' },
    },
    {
      name: 'LoadBalancer from x-kubernetes, node port of the published port from the hint',
      keys: 'ports: ["443:8443"]\nx-kubernetes:\n  expose:\n    type: LoadBalancer\n    nodePort: 31443',
      options: {},
      services: { app: ['tcp-443 443/TCP->8443 node 31443', 'tcp-8443 8443/TCP->8443'] },
      type: { app: 'LoadBalancer' },
    },
    {
      name: 'the kompose.service.type label',
      keys: 'ports: ["80:80"]\nlabels:\n  kompose.service.type: loadbalancer',
      options: {},
      services: { app: ['tcp-80 80/TCP->80'] },
      type: { app: 'LoadBalancer' },
    },
    {
      name: 'a loopback address stays inside the cluster',
      keys: 'ports: ["127.0.0.1:8080:80", "443:443"]',
      options: { serviceType: 'LoadBalancer' as const },
      services: { app: ['tcp-80 80/TCP->80', 'tcp-8080 8080/TCP->80', 'tcp-443 443/TCP->443'], 'app-public': ['tcp-443 443/TCP->443'] },
      type: { app: undefined, 'app-public': 'LoadBalancer' },
    },
    {
      name: 'ClusterIP by default',
      keys: 'ports: ["80:80"]',
      options: {},
      services: { app: ['tcp-80 80/TCP->80'] },
      type: { app: undefined },
    },
  ])('$name', ({ keys, options, services, type }) => {
    const result = run({ 'compose.yaml': app(keys) }, options);
    expect(names(result, 'Service').sort()).toEqual(Object.keys(services).sort());
    for (const [name, expected] of Object.entries(services)) expect(brief(ports(result, name))).toEqual(expected);
    for (const [name, expected] of Object.entries(type)) expect(spec(result, name).type).toBe(expected);
  });

  it('warns when a published number cannot be the node port', () => {
    const result = run({ 'compose.yaml': app('ports:\n  - "8080:80"') }, { serviceType: 'NodePort' });
    expect(diagnostics(result, 'approximate')).toEqual([{ line: 4, column: 5, message: expect.stringContaining('8080 cannot be a node port') }]);
    expect(ports(result, 'app')?.every((p) => p.nodePort === undefined)).toBe(true);
  });

  it('gives a node port to one Service only', () => {
    const compose = app('ports: ["30080:80"]', '  other:\n    image: example/o:1\n    ports: ["30080:81"]\n');
    const result = run({ 'compose.yaml': compose }, { serviceType: 'NodePort' });
    expect(brief(ports(result, 'app'))).toEqual(['tcp-80 80/TCP->80', 'tcp-30080 30080/TCP->80 node 30080']);
    expect(brief(ports(result, 'other'))).toEqual(['tcp-81 81/TCP->81', 'tcp-30080 30080/TCP->81']);
    expect(diagnostics(result, 'port-conflict')).toEqual([{ line: 7, column: 5, message: expect.stringContaining('node port 30080') }]);
  });

  it.each([
    { name: 'a host address', keys: 'ports:\n  - "10.0.0.5:80:80"', code: 'approximate', line: 5, column: 9, text: '10.0.0.5' },
    { name: 'a host address (long syntax)', keys: 'ports:\n  - target: 80\n    published: "80"\n    host_ip: 10.0.0.5', code: 'approximate', line: 5, column: 9, text: '10.0.0.5' },
    { name: 'a loopback address', keys: 'ports:\n  - "127.0.0.1:80:80"', code: 'approximate', line: 5, column: 9, text: 'stays inside the cluster' },
    { name: 'a loopback range (one warning for the entry)', keys: 'ports:\n  - "127.0.0.1:5000-5002:5000-5002"', code: 'approximate', line: 5, column: 9, text: 'ports 5000-5002 on 127.0.0.1' },
    { name: 'a host range', keys: 'ports:\n  - "9000-9010:9000"', code: 'approximate', line: 5, column: 9, text: 'range' },
    { name: 'a node port hint on ClusterIP', keys: 'ports: ["80"]\nx-kubernetes:\n  expose:\n    nodePort: 30001', code: 'invalid-value', line: 7, column: 9, text: 'nodePort' },
  ] as const)('warns about $name at its position', ({ keys, code, line, column, text }) => {
    const result = run({ 'compose.yaml': app(keys) });
    const found = diagnostics(result, code);
    // Once: the generic fidelity pass does not repeat what the port transform said.
    expect(found).toEqual([{ line, column, message: expect.stringContaining(text) }]);
  });

  it('rejects a published port that is not a number', () => {
    const result = convert({ 'compose.yaml': app('ports:\n  - {target: 80, published: "http"}') }, { workingDir: '/p', env: {} });
    expect(result.failed).toBe(true);
    expect(result.diagnostics.map(({ code, severity, line, column, message }) => ({ code, severity, line, column, message }))).toEqual([
      { code: 'invalid-value', severity: 'error', line: 5, column: 9, message: 'service "app": published port "http" is not a port number or a range like 8000-8010' },
    ]);
  });
});

describe('a published number that is also a container port (8065:8056 beside expose: [8065])', () => {
  it.each([
    {
      name: 'ClusterIP: the compose name keeps the container ports, <name>-public the published numbers',
      keys: 'ports: ["8065:8056"]\nexpose: ["8065"]',
      options: {},
      services: { app: ['tcp-8056 8056/TCP->8056', 'tcp-8065 8065/TCP->8065'], 'app-public': ['tcp-8065 8065/TCP->8056'] },
      type: { app: undefined, 'app-public': undefined },
    },
    {
      name: 'ClusterIP: every published number is on <name>-public, the others stay on the compose name too',
      keys: 'ports: ["8065:8056", "9443:443", "80:80"]\nexpose: ["8065"]',
      options: {},
      services: {
        app: ['tcp-80 80/TCP->80', 'tcp-443 443/TCP->443', 'tcp-9443 9443/TCP->443', 'tcp-8056 8056/TCP->8056', 'tcp-8065 8065/TCP->8065'],
        'app-public': ['tcp-80 80/TCP->80', 'tcp-9443 9443/TCP->443', 'tcp-8065 8065/TCP->8056'],
      },
      type: { app: undefined, 'app-public': undefined },
    },
    {
      name: 'two published ports swapping numbers',
      keys: 'ports: ["8080:80", "8081:8080"]',
      options: { serviceType: 'LoadBalancer' as const },
      services: {
        app: ['tcp-80 80/TCP->80', 'tcp-8080 8080/TCP->8080', 'tcp-8081 8081/TCP->8080'],
        'app-public': ['tcp-8080 8080/TCP->80', 'tcp-8081 8081/TCP->8080'],
      },
      type: { app: undefined, 'app-public': 'LoadBalancer' },
    },
    {
      name: 'NodePort: the published ports are on <name>-public, which exists anyway',
      keys: 'ports: ["30065:8056", "30065"]',
      options: { serviceType: 'NodePort' as const },
      services: {
        app: ['tcp-8056 8056/TCP->8056', 'tcp-30065 30065/TCP->30065'],
        'app-public': ['tcp-30065 30065/TCP->8056 node 30065'],
      },
      type: { app: undefined, 'app-public': 'NodePort' },
    },
    {
      name: 'UDP and TCP do not clash',
      keys: 'ports: ["53:5353/udp"]\nexpose: ["53/tcp"]',
      options: {},
      services: { app: ['tcp-53 53/TCP->53', 'udp-53 53/UDP->5353', 'udp-5353 5353/UDP->5353'] },
      type: { app: undefined },
    },
  ])('$name', ({ keys, options, services, type }) => {
    const result = run({ 'compose.yaml': app(keys) }, options);
    expect(names(result, 'Service').sort()).toEqual(Object.keys(services).sort());
    for (const [name, expected] of Object.entries(services)) expect(brief(ports(result, name))).toEqual(expected);
    for (const [name, expected] of Object.entries(type)) expect(spec(result, name).type).toBe(expected);
    // Nothing is dropped: no warning about a port conflict.
    expect(result.diagnostics.filter((d) => d.code === 'port-conflict' && d.severity !== 'info')).toEqual([]);
  });

  it('says which Service answers what, at the published port, with the port-forward to use', () => {
    const result = run({ 'compose.yaml': app('ports: ["8065:8056"]\nexpose: ["8065"]') });
    expect(result.diagnostics.filter((d) => d.code === 'port-conflict')).toEqual([
      expect.objectContaining({
        severity: 'info',
        line: 4,
        column: 13,
        message: expect.stringContaining('"app:8065" reaches container port 8065, as on the compose network, and the Service "app-public" answers on the published 8065 with container port 8056'),
        hint: expect.stringContaining('kubectl port-forward service/app-public 8065'),
      }),
    ]);
    const pub = result.mapped.find((m) => m.object.kind === 'Service' && m.object.metadata.name === 'app-public')!;
    expect(pub.notes.find((n) => n.path.join('.') === 'metadata.name')?.detail).toContain('8065 -> 8056');
  });

  it('loses a number published on loopback only when the published ports go to a LoadBalancer, with a warning', () => {
    const result = run({ 'compose.yaml': app('ports: ["127.0.0.1:8065:8056", "443:443"]\nexpose: ["8065"]') }, { serviceType: 'LoadBalancer' });
    expect(brief(ports(result, 'app-public'))).toEqual(['tcp-443 443/TCP->443']);
    expect(diagnostics(result, 'port-conflict')).toEqual([{ line: 4, column: 13, message: expect.stringContaining('it keeps only 8056') }]);
  });

  // Found by the pipeline fuzzer: 45374 is published for container port 53783 and by the range
  // for container port 45374 itself; the published-ports Service listed 45374 twice, which an API
  // server refuses.
  it('lists a number published for two container ports once on <name>-public, with a warning at the other', () => {
    const result = run({ 'compose.yaml': app('ports: ["127.0.0.1:45374:53783/tcp", "45373-45374:45373-45374"]') });
    const published = ports(result, 'app-public') ?? [];
    expect(published.filter((p) => p.port === 45374)).toHaveLength(1);
    expect(diagnostics(result, 'port-conflict')).toEqual([
      { line: 4, column: 13, message: expect.stringContaining('port 45374/TCP is already published for container port 45374; the Service "app-public" keeps only 45374') },
    ]);
  });

  it('still keeps a number published twice (on two addresses) for the first container port only', () => {
    const result = run({ 'compose.yaml': app('ports: ["127.0.0.1:8080:80", "10.0.0.5:8080:81"]') });
    expect(brief(ports(result, 'app'))).toEqual(['tcp-80 80/TCP->80', 'tcp-8080 8080/TCP->80', 'tcp-81 81/TCP->81']);
    expect(diagnostics(result, 'port-conflict')).toEqual([{ line: 4, column: 34, message: expect.stringContaining("publishes port 8080 for container port 81") }]);
  });
});

import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { FIXTURES } from '../support/fixtures.js';
import { objectIds, runCli } from '../support/cli.js';
import type { INetworkPolicyPort } from 'kubernetes-models/networking.k8s.io/v1/NetworkPolicyPort';
import type { INetworkPolicySpec } from 'kubernetes-models/networking.k8s.io/v1/NetworkPolicySpec';
import type { IIoK8sApimachineryPkgApisMetaV1LabelSelector as ISelector } from '@kubernetes-models/apimachinery/apis/meta/v1/LabelSelector';
import { isIp } from '../../src/mapping/network/network.js';
import type { ConvertResult } from '../../src/pipeline.js';
import { convert } from '../support/api-checks.js';
import { diagnostics, names, object, pod, run } from './convert-support.js';

/** A project with one service `app`; `keys` are more lines of the service, indented by four spaces. */
function app(keys: string, more = ''): string {
  return `services:\n  app:\n    image: example/app:1\n${keys.replace(/^/gm, '    ')}\n${more}`;
}

describe('pod network settings', () => {
  it.each([
    { name: 'hostname', keys: 'hostname: cache-1', expected: { hostname: 'cache-1' } },
    { name: 'hostname with a domain keeps the first label', keys: 'hostname: cache.local', expected: { hostname: 'cache' } },
    { name: 'domainname -> subdomain', keys: 'hostname: api\ndomainname: corp.example', expected: { hostname: 'api', subdomain: 'corp' } },
    {
      name: 'extra_hosts grouped by address, list and map forms',
      keys: 'extra_hosts:\n  - "db=10.0.0.2"\n  - "db-replica=10.0.0.2"\n  - "ldap:10.0.0.9"\n  - "v6=::1"',
      expected: {
        hostAliases: [
          { ip: '10.0.0.2', hostnames: ['db', 'db-replica'] },
          { ip: '10.0.0.9', hostnames: ['ldap'] },
          { ip: '::1', hostnames: ['v6'] },
        ],
      },
    },
    { name: 'extra_hosts map form', keys: 'extra_hosts:\n  metrics: 192.168.1.10', expected: { hostAliases: [{ ip: '192.168.1.10', hostnames: ['metrics'] }] } },
    {
      name: 'dns, dns_search and dns_opt on top of the cluster DNS',
      keys: 'dns: [1.1.1.1, 9.9.9.9]\ndns_search: [corp.example]\ndns_opt: ["ndots:2", rotate]',
      expected: {
        dnsConfig: {
          nameservers: ['1.1.1.1', '9.9.9.9'],
          searches: ['corp.example'],
          options: [{ name: 'ndots', value: '2' }, { name: 'rotate' }],
        },
      },
    },
    { name: 'a single dns server as a string', keys: 'dns: 10.0.0.53', expected: { dnsConfig: { nameservers: ['10.0.0.53'] } } },
    { name: 'network_mode: host', keys: 'network_mode: host', expected: { hostNetwork: true, dnsPolicy: 'ClusterFirstWithHostNet' } },
  ])('$name', ({ keys, expected }) => {
    const spec = pod(run({ 'compose.yaml': app(keys) }), 'app') as unknown as Record<string, unknown>;
    for (const [field, value] of Object.entries(expected)) expect(spec[field]).toEqual(value);
    // The cluster DNS keeps resolving service names: dnsPolicy None is never used.
    expect(spec.dnsPolicy).not.toBe('None');
  });

  it.each([
    { name: 'a FQDN hostname', keys: 'hostname: cache.local', code: 'approximate', line: 4, column: 5, text: 'one DNS label' },
    { name: 'an upper-case hostname', keys: 'hostname: Cache', code: 'name-changed', line: 4, column: 5, text: '"cache"' },
    { name: 'domainname', keys: 'domainname: corp.example', code: 'approximate', line: 4, column: 5, text: 'subdomain "corp"' },
    { name: 'host-gateway', keys: 'extra_hosts:\n  - "host.docker.internal:host-gateway"', code: 'unsupported', line: 5, column: 9, text: 'host-gateway' },
    { name: 'dns servers', keys: 'dns: [1.1.1.1]', code: 'approximate', line: 4, column: 5, text: 'after the cluster DNS' },
    { name: 'a third dns server', keys: 'dns:\n  - 1.1.1.1\n  - 1.0.0.1\n  - 8.8.8.8', code: 'approximate', line: 7, column: 9, text: '8.8.8.8 is left out' },
    { name: 'network_mode: host', keys: 'network_mode: host', code: 'insecure', line: 4, column: 5, text: "node's network" },
    { name: 'network_mode: bridge', keys: 'network_mode: bridge', code: 'approximate', line: 4, column: 5, text: 'default bridge' },
    { name: 'a fixed address', keys: 'networks:\n  default:\n    ipv4_address: 172.20.0.5', code: 'unsupported', line: 6, column: 9, text: 'ipv4_address' },
    { name: 'a MAC address on a network', keys: 'networks:\n  default:\n    mac_address: "02:42:ac:11:65:43"', code: 'unsupported', line: 6, column: 9, text: 'mac_address' },
    { name: 'external_links', keys: 'external_links:\n  - legacy_db:db', code: 'unsupported', line: 4, column: 5, text: 'external_links' },
  ] as const)('warns about $name at its position, once', ({ keys, code, line, column, text }) => {
    const result = run({ 'compose.yaml': app(keys) });
    const found = diagnostics(result, code).filter((d) => d.line === line && d.column === column);
    expect(found).toEqual([{ line, column, message: expect.stringContaining(text) }]);
  });

  it.each([
    { name: 'an extra host that is no address', keys: 'extra_hosts:\n  - "db=database"', line: 5, column: 9 },
    { name: 'a DNS server that is no address', keys: 'dns:\n  - dns.google', line: 5, column: 9 },
  ])('rejects $name at its position', ({ keys, line, column }) => {
    const result = convert({ 'compose.yaml': app(keys) }, { workingDir: '/p', env: {} });
    expect(result.failed).toBe(true);
    expect(diagnostics(result, 'invalid-value')).toEqual([{ line, column, message: expect.any(String) }]);
  });

  it.each([
    ['10.0.0.1', true],
    ['255.255.255.255', true],
    ['256.1.1.1', false],
    ['::1', true],
    ['fe80::1:2', true],
    ['2001:db8:0:0:0:0:0:1', true],
    ['::ffff:10.0.0.1', true],
    ['1::2::3', false],
    ['host-gateway', false],
    ['10.0.0', false],
  ])('isIp(%j) is %j', (s, expected) => {
    expect(isIp(s)).toBe(expected);
  });
});

describe('network aliases and links -> more Services', () => {
  const compose = `services:
  db:
    image: postgres:16
    expose: ["5432"]
    networks:
      backend:
        aliases: [database, Primary_DB, database]
  legacy:
    image: example/legacy:1
    links: ["db:pg", "db"]
networks:
  backend:
`;

  it('makes one Service per alias with the selector and ports of the service', () => {
    const result = run({ 'compose.yaml': compose });
    expect(names(result, 'Service').sort()).toEqual(['database', 'db', 'legacy', 'pg', 'primary-db']);
    const db = object(result, 'Service', 'db').spec;
    for (const alias of ['database', 'primary-db', 'pg']) expect(object(result, 'Service', alias).spec).toEqual(db);
  });

  it('warns when an alias is renamed, and about links once', () => {
    const result = run({ 'compose.yaml': compose });
    expect(diagnostics(result, 'name-changed')).toEqual([{ line: 7, column: 29, message: expect.stringContaining('"primary-db"') }]);
    expect(diagnostics(result, 'approximate').filter((d) => d.message.includes('links'))).toEqual([{ line: 10, column: 5, message: expect.stringContaining('links') }]);
  });

  it('says nothing about links without alias', () => {
    const result = run({ 'compose.yaml': 'services:\n  a:\n    image: x\n    links: [b]\n  b:\n    image: y\n' });
    expect(result.diagnostics).toEqual([]);
  });

  it('rejects an alias that is the name of another service, at the alias', () => {
    const result = convert({ 'compose.yaml': 'services:\n  a:\n    image: x\n    networks:\n      default:\n        aliases: [b]\n  b:\n    image: y\n' }, { workingDir: '/p', env: {} });
    expect(result.failed).toBe(true);
    expect(diagnostics(result, 'name-collision')).toEqual([{ line: 6, column: 19, message: expect.stringContaining('network alias "b" of service "a"') }]);
  });

  it('rejects two aliases of different services that become one Service name, at the second', () => {
    const yaml = 'services:\n  a:\n    image: x\n    networks: {default: {aliases: [main_db]}}\n  b:\n    image: y\n    networks: {default: {aliases: [main-db]}}\n';
    const result = convert({ 'compose.yaml': yaml }, { workingDir: '/p', env: {} });
    expect(result.failed).toBe(true);
    expect(diagnostics(result, 'name-collision')).toEqual([
      { line: 7, column: 36, message: 'network alias "main-db" of service "b": "main-db" and "main_db" (of service "a") both become the Service "main-db" in Kubernetes' },
    ]);
  });

  it('accepts two spellings of one alias of the same service', () => {
    const yaml = 'services:\n  a:\n    image: x\n    networks: {default: {aliases: [main_db, main-db]}}\n';
    const result = run({ 'compose.yaml': yaml });
    expect(names(result, 'Service').sort()).toEqual(['a', 'main-db']);
    expect(diagnostics(result, 'name-changed')).toEqual([{ line: 4, column: 36, message: expect.stringContaining('"main_db"') }]);
  });

  it('keeps the first service when two share an alias, with a warning', () => {
    const yaml = 'services:\n  a:\n    image: x\n    networks: {default: {aliases: [cache]}}\n  b:\n    image: y\n    networks: {default: {aliases: [cache]}}\n';
    const result = run({ 'compose.yaml': yaml });
    expect((object(result, 'Service', 'cache').spec as { selector: Record<string, string> }).selector['app.kubernetes.io/name']).toBe('a');
    expect(diagnostics(result, 'approximate')).toEqual([{ line: 7, column: 36, message: expect.stringContaining('already leads to service "a"') }]);
  });
});

describe('container_name -> one more Service', () => {
  const forge = `services:
  server:
    image: gitea/gitea:1.22
    ports: ["3000:3000"]
  db:
    image: postgres:16
    container_name: gitea-db
    expose: ["5432"]
  worker:
    image: example/worker:1
    container_name: worker
`;

  it('makes a Service named after the container with the selector and ports of the service', () => {
    const result = run({ 'compose.yaml': forge });
    expect(names(result, 'Service').sort()).toEqual(['db', 'gitea-db', 'server', 'worker']);
    expect(object(result, 'Service', 'gitea-db').spec).toEqual(object(result, 'Service', 'db').spec);
  });

  it('says what is true, at container_name: the name resolves, the pods get generated names', () => {
    const result = run({ 'compose.yaml': forge });
    expect(diagnostics(result, 'approximate')).toEqual([
      {
        line: 7,
        column: 5,
        message:
          'service "db": container_name "gitea-db" still resolves, through a Service "gitea-db" with the same pods and ports; the pods themselves get generated names (db-...), so no pod is called "gitea-db"',
      },
    ]);
    expect(result.diagnostics.find((d) => d.line === 7)?.hint).toContain('kubectl logs deployment/db');
    // Not repeated by the table's generic warning, and nothing at all for a name that is the service name.
    expect(result.diagnostics.filter((d) => d.message.includes('container_name'))).toHaveLength(1);
  });

  it('needs nothing when container_name is the service name in another case', () => {
    const result = run({ 'compose.yaml': 'services:\n  gitea:\n    image: gitea/gitea:1.22\n    container_name: Gitea\n' });
    expect(names(result, 'Service')).toEqual(['gitea']);
    expect(result.diagnostics).toEqual([]);
  });

  it('gives a port-less service a headless Service under its container name too', () => {
    const result = run({ 'compose.yaml': 'services:\n  agent:\n    image: woodpeckerci/woodpecker-agent:v2\n    container_name: woodpecker-agent\n' });
    expect((object(result, 'Service', 'woodpecker-agent').spec as { clusterIP?: string }).clusterIP).toBe('None');
  });

  it('cleans the name to a DNS label, and says so in its one warning', () => {
    const result = run({ 'compose.yaml': 'services:\n  db:\n    image: postgres:16\n    container_name: Gitea_DB\n' });
    expect(names(result, 'Service').sort()).toEqual(['db', 'gitea-db']);
    expect(diagnostics(result, 'name-changed')).toEqual([]);
    expect(diagnostics(result, 'approximate')).toEqual([{ line: 4, column: 5, message: expect.stringContaining('container_name "Gitea_DB" is not a DNS name Kubernetes allows, so it resolves as "gitea-db"') }]);
  });

  it('keeps the upper-case spelling of a container name that only differs in case: DNS ignores case', () => {
    const result = run({ 'compose.yaml': 'services:\n  db:\n    image: postgres:16\n    container_name: Gitea-DB\n' });
    expect(diagnostics(result, 'approximate')).toEqual([{ line: 4, column: 5, message: expect.stringContaining('container_name "Gitea-DB" still resolves, through a Service "gitea-db"') }]);
  });

  it('says that a container name that becomes the service name resolves as the service', () => {
    const result = run({ 'compose.yaml': 'services:\n  my-db:\n    image: postgres:16\n    container_name: my_db\n  app:\n    image: x\n    environment: {DB_HOST: my_db}\n' });
    expect(names(result, 'Service')).toEqual(['app', 'my-db']);
    expect(diagnostics(result, 'name-changed')).toEqual([{ line: 4, column: 5, message: expect.stringContaining('it resolves as "my-db", the Service of the service itself') }]);
    expect(pod(result, 'app').containers[0]!.env).toEqual([{ name: 'DB_HOST', value: 'my-db' }]);
  });

  it("leaves a container name that is another service's name to that service, with a warning", () => {
    const result = run({ 'compose.yaml': 'services:\n  app:\n    image: x\n    container_name: db\n  db:\n    image: postgres:16\n' });
    expect((object(result, 'Service', 'db').spec as { selector: Record<string, string> }).selector['app.kubernetes.io/name']).toBe('db');
    expect(diagnostics(result, 'approximate')).toEqual([{ line: 4, column: 5, message: expect.stringContaining('"db" is also the name of service "db"; Compose answers with both containers') }]);
  });

  it('shares a name with an alias of another service as two aliases do: the first one keeps it', () => {
    const yaml = 'services:\n  a:\n    image: x\n    container_name: cache\n  b:\n    image: y\n    networks: {default: {aliases: [cache]}}\n';
    const result = run({ 'compose.yaml': yaml });
    expect((object(result, 'Service', 'cache').spec as { selector: Record<string, string> }).selector['app.kubernetes.io/name']).toBe('a');
    expect(diagnostics(result, 'approximate').map((d) => d.line)).toEqual([4, 7]);
  });

  it('rejects two container names that become one Service name', () => {
    const yaml = 'services:\n  a:\n    image: x\n    container_name: main_db\n  b:\n    image: y\n    container_name: main-db\n';
    const result = convert({ 'compose.yaml': yaml }, { workingDir: '/p', env: {} });
    expect(result.failed).toBe(true);
    expect(diagnostics(result, 'name-collision')).toEqual([{ line: 7, column: 5, message: expect.stringContaining('both become the Service "main-db"') }]);
  });

  it('keeps the public Service of a service off a container name', () => {
    const yaml = 'services:\n  web:\n    image: nginx\n    ports: ["8080:80"]\n    expose: ["9113"]\n  exporter:\n    image: x\n    container_name: web-public\n';
    const result = run({ 'compose.yaml': yaml }, { serviceType: 'LoadBalancer' });
    expect(names(result, 'Service').sort()).toEqual(['exporter', 'web', 'web-public', 'web-public-2']);
    expect((object(result, 'Service', 'web-public-2').spec as { type?: string }).type).toBe('LoadBalancer');
    expect((object(result, 'Service', 'web-public').spec as { selector: Record<string, string> }).selector['app.kubernetes.io/name']).toBe('exporter');
  });
});

type Spec = INetworkPolicySpec;

function matches(selector: ISelector | undefined, labels: Record<string, string>): boolean {
  if (!selector) return true;
  const byLabel = Object.entries(selector.matchLabels ?? {}).every(([k, v]) => labels[k] === v);
  const byExpression = (selector.matchExpressions ?? []).every((e) => e.operator === 'In' && e.values!.includes(labels[e.key]!));
  return byLabel && byExpression;
}

/**
 * Whether a connection is allowed, evaluated the way a network plugin evaluates NetworkPolicies:
 * a pod selected by a policy of a direction only allows what one of them allows in it.
 */
function allowed(result: ConvertResult, from: string | 'outside', to: string, port: number, protocol = 'TCP'): boolean {
  const labels = (name: string) => (object(result, 'Deployment', name).spec as { template: { metadata: { labels: Record<string, string> } } }).template.metadata.labels;
  const policies = result.objects.filter((o) => o.kind === 'NetworkPolicy').map((o) => o.spec as Spec);
  const portOk = (ports: INetworkPolicyPort[] | undefined) =>
    !ports || ports.some((p) => (p.protocol ?? 'TCP') === protocol && (p.port === undefined || ((p.port as number) <= port && port <= (p.endPort ?? (p.port as number)))));
  const target = labels(to);
  const ingress = policies.filter((p) => p.policyTypes?.includes('Ingress') && matches(p.podSelector, target));
  const inOk =
    ingress.length === 0 ||
    ingress.some((p) => (p.ingress ?? []).some((r) => portOk(r.ports) && (!r.from || (from !== 'outside' && r.from.some((peer) => matches(peer.podSelector, labels(from)))))));
  if (from === 'outside') return inOk;
  const egress = policies.filter((p) => p.policyTypes?.includes('Egress') && matches(p.podSelector, labels(from)));
  const outOk = egress.length === 0 || egress.some((p) => (p.egress ?? []).some((r) => portOk(r.ports) && (!r.to || r.to.some((peer) => matches(peer.podSelector, target)))));
  return inOk && outOk;
}

/** Can a pod reach the internet (a host outside the cluster) on port 443? */
function egressOutside(result: ConvertResult, from: string): boolean {
  const labels = (object(result, 'Deployment', from).spec as { template: { metadata: { labels: Record<string, string> } } }).template.metadata.labels;
  const egress = result.objects.filter((o) => o.kind === 'NetworkPolicy').map((o) => o.spec as Spec).filter((p) => p.policyTypes?.includes('Egress') && matches(p.podSelector, labels));
  return egress.length === 0 || egress.some((p) => (p.egress ?? []).some((r) => !r.to && (!r.ports || r.ports.some((x) => x.port === 443))));
}

describe('compose networks -> NetworkPolicies', () => {
  const threeTier = `services:
  proxy:
    image: nginx:1.27
    ports: ["80:8080"]
    networks: [frontend]
  api:
    image: example/api:2
    expose: ["3000"]
    networks: [frontend, backend]
  db:
    image: postgres:16
    expose: ["5432"]
    networks: [backend]
networks:
  frontend:
  backend:
    internal: true
`;

  it('keeps the isolation of the networks: shared network yes, others no, published ports from outside', () => {
    const result = run({ 'compose.yaml': threeTier });
    expect(allowed(result, 'proxy', 'api', 3000)).toBe(true);
    expect(allowed(result, 'api', 'db', 5432)).toBe(true);
    expect(allowed(result, 'proxy', 'db', 5432)).toBe(false);
    // db has no way out of its internal network, not even to published ports.
    expect(allowed(result, 'db', 'proxy', 8080)).toBe(false);
    expect(allowed(result, 'outside', 'proxy', 8080)).toBe(true);
    expect(allowed(result, 'outside', 'api', 3000)).toBe(false);
    expect(allowed(result, 'outside', 'db', 5432)).toBe(false);
  });

  it('keeps services only on internal networks off the outside world, but lets them resolve names', () => {
    const result = run({ 'compose.yaml': threeTier });
    expect(egressOutside(result, 'db')).toBe(false);
    expect(egressOutside(result, 'api')).toBe(true);
    const egress = object(result, 'NetworkPolicy', 'network-backend-egress').spec as Spec;
    expect(egress.egress).toContainEqual({ ports: [{ port: 53, protocol: 'UDP' }, { port: 53, protocol: 'TCP' }] });
  });

  it('names one policy per network, plus the default deny and the published ports', () => {
    expect(names(run({ 'compose.yaml': threeTier }), 'NetworkPolicy').sort()).toEqual([
      'default-deny-ingress',
      'network-backend',
      'network-backend-egress',
      'network-frontend',
      'proxy-published',
    ]);
  });

  it.each([
    { name: 'every service on the default network', yaml: 'services:\n  a:\n    image: x\n  b:\n    image: y\n', options: {}, policies: false },
    { name: 'one declared network for all', yaml: 'services:\n  a:\n    image: x\n    networks: [app]\n  b:\n    image: y\n    networks: [app]\nnetworks:\n  app:\n', options: {}, policies: false },
    { name: 'forced on', yaml: 'services:\n  a:\n    image: x\n', options: { networkPolicies: true }, policies: true },
    { name: 'two networks', yaml: threeTier, options: {}, policies: true },
    { name: 'two networks, turned off', yaml: threeTier, options: { networkPolicies: false }, policies: false },
    { name: 'network_mode: none', yaml: 'services:\n  a:\n    image: x\n    network_mode: none\n', options: {}, policies: true },
  ])('$name: NetworkPolicies $policies', ({ yaml, options, policies }) => {
    expect(names(run({ 'compose.yaml': yaml }, options), 'NetworkPolicy').length > 0).toBe(policies);
  });

  it('warns at the networks key when the policies are turned off but the networks isolate services', () => {
    const result = run({ 'compose.yaml': threeTier }, { networkPolicies: false });
    expect(diagnostics(result, 'approximate')).toContainEqual({ line: 14, column: 1, message: expect.stringContaining('"db" and "proxy" share no network') });
  });

  describe('the warning about the networks key', () => {
    const networksWarnings = (yaml: string, options = {}) =>
      diagnostics(run({ 'compose.yaml': yaml }, options), 'approximate').filter((d) => d.line === 14 && d.column === 1);
    const oneNetwork = threeTier.replace(/networks: \[.*\]/g, 'networks: [frontend]');

    it('says what the row says when NetworkPolicies keep the networks apart', () => {
      expect(networksWarnings(threeTier)).toEqual([{ line: 14, column: 1, message: expect.stringContaining('only take effect when the network plugin of the cluster enforces them') }]);
    });

    it('says the same when they are written on request though nothing needs isolating', () => {
      expect(networksWarnings(oneNetwork, { networkPolicies: true })).toEqual([{ line: 14, column: 1, message: expect.stringContaining('enforces them') }]);
    });

    it('is not given when the networks isolate nothing: one flat network behaves the same', () => {
      expect(networksWarnings(oneNetwork)).toEqual([]);
      expect(networksWarnings(oneNetwork, { networkPolicies: false })).toEqual([]);
    });

    it('leaves a service without network to the warning at its network_mode', () => {
      const result = run({ 'compose.yaml': 'services:\n  a:\n    image: x\n    network_mode: none\n  b:\n    image: y\n' }, { networkPolicies: false });
      expect(diagnostics(result, 'approximate')).toEqual([{ line: 4, column: 5, message: expect.stringContaining('network_mode: none') }]);
    });

    it('says what is lost when the policies are turned off, once', () => {
      expect(networksWarnings(threeTier, { networkPolicies: false })).toEqual([
        { line: 14, column: 1, message: expect.stringContaining('without NetworkPolicies every pod can connect to every other') },
      ]);
    });
  });

  it('isolates a service without network in both directions', () => {
    const result = run({ 'compose.yaml': 'services:\n  a:\n    image: x\n    network_mode: none\n  b:\n    image: y\n    ports: ["80:80"]\n' });
    expect(allowed(result, 'b', 'a', 80)).toBe(false);
    expect(allowed(result, 'a', 'b', 80)).toBe(false);
    expect(allowed(result, 'outside', 'b', 80)).toBe(true);
  });

  it('lets any pod of the namespace reach the members of an external network, with one warning', () => {
    const yaml = 'services:\n  a:\n    image: x\n    networks: [shared]\n  b:\n    image: y\n    networks: [own]\nnetworks:\n  shared:\n    external: true\n  own:\n';
    const result = run({ 'compose.yaml': yaml });
    expect(allowed(result, 'b', 'a', 80)).toBe(true);
    expect(allowed(result, 'a', 'b', 80)).toBe(false);
    expect(diagnostics(result, 'approximate').filter((d) => d.message.includes('external'))).toEqual([{ line: 10, column: 5, message: expect.stringContaining('external') }]);
  });

  it('opens the port an Ingress sends traffic to', () => {
    const yaml = `${threeTier.replace('networks: [frontend, backend]', 'networks: [frontend, backend]\n    x-kubernetes:\n      ingress:\n        host: [api.example.com]')}`;
    const result = run({ 'compose.yaml': yaml });
    expect(allowed(result, 'outside', 'api', 3000)).toBe(true);
  });

  it('puts no pod of a host-network service under a policy, and gives it the cluster DNS', () => {
    const yaml = 'services:\n  agent:\n    image: x\n    network_mode: host\n  a:\n    image: y\n    networks: [one]\n  b:\n    image: z\n    networks: [two]\nnetworks:\n  one:\n  two:\n';
    const result = run({ 'compose.yaml': yaml });
    const policies = result.objects.filter((o) => o.kind === 'NetworkPolicy').map((o) => JSON.stringify(o.spec));
    expect(policies.some((p) => p.includes('"agent"'))).toBe(false);
  });
});

describe('convert --network-policies / --no-network-policies', () => {
  const cwd = join(FIXTURES, 'frontend-backend-networks');
  const policies = (stdout: string) => (stdout.match(/^kind: NetworkPolicy$/gm) ?? []).length;

  it.each([
    { flags: [], count: 5 },
    { flags: ['--network-policies'], count: 5 },
    { flags: ['--no-network-policies'], count: 0 },
  ])('$flags -> $count NetworkPolicies', async ({ flags, count }) => {
    const run = await runCli(['convert', '--no-comments', ...flags], { cwd });
    expect(run.code).toBe(0);
    expect(policies(run.stdout)).toBe(count);
  });

  it('writes them for a project without isolation when asked', async () => {
    const run = await runCli(['convert', '--network-policies', '-f', 'compose.yaml'], { cwd: join(FIXTURES, 'ingress-app') });
    expect(run.code).toBe(0);
    expect(objectIds(run.stdout).filter((id) => id.startsWith('NetworkPolicy/'))).toEqual([
      'NetworkPolicy/adminer-published',
      'NetworkPolicy/default-deny-ingress',
      'NetworkPolicy/ghost-published',
      'NetworkPolicy/network-default',
    ]);
  });
});

describe('references Compose refuses: undefined networks, links and volumes_from', () => {
  it.each([
    {
      name: 'a network not declared at the top level (list form)',
      yaml: 'services:\n  app:\n    image: x\n    networks: [front, backend]\nnetworks:\n  front:\n',
      at: { line: 4, column: 23 },
      message: 'service "app" is on network "backend", which is not declared under the top-level networks',
    },
    {
      name: 'a network not declared at the top level (mapping form)',
      yaml: 'services:\n  app:\n    image: x\n    networks:\n      backend:\n        aliases: [api]\n',
      at: { line: 5, column: 7 },
      message: 'service "app" is on network "backend", which is not declared under the top-level networks',
    },
    {
      name: 'a link to a service that does not exist',
      yaml: 'services:\n  app:\n    image: x\n    links: ["db:database"]\n',
      at: { line: 4, column: 13 },
      message: 'service "app" links to service "db", which is not defined',
    },
    {
      name: 'volumes_from a service that does not exist',
      yaml: 'services:\n  app:\n    image: x\n    volumes_from: ["data:ro"]\n',
      at: { line: 4, column: 20 },
      message: 'service "app": volumes_from names service "data", which is not defined',
    },
  ])('$name is an undefined-reference error at the reference', ({ yaml, at, message }) => {
    const result = convert({ 'compose.yaml': yaml }, { workingDir: '/p', env: {} });
    expect(result.failed).toBe(true);
    const errors = result.diagnostics.filter((d) => d.severity === 'error');
    expect(errors.map(({ code, severity, line, column, message: m }) => ({ code, severity, line, column, message: m }))).toEqual([
      { code: 'undefined-reference', severity: 'error', ...at, message },
    ]);
  });

  it('accepts the implicit default network and links to defined services', () => {
    const result = run({ 'compose.yaml': 'services:\n  app:\n    image: x\n    networks: [default]\n    links: [db]\n  db:\n    image: y\n' });
    expect(result.diagnostics.filter((d) => d.code === 'undefined-reference')).toEqual([]);
  });
});

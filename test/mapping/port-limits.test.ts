import { describe, expect, it } from 'vitest';
import { MAX_PORTS } from '../../src/mapping/network/services.js';
import { container, diagnostics, names, object, run } from './convert-support.js';

/** A project with one service `app`; `keys` are more lines of the service, indented by four spaces. */
function app(keys: string): string {
  return `services:\n  app:\n    image: example/app:1\n${keys.replace(/^/gm, '    ')}\n`;
}

const spec = (result: ReturnType<typeof run>, name: string) => object(result, 'Service', name).spec as Record<string, unknown>;

describe(`a service with more than ${MAX_PORTS} ports`, () => {
  it.each([
    {
      name: 'a published UDP range of 50 001 ports',
      keys: 'ports:\n  - "80:8080"\n  - "10000-60000:10000-60000/udp"',
      line: 6,
      message: `service "app" has 50002 ports, more than ${MAX_PORTS}: a Service listing them all is too large to apply and to route, so its Service is headless and lists none (the name resolves to the pods, which answer on every port); the published ports are not reachable from outside the cluster`,
    },
    {
      name: 'an exposed range of every port',
      keys: 'expose:\n  - "1-65535"',
      line: 5,
      message: `service "app" has 65535 ports, more than ${MAX_PORTS}: a Service listing them all is too large to apply and to route, so its Service is headless and lists none (the name resolves to the pods, which answer on every port)`,
    },
    {
      name: 'ranges that only together pass the limit (the one that does is named)',
      keys: 'expose:\n  - "2000-2600"\n  - "3000-3600/udp"',
      line: 6,
      message: `service "app" has 1202 ports, more than ${MAX_PORTS}: a Service listing them all is too large to apply and to route, so its Service is headless and lists none (the name resolves to the pods, which answer on every port)`,
    },
  ])('$name: a headless Service without ports and a warning at the entry', ({ keys, line, message }) => {
    const result = run({ 'compose.yaml': app(keys) });
    expect(diagnostics(result, 'too-many-ports')).toEqual([{ line, column: 9, message }]);
    expect(spec(result, 'app')).toEqual({ clusterIP: 'None', selector: { 'app.kubernetes.io/name': 'app', 'app.kubernetes.io/part-of': 'p' } });
    expect(names(result, 'Service')).toEqual(['app']);
    expect(container(result, 'app').ports).toBeUndefined();
    // The keys are handled: no unmapped-key warning on top.
    expect(diagnostics(result, 'unmapped-key')).toEqual([]);
  });

  it('says what to do instead: publish fewer ports or use the node network', () => {
    const result = run({ 'compose.yaml': app('ports: ["10000-20000:10000-20000/udp"]') });
    expect(result.diagnostics.find((d) => d.code === 'too-many-ports')?.hint).toMatch(/network_mode: host/);
  });

  it('on the node network does not call its ports unreachable', () => {
    const result = run({ 'compose.yaml': app('network_mode: host\nports: ["10000-20000:10000-20000/udp"]') });
    expect(diagnostics(result, 'too-many-ports')).toEqual([
      { line: 5, column: 13, message: expect.stringMatching(/^service "app" has 10001 ports, .* headless and lists none \(the name resolves to the pods, which answer on every port\)$/) },
    ]);
  });

  it('keeps a dependant waiting on its first TCP port, which the pods answer on', () => {
    const result = run({
      'compose.yaml': `services:\n  media:\n    image: example/media:1\n    ports: ["5060:5060", "10000-20000:10000-20000/udp"]\n  web:\n    image: example/web:1\n    depends_on: [media]\n`,
    });
    const wait = (object(result, 'Deployment', 'web').spec as { template: { spec: { initContainers: { name: string; command: string[] }[] } } }).template.spec.initContainers[0]!;
    expect(wait.name).toBe('wait-for-media');
    expect(wait.command.join(' ')).toContain('media 5060');
  });

  it(`at exactly ${MAX_PORTS} ports lists them all`, () => {
    const result = run({ 'compose.yaml': app(`expose: ["1-${MAX_PORTS}"]`) });
    expect(diagnostics(result, 'too-many-ports')).toEqual([]);
    expect((spec(result, 'app').ports as unknown[]).length).toBe(MAX_PORTS);
    expect(container(result, 'app').ports).toHaveLength(MAX_PORTS);
  });
});

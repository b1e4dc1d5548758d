import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { Diagnostics } from '../../src/diagnostics/diagnostic.js';
import { convert } from '../support/api-checks.js';
import { run } from './convert-support.js';
import { isPortableEnvName } from '../../src/mapping/config/config.js';
import { isLabelKey } from '../../src/mapping/workloads/scheduling.js';
import {
  isIanaServiceName,
  isLabelKeyRule,
  isLabelValueRule,
  isPortableEnvVarName,
  isRfc1035Label,
  isRfc1123Label,
  isRfc1123Subdomain,
} from '../support/k8s-names.js';
import {
  dns1123Label,
  dnsLabel,
  dnsSubdomain,
  isDns1123Label,
  isDnsLabel,
  isDnsSubdomain,
  isLabelValue,
  isPortName,
  kubeName,
  labelValue,
  portName,
  shortHash,
  uniqueName,
} from '../../src/mapping/names.js';

/** Any string, with a bias towards the characters compose names are made of. */
const anyName = fc.oneof(
  fc.string({ maxLength: 300 }),
  fc.string({ unit: fc.constantFrom(...'abcXYZ019-_. /:@'.split('')), maxLength: 300 }),
  fc.string({ unit: 'grapheme', maxLength: 80 }),
);

/**
 * Each rule of Kubernetes, its examples from the Kubernetes documentation and API validation
 * (valid, then invalid), the independent rule of test/support/k8s-names.ts and the tool's own
 * check. Both must agree with the examples, and with each other on any string.
 */
const RULES = [
  {
    name: 'RFC 1123 label',
    rule: isRfc1123Label,
    code: isDns1123Label,
    valid: ['a', '0', 'web', 'web-1', '1st', 'a--b', '123-abc', 'x'.repeat(63)],
    invalid: ['', 'Web', 'web_1', 'web.1', '-web', 'web-', 'a b', 'caf\u00e9', 'x'.repeat(64)],
  },
  {
    name: 'RFC 1123 subdomain',
    rule: isRfc1123Subdomain,
    code: isDnsSubdomain,
    valid: ['a', 'example.com', 'my-app.config', '1.2.3', `${'a'.repeat(63)}.${'b'.repeat(63)}`, 'a'.repeat(253)],
    invalid: ['', 'Example.com', 'a..b', '.a', 'a.', 'a_b.c', 'a.-b', 'a/b', 'a'.repeat(254)],
  },
  {
    name: 'RFC 1035 label',
    rule: isRfc1035Label,
    code: isDnsLabel,
    valid: ['a', 'web', 'db-1', 'a--b', 'x'.repeat(63)],
    invalid: ['', '0', '1web', '-a', 'a-', 'A', 'a.b', 'a_b', 'x'.repeat(64)],
  },
  {
    name: 'port name (IANA_SVC_NAME)',
    rule: isIanaServiceName,
    code: isPortName,
    valid: ['http', 'https', 'tcp-80', 'h2c', '1-a', 'metrics-8080', 'a'.repeat(15)],
    invalid: ['', '8080', '1-2-3', 'http--alt', '-http', 'http-', 'HTTP', 'http_alt', 'web.api', 'a'.repeat(16)],
  },
  {
    name: 'label value',
    rule: isLabelValueRule,
    code: isLabelValue,
    valid: ['', 'v1', '1.0', 'release-2024_01', 'A', 'MyApp', 'a'.repeat(63)],
    invalid: ['-a', 'a-', '.a', 'a.', '_a', 'a b', 'feature/login', 'caf\u00e9', 'a'.repeat(64)],
  },
  {
    name: 'label key',
    rule: isLabelKeyRule,
    code: isLabelKey,
    valid: ['app', 'app.kubernetes.io/name', 'example.com/Tier_1', 'kubernetes.io/arch', 'a'.repeat(63), `${'a'.repeat(253)}/b`],
    invalid: ['', '/app', 'example.com/', 'a/b/c', 'Example.com/app', 'example_com/app', '-app', 'a'.repeat(64), `${'a'.repeat(254)}/b`],
  },
  {
    name: 'portable environment variable name',
    rule: isPortableEnvVarName,
    code: isPortableEnvName,
    valid: ['PATH', 'my_var', 'my.var', 'my-var', '_X', '.env', 'A1'],
    invalid: ['', '1ABC', 'MY VAR', 'A=B', 'caf\u00e9', 'a$b'],
  },
];

describe.each(RULES)('the $name rule', ({ rule, code, valid, invalid }) => {
  it('accepts the documented valid names and rejects the invalid ones', () => {
    expect(valid.filter((n) => !rule(n))).toEqual([]);
    expect(invalid.filter((n) => rule(n))).toEqual([]);
  });

  it("is what the tool's own check says, on the documented names", () => {
    expect(valid.filter((n) => !code(n))).toEqual([]);
    expect(invalid.filter((n) => code(n))).toEqual([]);
  });

  it("is what the tool's own check says, on any string", () => {
    fc.assert(fc.property(anyName, (s) => code(s) === rule(s)), { numRuns: 2000 });
  });
});

const KINDS = [
  { name: 'dnsLabel', make: dnsLabel, valid: isRfc1035Label },
  { name: 'dns1123Label', make: dns1123Label, valid: isRfc1123Label },
  { name: 'dnsSubdomain', make: dnsSubdomain, valid: isRfc1123Subdomain },
  { name: 'portName', make: portName, valid: isIanaServiceName },
  { name: 'labelValue', make: labelValue, valid: isLabelValueRule },
];

describe.each(KINDS)('$name', ({ make, valid }) => {
  it('turns any string into a name valid by the Kubernetes rule (test/support/k8s-names.ts)', () => {
    fc.assert(fc.property(anyName, (s) => valid(make(s))), { numRuns: 2000 });
  });

  it('leaves a valid name unchanged', () => {
    fc.assert(fc.property(anyName, (s) => make(make(s)) === make(s)), { numRuns: 2000 });
  });

  it('is deterministic', () => {
    fc.assert(fc.property(anyName, (s) => make(s) === make(s)));
  });

  it('keeps long names that share a prefix apart', () => {
    const base = 'a'.repeat(300);
    expect(make(`${base}-one`)).not.toBe(make(`${base}-two`));
  });
});

describe('names', () => {
  it.each([
    ['web', 'web'],
    ['My_Service', 'my-service'],
    ['db.internal', 'db-internal'],
    ['1st-worker', 'c-1st-worker'],
    ['__', 'x'],
    ['a--b', 'a--b'],
  ])('dnsLabel(%j) is %j', (raw, expected) => {
    expect(dnsLabel(raw)).toBe(expected);
  });

  it('cuts a long name to 63 characters and ends it with a hash of the whole name', () => {
    const raw = `service-${'x'.repeat(80)}`;
    const name = dnsLabel(raw);
    expect(name).toHaveLength(63);
    expect(name.endsWith(`-${shortHash(raw)}`)).toBe(true);
  });

  it.each([
    ['tcp-8080', 'tcp-8080'],
    ['HTTP_API', 'http-api'],
    ['8080', 'p-8080'],
    ['', 'port'],
    ['a--b', 'a-b'],
    ['metrics-exporter-http', `metrics-ex-${shortHash('metrics-exporter-http', 4)}`],
  ])('portName(%j) is %j', (raw, expected) => {
    expect(portName(raw)).toBe(expected);
  });

  it.each([
    ['1.0', '1.0'],
    ['feature/login', 'feature-login'],
    ['-x-', 'x'],
    ['', ''],
  ])('labelValue(%j) is %j', (raw, expected) => {
    expect(labelValue(raw)).toBe(expected);
  });

  it.each([
    ['Example.COM', 'example.com'],
    ['my_app.config', 'my-app.config'],
    ['..', 'x'],
  ])('dnsSubdomain(%j) is %j', (raw, expected) => {
    expect(dnsSubdomain(raw)).toBe(expected);
  });

  it('numbers names that are taken, keeping them valid', () => {
    const used = new Set(['tcp-80']);
    expect(uniqueName(used, 'tcp-80', portName)).toBe('tcp-80-2');
    expect(uniqueName(used, 'tcp-80', portName)).toBe('tcp-80-3');
    const long = 'abcdefghijklmnopqrstuvwxyz';
    const first = uniqueName(used, long, portName);
    const second = uniqueName(used, long, portName);
    expect(first).not.toBe(second);
    expect([first, second].filter((n) => !isIanaServiceName(n))).toEqual([]);
  });

  it('warns with the position when a name changes, and not when it stays', () => {
    const diags = new Diagnostics();
    const loc = { file: 'compose.yaml', line: 3, column: 5 };
    expect(kubeName(diags, 'volume "db_data"', 'db_data', loc)).toBe('db-data');
    expect(kubeName(diags, 'volume "cache"', 'cache', loc)).toBe('cache');
    expect(diags.items).toEqual([
      expect.objectContaining({ code: 'name-changed', line: 3, column: 5, message: expect.stringContaining('volume "db_data" is named "db-data"') }),
    ]);
  });
});

describe('names in converted objects', () => {
  it('gives valid labels and selectors to a project whose name is longer than a label value', () => {
    const project = `payments-${'platform-'.repeat(8)}prod`;
    const result = run({ 'compose.yaml': `name: ${project}\nservices:\n  api:\n    image: example/api:1\n    ports: ["80:80"]\n` });
    const partOf = result.objects.map((o) => `${o.kind}/${o.metadata.name}=${o.metadata.labels?.['app.kubernetes.io/part-of'] ?? '(none)'}`);
    const value = labelValue(project);
    expect(value).toHaveLength(63);
    expect(value.endsWith(`-${shortHash(project)}`)).toBe(true);
    expect(partOf).toEqual([`Service/api=${value}`, `Deployment/api=${value}`]);
    const labels = result.objects.flatMap((o) => Object.values(o.metadata.labels ?? {}));
    expect(labels.filter((v) => !isLabelValueRule(v))).toEqual([]);
  });
});

describe('names of volumes, secrets and configs', () => {
  const project = [
    'services:',
    '  web:',
    '    image: nginx',
    '    env_file: [web.env]',
    '    volumes: ["db_data:/data", "cache:/cache"]',
    '    secrets: [api_key, token]',
    '    configs: [web-env]',
    'volumes:',
    '  db_data:',
    '  cache:',
    '  unused_volume:',
    'secrets:',
    '  api_key: {environment: API_KEY}',
    '  token: {environment: TOKEN}',
    'configs:',
    '  web-env: {content: "x=1"}',
    '',
  ].join('\n');
  const result = run({ 'compose.yaml': project, 'web.env': 'A=1\n' });

  it('warns at the element when its object has another name, and says which', () => {
    expect(result.diagnostics.filter((d) => d.code === 'name-changed').map((d) => [d.line, d.column, d.message])).toEqual([
      [9, 3, `volume "db_data" is the PersistentVolumeClaim "db-data" in Kubernetes (names must be lower-case letters, digits and '-', at most 63 characters)`],
      [13, 3, `secret "api_key" is the Secret "api-key" in Kubernetes (names must be lower-case letters, digits and '-', at most 63 characters)`],
      [16, 3, 'config "web-env" is the ConfigMap "web-env-2" in Kubernetes ("web-env" is already the name of another ConfigMap of the project)'],
    ]);
    expect(result.objects.filter((o) => o.kind === 'PersistentVolumeClaim').map((o) => o.metadata.name).sort()).toEqual(['cache', 'db-data']);
  });

  it.each([
    ['volumes', 'volumes:\n  db_data:\n  db-data:\n', 'volume "db_data" and volume "db-data" both become the PersistentVolumeClaim "db-data" in Kubernetes', 'volumes: ["db_data:/a", "db-data:/b"]'],
    ['secrets', 'secrets:\n  api_key: {environment: A}\n  api-key: {environment: B}\n', 'secret "api_key" and secret "api-key" both become the Secret "api-key" in Kubernetes', 'secrets: [api_key, api-key]'],
    ['configs', 'configs:\n  app.conf: {content: a}\n  app_conf: {content: b}\n', 'config "app.conf" and config "app_conf" both become the ConfigMap "app-conf" in Kubernetes', 'configs: [app.conf, app_conf]'],
  ])('rejects two %s that become one object, at the second', (_, top, message, uses) => {
    const result = convert({ 'compose.yaml': `services:\n  web:\n    image: nginx\n    ${uses}\n${top}` }, { workingDir: '/p', env: {} });
    expect(result.failed).toBe(true);
    expect(result.diagnostics.filter((d) => d.code === 'name-collision').map((d) => [d.line, d.column, d.message])).toEqual([[7, 3, message]]);
  });

  it('gives valid project labels to the objects of a project with a long name', () => {
    const name = `payments-${'platform-'.repeat(8)}prod`;
    const result = run({ 'compose.yaml': `name: ${name}\n${project}`, 'web.env': 'A=1\n' });
    const kinds = new Set(result.objects.filter((o) => o.metadata.labels?.['app.kubernetes.io/part-of'] !== undefined).map((o) => o.kind));
    expect([...kinds].sort()).toEqual(expect.arrayContaining(['ConfigMap', 'PersistentVolumeClaim', 'Secret']));
    const labels = result.objects.flatMap((o) => Object.values(o.metadata.labels ?? {}));
    expect(labels.filter((v) => !isLabelValueRule(v))).toEqual([]);
  });
});

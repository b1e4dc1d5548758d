import { describe, expect, it } from 'vitest';
import type { DiagnosticCode } from '../../src/diagnostics/codes.js';
import { convert } from '../support/api-checks.js';
import type { ConvertOptions } from '../../src/pipeline.js';
import { imageReferenceProblem } from '../../src/util/image-reference.js';

/**
 * Values Docker Compose takes but Kubernetes refuses, field by field. Each row is a service body
 * (after `image:`), the code it must get, and the text its diagnostic points at: the expected
 * line and column are where that text first appears in the file, so each row says by itself
 * which value is at fault.
 */
interface Row {
  field: string;
  body: string;
  code: DiagnosticCode;
  /** The text the diagnostic points at (its first occurrence after the service's image line). */
  at: string;
  image?: string;
  files?: Record<string, string>;
  env?: Record<string, string>;
}

const ROWS: Row[] = [
  { field: 'image, a tag interpolation left empty', image: 'nginx:${TAG}', body: '', code: 'image-reference', at: 'nginx:${TAG}' },
  { field: 'image, a registry interpolation left empty', image: '${REGISTRY}/shop/web:1', body: '', code: 'image-reference', at: '${REGISTRY}' },
  { field: 'image, upper case', image: 'Shop/Web:1', body: '', code: 'image-reference', at: 'Shop/Web:1' },
  { field: 'image, an invalid digest', image: 'nginx@sha256:abc', body: '', code: 'image-reference', at: 'nginx@sha256:abc' },
  { field: 'image, white space', image: '"nginx 1.27"', body: '', code: 'image-reference', at: '"nginx 1.27"' },
  { field: 'deploy.replicas, negative', body: 'deploy:\n  replicas: -1', code: 'kubernetes-rejects', at: '-1' },
  { field: 'deploy.replicas, beyond int32', body: 'deploy:\n  replicas: 3000000000', code: 'kubernetes-rejects', at: '3000000000' },
  { field: 'scale, interpolated negative', body: 'scale: ${WORKERS}', env: { WORKERS: '-2' }, code: 'kubernetes-rejects', at: '${WORKERS}' },
  { field: 'environment, an entry without a name', body: 'environment:\n  - "=value"', code: 'kubernetes-rejects', at: '"=value"' },
  { field: 'environment, a name with "="', body: 'environment:\n  "A=B": x', code: 'kubernetes-rejects', at: '"A=B"' },
  { field: 'environment, a name outside ASCII', body: 'environment:\n  ÄPFEL: "1"', code: 'kubernetes-rejects', at: 'ÄPFEL' },
  { field: 'env_file, a name outside ASCII', body: 'env_file: app.env', files: { 'app.env': 'ÄPFEL=1\n' }, code: 'kubernetes-rejects', at: 'app.env' },
  { field: 'ports, container port 0', body: 'ports:\n  - "8080:0"', code: 'kubernetes-rejects', at: '"8080:0"' },
  { field: 'ports, long syntax beyond 65535', body: 'ports:\n  - target: 70000', code: 'kubernetes-rejects', at: 'target' },
  { field: 'expose, port 0', body: 'expose:\n  - "0"', code: 'kubernetes-rejects', at: '"0"' },
  { field: 'extra_hosts, a name that is not a DNS name', body: 'extra_hosts:\n  - "db_primary=10.0.0.5"', code: 'kubernetes-rejects', at: '"db_primary=10.0.0.5"' },
  { field: 'extra_hosts, an address that is not an IP', body: 'extra_hosts:\n  - "db=10.0.0"', code: 'invalid-value', at: '"db=10.0.0"' },
  { field: 'dns, a server that is not an IP', body: 'dns:\n  - dns.example.com', code: 'invalid-value', at: 'dns.example.com' },
  { field: 'dns_search, not a DNS name', body: 'dns_search:\n  - "corp_net!"', code: 'kubernetes-rejects', at: '"corp_net!"' },
  { field: 'dns_opt, without a name', body: 'dns_opt:\n  - ":2"', code: 'kubernetes-rejects', at: '":2"' },
  { field: 'sysctls, not a sysctl name', body: 'sysctls:\n  Net.Core.Somaxconn: 1024', code: 'kubernetes-rejects', at: 'Net.Core.Somaxconn' },
  { field: 'user, an id beyond int32', body: 'user: "4294967296"', code: 'kubernetes-rejects', at: '"4294967296"' },
  { field: 'group_add, an id beyond int32', body: 'group_add:\n  - "4294967296"', code: 'kubernetes-rejects', at: '"4294967296"' },
  { field: 'stop_grace_period, negative', body: 'stop_grace_period: -5s', code: 'kubernetes-rejects', at: '-5s' },
  { field: 'healthcheck.interval, beyond int32 seconds', body: 'healthcheck:\n  test: ["CMD", "true"]\n  interval: 1000000h', code: 'kubernetes-rejects', at: '1000000h' },
  { field: 'healthcheck.retries, beyond what a probe counts', body: 'healthcheck:\n  test: ["CMD", "true"]\n  retries: 1000000000', code: 'kubernetes-rejects', at: '1000000000' },
  { field: 'deploy.update_config.parallelism, negative', body: 'deploy:\n  update_config:\n    parallelism: -1', code: 'kubernetes-rejects', at: '-1' },
  { field: 'deploy.restart_policy.max_attempts, negative', body: 'deploy:\n  restart_policy:\n    max_attempts: -3', code: 'kubernetes-rejects', at: '-3' },
  { field: 'cpus, negative', body: 'cpus: -0.5', code: 'kubernetes-rejects', at: '-0.5' },
  { field: 'deploy.resources.limits.cpus, negative', body: 'deploy:\n  resources:\n    limits:\n      cpus: "-0.25"', code: 'kubernetes-rejects', at: '"-0.25"' },
  { field: 'mem_limit, not a size', body: 'mem_limit: lots', code: 'invalid-value', at: 'lots' },
  { field: 'shm_size, not a size', body: 'shm_size: lots', code: 'invalid-value', at: 'lots' },
  { field: 'tmpfs, a size that is not one', body: 'tmpfs:\n  - /run:size=lots', code: 'invalid-value', at: '/run:size=lots' },
  { field: 'x-kubernetes.storage.size, zero', body: 'x-kubernetes:\n  storage:\n    size: "0"', code: 'kubernetes-rejects', at: '"0"' },
  { field: 'kompose.volume.size, zero', body: 'labels:\n  kompose.volume.size: 0Gi', code: 'kubernetes-rejects', at: 'kompose.volume.size' },
];

/** The compose file of a row: one service, its body indented under it. */
function composeOf(row: Row): string {
  const body = row.body ? row.body.split('\n').map((l) => `    ${l}\n`).join('') : '';
  return `services:\n  app:\n    image: ${row.image ?? 'app:1'}\n${body}`;
}

/** 1-based line and column of the first `text` after the `image:` key. */
function positionOf(source: string, text: string): { line: number; column: number } {
  const offset = source.indexOf(text, source.indexOf('    image:') + '    image:'.length);
  expect(offset, `"${text}" is not in the file`).toBeGreaterThanOrEqual(0);
  const before = source.slice(0, offset).split('\n');
  return { line: before.length, column: before[before.length - 1]!.length + 1 };
}

function convertRow(row: Row, options: ConvertOptions = {}) {
  return convert({ 'compose.yaml': composeOf(row), ...row.files }, { workingDir: '/p', env: row.env ?? {}, ...options });
}

describe('values Kubernetes would reject are errors at their compose position, and nothing is written', () => {
  it.each(ROWS.map((r) => [r.field, r] as const))('%s', (_field, row) => {
    const result = convertRow(row);
    const errors = result.diagnostics.filter((d) => d.severity === 'error');
    expect(errors.map((d) => ({ code: d.code, line: d.line, column: d.column }))).toEqual([{ code: row.code, ...positionOf(composeOf(row), row.at) }]);
    expect(errors[0]!.file).toBe('compose.yaml');
    expect(result.failed).toBe(true);
    expect(result.text).toBe('');
  });

  it('names the variable that interpolation left unset in a broken image', () => {
    const result = convertRow(ROWS[0]!);
    const error = result.diagnostics.find((d) => d.code === 'image-reference')!;
    expect(error.message).toBe('service "app": image "nginx:" is not a valid image reference: the tag after ":" is empty (TAG is not set)');
    expect(error.hint).toBe('set TAG in the environment or in .env, or give it a default: ${TAG:-latest}');
  });

  it('a volume size of zero on a top-level volume is refused at its value', () => {
    const source = 'services:\n  db:\n    image: postgres:16\n    volumes: [data:/var/lib/postgresql/data]\nvolumes:\n  data:\n    x-kubernetes:\n      size: 0Mi\n';
    const result = convert({ 'compose.yaml': source }, { workingDir: '/p', env: {} });
    expect(result.diagnostics.filter((d) => d.severity === 'error').map((d) => [d.code, d.line, d.column])).toEqual([['kubernetes-rejects', 8, 13]]);
  });

  it('the volume size option is checked too', () => {
    const result = convertRow({ field: '', body: '', code: 'kubernetes-rejects', at: '' }, { volumeSize: '0' });
    expect(result.diagnostics.map((d) => [d.code, d.message])).toEqual([['kubernetes-rejects', 'the volume size option "0" is zero: Kubernetes needs a claim to request some storage']]);
  });

  it('the values next to the rejected ones are accepted', () => {
    const fine: Row = {
      field: '',
      image: 'registry.example.com:5000/shop/web_app-2:1.4.2-rc.1@sha256:' + 'a'.repeat(64),
      body: [
        'deploy:',
        '  replicas: 0',
        'environment:',
        '  - "A.B-C=1"',
        'ports: ["8080:80", "0:81"]',
        'extra_hosts: ["DB.Internal=10.0.0.5"]',
        'dns_search: [corp.example.com., "."]',
        'dns_opt: ["ndots:2"]',
        'sysctls:',
        '  net/core/somaxconn: 1024',
        'user: "2147483647"',
        'stop_grace_period: 0s',
        'cpus: -1',
      ].join('\n'),
      code: 'kubernetes-rejects',
      at: '',
    };
    const result = convertRow(fine);
    expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  });
});

describe('image references, as the kubelet parses them', () => {
  it.each([
    ['nginx', undefined],
    ['nginx:1.27-alpine', undefined],
    ['docker.io/library/busybox:1.36.1', undefined],
    ['localhost:5000/app', undefined],
    ['[::1]:5000/app:v1', undefined],
    ['ghcr.io/Owner/app', 'the repository name must be lower-case'],
    ['nginx:', 'the tag after ":" is empty'],
    ['/app', 'a part of the repository name between "/" is empty'],
    ['app//web', 'a part of the repository name between "/" is empty'],
    ['app:-x', 'the tag "-x" is not letters, digits, "_", "." and "-" (at most 128, not starting with "." or "-")'],
    ['', 'it is empty'],
    ['a'.repeat(64), 'a repository name cannot be 64 hexadecimal digits (it reads as an image id)'],
    ['app@', 'the digest after "@" is empty'],
    ['bad_host.example.com/app', 'the registry "bad_host.example.com" is not a host name with an optional :PORT'],
  ])('%j: %s', (ref, problem) => {
    expect(imageReferenceProblem(ref)).toBe(problem);
  });
});

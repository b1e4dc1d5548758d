import { describe, expect, it } from 'vitest';
import { codes, load } from './helpers.js';

/**
 * The references compose-go checks while loading any project (loader checkConsistency), so that
 * `docker compose config` refuses them too; each expectation below was observed with
 * `docker compose config` (compose-go v2) on the same file.
 */
describe('references every command checks', () => {
  it.each([
    ['depends_on an undefined service', 'services:\n  web:\n    image: nginx\n    depends_on: [nope]\n', 'undefined-reference@compose.yaml:4:18', 'service "web" depends on service "nope", which is not defined'],
    // compose-go: `required: false` only excuses a service a profile disables, not one that does not exist.
    ['depends_on an undefined service with required: false', 'services:\n  web:\n    image: nginx\n    depends_on:\n      nope:\n        condition: service_started\n        required: false\n', 'undefined-reference@compose.yaml:5:7', undefined],
    ['links to an undefined service', 'services:\n  web:\n    image: nginx\n    links: ["db:database"]\n', 'undefined-reference@compose.yaml:4:13', 'service "web" links to service "db", which is not defined'],
    ['volumes_from an undefined service', 'services:\n  web:\n    image: nginx\n    volumes_from: [data]\n', 'undefined-reference@compose.yaml:4:20', undefined],
    ['network_mode service: an undefined service', 'services:\n  web:\n    image: nginx\n    network_mode: service:vpn\n', 'undefined-reference@compose.yaml:4:19', undefined],
    ['ipc service: an undefined service', 'services:\n  web:\n    image: nginx\n    ipc: service:x\n', 'undefined-reference@compose.yaml:4:10', undefined],
    ['an undefined network', 'services:\n  web:\n    image: nginx\n    networks: [back]\n', 'undefined-reference@compose.yaml:4:16', 'service "web" is on network "back", which is not declared under the top-level networks'],
    ['an undefined volume', 'services:\n  web:\n    image: nginx\n    volumes: ["data:/d"]\n', 'undefined-reference@compose.yaml:4:15', 'service "web" mounts volume "data", which is not declared under the top-level volumes'],
    ['an undefined secret', 'services:\n  web:\n    image: nginx\n    secrets: [key]\n', 'undefined-reference@compose.yaml:4:15', 'service "web" refers to secret "key", which is not declared under the top-level secrets'],
    ['an undefined config', 'services:\n  web:\n    image: nginx\n    configs: [conf]\n', 'undefined-reference@compose.yaml:4:15', undefined],
    // compose-go: service "web" refers to undefined build secret npmrc.
    ['an undefined build secret', 'services:\n  web:\n    build:\n      context: .\n      secrets: [npmrc]\n', 'undefined-reference@compose.yaml:5:17', 'service "web" refers to build secret "npmrc", which is not declared under the top-level secrets'],
  ])('%s is an error', (_what, text, expected, message) => {
    const result = load({ 'compose.yaml': text });
    expect(codes(result, 'error')).toEqual([expected]);
    if (message) expect(result.diagnostics.find((d) => d.severity === 'error')!.message).toBe(message);
    expect(result.project).toBeUndefined();
  });

  it('reports a depends_on that arrives through extends, in the extending service too', () => {
    const result = load({ 'compose.yaml': 'services:\n  base:\n    image: nginx\n    depends_on: [nope]\n  web:\n    extends: base\n' });
    expect(codes(result, 'error')).toEqual(['undefined-reference@compose.yaml:4:18', 'undefined-reference@compose.yaml:4:18']);
    expect(result.diagnostics.map((d) => d.message)).toEqual(['service "base" depends on service "nope", which is not defined', 'service "web" depends on service "nope", which is not defined']);
  });

  it('accepts volumes_from and network_mode of a container outside the project', () => {
    const result = load({ 'compose.yaml': 'services:\n  web:\n    image: nginx\n    volumes_from: ["container:data"]\n    network_mode: container:vpn\n' });
    expect(codes(result, 'error')).toEqual([]);
  });
});

/** compose-go (graph.go) refuses a cycle of dependencies: `dependency cycle detected: a -> b -> c -> a`. */
describe('dependency cycles', () => {
  it.each([
    ['depends_on', 'services:\n  a:\n    image: x\n    depends_on: [b]\n  b:\n    image: x\n    depends_on: [c]\n  c:\n    image: x\n    depends_on: [a]\n', 'a -> b -> c -> a', 'compose.yaml:4:18'],
    ['a service depending on itself', 'services:\n  a:\n    image: x\n    depends_on: [a]\n', 'a -> a', 'compose.yaml:4:18'],
    // compose-go turns links into depends_on entries, so a link can close a cycle.
    ['links and depends_on', 'services:\n  a:\n    image: x\n    links: [b]\n  b:\n    image: x\n    depends_on:\n      a:\n        condition: service_started\n', 'a -> b -> a', 'compose.yaml:4:13'],
    ['volumes_from', 'services:\n  a:\n    image: x\n    volumes_from: [b]\n  b:\n    image: x\n    depends_on: [a]\n', 'a -> b -> a', 'compose.yaml:4:20'],
  ])('through %s is an error that spells the cycle out at the first dependency', (_what, text, cycle, where) => {
    const result = load({ 'compose.yaml': text });
    expect(codes(result, 'error')).toEqual([`dependency-cycle@${where}`]);
    expect(result.diagnostics[0]!.message).toBe(`dependency cycle detected: ${cycle}`);
    expect(result.project).toBeUndefined();
  });

  it('accepts a diamond, which is no cycle', () => {
    const result = load({ 'compose.yaml': 'services:\n  a:\n    image: x\n    depends_on: [b, c]\n  b:\n    image: x\n    depends_on: [d]\n  c:\n    image: x\n    depends_on: [d]\n  d:\n    image: x\n' });
    expect(codes(result, 'error')).toEqual([]);
  });
});

/** compose-go drops the top-level resources no enabled service uses (observed with `docker compose config`). */
describe('unused top-level resources', () => {
  it('leaves out the volumes, networks, secrets and configs no service uses', () => {
    const result = load({
      'compose.yaml': 'services:\n  a:\n    image: x\n    networks: [n1]\n    volumes: [v1:/d]\nvolumes:\n  v1: {}\n  v2: {}\nnetworks:\n  n1: {}\n  n2: {}\nsecrets:\n  s1: {file: ./s.txt}\nconfigs:\n  c1: {file: ./s.txt}\n',
      's.txt': 'x',
    });
    expect(codes(result, 'error')).toEqual([]);
    const p = result.project!;
    expect([Object.keys(p.volumes), Object.keys(p.networks), Object.keys(p.secrets), Object.keys(p.configs)]).toEqual([['v1'], ['n1'], [], []]);
    // An unused secret's file still counts as secret (it never goes to a ConfigMap).
    expect(Object.keys(p.unusedSecrets ?? {})).toEqual(['s1']);
  });

  it('keeps a secret that only build.secrets uses', () => {
    const result = load({ 'compose.yaml': 'services:\n  a:\n    build:\n      context: .\n      secrets: [s1]\nsecrets:\n  s1: {file: ./s.txt}\n', 's.txt': 'x' });
    expect(Object.keys(result.project!.secrets)).toEqual(['s1']);
  });
});

import { describe, expect, it } from 'vitest';
import { codes, load } from './helpers.js';

// The example of compose-spec 15-profiles.md.
const spec = `services:
  foo:
    image: foo
  bar:
    image: bar
    profiles: [test]
  baz:
    image: baz
    depends_on: [bar]
    profiles: [test]
  zot:
    image: zot
    depends_on: [bar]
    profiles: [debug]
`;

describe('profiles', () => {
  it.each([
    ['no profile: only services without profiles', {}, ['foo']],
    ['--profile test', { profiles: ['test'] }, ['foo', 'bar', 'baz']],
    ['--profile test --profile debug', { profiles: ['test', 'debug'] }, ['foo', 'bar', 'baz', 'zot']],
    ['COMPOSE_PROFILES, comma-separated', { env: { COMPOSE_PROFILES: 'debug, test' } }, ['foo', 'bar', 'baz', 'zot']],
    ['--profile wins over COMPOSE_PROFILES', { profiles: ['test'], env: { COMPOSE_PROFILES: 'debug' } }, ['foo', 'bar', 'baz']],
    ['* enables every profile', { profiles: ['*'] }, ['foo', 'bar', 'baz', 'zot']],
  ])('%s', (_name, options, expected) => {
    const result = load({ 'compose.yaml': spec }, options);
    expect(codes(result, 'error')).toEqual([]);
    expect(Object.keys(result.project!.services)).toEqual(expected);
  });

  it('reads COMPOSE_PROFILES from .env', () => {
    const result = load({ 'compose.yaml': spec, '.env': 'COMPOSE_PROFILES=test\n' });
    expect(Object.keys(result.project!.services)).toEqual(['foo', 'bar', 'baz']);
  });

  it('applies profiles after merging, so an override file can add one', () => {
    const result = load({ 'compose.yaml': 'services:\n  web:\n    image: web\n  debug:\n    image: busybox\n', 'compose.override.yaml': 'services:\n  debug:\n    profiles: [tools]\n' });
    expect(Object.keys(result.project!.services)).toEqual(['web']);
  });

  // compose-go drops the volumes and networks no enabled service uses (observed with `docker compose config`).
  it('drops the volumes and networks only disabled services use', () => {
    const result = load({ 'compose.yaml': 'services:\n  web:\n    image: web\n  db:\n    image: db\n    profiles: [db]\n    volumes: [data:/data]\n    networks: [back]\nvolumes:\n  data: {}\nnetworks:\n  back: {}\n' });
    expect(Object.keys(result.project!.services)).toEqual(['web']);
    expect(Object.keys(result.project!.volumes)).toEqual([]);
    expect(Object.keys(result.project!.networks)).toEqual([]);
    const enabled = load({ 'compose.yaml': 'services:\n  web:\n    image: web\n  db:\n    image: db\n    profiles: [db]\n    volumes: [data:/data]\nvolumes:\n  data: {}\n' }, { profiles: ['db'] });
    expect(Object.keys(enabled.project!.volumes)).toEqual(['data']);
  });

  it('warns about a profile no service uses', () => {
    const result = load({ 'compose.yaml': spec }, { profiles: ['tset'] });
    expect(codes(result)).toEqual(['profile-unknown@:0:0']);
    expect(result.diagnostics[0]!.hint).toBe('the profiles in use are: test, debug');
    expect(Object.keys(result.project!.services)).toEqual(['foo']);
  });

  // `docker compose config` prints an optional dependency on a disabled service; nothing waits for it.
  it('keeps an optional dependency on a disabled service, which is not an error', () => {
    const result = load({ 'compose.yaml': 'services:\n  web:\n    image: web\n    depends_on:\n      mock:\n        condition: service_started\n        required: false\n  mock:\n    image: mock\n    profiles: [dev]\n' });
    expect(codes(result)).toEqual([]);
    expect(Object.keys(result.project!.services.web!.dependsOn)).toEqual(['mock']);
    expect(result.project!.services.web!.dependsOn.mock!.required).toBe(false);
  });

  it.each([
    ['depends_on (list)', { profiles: ['debug'] }, spec, 'undefined-reference@compose.yaml:13:18', 'service "zot" depends on "bar", but "bar" is disabled: none of its profiles (test) is enabled'],
    ['depends_on (mapping)', {}, 'services:\n  web:\n    image: web\n    depends_on:\n      db:\n        condition: service_healthy\n  db:\n    image: db\n    profiles: [db]\n', 'undefined-reference@compose.yaml:5:7', undefined],
    ['links', {}, 'services:\n  web:\n    image: web\n    links: ["db:database"]\n  db:\n    image: db\n    profiles: [db]\n', 'undefined-reference@compose.yaml:4:13', undefined],
    ['network_mode service:', {}, 'services:\n  web:\n    image: web\n    network_mode: "service:vpn"\n  vpn:\n    image: vpn\n    profiles: [vpn]\n', 'undefined-reference@compose.yaml:4:19', undefined],
    ['volumes_from', {}, 'services:\n  web:\n    image: web\n    volumes_from: ["data:ro"]\n  data:\n    image: data\n    profiles: [seed]\n', 'undefined-reference@compose.yaml:4:20', undefined],
  ])('reports a reference to a disabled service through %s, as Compose does', (_name, options, text, expected, message) => {
    const result = load({ 'compose.yaml': text }, options);
    expect(codes(result, 'error')).toEqual([expected]);
    if (message) expect(result.diagnostics[0]!.message).toBe(message);
    expect(result.diagnostics[0]!.hint).toMatch(/^enable it with --profile /);
    expect(result.project).toBeUndefined();
  });
});

import { describe, expect, it } from 'vitest';
import { canonicalProject } from '../../src/compose/canonical.js';
import { convert } from '../support/api-checks.js';
import { codes, load } from './helpers.js';

/**
 * The legacy `external: {name: x}` (compose file format 3.x, still read by compose-go) names the
 * external resource `x`, for networks, secrets and configs as for volumes; `external` prints `true`.
 * Recorded against the oracle: test/conformance/config/rare-keys.
 */
const COMPOSE = `services:
  app:
    image: x
    networks: [legacy_net]
    secrets: [legacy_secret]
    configs: [legacy_conf]
networks:
  legacy_net:
    external: {name: real-net}
secrets:
  legacy_secret:
    external: {name: real-secret}
configs:
  legacy_conf:
    external: {name: real-conf}
`;

describe('legacy external.name', () => {
  it('names networks, secrets and configs like volumes', () => {
    const result = load({ 'compose.yaml': COMPOSE });
    expect(codes(result, 'error')).toEqual([]);
    const c = canonicalProject(result.project!) as Record<string, Record<string, Record<string, unknown>>>;
    expect(c.networks!.legacy_net).toMatchObject({ name: 'real-net', external: true });
    expect(c.secrets!.legacy_secret).toEqual({ name: 'real-secret', external: true });
    expect(c.configs!.legacy_conf).toEqual({ name: 'real-conf', external: true });
  });

  it('convert mounts the existing Secret and ConfigMap of that name', () => {
    const result = convert({ 'compose.yaml': COMPOSE });
    const pod = JSON.stringify((result.objects.find((o) => o.kind === 'Deployment') as unknown as { spec: { template: { spec: { volumes: unknown[] } } } }).spec.template.spec.volumes);
    expect(pod).toContain('"secret":{"name":"real-secret"');
    expect(pod).toContain('"configMap":{"name":"real-conf"');
    expect(result.diagnostics.filter((d) => d.code === 'external-object').map((d) => d.message)).toEqual([
      expect.stringContaining('the existing Secret "real-secret"'),
      expect.stringContaining('the existing ConfigMap "real-conf"'),
    ]);
  });
});

import { describe, expect, it } from 'vitest';
import { codes, load } from './helpers.js';

/**
 * compose-go's consistency checks (recorded against the oracle: conformance cases distinct-memory,
 * distinct-cpus, distinct-scale, container-name-scale, secret-without-source).
 */
const svc = (body: string) => ({ 'compose.yaml': `services:\n  app:\n    image: x\n${body}` });

describe('consistency checks', () => {
  it.each([
    ['mem_limit and deploy memory differ', '    mem_limit: 1g\n    deploy: {resources: {limits: {memory: 2g}}}\n', 'invalid-value@compose.yaml:4:5'],
    ['cpus and deploy cpus differ', '    cpus: 1.5\n    deploy: {resources: {limits: {cpus: "2"}}}\n', 'invalid-value@compose.yaml:4:5'],
    // compose-go: "can't set distinct values on 'pids_limit' and 'deploy.resources.limits.pids'".
    ['pids_limit and deploy pids differ', '    pids_limit: 100\n    deploy: {resources: {limits: {pids: 200}}}\n', 'invalid-value@compose.yaml:4:5'],
    ['scale and deploy.replicas differ', '    scale: 2\n    deploy: {replicas: 3}\n', 'invalid-value@compose.yaml:4:5'],
    ['container_name with two replicas', '    container_name: app\n    scale: 2\n', 'invalid-value@compose.yaml:4:5'],
  ])('refuses %s', (_what, body, code) => {
    const result = load(svc(body));
    expect(result.project).toBeUndefined();
    expect(codes(result, 'error')).toEqual([code]);
  });

  it.each([
    ['equal memory in other units', '    mem_limit: 1024m\n    deploy: {resources: {limits: {memory: 1g}}}\n'],
    ['equal cpus', '    cpus: 2\n    deploy: {resources: {limits: {cpus: "2.0"}}}\n'],
    ['equal pids limits', '    pids_limit: 100\n    deploy: {resources: {limits: {pids: 100}}}\n'],
    ['equal scale and replicas', '    scale: 3\n    deploy: {replicas: 3}\n'],
    ['container_name with one replica', '    container_name: app\n    scale: 1\n'],
  ])('accepts %s', (_what, body) => {
    const result = load(svc(body));
    expect(codes(result, 'error')).toEqual([]);
  });

  it('refuses a used secret that is not external and has neither file nor environment', () => {
    const result = load(svc('    secrets: [vault_token]\nsecrets:\n  vault_token:\n    driver: vault\n'));
    expect(result.project).toBeUndefined();
    expect(result.diagnostics.map((d) => d.message)).toContain('secret "vault_token" must declare either `file` or `environment`');
  });
});

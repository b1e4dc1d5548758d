import { describe, expect, it } from 'vitest';
import { strictProblems } from './support/strict-check.js';
import type { KubeObject } from '../src/mapping/context.js';

const deployment = (spec: Record<string, unknown>): KubeObject => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'web' },
  spec,
});

const pod = (container: Record<string, unknown>, extra: Record<string, unknown> = {}) => ({
  selector: { matchLabels: { a: 'b' } },
  template: { metadata: { labels: { a: 'b' } }, spec: { containers: [{ name: 'web', image: 'nginx', ...container }], ...extra } },
});

describe('strict API check', () => {
  it('accepts a valid Deployment', () => {
    expect(strictProblems([deployment(pod({ ports: [{ containerPort: 80, protocol: 'TCP' }] }))])).toEqual([]);
  });

  it.each([
    ['an unknown field', pod({ foo: 1 }), 'Deployment/web.spec.template.spec.containers[0].foo: unknown field'],
    ['a number where a string belongs', pod({ image: 5 }), 'Deployment/web.spec.template.spec.containers[0].image: number does not fit string'],
    ['a string where a number belongs', pod({ ports: [{ containerPort: '80' }] }), 'Deployment/web.spec.template.spec.containers[0].ports[0].containerPort: string does not fit number'],
    ['a missing required field', pod({ ports: [{ protocol: 'TCP' }] }), 'Deployment/web.spec.template.spec.containers[0].ports[0].containerPort: required field is missing'],
    ['an object where a list belongs', pod({ args: { a: 1 } }), 'Deployment/web.spec.template.spec.containers[0].args: object does not fit'],
    ['a non-string label value', { ...pod({}), template: { metadata: { labels: { a: 1 } }, spec: { containers: [{ name: 'x', image: 'y' }] } } }, 'Deployment/web.spec.template.metadata.labels.a: number does not fit string'],
  ])('rejects %s', (_what, spec, expected) => {
    const problems = strictProblems([deployment(spec as Record<string, unknown>)]);
    expect(problems.some((p) => p.startsWith(expected))).toBe(true);
  });

  it('accepts int-or-string fields in both forms', () => {
    const svc = (targetPort: unknown): KubeObject => ({
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: 's' },
      spec: { ports: [{ port: 80, targetPort }] },
    });
    expect(strictProblems([svc(80), svc('http')])).toEqual([]);
    expect(strictProblems([svc(true)])).not.toEqual([]);
  });

  it('rejects a kind it does not know instead of passing it', () => {
    expect(strictProblems([{ apiVersion: 'v9', kind: 'Nope', metadata: { name: 'x' } }])).toEqual(['v9/Nope: the strict check does not know this kind']);
  });
});

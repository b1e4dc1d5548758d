import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, inject, it } from 'vitest';
import { ROOT } from './support/fixtures.js';
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

const service = (port: Record<string, unknown>): KubeObject => ({ apiVersion: 'v1', kind: 'Service', metadata: { name: 's' }, spec: { ports: [{ port: 80, ...port }] } });

const C = 'Deployment/web.spec.template.spec.containers[0]';
const NOT_INTEGER = "is not an integer (the API's numbers are int32 or int64)";

describe('strict API check', () => {
  it('accepts a valid Deployment', () => {
    expect(strictProblems([deployment(pod({ ports: [{ containerPort: 80, protocol: 'TCP' }] }))])).toEqual([]);
  });

  it.each([
    ['an unknown field', pod({ foo: 1 }), [`${C}.foo: unknown field`]],
    ['a number where a string belongs', pod({ image: 5 }), [`${C}.image: number does not fit string`]],
    ['a string where a number belongs', pod({ ports: [{ containerPort: '80' }] }), [`${C}.ports[0].containerPort: string does not fit number`]],
    ['a missing required field', pod({ ports: [{ protocol: 'TCP' }] }), [`${C}.ports[0].containerPort: required field is missing`]],
    ['an object where a list belongs', pod({ args: { a: 1 } }), [`${C}.args: object does not fit string[]`]],
    [
      'a non-string label value',
      { ...pod({}), template: { metadata: { labels: { a: 1 } }, spec: { containers: [{ name: 'x', image: 'y' }] } } },
      ['Deployment/web.spec.template.metadata.labels.a: number does not fit string'],
    ],
    ['a fraction of a replica', { ...pod({}), replicas: 1.5 }, [`Deployment/web.spec.replicas: 1.5 ${NOT_INTEGER}`]],
    ['a fractional port', pod({ ports: [{ containerPort: 80.5 }] }), [`${C}.ports[0].containerPort: 80.5 ${NOT_INTEGER}`]],
    ['a fractional grace period', pod({}, { terminationGracePeriodSeconds: 0.5 }), [`Deployment/web.spec.template.spec.terminationGracePeriodSeconds: 0.5 ${NOT_INTEGER}`]],
    ['a value of another kind (a StatefulSet strategy)', { ...pod({}), strategy: { type: 'OnDelete' } }, ['Deployment/web.spec.strategy.type: string does not fit "Recreate" | "RollingUpdate" | undefined']],
  ])('rejects %s', (_what, spec, expected) => {
    expect(strictProblems([deployment(spec as Record<string, unknown>)])).toEqual(expected);
  });

  it('accepts int-or-string fields in both forms, and no fraction or boolean', () => {
    expect(strictProblems([service({ targetPort: 80 }), service({ targetPort: 'http' })])).toEqual([]);
    expect(strictProblems([service({ targetPort: 8080.5 })])).toEqual([`Service/s.spec.ports[0].targetPort: 8080.5 ${NOT_INTEGER}`]);
    expect(strictProblems([service({ targetPort: true })])).toEqual(['Service/s.spec.ports[0].targetPort: boolean does not fit IIntOrString | undefined']);
  });

  it('accepts a resource quantity as a string or any number, the one decimal the API takes', () => {
    expect(strictProblems([deployment(pod({ resources: { requests: { cpu: 0.5, memory: '128Mi' }, limits: { cpu: '1', memory: 268435456 } } }))])).toEqual([]);
    expect(strictProblems([deployment(pod({ resources: { limits: { cpu: true } } }))])).toEqual([`${C}.resources.limits.cpu: boolean does not fit IQuantity`]);
  });

  it('rejects a kind it does not know instead of passing it', () => {
    expect(strictProblems([{ apiVersion: 'v9', kind: 'Nope', metadata: { name: 'x' } }])).toEqual(['v9/Nope: the strict check does not know this kind']);
  });

  it('uses the table the global setup read once for the whole run', () => {
    expect(Object.keys(inject('strictTable').kinds)).toContain('apps/v1/Deployment');
  });

  // The check takes every number of the API for an integer except resource.Quantity. kubernetes-models'
  // own validators (compiled from the OpenAPI schemas) say which types accept a fraction: only
  // Quantity and the JSON schema of a CustomResourceDefinition, which the tool never emits.
  it('matches kubernetes-models on which types take a fractional number', () => {
    const dirs = [join(ROOT, 'node_modules', 'kubernetes-models', '_schemas'), join(ROOT, 'node_modules', '@kubernetes-models', 'apimachinery', '_schemas')];
    const fractional = dirs
      .flatMap((d) => readdirSync(d).filter((f) => f.endsWith('.js')).map((f) => join(d, f)))
      .filter((f) => readFileSync(f, 'utf8').includes('params:{type:"number"}'))
      .map((f) => f.slice(f.lastIndexOf('/') + 1, -'.js'.length))
      .sort();
    expect(fractional).toEqual([
      'IoK8sApiextensionsApiserverPkgApisApiextensionsV1JSONSchemaProps',
      'IoK8sApiextensionsApiserverPkgApisApiextensionsV1beta1JSONSchemaProps',
      'IoK8sApimachineryPkgApiResourceQuantity',
    ]);
  });
});

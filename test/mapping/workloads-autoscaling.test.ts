import { describe, expect, it } from 'vitest';
import { compose, container, diags, expectValid, object, run, spec, workload } from './workloads-support.js';

const RESERVED = ['    deploy:', '      resources:', '        reservations: {cpus: "0.25", memory: 128M}'];

describe('autoscaling', () => {
  it('makes a HorizontalPodAutoscaler from x-kubernetes autoscaling', () => {
    const result = run(compose('services:', '  web:', '    image: app', ...RESERVED, '    x-kubernetes:', '      autoscaling: {minReplicas: 2, maxReplicas: 10, cpu: 70, memory: 80}'));
    expectValid(result);
    const hpa = object(result, 'HorizontalPodAutoscaler', 'web');
    expect(hpa.apiVersion).toBe('autoscaling/v2');
    expect(spec(hpa)).toEqual({
      scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'web' },
      minReplicas: 2,
      maxReplicas: 10,
      metrics: [
        { type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 70 } } },
        { type: 'Resource', resource: { name: 'memory', target: { type: 'Utilization', averageUtilization: 80 } } },
      ],
    });
    expect(diags(result, 'autoscaling-without-requests')).toEqual([]);
  });

  it('reads Kompose\'s kompose.hpa.* labels', () => {
    const result = run(
      compose('services:', '  web:', '    image: app', ...RESERVED, '    labels:', '      kompose.hpa.cpu: 50', '      kompose.hpa.replicas.min: 1', '      kompose.hpa.replicas.max: 5'),
    );
    expectValid(result);
    expect(spec(object(result, 'HorizontalPodAutoscaler', 'web'))).toMatchObject({ minReplicas: 1, maxReplicas: 5, metrics: [{ resource: { name: 'cpu' } }] });
  });

  it('targets a StatefulSet by its kind', () => {
    const result = run(compose('services:', '  db:', '    image: db', ...RESERVED, '    x-kubernetes: {workload: StatefulSet, autoscaling: {maxReplicas: 3}}'));
    expectValid(result);
    expect(spec(object(result, 'HorizontalPodAutoscaler', 'db')).scaleTargetRef).toEqual({ apiVersion: 'apps/v1', kind: 'StatefulSet', name: 'db' });
  });

  it('uses the autoscaler\'s default CPU target when none is given, and says so', () => {
    const result = run(compose('services:', '  web:', '    image: app', ...RESERVED, '    x-kubernetes: {autoscaling: {maxReplicas: 4}}'));
    expect(spec(object(result, 'HorizontalPodAutoscaler', 'web')).metrics).toEqual([
      { type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 80 } } },
    ]);
    expect(result.text).toContain("no target given: 80% CPU, the autoscaler's default");
  });

  it('leaves the replica count to the autoscaler', () => {
    const result = run(compose('services:', '  web:', '    image: app', '    deploy:', '      replicas: 3', '      resources: {reservations: {cpus: "0.5"}}', '    x-kubernetes: {autoscaling: {maxReplicas: 6}}'));
    expectValid(result);
    expect(spec(workload(result, 'web')).replicas).toBeUndefined();
    expect(result.text).toContain('replicas 3 is left to the autoscaler');
  });

  it('warns when the pods request none of the measured resource, at the autoscaling setting', () => {
    const result = run(compose('services:', '  web:', '    image: app', '    x-kubernetes:', '      autoscaling: {maxReplicas: 4, memory: 75}'));
    expectValid(result);
    expect(diags(result, 'autoscaling-without-requests')).toEqual([
      expect.objectContaining({ line: 5, column: 7, message: expect.stringContaining('web requests no memory'), hint: expect.stringContaining('reservations.memory') }),
    ]);
  });

  it.each([
    ['a limit only, which is also the request', ['    deploy:', '      resources:', '        limits: {cpus: "0.5", memory: 256M}']],
    ['a service-level mem_limit and cpus', ['    mem_limit: 256m', '    cpus: 0.5']],
  ])('accepts containers with %s', (_, lines) => {
    const result = run(compose('services:', '  web:', '    image: app', ...lines, '    x-kubernetes:', '      autoscaling: {maxReplicas: 4, cpu: 60, memory: 75}'));
    expectValid(result);
    // A limit without a request is also the request, so both utilisation targets can be measured.
    expect(container(workload(result, 'web')).resources).toEqual({ limits: { cpu: '500m', memory: '256Mi' } });
    expect(spec(object(result, 'HorizontalPodAutoscaler', 'web'))).toEqual({
      scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'web' },
      minReplicas: 1,
      maxReplicas: 4,
      metrics: [
        { type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 60 } } },
        { type: 'Resource', resource: { name: 'memory', target: { type: 'Utilization', averageUtilization: 75 } } },
      ],
    });
    expect(diags(result, 'autoscaling-without-requests')).toEqual([]);
  });

  it('warns about the resource that has neither a request nor a limit', () => {
    const result = run(
      compose('services:', '  web:', '    image: app', '    deploy:', '      resources:', '        limits: {memory: 256M}', '    x-kubernetes:', '      autoscaling: {maxReplicas: 4, cpu: 60, memory: 75}'),
    );
    expect(diags(result, 'autoscaling-without-requests')).toEqual([expect.objectContaining({ line: 8, column: 7, message: expect.stringContaining('web requests no cpu') })]);
  });

  it('cannot scale a DaemonSet', () => {
    const result = run(compose('services:', '  agent:', '    image: agent', '    deploy: {mode: global}', '    x-kubernetes:', '      autoscaling: {maxReplicas: 4}'));
    expectValid(result);
    expect(result.objects.some((o) => o.kind === 'HorizontalPodAutoscaler')).toBe(false);
    expect(diags(result, 'unsupported')).toEqual([expect.objectContaining({ line: 6, column: 7, message: expect.stringContaining('DaemonSet') })]);
  });
});

import { describe, expect, it } from 'vitest';
import { compose, diags, expectValid, object, podSpec, run, spec, template, workload } from './workloads-support.js';

function service(...lines: string[]): string {
  return compose('services:', '  app:', '    image: app', ...lines);
}

describe('labels and annotations', () => {
  it.each([
    ['labels as a map', ['    labels:', '      com.example.description: "Accounting web app"', '      traefik.enable: "true"']],
    ['labels as a list', ['    labels:', '      - com.example.description=Accounting web app', '      - traefik.enable=true']],
  ])('puts %s on the pods as annotations, whatever their values', (_what, lines) => {
    const result = run(service(...lines));
    expectValid(result);
    const w = workload(result, 'app');
    expect(template(w).metadata.annotations).toEqual({ 'com.example.description': 'Accounting web app', 'traefik.enable': 'true' });
    expect(template(w).metadata.labels).not.toHaveProperty('traefik.enable');
    expect(spec(w).selector.matchLabels).not.toHaveProperty('traefik.enable');
  });

  it('leaves out the kompose.* labels, which are instructions to the converter', () => {
    const result = run(service('    labels:', '      kompose.service.type: nodeport', '      team: billing'));
    expect(template(workload(result, 'app')).metadata.annotations).toEqual({ team: 'billing' });
  });

  it('puts annotations on the pods, winning over a label with the same key', () => {
    const result = run(service('    labels: {owner: a}', '    annotations: {owner: b, com.example/build: "42"}'));
    expectValid(result);
    expect(template(workload(result, 'app')).metadata.annotations).toEqual({ owner: 'b', 'com.example/build': '42' });
  });

  it('warns about a key Kubernetes cannot take, at the key', () => {
    const result = run(service('    labels:', '      "my label": x'));
    expect(diags(result, 'unsupported')).toEqual([expect.objectContaining({ line: 5, column: 7, message: expect.stringContaining('"my label"') })]);
    expect(template(workload(result, 'app')).metadata.annotations).toBeUndefined();
  });

  it('comments where each annotation came from', () => {
    const result = run(service('    labels:', '      com.example.team: billing'));
    expect(result.text).toMatch(/annotations:\n\s+# labels <- compose\.yaml:5:7 \(exact\)[^\n]*\n(\s+#[^\n]*\n)*\s+com\.example\.team: billing/);
  });
});

describe('deploy.labels', () => {
  it('labels the workload object, never the pods or the selector', () => {
    const result = run(service('    deploy:', '      labels:', '        tier: frontend', '        com.example.description: "This label will appear on the web service"'));
    expectValid(result);
    const w = workload(result, 'app');
    expect(w.metadata.labels).toMatchObject({ tier: 'frontend' });
    expect(w.metadata.annotations).toEqual({ 'com.example.description': 'This label will appear on the web service' });
    expect(template(w).metadata.labels).not.toHaveProperty('tier');
    expect(spec(w).selector.matchLabels).not.toHaveProperty('tier');
  });

  it('keeps the labels compose2kube sets itself', () => {
    const result = run(service('    deploy:', '      labels:', '        app.kubernetes.io/name: other'));
    expect(workload(result, 'app').metadata.labels!['app.kubernetes.io/name']).toBe('app');
    expect(diags(result, 'approximate')).toEqual([expect.objectContaining({ line: 6, column: 9 })]);
  });
});

describe('x-kubernetes metadata', () => {
  it('adds labels to every object of the service but not to the selector', () => {
    const result = run(service('    expose: ["80"]', '    x-kubernetes:', '      labels: {team: billing}'));
    expectValid(result);
    const w = workload(result, 'app');
    expect(w.metadata.labels).toMatchObject({ team: 'billing' });
    expect(template(w).metadata.labels).toMatchObject({ team: 'billing' });
    expect(spec(w).selector.matchLabels).not.toHaveProperty('team');
    expect(object(result, 'Service', 'app').metadata.labels).toMatchObject({ team: 'billing' });
  });

  it('adds annotations to the workload and its pods', () => {
    const result = run(service('    x-kubernetes:', '      annotations: {example.com/owner: billing}'));
    const w = workload(result, 'app');
    expect(w.metadata.annotations).toEqual({ 'example.com/owner': 'billing' });
    expect(template(w).metadata.annotations).toEqual({ 'example.com/owner': 'billing' });
  });

  it('sets the image pull secrets and the service account of the pods', () => {
    const result = run(service('    x-kubernetes:', '      imagePullSecrets: [registry-creds]', '      serviceAccountName: billing'));
    expectValid(result);
    const pod = podSpec(workload(result, 'app'));
    expect(pod.imagePullSecrets).toEqual([{ name: 'registry-creds' }]);
    expect(pod.serviceAccountName).toBe('billing');
  });
});

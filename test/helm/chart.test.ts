import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { splitImage, joinImage } from '../../src/emit/helm/image.js';
import { chartModel } from '../../src/emit/helm/model.js';
import { fixtureChart } from '../support/charts.js';
import { convertFixture, fixtureNames } from '../support/fixtures.js';
import { byId, objectsOf, run, type Obj } from '../support/helm.js';
import { tools } from '../support/tools.js';

const found = tools();
const helm = 'helm' in found ? found.helm : '';
const fixtures = fixtureNames().filter((n) => !convertFixture(n).failed);

const clone = <T>(v: T): T => JSON.parse(JSON.stringify(v)) as T;
const template = (dir: string, ...args: string[]) => objectsOf(run(helm, ['template', 'release', dir, ...args]));

/** The value kinds the --set test changes in one fixture, and the objects convert's output becomes with them. */
function overridesOf(name: string): { args: string[]; expected: Obj[]; kinds: string[] } {
  const result = convertFixture(name);
  const objects = clone(result.objects) as Obj[];
  const model = chartModel(result.project!, result.mapped, convertFixture(name, { serviceType: 'LoadBalancer' }).mapped);
  const args: string[] = [];
  const kinds: string[] = [];
  const services = [...model.services.values()];
  const pods = (o: Obj) => {
    const spec = o.spec as { template?: { spec: { containers: { name: string; image?: string }[] } }; jobTemplate?: { spec: { template: { spec: { containers: { name: string; image?: string }[] } } } } };
    return (spec?.template ?? spec?.jobTemplate?.spec.template)?.spec.containers ?? [];
  };
  const imaged = services.find((s) => s.image);
  if (imaged) {
    args.push('--set-string', `services.${imaged.compose}.image.tag=c2k-test`);
    kinds.push('image tag');
    for (const o of objects) for (const c of pods(o)) if (c.name === imaged.kube) c.image = joinImage({ ...imaged.image!.ref, tag: 'c2k-test' });
  }
  const scaled = services.find((s) => s.replicas);
  if (scaled) {
    args.push('--set', `services.${scaled.compose}.replicas=3`);
    kinds.push('replicas');
    const w = objects.find((o) => (o.kind === 'Deployment' || o.kind === 'StatefulSet') && o.metadata.name === scaled.kube)!;
    (w.spec as { replicas?: number }).replicas = 3;
  }
  const volume = [...model.volumes.values()][0];
  if (volume) {
    args.push('--set', `volumes.${volume.compose}.size=7Gi`);
    kinds.push('volume size');
    const claim = objects.find((o) => o.kind === 'PersistentVolumeClaim' && o.metadata.name === volume.claim)!;
    (claim.spec as { resources: { requests: { storage: string } } }).resources.requests.storage = '7Gi';
  }
  const typed = services.find((s) => s.service && s.service.type === 'ClusterIP');
  if (typed) {
    args.push('--set', `services.${typed.compose}.service.type=NodePort`);
    kinds.push('service type');
    // What --service-type NodePort makes of this service's Services (Kubernetes picks the node ports).
    const nodePort = convertFixture(name, { serviceType: 'NodePort' }).mapped.filter((m) => m.object.kind === 'Service' && m.subject?.name === typed.compose && m.subject.section === 'services');
    const mine = new Set(result.mapped.filter((m) => m.object.kind === 'Service' && m.subject?.name === typed.compose).map((m) => m.object.metadata.name));
    const kept = objects.filter((o) => !(o.kind === 'Service' && mine.has(o.metadata.name)));
    const services2 = clone(nodePort.map((m) => m.object)) as Obj[];
    for (const s of services2) for (const p of (s.spec as { ports?: { nodePort?: number }[] }).ports ?? []) delete p.nodePort;
    return { args, expected: [...kept, ...services2], kinds };
  }
  return { args, expected: objects, kinds };
}

describe.runIf(helm)('the Helm chart of every fixture (real helm v4)', () => {
  const tally = { linted: 0, rendered: 0, overridden: new Map<string, number>() };

  describe.each(fixtures)('%s', (name) => {
    const { dir, result } = fixtureChart(name);

    it('passes helm lint --strict', () => {
      expect(run(helm, ['lint', '--strict', dir])).toMatch(/1 chart\(s\) linted, 0 chart\(s\) failed/);
      tally.linted++;
    });

    it('renders, with its default values, exactly the objects convert prints', () => {
      expect(byId(template(dir))).toEqual(byId(clone(result.objects) as Obj[]));
      tally.rendered++;
    });

    it('changes exactly the fields --set names (image tag, replicas, volume size, service type)', () => {
      const { args, expected, kinds } = overridesOf(name);
      expect(byId(template(dir, ...args))).toEqual(byId(expected));
      for (const k of kinds) tally.overridden.set(k, (tally.overridden.get(k) ?? 0) + 1);
    });

    it('puts the objects in the release namespace where convert -n puts them in its namespace', () => {
      const { dir: nsDir, result: nsResult } = fixtureChart(name, { namespace: 'shop', createNamespace: true });
      const expected = (clone(nsResult.objects) as Obj[]).filter((o) => o.kind !== 'Namespace');
      expect(byId(template(nsDir, '--namespace', 'shop'))).toEqual(byId(expected));
    });
  });

  it('covered every fixture and every value kind', () => {
    expect(tally.linted).toBe(fixtures.length);
    expect(tally.rendered).toBe(fixtures.length);
    for (const kind of ['image tag', 'replicas', 'volume size', 'service type']) expect(tally.overridden.get(kind) ?? 0).toBeGreaterThan(5);
  });
});

describe.runIf(helm)('chart values (real helm v4)', () => {
  const { dir } = fixtureChart('wordpress-mysql');
  const render = (...args: string[]) => Object.fromEntries(template(dir, ...args).map((o) => [`${o.kind}/${o.metadata.name}`, o])) as Record<string, Obj & { spec: never; data?: Record<string, string> }>;
  type Pod = { containers: { name: string; env?: { name: string; value?: string; valueFrom?: { secretKeyRef: { name: string } } }[] }[]; volumes: { projected?: { sources: { secret: { name: string } }[] } }[] };
  const podOf = (o: { spec: unknown }) => (o.spec as { template: { spec: Pod } }).template.spec;

  it('existingSecret: the pods read the named Secret and the chart makes none', () => {
    const objects = render('--set', 'secrets.db_password.existingSecret=vault-db-password', '--set', 'services.wordpress.envSecret.existingSecret=vault-wp-env');
    expect(objects['Secret/db-password']).toBeUndefined();
    expect(objects['Secret/wordpress-env-secret']).toBeUndefined();
    expect(objects['Secret/db-root-password']).toBeDefined();
    const wp = podOf(objects['Deployment/wordpress']!);
    expect(wp.volumes.flatMap((v) => v.projected?.sources.map((s) => s.secret.name) ?? [])).toEqual(['vault-db-password']);
    expect(wp.containers[0]!.env!.find((e) => e.name === 'WORDPRESS_AUTH_KEY')!.valueFrom!.secretKeyRef.name).toBe('vault-wp-env');
    expect(podOf(objects['Deployment/db']!).volumes.flatMap((v) => v.projected?.sources.map((s) => s.secret.name) ?? [])).toEqual(['db-root-password', 'vault-db-password']);
  });

  it('env: a value changes, a name is added, the secret-looking ones stay in the Secret', () => {
    const objects = render('--set', 'services.wordpress.env.WORDPRESS_DB_HOST=mysql:3306', '--set-string', 'services.wordpress.env.WP_DEBUG=1');
    const env = podOf(objects['Deployment/wordpress']!).containers[0]!.env!;
    expect(env.find((e) => e.name === 'WORDPRESS_DB_HOST')!.value).toBe('mysql:3306');
    expect(env.at(-1)).toEqual({ name: 'WP_DEBUG', value: '1' });
    expect(env.find((e) => e.name === 'WORDPRESS_AUTH_KEY')!.valueFrom).toBeDefined();
  });

  it('ingress: off by default for a service that publishes HTTP, on with a host, class and TLS', () => {
    expect(render()['Ingress/wordpress']).toBeUndefined();
    const objects = render(
      '--set', 'services.wordpress.ingress.enabled=true',
      '--set', 'services.wordpress.ingress.className=nginx',
      '--set', 'services.wordpress.ingress.hosts[0].host=blog.example.org',
      '--set', 'services.wordpress.ingress.hosts[0].paths[0].path=/',
      '--set', 'services.wordpress.ingress.tls[0].secretName=blog-tls',
      '--set', 'services.wordpress.ingress.tls[0].hosts[0]=blog.example.org',
    );
    expect(objects['Ingress/wordpress']!.spec).toEqual({
      ingressClassName: 'nginx',
      tls: [{ secretName: 'blog-tls', hosts: ['blog.example.org'] }],
      rules: [{ host: 'blog.example.org', http: { paths: [{ path: '/', pathType: 'Prefix', backend: { service: { name: 'wordpress', port: { number: 80 } } } }] } }],
    });
  });

  it('volumes: storage class and access mode; "-" is no class at all', () => {
    const objects = render('--set', 'volumes.db_data.storageClass=fast-ssd', '--set', 'volumes.db_data.accessMode=ReadWriteOncePod', '--set', 'volumes.wp_content.storageClass=-');
    expect(objects['PersistentVolumeClaim/db-data']!.spec).toMatchObject({ storageClassName: 'fast-ssd', accessModes: ['ReadWriteOncePod'] });
    expect(objects['PersistentVolumeClaim/wp-content']!.spec).toMatchObject({ storageClassName: '' });
  });

  it('resources and replicas: set, and null leaves replicas out again', () => {
    const objects = render('--set', 'services.db.resources.limits.memory=1Gi', '--set', 'services.db.replicas=2');
    expect(objects['Deployment/db']!.spec).toMatchObject({ replicas: 2 });
    expect(podOf(objects['Deployment/db']!).containers[0]).toMatchObject({ resources: { limits: { memory: '1Gi' } } });
  });

  it('values.schema.json makes typos and wrong types fail', () => {
    expect(() => run(helm, ['template', 'release', dir, '--set', 'services.wordpress.replicaz=2'])).toThrow(/replicaz/);
    expect(() => run(helm, ['template', 'release', dir, '--set', 'services.wordpres.replicas=2'])).toThrow(/wordpres/);
    expect(() => run(helm, ['template', 'release', dir, '--set', 'services.wordpress.service.type=Public'])).toThrow(/type/);
    expect(() => run(helm, ['template', 'release', dir, '--set', 'volumes.db_data.size=lots'])).toThrow(/size/);
  });

  it('NOTES.txt tells how to reach the published services, as the values have them', () => {
    const notes = (...args: string[]) => run(helm, ['install', 'blog', dir, '--dry-run=client', '--namespace', 'web', ...args]);
    expect(notes()).toContain('kubectl port-forward -n web service/wordpress 8000:8000');
    expect(notes('--set', 'services.wordpress.service.type=LoadBalancer')).toContain('external address of Service wordpress');
    expect(notes('--set', 'services.wordpress.ingress.enabled=true')).toContain('http://wordpress.example.com/');
  });
});

describe.runIf(helm)('chart text', () => {
  it('keeps no secret content in values.yaml', () => {
    for (const [name, secrets] of [
      ['wordpress-mysql', ['wp-db-Pa55w0rd-fixture', 'root-Pa55w0rd-fixture', 'change-me-auth-key-7f3a']],
      ['env-files', ['smtp-Pa55-fixture']],
    ] as const) {
      const values = readFileSync(join(fixtureChart(name).dir, 'values.yaml'), 'utf8');
      for (const s of secrets) expect(values).not.toContain(s);
    }
  });

  it('renders the same objects at every annotation level; comments follow the level', () => {
    const expected = byId(clone(convertFixture('wordpress-mysql').objects) as Obj[]);
    const text: Record<string, string> = {};
    for (const level of ['none', 'brief', 'full'] as const) {
      const { dir } = fixtureChart('wordpress-mysql', {}, level);
      const out = run(helm, ['template', 'release', dir]);
      expect(byId(objectsOf(out))).toEqual(expected);
      text[level] = out + readFileSync(join(dir, 'values.yaml'), 'utf8');
    }
    const comments = (t: string) => t.split('\n').filter((l) => /^\s*#/.test(l) && !l.startsWith('# Source:')).length;
    expect(comments(text.none!)).toBeLessThanOrEqual(1);
    expect(comments(text.brief!)).toBeGreaterThan(20);
    expect(comments(text.full!)).toBeGreaterThan(comments(text.brief!));
    expect(text.full).toContain('docs: https://kubernetes.io/docs/');
    expect(text.brief).not.toContain('docs: https://');
  });

  it('prints template delimiters of the compose file as they are', async () => {
    const { mkdtempSync, writeFileSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const dir = mkdtempSync(join(tmpdir(), 'c2k-braces-'));
    writeFileSync(
      join(dir, 'compose.yaml'),
      'services:\n  app:\n    image: alpine:3.20\n    # {{ .Values.nope }} in a comment\n    command: ["sh", "-c", "docker inspect --format \'{{ .Name }}\' x; echo {{{{}}"]\n    environment:\n      TEMPLATE: "{{ .Values.services }}"\n',
    );
    const { convert } = await import('../../src/pipeline.js');
    const { diskReader } = await import('../../src/cli/io.js');
    const { helmChart } = await import('../../src/emit/helm/index.js');
    const { writeTree } = await import('../support/helm.js');
    const result = convert(diskReader(), { workingDir: dir, env: {} });
    const chart = writeTree(helmChart({ project: result.project!, mapped: result.mapped, annotate: 'full', context: { diagnostics: result.diagnostics } }));
    expect(byId(template(chart))).toEqual(byId(clone(result.objects) as Obj[]));
  });
});

describe('image references', () => {
  it.each(['postgres', 'postgres:16', 'ghcr.io/example/blog:2.3.0', 'localhost:5000/app', 'localhost:5000/app:1.2', 'nginx@sha256:abc', 'reg.io:443/team/app:1.0@sha256:def'])('%s splits and joins back', (image) => {
    expect(joinImage(splitImage(image))).toBe(image);
  });
  it('keeps a registry port out of the tag', () => {
    expect(splitImage('localhost:5000/app')).toEqual({ repository: 'localhost:5000/app', tag: '', digest: '' });
  });
});

describe.runIf(!helm)('the Helm chart tests', () => {
  it.skip(`are skipped: ${'missing' in found ? found.missing : ''}`, () => {});
});

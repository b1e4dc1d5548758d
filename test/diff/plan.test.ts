import { describe, expect, it } from 'vitest';
import { planOutput, staleFiles, type FileContent } from '../../src/diff/plan.js';
import { convert } from '../support/api-checks.js';

const COMPOSE = 'name: shop\nservices:\n  web:\n    image: nginx:1.27\n    ports: ["8080:80"]\n  cache:\n    image: redis:7\n';
const files = (compose = COMPOSE, comments = true): FileContent[] => convert({ 'compose.yaml': compose }, { comments }).files;
const actions = (plan: ReturnType<typeof planOutput>) => Object.fromEntries(plan.files.map((f) => [f.path, f.action]));

const foreign = { path: 'notes.yaml', content: 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: notes\ndata:\n  a: b\n' };

describe('planOutput', () => {
  it('creates every file in an empty directory', () => {
    const plan = planOutput(files(), []);
    expect(new Set(Object.values(actions(plan)))).toEqual(new Set(['create']));
    expect(plan.differs).toBe(true);
    expect(plan.diff.summary.added).toBe(plan.files.length);
  });

  it('changes nothing when the files are the same, or differ only in comments', () => {
    for (const existing of [files(), files(COMPOSE, false)]) {
      const plan = planOutput(files(), existing);
      expect(new Set(Object.values(actions(plan)))).toEqual(new Set(['unchanged']));
      expect(plan.differs).toBe(false);
      expect(plan.diff.summary.changed).toBe(0);
    }
    expect(planOutput(files(), files(COMPOSE, false)).files.every((f) => f.rewritten)).toBe(true);
  });

  it('a file whose objects differ is changed, and the diff says how', () => {
    const plan = planOutput(files(COMPOSE.replace('nginx:1.27', 'nginx:1.28')), files());
    expect(actions(plan)['10-web-deployment.yaml']).toBe('change');
    expect(plan.differs).toBe(true);
    expect(plan.diff.objects.find((o) => o.status === 'changed')!.changes[0]!.path).toBe('spec.template.spec.containers[name=web].image');
  });

  it("removes the files it generated for this project earlier, never other files", () => {
    const withoutCache = files(COMPOSE.replace(/ {2}cache:\n.*\n/, ''));
    const otherProject = files(COMPOSE.replace('name: shop', 'name: blog')).map((f) => ({ ...f, path: `blog-${f.path}` }));
    const mixed = { path: 'mixed.yaml', content: `${files().find((f) => f.path === '08-cache-service.yaml')!.content}---\n${foreign.content}` };
    const broken = { path: 'broken.yaml', content: 'apiVersion: v1\nkind: [\n' };
    const existing = [...files(), ...otherProject, foreign, mixed, broken];
    const plan = planOutput(withoutCache, existing);
    const a = actions(plan);
    expect(a['10-cache-deployment.yaml']).toBe('remove');
    expect(a['08-cache-service.yaml']).toBe('remove');
    expect(a['10-web-deployment.yaml']).toBe('unchanged');
    expect(a['notes.yaml']).toBe('leave');
    expect(a['mixed.yaml']).toBe('leave');
    expect(a['broken.yaml']).toBe('leave');
    for (const f of otherProject) expect(a[f.path]).toBe('leave');
    expect(plan.files.find((f) => f.path === 'blog-08-web-service.yaml')!.note).toMatch(/another project/);
    expect(plan.diff.summary.removed).toBe(2);
    expect(plan.diagnostics.every((d) => d.severity === 'warning')).toBe(true);
    expect(staleFiles(withoutCache, existing).sort()).toEqual(['08-cache-service.yaml', '10-cache-deployment.yaml']);
  });

  it('says when it would overwrite a file compose2kube did not generate', () => {
    const plan = planOutput(files(), [{ path: '08-web-service.yaml', content: foreign.content }, { path: '08-cache-service.yaml', content: 'not: [yaml\n' }]);
    expect(plan.files.find((f) => f.path === '08-web-service.yaml')).toMatchObject({ action: 'change', foreign: true });
    expect(plan.files.find((f) => f.path === '08-cache-service.yaml')).toMatchObject({ action: 'change', foreign: true });
    expect(plan.diagnostics[0]).toMatchObject({ code: 'yaml-syntax', severity: 'warning', file: '08-cache-service.yaml' });
  });
});

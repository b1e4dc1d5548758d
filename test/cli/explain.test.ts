import { describe, expect, it } from 'vitest';
import { EQUIVALENCES, equivalence, type Equivalence } from '../../src/mapping/equivalences/index.js';
import { runCli } from '../support/cli.js';

const explain = (...args: string[]) => runCli(['explain', ...args], { cwd: '/' });

describe('compose2kube explain', () => {
  it('without a key lists every row once, grouped by fidelity', async () => {
    const run = await explain();
    expect(run.code).toBe(0);
    expect(run.stderr).toBe('');
    const headings = run.stdout.split('\n').filter((l) => /^(exact|approximate|unsupported):/.test(l));
    expect(headings.map((h) => h.split(':')[0])).toEqual(['exact', 'approximate', 'unsupported']);
    for (const e of EQUIVALENCES) expect(run.stdout).toMatch(new RegExp(`^  ${e.key.replace(/[.*]/g, '\\$&')} `, 'm'));
    const unsupportedSection = run.stdout.slice(run.stdout.indexOf('\nunsupported:'));
    expect(unsupportedSection).toMatch(/^ {2}services\.blkio_config +Kubernetes has no per-container block I\/O/m);
  });

  it.each([
    ['ports', 'services.ports'],
    ['services.extends.file', 'services.extends.file'],
    ['blkio_config', 'services.blkio_config'],
    ['volumes.driver_opts', 'volumes.driver_opts'],
    ['x-kubernetes.ingress', 'services.x-kubernetes.ingress'],
    ['x-anchors', 'x-*'],
  ])('explains %s as the row %s', async (key, rowKey) => {
    const row = equivalence(rowKey);
    const run = await explain(key);
    if (!row) return expect.fail(`no row ${rowKey} in the table`);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(`${row.key}\n  Kubernetes:  ${row.target}\n  fidelity:    ${row.fidelity}\n  ${row.explanation}\n`);
    if (row.reason) expect(run.stdout).toContain(`  why:         ${row.reason}\n`);
    if (row.instead) expect(run.stdout).toContain(`  instead:     ${row.instead}\n`);
    expect(run.stdout).toContain(`  docs:        ${row.docs}\n`);
  });

  it('explains an unsupported key with why and what to do instead', async () => {
    const run = await explain('logging');
    expect(run.stdout).toContain('fidelity:    unsupported');
    expect(run.stdout).toContain('why:         a pod cannot choose a logging driver');
    expect(run.stdout).toContain('instead:     read logs with `kubectl logs`');
  });

  it('shows fidelities that depend on the value', async () => {
    const run = await explain('userns_mode');
    expect(run.stdout).toContain('  when "host": exact\n');
  });

  it('lists the keys inside a key', async () => {
    const run = await explain('x-kubernetes');
    const inside = EQUIVALENCES.filter((e) => e.key.startsWith('services.x-kubernetes.'));
    expect(inside.length).toBeGreaterThan(5);
    expect(run.stdout).toContain('  keys inside:\n');
    for (const e of inside) expect(run.stdout).toContain(`    ${e.key.slice('services.x-kubernetes.'.length)} (${e.fidelity})\n`);
  });

  it('gives both rows of a name that is a service key and a top-level key', async () => {
    const run = await explain('networks', '--format', 'json');
    const rows = JSON.parse(run.stdout) as Equivalence[];
    expect(rows.map((r) => r.key).sort()).toEqual(['networks', 'services.networks'].filter((k) => equivalence(k)));
  });

  it('prints rows as JSON, each with its example and the objects it becomes', async () => {
    const withoutExample = (r: Equivalence) => Object.fromEntries(Object.entries(r).filter(([k]) => k !== 'example'));
    const one = await explain('ports', '--format', 'json');
    expect(one.code).toBe(0);
    const [row] = JSON.parse(one.stdout) as (Equivalence & { example: { files: Record<string, string>; kubernetes: { kind: string }[]; diagnostics: string[] } })[];
    expect(withoutExample(row!)).toEqual(withoutExample(equivalence('services.ports')!));
    expect(row!.example.files).toEqual({ 'compose.yaml': equivalence('services.ports')!.example });
    expect(row!.example.kubernetes.map((o) => o.kind)).toEqual(['Service', 'Deployment']);
    const all = JSON.parse((await explain('--format', 'json')).stdout) as Equivalence[];
    expect(all.map(withoutExample)).toEqual(JSON.parse(JSON.stringify(EQUIVALENCES.map(withoutExample))));
  });

  it('shows an example converted by the pipeline beside what it becomes', async () => {
    const run = await explain('cap_add');
    expect(run.stdout).toContain('  Example, converted by compose2kube:\n');
    expect(run.stdout).toMatch(/ {2}compose\.yaml +\| {3}Kubernetes \(the fields it becomes\)\n/);
    expect(run.stdout).toMatch(/image: nginx:1\.27 +\| {3}kind: Deployment\n/);
    expect(run.stdout).toMatch(/\| +add:\n.*\| +- NET_ADMIN\n/);
  });

  it.each([
    ['prots', 'ports'],
    ['networks.driver_opt', 'networks.driver_opts'],
    ['services.blkio_confg', 'services.blkio_config'],
  ])('rejects the unknown key %s with exit 2 and suggests %s', async (key, suggestion) => {
    const run = await explain(key);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toBe(`error: "${key}" is not a compose key in the table [usage]\ndid you mean "${suggestion}"?\n`);
  });

  it('points to the list when nothing is close', async () => {
    const run = await explain('kubernetes-magic-wand');
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toBe('error: "kubernetes-magic-wand" is not a compose key in the table [usage]\nrun `compose2kube explain` to list every key\n');
  });

  it('rejects an unknown format as a usage error', async () => {
    const run = await explain('ports', '--format', 'xml');
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    const lines = run.stderr.split('\n');
    expect(lines[0]).toBe("error: option '--format <format>' argument 'xml' is invalid. Allowed choices are text, json.");
    expect(lines).toContain('Usage: compose2kube explain [options] [key]');
  });
});

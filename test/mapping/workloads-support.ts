import { expect } from 'vitest';
import type { KubeObject } from '../../src/mapping/context.js';
import type { ConvertOptions, ConvertResult } from '../../src/pipeline.js';
import { apiProblems, convert } from '../support/api-checks.js';

/** A compose file given as lines, so tests can name positions by line number. */
export function compose(...lines: string[]): string {
  return lines.join('\n') + '\n';
}

/** Converts a compose file; every object it produces is checked like an API server would (api-checks). */
export function run(yaml: string, options: ConvertOptions = {}): ConvertResult {
  return convert({ 'compose.yaml': yaml }, { workingDir: '/p', env: {}, ...options });
}

export const WORKLOAD_KINDS = ['Deployment', 'DaemonSet', 'StatefulSet', 'Job', 'CronJob'];

/** The workload made for a service (any kind). */
export function workload(result: ConvertResult, name: string): KubeObject {
  const found = result.objects.find((o) => WORKLOAD_KINDS.includes(o.kind) && o.metadata.name === name);
  if (!found) throw new Error(`no workload ${name} in ${result.objects.map((o) => `${o.kind}/${o.metadata.name}`).join(', ')}`);
  return found;
}

export function object(result: ConvertResult, kind: string, name: string): KubeObject {
  const found = result.objects.find((o) => o.kind === kind && o.metadata.name === name);
  if (!found) throw new Error(`no ${kind}/${name} in ${result.objects.map((o) => `${o.kind}/${o.metadata.name}`).join(', ')}`);
  return found;
}

type Obj = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

export function spec(o: KubeObject): Obj {
  return o.spec as Obj;
}

/** The pod template of any workload kind. */
export function template(o: KubeObject): Obj {
  const s = spec(o);
  return o.kind === 'CronJob' ? s.jobTemplate.spec.template : s.template;
}

export function podSpec(o: KubeObject): Obj {
  return template(o).spec as Obj;
}

export function container(o: KubeObject, index = 0): Obj {
  return podSpec(o).containers[index] as Obj;
}

/** Diagnostics with a code, as `line:column message` (the message tested by a fragment). */
export function diags(result: ConvertResult, code: string): { line?: number; column?: number; message: string; hint?: string; severity: string }[] {
  return result.diagnostics
    .filter((d) => d.code === code)
    .map((d) => ({ line: d.line, column: d.column, message: d.message, severity: d.severity, ...(d.hint ? { hint: d.hint } : {}) }));
}

/** Positions (`line:column`) of the diagnostics with a code. */
export function positions(result: ConvertResult, code: string): string[] {
  return diags(result, code).map((d) => `${d.line}:${d.column}`);
}

/** The project converted without errors, to objects an API server accepts. */
export function expectValid(result: ConvertResult): void {
  expect(result.failed, result.diagnostics.map((d) => d.message).join('\n')).toBe(false);
  expect(result.objects.length).toBeGreaterThan(0);
  expect(apiProblems(result.objects)).toEqual([]);
}

/** The notes on a workload's fields, as `path -> key`. */
export function notePaths(result: ConvertResult, name: string): Map<string, string[]> {
  const mapped = result.mapped.find((m) => WORKLOAD_KINDS.includes(m.object.kind) && m.object.metadata.name === name);
  const out = new Map<string, string[]>();
  for (const n of mapped?.notes ?? []) out.set(n.path.join('.'), [...(out.get(n.path.join('.')) ?? []), n.key]);
  return out;
}

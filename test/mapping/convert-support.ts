import { expect } from 'vitest';
import type { IContainer } from 'kubernetes-models/v1/Container';
import type { IPodSpec } from 'kubernetes-models/v1/PodSpec';
import type { FileReader } from '../../src/compose/host.js';
import type { Diagnostic } from '../../src/diagnostics/diagnostic.js';
import type { KubeObject } from '../../src/mapping/context.js';
import type { ConvertOptions, ConvertResult } from '../../src/pipeline.js';
import { convert } from '../support/api-checks.js';

/** Helpers for the config, secrets and storage tests: in-memory projects in /p and their objects. */

/** Converts a project that must have no errors; every object is checked like an API server would (api-checks). */
export function run(files: Record<string, string> | FileReader, options: ConvertOptions = {}): ConvertResult {
  const result = convert(files, { workingDir: '/p', env: {}, ...options });
  expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  return result;
}

export function object(result: ConvertResult, kind: string, name: string): KubeObject {
  const found = result.objects.find((o) => o.kind === kind && o.metadata.name === name);
  if (!found) throw new Error(`no ${kind}/${name} among ${result.objects.map((o) => `${o.kind}/${o.metadata.name}`).join(', ')}`);
  return found;
}

export function names(result: ConvertResult, kind: string): string[] {
  return result.objects.filter((o) => o.kind === kind).map((o) => o.metadata.name);
}

export function pod(result: ConvertResult, name: string): IPodSpec & { containers: IContainer[] } {
  const workload = result.objects.find((o) => o.metadata.name === name && 'spec' in o && (o.spec as { template?: unknown }).template);
  if (!workload) throw new Error(`no workload ${name}`);
  return (workload.spec as { template: { spec: IPodSpec & { containers: IContainer[] } } }).template.spec;
}

export function container(result: ConvertResult, name: string): IContainer {
  return pod(result, name).containers[0]!;
}

/** code, line, column and message of the diagnostics with this code. */
export function diagnostics(result: ConvertResult, code: Diagnostic['code']): { line?: number; column?: number; message: string }[] {
  return result.diagnostics.filter((d) => d.code === code).map((d) => ({ line: d.line, column: d.column, message: d.message }));
}

export function decode(base64: string): string {
  return Buffer.from(base64, 'base64').toString('utf8');
}

/** A reader over `files` that also serves raw bytes, for binary content. */
export function readerWith(files: Record<string, string>, binary: Record<string, Uint8Array>): FileReader {
  const text = new Map(Object.entries(files).map(([k, v]) => [`/p/${k}`, v]));
  const bytes = new Map(Object.entries(binary).map(([k, v]) => [`/p/${k}`, v]));
  const abs = (p: string) => (p.startsWith('/') ? p : `/p/${p}`).replace(/\/\.\//g, '/');
  const all = [...text.keys(), ...bytes.keys()];
  return {
    readFile: (p) => text.get(abs(p)) ?? (bytes.has(abs(p)) ? Buffer.from(bytes.get(abs(p))!).toString('utf8') : undefined),
    readBytes: (p) => bytes.get(abs(p)) ?? (text.has(abs(p)) ? new TextEncoder().encode(text.get(abs(p))!) : undefined),
    readDir: (p) => {
      const dir = abs(p).replace(/\/$/, '') + '/';
      const found = new Set(all.filter((k) => k.startsWith(dir)).map((k) => k.slice(dir.length).split('/')[0]!));
      return found.size > 0 ? [...found].sort() : undefined;
    },
  };
}

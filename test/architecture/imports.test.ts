import { readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const SRC = resolve(import.meta.dirname, '../../src');

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((e) => {
    const p = join(dir, e);
    return statSync(p).isDirectory() ? sources(p) : p.endsWith('.ts') ? [p] : [];
  });
}

/** file -> the project files it imports (type-only imports included: a cycle of types is still a tangle). */
function importGraph(): Map<string, string[]> {
  const graph = new Map<string, string[]>();
  for (const file of sources(SRC)) {
    const text = readFileSync(file, 'utf8');
    const targets = [...text.matchAll(/(?:^|\n)\s*(?:import|export)\b[^'"]*?from\s+'(\.[^']+)'/g)].map((m) =>
      resolve(dirname(file), m[1]!.replace(/\.js$/, '.ts')),
    );
    graph.set(relative(SRC, file), targets.map((t) => relative(SRC, t)));
  }
  return graph;
}

/** The first cycle found by depth-first search, as a path that returns to its start. */
function findCycle(graph: Map<string, string[]>): string[] | undefined {
  const state = new Map<string, 'open' | 'done'>();
  const stack: string[] = [];
  const visit = (node: string): string[] | undefined => {
    if (state.get(node) === 'done') return undefined;
    if (state.get(node) === 'open') return [...stack.slice(stack.indexOf(node)), node];
    state.set(node, 'open');
    stack.push(node);
    for (const next of graph.get(node) ?? []) {
      const found = visit(next);
      if (found) return found;
    }
    stack.pop();
    state.set(node, 'done');
    return undefined;
  };
  for (const node of graph.keys()) {
    const found = visit(node);
    if (found) return found;
  }
  return undefined;
}

/** The graph between the concern folders of src/mapping (workloads, network, ...), files at its root as one node. */
function mappingFolderGraph(graph: Map<string, string[]>): Map<string, string[]> {
  const folder = (file: string) => (file.startsWith('mapping/') ? file.split('/').slice(0, file.split('/').length > 2 ? 2 : 1).join('/') : undefined);
  const out = new Map<string, Set<string>>();
  for (const [from, tos] of graph) {
    const f = folder(from);
    if (!f || f === 'mapping') continue;
    for (const to of tos) {
      const t = folder(to);
      if (!t || t === f || t === 'mapping') continue;
      out.set(f, (out.get(f) ?? new Set()).add(t));
    }
  }
  return new Map([...out].map(([k, v]) => [k, [...v]]));
}

describe('imports', () => {
  const graph = importGraph();

  it('reads the whole source tree', () => {
    expect(graph.get('index.ts')).toContain('pipeline.ts');
    expect(graph.size).toBeGreaterThan(80);
  });

  it('finds a cycle when there is one (the check itself can fail)', () => {
    expect(findCycle(new Map([['a', ['b']], ['b', ['c']], ['c', ['a']]]))).toEqual(['a', 'b', 'c', 'a']);
    expect(findCycle(new Map([['a', ['b']], ['b', []]]))).toBeUndefined();
  });

  it('has no cycle between source files', () => {
    expect(findCycle(graph)).toBeUndefined();
  });

  it('keeps the concern folders of the mapper one-way', () => {
    expect(findCycle(mappingFolderGraph(graph))).toBeUndefined();
  });

  it('keeps stages one-way: the loader never imports the mapper, emitter, diff or CLI', () => {
    const later = ['mapping/', 'emit/', 'diff/', 'cli/'];
    const offending = [...graph].filter(([f, tos]) => f.startsWith('compose/') && tos.some((t) => later.some((l) => t.startsWith(l))));
    expect(offending).toEqual([]);
  });
});

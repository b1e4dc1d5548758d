import { EQUIVALENCES, type Equivalence, type Fidelity } from '../mapping/equivalences/index.js';
import { runExample, type ExampleRun } from './example.js';

const FIDELITIES: readonly Fidelity[] = ['exact', 'approximate', 'unsupported'];

const HEADINGS: Record<Fidelity, string> = {
  exact: 'exact: the app behaves the same',
  approximate: 'approximate: converted, with a difference you are warned about',
  unsupported: 'unsupported: Kubernetes has no equivalent; you are warned and told what to do instead',
};

/** Every row, one line each, grouped by fidelity. */
export function tableText(rows: readonly Equivalence[]): string {
  const width = Math.max(...rows.map((r) => r.key.length));
  const sections = FIDELITIES.map((f) => {
    const group = rows.filter((r) => r.fidelity === f).sort((a, b) => a.key.localeCompare(b.key));
    const lines = group.map((r) => `  ${r.key.padEnd(width)}  ${f === 'exact' ? r.target : (r.reason ?? r.target)}`);
    return `${HEADINGS[f]} (${group.length})\n${lines.join('\n')}\n`;
  });
  return `${sections.join('\n')}\nRun \`compose2kube explain <key>\` for the details of one key, with an example.\n`;
}

/** One row: target, fidelity, what it does and why, an example converted by the pipeline, the docs. */
export function rowText(r: Equivalence, table: readonly Equivalence[] = EQUIVALENCES): string {
  const lines = [`${r.key}`, `  Kubernetes:  ${r.target}`, `  fidelity:    ${r.fidelity}`, `  ${r.explanation}`];
  if (r.reason) lines.push(`  why:         ${r.reason}`);
  if (r.instead) lines.push(`  instead:     ${r.instead}`);
  for (const [value, v] of Object.entries(r.values ?? {})) {
    const why = v.reason ? `: ${v.reason}` : '';
    lines.push(`  when ${JSON.stringify(value)}: ${v.fidelity}${why}${v.instead ? `; instead, ${v.instead}` : ''}`);
  }
  const nested = table.filter((e) => e.key.startsWith(`${r.key}.`));
  if (nested.length > 0) {
    lines.push('  keys inside:');
    for (const n of nested) lines.push(`    ${n.key.slice(r.key.length + 1)} (${n.fidelity})`);
  }
  lines.push(`  docs:        ${r.docs}`);
  const example = runExample(r);
  if (example) lines.push('', ...exampleLines(example));
  return lines.join('\n') + '\n';
}

const WIDTH = 120;
const GAP = '   |   ';

/** The example beside what it becomes when both fit in 120 columns, else one above the other. */
export function exampleLines(run: ExampleRun): string[] {
  const names = Object.keys(run.files);
  const compose = names.flatMap((name) => [...(names.length > 1 ? [`# ${name}`] : []), ...run.files[name]!.trimEnd().split('\n')]);
  const kube = run.failed
    ? ['(the example does not convert: see below)']
    : run.objects.length === 0
      ? ['(nothing: Kubernetes has no field for it)']
      : run.kubernetes.trimEnd().split('\n');
  const heading = run.focused ? 'Kubernetes (the fields it becomes)' : 'Kubernetes';
  const left = ['compose.yaml', ...compose];
  const right = [heading, ...kube];
  const leftWidth = Math.max(...left.map((l) => l.length));
  const rightWidth = Math.max(...right.map((l) => l.length));
  const out = ['  Example, converted by compose2kube:'];
  if (2 + leftWidth + GAP.length + rightWidth <= WIDTH) {
    for (let i = 0; i < Math.max(left.length, right.length); i++) {
      out.push(`  ${(left[i] ?? '').padEnd(leftWidth)}${GAP}${right[i] ?? ''}`.trimEnd());
    }
  } else {
    out.push(...left.map((l) => `  ${l}`.trimEnd()), '', ...right.map((l) => `  ${l}`.trimEnd()));
  }
  if (run.diagnostics.length > 0) {
    out.push('', '  What convert reports for it:');
    for (const d of run.diagnostics) out.push(...d.split('\n').map((l) => `    ${l}`));
  }
  return out;
}

/** A row as JSON for tools: the row's fields and, when it has one, its example and what it becomes. */
export function rowJson(r: Equivalence): unknown {
  const example = runExample(r);
  const row: Record<string, unknown> = { ...r };
  delete row.example;
  return example ? { ...row, example: { files: example.files, kubernetes: example.objects, diagnostics: example.diagnostics } } : row;
}

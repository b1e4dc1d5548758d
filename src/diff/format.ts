import { formatLoc } from '../util/loc.js';
import type { DiffResult, ObjectDiff, ObjectFieldChange } from './diff.js';
import { describeId } from './identity.js';
import type { Json } from './json.js';

export interface FormatOptions {
  /** ANSI colours (on a terminal, unless NO_COLOR is set). */
  color?: boolean;
  /** What the existing objects are, for the summary line: `k8s/`, `the cluster`. */
  against?: string;
}

const STYLE = { bold: '1', red: '31', green: '32', yellow: '33', cyan: '36', dim: '2' } as const;
type Style = keyof typeof STYLE;

export function painter(color: boolean | undefined): (style: Style, text: string) => string {
  return color ? (style, text) => `\u001b[${STYLE[style]}m${text}\u001b[0m` : (_style, text) => text;
}

/** `1 added, 2 changed, 5 unchanged` (and removed), in a fixed order. */
export function summaryText(summary: DiffResult['summary']): string {
  return `${summary.added} added, ${summary.removed} removed, ${summary.changed} changed, ${summary.unchanged} unchanged`;
}

/**
 * The report a person reads: a summary, then per object that differs what happens to it and the
 * field paths with old -> new values, then the unified diff of each.
 */
export function formatDiffText(result: DiffResult, options: FormatOptions = {}): string {
  const paint = painter(options.color);
  const lines: string[] = [];
  const against = options.against ? ` (compared with ${options.against})` : '';
  lines.push(paint('bold', `compose2kube diff: ${summaryText(result.summary)}${against}`));
  const differing = result.objects.filter((o) => o.status !== 'unchanged');
  if (differing.length === 0) return `${lines.join('\n')}\n`;
  lines.push('');
  for (const o of differing) {
    lines.push(objectLine(o, paint));
    for (const c of o.changes) lines.push(`    ${changeText(c)}${c.loc ? paint('dim', `  (${formatLoc(c.loc)})`) : ''}`);
  }
  const diffs = differing.filter((o) => o.diff !== '');
  if (diffs.length > 0) {
    lines.push('');
    for (const o of diffs) lines.push(colorDiff(o.diff, paint).trimEnd());
  }
  return `${lines.join('\n')}\n`;
}

const MARKS: Record<ObjectDiff['status'], { mark: string; style: Style; text: string }> = {
  added: { mark: '+', style: 'green', text: 'added    ' },
  removed: { mark: '-', style: 'red', text: 'removed  ' },
  changed: { mark: '~', style: 'yellow', text: 'changed  ' },
  unchanged: { mark: ' ', style: 'dim', text: 'unchanged' },
};

function objectLine(o: ObjectDiff, paint: ReturnType<typeof painter>): string {
  const m = MARKS[o.status];
  const where = o.before ?? o.after;
  return `${paint(m.style, `${m.mark} ${m.text}`)} ${describeId(o.id)}${where ? paint('dim', `  (${formatLoc(where)})`) : ''}`;
}

/** `spec.replicas: 2 -> 3`, `env[name=DEBUG]: added {...}`, a Secret key: `data.TOKEN: changed (value hidden)`. */
export function changeText(c: ObjectFieldChange): string {
  if (c.masked) return `${c.path}: ${c.type} (value hidden)`;
  switch (c.type) {
    case 'added':
      return `${c.path}: added ${valueText(c.after!)}`;
    case 'removed':
      return `${c.path}: removed (was ${valueText(c.before!)})`;
    case 'reordered':
      return `${c.path}: order ${(c.before as string[]).join(', ')} -> ${(c.after as string[]).join(', ')}`;
    default:
      return `${c.path}: ${valueText(c.before!)} -> ${valueText(c.after!)}`;
  }
}

const MAX_VALUE = 120;

function valueText(v: Json): string {
  const text = JSON.stringify(v);
  return text.length > MAX_VALUE ? `${text.slice(0, MAX_VALUE - 1)}…` : text;
}

export function colorDiff(diff: string, paint: ReturnType<typeof painter>): string {
  return diff
    .split('\n')
    .map((l) => (l.startsWith('+++') || l.startsWith('---') ? paint('bold', l) : l.startsWith('@@') ? paint('cyan', l) : l.startsWith('+') ? paint('green', l) : l.startsWith('-') ? paint('red', l) : l))
    .join('\n');
}

/** The same content for programs: every object with its status, field changes and diff. */
export function diffJson(result: DiffResult): unknown {
  return {
    summary: result.summary,
    objects: result.objects.map((o) => ({
      status: o.status,
      apiVersion: o.id.apiVersion,
      kind: o.id.kind,
      ...(o.id.namespace !== undefined ? { namespace: o.id.namespace } : {}),
      name: o.id.name,
      ...(o.before ? { existing: o.before } : {}),
      ...(o.after ? { planned: o.after } : {}),
      changes: o.changes.map((c) => ({
        path: c.path,
        steps: c.steps,
        type: c.type,
        ...(c.before !== undefined ? { before: c.before } : {}),
        ...(c.after !== undefined ? { after: c.after } : {}),
        ...(c.masked ? { masked: true } : {}),
        ...(c.loc ? { location: c.loc } : {}),
      })),
      ...(o.diff ? { diff: o.diff } : {}),
    })),
  };
}

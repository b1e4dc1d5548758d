import type { Equivalence } from '../../src/mapping/equivalences/index.js';

const GROUPS: { title: string; test: (key: string) => boolean; strip: string }[] = [
  { title: 'Service keys', test: (k) => k.startsWith('services.') && !k.includes('x-kubernetes'), strip: 'services.' },
  { title: 'Top-level keys', test: (k) => !k.startsWith('services.') && !k.includes('x-kubernetes'), strip: '' },
  { title: 'The x-kubernetes extension', test: (k) => k.includes('x-kubernetes'), strip: '' },
];

/** The table of equivalences as markdown tables, one per group of keys, sorted by key. */
export function mappingTable(rows: readonly Equivalence[]): string {
  const sections = GROUPS.map((g) => {
    const group = rows.filter((r) => g.test(r.key)).sort((a, b) => a.key.localeCompare(b.key));
    const lines = group.map((r) => `| \`${r.key.slice(g.strip.length)}\` | ${cell(r.target)} | ${r.fidelity} | ${cell(description(r))} | [docs](${r.docs}) |`);
    return [`## ${g.title} (${group.length})`, '', '| Key | Kubernetes | Fidelity | What happens | Docs |', '| --- | --- | --- | --- | --- |', ...lines].join('\n');
  });
  return `${sections.join('\n\n')}\n`;
}

function description(r: Equivalence): string {
  const parts = [r.explanation];
  if (r.reason) parts.push(`**Why:** ${sentence(r.reason)}`);
  if (r.instead) parts.push(`**Instead:** ${sentence(r.instead)}`);
  for (const [value, v] of Object.entries(r.values ?? {})) {
    const why = v.reason ? `: ${v.reason}` : '';
    parts.push(`**\`${value}\`:** ${v.fidelity}${why}${v.instead ? `; instead, ${v.instead}` : ''}.`);
  }
  return parts.join(' ');
}

function sentence(s: string): string {
  const t = s.trim();
  return `${t.charAt(0).toUpperCase()}${t.slice(1)}${/[.!?]$/.test(t) ? '' : '.'}`;
}

/** A table cell: one line, pipes escaped, and `<name>` outside code spans kept as text, not HTML. */
export function cell(s: string): string {
  const text = s
    .split('`')
    .map((part, i) => (i % 2 === 0 ? part.replace(/</g, '&lt;').replace(/>/g, '&gt;') : part))
    .join('`');
  return text.replace(/\|/g, '\\|').replace(/\s*\n\s*/g, ' ');
}

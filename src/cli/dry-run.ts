import { formatDiffText, painter } from '../diff/format.js';
import type { FileAction, OutputPlan } from '../diff/plan.js';
import type { CliIO } from './io.js';

const ACTIONS: Record<FileAction, { text: string; style: 'green' | 'red' | 'yellow' | 'dim' }> = {
  create: { text: 'create   ', style: 'green' },
  change: { text: 'change   ', style: 'yellow' },
  unchanged: { text: 'unchanged', style: 'dim' },
  remove: { text: 'remove   ', style: 'red' },
  leave: { text: 'leave    ', style: 'dim' },
};

/**
 * The plan of `convert -o PATH --dry-run`: a line per file, then the diff of the objects. `where`
 * is the output as shown (`k8s/`, `manifests.yaml`), `display` a file's path as shown.
 */
export function printPlan(io: CliIO, plan: OutputPlan, shown: { where: string; display: (path: string) => string }, color: boolean): void {
  const paint = painter(color);
  const count = (a: FileAction) => plan.files.filter((f) => f.action === a).length;
  const lines = [
    paint('bold', `compose2kube convert --dry-run: nothing was written. Writing to ${shown.where} would create ${count('create')}, change ${count('change')}, remove ${count('remove')} and leave ${count('unchanged')} file(s) unchanged${count('leave') > 0 ? `; ${count('leave')} other file(s) are left alone` : ''}`),
  ];
  for (const f of plan.files) {
    const notes = [f.rewritten ? 'same objects, other comments or formatting: rewritten' : undefined, f.note].filter((n) => n !== undefined);
    lines.push(`  ${paint(ACTIONS[f.action].style, ACTIONS[f.action].text)} ${shown.display(f.path)}${notes.length > 0 ? paint('dim', `  (${notes.join('; ')})`) : ''}`);
  }
  io.stdout(`${lines.join('\n')}\n\n${formatDiffText(plan.diff, { color, against: shown.where.endsWith('/') ? `the files in ${shown.where}` : shown.where })}`);
}

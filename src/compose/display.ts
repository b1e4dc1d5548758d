import { relative } from '../util/path.js';

/** File names in diagnostics are relative to where the command runs, unless far away. */
export function displayPathOf(ctx: { cwd?: string; workingDir: string }, abs: string): string {
  const rel = relative(ctx.cwd ?? ctx.workingDir, abs);
  return rel.startsWith('../../') ? abs : rel;
}

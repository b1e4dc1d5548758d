import type { IKeyToPath } from 'kubernetes-models/v1/KeyToPath';
import type { FileEntry } from './file-objects.js';
import { octal } from './file-objects.js';

/**
 * Permission bits of bind-mounted files that become a ConfigMap or Secret. A bind mount shows the
 * container the host's file with its mode; a ConfigMap volume shows 0644 unless told otherwise,
 * so an executable entrypoint script would stop being executable. The volume keeps the mode:
 * `defaultMode` for the mode most files have, a per-item `mode` for the others.
 *
 * The read and execute bits are kept exactly. Write bits cannot matter (the volume is
 * read-only), so the owner's write bit is set as in Kubernetes' default 0644: a file written 0664
 * on a machine with umask 002 projects as 0644, and the output does not depend on the umask.
 */

/** Kubernetes' mode for files of a ConfigMap or Secret volume when none is set. */
export const KUBERNETES_FILE_MODE = 0o644;

export function keptMode(hostMode: number): number {
  return (hostMode & 0o555) | 0o200;
}

/** Why a file's mode could not be kept as it is on the host (a warning at the mount says so). */
export interface ModeProblems {
  /** Modes unknown (a reader without stat): these look executable and are mounted 0755. */
  assumed: { path: string; why: string }[];
  /** setuid, setgid or sticky bits, which a volume's file mode cannot have. */
  special: { path: string; mode: number }[];
  /** Not readable by others: in the pod the file belongs to root, not to its owner on the host. */
  private: { path: string; mode: number }[];
}

export interface ModeProjection {
  defaultMode?: number;
  /** All entries (a volume with items projects only those), present when a key, path or mode needs it. */
  items?: IKeyToPath[];
  /** The mode of each entry, by its path, for notes. */
  modes: Map<string, number>;
  problems: ModeProblems;
}

/**
 * The modes of a volume of `entries`. `executable` says, for a file whose mode the reader could
 * not tell, whether it must be executable (a `#!` script, or the service's entrypoint).
 */
export function modeProjection(entries: readonly FileEntry[], executable: (e: FileEntry) => string | undefined): ModeProjection {
  const problems: ModeProblems = { assumed: [], special: [], private: [] };
  const modes = new Map<string, number>();
  for (const e of entries) {
    if (e.mode === undefined) {
      const why = executable(e);
      if (why !== undefined) problems.assumed.push({ path: e.path, why });
      modes.set(e.path, why !== undefined ? 0o755 : KUBERNETES_FILE_MODE);
      continue;
    }
    if ((e.mode & 0o7000) !== 0) problems.special.push({ path: e.path, mode: e.mode });
    const mode = keptMode(e.mode);
    if ((mode & 0o004) === 0) problems.private.push({ path: e.path, mode });
    modes.set(e.path, mode);
  }
  const defaultMode = commonMode([...modes.values()]);
  const renamed = entries.some((e) => e.key !== e.path);
  const odd = entries.some((e) => modes.get(e.path) !== defaultMode);
  return {
    ...(defaultMode !== KUBERNETES_FILE_MODE ? { defaultMode } : {}),
    ...(renamed || odd
      ? { items: entries.map((e) => ({ key: e.key, path: e.path, ...(modes.get(e.path) !== defaultMode ? { mode: modes.get(e.path)! } : {}) })) }
      : {}),
    modes,
    problems,
  };
}

/** The mode most files have; on a tie Kubernetes' default, else the lowest, so the output is stable. */
function commonMode(modes: number[]): number {
  if (modes.length === 0) return KUBERNETES_FILE_MODE;
  const counts = new Map<number, number>();
  for (const m of modes) counts.set(m, (counts.get(m) ?? 0) + 1);
  const most = Math.max(...counts.values());
  const best = [...counts].filter(([, n]) => n === most).map(([m]) => m);
  return best.includes(KUBERNETES_FILE_MODE) ? KUBERNETES_FILE_MODE : Math.min(...best);
}

/** The modes that differ from Kubernetes' default, for the note on the mount: `entrypoint.sh 0755`. */
export function modesDetail(projection: ModeProjection): string | undefined {
  const odd = [...projection.modes].filter(([, m]) => m !== KUBERNETES_FILE_MODE);
  if (odd.length === 0) return undefined;
  const shown = odd.slice(0, 5).map(([p, m]) => `${p} ${octal(m)}`);
  return `file modes kept: ${shown.join(', ')}${odd.length > 5 ? ` and ${odd.length - 5} more` : ''}`;
}

/** Whether a file starts with `#!`, the mark of a script run directly. */
export function isScript(bytes: Uint8Array): boolean {
  return bytes[0] === 0x23 && bytes[1] === 0x21;
}

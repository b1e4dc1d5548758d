import { spawnSync } from 'node:child_process';

export interface KubectlRun {
  /** kubectl is not on PATH. */
  missing: boolean;
  status: number | null;
  stdout: string;
  stderr: string;
  /** Why kubectl could not be run at all (other than missing). */
  error?: string;
}

/**
 * Runs kubectl from PATH with `input` on stdin. KUBECTL_EXTERNAL_DIFF is left out of its
 * environment so that `kubectl diff` prints the unified diff whose Secret values can be masked.
 */
export function runKubectl(args: readonly string[], input: string, env: Record<string, string | undefined>): KubectlRun {
  const childEnv: Record<string, string> = {};
  for (const [k, v] of Object.entries(env)) if (v !== undefined && k !== 'KUBECTL_EXTERNAL_DIFF') childEnv[k] = v;
  const r = spawnSync('kubectl', [...args], { input, env: childEnv, encoding: 'utf8', maxBuffer: 512 * 1024 * 1024 });
  // kubectl may exit before it reads all of stdin (a usage or connection error): its own exit status says what happened.
  if (r.error && !((r.error as NodeJS.ErrnoException).code === 'EPIPE' && r.status !== null)) {
    const code = (r.error as NodeJS.ErrnoException).code;
    return { missing: code === 'ENOENT', status: null, stdout: '', stderr: '', error: r.error.message };
  }
  return { missing: false, status: r.status, stdout: r.stdout ?? '', stderr: r.stderr ?? '' };
}

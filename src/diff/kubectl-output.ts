import type { DiagnosticCode } from '../diagnostics/codes.js';
import { MASK } from './mask.js';

/** The arguments of `kubectl diff` that compare the objects on stdin with a server-side dry run. */
export function kubectlDiffArgs(options: { context?: string; namespace?: string }): string[] {
  const args = ['diff', '--server-side', '--field-manager=compose2kube'];
  if (options.context) args.push('--context', options.context);
  if (options.namespace) args.push('--namespace', options.namespace);
  args.push('-f', '-');
  return args;
}

const ALREADY_MASKED = /^(['"]?)\*\*\*( \((before|after)\))?\1$/;
const LAST_APPLIED = 'kubectl.kubernetes.io/last-applied-configuration';

/**
 * `kubectl diff` output with the values of every Secret hidden. kubectl masks `data` itself; this
 * does it again without relying on that, and also hides the last-applied annotation (which holds
 * the whole manifest, data included). kubectl prints each object as YAML with sorted keys in a
 * `diff -u` section named `v1.Secret.<namespace>.<name>`. Inside a Secret's section only the
 * lines known to be metadata stay readable: where a hunk starts in the middle of the object, so
 * that its lines cannot be placed, their values are hidden too.
 */
export function maskKubectlDiff(output: string): string {
  let secret = false;
  let top: string | undefined;
  let metaKey: string | undefined;
  let inLastApplied = false;
  const out: string[] = [];
  for (const line of output.split('\n')) {
    if (line.startsWith('diff ') || line.startsWith('--- ') || line.startsWith('+++ ')) {
      if (line.startsWith('diff ') || line.startsWith('--- ')) secret = /(^|[\s/])v1\.Secret\./.test(line);
      top = metaKey = undefined;
      inLastApplied = false;
      out.push(line);
      continue;
    }
    if (line.startsWith('@@')) {
      // A hunk may start anywhere in the object: what encloses its first lines is not known.
      top = metaKey = undefined;
      inLastApplied = false;
      out.push(line);
      continue;
    }
    if (!secret || !/^[ +-]/.test(line)) {
      out.push(line);
      continue;
    }
    const marker = line[0]!;
    const body = line.slice(1);
    const indent = body.length - body.trimStart().length;
    const key = /^\s*([^:\s][^:]*):(?:\s|$)/.exec(body)?.[1];
    if (indent === 0 && key !== undefined) {
      top = key;
      metaKey = undefined;
      inLastApplied = false;
      out.push(line);
      continue;
    }
    if (top === 'metadata' && body.trim() !== '') {
      if (indent === 2) {
        metaKey = key;
        inLastApplied = false;
        out.push(line);
        continue;
      }
      if (metaKey === 'annotations' && indent === 4) inLastApplied = key === LAST_APPLIED;
      if (!inLastApplied && metaKey !== undefined) {
        out.push(line);
        continue;
      }
    }
    out.push(`${marker}${maskLine(body, indent, key)}`);
  }
  return out.join('\n');
}

function maskLine(body: string, indent: number, key: string | undefined): string {
  if (body.trim() === '') return body;
  if (key === undefined) return `${' '.repeat(indent)}${MASK}`;
  const value = body.slice(body.indexOf(':') + 1).trim();
  if (value === '' || ALREADY_MASKED.test(value)) return body;
  return `${' '.repeat(indent)}${key}: ${value.startsWith('|') || value.startsWith('>') ? MASK : `'${MASK}'`}`;
}

/** What kubectl's error output means: the cluster cannot be reached, or the diff failed. */
export function kubectlProblem(stderr: string): { code: DiagnosticCode; message: string; hint: string } {
  const lines = stderr
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '' && !/^[IWE]\d{4} /.test(l));
  const text = lines.find((l) => /^error:/i.test(l)) ?? lines[lines.length - 1] ?? 'kubectl failed without saying why';
  const message = text.replace(/^error:\s*/i, '');
  if (
    /connection refused|connection to the server \S+ was refused|unable to connect to the server|no such host|i\/o timeout|dial tcp|couldn't get current server api group list|could not be reached|context deadline exceeded|tls handshake timeout|no configuration has been provided|current-context is not set|context "[^"]*" (does not exist|was not found)|certificate signed by unknown authority|the server has asked for the client to provide credentials|unauthorized/i.test(
      stderr,
    )
  ) {
    return {
      code: 'cluster-unreachable',
      message: `cannot reach the cluster: ${message}`,
      hint: 'check `kubectl config current-context` (or pass --context NAME) and that `kubectl get ns` works; without a cluster, compare with files: `compose2kube diff --against DIR`',
    };
  }
  return { code: 'kubectl-failed', message: `kubectl diff failed: ${message}`, hint: 'run the same command with `kubectl` directly to see its whole output: `compose2kube convert | kubectl diff --server-side -f -`' };
}

import { parseAllDocuments } from 'yaml';
import { main } from '../../src/cli/main.js';
import type { CliIO } from '../../src/cli/io.js';

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** Run the CLI in-process with a captured stdout/stderr and a controlled environment. */
export async function runCli(argv: string[], opts: { cwd: string; env?: Record<string, string>; stdin?: string }): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const io: CliIO = {
    cwd: opts.cwd,
    env: opts.env ?? {},
    stdout: (t) => {
      stdout += t;
    },
    stderr: (t) => {
      stderr += t;
    },
    readStdin: () => opts.stdin ?? '',
  };
  const code = await main(argv, io);
  return { code, stdout, stderr };
}

/** The objects of a YAML stream the CLI printed, as `Kind/name` in stream order. */
export function objectIds(stdout: string): string[] {
  return parseAllDocuments(stdout).map((d) => {
    const o = d.toJS() as { kind: string; metadata: { name: string } };
    return `${o.kind}/${o.metadata.name}`;
  });
}

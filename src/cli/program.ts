import type { Command } from 'commander';
import { colorMessage } from './color.js';
import type { ConvertOptions } from '../pipeline.js';
import { toPosix, type CliIO } from './io.js';

export const EXIT_OK = 0;
export const EXIT_INVALID = 2;

/** What a command gets to do its job: the outside world, and how to report its exit code. */
export interface CommandContext {
  io: CliIO;
  setExit(code: number): void;
  /** Whether to colour a stream, stderr by default (`--color`, NO_COLOR, whether it is a terminal). */
  color(stream?: 'stderr' | 'stdout'): boolean;
  /** The whole program, for commands that describe it (completion). */
  program: Command;
}

/** A message of the CLI itself (`error: ... [usage]`) on stderr, coloured like diagnostics. */
export function printError(ctx: CommandContext, text: string): void {
  ctx.io.stderr(ctx.color() ? colorMessage(text) : text);
}

export type RegisterCommand = (program: Command, ctx: CommandContext) => void;

const collect = (value: string, previous: string[] = []) => [...previous, value];

/** Options every command that reads a compose project takes, like `docker compose`. */
export function addProjectOptions(cmd: Command): Command {
  return cmd
    .option('-f, --file <file>', 'compose file (repeatable; `-` reads stdin)', collect)
    .option('-p, --project-name <name>', 'project name (default: top-level name:, or the directory name)')
    .option('--project-directory <dir>', 'project directory (default: the directory of the first compose file)')
    .option('--env-file <file>', 'environment file instead of .env (repeatable)', collect)
    .option('--profile <profile>', 'enable a profile (repeatable)', collect);
}

export interface ProjectFlags {
  file?: string[];
  projectName?: string;
  projectDirectory?: string;
  envFile?: string[];
  profile?: string[];
}

/** The project flags as pipeline options, with paths in POSIX form. */
export function projectOptions(flags: ProjectFlags, io: CliIO): ConvertOptions {
  const options: ConvertOptions = { workingDir: toPosix(io.cwd), env: io.env };
  if (flags.file) options.files = flags.file.map(toPosix);
  if (flags.file?.includes('-')) options.stdin = io.readStdin();
  if (flags.projectName) options.projectName = flags.projectName;
  if (flags.projectDirectory) options.projectDirectory = toPosix(flags.projectDirectory);
  if (flags.envFile) options.envFiles = flags.envFile.map(toPosix);
  if (flags.profile) options.profiles = flags.profile;
  return options;
}

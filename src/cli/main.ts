import { Command, CommanderError, Option } from 'commander';
import { COLOR_MODES, colorMessage, useColor, type ColorMode } from './color.js';
import { COMMANDS } from './commands/index.js';
import { processIO, type CliIO } from './io.js';
import { EXIT_INVALID, EXIT_OK, type CommandContext } from './program.js';
import { packageVersion } from './version.js';

export { EXIT_INVALID, EXIT_OK } from './program.js';

/** The whole command line of compose2kube, its commands registered; `run` is what they do. */
export function buildProgram(io: CliIO, setExit: (code: number) => void): Command {
  const program = new Command('compose2kube')
    .description('Convert a Docker Compose project into annotated Kubernetes manifests that behave like the compose app')
    .version(packageVersion(), '-V, --version', 'print the version of compose2kube')
    .addOption(
      new Option('--color <when>', 'colour the diagnostics, and the reports of diff and --dry-run: auto (on a terminal, unless NO_COLOR is set), always or never')
        .choices(COLOR_MODES)
        .default('auto'),
    )
    .showHelpAfterError()
    .exitOverride();
  const color = (stream: 'stderr' | 'stdout' = 'stderr'): boolean =>
    useColor(program.opts<{ color: ColorMode }>().color, io.env, (stream === 'stderr' ? io.stderrIsTTY : io.isTTY) === true);
  const output = {
    writeOut: io.stdout,
    writeErr: io.stderr,
    outputError: (text: string, write: (t: string) => void) => write(color() ? colorMessage(text) : text),
  };
  program.configureOutput(output);
  const ctx: CommandContext = { io, setExit, color, program };
  for (const register of COMMANDS) register(program, ctx);
  // exitOverride is inherited only by commands added after it; make sure every subcommand has it.
  for (const cmd of program.commands) cmd.exitOverride().configureOutput(output);
  return program;
}

/** Run the CLI in-process; returns the exit code. Never throws for a user error. */
export async function main(argv: string[], io: CliIO = processIO()): Promise<number> {
  let code = EXIT_OK;
  const program = buildProgram(io, (c) => {
    code = c;
  });
  try {
    await program.parseAsync(argv, { from: 'user' });
    return code;
  } catch (e) {
    if (e instanceof CommanderError) {
      // --help and --version end here with code 0; every other commander error is a usage error.
      return e.exitCode === 0 ? EXIT_OK : EXIT_INVALID;
    }
    throw e;
  }
}

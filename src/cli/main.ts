import { Command, CommanderError } from 'commander';
import { COMMANDS } from './commands/index.js';
import { processIO, type CliIO } from './io.js';
import { EXIT_INVALID, EXIT_OK } from './program.js';

export { EXIT_INVALID, EXIT_OK } from './program.js';

/** Run the CLI in-process; returns the exit code. Never throws for a user error. */
export async function main(argv: string[], io: CliIO = processIO()): Promise<number> {
  let code = EXIT_OK;
  const program = new Command('compose2kube')
    .description('Convert a Docker Compose project into annotated Kubernetes manifests that behave like the compose app')
    .showHelpAfterError()
    .exitOverride()
    .configureOutput({ writeOut: io.stdout, writeErr: io.stderr });
  for (const register of COMMANDS) {
    register(program, {
      io,
      setExit: (c) => {
        code = c;
      },
    });
  }
  // exitOverride is inherited only by commands added after it; make sure every subcommand has it.
  for (const cmd of program.commands) cmd.exitOverride().configureOutput({ writeOut: io.stdout, writeErr: io.stderr });
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

import { Argument } from 'commander';
import { EQUIVALENCES } from '../../mapping/equivalences/index.js';
import { SHELLS, completionScript, type Shell } from '../completion.js';
import { EXIT_OK, type RegisterCommand } from '../program.js';

/** The keys `explain` takes: every row, and service keys without `services.`. */
function explainKeys(): string[] {
  return [...new Set(EQUIVALENCES.flatMap((e) => (e.key.startsWith('services.') ? [e.key.slice('services.'.length), e.key] : [e.key])))].sort();
}

export const registerCompletion: RegisterCommand = (program, { io, setExit }) => {
  program
    .command('completion')
    .description('print a shell completion script (bash, zsh or fish), generated from the commands and options of this version')
    .addArgument(new Argument('<shell>', 'the shell').choices(SHELLS))
    .action((shell: Shell) => {
      io.stdout(completionScript(shell, program, { explain: explainKeys() }));
      return setExit(EXIT_OK);
    });
};

import type { RegisterCommand } from '../program.js';
import { registerConvert } from './convert.js';

/** Every subcommand, in the order `--help` lists them. */
export const COMMANDS: RegisterCommand[] = [registerConvert];

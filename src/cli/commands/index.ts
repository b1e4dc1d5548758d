import type { RegisterCommand } from '../program.js';
import { registerCompletion } from './completion.js';
import { registerConfig } from './config.js';
import { registerConvert } from './convert.js';
import { registerDiff } from './diff.js';
import { registerExplain } from './explain.js';

/** Every subcommand, in the order `--help` lists them. */
export const COMMANDS: RegisterCommand[] = [registerConvert, registerDiff, registerConfig, registerExplain, registerCompletion];

import type { CliIO } from './io.js';

export type ColorWhen = 'auto' | 'always' | 'never';

/** Colour on a terminal, never when NO_COLOR is set (https://no-color.org), unless asked for explicitly. */
export function useColor(when: ColorWhen | undefined, io: CliIO): boolean {
  if (when === 'always') return true;
  if (when === 'never') return false;
  if (io.env.NO_COLOR !== undefined && io.env.NO_COLOR !== '') return false;
  return io.isTTY === true && io.env.TERM !== 'dumb';
}

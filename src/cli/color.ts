export type ColorMode = 'auto' | 'always' | 'never';

export const COLOR_MODES: readonly ColorMode[] = ['auto', 'always', 'never'];

/**
 * Whether to colour stderr: `--color always|never` decides; `auto` (the default) colours a
 * terminal unless NO_COLOR is set to anything but the empty string (https://no-color.org) or the
 * terminal is dumb. FORCE_COLOR (non-empty, not 0) colours a pipe too, as in Node.js itself.
 */
export function useColor(mode: ColorMode, env: Record<string, string | undefined>, isTTY: boolean): boolean {
  if (mode === 'always') return true;
  if (mode === 'never') return false;
  if (env.NO_COLOR) return false;
  if (env.FORCE_COLOR !== undefined && env.FORCE_COLOR !== '' && env.FORCE_COLOR !== '0') return true;
  return isTTY && env.TERM !== 'dumb';
}

const SGR = { red: '31', yellow: '33', cyan: '36', green: '32', bold: '1', dim: '2' } as const;

export function paint(text: string, ...styles: (keyof typeof SGR)[]): string {
  return `\u001b[${styles.map((s) => SGR[s]).join(';')}m${text}\u001b[0m`;
}

const SEVERITY_STYLE: Record<string, (keyof typeof SGR)[]> = { error: ['bold', 'red'], warning: ['bold', 'yellow'], info: ['bold', 'cyan'] };

/**
 * A formatted diagnostic (`file:line:col: severity: message [code]`, code frame, hint) with its
 * severity coloured, the code dimmed, the caret in the severity's colour and the hint in green.
 */
export function colorDiagnostic(text: string, severity: string): string {
  const style = SEVERITY_STYLE[severity] ?? ['bold'];
  const lines = text.split('\n');
  lines[0] = lines[0]!.replace(new RegExp(`(^|: )(${severity})(: )`), (_m, a: string, s: string, b: string) => `${a}${paint(s, ...style)}${b}`).replace(/ (\[[a-z0-9-]+\])$/, (_m, code: string) => ` ${paint(code, 'dim')}`);
  for (let i = 1; i < lines.length; i++) {
    const line = lines[i]!;
    if (/^ {2}hint: /.test(line)) lines[i] = `  ${paint('hint:', 'green')}${line.slice('  hint:'.length)}`;
    else if (/^ +[0-9 ]*\| *\^$/.test(line) && /\^$/.test(line)) lines[i] = line.replace(/\^$/, paint('^', ...style));
  }
  return lines.join('\n');
}

/** A `error: ... [code]` line of the CLI itself, coloured like a diagnostic. */
export function colorMessage(text: string): string {
  const m = /^(error|warning|info)(: )/.exec(text);
  return m ? colorDiagnostic(text, m[1]!) : text;
}

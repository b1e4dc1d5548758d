/** A position in a source file; line and column are 1-based. */
export interface Loc {
  file: string;
  line: number;
  column: number;
}

export function formatLoc(loc: Loc): string {
  return `${loc.file}:${loc.line}:${loc.column}`;
}

/** Location for values that the tool synthesised rather than read from a file. */
export const NO_LOC: Loc = { file: '<generated>', line: 0, column: 0 };

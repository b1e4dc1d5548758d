/**
 * Paths into a compose tree as lists of mapping keys, with `[]` standing for any sequence item,
 * and pattern tables over them where `*` matches any one key (e.g. `services.*.ports`).
 */
export type TreePath = readonly string[];

export const ITEM = '[]';

export class PatternTable<T> {
  private readonly rows: { parts: string[]; value: T }[];

  constructor(rows: Record<string, T>) {
    this.rows = Object.entries(rows).map(([pattern, value]) => ({ parts: pattern.split('.'), value }));
  }

  /** The value of the first pattern that matches `path`. */
  lookup(path: TreePath): T | undefined {
    for (const { parts, value } of this.rows) {
      if (parts.length === path.length && parts.every((p, i) => p === '*' || p === path[i])) return value;
    }
    return undefined;
  }
}

import { CORE_EQUIVALENCES } from './core.js';
import type { Equivalence } from './types.js';

export type { Equivalence, Fidelity } from './types.js';

/**
 * The whole table, one file of rows per concern (like the mapping transforms). A key appears once.
 */
export const EQUIVALENCES: readonly Equivalence[] = [...CORE_EQUIVALENCES];

const BY_KEY = new Map(EQUIVALENCES.map((e) => [e.key, e]));

export function equivalence(key: string): Equivalence | undefined {
  return BY_KEY.get(key);
}

import { CONFIG_EQUIVALENCES } from './config.js';
import { CORE_EQUIVALENCES } from './core.js';
import { EXTENSION_EQUIVALENCES } from './extension.js';
import { HEALTH_EQUIVALENCES } from './health.js';
import { LOADER_EQUIVALENCES } from './loader.js';
import { NETWORK_EQUIVALENCES } from './network.js';
import { RESOURCE_EQUIVALENCES } from './resources.js';
import { SECURITY_EQUIVALENCES } from './security.js';
import { STORAGE_EQUIVALENCES } from './storage.js';
import { TOPLEVEL_EQUIVALENCES } from './toplevel.js';
import type { Equivalence } from './types.js';
import { UNSUPPORTED_EQUIVALENCES } from './unsupported.js';
import { WORKLOAD_EQUIVALENCES } from './workloads.js';
import { EXAMPLES } from './examples.js';

export type { Equivalence, ExampleFiles, Fidelity, ValueFidelity } from './types.js';

/**
 * The whole table, one file of rows per concern (like the mapping transforms). A key appears once.
 */
const ROWS: readonly Equivalence[] = [
  ...CORE_EQUIVALENCES,
  ...CONFIG_EQUIVALENCES,
  ...STORAGE_EQUIVALENCES,
  ...WORKLOAD_EQUIVALENCES,
  ...EXTENSION_EQUIVALENCES,
  ...LOADER_EQUIVALENCES,
  ...TOPLEVEL_EQUIVALENCES,
  ...UNSUPPORTED_EQUIVALENCES,
  ...SECURITY_EQUIVALENCES,
  ...NETWORK_EQUIVALENCES,
  ...HEALTH_EQUIVALENCES,
  ...RESOURCE_EQUIVALENCES,
];

/** The rows, each with its example project (examples.ts). */
export const EQUIVALENCES: readonly Equivalence[] = ROWS.map((row) => (Object.hasOwn(EXAMPLES, row.key) ? { ...row, example: EXAMPLES[row.key]! } : row));

const BY_KEY = new Map(EQUIVALENCES.map((e) => [e.key, e]));

export function equivalence(key: string): Equivalence | undefined {
  return BY_KEY.get(key);
}

import type { ServiceTransform } from './context.js';

/** depends_on -> init containers that wait for each dependency. */
export const mapDependencies: ServiceTransform = () => {};

import type { ServiceTransform } from './context.js';

/** deploy.resources, mem_limit, cpus, mem_reservation, GPUs -> container resources. */
export const mapResources: ServiceTransform = () => {};

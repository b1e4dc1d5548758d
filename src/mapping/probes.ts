import type { ServiceTransform } from './context.js';

/** healthcheck -> readiness, liveness and startup probes. */
export const mapProbes: ServiceTransform = () => {};

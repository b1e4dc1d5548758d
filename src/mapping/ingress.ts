import type { ServiceTransform } from './context.js';

/** Ingress on request (x-kubernetes.ingress or kompose labels). */
export const mapIngress: ServiceTransform = () => {};

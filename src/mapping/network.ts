import type { MapContext, ServiceTransform } from './context.js';

/** hostname, domainname, extra_hosts, dns*, network aliases, network_mode. */
export const mapNetwork: ServiceTransform = () => {};

/** Compose networks -> NetworkPolicies that keep Compose's isolation (project-level). */
export function mapNetworkPolicies(_ctx: MapContext): void {}

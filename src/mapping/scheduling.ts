import type { ServiceTransform } from './context.js';

/** update_config, restart_policy, placement, platform, labels, stop_grace_period, hooks, pull_policy. */
export const mapScheduling: ServiceTransform = () => {};

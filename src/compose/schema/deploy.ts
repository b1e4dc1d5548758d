import { intOrStr, listOf, mapping, numOrStr, oneOfStrings, str, strings, type Schema } from './builders.js';
import { duration, listOrDict, reservedDevice } from './shared.js';

/** `update_config` and `rollback_config`: how a change rolls out over the replicas. */
const rollout = mapping({
  parallelism: intOrStr,
  delay: duration,
  failure_action: str,
  monitor: duration,
  max_failure_ratio: numOrStr,
  order: oneOfStrings('start-first', 'stop-first'),
});

/** `deploy` (Compose Deploy Specification); an empty `deploy:` is allowed. */
export const deploy: Schema = mapping(
  {
    mode: str,
    endpoint_mode: str,
    replicas: intOrStr,
    labels: listOrDict,
    placement: mapping({
      constraints: strings,
      preferences: listOf(mapping({ spread: str })),
      max_replicas_per_node: intOrStr,
    }),
    resources: mapping({
      limits: mapping({ cpus: numOrStr, memory: str, pids: intOrStr }),
      reservations: mapping({
        cpus: numOrStr,
        memory: str,
        generic_resources: listOf(
          mapping({ discrete_resource_spec: mapping({ kind: str, value: numOrStr }) }),
        ),
        devices: listOf(reservedDevice),
      }),
    }),
    restart_policy: mapping({ condition: str, delay: duration, max_attempts: intOrStr, window: duration }),
    update_config: rollout,
    rollback_config: rollout,
  },
  { or: ['null'] },
);

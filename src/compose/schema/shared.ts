import {
  dictOf,
  exclusive,
  flag,
  intOrStr,
  listOf,
  mapping,
  matching,
  NON_EMPTY_KEY,
  numOrStr,
  str,
  typed,
  uniqueStrings,
  type Schema,
} from './builders.js';

/**
 * Shapes that many places of a compose file share. They live once under `definitions` and are
 * used by reference, which keeps the compiled validator small.
 */

const ref = (name: string): Schema => ({ $ref: `#/definitions/${name}` });

/** `KEY: value` mapping or `KEY=value` list (environment, labels, args, sysctls...). */
const listOrDictShape: Schema = {
  type: ['object', 'array'],
  propertyNames: NON_EMPTY_KEY,
  additionalProperties: typed('string', 'number', 'boolean', 'null'),
  items: str,
  uniqueItems: true,
};

/** A request for devices such as GPUs. Compose refuses `count` and `device_ids` together. */
function deviceRequestShape(required: string[]): Schema {
  return mapping(
    { capabilities: uniqueStrings, count: intOrStr, device_ids: uniqueStrings, driver: str, options: ref('list_or_dict') },
    { ...(required.length > 0 ? { required } : {}), rules: [exclusive('count', 'device_ids')] },
  );
}

export const SHARED_DEFINITIONS: Record<string, Schema> = {
  list_or_dict: listOrDictShape,

  /** A single string or a list of distinct strings. */
  string_or_list: { type: ['string', 'array'], items: str, uniqueItems: true },

  /**
   * Durations as Compose reads them (Go's time.ParseDuration, plus days and weeks): one or more
   * `<number><unit>`, e.g. `1m30s`, or a bare `0`.
   */
  duration: matching(
    '^[-+]?(0|(([0-9]+(\\.[0-9]*)?|\\.[0-9]+)(ns|us|µs|μs|ms|s|m|h|d|w))+)$',
    'a duration such as 10s, 1m30s or 2h',
  ),

  /** `command`, `entrypoint`, hook commands: a shell string, an exec list, or null for the image's default. */
  command: { type: ['null', 'string', 'array'], items: str },

  /**
   * A service's (or build's) grant of a secret or config: its name, or `source` with where and how
   * it is mounted. Compose's schema takes `uid` and `gid` only as strings.
   */
  file_grants: listOf(mapping({ source: str, target: str, uid: str, gid: str, mode: numOrStr }, { or: ['string'] })),

  /** `host=ip` / `host:ip` list, or a mapping from host to one address or a list of addresses. */
  extra_hosts: {
    type: ['object', 'array'],
    propertyNames: { type: 'string', minLength: 1, expect: 'host names must not be empty' },
    additionalProperties: { type: ['string', 'array'], items: str },
    items: str,
    uniqueItems: true,
  },

  /** `nofile: 1024` or `nofile: { soft: 1024, hard: 2048 }`. */
  ulimits: dictOf(
    mapping({ soft: intOrStr, hard: intOrStr }, { or: ['integer', 'string'], required: ['soft', 'hard'] }),
    { type: 'string', pattern: '^[a-z]+$', expect: 'limit names are lower-case words such as nofile or nproc' },
  ),

  /** `post_start`, `pre_stop` and `develop.watch[].exec`: a command run in the service container. */
  hook: mapping(
    { command: ref('command'), user: str, privileged: flag, working_dir: str, environment: ref('list_or_dict') },
    { required: ['command'] },
  ),

  /** `gpus` items; `deploy.resources.reservations.devices` items also need `capabilities`. */
  device_request: deviceRequestShape([]),
  reserved_device: deviceRequestShape(['capabilities']),

  /** Options handed to a driver as they are (`driver_opts`). */
  driver_options: dictOf(typed('string', 'number')),

  /**
   * `external: true` (the resource exists outside the project); the `external: { name }` form is
   * the deprecated way to name it.
   */
  external: mapping({ name: str }, { or: ['boolean', 'string'] }),
};

export const listOrDict = ref('list_or_dict');
export const stringOrList = ref('string_or_list');
export const duration = ref('duration');
export const command = ref('command');
export const fileGrants = ref('file_grants');
export const extraHosts = ref('extra_hosts');
export const ulimits = ref('ulimits');
export const hook = ref('hook');
export const deviceRequest = ref('device_request');
export const reservedDevice = ref('reserved_device');
export const driverOptions = ref('driver_options');
export const external = ref('external');

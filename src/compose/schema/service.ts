import {
  bool,
  dictOf,
  flag,
  intOrStr,
  listOf,
  mapping,
  matching,
  numOrStr,
  oneOfStrings,
  RESOURCE_NAME,
  str,
  typed,
  uniqueStrings,
  type Schema,
} from './builders.js';
import { build } from './build.js';
import { deploy } from './deploy.js';
import { develop } from './develop.js';
import { command, deviceRequest, driverOptions, duration, extraHosts, fileGrants, hook, listOrDict, stringOrList, ulimits } from './shared.js';

/** `ports`: `"[HOST:]CONTAINER[/PROTOCOL]"`, a bare port number, or the long syntax. */
const ports = listOf(
  mapping(
    {
      name: str,
      target: intOrStr,
      published: typed('string', 'integer'),
      host_ip: { type: 'string', format: 'ip-address', expect: 'an IP address such as 127.0.0.1 or ::1' },
      protocol: str,
      app_protocol: str,
      mode: str,
    },
    { or: ['number', 'string'] },
  ),
  true,
);

/** `volumes`: `"SOURCE:TARGET[:MODE]"` or the long syntax with a required `type`. */
const volumes = listOf(
  mapping(
    {
      type: oneOfStrings('volume', 'bind', 'tmpfs', 'image', 'npipe', 'cluster'),
      source: str,
      target: str,
      read_only: flag,
      consistency: str,
      bind: mapping({
        propagation: str,
        create_host_path: flag,
        selinux: oneOfStrings('z', 'Z'),
        recursive: oneOfStrings('enabled', 'disabled', 'writable', 'readonly'),
      }),
      volume: mapping({ nocopy: flag, subpath: str, labels: listOrDict }),
      tmpfs: mapping({
        size: { type: ['integer', 'string'], minimum: 0, expect: 'a size in bytes (0 or more) or a byte value such as 64m' },
        mode: numOrStr,
      }),
      image: mapping({ subpath: str }),
    },
    { or: ['string'], required: ['type'] },
  ),
  true,
);

/** `depends_on`: service names, or per service the condition to wait for. */
const dependsOn: Schema = {
  type: ['array', 'object'],
  items: str,
  uniqueItems: true,
  propertyNames: RESOURCE_NAME,
  additionalProperties: mapping(
    {
      condition: oneOfStrings('service_started', 'service_healthy', 'service_completed_successfully'),
      restart: flag,
      required: bool,
    },
    { required: ['condition'] },
  ),
};

/** `networks` of a service: network names, or per network how the service joins it. */
const serviceNetworks: Schema = {
  type: ['array', 'object'],
  items: str,
  uniqueItems: true,
  propertyNames: RESOURCE_NAME,
  additionalProperties: mapping(
    {
      aliases: uniqueStrings,
      interface_name: str,
      ipv4_address: str,
      ipv6_address: str,
      link_local_ips: uniqueStrings,
      mac_address: str,
      driver_opts: driverOptions,
      priority: typed('number'),
      gw_priority: typed('number'),
    },
    { or: ['null'] },
  ),
};

/** `models` of a service: model names, or per model the variables that carry its endpoint. */
const serviceModels: Schema = {
  type: ['array', 'object'],
  items: str,
  uniqueItems: true,
  propertyNames: RESOURCE_NAME,
  additionalProperties: mapping({ endpoint_var: str, model_var: str }),
};

/** Block IO limits: `{ path, rate }` and `{ path, weight }` items. Compose takes no `x-` keys here. */
const blkioConfig = mapping(
  {
    weight: intOrStr,
    weight_device: listOf(mapping({ path: str, weight: intOrStr }, { extensions: false })),
    device_read_bps: listOf(mapping({ path: str, rate: intOrStr }, { extensions: false })),
    device_read_iops: listOf(mapping({ path: str, rate: intOrStr }, { extensions: false })),
    device_write_bps: listOf(mapping({ path: str, rate: intOrStr }, { extensions: false })),
    device_write_iops: listOf(mapping({ path: str, rate: intOrStr }, { extensions: false })),
  },
  { extensions: false },
);

const healthcheck = mapping({
  test: { type: ['string', 'array'], items: str },
  interval: duration,
  timeout: duration,
  retries: numOrStr,
  start_period: duration,
  start_interval: duration,
  disable: flag,
});

/** One service: every attribute of the Compose Specification's services element. */
export const service: Schema = mapping({
  annotations: listOrDict,
  attach: flag,
  blkio_config: blkioConfig,
  build,
  cap_add: uniqueStrings,
  cap_drop: uniqueStrings,
  cgroup: oneOfStrings('host', 'private'),
  cgroup_parent: str,
  command,
  configs: fileGrants,
  container_name: matching(
    '^[a-zA-Z0-9][a-zA-Z0-9_.-]+$',
    'a letter or digit followed by letters, digits, ".", "_" or "-" (two characters at least)',
  ),
  cpu_count: { type: ['string', 'integer'], minimum: 0, expect: 'a number of CPUs, 0 or more' },
  cpu_percent: { type: ['string', 'integer'], minimum: 0, maximum: 100, expect: 'a percentage from 0 to 100' },
  cpu_shares: numOrStr,
  cpu_period: numOrStr,
  cpu_quota: numOrStr,
  cpu_rt_period: numOrStr,
  cpu_rt_runtime: numOrStr,
  cpus: numOrStr,
  cpuset: str,
  credential_spec: mapping({ config: str, file: str, registry: str }),
  depends_on: dependsOn,
  deploy,
  develop,
  device_cgroup_rules: uniqueStrings,
  devices: listOf(mapping({ source: str, target: str, permissions: str }, { or: ['string'], required: ['source'] })),
  dns: stringOrList,
  dns_opt: uniqueStrings,
  dns_search: stringOrList,
  domainname: str,
  entrypoint: command,
  env_file: {
    type: ['string', 'array'],
    items: mapping({ path: str, required: flag, format: str }, { or: ['string'], required: ['path'], extensions: false }),
  },
  environment: listOrDict,
  expose: listOf(typed('string', 'number'), true),
  extends: mapping({ service: str, file: str }, { or: ['string'], required: ['service'], extensions: false }),
  external_links: uniqueStrings,
  extra_hosts: extraHosts,
  gpus: {
    type: ['string', 'array'],
    pattern: '^all$',
    expect: '"all" or a list of device requests',
    items: deviceRequest,
  },
  group_add: listOf(typed('string', 'number'), true),
  healthcheck,
  hostname: str,
  image: str,
  init: flag,
  ipc: str,
  isolation: str,
  label_file: { type: ['string', 'array'], items: str },
  labels: listOrDict,
  links: uniqueStrings,
  logging: mapping({ driver: str, options: dictOf(typed('string', 'number', 'null')) }),
  mac_address: str,
  mem_limit: numOrStr,
  mem_reservation: intOrStr,
  mem_swappiness: intOrStr,
  memswap_limit: numOrStr,
  models: serviceModels,
  network_mode: str,
  networks: serviceNetworks,
  oom_kill_disable: flag,
  oom_score_adj: { type: ['string', 'integer'], minimum: -1000, maximum: 1000, expect: 'a number from -1000 to 1000' },
  pid: typed('string', 'null'),
  pids_limit: numOrStr,
  platform: str,
  ports,
  post_start: listOf(hook),
  pre_stop: listOf(hook),
  privileged: flag,
  profiles: uniqueStrings,
  provider: mapping(
    {
      type: str,
      options: dictOf({ type: ['string', 'number', 'boolean', 'array'], items: typed('string', 'number', 'boolean') }),
    },
    { required: ['type'] },
  ),
  pull_policy: matching(
    '^(always|never|missing|if_not_present|build|refresh|daily|weekly|every_([0-9]+[wdhms])+)$',
    'always, never, missing, build, refresh, daily, weekly or every_<duration> such as every_12h',
  ),
  pull_refresh_after: str,
  read_only: flag,
  restart: str,
  runtime: str,
  scale: intOrStr,
  secrets: fileGrants,
  security_opt: uniqueStrings,
  shm_size: numOrStr,
  stdin_open: flag,
  stop_grace_period: duration,
  stop_signal: str,
  storage_opt: { type: 'object' },
  sysctls: listOrDict,
  tmpfs: stringOrList,
  tty: flag,
  ulimits,
  use_api_socket: bool,
  user: str,
  userns_mode: str,
  uts: str,
  volumes,
  volumes_from: uniqueStrings,
  working_dir: str,
});


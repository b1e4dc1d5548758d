import type { Loc } from '../util/loc.js';
import type { VariableUse, YMap } from './tree.js';

/**
 * The resolved compose project in canonical long form (what `docker compose config` prints):
 * interpolated, merged, extended, included, profile-filtered and normalized. Every entity keeps
 * the location it came from; `node` keeps the merged source tree for precise lookups of any key.
 */
export interface Project {
  name: string;
  /** Project directory, POSIX, absolute when the CLI provided one. */
  workingDir: string;
  /** The compose files that were read, in order. */
  files: string[];
  services: Record<string, Service>;
  volumes: Record<string, VolumeDef>;
  networks: Record<string, NetworkDef>;
  secrets: Record<string, SecretDef>;
  configs: Record<string, ConfigDef>;
  /** Top-level `x-*` keys, as plain data. */
  extensions: Record<string, unknown>;
  /**
   * The variables of the project environment read from env files (.env, --env-file) rather than
   * the process environment: the file (as diagnostics name it) and what each value interpolated.
   */
  envFileVariables?: Record<string, { file: string; uses?: readonly VariableUse[] }>;
  /**
   * Top-level secrets no enabled service uses: Compose leaves them out of the project, but their
   * files and values stay secret (never in a ConfigMap, redacted in messages).
   */
  unusedSecrets?: Record<string, SecretDef>;
  /** Services left out because none of their profiles is enabled, with their profiles. */
  disabledServices?: Record<string, string[]>;
  node: YMap;
}

export interface Service {
  name: string;
  loc: Loc;
  /** The merged, interpolated source mapping of this service. */
  node: YMap;
  image?: string;
  build?: BuildConfig;
  command?: string[] | null;
  entrypoint?: string[] | null;
  workingDir?: string;
  user?: string;
  tty?: boolean;
  stdinOpen?: boolean;
  /** Variables in the order Compose lists them; `value: null` means "from the process environment, unset there". */
  environment: EnvVar[];
  envFiles: EnvFile[];
  ports: PortConfig[];
  expose: ExposeConfig[];
  volumes: VolumeMount[];
  tmpfs: TmpfsMount[];
  secrets: FileReference[];
  configs: FileReference[];
  dependsOn: Record<string, DependsOn>;
  healthcheck?: Healthcheck;
  deploy?: DeployConfig;
  /** `scale` (legacy) or deploy.replicas, resolved. */
  replicas?: number;
  restart?: string;
  labels: Record<string, string>;
  annotations: Record<string, string>;
  profiles: string[];
  networks: Record<string, ServiceNetwork>;
  networkMode?: string;
  hostname?: string;
  domainname?: string;
  containerName?: string;
  extraHosts: ExtraHost[];
  dns: string[];
  dnsSearch: string[];
  dnsOpt: string[];
  capAdd: string[];
  capDrop: string[];
  privileged?: boolean;
  readOnly?: boolean;
  groupAdd: string[];
  securityOpt: string[];
  sysctls: Record<string, string>;
  /** `single`: written as one number (soft and hard alike); `config` prints each form as written. */
  ulimits: Record<string, { soft: number; hard: number; single?: boolean; loc: Loc }>;
  pid?: string;
  ipc?: string;
  init?: boolean;
  stopGracePeriod?: string;
  stopSignal?: string;
  pullPolicy?: string;
  platform?: string;
  shmSize?: string;
  memLimit?: string;
  memReservation?: string;
  cpus?: number;
  postStart: LifecycleHook[];
  preStop: LifecycleHook[];
  /** The service's `x-kubernetes` extension, as plain data (validated by the mapper). */
  xKubernetes?: unknown;
  /** Other `x-*` keys of the service. */
  extensions: Record<string, unknown>;
}

export interface EnvVar {
  name: string;
  /** null: declared without a value and not set in the environment of the convert process. */
  value: string | null;
  loc: Loc;
  /** Where the value came from: the service's `environment`, or an env_file (by index in envFiles). */
  source: 'environment' | { envFile: number };
  /** True when the value was taken from the environment of the convert process (`- NAME` form). */
  fromProcess?: boolean;
  /** With `fromProcess`: the env file that set the variable (`.env`, an --env-file), as diagnostics name it; absent: the process environment. */
  fromFile?: string;
  /** The variables interpolated into the value; with `fromProcess`, the variable read. */
  uses?: readonly VariableUse[];
}

export interface EnvFile {
  path: string;
  /** Path as written, for messages. */
  declared: string;
  required: boolean;
  format?: string;
  loc: Loc;
  /** Parsed variables in file order; absent when the file does not exist and is optional. */
  vars?: { name: string; value: string; uses?: readonly VariableUse[] }[];
}

export interface BuildConfig {
  context: string;
  dockerfile?: string;
  args: Record<string, string | null>;
  target?: string;
  loc: Loc;
}

export interface PortConfig {
  target: number;
  /** Published host port or range as written ("8080", "8000-8010"); undefined when not published. */
  published?: string;
  hostIp?: string;
  protocol: 'tcp' | 'udp' | 'sctp';
  mode?: 'ingress' | 'host';
  name?: string;
  appProtocol?: string;
  loc: Loc;
}

export interface ExposeConfig {
  /** A port or a range as written ("3000", "8000-8010"), protocol stripped. */
  port: string;
  protocol: 'tcp' | 'udp' | 'sctp';
  /** As written (`6767/tcp`, `80`): `config` prints it so. */
  text?: string;
  loc: Loc;
}

export interface VolumeMount {
  type: 'volume' | 'bind' | 'tmpfs' | 'npipe' | 'cluster' | 'image';
  /** Volume name, host path (resolved against the project dir for binds) or undefined (anonymous). */
  source?: string;
  /** An absolute bind source as written, when cleaning changed it (`config` prints it as written, like compose-go). */
  writtenSource?: string;
  target: string;
  readOnly: boolean;
  /** bind: create_host_path, propagation, selinux */
  bind?: { createHostPath?: boolean; propagation?: string; selinux?: string };
  volume?: { nocopy?: boolean; subpath?: string };
  tmpfs?: { size?: string; mode?: number };
  consistency?: string;
  loc: Loc;
}

export interface TmpfsMount {
  target: string;
  /** Every mount option as written (`rw`, `noexec`, `size=64m`, ...), in order; size and mode are also read below. */
  options: string[];
  size?: string;
  mode?: number;
  loc: Loc;
}

export interface FileReference {
  source: string;
  /** Secrets: a name relative to /run/secrets/ or an absolute path; configs: absolute path, default `/<source>`. */
  target: string;
  /** The target is written (`config` prints it as written, even when it is the default). */
  explicitTarget?: boolean;
  uid?: string;
  gid?: string;
  mode?: number;
  loc: Loc;
}

export interface DependsOn {
  condition: 'service_started' | 'service_healthy' | 'service_completed_successfully';
  required: boolean;
  restart: boolean;
  loc: Loc;
  /** Set when the dependency is not written under depends_on but implied, as Compose implies it: by `links`. */
  implied?: 'links';
}

export interface Healthcheck {
  /** ["CMD", ...], ["CMD-SHELL", "cmd"] or ["NONE"]; undefined when only timings are set. */
  test?: string[];
  interval?: string;
  timeout?: string;
  retries?: number;
  startPeriod?: string;
  startInterval?: string;
  disable: boolean;
  loc: Loc;
}

export interface DeployConfig {
  mode?: 'replicated' | 'global' | 'replicated-job' | 'global-job';
  replicas?: number;
  labels: Record<string, string>;
  resources?: {
    limits?: ResourceSpec;
    reservations?: ResourceSpec & { devices?: DeviceRequest[] };
  };
  restartPolicy?: { condition?: string; delay?: string; maxAttempts?: number; window?: string; loc: Loc };
  updateConfig?: UpdateConfig;
  rollbackConfig?: UpdateConfig;
  placement?: {
    constraints: string[];
    preferences: { spread: string }[];
    maxReplicasPerNode?: number;
    loc: Loc;
  };
  endpointMode?: string;
  loc: Loc;
}

export interface ResourceSpec {
  cpus?: number;
  memory?: string;
  pids?: number;
  loc: Loc;
}

export interface DeviceRequest {
  capabilities: string[];
  count?: number | 'all';
  deviceIds: string[];
  driver?: string;
  loc: Loc;
}

export interface UpdateConfig {
  parallelism?: number;
  delay?: string;
  failureAction?: string;
  monitor?: string;
  maxFailureRatio?: number;
  order?: 'start-first' | 'stop-first';
  loc: Loc;
}

export interface ServiceNetwork {
  aliases: string[];
  ipv4Address?: string;
  ipv6Address?: string;
  priority?: number;
  loc: Loc;
}

export interface ExtraHost {
  hostname: string;
  ip: string;
  loc: Loc;
}

export interface LifecycleHook {
  command: string[];
  user?: string;
  privileged?: boolean;
  workingDir?: string;
  environment: Record<string, string | null>;
  loc: Loc;
}

export interface VolumeDef {
  name: string;
  /** `name:` or the default `<project>_<key>` that Docker would use. */
  externalName?: string;
  external: boolean;
  driver?: string;
  driverOpts: Record<string, string>;
  labels: Record<string, string>;
  xKubernetes?: unknown;
  loc: Loc;
}

export interface NetworkDef {
  name: string;
  external: boolean;
  driver?: string;
  internal: boolean;
  attachable?: boolean;
  labels: Record<string, string>;
  loc: Loc;
}

export interface SecretDef {
  name: string;
  /** Exactly one of file, environment, content (configs only) or external. */
  file?: string;
  environment?: string;
  content?: string;
  external: boolean;
  externalName?: string;
  /** The secret's bytes, resolved by the loader (file contents or env value); never printed. */
  data?: string;
  loc: Loc;
}

export type ConfigDef = SecretDef;

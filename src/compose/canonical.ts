import { resolve } from '../util/path.js';
import { byteSize } from '../util/units.js';
import type {
  DeployConfig,
  FileReference,
  Healthcheck,
  LifecycleHook,
  PortConfig,
  Project,
  ResourceSpec,
  SecretDef,
  Service,
  UpdateConfig,
  VolumeMount,
} from './model.js';
import { serviceEdges } from './references.js';
import { get, isMap, isScalar, isSeq, scalarString, toPlain, type YMap, type YNode } from './tree.js';

type Plain = Record<string, unknown>;

/**
 * A service's keys in the order `docker compose config` prints them (the field order of
 * compose-go's ServiceConfig). Keys the model normalizes are printed in their long form; any other
 * key is printed as it was written (after interpolation and merging).
 */
const BUILD_KEYS = [
  'context', 'dockerfile', 'dockerfile_inline', 'entitlements', 'args', 'ssh', 'labels', 'cache_from',
  'cache_to', 'no_cache', 'additional_contexts', 'pull', 'extra_hosts', 'isolation', 'network',
  'target', 'secrets', 'shm_size', 'tags', 'ulimits', 'platforms', 'privileged',
];
const NETWORK_KEYS = ['name', 'driver', 'driver_opts', 'ipam', 'external', 'internal', 'attachable', 'labels', 'enable_ipv6'];
const VOLUME_KEYS = ['name', 'driver', 'driver_opts', 'external', 'labels'];
const FILE_OBJECT_KEYS = ['name', 'file', 'environment', 'content', 'external', 'labels', 'driver', 'driver_opts', 'template_driver'];

const SERVICE_KEYS = [
  'profiles', 'annotations', 'attach', 'build', 'develop', 'blkio_config', 'cap_add', 'cap_drop',
  'cgroup_parent', 'cgroup', 'cpu_count', 'cpu_percent', 'cpu_period', 'cpu_quota', 'cpu_rt_period',
  'cpu_rt_runtime', 'cpus', 'cpuset', 'cpu_shares', 'command', 'configs', 'container_name',
  'credential_spec', 'depends_on', 'deploy', 'device_cgroup_rules', 'devices', 'dns', 'dns_opt',
  'dns_search', 'dockerfile', 'domainname', 'entrypoint', 'environment', 'env_file', 'expose',
  'extends', 'external_links', 'extra_hosts', 'group_add', 'gpus', 'hostname', 'healthcheck', 'image',
  'init', 'ipc', 'isolation', 'labels', 'links', 'logging', 'log_driver', 'log_opt', 'mem_limit',
  'mem_reservation', 'memswap_limit', 'mem_swappiness', 'mac_address', 'net', 'network_mode',
  'networks', 'oom_kill_disable', 'oom_score_adj', 'pid', 'pids_limit', 'platform', 'ports',
  'privileged', 'pull_policy', 'read_only', 'restart', 'runtime', 'scale', 'secrets', 'security_opt',
  'shm_size', 'stdin_open', 'stop_grace_period', 'stop_signal', 'storage_opt', 'sysctls', 'tmpfs',
  'tty', 'ulimits', 'user', 'userns_mode', 'uts', 'volume_driver', 'volumes', 'volumes_from',
  'working_dir', 'post_start', 'pre_stop',
];

/**
 * The resolved project as plain data in the canonical long form `docker compose config` prints:
 * services sorted by name, `environment` as a map with the env_file variables merged under it,
 * long-syntax ports, volumes, secrets, configs and depends_on, commands as lists, durations and
 * byte sizes the way Compose writes them, the implicit `default` network, and the names Compose
 * gives resources (`<project>_<key>`). Secret contents never appear.
 */
export function canonicalProject(project: Project): Plain {
  const out: Plain = { name: project.name };
  const services: Plain = {};
  let usesDefault = false;
  for (const name of sortedKeys(project.services)) {
    const svc = project.services[name]!;
    const s = canonicalService(svc, project);
    if (isPlain(s.networks) && 'default' in s.networks) usesDefault = true;
    services[name] = s;
  }
  out.services = services;

  const networks: Plain = {};
  const networkNames = new Set(Object.keys(project.networks));
  if (usesDefault) networkNames.add('default');
  for (const key of [...networkNames].sort()) networks[key] = canonicalNetwork(key, project);
  if (networkNames.size > 0) out.networks = networks;

  addSection(out, 'volumes', project, (key) => {
    const v = project.volumes[key]!;
    return ordered(
      VOLUME_KEYS,
      {
        name: v.externalName ?? `${project.name}_${key}`,
        driver: v.driver,
        driver_opts: nonEmptyMap(v.driverOpts),
        external: v.external || undefined,
        labels: nonEmptyMap(v.labels),
      },
      definition(project, 'volumes', key),
    );
  });
  addSection(out, 'secrets', project, (key) => fileObject(key, project.secrets[key]!, 'secrets', project));
  addSection(out, 'configs', project, (key) => fileObject(key, project.configs[key]!, 'configs', project));
  const models = get(project.node, 'models');
  if (models !== undefined) out.models = toPlain(models);
  for (const key of Object.keys(project.extensions).sort()) out[key] = project.extensions[key];
  return out;
}

function addSection(out: Plain, section: 'volumes' | 'secrets' | 'configs', project: Project, one: (key: string) => Plain): void {
  const keys = sortedKeys(project[section]);
  if (keys.length > 0) out[section] = Object.fromEntries(keys.map((k) => [k, one(k)]));
}

function canonicalService(svc: Service, project: Project): Plain {
  const node = svc.node;
  const shortVolumes = shortSyntaxLocs(node, 'volumes');
  const normalized: Plain = {
    profiles: nonEmpty(svc.profiles),
    annotations: nonEmptyMap(svc.annotations),
    build: build(svc, project),
    cap_add: nonEmpty(svc.capAdd),
    cap_drop: nonEmpty(svc.capDrop),
    cpus: svc.cpus,
    command: svc.command ?? undefined,
    configs: nonEmpty(svc.configs.map((r) => fileReference(r, undefined))),
    container_name: svc.containerName,
    depends_on: dependsOn(svc),
    deploy: svc.deploy && deploy(svc.deploy),
    dns: nonEmpty(svc.dns),
    dns_opt: nonEmpty(svc.dnsOpt),
    dns_search: nonEmpty(svc.dnsSearch),
    domainname: svc.domainname,
    entrypoint: svc.entrypoint ?? undefined,
    environment: environment(svc),
    // Its variables are in `environment`, as docker compose config resolves them.
    env_file: undefined,
    expose: nonEmpty(svc.expose.map((e) => e.text ?? (e.protocol === 'tcp' ? e.port : `${e.port}/${e.protocol}`))),
    extra_hosts: nonEmpty(svc.extraHosts.map((h) => `${h.hostname}=${h.ip}`).sort()),
    group_add: nonEmpty(svc.groupAdd),
    hostname: svc.hostname,
    healthcheck: svc.healthcheck && healthcheck(svc.healthcheck),
    image: svc.image,
    init: svc.init,
    ipc: svc.ipc,
    labels: nonEmptyMap(svc.labels),
    mem_limit: bytes(svc.memLimit),
    mem_reservation: bytes(svc.memReservation),
    memswap_limit: bytes(scalarString(get(node, 'memswap_limit'))),
    blkio_config: blkioConfig(get(node, 'blkio_config')),
    network_mode: svc.networkMode,
    networks: serviceNetworks(svc),
    pid: svc.pid,
    platform: svc.platform,
    ports: nonEmpty(svc.ports.map(port)),
    privileged: svc.privileged || undefined,
    pull_policy: svc.pullPolicy,
    read_only: svc.readOnly || undefined,
    restart: svc.restart,
    scale: get(node, 'scale') !== undefined ? svc.replicas : undefined,
    secrets: nonEmpty(svc.secrets.map((r) => fileReference(r, `/run/secrets/${r.source}`))),
    security_opt: nonEmpty(svc.securityOpt),
    shm_size: bytes(svc.shmSize),
    stdin_open: svc.stdinOpen || undefined,
    stop_grace_period: svc.stopGracePeriod && goDuration(svc.stopGracePeriod),
    stop_signal: svc.stopSignal,
    sysctls: nonEmptyMap(svc.sysctls),
    // compose-go keeps the options as written (`/run:rw,noexec,nosuid,size=64m`).
    tmpfs: nonEmpty(svc.tmpfs.map((t) => (t.options.length > 0 ? `${t.target}:${t.options.join(',')}` : t.target))),
    tty: svc.tty || undefined,
    ulimits: nonEmptyMap(
      Object.fromEntries(sortedKeys(svc.ulimits).map((k) => {
        const u = svc.ulimits[k]!;
        return [k, u.single ? u.soft : { soft: u.soft, hard: u.hard }];
      })),
    ),
    user: svc.user,
    volumes: nonEmpty(svc.volumes.map((v) => volumeMount(v, shortVolumes))),
    working_dir: svc.workingDir,
    post_start: nonEmpty(svc.postStart.map(hook)),
    pre_stop: nonEmpty(svc.preStop.map(hook)),
  };
  return ordered(SERVICE_KEYS, normalized, node);
}

/**
 * The keys of `order`, each from `normalized` when it has the key (undefined: left out) or as
 * written; then the written keys `order` does not name, sorted, extensions (`x-*`) last.
 */
function ordered(order: readonly string[], normalized: Plain, written: YMap | undefined): Plain {
  const out: Plain = {};
  const value = (key: string) => {
    if (key in normalized) return normalized[key];
    const v = get(written, key);
    return v === undefined ? undefined : toPlain(v);
  };
  for (const key of order) {
    const v = value(key);
    if (v !== undefined) out[key] = v;
  }
  const known = new Set(order);
  const rest = (written?.entries ?? []).map((e) => e.key).filter((k) => !known.has(k));
  const extensions = rest.filter((k) => k.startsWith('x-')).sort(compare);
  for (const key of [...rest.filter((k) => !k.startsWith('x-')).sort(compare), ...extensions]) out[key] = value(key);
  return out;
}

/**
 * depends_on with the dependencies compose-go implies: links (in the model), volumes_from, and
 * network_mode, ipc and pid of `service:NAME` (restarted with it).
 */
function dependsOn(svc: Service): Plain | undefined {
  const deps: Plain = {};
  for (const k of Object.keys(svc.dependsOn)) {
    const d = svc.dependsOn[k]!;
    deps[k] = clean({ condition: d.condition, restart: d.restart || undefined, required: d.required });
  }
  for (const e of serviceEdges(svc)) {
    if (e.target in deps) continue;
    deps[e.target] = clean({ condition: 'service_started', restart: e.via === 'volumes_from' ? undefined : true, required: true });
  }
  return nonEmptyMap(deps);
}

/** env_file variables in file order, then `environment` over them; `null` is declared but unset. */
function environment(svc: Service): Plain | undefined {
  const vars = new Map<string, string | null>();
  for (const f of svc.envFiles) for (const v of f.vars ?? []) vars.set(v.name, v.value);
  for (const v of svc.environment) vars.set(v.name, v.value);
  return vars.size > 0 ? Object.fromEntries([...vars].sort(([a], [b]) => compare(a, b))) : undefined;
}

function build(svc: Service, project: Project): Plain | undefined {
  const b = svc.build;
  if (!b) return undefined;
  const written = get(svc.node, 'build');
  const remote = /^[a-z]+:\/\/|^git@|^github\.com\//.test(b.context);
  return ordered(
    BUILD_KEYS,
    {
      context: remote ? b.context : resolve(project.workingDir, b.context),
      dockerfile: b.dockerfile ?? 'Dockerfile',
      args: nonEmptyMap(b.args),
      target: b.target,
      shm_size: bytes(scalarString(get(written, 'shm_size'))),
    },
    isMap(written) ? written : undefined,
  );
}

function port(p: PortConfig): Plain {
  return clean({
    name: p.name,
    mode: p.mode ?? 'ingress',
    host_ip: p.hostIp,
    target: p.target,
    published: p.published,
    protocol: p.protocol,
    app_protocol: p.appProtocol,
  });
}

/** Locations of the items of a list written in short syntax (`- a:/b`). */
function shortSyntaxLocs(node: YMap, key: string): Set<string> {
  const list = get(node, key);
  return new Set(isSeq(list) ? list.items.filter(isScalar).map((i) => locKey(i)) : []);
}

function locKey(n: { loc: { file: string; line: number; column: number } }): string {
  return `${n.loc.file}:${n.loc.line}:${n.loc.column}`;
}

function volumeMount(v: VolumeMount, short: Set<string>): Plain {
  const volume =
    v.volume || (v.type === 'volume' && short.has(locKey(v)))
      ? clean({ nocopy: v.volume?.nocopy || undefined, subpath: v.volume?.subpath })
      : undefined;
  return clean({
    type: v.type,
    source: v.writtenSource ?? v.source,
    target: v.target,
    read_only: v.readOnly || undefined,
    consistency: v.consistency,
    bind: v.bind && clean({ selinux: v.bind.selinux, propagation: v.bind.propagation, create_host_path: v.bind.createHostPath || undefined }),
    volume,
    tmpfs: v.tmpfs && clean({ size: bytes(v.tmpfs.size), mode: v.tmpfs.mode }),
  });
}

/**
 * A written target prints as written, even when it is the default; without one, a secret prints
 * its default target (`/run/secrets/<source>`) and a config none, as compose-go does.
 */
function fileReference(r: FileReference, defaultTarget: string | undefined): Plain {
  return clean({
    source: r.source,
    target: r.explicitTarget ? r.target : defaultTarget,
    uid: r.uid,
    gid: r.gid,
    mode: r.mode === undefined ? undefined : `0${r.mode.toString(8)}`,
  });
}

function healthcheck(h: Healthcheck): Plain {
  return clean({
    test: h.test,
    timeout: h.timeout && goDuration(h.timeout),
    interval: h.interval && goDuration(h.interval),
    retries: h.retries,
    start_period: h.startPeriod && goDuration(h.startPeriod),
    start_interval: h.startInterval && goDuration(h.startInterval),
    disable: h.disable || undefined,
  });
}

function serviceNetworks(svc: Service): Plain | undefined {
  const keys = sortedKeys(svc.networks);
  if (keys.length === 0) return svc.networkMode === undefined ? { default: null } : undefined;
  return Object.fromEntries(
    keys.map((k) => {
      const n = svc.networks[k]!;
      const config = clean({ priority: n.priority, aliases: nonEmpty(n.aliases), ipv4_address: n.ipv4Address, ipv6_address: n.ipv6Address });
      return [k, Object.keys(config).length > 0 ? config : null];
    }),
  );
}

function hook(h: LifecycleHook): Plain {
  return clean({
    command: h.command,
    user: h.user,
    privileged: h.privileged || undefined,
    working_dir: h.workingDir,
    environment: nonEmptyMap(h.environment),
  });
}

function deploy(d: DeployConfig): Plain {
  return clean({
    mode: d.mode,
    replicas: d.replicas,
    labels: nonEmptyMap(d.labels),
    update_config: d.updateConfig && updateConfig(d.updateConfig),
    rollback_config: d.rollbackConfig && updateConfig(d.rollbackConfig),
    resources: d.resources && clean({
      limits: d.resources.limits && resources(d.resources.limits),
      reservations: d.resources.reservations && clean({
        ...resources(d.resources.reservations),
        devices: nonEmpty(
          (d.resources.reservations.devices ?? []).map((dev) =>
            clean({ capabilities: dev.capabilities, driver: dev.driver, count: dev.count, device_ids: nonEmpty(dev.deviceIds) }),
          ),
        ),
      }),
    }),
    restart_policy: d.restartPolicy && clean({
      condition: d.restartPolicy.condition,
      delay: d.restartPolicy.delay && goDuration(d.restartPolicy.delay),
      max_attempts: d.restartPolicy.maxAttempts,
      window: d.restartPolicy.window && goDuration(d.restartPolicy.window),
    }),
    placement: d.placement && clean({
      constraints: nonEmpty(d.placement.constraints),
      preferences: nonEmpty(d.placement.preferences),
      max_replicas_per_node: d.placement.maxReplicasPerNode,
    }),
    endpoint_mode: d.endpointMode,
  });
}

function resources(r: ResourceSpec): Plain {
  return clean({ cpus: r.cpus, memory: bytes(r.memory), pids: r.pids });
}

function updateConfig(u: UpdateConfig): Plain {
  return clean({
    parallelism: u.parallelism,
    delay: u.delay && goDuration(u.delay),
    failure_action: u.failureAction,
    monitor: u.monitor && goDuration(u.monitor),
    max_failure_ratio: u.maxFailureRatio,
    order: u.order,
  });
}

function canonicalNetwork(key: string, project: Project): Plain {
  const n = project.networks[key];
  const written = definition(project, 'networks', key);
  const explicit = get(written, 'name');
  const external = n?.external ?? false;
  const name = isScalar(explicit) && explicit.value !== null ? String(explicit.value) : external ? key : `${project.name}_${key}`;
  return ordered(
    NETWORK_KEYS,
    {
      name,
      driver: n?.driver,
      external: external || undefined,
      internal: n?.internal || undefined,
      attachable: n?.attachable || undefined,
      labels: nonEmptyMap(n?.labels ?? {}),
    },
    written,
  );
}

/** Secrets never print their content; a config's `content` prints unless it came from a variable. */
function fileObject(key: string, d: SecretDef, section: 'secrets' | 'configs', project: Project): Plain {
  return ordered(
    FILE_OBJECT_KEYS,
    {
      name: d.externalName ?? (d.external ? key : `${project.name}_${key}`),
      file: d.file,
      environment: d.environment,
      content: section === 'configs' && d.environment === undefined ? d.content : undefined,
      external: d.external || undefined,
    },
    definition(project, section, key),
  );
}

/** The top-level definition `section.key` as written. */
function definition(project: Project, section: string, key: string): YMap | undefined {
  const d = get(get(project.node, section), key);
  return isMap(d) ? d : undefined;
}


/** blkio_config with its `*_bps` rates in bytes (compose-go reads them as byte sizes). */
function blkioConfig(node: YNode | undefined): unknown {
  if (!isMap(node)) return node === undefined ? undefined : toPlain(node);
  const plain = toPlain(node) as Plain;
  for (const key of ['device_read_bps', 'device_write_bps']) {
    const list = get(node, key);
    if (!isSeq(list)) continue;
    plain[key] = list.items.map((item) => {
      const p = toPlain(item);
      if (!isPlain(p)) return p;
      const rate = bytes(scalarString(get(item, 'rate')));
      return rate === undefined ? p : { ...p, rate };
    });
  }
  return plain;
}

/** Byte sizes as Compose prints them: the number of bytes, as a string. */
function bytes(text: string | undefined): string | undefined {
  if (text === undefined) return undefined;
  const n = byteSize(text);
  return n === undefined ? text : String(n);
}

const NS: Record<string, number> = { ns: 1, us: 1e3, 'µs': 1e3, 'μs': 1e3, ms: 1e6, s: 1e9, m: 6e10, h: 3.6e12 };

/** A Go duration (`90s`, `1m30s`, `500ms`) printed the way Go prints it (`1m30s`); other text unchanged. */
export function goDuration(text: string): string {
  const s = text.trim();
  if (s === '0') return '0s';
  let ns = 0;
  let rest = s;
  if (rest === '') return text;
  while (rest) {
    const m = /^(\d+(?:\.\d*)?|\.\d+)(ns|us|µs|μs|ms|s|m|h)/.exec(rest);
    if (!m) return text;
    ns += Number(m[1]) * NS[m[2]!]!;
    rest = rest.slice(m[0].length);
  }
  return formatGoDuration(Math.round(ns));
}

function formatGoDuration(ns: number): string {
  if (ns === 0) return '0s';
  if (ns < 1e3) return `${ns}ns`;
  if (ns < 1e6) return `${trimFraction(ns / 1e3)}µs`;
  if (ns < 1e9) return `${trimFraction(ns / 1e6)}ms`;
  const h = Math.floor(ns / 3.6e12);
  const m = Math.floor((ns - h * 3.6e12) / 6e10);
  const sec = trimFraction((ns - h * 3.6e12 - m * 6e10) / 1e9);
  if (h > 0) return `${h}h${m}m${sec}s`;
  if (m > 0) return `${m}m${sec}s`;
  return `${sec}s`;
}

function trimFraction(n: number): string {
  return String(Number(n.toFixed(9)));
}

function sortedKeys(o: object): string[] {
  return Object.keys(o).sort(compare);
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function nonEmpty<T>(list: T[]): T[] | undefined {
  return list.length > 0 ? list : undefined;
}

function nonEmptyMap<V>(map: Record<string, V>): Record<string, V> | undefined {
  const keys = sortedKeys(map);
  return keys.length > 0 ? Object.fromEntries(keys.map((k) => [k, map[k]!])) : undefined;
}

function clean(o: Plain): Plain {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined));
}

function isPlain(v: unknown): v is Plain {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

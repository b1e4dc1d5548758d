import type { Diagnostics } from '../diagnostics/diagnostic.js';
import { splitPortSyntax } from './port-syntax.js';
import type { Loc } from '../util/loc.js';
import { normalize as normalizePath, resolve } from '../util/path.js';
import { splitShellWords } from '../util/shellwords.js';
import { envFiles, labelFiles, type EnvFileContext } from './env-file.js';
import type { FileReader } from './host.js';
import { warnIfOutside } from './outside.js';
import type {
  BuildConfig,
  ConfigDef,
  DeployConfig,
  DependsOn,
  DeviceRequest,
  EnvVar,
  ExposeConfig,
  ExtraHost,
  FileReference,
  Healthcheck,
  LifecycleHook,
  NetworkDef,
  PortConfig,
  Project,
  ResourceSpec,
  SecretDef,
  Service,
  ServiceNetwork,
  TmpfsMount,
  UpdateConfig,
  VolumeDef,
  VolumeMount,
} from './model.js';
import { setOwn } from '../util/own.js';
import { entry, get, isMap, isScalar, isSeq, toPlain, type VariableUse, type YMap, type YNode } from './tree.js';

export interface NormalizeContext extends EnvFileContext {
  /** The project name. */
  name: string;
  /** Reads the files of secrets and configs, which may be binary or large (the mapper judges them); absent: `reader`. */
  contentReader?: FileReader;
}

/** Merged tree -> canonical typed model. Short syntaxes become their long form here. */
export function normalizeProject(tree: YMap, ctx: NormalizeContext): Project {
  const r = new Reader(ctx.diags);
  const project: Project = {
    name: ctx.name,
    workingDir: ctx.workingDir,
    files: ctx.files,
    services: {},
    volumes: {},
    networks: {},
    secrets: {},
    configs: {},
    extensions: {},
    node: tree,
  };
  for (const e of tree.entries) if (e.key.startsWith('x-')) project.extensions[e.key] = toPlain(e.value);
  if (ctx.env.fromFiles && Object.keys(ctx.env.fromFiles).length > 0) project.envFileVariables = ctx.env.fromFiles;

  const services = get(tree, 'services');
  if (isMap(services)) {
    for (const e of services.entries) {
      if (isMap(e.value) && !reservedName('service', e.key, e.keyLoc, ctx.diags)) project.services[e.key] = normalizeService(e.key, e.value, e.keyLoc, ctx, r);
    }
  }
  forEachMap(tree, 'volumes', ctx.diags, (name, node, loc) => (project.volumes[name] = volumeDef(name, node, loc, ctx, r)));
  forEachMap(tree, 'networks', ctx.diags, (name, node, loc) => (project.networks[name] = networkDef(name, node, loc, r)));
  forEachMap(tree, 'secrets', ctx.diags, (name, node, loc) => (project.secrets[name] = fileObjectDef(name, node, loc, ctx, r)));
  forEachMap(tree, 'configs', ctx.diags, (name, node, loc) => (project.configs[name] = fileObjectDef(name, node, loc, ctx, r)));
  return project;
}

function forEachMap(tree: YMap, key: string, diags: Diagnostics, fn: (name: string, node: YMap | undefined, loc: Loc) => void): void {
  const section = get(tree, key);
  if (!isMap(section)) return;
  for (const e of section.entries) if (!reservedName(key.replace(/s$/, ''), e.key, e.keyLoc, diags)) fn(e.key, isMap(e.value) ? e.value : undefined, e.keyLoc);
}

/**
 * `__proto__` names nothing: the project keeps services, volumes, networks, secrets and configs in
 * objects keyed by name, where that key would be the object's prototype. Refused, where it is written.
 */
function reservedName(what: string, name: string, loc: Loc, diags: Diagnostics): boolean {
  if (name !== '__proto__') return false;
  diags.error('reserved-name', `the ${what} name "__proto__" cannot be used`, loc, `rename the ${what}, e.g. to proto`);
  return true;
}

/** Typed reads of tree values that accept the strings interpolation leaves behind ("3", "true"). */
class Reader {
  constructor(readonly diags: Diagnostics) {}

  str(node: YNode | undefined): string | undefined {
    if (!isScalar(node) || node.value === null) return undefined;
    return String(node.value);
  }

  num(node: YNode | undefined, what: string): number | undefined {
    if (!isScalar(node) || node.value === null) return undefined;
    const n = typeof node.value === 'number' ? node.value : Number(String(node.value).trim());
    if (typeof node.value === 'boolean' || String(node.value).trim() === '' || !Number.isFinite(n)) {
      this.diags.error('invalid-value', `${what} must be a number, got ${JSON.stringify(node.value)}`, node.loc);
      return undefined;
    }
    return n;
  }

  bool(node: YNode | undefined, what: string): boolean | undefined {
    if (!isScalar(node) || node.value === null) return undefined;
    if (typeof node.value === 'boolean') return node.value;
    const s = String(node.value).toLowerCase();
    if (['true', 'yes', 'y', 'on', '1'].includes(s)) return true;
    if (['false', 'no', 'n', 'off', '0'].includes(s)) return false;
    this.diags.error('invalid-value', `${what} must be true or false, got ${JSON.stringify(node.value)}`, node.loc);
    return undefined;
  }

  strList(node: YNode | undefined): string[] {
    if (isSeq(node)) return node.items.map((i) => this.str(i)).filter((s): s is string => s !== undefined);
    const s = this.str(node);
    return s === undefined ? [] : [s];
  }

  /** A `KEY: value` map or a `KEY=value` list; a missing value is null. `uses`: what interpolation put in. */
  dict(node: YNode | undefined): { key: string; value: string | null; loc: Loc; uses?: readonly VariableUse[] }[] {
    const usesOf = (n: YNode) => (isScalar(n) && n.uses ? { uses: n.uses } : {});
    if (isMap(node)) {
      return node.entries.map((e) => ({ key: e.key, value: this.str(e.value) ?? null, loc: e.keyLoc, ...usesOf(e.value) }));
    }
    if (isSeq(node)) {
      return node.items.flatMap((i) => {
        const s = this.str(i);
        if (s === undefined) return [];
        const eq = s.indexOf('=');
        return [{ key: eq < 0 ? s : s.slice(0, eq), value: eq < 0 ? null : s.slice(eq + 1), loc: i.loc, ...usesOf(i) }];
      });
    }
    return [];
  }

  stringMap(node: YNode | undefined): Record<string, string> {
    const out: Record<string, string> = {};
    for (const { key, value } of this.dict(node)) out[key] = value ?? '';
    return out;
  }

  /** `command`/`entrypoint`: a string is split like a shell would, a list is kept. */
  command(node: YNode | undefined, what: string): string[] | null | undefined {
    if (node === undefined) return undefined;
    if (isScalar(node) && node.value === null) return null;
    if (isSeq(node)) return node.items.map((i) => this.str(i) ?? '');
    const s = this.str(node) ?? '';
    const words = splitShellWords(s);
    if (!words) {
      this.diags.error('invalid-value', `${what} has an unclosed quote`, node.loc);
      return [s];
    }
    return words;
  }
}

function normalizeService(name: string, node: YMap, loc: Loc, ctx: NormalizeContext, r: Reader): Service {
  const g = (key: string) => get(node, key);
  const svc: Service = {
    name,
    loc,
    node,
    environment: [],
    envFiles: [],
    ports: [],
    expose: [],
    volumes: [],
    tmpfs: [],
    secrets: [],
    configs: [],
    dependsOn: {},
    labels: r.stringMap(g('labels')),
    annotations: r.stringMap(g('annotations')),
    profiles: r.strList(g('profiles')),
    networks: {},
    extraHosts: [],
    dns: r.strList(g('dns')),
    dnsSearch: r.strList(g('dns_search')),
    dnsOpt: r.strList(g('dns_opt')),
    capAdd: r.strList(g('cap_add')),
    capDrop: r.strList(g('cap_drop')),
    groupAdd: r.strList(g('group_add')),
    securityOpt: r.strList(g('security_opt')),
    sysctls: r.stringMap(g('sysctls')),
    ulimits: {},
    postStart: hooks(g('post_start'), r),
    preStop: hooks(g('pre_stop'), r),
    extensions: {},
  };
  const setStr = <K extends keyof Service>(field: K, key: string) => {
    const v = r.str(g(key));
    if (v !== undefined) (svc as unknown as Record<string, unknown>)[field] = v;
  };
  const setBool = <K extends keyof Service>(field: K, key: string) => {
    const v = r.bool(g(key), key);
    if (v !== undefined) (svc as unknown as Record<string, unknown>)[field] = v;
  };
  setStr('image', 'image');
  setStr('workingDir', 'working_dir');
  setStr('user', 'user');
  setStr('restart', 'restart');
  setStr('networkMode', 'network_mode');
  setStr('hostname', 'hostname');
  setStr('domainname', 'domainname');
  setStr('containerName', 'container_name');
  setStr('pid', 'pid');
  setStr('ipc', 'ipc');
  setStr('stopGracePeriod', 'stop_grace_period');
  setStr('stopSignal', 'stop_signal');
  setStr('pullPolicy', 'pull_policy');
  // An empty platform (`platform: ${DOCKER_PLATFORM:-}`) is no platform, as in Compose.
  const platform = r.str(g('platform'));
  if (platform) svc.platform = platform;
  setStr('shmSize', 'shm_size');
  setStr('memLimit', 'mem_limit');
  setStr('memReservation', 'mem_reservation');
  setBool('tty', 'tty');
  setBool('stdinOpen', 'stdin_open');
  setBool('privileged', 'privileged');
  setBool('readOnly', 'read_only');
  setBool('init', 'init');
  const cpus = r.num(g('cpus'), 'cpus');
  if (cpus !== undefined) svc.cpus = cpus;

  const command = r.command(g('command'), 'command');
  if (command !== undefined) svc.command = command;
  const entrypoint = r.command(g('entrypoint'), 'entrypoint');
  if (entrypoint !== undefined) svc.entrypoint = entrypoint;

  const build = buildConfig(g('build'), ctx, r);
  if (build) svc.build = build;

  svc.environment = r.dict(g('environment')).map(({ key, value, loc: l, uses }): EnvVar => {
    if (value !== null) return { name: key, value, loc: l, source: 'environment', ...(uses ? { uses } : {}) };
    // `- NAME` without a value: Compose passes the value from its own environment, or nothing.
    const fromEnv = ctx.env.lookup(key);
    if (fromEnv === undefined) return { name: key, value: null, loc: l, source: 'environment' };
    const file = ctx.env.fromFiles?.[key]?.file;
    return { name: key, value: fromEnv, loc: l, source: 'environment', fromProcess: true, ...(file ? { fromFile: file } : {}), uses: [{ name: key, value: fromEnv }] };
  });
  svc.envFiles = envFiles(g('env_file'), ctx, svc.environment);
  const fromLabelFiles = labelFiles(g('label_file'), ctx);
  if (fromLabelFiles.length > 0) {
    svc.labelFiles = fromLabelFiles;
    const fileLabels = Object.fromEntries(fromLabelFiles.flatMap((f) => f.labels.map((l) => [l.name, l.value] as const)));
    svc.labels = { ...fileLabels, ...svc.labels };
  }

  const ports = g('ports');
  if (isSeq(ports)) for (const p of ports.items) svc.ports.push(...portConfigs(p, r));
  const expose = g('expose');
  if (isSeq(expose)) for (const p of expose.items) svc.expose.push(...exposeConfig(p, r));

  const volumes = g('volumes');
  if (isSeq(volumes)) for (const v of volumes.items) pushDefined(svc.volumes, volumeMount(v, ctx, r));
  svc.tmpfs = tmpfsMounts(g('tmpfs'), r);

  svc.secrets = fileRefs(g('secrets'), r, (s) => s);
  svc.configs = fileRefs(g('configs'), r, (s) => `/${s}`);
  svc.dependsOn = dependsOn(g('depends_on'), r);
  // compose-go: a link is a dependency too (started first, restarted with it), unless depends_on names it.
  const links = g('links');
  for (const i of isSeq(links) ? links.items : []) {
    const target = r.str(i)?.split(':')[0];
    if (target && !svc.dependsOn[target]) svc.dependsOn[target] = { condition: 'service_started', required: true, restart: true, loc: i.loc, implied: 'links' };
  }
  // compose-go: volumes_from (not `container:`) is a dependency too (started first); network_mode,
  // ipc and pid of `service:NAME` are (started first, restarted with it); depends_on wins.
  const volumesFrom = g('volumes_from');
  for (const i of isSeq(volumesFrom) ? volumesFrom.items : []) {
    const s = r.str(i);
    const target = s === undefined || s.startsWith('container:') ? undefined : s.split(':')[0];
    if (target && !svc.dependsOn[target]) svc.dependsOn[target] = { condition: 'service_started', required: true, restart: false, loc: i.loc, implied: 'volumes_from' };
  }
  for (const key of ['network_mode', 'ipc', 'pid'] as const) {
    const v = g(key);
    const target = /^service:(.+)$/.exec((v && r.str(v)) ?? '')?.[1];
    if (v && target && !svc.dependsOn[target]) svc.dependsOn[target] = { condition: 'service_started', required: true, restart: true, loc: v.loc, implied: key };
  }
  const hc = healthcheck(g('healthcheck'), r);
  if (hc) svc.healthcheck = hc;
  const deploy = deployConfig(g('deploy'), r);
  if (deploy) svc.deploy = deploy;
  const scale = r.num(g('scale'), 'scale');
  const replicas = deploy?.replicas ?? scale;
  if (replicas !== undefined) svc.replicas = replicas;

  svc.networks = serviceNetworks(g('networks'), r);
  svc.extraHosts = extraHosts(g('extra_hosts'), r);
  const ulimits = g('ulimits');
  if (isMap(ulimits)) {
    for (const e of ulimits.entries) {
      if (isMap(e.value)) {
        svc.ulimits[e.key] = {
          soft: r.num(get(e.value, 'soft'), `ulimits.${e.key}.soft`) ?? 0,
          hard: r.num(get(e.value, 'hard'), `ulimits.${e.key}.hard`) ?? 0,
          loc: e.keyLoc,
        };
      } else {
        const n = r.num(e.value, `ulimits.${e.key}`) ?? 0;
        svc.ulimits[e.key] = { soft: n, hard: n, single: true, loc: e.keyLoc };
      }
    }
  }
  for (const e of node.entries) {
    if (e.key === 'x-kubernetes') svc.xKubernetes = toPlain(e.value);
    else if (e.key.startsWith('x-')) svc.extensions[e.key] = toPlain(e.value);
  }
  return svc;
}

function pushDefined<T>(list: T[], v: T | undefined): void {
  if (v !== undefined) list.push(v);
}

function buildConfig(node: YNode | undefined, ctx: NormalizeContext, r: Reader): BuildConfig | undefined {
  if (node === undefined) return undefined;
  if (isScalar(node)) return { context: r.str(node) ?? '.', args: {}, loc: node.loc };
  if (!isMap(node)) return undefined;
  const b: BuildConfig = { context: r.str(get(node, 'context')) ?? '.', args: {}, loc: node.loc };
  const dockerfile = r.str(get(node, 'dockerfile'));
  if (dockerfile) b.dockerfile = dockerfile;
  const target = r.str(get(node, 'target'));
  if (target) b.target = target;
  for (const { key, value } of r.dict(get(node, 'args'))) setOwn(b.args, key, value ?? ctx.env.lookup(key) ?? null);
  return b;
}

/** The absolute directory of the file a location points into. */
function dirOfLoc(loc: Loc, ctx: NormalizeContext): string {
  const abs = resolve(ctx.cwd ?? ctx.workingDir, loc.file);
  const i = abs.lastIndexOf('/');
  return i <= 0 ? '/' : abs.slice(0, i);
}

const PROTOCOLS = ['tcp', 'udp', 'sctp'] as const;

function protocolOf(text: string | undefined, loc: Loc, r: Reader): 'tcp' | 'udp' | 'sctp' {
  const p = (text ?? 'tcp').toLowerCase();
  if ((PROTOCOLS as readonly string[]).includes(p)) return p as 'tcp' | 'udp' | 'sctp';
  r.diags.error('invalid-value', `unknown port protocol ${JSON.stringify(text)} (use tcp, udp or sctp)`, loc);
  return 'tcp';
}

function parseRange(text: string): [number, number] | undefined {
  const m = /^(\d+)(?:-(\d+))?$/.exec(text.trim());
  if (!m) return undefined;
  const a = Number(m[1]);
  const b = m[2] === undefined ? a : Number(m[2]);
  if (a < 0 || b > 65535 || b < a) return undefined;
  return [a, b];
}

/** One `ports` item, short or long syntax; container port ranges expand to one entry per port. */
export function portConfigs(node: YNode, r: Reader): PortConfig[] {
  const loc = node.loc;
  if (isMap(node)) {
    const target = r.num(get(node, 'target'), 'ports.target');
    if (target === undefined) return [];
    const p: PortConfig = { target, protocol: protocolOf(r.str(get(node, 'protocol')), loc, r), loc };
    const published = r.str(get(node, 'published'));
    if (published) p.published = published;
    const hostIp = r.str(get(node, 'host_ip'));
    if (hostIp) p.hostIp = hostIp;
    const mode = r.str(get(node, 'mode'));
    if (mode === 'host' || mode === 'ingress') p.mode = mode;
    const name = r.str(get(node, 'name'));
    if (name) p.name = name;
    const app = r.str(get(node, 'app_protocol'));
    if (app) p.appProtocol = app;
    return [p];
  }
  const text = r.str(node);
  if (text === undefined) return [];
  const parts = splitPortSyntax(text);
  if (!parts) {
    r.diags.error('invalid-value', `invalid port ${JSON.stringify(text)}: expected [[HOST_IP:]HOST_PORT:]CONTAINER_PORT[/PROTOCOL]`, loc);
    return [];
  }
  const protocol = protocolOf(parts.protocol, loc, r);
  const { hostIp, published, target: container } = parts;
  const targets = parseRange(container);
  const pubRange = published ? parseRange(published) : undefined;
  if (!targets || (published && !pubRange)) {
    r.diags.error('invalid-value', `invalid port ${JSON.stringify(text)}: ports are numbers from 0 to 65535 or ranges like 8000-8010`, loc);
    return [];
  }
  const count = targets[1] - targets[0] + 1;
  const pubCount = pubRange ? pubRange[1] - pubRange[0] + 1 : 0;
  const out: PortConfig[] = [];
  for (let i = 0; i < count; i++) {
    const p: PortConfig = { target: targets[0] + i, protocol, loc };
    if (pubRange) {
      // Equal-length ranges pair up; a host range for one container port stays a range.
      p.published = count === pubCount ? String(pubRange[0] + i) : count === 1 ? published! : String(pubRange[0] + i);
      if (count > 1 && count !== pubCount) {
        r.diags.error('invalid-value', `invalid port ${JSON.stringify(text)}: the host and container ranges differ in length`, loc);
        return [];
      }
    }
    if (hostIp) p.hostIp = hostIp;
    out.push(p);
  }
  return out;
}

function exposeConfig(node: YNode, r: Reader): ExposeConfig[] {
  const text = r.str(node);
  if (text === undefined) return [];
  const [port, proto] = text.split('/');
  if (!parseRange(port!)) {
    r.diags.error('invalid-value', `invalid expose entry ${JSON.stringify(text)}: expected PORT or PORT-PORT, with an optional /PROTOCOL`, node.loc);
    return [];
  }
  return [{ port: port!, protocol: protocolOf(proto, node.loc, r), text, loc: node.loc }];
}

function isPathLike(s: string): boolean {
  return s.startsWith('.') || s.startsWith('/') || s.startsWith('~') || /^[A-Za-z]:[\\/]/.test(s);
}

function expandHome(p: string, ctx: NormalizeContext): string {
  if (p === '~' || p.startsWith('~/')) return (ctx.env.lookup('HOME') ?? '~') + p.slice(1);
  return p;
}

/** A container path cleaned like Go's path.Clean (`/data/` is `/data`), as compose-go cleans mount targets. */
export function cleanTarget(target: string): string {
  return target.startsWith('/') ? normalizePath(target) : target;
}

/**
 * A bind source, absolute. compose-go resolves a relative one against the project directory (which
 * cleans it) and prints an absolute one as written: `written` keeps that text for `config`.
 */
function bindSource(source: string, m: VolumeMount, ctx: NormalizeContext): string {
  const expanded = expandHome(source, ctx);
  const abs = resolve(ctx.workingDir, expanded);
  if (expanded.startsWith('/') && abs !== expanded) m.writtenSource = expanded;
  return abs;
}

function volumeMount(node: YNode, ctx: NormalizeContext, r: Reader): VolumeMount | undefined {
  const loc = node.loc;
  if (isMap(node)) {
    const type = (r.str(get(node, 'type')) ?? 'volume') as VolumeMount['type'];
    const target = r.str(get(node, 'target'));
    if (!target) {
      r.diags.error('invalid-value', 'a volume needs a target path', loc);
      return undefined;
    }
    const m: VolumeMount = { type, target: cleanTarget(target), readOnly: r.bool(get(node, 'read_only'), 'read_only') ?? false, loc };
    const source = r.str(get(node, 'source'));
    if (source) m.source = type === 'bind' ? bindSource(source, m, ctx) : source;
    const bind = get(node, 'bind');
    if (isMap(bind)) {
      m.bind = {};
      const chp = r.bool(get(bind, 'create_host_path'), 'create_host_path');
      if (chp !== undefined) m.bind.createHostPath = chp;
      const prop = r.str(get(bind, 'propagation'));
      if (prop) m.bind.propagation = prop;
      const selinux = r.str(get(bind, 'selinux'));
      if (selinux) m.bind.selinux = selinux;
    }
    const vol = get(node, 'volume');
    if (isMap(vol)) {
      m.volume = {};
      const nocopy = r.bool(get(vol, 'nocopy'), 'nocopy');
      if (nocopy !== undefined) m.volume.nocopy = nocopy;
      const sub = r.str(get(vol, 'subpath'));
      if (sub) m.volume.subpath = sub;
    }
    const tmpfs = get(node, 'tmpfs');
    if (isMap(tmpfs)) {
      m.tmpfs = {};
      const size = r.str(get(tmpfs, 'size'));
      if (size) m.tmpfs.size = size;
      const mode = r.num(get(tmpfs, 'mode'), 'tmpfs.mode');
      if (mode !== undefined) m.tmpfs.mode = mode;
    }
    const consistency = r.str(get(node, 'consistency'));
    if (consistency) m.consistency = consistency;
    return m;
  }
  const text = r.str(node);
  if (text === undefined) return undefined;
  // Split on ':' but keep a Windows drive letter with its path, in any position (as compose-go).
  const parts = text.split(':').reduce<string[]>((acc, part) => {
    const last = acc[acc.length - 1];
    if (last !== undefined && /^[A-Za-z]$/.test(last) && /^[\\/]/.test(part)) acc[acc.length - 1] = `${last}:${part}`;
    else acc.push(part);
    return acc;
  }, []);
  if (parts.length > 3) {
    // compose-go: "invalid spec: /foo:/foo:ro:foo: too many colons".
    r.diags.error('invalid-value', `invalid volume ${JSON.stringify(text)}: too many colons (expected [SOURCE:]TARGET[:MODE])`, loc);
    return undefined;
  }
  if (parts.length === 1) return { type: 'volume', target: cleanTarget(parts[0]!), readOnly: false, loc };
  const [source, target, mode] = parts as [string, string, string | undefined];
  const options = (mode ?? '').split(',').filter(Boolean);
  const m: VolumeMount = {
    type: isPathLike(source) ? 'bind' : 'volume',
    target: cleanTarget(target),
    readOnly: options.includes('ro'),
    loc,
  };
  m.source = isPathLike(source) ? bindSource(source, m, ctx) : source;
  if (m.type === 'bind') {
    m.bind = { createHostPath: true };
    const selinux = options.find((o) => o === 'z' || o === 'Z');
    if (selinux) m.bind.selinux = selinux;
    const prop = options.find((o) => /^r?(shared|slave|private)$/.test(o));
    if (prop) m.bind.propagation = prop;
  }
  if (options.includes('nocopy')) m.volume = { nocopy: true };
  return m;
}

function tmpfsMounts(node: YNode | undefined, r: Reader): TmpfsMount[] {
  const items = isSeq(node) ? node.items : node ? [node] : [];
  return items.flatMap((i) => {
    const s = r.str(i);
    if (!s) return [];
    const [target, opts] = [s.split(':')[0]!, s.split(':').slice(1).join(':')];
    const t: TmpfsMount = { target, options: opts.split(',').filter(Boolean), loc: i.loc };
    for (const o of t.options) {
      const [k, v] = o.split('=');
      if (k === 'size' && v) t.size = v;
      if (k === 'mode' && v) t.mode = parseInt(v, 8);
    }
    return [t];
  });
}

function fileRefs(node: YNode | undefined, r: Reader, defaultTarget: (source: string) => string): FileReference[] {
  if (!isSeq(node)) return [];
  return node.items.flatMap((i): FileReference[] => {
    if (isMap(i)) {
      const source = r.str(get(i, 'source'));
      if (!source) return [];
      const target = r.str(get(i, 'target'));
      const ref: FileReference = { source, target: target ?? defaultTarget(source), loc: i.loc };
      if (target !== undefined) ref.explicitTarget = true;
      const uid = r.str(get(i, 'uid'));
      if (uid) ref.uid = uid;
      const gid = r.str(get(i, 'gid'));
      if (gid) ref.gid = gid;
      const modeNode = get(i, 'mode');
      // Modes are octal in practice; YAML reads 0440 as the decimal 440 unless written 0o440.
      if (isScalar(modeNode) && modeNode.value !== null) {
        const raw = String(modeNode.value);
        ref.mode = typeof modeNode.value === 'number' ? modeNode.value : parseInt(raw.replace(/^0o/, ''), 8);
      }
      return [ref];
    }
    const source = r.str(i);
    return source ? [{ source, target: defaultTarget(source), loc: i.loc }] : [];
  });
}

function dependsOn(node: YNode | undefined, r: Reader): Record<string, DependsOn> {
  const out: Record<string, DependsOn> = {};
  if (isSeq(node)) {
    for (const i of node.items) {
      const s = r.str(i);
      if (s) out[s] = { condition: 'service_started', required: true, restart: false, loc: i.loc };
    }
  } else if (isMap(node)) {
    for (const e of node.entries) {
      const v = isMap(e.value) ? e.value : undefined;
      const condition = (r.str(get(v, 'condition')) ?? 'service_started') as DependsOn['condition'];
      out[e.key] = {
        condition,
        required: r.bool(get(v, 'required'), 'depends_on.required') ?? true,
        restart: r.bool(get(v, 'restart'), 'depends_on.restart') ?? false,
        loc: e.keyLoc,
      };
    }
  }
  return out;
}

function healthcheck(node: YNode | undefined, r: Reader): Healthcheck | undefined {
  if (!isMap(node)) return undefined;
  const hc: Healthcheck = { disable: r.bool(get(node, 'disable'), 'healthcheck.disable') ?? false, loc: node.loc };
  const test = get(node, 'test');
  if (isSeq(test)) hc.test = test.items.map((i) => r.str(i) ?? '');
  else if (isScalar(test) && test.value !== null) hc.test = ['CMD-SHELL', String(test.value)];
  if (hc.test?.[0] === 'NONE') hc.disable = true;
  const s = (k: string) => r.str(get(node, k));
  const interval = s('interval');
  if (interval) hc.interval = interval;
  const timeout = s('timeout');
  if (timeout) hc.timeout = timeout;
  const startPeriod = s('start_period');
  if (startPeriod) hc.startPeriod = startPeriod;
  const startInterval = s('start_interval');
  if (startInterval) hc.startInterval = startInterval;
  const retries = r.num(get(node, 'retries'), 'healthcheck.retries');
  if (retries !== undefined) hc.retries = retries;
  return hc;
}

function resourceSpec(node: YNode | undefined, r: Reader): ResourceSpec | undefined {
  if (!isMap(node)) return undefined;
  const spec: ResourceSpec = { loc: node.loc };
  const cpus = r.num(get(node, 'cpus'), 'cpus');
  if (cpus !== undefined) spec.cpus = cpus;
  const memory = r.str(get(node, 'memory'));
  if (memory) spec.memory = memory;
  const pids = r.num(get(node, 'pids'), 'pids');
  if (pids !== undefined) spec.pids = pids;
  return spec;
}

function updateConfig(node: YNode | undefined, r: Reader): UpdateConfig | undefined {
  if (!isMap(node)) return undefined;
  const u: UpdateConfig = { loc: node.loc };
  const parallelism = r.num(get(node, 'parallelism'), 'parallelism');
  if (parallelism !== undefined) u.parallelism = parallelism;
  const delay = r.str(get(node, 'delay'));
  if (delay) u.delay = delay;
  const fa = r.str(get(node, 'failure_action'));
  if (fa) u.failureAction = fa;
  const monitor = r.str(get(node, 'monitor'));
  if (monitor) u.monitor = monitor;
  const ratio = r.num(get(node, 'max_failure_ratio'), 'max_failure_ratio');
  if (ratio !== undefined) u.maxFailureRatio = ratio;
  const order = r.str(get(node, 'order'));
  if (order === 'start-first' || order === 'stop-first') u.order = order;
  return u;
}

function deployConfig(node: YNode | undefined, r: Reader): DeployConfig | undefined {
  if (!isMap(node)) return undefined;
  const d: DeployConfig = { labels: r.stringMap(get(node, 'labels')), loc: node.loc };
  const mode = r.str(get(node, 'mode'));
  if (mode) d.mode = mode as DeployConfig['mode'];
  const replicas = r.num(get(node, 'replicas'), 'deploy.replicas');
  if (replicas !== undefined) d.replicas = replicas;
  const endpointMode = r.str(get(node, 'endpoint_mode'));
  if (endpointMode) d.endpointMode = endpointMode;
  const res = get(node, 'resources');
  if (isMap(res)) {
    d.resources = {};
    const limits = resourceSpec(get(res, 'limits'), r);
    if (limits) d.resources.limits = limits;
    const resv = get(res, 'reservations');
    const reservations = resourceSpec(resv, r);
    if (reservations) {
      const devices = get(resv, 'devices');
      if (isSeq(devices)) {
        (reservations as ResourceSpec & { devices?: DeviceRequest[] }).devices = devices.items.filter(isMap).map((dev) => {
          const req: DeviceRequest = {
            capabilities: r.strList(get(dev, 'capabilities')),
            deviceIds: r.strList(get(dev, 'device_ids')),
            loc: dev.loc,
          };
          const count = r.str(get(dev, 'count'));
          if (count !== undefined) req.count = count === 'all' ? 'all' : Number(count);
          const driver = r.str(get(dev, 'driver'));
          if (driver) req.driver = driver;
          return req;
        });
      }
      d.resources.reservations = reservations;
    }
  }
  const rp = get(node, 'restart_policy');
  if (isMap(rp)) {
    d.restartPolicy = { loc: rp.loc };
    const condition = r.str(get(rp, 'condition'));
    if (condition) d.restartPolicy.condition = condition;
    const delay = r.str(get(rp, 'delay'));
    if (delay) d.restartPolicy.delay = delay;
    const max = r.num(get(rp, 'max_attempts'), 'max_attempts');
    if (max !== undefined) d.restartPolicy.maxAttempts = max;
    const window = r.str(get(rp, 'window'));
    if (window) d.restartPolicy.window = window;
  }
  const uc = updateConfig(get(node, 'update_config'), r);
  if (uc) d.updateConfig = uc;
  const rc = updateConfig(get(node, 'rollback_config'), r);
  if (rc) d.rollbackConfig = rc;
  const placement = get(node, 'placement');
  if (isMap(placement)) {
    const prefs = get(placement, 'preferences');
    d.placement = {
      constraints: r.strList(get(placement, 'constraints')),
      preferences: isSeq(prefs)
        ? prefs.items.flatMap((p) => {
            const spread = r.str(get(p, 'spread'));
            return spread ? [{ spread }] : [];
          })
        : [],
      loc: placement.loc,
    };
    const max = r.num(get(placement, 'max_replicas_per_node'), 'max_replicas_per_node');
    if (max !== undefined) d.placement.maxReplicasPerNode = max;
  }
  return d;
}

function serviceNetworks(node: YNode | undefined, r: Reader): Record<string, ServiceNetwork> {
  const out: Record<string, ServiceNetwork> = {};
  if (isSeq(node)) {
    for (const i of node.items) {
      const s = r.str(i);
      if (s) out[s] = { aliases: [], loc: i.loc };
    }
  } else if (isMap(node)) {
    for (const e of node.entries) {
      const v = isMap(e.value) ? e.value : undefined;
      const n: ServiceNetwork = { aliases: r.strList(get(v, 'aliases')), loc: e.keyLoc };
      const v4 = r.str(get(v, 'ipv4_address'));
      if (v4) n.ipv4Address = v4;
      const v6 = r.str(get(v, 'ipv6_address'));
      if (v6) n.ipv6Address = v6;
      const prio = r.num(get(v, 'priority'), 'priority');
      if (prio !== undefined) n.priority = prio;
      out[e.key] = n;
    }
  }
  return out;
}

function extraHosts(node: YNode | undefined, r: Reader): ExtraHost[] {
  if (isMap(node)) {
    return node.entries.flatMap((e) => r.strList(e.value).map((ip) => ({ hostname: e.key, ip, loc: e.keyLoc })));
  }
  if (!isSeq(node)) return [];
  return node.items.flatMap((i) => {
    const s = r.str(i);
    if (!s) return [];
    // `host=ip` (newer) or `host:ip` (older; IPv6 addresses contain colons, so split at the first).
    const sep = s.includes('=') ? s.indexOf('=') : s.indexOf(':');
    if (sep < 0) {
      r.diags.error('invalid-value', `invalid extra_hosts entry ${JSON.stringify(s)}: expected HOST=IP`, i.loc);
      return [];
    }
    return [{ hostname: s.slice(0, sep), ip: s.slice(sep + 1).replace(/^\[(.*)\]$/, '$1'), loc: i.loc }];
  });
}

function hooks(node: YNode | undefined, r: Reader): LifecycleHook[] {
  if (!isSeq(node)) return [];
  return node.items.filter(isMap).map((h) => {
    const hook: LifecycleHook = {
      command: r.command(get(h, 'command'), 'command') ?? [],
      environment: Object.fromEntries(r.dict(get(h, 'environment')).map((e) => [e.key, e.value])),
      loc: h.loc,
    };
    const user = r.str(get(h, 'user'));
    if (user) hook.user = user;
    const priv = r.bool(get(h, 'privileged'), 'privileged');
    if (priv !== undefined) hook.privileged = priv;
    const wd = r.str(get(h, 'working_dir'));
    if (wd) hook.workingDir = wd;
    return hook;
  });
}

function externalOf(node: YMap | undefined, r: Reader): boolean {
  const ext = get(node, 'external');
  if (isMap(ext)) return true;
  return r.bool(ext, 'external') ?? false;
}

function volumeDef(name: string, node: YMap | undefined, loc: Loc, ctx: NormalizeContext, r: Reader): VolumeDef {
  const external = externalOf(node, r);
  const v: VolumeDef = {
    name,
    external,
    driverOpts: r.stringMap(get(node, 'driver_opts')),
    labels: r.stringMap(get(node, 'labels')),
    loc,
  };
  const explicit = r.str(get(node, 'name')) ?? r.str(get(get(node, 'external'), 'name'));
  v.externalName = explicit ?? (external ? name : `${ctx.name}_${name}`);
  const driver = r.str(get(node, 'driver'));
  if (driver) v.driver = driver;
  const xk = entry(node, 'x-kubernetes');
  if (xk) v.xKubernetes = toPlain(xk.value);
  return v;
}

function networkDef(name: string, node: YMap | undefined, loc: Loc, r: Reader): NetworkDef {
  const n: NetworkDef = {
    name,
    external: externalOf(node, r),
    internal: r.bool(get(node, 'internal'), 'internal') ?? false,
    labels: r.stringMap(get(node, 'labels')),
    loc,
  };
  const driver = r.str(get(node, 'driver'));
  if (driver) n.driver = driver;
  const attachable = r.bool(get(node, 'attachable'), 'attachable');
  if (attachable !== undefined) n.attachable = attachable;
  return n;
}

function fileObjectDef(name: string, node: YMap | undefined, loc: Loc, ctx: NormalizeContext, r: Reader): SecretDef | ConfigDef {
  const d: SecretDef = { name, external: externalOf(node, r), loc };
  // The legacy `external: {name: x}` names it too, as for volumes (compose-go reads both).
  const explicit = r.str(get(node, 'name')) ?? r.str(get(get(node, 'external'), 'name'));
  if (explicit) d.externalName = explicit;
  const file = r.str(get(node, 'file'));
  if (file) {
    d.file = resolve(dirOfLoc(entry(node, 'file')!.keyLoc, ctx), expandHome(file, ctx));
    const text = (ctx.contentReader ?? ctx.reader).readFile(d.file);
    if (text === undefined) ctx.diags.error('file-not-found', `file ${file} of ${name} not found`, get(node, 'file')!.loc);
    else {
      d.data = text;
      warnIfOutside(ctx.diags, ctx.workingDir, d.file, `file ${file} of ${name}`, get(node, 'file')!.loc);
    }
  }
  const environment = r.str(get(node, 'environment'));
  if (environment) {
    d.environment = environment;
    const value = ctx.env.lookup(environment);
    if (value === undefined) ctx.diags.warn('interpolation-unset', `environment variable ${environment} of ${name} is not set`, get(node, 'environment')!.loc);
    else d.data = value;
  }
  const content = r.str(get(node, 'content'));
  if (content !== undefined && entry(node, 'content')) {
    d.content = content;
    d.data = content;
  }
  return d;
}

import type { Diagnostics } from '../../diagnostics/diagnostic.js';
import type { EnvFile, EnvVar, Healthcheck, LifecycleHook, Project, Service } from '../../compose/model.js';
import { locAt } from '../../compose/tree.js';
import { formatLoc, type Loc } from '../../util/loc.js';
import { note as addNote, type MapContext, type ServiceDraft, type ServiceTransform } from '../context.js';
import { dnsLabel } from '../names.js';
import { nameRequests } from './dns-names.js';

/**
 * A service called `my_db` is reached as `my_db` on a compose network, but Kubernetes names it
 * `my-db`: a value that still says `my_db` would resolve nothing. This pass rewrites the values
 * that name such a host (environment and env_file values, command, entrypoint, healthcheck and
 * lifecycle hook arguments) before the transforms read them, and lists the mentions it does not
 * dare to touch.
 *
 * Only three places are rewritten, each where the name is a whole word (`my_db_password` and
 * `my_db.example.com` are other names):
 * - the whole value (`DB_HOST=my_db`; for an option argument, what follows `=`: `--host=my_db`),
 *   unless the variable names something that is not a host (`POSTGRES_DB=my_db`, `DB_USER`);
 * - a `host:port` (`my_db:5432`, also in lists: `kafka_1:9092,kafka_2:9092`);
 * - the host of a URL (`postgres://app:pw@my_db/app`, `http://my_db`);
 * - in a shell script (`CMD-SHELL`, `sh -c`), the value of an option, as for an argument
 *   (`pg_isready -h my_db`, but not `-d my_db`).
 * A value is rewritten where it is (a secret stays in its Secret) and no value is ever printed:
 * diagnostics and comments name the field only.
 */

/** A DNS name Compose resolves that Kubernetes spells differently. */
interface Rename {
  from: string;
  to: string;
  /** What has the name, for messages: `service "my_db"`, `container_name "Gitea_DB" of service "db"`. */
  what: string;
}

/** A field of a service that names a renamed host. */
interface Reference {
  service: string;
  /** The compose field as users know it: `environment DB_HOST`, `command[2]`, `healthcheck.test`. */
  field: string;
  loc: Loc;
}

export type Field =
  | { kind: 'environment' | 'env_file'; name: string }
  | { kind: 'command' | 'entrypoint'; index: number }
  | { kind: 'healthcheck' }
  | { kind: 'post_start' | 'pre_stop'; hook: number };

/** One value that was rewritten, for the note on the field it became. */
export interface Rewrite {
  field: Field;
  loc: Loc;
  /** The names replaced in it (`my_db -> my-db`). */
  renames: { from: string; to: string }[];
}

interface Found {
  rewritten: Reference[];
  mentioned: Reference[];
}

const rewritesByContext = new WeakMap<MapContext, Map<string, Rewrite[]>>();

/** The result of the pass: the project with rewritten values, and what mapProject hands to the context. */
export interface RenamedReferences {
  project: Project;
  rewrites: Map<string, Rewrite[]>;
}

/**
 * Rewrites the references to renamed services (and to renamed container names and aliases),
 * warns about each renamed service, and lists the mentions left as written.
 * `serviceNames` maps each compose service to its Kubernetes name.
 */
export function rewriteRenamedReferences(project: Project, serviceNames: ReadonlyMap<string, string>, diags: Diagnostics): RenamedReferences {
  const list = renames(project, serviceNames);
  const byName = new Map(list.map((r) => [r.from, r]));
  const found = new Map<string, Found>(list.map((r) => [r.from, { rewritten: [], mentioned: [] }]));
  const rewrites = new Map<string, Rewrite[]>();
  if (list.length === 0) {
    warnRenamedServices(project, serviceNames, found, diags);
    return { project, rewrites };
  }
  const services: Record<string, Service> = {};
  for (const svc of Object.values(project.services)) {
    const own: Rewrite[] = [];
    const scan = (value: string, ref: Omit<Reference, 'service'>, field: Field, mode: ValueMode): string => {
      const result = rewriteValue(value, byName, mode);
      for (const from of result.mentioned) found.get(from)!.mentioned.push({ service: svc.name, ...ref });
      if (result.renames.length === 0) return value;
      for (const r of result.renames) found.get(r.from)!.rewritten.push({ service: svc.name, ...ref });
      own.push({ field, loc: ref.loc, renames: result.renames });
      return result.value;
    };
    const next = rewriteService(svc, scan);
    if (own.length > 0) rewrites.set(svc.name, own);
    services[svc.name] = next;
  }
  warnRenamedServices(project, serviceNames, found, diags);
  for (const r of list) reportMentions(r, found.get(r.from)!, diags);
  return { project: { ...project, services }, rewrites };
}

/** Hands the rewrites to the transforms of the mapping, for the notes on the fields. */
export function recordRewrites(ctx: MapContext, rewrites: Map<string, Rewrite[]>): void {
  rewritesByContext.set(ctx, rewrites);
}

/**
 * The names Compose resolves whose Kubernetes spelling differs beyond case (DNS ignores case):
 * services first, then container names and aliases; the first rename of a name wins.
 */
function renames(project: Project, serviceNames: ReadonlyMap<string, string>): Rename[] {
  const out = new Map<string, Rename>();
  const add = (from: string, to: string, what: string) => {
    if (from.toLowerCase() !== to && !out.has(from)) out.set(from, { from, to, what });
  };
  for (const svc of Object.values(project.services)) {
    const to = serviceNames.get(svc.name);
    if (to !== undefined) add(svc.name, to, `service "${svc.name}"`);
  }
  for (const req of nameRequests(Object.values(project.services))) {
    if (!project.services[req.target]) continue;
    const what = req.key === 'services.container_name' ? 'container_name' : req.key === 'services.links' ? 'link alias' : 'network alias';
    add(req.alias, dnsLabel(req.alias), `${what} "${req.alias}" of service "${req.target}"`);
  }
  return [...out.values()];
}

/** How much of a value may count as "the whole value". */
type ValueMode = { kind: 'env'; name: string } | { kind: 'arg'; option?: string } | { kind: 'script' };

type Scan = (value: string, ref: Omit<Reference, 'service'>, field: Field, mode: ValueMode) => string;

function rewriteService(svc: Service, scan: Scan): Service {
  const environment = svc.environment.map((v): EnvVar => {
    if (v.value === null) return v;
    const value = scan(v.value, { field: `environment ${v.name}`, loc: v.loc }, { kind: 'environment', name: v.name }, { kind: 'env', name: v.name });
    return value === v.value ? v : { ...v, value };
  });
  const envFiles = svc.envFiles.map((f): EnvFile => {
    if (!f.vars) return f;
    const vars = f.vars.map((v) => {
      const value = scan(v.value, { field: `env_file ${f.declared} ${v.name}`, loc: f.loc }, { kind: 'env_file', name: v.name }, { kind: 'env', name: v.name });
      return value === v.value ? v : { ...v, value };
    });
    return vars.some((v, i) => v !== f.vars![i]) ? { ...f, vars } : f;
  });
  const args = (key: 'command' | 'entrypoint', list: string[] | null | undefined): string[] | null | undefined => {
    if (!list) return list;
    const next = list.map((a, i) => scan(a, { field: `${key}[${i}]`, loc: locAt(svc.node, key, i) }, { kind: key, index: i }, argMode(list, i)));
    return next.some((a, i) => a !== list[i]) ? next : list;
  };
  const command = args('command', svc.command);
  const entrypoint = args('entrypoint', svc.entrypoint);
  const healthcheck = rewriteHealthcheck(svc, scan);
  const hooks = (key: 'post_start' | 'pre_stop', list: LifecycleHook[]): LifecycleHook[] =>
    list.map((h, hook) => {
      const shell = h.command.length === 3 && /^(\/bin\/)?(ba)?sh$/.test(h.command[0]!) && h.command[1] === '-c';
      const command = h.command.map((a, i) =>
        scan(a, { field: `${key}[${hook}].command`, loc: h.loc }, { kind: key, hook }, shell && i === 2 ? { kind: 'script' } : argMode(h.command, i)),
      );
      return command.some((a, i) => a !== h.command[i]) ? { ...h, command } : h;
    });
  const postStart = hooks('post_start', svc.postStart);
  const preStop = hooks('pre_stop', svc.preStop);
  const same =
    environment.every((v, i) => v === svc.environment[i]) &&
    envFiles.every((f, i) => f === svc.envFiles[i]) &&
    command === svc.command &&
    entrypoint === svc.entrypoint &&
    healthcheck === svc.healthcheck &&
    postStart.every((h, i) => h === svc.postStart[i]) &&
    preStop.every((h, i) => h === svc.preStop[i]);
  if (same) return svc;
  return {
    ...svc,
    environment,
    envFiles,
    ...(command !== undefined ? { command } : {}),
    ...(entrypoint !== undefined ? { entrypoint } : {}),
    ...(healthcheck ? { healthcheck } : {}),
    postStart,
    preStop,
  };
}

/** `CMD` items are arguments; the text after `CMD-SHELL` is a shell script. */
function rewriteHealthcheck(svc: Service, scan: Scan): Healthcheck | undefined {
  const hc = svc.healthcheck;
  if (!hc?.test) return hc;
  const [kind, ...rest] = hc.test;
  if (kind !== 'CMD' && kind !== 'CMD-SHELL') return hc;
  const loc = locAt(svc.node, 'healthcheck', 'test');
  const mode: ValueMode = kind === 'CMD' ? { kind: 'arg' } : { kind: 'script' };
  const next = rest.map((a, i) => scan(a, { field: 'healthcheck.test', loc }, { kind: 'healthcheck' }, mode.kind === 'arg' ? argMode(rest, i) : mode));
  return next.some((a, i) => a !== rest[i]) ? { ...hc, test: [kind, ...next] } : hc;
}

/**
 * Variables whose whole value is a name but not a host name: a database, a user, a bucket named
 * like the service. Rewriting them would point the app at another database; they are listed.
 */
const NOT_A_HOST = /(^|_)(DB|DATABASE|DBNAME|NAME|USER|USERNAME|LOGIN|SCHEMA|BUCKET|QUEUE|TOPIC|TABLE|INDEX)$/i;

/** Options whose value names something that is not a host: `psql -d my_db`, `--user=my_db`. */
const NOT_A_HOST_OPTION = /^--?(d|u|db|dbname|database|user|username|name|schema)$/i;

/** An argument, with the option it is the value of: the argument before (`-h my_db`) or its own `--host=`; or the script of `sh -c`. */
function argMode(args: readonly string[], i: number): ValueMode {
  // `sh -c "<script>"`: the script is read as one.
  if (i >= 2 && args[i - 1] === '-c' && /(^|\/)(ba|da|a)?sh$/.test(args[i - 2]!)) return { kind: 'script' };
  const own = /^(-[^=\s]*)=/.exec(args[i]!)?.[1];
  const before = i > 0 && /^-[^=\s]*$/.test(args[i - 1]!) ? args[i - 1] : undefined;
  const option = own ?? before;
  return option === undefined ? { kind: 'arg' } : { kind: 'arg', option };
}

/** The characters of a name as a word: `my_db` in `my_db:5432` but not in `my_db_password`. */
const WORD = /[A-Za-z0-9_.-]+/g;
/** What may follow a host: the end, a path, a query, a separator or a quote. */
const AFTER_HOST = /^($|[/?#\s,;'")\]])/;
/** A port after a host, ending where a number ends. */
const PORT = /^:\d{1,5}($|[^A-Za-z0-9_.-])/;

/**
 * Rewrites the renamed names in one value where they are the whole value, a host:port or a URL
 * host; the renames made, and the names mentioned elsewhere as a whole word (left as written).
 */
export function rewriteValue(
  value: string,
  byName: ReadonlyMap<string, { to: string }>,
  mode: ValueMode,
): { value: string; renames: { from: string; to: string }[]; mentioned: string[] } {
  const renamesMade: { from: string; to: string }[] = [];
  const mentioned: string[] = [];
  let out = '';
  let last = 0;
  for (const m of value.matchAll(WORD)) {
    const word = m[0];
    const rename = byName.get(word);
    if (!rename) continue;
    const start = m.index;
    const end = start + word.length;
    if (isHost(value, start, end, mode)) {
      out += value.slice(last, start) + rename.to;
      last = end;
      if (!renamesMade.some((r) => r.from === word)) renamesMade.push({ from: word, to: rename.to });
    } else if (!mentioned.includes(word)) mentioned.push(word);
  }
  return { value: renamesMade.length === 0 ? value : out + value.slice(last), renames: renamesMade, mentioned };
}

function isHost(value: string, start: number, end: number, mode: ValueMode): boolean {
  const before = value.slice(0, start);
  const after = value.slice(end);
  // The whole value, or the whole value of an option (`--host=my_db`).
  const option = mode.kind === 'arg' && /^-[^=\s]*=$/.test(before);
  if ((start === 0 || option) && after === '') {
    if (mode.kind === 'env') return !NOT_A_HOST.test(mode.name);
    return mode.kind !== 'arg' || mode.option === undefined || !NOT_A_HOST_OPTION.test(mode.option);
  }
  const hostEnd = AFTER_HOST.test(after) || PORT.test(after);
  // A URL host: after `scheme://`, or after the user info of one (`postgres://app:pw@my_db`).
  const token = before.slice(before.search(/\S*$/));
  if ((before.endsWith('://') || (before.endsWith('@') && token.includes('://'))) && hostEnd) return true;
  // host:port, also one of a list (`kafka_1:9092,kafka_2:9092`).
  if (PORT.test(after) && !before.endsWith(':')) return true;
  return mode.kind === 'script' && isHostOption(before, after);
}

/**
 * In a shell script, a word that is the value of an option, as an argument would be: `-h my_db`,
 * `--host my_db`, `--host=my_db` (quoted or not), but not `-d my_db` or `-U my_db`.
 */
function isHostOption(before: string, after: string): boolean {
  if (!/^["']?($|\s|;|&|\|)/.test(after)) return false;
  const own = /(?:^|\s)(-[^=\s"']*)=["']?$/.exec(before)?.[1];
  const previous = /(?:^|\s)(-[^=\s"']*)\s+["']?$/.exec(before)?.[1];
  const option = own ?? previous;
  return option !== undefined && !NOT_A_HOST_OPTION.test(option);
}

/** The name-changed warning of each service Kubernetes names differently, with what was rewritten. */
function warnRenamedServices(project: Project, serviceNames: ReadonlyMap<string, string>, found: ReadonlyMap<string, Found>, diags: Diagnostics): void {
  for (const svc of Object.values(project.services)) {
    const to = serviceNames.get(svc.name);
    if (to === undefined || to === svc.name) continue;
    const rewritten = found.get(svc.name)?.rewritten ?? [];
    const n = rewritten.length;
    diags.warn(
      'name-changed',
      `service "${svc.name}" is named "${to}" in Kubernetes (names must be lower-case letters, digits and '-', starting with a letter)`,
      svc.loc,
      n > 0
        ? `other services reach it as "${to}": ${n === 1 ? 'the value' : `the ${n} values`} that name "${svc.name}" as a host ${n === 1 ? 'is' : 'are'} rewritten (${fields(rewritten)})`
        : `other services must reach it as "${to}" instead of "${svc.name}"`,
    );
  }
}

/** One warning listing the mentions of a renamed name that are left as written. */
function reportMentions(r: Rename, found: Found, diags: Diagnostics): void {
  if (found.mentioned.length === 0) return;
  const one = found.mentioned.length === 1;
  diags.warn(
    'name-changed',
    `${r.what} is "${r.to}" in Kubernetes, but ${one ? 'this value still names' : 'these values still name'} "${r.from}" and ${one ? 'is' : 'are'} left as written: ${fields(found.mentioned, true)}`,
    found.mentioned[0]!.loc,
    `where a value means the host "${r.from}", write "${r.to}"; only a whole value, the value of an option, a host:port or the host of a URL is rewritten`,
  );
}

/** `web: environment DB_HOST, command[1]; worker: healthcheck.test`, at most 8 fields. */
function fields(refs: Reference[], withLoc = false): string {
  const shown = refs.slice(0, 8);
  const byService = new Map<string, string[]>();
  for (const ref of shown) {
    const text = withLoc ? `${ref.field} (${formatLoc(ref.loc)})` : ref.field;
    const list = byService.get(ref.service) ?? [];
    if (!list.includes(text)) list.push(text);
    byService.set(ref.service, list);
  }
  const text = [...byService].map(([service, list]) => `${service}: ${list.join(', ')}`).join('; ');
  return refs.length > shown.length ? `${text}; and ${refs.length - shown.length} more` : text;
}

/**
 * The note on each field whose value was rewritten, in the container the transforms built:
 * `env[i]` (or the key of the env file's ConfigMap), `command[i]`, `args[i]`, the probe's exec,
 * the lifecycle hook's exec.
 */
export const noteRenamedReferences: ServiceTransform = (draft, ctx) => {
  // Said on the note the field already has, when it has one, so the comment names the place once.
  const note = (d: ServiceDraft, scope: 'container', path: (string | number)[], loc: Loc, key: string, detail: string) => {
    const id = JSON.stringify(path);
    const existing = d.notes.find((n) => n.scope === scope && n.note.key === key && JSON.stringify(n.note.path) === id);
    if (existing) existing.note = { ...existing.note, detail: existing.note.detail ? `${existing.note.detail}; ${detail}` : detail };
    else addNote(d, scope, path, loc, key, detail);
  };
  const list = rewritesByContext.get(ctx)?.get(draft.service.name);
  if (!list) return;
  for (const r of list) {
    const detail = `${r.renames.map((n) => `"${n.from}" is written "${n.to}", its name in Kubernetes`).join('; ')}`;
    const f = r.field;
    switch (f.kind) {
      case 'environment':
      case 'env_file': {
        const i = (draft.container.env ?? []).findIndex((e) => e.name === f.name);
        const key = f.kind === 'environment' ? 'services.environment' : 'services.env_file';
        if (i >= 0) note(draft, 'container', ['env', i], r.loc, key, detail);
        else noteEnvFileKey(draft, ctx, f.name, r.loc, detail);
        break;
      }
      case 'command':
        if (draft.container.args) note(draft, 'container', ['args', f.index], r.loc, 'services.command', detail);
        break;
      case 'entrypoint':
        if (draft.container.command) note(draft, 'container', ['command', f.index], r.loc, 'services.entrypoint', detail);
        break;
      case 'healthcheck':
        if (draft.container.readinessProbe?.exec) note(draft, 'container', ['readinessProbe', 'exec'], r.loc, 'services.healthcheck.test', detail);
        break;
      default: {
        const hook = f.kind === 'post_start' ? 'postStart' : 'preStop';
        if (draft.container.lifecycle?.[hook]?.exec) note(draft, 'container', ['lifecycle', hook, 'exec'], r.loc, `services.${f.kind}`, detail);
      }
    }
  }
};

/** An env file variable passed through envFrom: the note goes on its key in the ConfigMap of that file. */
function noteEnvFileKey(draft: ServiceDraft, ctx: MapContext, name: string, loc: Loc, detail: string): void {
  const at = formatLoc(loc);
  const mapped = ctx.objects.find(
    (m) =>
      m.object.kind === 'ConfigMap' &&
      m.object.metadata.labels?.['app.kubernetes.io/name'] === draft.name &&
      (m.object.data as Record<string, string> | undefined)?.[name] !== undefined &&
      m.notes.some((n) => n.key === 'services.env_file' && formatLoc(n.loc) === at),
  );
  mapped?.notes.push({ path: ['data', name], loc, key: 'services.env_file', detail });
}

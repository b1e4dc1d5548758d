import type { Service } from '../compose/model.js';
import { isMap, isScalar, isSeq, type YEntry, type YMap, type YNode } from '../compose/tree.js';
import { formatLoc, type Loc } from '../util/loc.js';
import type { MapContext, Note, ServiceDraft } from './context.js';
import { equivalence, type Equivalence, type Fidelity, type ValueFidelity } from './equivalences/index.js';

/**
 * The table of equivalences turned into warnings: every compose key written in a project whose
 * row says Kubernetes converts it approximately or not at all gets one warning at its position,
 * with the row's reason and remedy. Transforms only warn about what depends on the situation.
 */

export interface FidelityOptions {
  /** The value written, for rows whose fidelity depends on it (`restart: "no"`). */
  value?: string;
  /** The row's `values` entry to use when it is not the value itself (`every_<duration>` for `every_12h`). */
  valueKey?: string;
  /** The key as the user wrote it, when it is not the row's key (`restart_policy.condition`). */
  what?: string;
  /** Extra detail about this occurrence. */
  detail?: string;
}

/**
 * For transforms whose key's fidelity depends on more than the value (`restart: "no"` is exact
 * for a Job): warn as the row says for this situation. The generic pass then leaves the key alone,
 * and the notes on fields made from the key at `loc` show the fidelity judged here.
 */
export function warnFidelity(ctx: MapContext, svc: Service, key: string, loc: Loc, options: FidelityOptions = {}): void {
  settleFidelity(ctx, svc, key);
  const row = equivalence(key);
  const byValue =
    options.valueKey !== undefined ? row?.values?.[options.valueKey] : row && options.value !== undefined ? valueEntry(row, options.value) : undefined;
  const fidelity = byValue?.fidelity ?? row?.fidelity ?? 'unsupported';
  judgeFidelity(ctx, key, loc, fidelity);
  if (fidelity === 'exact') return;
  const what = options.what ?? key.replace(/^services\./, '');
  const shown = options.value !== undefined ? `${what}: ${JSON.stringify(options.value)}` : what;
  const detail = options.detail ? ` (${options.detail})` : '';
  warn(ctx, fidelity, `service "${svc.name}"`, `${shown}${detail}`, reasonOf({ reason: byValue?.reason ?? row?.reason, instead: byValue?.instead ?? row?.instead }), loc);
}

function warn(ctx: MapContext, fidelity: 'approximate' | 'unsupported', subject: string, shown: string, why: { reason?: string; instead?: string }, loc: Loc): void {
  const verb = fidelity === 'unsupported' ? 'has no Kubernetes equivalent' : 'behaves differently in Kubernetes';
  ctx.diags.warn(fidelity, `${subject}: ${shown} ${verb}: ${why.reason ?? 'see `compose2kube explain`'}`, loc, why.instead);
}

/** A transform judged `key` of `svc` itself (warned, or found it exact here): the generic pass stays quiet. */
export function settleFidelity(ctx: MapContext, svc: Service, key: string): void {
  settledKeys(ctx, `service:${svc.name}`).add(key);
}

/** A top-level key whose fidelity a project-wide mapping judged (`networks`, by the NetworkPolicies it wrote). */
export function settleProjectFidelity(ctx: MapContext, key: string): void {
  settledKeys(ctx, 'project').add(key);
}

function settledKeys(ctx: MapContext, scope: string): Set<string> {
  const byScope = settled.get(ctx) ?? new Map<string, Set<string>>();
  settled.set(ctx, byScope);
  const keys = byScope.get(scope) ?? new Set<string>();
  byScope.set(scope, keys);
  return keys;
}

const settled = new WeakMap<MapContext, Map<string, Set<string>>>();

/**
 * The fidelity of each place a key is written (`key@file:line:col`), for the notes on the fields
 * made from it: a row with value-dependent fidelity, or a transform that knows the situation
 * (`restart: "no"` is exact for a Job, approximate for a Deployment), says more than the row.
 */
const judged = new WeakMap<MapContext, Map<string, Fidelity>>();

const RANK: Record<Fidelity, number> = { exact: 0, approximate: 1, unsupported: 2 };

function judgements(ctx: MapContext): Map<string, Fidelity> {
  const map = judged.get(ctx) ?? new Map<string, Fidelity>();
  judged.set(ctx, map);
  return map;
}

const occurrence = (key: string, loc: Loc): string => `${key}@${formatLoc(loc)}`;

/** A judgement of how faithfully one place where a key is written converts. */
export interface Judgement {
  key: string;
  loc: Loc;
  fidelity: Fidelity;
}

/** Every judgement made, transforms' and the generic pass's, for the report on the project. */
export function fidelityJudgements(ctx: MapContext): Judgement[] {
  const out: Judgement[] = [];
  for (const [id, fidelity] of judged.get(ctx) ?? []) {
    // `key@file:line:col`: a key never holds "@", a file name may hold ":".
    const at = id.indexOf('@');
    const m = /^(.*):(\d+):(\d+)$/.exec(id.slice(at + 1));
    if (m) out.push({ key: id.slice(0, at), loc: { file: m[1]!, line: Number(m[2]), column: Number(m[3]) }, fidelity });
  }
  return out;
}

/** A transform's judgement of `key` written at `loc`; when it is judged several times, the worst stands. */
export function judgeFidelity(ctx: MapContext, key: string, loc: Loc, fidelity: Fidelity): void {
  const map = judgements(ctx);
  const id = occurrence(key, loc);
  const before = map.get(id);
  if (before === undefined || RANK[fidelity] > RANK[before]) map.set(id, fidelity);
}

/** The generic pass judges by the row and the value, after the transforms: theirs come first. */
function judgeUnlessJudged(ctx: MapContext, key: string, loc: Loc, fidelity: Fidelity): void {
  const map = judgements(ctx);
  const id = occurrence(key, loc);
  if (!map.has(id)) map.set(id, fidelity);
}

/**
 * Gives each note the fidelity judged where its key is written, when it differs from the row's
 * own, so the comment on a field says how faithful this field is. Runs once every judgement is in.
 */
export function showJudgedFidelity(ctx: MapContext): void {
  const map = judged.get(ctx);
  if (!map) return;
  const effective = (n: Note): Note => {
    const fidelity = map.get(occurrence(n.key, n.loc));
    return fidelity === undefined || fidelity === equivalence(n.key)?.fidelity ? n : { ...n, fidelity };
  };
  for (const mapped of ctx.objects) mapped.notes = mapped.notes.map(effective);
}

/** Finds the row of a key path (the table; tests pass their own). */
export type Lookup = (key: string) => Equivalence | undefined;

/** The fidelity of a row for a written value: the matching `values` entry, else the row's own. */
export function fidelityFor(row: Equivalence, value?: string): { fidelity: Fidelity; reason?: string; instead?: string } {
  const match = value === undefined ? undefined : valueEntry(row, value);
  if (!match) return { fidelity: row.fidelity, ...reasonOf(row) };
  return { fidelity: match.fidelity, ...reasonOf({ reason: match.reason ?? row.reason, instead: match.instead ?? row.instead }) };
}

function reasonOf(r: { reason?: string | undefined; instead?: string | undefined }): { reason?: string; instead?: string } {
  return { ...(r.reason ? { reason: r.reason } : {}), ...(r.instead ? { instead: r.instead } : {}) };
}

function valueEntry(row: Equivalence, value: string): ValueFidelity | undefined {
  if (!row.values) return undefined;
  if (Object.hasOwn(row.values, value)) return row.values[value];
  for (const [pattern, entry] of Object.entries(row.values)) {
    if (pattern.includes('<') && placeholderPattern(pattern).test(value)) return entry;
  }
  return undefined;
}

function placeholderPattern(pattern: string): RegExp {
  const source = pattern
    .split(/<[^>]*>/)
    .map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
    .join('.+');
  return new RegExp(`^${source}$`);
}

/**
 * Levels of the compose tree whose keys are names the user chose (a service's networks, a
 * project's volumes): the walk steps over them, so `networks: {front: {aliases: [a]}}` is the
 * row `services.networks.aliases`.
 */
export const NAMED_LEVELS: ReadonlySet<string> = new Set([
  'services.depends_on',
  'services.networks',
  'services.ulimits',
  'services.build.ulimits',
  'services.models',
  'networks',
  'volumes',
  'secrets',
  'configs',
  'models',
]);

/** Top-level sections of named elements, and what one element is called in messages. */
const ELEMENTS: Record<string, string> = { networks: 'network', volumes: 'volume', secrets: 'secret', configs: 'config', models: 'model' };

interface Finding {
  /** The key as the user wrote it, with the names they chose (`networks.front.ipv4_address`). */
  shown: string;
  loc: Loc;
  count: number;
  fidelity: 'approximate' | 'unsupported' | 'unmapped';
  reason?: string;
  instead?: string;
  value?: string;
}

/** One finding per key as written, at its first occurrence (list items count as one key). */
class Findings {
  readonly byKey = new Map<string, Finding>();

  add(finding: Omit<Finding, 'count'>): void {
    const seen = this.byKey.get(finding.shown);
    if (seen) seen.count++;
    else this.byKey.set(finding.shown, { ...finding, count: 1 });
  }
}

/** One walk over a part of the compose tree. */
interface Walk {
  findings: Findings;
  /** Row paths a transform judged itself. */
  quiet: ReadonlySet<string>;
  table: Lookup;
  ctx: MapContext;
}

/**
 * The generic pass over one service, after its transforms ran: walks the keys written in its
 * source, reports approximate and unsupported ones, and keys nothing converted.
 */
export function checkServiceFidelity(draft: ServiceDraft, ctx: MapContext, table: Lookup = equivalence): void {
  const svc = draft.service;
  const walk: Walk = { findings: new Findings(), quiet: settledKeys(ctx, `service:${svc.name}`), table, ctx };
  for (const e of svc.node.entries) {
    // x-kubernetes is validated by its own schema; other x- keys are ignored, as Compose does.
    if (e.key.startsWith('x-')) continue;
    const path = `services.${e.key}`;
    const row = table(path);
    if (!row) {
      if (!draft.consumed.has(e.key)) walk.findings.add({ shown: path, loc: e.keyLoc, fidelity: 'unmapped' });
      continue;
    }
    // A row Kubernetes has no counterpart for needs no transform: the table says it all.
    const handled = draft.consumed.has(e.key) || row.mappedBy !== undefined || row.fidelity === 'unsupported';
    if (!handled && fidelityFor(row, scalarText(e.value)).fidelity !== 'unsupported') {
      walk.findings.add({ shown: path, loc: e.keyLoc, fidelity: 'unmapped' });
      continue;
    }
    visit(path, path, e, walk);
  }
  report(walk.findings, `service "${svc.name}"`, 'services.', ctx);
}

/** The generic pass over the top level of the project: its sections and named elements. */
export function checkProjectFidelity(ctx: MapContext, table: Lookup = equivalence): void {
  const root: YMap = ctx.project.node;
  const top: Walk = { findings: new Findings(), quiet: settledKeys(ctx, 'project'), table, ctx };
  for (const e of root.entries) {
    if (e.key === 'services' || e.key.startsWith('x-')) continue;
    if (table(e.key)) visit(e.key, e.key, e, top, true);
    else top.findings.add({ shown: e.key, loc: e.keyLoc, fidelity: 'unmapped' });
  }
  report(top.findings, `project "${ctx.project.name}"`, '', ctx);
  for (const [section, what] of Object.entries(ELEMENTS)) {
    const entries = root.entries.find((e) => e.key === section)?.value;
    if (!isMap(entries) || table(section)?.fidelity === 'unsupported') continue;
    for (const element of entries.entries) {
      const walk: Walk = { findings: new Findings(), quiet: new Set(), table, ctx };
      walkKeys(element.value, section, section, walk);
      report(walk.findings, `${what} "${element.key}"`, `${section}.`, ctx);
    }
  }
}

/** Judge one key and, when it converts exactly, walk what is inside it. */
function visit(path: string, shown: string, e: YEntry, walk: Walk, shallow = false): void {
  const row = walk.table(path);
  if (!row) return;
  const value = scalarText(e.value);
  // An empty value asks for nothing (`devices: []`): there is nothing to convert differently.
  const f = asksForNothing(e.value) ? { fidelity: 'exact' as const } : fidelityFor(row, value);
  judgeUnlessJudged(walk.ctx, path, e.keyLoc, f.fidelity);
  if (f.fidelity !== 'exact') {
    const fidelity = f.fidelity;
    // The value is shown when it decides: the row has other fidelities for other values.
    const written = row.values && value !== undefined ? { value } : {};
    if (!walk.quiet.has(path)) walk.findings.add({ shown, loc: e.keyLoc, fidelity, ...reasonOf(f), ...written });
    // The warning covers what is inside: one message per concern, not one per nested key.
    return;
  }
  if (!shallow) walkChildren(e.value, path, shown, walk);
}

function walkChildren(node: YNode, path: string, shown: string, walk: Walk): void {
  if (isSeq(node)) {
    for (const item of node.items) walkChildren(item, path, shown, walk);
  } else if (isMap(node) && NAMED_LEVELS.has(path)) {
    // The row leaves the name out; the message keeps it, so users know which one.
    for (const named of node.entries) if (!named.key.startsWith('x-')) walkKeys(named.value, path, `${shown}.${named.key}`, walk);
  } else walkKeys(node, path, shown, walk);
}

/** The keys of one mapping (or of each mapping of a list) at `path`. */
function walkKeys(node: YNode, path: string, shown: string, walk: Walk): void {
  if (isSeq(node)) for (const item of node.items) walkKeys(item, path, shown, walk);
  if (!isMap(node)) return;
  for (const child of node.entries) if (!child.key.startsWith('x-')) visit(`${path}.${child.key}`, `${shown}.${child.key}`, child, walk);
}

function scalarText(node: YNode): string | undefined {
  return isScalar(node) && node.value !== null ? String(node.value) : undefined;
}

function asksForNothing(node: YNode): boolean {
  return (isScalar(node) && node.value === null) || (isSeq(node) && node.items.length === 0) || (isMap(node) && node.entries.length === 0);
}

/** One warning per finding; `prefix` (`services.`) is left out of the key shown, as users write it. */
function report(findings: Findings, subject: string, prefix: string, ctx: MapContext): void {
  for (const f of findings.byKey.values()) {
    const what = f.shown.slice(prefix.length);
    const shown = f.value !== undefined ? `${what}: ${JSON.stringify(f.value)}` : what;
    const times = f.count > 1 ? ` (${f.count} times)` : '';
    if (f.fidelity === 'unmapped') {
      ctx.diags.warn('unmapped-key', `${subject}: "${what}" is not converted to Kubernetes yet`, f.loc);
    } else {
      warn(ctx, f.fidelity, subject, `${shown}${times}`, f, f.loc);
    }
  }
}

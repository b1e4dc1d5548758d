import type { Service } from '../compose/model.js';
import { isMap, isScalar, isSeq, type YEntry, type YMap, type YNode } from '../compose/tree.js';
import type { Loc } from '../util/loc.js';
import type { MapContext, ServiceDraft } from './context.js';
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
 * for a Job): warn as the row says for this situation. The generic pass then leaves the key alone.
 */
export function warnFidelity(ctx: MapContext, svc: Service, key: string, loc: Loc, options: FidelityOptions = {}): void {
  settleFidelity(ctx, svc, key);
  const row = equivalence(key);
  const byValue =
    options.valueKey !== undefined ? row?.values?.[options.valueKey] : row && options.value !== undefined ? valueEntry(row, options.value) : undefined;
  const fidelity = byValue?.fidelity ?? row?.fidelity ?? 'unsupported';
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
  const byService = settled.get(ctx) ?? new Map<string, Set<string>>();
  settled.set(ctx, byService);
  const keys = byService.get(svc.name) ?? new Set<string>();
  byService.set(svc.name, keys);
  keys.add(key);
}

const settled = new WeakMap<MapContext, Map<string, Set<string>>>();

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
  path: string;
  loc: Loc;
  count: number;
  fidelity: 'approximate' | 'unsupported' | 'unmapped';
  reason?: string;
  instead?: string;
  value?: string;
}

/** One finding per key path, at its first occurrence. */
class Findings {
  readonly byPath = new Map<string, Finding>();

  add(finding: Omit<Finding, 'count'>): void {
    const seen = this.byPath.get(finding.path);
    if (seen) seen.count++;
    else this.byPath.set(finding.path, { ...finding, count: 1 });
  }
}

/**
 * The generic pass over one service, after its transforms ran: walks the keys written in its
 * source, reports approximate and unsupported ones, and keys nothing converted.
 */
export function checkServiceFidelity(draft: ServiceDraft, ctx: MapContext, table: Lookup = equivalence): void {
  const svc = draft.service;
  const quiet = settled.get(ctx)?.get(svc.name) ?? new Set<string>();
  const findings = new Findings();
  for (const e of svc.node.entries) {
    // x-kubernetes is validated by its own schema; other x- keys are ignored, as Compose does.
    if (e.key.startsWith('x-')) continue;
    const path = `services.${e.key}`;
    const row = table(path);
    if (!row) {
      if (!draft.consumed.has(e.key)) findings.add({ path, loc: e.keyLoc, fidelity: 'unmapped' });
      continue;
    }
    const handled = draft.consumed.has(e.key) || row.mappedBy !== undefined;
    if (!handled && fidelityFor(row, scalarText(e.value)).fidelity !== 'unsupported') {
      findings.add({ path, loc: e.keyLoc, fidelity: 'unmapped' });
      continue;
    }
    visit(path, e, findings, quiet, table);
  }
  report(findings, `service "${svc.name}"`, 'services.', ctx);
}

/** The generic pass over the top level of the project: its sections and named elements. */
export function checkProjectFidelity(ctx: MapContext, table: Lookup = equivalence): void {
  const root: YMap = ctx.project.node;
  const top = new Findings();
  for (const e of root.entries) {
    if (e.key === 'services' || e.key.startsWith('x-')) continue;
    if (table(e.key)) visit(e.key, e, top, new Set(), table, true);
    else top.add({ path: e.key, loc: e.keyLoc, fidelity: 'unmapped' });
  }
  report(top, `project "${ctx.project.name}"`, '', ctx);
  for (const [section, what] of Object.entries(ELEMENTS)) {
    const entries = root.entries.find((e) => e.key === section)?.value;
    if (!isMap(entries) || table(section)?.fidelity === 'unsupported') continue;
    for (const element of entries.entries) {
      const findings = new Findings();
      walkKeys(element.value, section, findings, new Set(), table);
      report(findings, `${what} "${element.key}"`, `${section}.`, ctx);
    }
  }
}

/** Report one key and, when it converts exactly, walk what is inside it. */
function visit(path: string, e: YEntry, findings: Findings, quiet: ReadonlySet<string>, table: Lookup, shallow = false): void {
  const row = table(path);
  if (!row) return;
  const value = scalarText(e.value);
  const f = fidelityFor(row, value);
  if (f.fidelity !== 'exact') {
    const fidelity = f.fidelity;
    // The value is shown when it decides: the row has other fidelities for other values.
    const shown = row.values && value !== undefined ? { value } : {};
    if (!quiet.has(path)) findings.add({ path, loc: e.keyLoc, fidelity, ...reasonOf(f), ...shown });
    // The warning covers what is inside: one message per concern, not one per nested key.
    return;
  }
  if (!shallow) walkChildren(e.value, path, findings, quiet, table);
}

function walkChildren(node: YNode, path: string, findings: Findings, quiet: ReadonlySet<string>, table: Lookup): void {
  if (isSeq(node)) {
    for (const item of node.items) walkChildren(item, path, findings, quiet, table);
  } else if (isMap(node) && NAMED_LEVELS.has(path)) {
    for (const named of node.entries) if (!named.key.startsWith('x-')) walkKeys(named.value, path, findings, quiet, table);
  } else walkKeys(node, path, findings, quiet, table);
}

/** The keys of one mapping (or of each mapping of a list) at `path`. */
function walkKeys(node: YNode, path: string, findings: Findings, quiet: ReadonlySet<string>, table: Lookup): void {
  if (isSeq(node)) for (const item of node.items) walkKeys(item, path, findings, quiet, table);
  if (!isMap(node)) return;
  for (const child of node.entries) if (!child.key.startsWith('x-')) visit(`${path}.${child.key}`, child, findings, quiet, table);
}

function scalarText(node: YNode): string | undefined {
  return isScalar(node) && node.value !== null ? String(node.value) : undefined;
}

/** One warning per finding; `prefix` (`services.`) is left out of the key shown, as users write it. */
function report(findings: Findings, subject: string, prefix: string, ctx: MapContext): void {
  for (const f of findings.byPath.values()) {
    const what = f.path.slice(prefix.length);
    const shown = f.value !== undefined ? `${what}: ${JSON.stringify(f.value)}` : what;
    const times = f.count > 1 ? ` (${f.count} times)` : '';
    if (f.fidelity === 'unmapped') {
      ctx.diags.warn('unmapped-key', `${subject}: "${what}" is not converted to Kubernetes yet`, f.loc);
    } else {
      warn(ctx, f.fidelity, subject, `${shown}${times}`, f, f.loc);
    }
  }
}

import type { Project } from '../compose/model.js';
import { isMap, isScalar, isSeq, type YEntry, type YNode } from '../compose/tree.js';
import { atEachPlace, type Diagnostic, type Subject } from '../diagnostics/diagnostic.js';
import type { MappedObject } from '../mapping/context.js';
import { equivalence, type Fidelity } from '../mapping/equivalences/index.js';
import { fidelityFor, NAMED_LEVELS, type Judgement } from '../mapping/fidelity.js';
import { ELEMENT_SECTIONS, sameSubject, type PlaceIndex } from '../mapping/subjects.js';
import { formatLoc, type Loc } from '../util/loc.js';

/**
 * The report on a user's own project (`convert --report`): for every service and element, every
 * compose key it uses, what that key became in Kubernetes (objects and field paths), how
 * faithfully, and the warnings about it. Built from what the pipeline already knows; it holds
 * keys, positions, object names and messages, never a value from the compose file, so a secret
 * cannot leak into it.
 */
export interface ConversionReport {
  kind: 'ConversionReport';
  /** The shape of this document; changes that remove or rename fields change it. */
  version: 1;
  /** As on every object compose2kube writes: a later run recognises the file as its own. */
  labels: { 'app.kubernetes.io/managed-by': 'compose2kube' };
  project: string;
  namespace?: string;
  files: string[];
  tally: Tally;
  /** The project's own top-level keys (`name`, `networks`...). */
  keys: KeyReport[];
  services: ElementReport[];
  /** Top-level volumes, networks, secrets, configs and models. */
  elements: ElementReport[];
  objects: { kind: string; name: string; from: string; source: string }[];
  /** Diagnostics that concern no element (the command line, the project as a whole). */
  warnings: WarningReport[];
}

export interface Tally {
  keys: number;
  exact: number;
  approximate: number;
  /** Keys Kubernetes cannot express, or that are not converted yet. */
  notConverted: number;
}

export interface ElementReport {
  section: string;
  name: string;
  source: string;
  /** The objects made from it. */
  objects: { kind: string; name: string }[];
  keys: KeyReport[];
  /** Every diagnostic that concerns it, including those of its keys. */
  warnings: WarningReport[];
}

export interface KeyReport {
  /** The key as written, with the names the user chose (`networks.front.aliases`). */
  key: string;
  /** The row of the table of equivalences (`compose2kube explain <row>`); absent when the table has none. */
  row?: string;
  source: string;
  fidelity: Fidelity;
  /** The fields made from it: object kind and name, and the path of the field. */
  became: { kind: string; name: string; field: string }[];
  /** The diagnostics about this key (not about keys inside it). */
  warnings: WarningReport[];
}

export interface WarningReport {
  code: string;
  severity: string;
  message: string;
  source?: string;
  hint?: string;
}

export interface ReportSource {
  project: Project;
  /** The objects written, in apply order. */
  mapped: readonly MappedObject[];
  diagnostics: readonly Diagnostic[];
  places: PlaceIndex;
  judgements: readonly Judgement[];
  namespace?: string;
}

/** A key being reported, with what the report needs to match fields and warnings to it. */
interface Visit {
  report: KeyReport;
  subject: Subject;
  path: (string | number)[];
}

export function buildReport(source: ReportSource): ConversionReport {
  const judged = new Map(source.judgements.map((j) => [`${j.key}@${formatLoc(j.loc)}`, j.fidelity]));
  const unmapped = new Set(source.diagnostics.filter((d) => d.code === 'unmapped-key').map(diagLocId));
  const byLoc = notesByLoc(source.mapped);
  const visits: Visit[] = [];
  const judgedAt = groupBy(source.judgements, (j) => formatLoc(j.loc));
  const walker: Walker = { judged, judgedAt, unmapped, byLoc, visits, places: source.places, seen: new Set() };
  const owned: Owned = { objects: groupBy(source.mapped, (o) => subjectId(o.subject)), diagnostics: groupBy(atEachPlace(source.diagnostics), (d) => subjectId(d.subject)) };

  const project = source.project;
  const projectSubject = { section: 'project', name: project.name };
  const projectKeys: KeyReport[] = [];
  for (const e of project.node.entries) {
    if (e.key.startsWith('x-') || e.key === 'services') continue;
    const row = equivalence(e.key);
    const report = keyReport(walker, e, e.key, row?.key, projectSubject, [e.key]);
    if (report) projectKeys.push(report);
  }

  const services = Object.values(project.services).map((svc): ElementReport => {
    const subject = { section: 'services', name: svc.name };
    const keys: KeyReport[] = [];
    for (const e of svc.node.entries) {
      if (e.key.startsWith('x-') && e.key !== 'x-kubernetes') continue;
      walker.top = { entry: e, locs: subtreeLocs(e) };
      keys.push(...walkEntry(walker, e, `services.${e.key}`, e.key, subject, [e.key], true));
      keys.push(...judgedInside(walker, e, `services.${e.key}`, e.key, subject));
    }
    return element(owned, subject, svc.loc, keys);
  });

  const elements: ElementReport[] = [];
  for (const section of ELEMENT_SECTIONS) {
    if (section === 'services') continue;
    const defs = project.node.entries.find((e) => e.key === section)?.value;
    if (!isMap(defs)) continue;
    for (const def of defs.entries) {
      const subject = { section, name: def.key };
      const keys: KeyReport[] = [];
      if (isMap(def.value)) {
        for (const e of def.value.entries) {
          walker.top = { entry: e, locs: subtreeLocs(e) };
          keys.push(...walkEntry(walker, e, `${section}.${e.key}`, e.key, subject, [e.key], false));
          keys.push(...judgedInside(walker, e, `${section}.${e.key}`, e.key, subject));
        }
      }
      elements.push(element(owned, subject, def.keyLoc, keys));
    }
  }

  placeKeyWarnings(source, visits);
  const all = [...projectKeys, ...services.flatMap((s) => s.keys), ...elements.flatMap((e) => e.keys)];
  const tally: Tally = {
    keys: all.length,
    exact: all.filter((k) => k.fidelity === 'exact').length,
    approximate: all.filter((k) => k.fidelity === 'approximate').length,
    notConverted: all.filter((k) => k.fidelity === 'unsupported').length,
  };
  return {
    kind: 'ConversionReport',
    version: 1,
    labels: { 'app.kubernetes.io/managed-by': 'compose2kube' },
    project: project.name,
    ...(source.namespace ? { namespace: source.namespace } : {}),
    files: [...project.files],
    tally,
    keys: projectKeys,
    services,
    elements,
    objects: source.mapped.map((o) => ({ kind: o.object.kind, name: o.object.metadata.name, from: o.origin.what, source: formatLoc(o.origin.loc) })),
    warnings: source.diagnostics.filter((d) => !d.subject || d.subject.section === 'project').map(warningReport),
  };
}

/** `41 keys exact, 3 approximate, 1 not converted`: the last line of every convert. */
export function tallyText(t: Tally): string {
  return `${t.exact} ${t.exact === 1 ? 'key' : 'keys'} exact, ${t.approximate} approximate, ${t.notConverted} not converted`;
}

interface Walker {
  judged: Map<string, Fidelity>;
  judgedAt: Map<string, Judgement[]>;
  places: PlaceIndex;
  /** `row@position` of every key reported. */
  seen: Set<string>;
  unmapped: Set<string>;
  byLoc: Map<string, { mapped: MappedObject; path: (string | number)[] }[]>;
  visits: Visit[];
  /** The subtreeLocs of the top-level key being walked: its report and the keys judged inside it both need them. */
  top?: { entry: YEntry; locs: Set<string> };
}

/**
 * One key and, when it converts exactly, the keys inside it that the table knows; as the warnings
 * do, a key that converts differently stands for what is inside it. Names the user chose
 * (networks of a service, depends_on targets) are stepped over, and kept in the key shown.
 */
function walkEntry(w: Walker, e: YEntry, rowPath: string, shown: string, subject: Subject, path: (string | number)[], top: boolean): KeyReport[] {
  const row = equivalence(rowPath);
  // Below the top level, a key the table does not know is data (a variable, a label), not a key.
  if (!row && !top) return [];
  const report = keyReport(w, e, shown, row?.key, subject, path);
  if (!report) return [];
  const out = [report];
  if (!row || report.fidelity !== 'exact') return out;
  const inside = (node: YNode, p: (string | number)[], s: string): void => {
    if (isSeq(node)) node.items.forEach((item, i) => inside(item, [...p, i], s));
    else if (isMap(node)) for (const child of node.entries) if (!child.key.startsWith('x-')) out.push(...walkEntry(w, child, `${rowPath}.${child.key}`, `${s}.${child.key}`, subject, [...p, child.key], false));
  };
  if (isMap(e.value) && NAMED_LEVELS.has(rowPath)) {
    for (const named of e.value.entries) if (!named.key.startsWith('x-')) inside(named.value, [...path, named.key], `${shown}.${named.key}`);
  } else inside(e.value, path, shown);
  return out;
}

function keyReport(w: Walker, e: YEntry, shown: string, row: string | undefined, subject: Subject, path: (string | number)[]): KeyReport | undefined {
  const locs = subtreeLocsOf(w, e);
  const became = [...locs].flatMap((id) => w.byLoc.get(id) ?? []).map(({ mapped, path: field }) => ({ kind: mapped.object.kind, name: mapped.object.metadata.name, field: fieldPath(field) }));
  const unique = [...new Map(became.map((b) => [`${b.kind}/${b.name}/${b.field}`, b])).values()];
  const report: KeyReport = { key: shown, ...(row ? { row } : {}), source: formatLoc(e.keyLoc), fidelity: fidelityOf(w, e, row), became: unique, warnings: [] };
  w.visits.push({ report, subject, path });
  if (row) w.seen.add(`${row}@${formatLoc(e.keyLoc)}`);
  return report;
}

/**
 * Keys the mapping judged inside a value rather than as YAML keys (`security_opt: [seccomp=...]`
 * is the row services.security_opt.seccomp at that list item): reported beside the key they are in.
 */
function judgedInside(w: Walker, e: YEntry, rowPath: string, shown: string, subject: Subject): KeyReport[] {
  const out: KeyReport[] = [];
  for (const id of subtreeLocsOf(w, e)) {
    for (const j of w.judgedAt.get(id) ?? []) {
      if (!j.key.startsWith(`${rowPath}.`) || w.seen.has(`${j.key}@${id}`)) continue;
      w.seen.add(`${j.key}@${id}`);
      const became = (w.byLoc.get(id) ?? []).map(({ mapped, path: field }) => ({ kind: mapped.object.kind, name: mapped.object.metadata.name, field: fieldPath(field) }));
      const report: KeyReport = { key: `${shown}${j.key.slice(rowPath.length)}`, row: j.key, source: id, fidelity: j.fidelity, became, warnings: [] };
      const place = w.places.exactly(j.loc).find((p) => sameSubject(p.subject, subject));
      if (place) w.visits.push({ report, subject, path: place.path });
      out.push(report);
    }
  }
  return out;
}

function fidelityOf(w: Walker, e: YEntry, row: string | undefined): Fidelity {
  if (!row) return w.unmapped.has(formatLoc(e.keyLoc)) ? 'unsupported' : 'exact';
  const judged = w.judged.get(`${row}@${formatLoc(e.keyLoc)}`);
  if (judged) return judged;
  const eq = equivalence(row)!;
  return fidelityFor(eq, isScalar(e.value) && e.value.value !== null ? String(e.value.value) : undefined).fidelity;
}

/** Each diagnostic goes to the innermost key it is written in, within the element it concerns. */
function placeKeyWarnings(source: ReportSource, visits: readonly Visit[]): void {
  const bySubject = groupBy(visits, (v) => subjectId(v.subject));
  // A caveat said once for several services still belongs to the key of each.
  for (const d of atEachPlace(source.diagnostics)) {
    if (!d.file || !d.line) continue;
    const places = source.places.at({ file: d.file, line: d.line, column: d.column ?? 1 });
    let best: Visit | undefined;
    for (const p of places) {
      if (d.subject && !sameSubject(p.subject, d.subject)) continue;
      for (const v of bySubject.get(subjectId(p.subject)) ?? []) {
        if (!isPrefix(v.path, p.path)) continue;
        if (!best || v.path.length > best.path.length) best = v;
      }
    }
    if (!best) continue;
    best.report.warnings.push(warningReport(d));
    best.report.fidelity = worse(best.report.fidelity, fidelityOfWarning(d, best.report));
  }
}

const RANK: Record<Fidelity, number> = { exact: 0, approximate: 1, unsupported: 2 };
const worse = (a: Fidelity, b: Fidelity): Fidelity => (RANK[b] > RANK[a] ? b : a);

/**
 * What a warning about a key says of its fidelity: an approximate one makes it approximate; an
 * unsupported one leaves it unconverted when it made no field, approximate when it made some
 * (`group_add` with one group written by name: the other groups are added).
 */
function fidelityOfWarning(d: Diagnostic, key: KeyReport): Fidelity {
  if (d.code === 'approximate') return 'approximate';
  if (d.code === 'unsupported' || d.code === 'unmapped-key') return key.became.length > 0 ? 'approximate' : 'unsupported';
  return 'exact';
}

interface Owned {
  objects: Map<string, MappedObject[]>;
  diagnostics: Map<string, Diagnostic[]>;
}

function element(owned: Owned, subject: Subject, loc: Loc, keys: KeyReport[]): ElementReport {
  const id = subjectId(subject);
  return {
    section: subject.section,
    name: subject.name,
    source: formatLoc(loc),
    objects: (owned.objects.get(id) ?? []).map((o) => ({ kind: o.object.kind, name: o.object.metadata.name })),
    keys,
    warnings: (owned.diagnostics.get(id) ?? []).map(warningReport),
  };
}

const subjectId = (s: Subject | undefined): string => (s ? `${s.section}\u0000${s.name}` : '');

function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = out.get(k);
    if (list) list.push(item);
    else out.set(k, [item]);
  }
  return out;
}

function warningReport(d: Diagnostic): WarningReport {
  return {
    code: d.code,
    severity: d.severity,
    message: d.message,
    ...(d.file ? { source: d.line ? `${d.file}:${d.line}:${d.column ?? 1}` : d.file } : {}),
    ...(d.hint ? { hint: d.hint } : {}),
  };
}

function notesByLoc(objects: readonly MappedObject[]): Map<string, { mapped: MappedObject; path: (string | number)[] }[]> {
  const out = new Map<string, { mapped: MappedObject; path: (string | number)[] }[]>();
  for (const mapped of objects) {
    for (const n of mapped.notes) {
      const id = formatLoc(n.loc);
      const list = out.get(id) ?? [];
      list.push({ mapped, path: n.path });
      out.set(id, list);
    }
  }
  return out;
}

function subtreeLocsOf(w: Walker, e: YEntry): Set<string> {
  return w.top?.entry === e ? w.top.locs : subtreeLocs(e);
}

/** The positions of a key and of everything written inside it. */
function subtreeLocs(e: YEntry): Set<string> {
  const out = new Set<string>([formatLoc(e.keyLoc)]);
  const walk = (n: YNode): void => {
    out.add(formatLoc(n.loc));
    if (isMap(n))
      for (const c of n.entries) {
        out.add(formatLoc(c.keyLoc));
        walk(c.value);
      }
    else if (isSeq(n)) n.items.forEach(walk);
  };
  walk(e.value);
  return out;
}

/** `spec.template.spec.containers[0].ports[1]`, as kubectl explain and JSONPath write it. */
export function fieldPath(path: readonly (string | number)[]): string {
  return path.map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? p : `.${p}`)).join('');
}

function isPrefix(prefix: readonly (string | number)[], path: readonly (string | number)[]): boolean {
  return prefix.length <= path.length && prefix.every((p, i) => p === path[i]);
}

function diagLocId(d: Diagnostic): string {
  return `${d.file}:${d.line}:${d.column ?? 1}`;
}


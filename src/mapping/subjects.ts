import type { Project } from '../compose/model.js';
import { isMap, isSeq, type YNode } from '../compose/tree.js';
import type { Diagnostic, Subject } from '../diagnostics/diagnostic.js';
import type { Loc } from '../util/loc.js';
import type { MappedObject } from './context.js';
import { NAMED_LEVELS } from './fidelity.js';

/** Top-level sections whose keys are elements the user named; each element is a subject. */
export const ELEMENT_SECTIONS: readonly string[] = ['services', 'volumes', 'networks', 'secrets', 'configs', 'models'];

/** A place in the compose tree: the element it belongs to, and the path of keys and indexes inside it. */
export interface ComposePlace {
  subject: Subject;
  path: (string | number)[];
}

/**
 * Every position of the project's compose tree -> the places written there. A position can be
 * several places: a YAML anchor merged into two services is written once and used twice.
 * Positions inside a scalar (an interpolated variable) resolve to the nearest place before them.
 */
export class PlaceIndex {
  // Positions are numbers (posOf), kept per file: a large project has a few hundred thousand,
  // and a string key and an object each would hold tens of megabytes (docs/guide/performance.md).
  // Most positions are one place: held alone, an array only for the positions written for several.
  readonly #exact = new Map<string, Map<number, ComposePlace | ComposePlace[]>>();
  /** Per file, the positions in text order, for the nearest place before a position. */
  readonly #sorted = new Map<string, number[]>();
  /** The service nodes walked from the services section, by the service they were walked for. */
  readonly #walked = new Map<YNode, string>();

  constructor(project: Project) {
    const subject = (section: string, name: string): Subject => ({ section, name });
    const projectSubject = subject('project', project.name);
    for (const e of project.node.entries) {
      const section = ELEMENT_SECTIONS.includes(e.key) && isMap(e.value) ? e.key : undefined;
      this.#add(e.keyLoc, { subject: projectSubject, path: [e.key] });
      if (!section) {
        this.#walk(e.value, projectSubject, [e.key]);
        continue;
      }
      for (const el of (e.value as { entries: { key: string; keyLoc: Loc; value: YNode }[] }).entries) {
        // A service is read from its merged node: the one the mapper converts.
        const node = section === 'services' ? (project.services[el.key]?.node ?? el.value) : el.value;
        const s = subject(section, el.key);
        this.#add(el.keyLoc, { subject: s, path: [] });
        this.#walk(node, s, []);
        if (section === 'services') this.#walked.set(node, el.key);
      }
    }
    // Services of other files (merged, included) whose entry the root tree may not show. A node
    // walked above for the same service adds nothing new: it is not walked twice.
    for (const svc of Object.values(project.services)) {
      const s = subject('services', svc.name);
      this.#add(svc.loc, { subject: s, path: [] });
      if (this.#walked.get(svc.node) !== svc.name) this.#walk(svc.node, s, []);
    }
    for (const list of this.#sorted.values()) list.sort((a, b) => a - b);
  }

  #add(loc: Loc, place: ComposePlace): void {
    const pos = posOf(loc);
    let inFile = this.#exact.get(loc.file);
    if (!inFile) {
      inFile = new Map();
      this.#exact.set(loc.file, inFile);
      this.#sorted.set(loc.file, []);
    }
    const known = inFile.get(pos);
    if (known) {
      const list = Array.isArray(known) ? known : [known];
      if (!list.some((p) => sameSubject(p.subject, place.subject) && samePath(p.path, place.path))) inFile.set(pos, [...list, place]);
      return;
    }
    inFile.set(pos, place);
    this.#sorted.get(loc.file)!.push(pos);
  }

  #walk(node: YNode, subject: Subject, path: (string | number)[]): void {
    this.#add(node.loc, { subject, path });
    if (isMap(node)) {
      for (const e of node.entries) {
        // One path array for the key and its value: places only read their paths.
        const inner = [...path, e.key];
        this.#add(e.keyLoc, { subject, path: inner });
        this.#walk(e.value, subject, inner);
      }
    } else if (isSeq(node)) {
      node.items.forEach((item, i) => this.#walk(item, subject, [...path, i]));
    }
  }

  /** The places written exactly at `loc`. */
  exactly(loc: Loc): readonly ComposePlace[] {
    return placesAt(this.#exact.get(loc.file), posOf(loc));
  }

  /** The places at `loc`, or else at the nearest position before it in the same file. */
  at(loc: Loc): readonly ComposePlace[] {
    const exact = this.exactly(loc);
    if (exact.length > 0) return exact;
    const list = this.#sorted.get(loc.file);
    if (!list) return [];
    const pos = posOf(loc);
    let lo = 0;
    let hi = list.length - 1;
    let found = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (list[mid]! <= pos) {
        found = mid;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    return found < 0 ? [] : placesAt(this.#exact.get(loc.file), list[found]!);
  }

  /** The element a position belongs to, preferring `preferred` when the position is written for several. */
  subjectAt(loc: Loc, preferred?: Subject): Subject | undefined {
    const places = this.at(loc);
    if (places.length === 0) return undefined;
    const match = preferred && places.find((p) => sameSubject(p.subject, preferred));
    if (match) return match.subject;
    // A named element says more than the project's own keys (an anchor under x-common).
    return (places.find((p) => p.subject.section !== 'project') ?? places[0]!).subject;
  }
}

/**
 * A line and column as one number that sorts as they do (line first): exact for columns below
 * 2^26 and lines below 2^27, far beyond any compose file.
 */
const COLUMNS = 2 ** 26;
const posOf = (loc: Loc): number => loc.line * COLUMNS + loc.column;

function placesAt(inFile: Map<number, ComposePlace | ComposePlace[]> | undefined, pos: number): readonly ComposePlace[] {
  const known = inFile?.get(pos);
  return known === undefined ? [] : Array.isArray(known) ? known : [known];
}

export function sameSubject(a: Subject | undefined, b: Subject | undefined): boolean {
  return a !== undefined && b !== undefined && a.section === b.section && a.name === b.name;
}

function samePath(a: readonly (string | number)[], b: readonly (string | number)[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

/**
 * Links every object and diagnostic to the element it concerns. An object belongs to the element
 * its origin is written in (a service's env_file ConfigMap to the service, a config's ConfigMap to
 * the config), else to the service being mapped when it was made. A diagnostic belongs to the
 * service being mapped when it was raised (`Diagnostics.about`), else to the element at its position.
 */
export function attachSubjects(index: PlaceIndex, objects: readonly MappedObject[], diagnostics: readonly Diagnostic[]): void {
  for (const o of objects) {
    const at = index.subjectAt(o.origin.loc, o.subject);
    if (at) o.subject = at;
  }
  for (const d of diagnostics) {
    if (d.subject || !d.file || !d.line) continue;
    const at = index.subjectAt({ file: d.file, line: d.line, column: d.column ?? 1 });
    if (at) d.subject = at;
  }
}

/**
 * The key of the table of equivalences for a place (`services.deploy.resources.limits.cpus`,
 * `networks.driver`): list indexes and the names users choose are left out.
 */
export function rowKeyOf(place: ComposePlace): string {
  const { section } = place.subject;
  let key = section === 'project' ? '' : section;
  let named = false;
  for (const step of place.path) {
    if (typeof step === 'number') continue;
    if (named) {
      named = false;
      continue;
    }
    key = key ? `${key}.${step}` : step;
    if (step.startsWith('x-') && key === step) return step === 'x-kubernetes' ? key : 'x-*';
    named = NAMED_LEVELS.has(key);
  }
  return key;
}

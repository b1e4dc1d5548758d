import type { Loc } from '../util/loc.js';
import { dirname, resolve } from '../util/path.js';
import { displayPath, type FoundFile } from './discover.js';
import type { ExtendsState, LoadContext, LoadScope } from './load-context.js';
import { mergeService } from './merge.js';
import { readComposeFile } from './read.js';
import { rebaseService } from './rebase.js';
import { entry, get, isMap, isScalar, scalarString, withEntry, withoutEntry, type YEntry, type YMap, type YNode } from './tree.js';

/** A compose file as `extends` sees it. */
interface ExtendsFile {
  abs: string;
  shown: string;
  /** The directory its relative paths, `extends.file` included, are written for. */
  baseDir: string;
  services: YMap | undefined;
}

interface Reference {
  service: string;
  serviceLoc: Loc;
  file?: string;
  fileLoc?: Loc;
}

interface Frame {
  key: string;
  name: string;
  file: ExtendsFile;
  /** The `extends` key of the service being resolved. */
  loc: Loc;
}

/**
 * Resolve `extends` in every service of one file, as Compose does: the service it names (in the
 * same file, or in `file`, read and interpolated like any compose file) is resolved first, then
 * the extending service is merged onto it by the merge rules. Chains are followed; cycles and
 * missing services are errors. Relative paths of a service taken from another directory are
 * rebased so they still point where its author meant. The main files of a project resolve `file`
 * against the project directory; an extended file resolves it against its own directory.
 */
export function resolveExtends(tree: YMap, file: FoundFile, scope: LoadScope, ctx: LoadContext): YMap {
  const services = get(tree, 'services');
  if (!isMap(services) || !services.entries.some((e) => entry(isMap(e.value) ? e.value : undefined, 'extends'))) return tree;
  const state = (scope.extendsState ??= { files: new Map(), resolved: new Map() });
  state.files.set(file.absPath, tree);
  const doc: ExtendsFile = { abs: file.absPath, shown: file.path, baseDir: scope.workingDir, services };
  const resolver = new Resolver(state, scope, ctx);
  const entries = services.entries.map((e) =>
    isMap(e.value) && entry(e.value, 'extends') ? { ...e, value: resolver.resolve(doc, e.key) ?? withoutEntry(e.value, 'extends') } : e,
  );
  return withEntry(tree, 'services', { ...services, entries });
}

class Resolver {
  private readonly stack: Frame[] = [];

  constructor(
    private readonly state: ExtendsState,
    private readonly scope: LoadScope,
    private readonly ctx: LoadContext,
  ) {}

  /** The service with its `extends` chain applied; null when that failed (already reported). */
  resolve(doc: ExtendsFile, name: string): YMap | null {
    const key = keyOf(doc, name);
    const known = this.state.resolved.get(key);
    if (known !== undefined) return known;
    const svc = serviceOf(doc, name) as YMap;
    const ext = entry(svc, 'extends');
    let result: YMap | null = svc;
    if (ext) {
      this.stack.push({ key, name, file: doc, loc: ext.keyLoc });
      result = this.extend(doc, svc, name, ext);
      this.stack.pop();
    }
    this.state.resolved.set(key, result);
    return result;
  }

  private extend(doc: ExtendsFile, svc: YMap, name: string, ext: YEntry): YMap | null {
    const ref = this.reference(ext);
    if (!ref) return null;
    let target = doc;
    if (ref.file !== undefined) {
      const other = this.file(resolve(doc.baseDir, ref.file), ref.fileLoc!);
      if (!other) return null;
      target = other;
    }
    if (!isMap(serviceOf(target, ref.service))) {
      const where = ref.file === undefined ? 'this file does not define it' : `${target.shown} does not define it`;
      this.ctx.diags.error('extends-missing', `service "${name}" extends "${ref.service}", but ${where}`, ref.serviceLoc, 'correct the name, or define the service it should extend');
      return null;
    }
    const cycleStart = this.stack.findIndex((f) => f.key === keyOf(target, ref.service));
    if (cycleStart >= 0) {
      this.reportCycle(this.stack.slice(cycleStart));
      return null;
    }
    const base = this.resolve(target, ref.service);
    if (!base) return null;
    const rebased = rebaseService(base, target.baseDir, doc.baseDir);
    return mergeService(rebased, withoutEntry(svc, 'extends'), name, this.ctx.diags);
  }

  private reference(ext: YEntry): Reference | undefined {
    const v = ext.value;
    if (isScalar(v) && typeof v.value === 'string') return { service: v.value, serviceLoc: v.loc };
    const service = isMap(v) ? get(v, 'service') : undefined;
    const name = scalarString(service);
    if (!service || name === undefined) {
      this.ctx.diags.error('schema', 'extends needs the name of a service: `extends: NAME` or `extends: { service: NAME, file: FILE }`', v.loc);
      return undefined;
    }
    const ref: Reference = { service: name, serviceLoc: service.loc };
    const file = get(v, 'file');
    const path = scalarString(file);
    if (file && path !== undefined) {
      ref.file = path;
      ref.fileLoc = file.loc;
    }
    return ref;
  }

  /** Another compose file, read, parsed and interpolated once per scope. */
  private file(abs: string, loc: Loc): ExtendsFile | undefined {
    const shown = displayPath(this.ctx.options, abs);
    if (!this.state.files.has(abs)) this.state.files.set(abs, this.read(abs, shown, loc));
    const tree = this.state.files.get(abs);
    if (!tree) return undefined;
    const services = get(tree, 'services');
    return { abs, shown, baseDir: dirname(abs), services: isMap(services) ? services : undefined };
  }

  private read(abs: string, shown: string, loc: Loc): YMap | null {
    const { diags, sources, options } = this.ctx;
    const text = options.reader.readFile(abs);
    if (text === undefined) {
      diags.error('file-not-found', `extended file ${shown} not found`, loc);
      return null;
    }
    sources.set(shown, text);
    return readComposeFile({ path: shown, text }, this.scope.env.lookup, diags) ?? null;
  }

  private reportCycle(frames: Frame[]): void {
    const first = frames[0]!;
    const label = (f: Frame) => (f.file.abs === first.file.abs ? f.name : `${f.name} (${f.file.shown})`);
    const chain = [...frames.map(label), label(first)].join(' -> ');
    this.ctx.diags.error('extends-cycle', `extends cycle: ${chain}`, first.loc, 'a service cannot extend itself, directly or through other services');
  }
}

/** Services of a file by name, indexed once: every extending service looks one up. */
const servicesByName = new WeakMap<YMap, Map<string, YNode>>();

function serviceOf(file: ExtendsFile, name: string): YNode | undefined {
  if (!file.services) return undefined;
  let index = servicesByName.get(file.services);
  if (!index) {
    index = new Map();
    for (const e of file.services.entries) if (!index.has(e.key)) index.set(e.key, e.value);
    servicesByName.set(file.services, index);
  }
  return index.get(name);
}

function keyOf(file: ExtendsFile, name: string): string {
  return `${file.abs}\u0000${file.baseDir}\u0000${name}`;
}

import { isAbsolute, relative, resolve } from '../util/path.js';
import { get, isMap, isScalar, isSeq, scalarString, withEntry, type YEntry, type YMap, type YNode } from './tree.js';

/**
 * Re-anchor the relative paths of a tree written for directory `fromDir` so that they mean the
 * same files from `toDir`: how Compose keeps the paths of a service pulled in by `extends` from
 * another directory, or of an included project, pointing where their author meant.
 *
 * Build contexts and bind mount sources, which normalize resolves against the project directory,
 * become relative to `toDir` (`./sub/app`), so output stays free of machine paths. Files read at
 * load time (env_file, label_file, secret and config files, bind volume devices) become absolute:
 * their meaning then no longer depends on which file or directory a later stage resolves against.
 * Absolute paths, `~` paths and remote build contexts are left alone, so rebasing twice is safe.
 */
export function rebasePaths(tree: YMap, fromDir: string, toDir: string): YMap {
  if (fromDir === toDir) return tree;
  const r = new Rebaser(fromDir, toDir);
  return mapEntries(tree, (key, value) => {
    if (key === 'services') return mapEntries(value, (_name, svc) => r.service(svc));
    if (key === 'secrets' || key === 'configs') return mapEntries(value, (_name, def) => r.fileDef(def));
    if (key === 'volumes') return mapEntries(value, (_name, def) => r.volumeDef(def));
    return value;
  });
}

/** `rebasePaths` for one service definition. */
export function rebaseService(svc: YMap, fromDir: string, toDir: string): YMap {
  return fromDir === toDir ? svc : (new Rebaser(fromDir, toDir).service(svc) as YMap);
}

class Rebaser {
  constructor(
    private readonly fromDir: string,
    private readonly toDir: string,
  ) {}

  service(svc: YNode): YNode {
    return mapEntries(svc, (key, value) => {
      switch (key) {
        case 'build':
          return this.build(value);
        case 'env_file':
        case 'label_file':
          return mapList(value, (item) => (isMap(item) ? mapEntries(item, (k, v) => (k === 'path' ? this.absolute(v) : v)) : this.absolute(item)));
        case 'volumes':
          return mapList(value, (item) => this.mount(item));
        case 'develop':
          return mapEntries(value, (k, watch) =>
            k === 'watch' ? mapList(watch, (rule) => mapEntries(rule, (rk, rv) => (rk === 'path' ? this.absolute(rv) : rv))) : watch,
          );
        default:
          return value;
      }
    });
  }

  fileDef(def: YNode): YNode {
    return mapEntries(def, (key, value) => (key === 'file' ? this.absolute(value) : value));
  }

  /** A `local` volume with `o: bind` is a bind mount of `device`. */
  volumeDef(def: YNode): YNode {
    if (scalarString(get(def, 'driver')) !== 'local') return def;
    return mapEntries(def, (key, opts) =>
      key === 'driver_opts' && scalarString(get(opts, 'o')) === 'bind'
        ? mapEntries(opts, (k, v) => (k === 'device' ? this.absolute(v) : v))
        : opts,
    );
  }

  private build(value: YNode): YNode {
    if (isScalar(value)) return this.context(value);
    // compose-go: a build without context builds the directory of the file that declares it.
    if (isMap(value) && !value.entries.some((e) => e.key === 'context')) {
      value = withEntry(value, 'context', { kind: 'scalar', value: '.', loc: value.loc });
    }
    return mapEntries(value, (key, v) => {
      if (key === 'context') return this.context(v);
      if (key === 'additional_contexts') return this.additionalContexts(v);
      return v;
    });
  }

  private additionalContexts(value: YNode): YNode {
    if (isMap(value)) return mapEntries(value, (_k, v) => this.context(v));
    return mapList(value, (item) => {
      const s = scalarString(item);
      const eq = s?.indexOf('=') ?? -1;
      if (s === undefined || eq < 0 || !isScalar(item)) return item;
      const path = this.relativePath(s.slice(eq + 1), true);
      return path === undefined ? item : { ...item, value: `${s.slice(0, eq + 1)}${path}` };
    });
  }

  private context(node: YNode): YNode {
    const s = scalarString(node);
    const path = s === undefined ? undefined : this.relativePath(s, true);
    return path === undefined || !isScalar(node) ? node : { ...node, value: path };
  }

  private mount(item: YNode): YNode {
    if (isMap(item)) {
      if (scalarString(get(item, 'type')) !== 'bind') return item;
      return mapEntries(item, (key, v) => {
        if (key !== 'source') return v;
        const s = scalarString(v);
        const path = s === undefined ? undefined : this.relativePath(s, false);
        return path === undefined || !isScalar(v) ? v : { ...v, value: path };
      });
    }
    const text = scalarString(item);
    const colon = text?.indexOf(':') ?? -1;
    // Only `./x:/target` and `../x:/target` are relative bind sources; `name:/target` is a volume.
    if (text === undefined || colon < 0 || !text.startsWith('.') || !isScalar(item)) return item;
    const path = this.relativePath(text.slice(0, colon), false);
    return path === undefined ? item : { ...item, value: `${path}${text.slice(colon)}` };
  }

  /** The same file as `p` relative to `fromDir`, written relative to `toDir` (`./`-prefixed). */
  private relativePath(p: string, maybeRemote: boolean): string | undefined {
    if (p === '' || isAbsolute(p) || p.startsWith('~') || (maybeRemote && isRemote(p))) return undefined;
    const rel = relative(this.toDir, resolve(this.fromDir, p));
    return rel === '.' || rel.startsWith('../') || rel === '..' ? rel : `./${rel}`;
  }

  private absolute(node: YNode): YNode {
    const s = scalarString(node);
    if (s === undefined || s === '' || isAbsolute(s) || s.startsWith('~') || !isScalar(node)) return node;
    return { ...node, value: resolve(this.fromDir, s) };
  }
}

/** Git and HTTP build contexts, and `docker-image://`-style additional contexts. */
function isRemote(p: string): boolean {
  return p.includes('://') || p.startsWith('git@') || p.startsWith('github.com/');
}

function mapEntries(node: YMap, fn: (key: string, value: YNode) => YNode): YMap;
function mapEntries(node: YNode, fn: (key: string, value: YNode) => YNode): YNode;
function mapEntries(node: YNode, fn: (key: string, value: YNode) => YNode): YNode {
  if (!isMap(node)) return node;
  let out: YMap = node;
  node.entries.forEach((e: YEntry) => {
    const value = fn(e.key, e.value);
    if (value !== e.value) out = withEntry(out, e.key, value);
  });
  return out;
}

function mapList(node: YNode, fn: (item: YNode) => YNode): YNode {
  if (!isSeq(node)) return fn(node);
  const items = node.items.map(fn);
  return items.every((x, i) => x === node.items[i]) ? node : { ...node, items };
}

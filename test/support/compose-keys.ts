import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { COMPOSE_SCHEMA } from '../../src/compose/schema/index.js';
import { ROOT } from './fixtures.js';

/**
 * The keys of the compose specification as dotted paths without the names users choose
 * (`services.deploy.resources.limits.cpus`, `networks.driver`), read from a JSON schema.
 */
export interface SpecKeys {
  /** Every key path, top-level ones included. */
  keys: Set<string>;
  /** Key path -> the key paths directly inside it. */
  children: Map<string, Set<string>>;
  /** Paths whose keys are names (`services`, `services.networks`, `volumes`...). */
  namedLevels: Set<string>;
}

type Schema = { [keyword: string]: unknown };

/** The official compose schema, in the shared data beside the repository (never committed). */
export const OFFICIAL_SCHEMA_NAME = '../shared/compose-spec/compose-spec.json';
export const OFFICIAL_SCHEMA_FILE = join(ROOT, '..', 'shared', 'compose-spec', 'compose-spec.json');

/** Is the official schema there? When it is not, tests that need it skip with its name in the title. */
export function officialSchemaPresent(): boolean {
  return existsSync(OFFICIAL_SCHEMA_FILE);
}

/** The project's own schema, and the official one when it is beside the repository (read only). */
export function specSchemas(): { name: string; schema: Schema }[] {
  const schemas = [{ name: 'src/compose/schema', schema: COMPOSE_SCHEMA as Schema }];
  if (officialSchemaPresent()) schemas.push({ name: OFFICIAL_SCHEMA_NAME, schema: JSON.parse(readFileSync(OFFICIAL_SCHEMA_FILE, 'utf8')) as Schema });
  return schemas;
}

export function specKeys(root: Schema): SpecKeys {
  const out: SpecKeys = { keys: new Set(), children: new Map(), namedLevels: new Set() };
  const resolve = (s: unknown): Schema | undefined => {
    let cur = s as Schema | undefined;
    for (let i = 0; i < 20 && cur && typeof cur.$ref === 'string'; i++) {
      const ref = cur.$ref as string;
      cur = ref.replace(/^#\//, '').split('/').reduce<unknown>((o, p) => (o as Schema | undefined)?.[p], root) as Schema | undefined;
    }
    return cur && typeof cur === 'object' ? cur : undefined;
  };
  // The schemas a value may follow: itself, its union branches and, for lists, its items.
  const shapes = (s: unknown, depth = 0): Schema[] => {
    const node = resolve(s);
    if (!node || depth > 10) return [];
    const all = [node];
    for (const k of ['oneOf', 'anyOf', 'allOf']) for (const b of (node[k] as unknown[] | undefined) ?? []) all.push(...shapes(b, depth + 1));
    if (node.items) all.push(...shapes(node.items, depth + 1));
    return all;
  };
  const walk = (s: unknown, path: string, depth: number): void => {
    if (depth > 12) return;
    for (const shape of shapes(s)) {
      for (const [key, value] of Object.entries((shape.properties as Record<string, unknown> | undefined) ?? {})) {
        const child = path ? `${path}.${key}` : key;
        out.keys.add(child);
        if (path) {
          const set = out.children.get(path) ?? new Set();
          set.add(child);
          out.children.set(path, set);
        }
        walk(value, child, depth + 1);
      }
      const named = [
        ...Object.entries((shape.patternProperties as Record<string, unknown> | undefined) ?? {})
          .filter(([pattern]) => !pattern.startsWith('^x-'))
          .map(([, v]) => v),
        ...(typeof shape.additionalProperties === 'object' ? [shape.additionalProperties] : []),
      ];
      for (const values of named) {
        if (!shapes(values).some((v) => v.properties)) continue;
        if (path) out.namedLevels.add(path);
        walk(values, path, depth + 1);
      }
    }
  };
  walk(root, '', 0);
  return out;
}

/** The union of what every schema says. */
export function mergedSpecKeys(): SpecKeys {
  const all: SpecKeys = { keys: new Set(), children: new Map(), namedLevels: new Set() };
  for (const { schema } of specSchemas()) {
    const k = specKeys(schema);
    for (const key of k.keys) all.keys.add(key);
    for (const level of k.namedLevels) all.namedLevels.add(level);
    for (const [parent, kids] of k.children) {
      const set = all.children.get(parent) ?? new Set();
      for (const c of kids) set.add(c);
      all.children.set(parent, set);
    }
  }
  return all;
}

import type { ErrorObject, ValidateFunction } from 'ajv';
import type { DiagnosticCode } from '../diagnostics/codes.js';
import type { Diagnostics } from '../diagnostics/diagnostic.js';
import type { Loc } from '../util/loc.js';
import { closest } from '../util/suggest.js';
import { validateCompose as validateComposeData } from './schema/compiled.generated.js';
import type { Schema } from './schema/index.js';
import { get, isSeq, locAt, type YMap, type YNode } from './tree.js';
import { setOwn } from '../util/own.js';

/**
 * Schema validation of a compose tree (one file after interpolation, casts, include and extends,
 * or the files merged so far), with every ajv error turned into one diagnostic in the user's terms
 * at the position of the offending key or value.
 */
export function validateCompose(tree: YMap, diags: Diagnostics): boolean {
  const data = plainForValidation(tree);
  const errors = schemaErrors(data);
  if (errors.length === 0) return true;
  const seen = new Set<string>();
  for (const problem of describeErrors(errors, tree, data)) {
    const key = `${problem.code}\0${problem.message}\0${problem.loc.file}:${problem.loc.line}:${problem.loc.column}`;
    if (seen.has(key)) continue;
    seen.add(key);
    diags.add(problem.code, problem.message, problem.loc, problem.hint ? { hint: problem.hint } : undefined);
  }
  return false;
}

/** Ajv errors of plain compose data against the project's schema (empty when valid). */
export function schemaErrors(data: unknown): ErrorObject[] {
  const validate = validator();
  return validate(data) ? [] : [...(validate.errors ?? [])];
}

// Compiled ahead of time (src/compose/schema/compile.ts, `npm run schemas`): compiling the schema
// at run time took a few hundred milliseconds of every start.
const compiled = validateComposeData as unknown as ValidateFunction;

function validator(): ValidateFunction {
  return compiled;
}

/**
 * The tree as plain data, without the entries tagged `!reset`: Compose removes them before it
 * validates (they only clear what an earlier file set), so `image: !reset null` is not an error.
 */
function plainForValidation(node: YNode): unknown {
  switch (node.kind) {
    case 'scalar':
      return node.value;
    case 'seq':
      return node.items.map(plainForValidation);
    case 'map': {
      const out: Record<string, unknown> = {};
      for (const e of node.entries) if (e.value.tag !== '!reset') setOwn(out, e.key, plainForValidation(e.value));
      return out;
    }
  }
}

interface Problem {
  code: DiagnosticCode;
  message: string;
  loc: Loc;
  hint?: string;
}

type Path = (string | number)[];

function describeErrors(errors: ErrorObject[], tree: YMap, data: unknown): Problem[] {
  // A bad key reported by `propertyNames` also fails the key's own schema; that inner error says
  // nothing more, so it is left out.
  const nameChecks = errors.filter((e) => e.keyword === 'propertyNames');
  const inner = (e: ErrorObject) =>
    nameChecks.some((n) => n !== e && e.instancePath === n.instancePath && e.schemaPath.startsWith(`${n.schemaPath}/`));
  // `condtion: x` is one mistake: the unknown key says "did you mean condition"; the missing
  // `condition` would say it again.
  const misspelt = new Set(
    errors
      .filter((e) => e.keyword === 'additionalProperties')
      .map((e) => `${e.instancePath}/${closest(String(e.params.additionalProperty), allowedKeys(e.parentSchema as Schema)) ?? ''}`),
  );
  const explained = (e: ErrorObject) => e.keyword === 'required' && misspelt.has(`${e.instancePath}/${String(e.params.missingProperty)}`);
  return errors
    .filter((e) => e.keyword !== 'if' && !inner(e) && !explained(e))
    .map((e) => toProblem(e, tree, pathOf(e.instancePath, data)));
}

function allowedKeys(schema: Schema | undefined): string[] {
  return Object.keys((schema?.properties ?? {}) as Record<string, unknown>);
}

function toProblem(err: ErrorObject, tree: YMap, path: Path): Problem {
  const where = display(path);
  const schema = (err.schema ?? {}) as Schema;
  const parent = (err.parentSchema ?? {}) as Schema;
  const expect = typeof parent.expect === 'string' ? parent.expect : undefined;
  // An empty value (`web:`) has no text of its own: point at its key.
  const valueLoc = err.data === null ? locAt(tree, ...path) : nodeAt(tree, path).loc;
  const params = err.params as Record<string, unknown>;
  switch (err.keyword) {
    case 'type':
      return { code: 'schema', message: `${where} must be ${expect ?? typePhrase(params.type as string | string[])}`, loc: valueLoc };
    case 'additionalProperties':
      return unknownKey(tree, path, String(params.additionalProperty), parent);
    case 'required':
      return {
        code: 'schema',
        message: `${prefix(where)}missing required key "${String(params.missingProperty)}"`,
        loc: locAt(tree, ...path),
      };
    case 'enum': {
      const allowed = (params.allowedValues as unknown[]).map(String);
      const suggestion = typeof err.data === 'string' ? closest(err.data, allowed) : undefined;
      return {
        code: 'schema',
        message: `${where} must be one of ${allowed.map((v) => `"${v}"`).join(', ')}${didYouMean(suggestion)}`,
        loc: valueLoc,
      };
    }
    case 'uniqueItems': {
      const [first, later] = [Number(params.i), Number(params.j)].sort((a, b) => a - b) as [number, number];
      return {
        code: 'schema',
        message: `${display([...path, later])} is a duplicate of ${display([...path, first])}`,
        loc: nodeAt(tree, [...path, later]).loc,
      };
    }
    case 'propertyNames': {
      const name = String(params.propertyName);
      const rule = typeof schema.expect === 'string' ? ` (${schema.expect})` : '';
      return { code: 'schema', message: `${prefix(where)}invalid key "${name}"${rule}`, loc: locAt(tree, ...path, name) };
    }
    case 'not': {
      // `not: { required: [a, b] }`: point at the key that completes the forbidden pair.
      const keys = Array.isArray(schema.required) ? (schema.required as string[]) : [];
      const blamed = keys[keys.length - 1];
      return {
        code: 'schema',
        message: `${prefix(where)}${expect ?? 'this combination of keys is not allowed'}`,
        loc: blamed !== undefined ? locAt(tree, ...path, blamed) : locAt(tree, ...path),
      };
    }
    default:
      // pattern, format, minLength, minimum, maximum: the schema says what a valid value is.
      return { code: 'schema', message: `${where} ${expect ? `must be ${expect}` : (err.message ?? 'is invalid')}`, loc: valueLoc };
  }
}

function unknownKey(tree: YMap, path: Path, key: string, parent: Schema): Problem {
  const allowed = allowedKeys(parent);
  const extensions = Object.keys((parent.patternProperties ?? {}) as Record<string, unknown>).includes('^x-');
  const suggestion = closest(key, allowed);
  const where = display(path);
  let hint: string | undefined;
  if (!suggestion) {
    const parts = allowed.length > 0 && allowed.length <= 20 ? [`allowed keys: ${allowed.join(', ')}`] : [];
    if (extensions) parts.push('custom keys must start with "x-"');
    hint = parts.join('; ') || undefined;
  }
  return {
    code: 'schema-unknown-key',
    message: `${where ? `${where}: unknown key` : 'unknown top-level key'} "${key}"${didYouMean(suggestion)}`,
    loc: locAt(tree, ...path, key),
    ...(hint ? { hint } : {}),
  };
}

function didYouMean(suggestion: string | undefined): string {
  return suggestion ? ` (did you mean "${suggestion}"?)` : '';
}

function prefix(where: string): string {
  return where ? `${where}: ` : '';
}

const TYPE_WORDS: Record<string, string> = {
  string: 'a string',
  number: 'a number',
  integer: 'an integer',
  boolean: 'a boolean',
  object: 'a mapping',
  array: 'a list',
  null: 'empty',
};

/** `["string", "array"]` -> "a string or a list"; an empty value reads last. */
function typePhrase(type: string | string[]): string {
  const types = (Array.isArray(type) ? type : [type]).slice().sort((a, b) => Number(a === 'null') - Number(b === 'null'));
  const words = types.map((t) => TYPE_WORDS[t] ?? t);
  return words.length === 1 ? words[0]! : `${words.slice(0, -1).join(', ')} or ${words[words.length - 1]}`;
}

/** JSON pointer -> keys and list indexes, reading `data` to tell an index from a numeric key. */
function pathOf(pointer: string, data: unknown): Path {
  const path: Path = [];
  let cur = data;
  for (const raw of pointer.split('/').slice(1)) {
    const seg = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (Array.isArray(cur)) {
      path.push(Number(seg));
      cur = cur[Number(seg)];
    } else {
      path.push(seg);
      cur = cur !== null && typeof cur === 'object' ? (cur as Record<string, unknown>)[seg] : undefined;
    }
  }
  return path;
}

/** `services.web.ports[0].target`; keys that are not plain words are quoted: `labels["com.example"]`. */
function display(path: Path): string {
  let out = '';
  for (const p of path) {
    if (typeof p === 'number') out += `[${p}]`;
    else if (/^[A-Za-z0-9_-]+$/.test(p)) out += out ? `.${p}` : p;
    else out += `[${JSON.stringify(p)}]`;
  }
  return out;
}

/** The node at `path`, or the deepest one that exists on the way. */
function nodeAt(tree: YNode, path: Path): YNode {
  let cur = tree;
  for (const p of path) {
    const next = typeof p === 'number' ? (isSeq(cur) ? cur.items[p] : undefined) : get(cur, p);
    if (!next) break;
    cur = next;
  }
  return cur;
}

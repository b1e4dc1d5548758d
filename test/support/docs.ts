import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { Command, type Option } from 'commander';
import { buildProgram } from '../../src/cli/main.js';
import { addMappingOptions } from '../../src/cli/mapping-options.js';
import { addProjectOptions } from '../../src/cli/program.js';
import { DIAGNOSTIC_CODES } from '../../src/diagnostics/codes.js';
import { EQUIVALENCES } from '../../src/mapping/equivalences/index.js';
import { MOUNT_EXTENSION_SCHEMA, PROJECT_EXTENSION_SCHEMA, SERVICE_EXTENSION_SCHEMA, VOLUME_EXTENSION_SCHEMA } from '../../src/mapping/hints/extension-schema.js';
import { convert } from './api-checks.js';
import { FIXTURES, ROOT, fixtureOptions, fixtureReader } from './fixtures.js';
import { X_KUBERNETES_FIELDS } from './docs-x-kubernetes.js';
import { cell, mappingTable } from './readme.js';

/**
 * The documentation: README.md and docs/**\/*.md, hand-written markdown with generated regions
 *
 *   <!-- BEGIN GENERATED name [argument] -->
 *   ...what GENERATORS[name](argument) returns...
 *   <!-- END GENERATED -->
 *
 * test/docs.test.ts compares every file with itself, its regions regenerated; a stale region fails
 * it, and `npm run test:update -- test/docs.test.ts` rewrites the regions (and only them).
 */

export { ROOT };
export const DOCS = join(ROOT, 'docs');

/** README.md and every markdown file under docs/, as paths relative to the repository, sorted. */
export function docFiles(): string[] {
  const out = ['README.md'];
  const walk = (dir: string) => {
    for (const e of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const path = join(dir, e.name);
      if (e.isDirectory()) walk(path);
      else if (e.name.endsWith('.md')) out.push(relative(ROOT, path).split('\\').join('/'));
    }
  };
  if (existsSync(DOCS)) walk(DOCS);
  return out;
}

export function readDoc(file: string): string {
  return readFileSync(join(ROOT, file), 'utf8');
}

const BEGIN = /^<!-- BEGIN GENERATED ([a-z0-9-]+)(?: (.+?))? -->$/;
const END = '<!-- END GENERATED -->';

export interface Region {
  name: string;
  arg?: string;
  line: number;
}

/** The generated regions of a markdown text (throws on a region that is not closed or is nested). */
export function regions(text: string): Region[] {
  const out: Region[] = [];
  let open: Region | undefined;
  text.split('\n').forEach((l, i) => {
    const m = BEGIN.exec(l.trim());
    if (m) {
      if (open) throw new Error(`line ${i + 1}: a generated region starts inside "${open.name}" (line ${open.line})`);
      open = { name: m[1]!, ...(m[2] ? { arg: m[2] } : {}), line: i + 1 };
      out.push(open);
    } else if (l.trim() === END) {
      if (!open) throw new Error(`line ${i + 1}: ${END} without a BEGIN`);
      open = undefined;
    }
  });
  if (open) throw new Error(`line ${open.line}: generated region "${open.name}" is not closed`);
  return out;
}

/** The text with every generated region's content replaced by what its generator makes now. */
export function regenerate(text: string): string {
  const lines = text.split('\n');
  const out: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    const m = BEGIN.exec(lines[i]!.trim());
    if (!m) {
      out.push(lines[i]!);
      continue;
    }
    const generator = GENERATORS[m[1]!];
    if (!generator) throw new Error(`line ${i + 1}: no generator named "${m[1]}" (known: ${Object.keys(GENERATORS).join(', ')})`);
    out.push(lines[i]!, generator(m[2]).trimEnd());
    while (i < lines.length && lines[i]!.trim() !== END) i++;
    if (i === lines.length) throw new Error(`generated region "${m[1]}" is not closed`);
    out.push(END);
  }
  return out.join('\n');
}

const EXCERPT = /^<!-- EXCERPT ([a-z0-9-]+)(?: (.+?))? -->$/;

/**
 * Hand-picked excerpts: a code block right after `<!-- EXCERPT name arg -->` shows some lines of
 * what GENERATORS[name](arg) makes, in order, with `...` where lines are left out; test/docs.test.ts
 * checks that every other line is one of the generated lines, so an excerpt cannot drift either.
 */
export function excerpts(text: string): { name: string; arg?: string; line: number; lines: string[] }[] {
  const lines = text.split('\n');
  const out: { name: string; arg?: string; line: number; lines: string[] }[] = [];
  lines.forEach((l, i) => {
    const m = EXCERPT.exec(l.trim());
    if (!m) return;
    let start = i + 1;
    while (start < lines.length && lines[start]!.trim() === '') start++;
    if (!/^```/.test(lines[start] ?? '')) throw new Error(`line ${i + 1}: an EXCERPT marker must be followed by a code block`);
    const end = lines.findIndex((x, k) => k > start && /^```/.test(x));
    out.push({ name: m[1]!, ...(m[2] ? { arg: m[2] } : {}), line: i + 1, lines: lines.slice(start + 1, end) });
  });
  return out;
}

/** The lines of an excerpt that are not, in this order, lines of the generated text. */
export function excerptMismatches(excerpt: readonly string[], generated: string): string[] {
  const all = generated.split('\n');
  const missing: string[] = [];
  let k = 0;
  for (const l of excerpt) {
    if (l.trim() === '...') continue;
    const at = all.indexOf(l, k);
    if (at < 0) missing.push(l);
    else k = at + 1;
  }
  return missing;
}

// ---------------------------------------------------------------------------------------------
// The command line, from the commander program itself

/** The whole program, with its commands registered, as `compose2kube` builds it. */
export function program(): Command {
  return buildProgram({ cwd: ROOT, env: {}, stdout: () => {}, stderr: () => {}, readStdin: () => '' }, () => {});
}

/** Every visible option of a command (the global options for `undefined`), help left out. */
export function commandOptions(name?: string): Option[] {
  const p = program();
  const cmd = name === undefined ? p : p.commands.find((c) => c.name() === name);
  if (!cmd) throw new Error(`no command ${name}`);
  return cmd.options.filter((o) => !o.hidden);
}

export function commandNames(): string[] {
  return program().commands.map((c) => c.name());
}

function optionRow(o: Option): string {
  const notes: string[] = [];
  if (o.argChoices) notes.push(`one of ${o.argChoices.map((c) => `\`${c}\``).join(', ')}`);
  if (o.defaultValue !== undefined && typeof o.defaultValue !== 'boolean' && !(Array.isArray(o.defaultValue) && o.defaultValue.length === 0)) {
    notes.push(`default \`${String(o.defaultValue)}\``);
  }
  const meaning = cell(o.description) + (notes.length ? ` (${notes.join('; ')})` : '');
  return `| \`${o.flags}\` | ${meaning} |`;
}

/** The options that several commands share, each group declared once in src/cli. */
function optionGroups(): Record<'project' | 'mapping', { options: readonly Option[]; title: string }> {
  return {
    project: { options: addProjectOptions(new Command()).options, title: 'project options' },
    mapping: { options: addMappingOptions(new Command()).options, title: 'mapping options' },
  };
}

/**
 * An options table: `global` (the program's own), `project` or `mapping` (the groups several
 * commands share), or a command's usage line and its own options, with links to the groups it takes.
 */
function optionsTable(name?: string): string {
  const groups = optionGroups();
  if (name === 'project' || name === 'mapping') return table(groups[name].options.map(optionRow));
  const p = program();
  const cmd = name === undefined || name === 'global' ? p : p.commands.find((c) => c.name() === name);
  if (!cmd) throw new Error(`no command ${name}`);
  const shared = Object.entries(groups).filter(([, g]) => g.options.every((o) => cmd.options.some((c) => c.flags === o.flags)));
  const sharedFlags = new Set(shared.flatMap(([, g]) => g.options.map((o) => o.flags)));
  const own = cmd.options.filter((o) => !o.hidden && !sharedFlags.has(o.flags));
  const head = cmd === p ? [] : [`\`compose2kube ${cmd.name()} ${cmd.usage()}\`: ${cell(cmd.description())}.`];
  if (shared.length) head.push(`It takes the ${shared.map(([key, g]) => `[${g.title}](#${key}-options)`).join(' and the ')}, and:`);
  const args = cmd.registeredArguments.map((a) => {
    const choices = a.argChoices ? ` (one of ${a.argChoices.map((c) => `\`${c}\``).join(', ')})` : '';
    return `| \`${a.required ? `<${a.name()}>` : `[${a.name()}]`}\` | ${cell(a.description)}${choices} |`;
  });
  const rows = [...args, ...own.map(optionRow)];
  return [...head, ...(rows.length ? [table(rows)] : [])].join('\n\n');
}

function table(rows: string[]): string {
  return `| option | meaning |\n| --- | --- |\n${rows.join('\n')}`;
}

/** The table of the commands: name, arguments and description. */
function commandsTable(): string {
  const rows = program().commands.map((c) => `| \`compose2kube ${c.name()}${c.registeredArguments.map((a) => (a.required ? ` <${a.name()}>` : ` [${a.name()}]`)).join('')}\` | ${cell(c.description())} |`);
  return `| command | what it does |\n| --- | --- |\n${rows.join('\n')}`;
}

// ---------------------------------------------------------------------------------------------
// Diagnostics

function diagnosticsTable(): string {
  const rows = Object.entries(DIAGNOSTIC_CODES)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([code, d]) => `| \`${code}\` | ${d.severity} | ${cell(d.summary)} |`);
  return `${rows.length} codes, sorted by name; the severity is the default one.\n\n| code | severity | what it means |\n| --- | --- | --- |\n${rows.join('\n')}`;
}

// ---------------------------------------------------------------------------------------------
// x-kubernetes, from the JSON schemas the extension is checked with

type Schema = {
  type?: string;
  enum?: readonly string[];
  description?: string;
  properties?: Record<string, Schema>;
  items?: Schema;
  then?: Schema;
  else?: Schema;
  minimum?: number;
  maximum?: number;
  required?: readonly string[];
  additionalProperties?: boolean | Schema;
};

export const X_KUBERNETES_SCHEMAS = {
  service: SERVICE_EXTENSION_SCHEMA,
  project: PROJECT_EXTENSION_SCHEMA,
  volume: VOLUME_EXTENSION_SCHEMA,
  mount: MOUNT_EXTENSION_SCHEMA,
} as const satisfies Record<string, Schema>;

/** Every leaf field of an x-kubernetes schema, as dotted paths (`ingress.host`), in schema order. */
export function schemaFields(schema: Schema, prefix = ''): { path: string; schema: Schema; required: boolean }[] {
  return Object.entries(schema.properties ?? {}).flatMap(([key, s]) =>
    s.type === 'object' && s.properties
      ? schemaFields(s, `${prefix}${key}.`)
      : [{ path: `${prefix}${key}`, schema: s, required: (schema.required ?? []).includes(key) }],
  );
}

function schemaValue(s: Schema): string {
  if (s.enum) return s.enum.map((v) => `\`${v}\``).join(', ');
  if (s.then) return `${schemaValue(s.then)}; or a mapping of paths to one of them`;
  if (s.type === 'array' && s.items) return `a list: ${schemaValue(s.items)}`;
  if (s.type === 'object') return 'a mapping';
  if (s.type === 'boolean') return '`true` or `false`';
  if (s.type === 'integer') {
    const range = s.minimum !== undefined && s.maximum !== undefined ? ` from ${s.minimum} to ${s.maximum}` : s.minimum !== undefined ? `, ${s.minimum} or more` : '';
    return `a whole number${range}`;
  }
  // "a Kubernetes object name: lower-case letters, ..." says what the value is before its colon.
  return s.description ? cell(s.description.split(': ')[0]!) : 'a string';
}

function xKubernetesTable(which?: string): string {
  const schema = X_KUBERNETES_SCHEMAS[which as keyof typeof X_KUBERNETES_SCHEMAS] as Schema | undefined;
  if (!schema) throw new Error(`x-kubernetes table: expected one of ${Object.keys(X_KUBERNETES_SCHEMAS).join(', ')}, got ${which}`);
  const rows = schemaFields(schema).map((f) => {
    const entry = X_KUBERNETES_FIELDS[`${which}.${f.path}`];
    if (!entry) throw new Error(`x-kubernetes field ${which}.${f.path} has no description in test/support/docs-x-kubernetes.ts`);
    const { value, doc } = typeof entry === 'string' ? { value: schemaValue(f.schema), doc: entry } : entry;
    return `| \`${f.path}\` | ${value}${f.required ? ' (required)' : ''} | ${doc} |`;
  });
  return `| Field | Value | What it does |\n| --- | --- | --- |\n${rows.join('\n')}`;
}

// ---------------------------------------------------------------------------------------------
// The bundled example, converted by the real pipeline

/** The YAML of one object (`Kind/name`) of a fixture's conversion, or the whole stream, comments at the given level. */
function fixtureObject(arg?: string): string {
  const [fixture, ref, level] = (arg ?? '').split(' ');
  if (!fixture || !ref) throw new Error('fixture-object needs "<fixture> <Kind/name|all> [full|brief|none]"');
  const result = convert(fixtureReader(join(FIXTURES, fixture)), { ...fixtureOptions(fixture), annotate: (level ?? 'full') as 'full' | 'brief' | 'none' });
  if (result.failed) throw new Error(`fixture ${fixture} does not convert`);
  const docs = result.text.split(/^---\n/m).filter((d) => d.trim());
  const doc = ref === 'all' ? docs.map((d) => `---\n${d}`).join('') : docs.find((d) => new RegExp(`^kind: ${ref.split('/')[0]}\\n(?:.*\\n)*?  name: ${ref.split('/')[1]}\\n`, 'm').test(d));
  if (!doc) throw new Error(`fixture ${fixture} has no object ${ref}`);
  return `\`\`\`yaml\n${doc.trimEnd()}\n\`\`\``;
}

/**
 * What the real CLI prints on stderr for `compose2kube ARGS`, run in-process from the repository
 * root with an empty environment (arguments split at spaces).
 */
function cliStderr(arg?: string): string {
  const argv = (arg ?? '').split(' ').filter(Boolean);
  let stderr = '';
  const p = buildProgram({ cwd: ROOT, env: {}, stdout: () => {}, stderr: (s) => (stderr += s), readStdin: () => '' }, () => {});
  const done = p.parseAsync(argv, { from: 'user' });
  // Every command's action is synchronous: the output is complete when parseAsync returns.
  void done.catch(() => {});
  if (stderr === '') throw new Error(`compose2kube ${arg} printed nothing on stderr`);
  return `\`\`\`text\n$ compose2kube ${argv.join(' ')} > /dev/null\n${stderr.trimEnd()}\n\`\`\``;
}

/** The compose file of a fixture, as it is on disk. */
function fixtureCompose(arg?: string): string {
  return `\`\`\`yaml\n${readFileSync(join(FIXTURES, arg ?? '', 'compose.yaml'), 'utf8').trimEnd()}\n\`\`\``;
}

/** Every generator a generated region may name. */
export const GENERATORS: Record<string, (arg?: string) => string> = {
  'mapping-table': () => mappingTable(EQUIVALENCES),
  'commands': commandsTable,
  'options': optionsTable,
  'diagnostic-codes': diagnosticsTable,
  'x-kubernetes': xKubernetesTable,
  'fixture-object': fixtureObject,
  'fixture-compose': fixtureCompose,
  'cli-stderr': cliStderr,
};

// ---------------------------------------------------------------------------------------------
// Links and anchors

/** GitHub's anchor for a heading: lower case, punctuation dropped, spaces to hyphens. */
export function slug(heading: string): string {
  return heading
    .trim()
    .toLowerCase()
    .replace(/<[^>]+>/g, '')
    .replace(/[^\p{L}\p{N}\s_-]/gu, '')
    .replace(/\s/g, '-');
}

/** Markdown text without fenced code blocks and inline code (lines kept, so line numbers hold). */
function prose(text: string): string[] {
  let fence = false;
  return text.split('\n').map((l) => {
    if (/^\s*(```|~~~)/.test(l)) {
      fence = !fence;
      return '';
    }
    return fence ? '' : l;
  });
}

/** The anchors of a markdown text's headings, numbered like GitHub's when a heading repeats. */
export function anchors(text: string): Set<string> {
  const seen = new Map<string, number>();
  const out = new Set<string>();
  for (const l of prose(text)) {
    const m = /^#{1,6} (.+?)\s*#*$/.exec(l);
    if (!m) continue;
    const base = slug(m[1]!);
    const n = seen.get(base) ?? 0;
    seen.set(base, n + 1);
    out.add(n === 0 ? base : `${base}-${n}`);
  }
  return out;
}

/** Every inline link target of a markdown text outside code, with its line. */
export function links(text: string): { target: string; line: number }[] {
  const out: { target: string; line: number }[] = [];
  prose(text).forEach((l, i) => {
    const noCode = l.replace(/`[^`]*`/g, '');
    for (const m of noCode.matchAll(/\]\(([^)\s]+)(?:\s+"[^"]*")?\)/g)) out.push({ target: m[1]!, line: i + 1 });
  });
  return out;
}

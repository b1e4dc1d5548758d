/**
 * The fields of emitted YAML, by path, found with one pass over its lines. The emitter's YAML is
 * regular (block style, two-space indentation, sequences indented under their key, no folding), so
 * this needs no YAML parser: a parser took as long as the conversion itself on a 20-service file.
 * test/playground/fields.test.ts checks it against the `yaml` library's own node ranges.
 */
export interface ScannedField {
  path: (string | number)[];
  /** Offsets of the field's first character and the end of its last line. */
  from: number;
  to: number;
}

export interface ScannedDocument {
  fields: ScannedField[];
  /** Top-level scalar values by key (`kind`, `apiVersion`), and `metadata`'s `name` and `namespace`. */
  kind?: string;
  name?: string;
  namespace?: string;
}

interface Frame {
  indent: number;
  field: ScannedField;
  /** The index the next `- ` item under this frame takes. */
  next: number;
}

const BLOCK_SCALAR = /^[|>][-+]?[0-9]?\s*(#.*)?$/;

/** A key at the start of `text`: its name and where its value starts, or undefined when `text` is not `key:`. */
function keyAt(text: string): { key: string; rest: number } | undefined {
  let key: string;
  let end: number;
  if (text.startsWith('"')) {
    let i = 1;
    while (i < text.length && text[i] !== '"') i += text[i] === '\\' ? 2 : 1;
    try {
      key = JSON.parse(text.slice(0, i + 1)) as string;
    } catch {
      return undefined;
    }
    end = i + 1;
  } else if (text.startsWith("'")) {
    let i = 1;
    while (i < text.length && !(text[i] === "'" && text[i + 1] !== "'")) i += text[i] === "'" ? 2 : 1;
    key = text.slice(1, i).replace(/''/g, "'");
    end = i + 1;
  } else {
    const m = /^([^\s#'"{[\]},&*!|>%@`-][^:]*?|-[^\s:][^:]*?):(?=\s|$)/.exec(text);
    if (!m) return undefined;
    return { key: m[1]!, rest: m[0].length };
  }
  return text[end] === ':' && (end + 1 === text.length || text[end + 1] === ' ') ? { key, rest: end + 1 } : undefined;
}

/** A scalar as written: plain, or quoted. */
function scalar(text: string): string {
  const t = text.replace(/\s+#.*$/, '').trim();
  if (t.startsWith('"')) {
    try {
      return JSON.parse(t) as string;
    } catch {
      return t;
    }
  }
  if (t.startsWith("'") && t.endsWith("'")) return t.slice(1, -1).replace(/''/g, "'");
  return t;
}

/** The documents of a YAML stream as the emitter writes it, with every key and list item located. */
export function scanYaml(text: string): ScannedDocument[] {
  const docs: ScannedDocument[] = [];
  let doc: ScannedDocument | undefined;
  let stack: Frame[] = [];
  let root: Frame;
  let blockIndent = -1;
  let pending: ScannedField | undefined;
  const start = () => {
    doc = { fields: [] };
    docs.push(doc);
    root = { indent: -1, field: { path: [], from: 0, to: 0 }, next: 0 };
    stack = [root];
    blockIndent = -1;
    pending = undefined;
  };
  let offset = 0;
  for (const line of text.split('\n')) {
    const lineStart = offset;
    const lineEnd = offset + line.length;
    offset = lineEnd + 1;
    if (line === '---' || line.startsWith('--- ')) {
      start();
      continue;
    }
    const indent = line.length - line.trimStart().length;
    const body = line.slice(indent);
    if (blockIndent >= 0) {
      if (body === '' || indent > blockIndent) {
        for (const f of stack) f.field.to = lineEnd;
        continue;
      }
      blockIndent = -1;
    }
    if (body === '' || body.startsWith('#')) continue;
    if (!doc) start();
    if (pending) {
      pending.from = lineStart + indent;
      pending = undefined;
    }
    // One line can open several nodes: `- name: x` is an item and a key.
    let column = indent;
    let rest = body;
    for (;;) {
      while (stack.length > 1 && stack[stack.length - 1]!.indent >= column) stack.pop();
      const parent = stack[stack.length - 1]!;
      if (rest === '-' || rest.startsWith('- ')) {
        // An item starts where its content does, after the dash (as the yaml library's ranges have it).
        const inner = rest.slice(1);
        const content = column + 1 + (inner.length - inner.trimStart().length);
        const field = { path: [...parent.field.path, parent.next++], from: lineStart + content, to: lineEnd };
        doc!.fields.push(field);
        stack.push({ indent: column, field, next: 0 });
        rest = inner.trimStart();
        if (rest === '') break;
        // A comment first (`- # ...`): the item's content starts on the next line that is not one.
        if (rest.startsWith('#')) {
          pending = field;
          break;
        }
        if (BLOCK_SCALAR.test(rest)) {
          blockIndent = column;
          break;
        }
        column = content;
        continue;
      }
      const key = keyAt(rest);
      if (!key) break;
      const field = { path: [...parent.field.path, key.key], from: lineStart + column, to: lineEnd };
      doc!.fields.push(field);
      stack.push({ indent: column, field, next: 0 });
      const value = rest.slice(key.rest).trim();
      if (BLOCK_SCALAR.test(value)) blockIndent = column;
      else if (value !== '') {
        const at = field.path.length === 1 ? field.path[0] : field.path.length === 2 && field.path[0] === 'metadata' ? `metadata.${String(field.path[1])}` : undefined;
        if (at === 'kind') doc!.kind = scalar(value);
        else if (at === 'metadata.name') doc!.name = scalar(value);
        else if (at === 'metadata.namespace') doc!.namespace = scalar(value);
      }
      break;
    }
    for (const f of stack) f.field.to = lineEnd;
  }
  return docs;
}

/**
 * Turning an object's YAML into a Helm template: the object is written by the same writer as
 * `convert` (so its comments and quoting are the same), with marker scalars at the fields that
 * values drive; each marker's line is then replaced by Go template text. A marker is a plain
 * scalar no compose value can produce by chance (it is checked), so the writer never quotes it.
 */

/** What a marker becomes: the line it is on, the marker cut out, and the line's indentation. */
export type LineRender = (line: { before: string; after: string; indent: string }) => string;

export class Holes {
  readonly #renders: LineRender[] = [];
  readonly #tag: string;

  constructor(text: string) {
    // A marker prefix absent from everything the object holds.
    let n = 0;
    while (text.includes(`c2khole${n}x`)) n++;
    this.#tag = `c2khole${n}x`;
  }

  /** A marker for a scalar value: on the written line, it becomes `{{ expression }}`. */
  value(expression: string): string {
    return this.line(({ before, after }) => `${before}{{ ${expression} }}${after}`);
  }

  /** A marker whose whole line is rendered by `render` (a conditional field, a range of list items). */
  line(render: LineRender): string {
    return `${this.#tag}${this.#renders.push(render) - 1}z`;
  }

  /** The written YAML with every `{{` of its own text escaped and every marker line rendered. */
  fill(yaml: string): string {
    const marker = new RegExp(`${this.#tag}(\\d+)z`);
    return yaml
      .split('\n')
      .map((raw) => {
        const line = escapeActions(raw);
        const m = marker.exec(line);
        if (!m) return line;
        const render = this.#renders[Number(m[1])]!;
        return render({ before: line.slice(0, m.index), after: line.slice(m.index + m[0].length), indent: /^ */.exec(line)![0] });
      })
      .join('\n');
  }
}

/** Text that Go templates print as it is: each `{{` of it becomes an action that prints `{{`. */
export function escapeActions(text: string): string {
  return text.replace(/\{\{/g, '{{ "{{" }}');
}

/** A Go template string literal (its escapes are Go's, which JSON's are a subset of). */
export function goString(s: string): string {
  return JSON.stringify(s);
}

/** `index .Values "services" "web"`: a values path any key can be part of (dashes, dots). */
export function valuesRef(path: readonly string[]): string {
  return `(index .Values ${path.map(goString).join(' ')})`;
}

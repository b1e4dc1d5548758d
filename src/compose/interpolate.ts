import type { Diagnostics } from '../diagnostics/diagnostic.js';
import type { Loc } from '../util/loc.js';
import type { YNode } from './tree.js';

/**
 * Replace `${VAR}` forms in every string value (never in keys), per the compose specification.
 * `$$` becomes a literal `$`.
 */
export function interpolate(node: YNode, lookup: (name: string) => string | undefined, diags: Diagnostics): YNode {
  switch (node.kind) {
    case 'scalar':
      return typeof node.value === 'string' && node.value.includes('$')
        ? { ...node, value: interpolateString(node.value, lookup, diags, node.loc) }
        : node;
    case 'seq':
      return { ...node, items: node.items.map((i) => interpolate(i, lookup, diags)) };
    case 'map':
      return { ...node, entries: node.entries.map((e) => ({ ...e, value: interpolate(e.value, lookup, diags) })) };
  }
}

export function interpolateString(
  text: string,
  lookup: (name: string) => string | undefined,
  diags: Diagnostics,
  loc: Loc,
): string {
  return text.replace(/\$(\$|\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-?+])([^}]*))?\}|([A-Za-z_][A-Za-z0-9_]*))/g, (_all, dollar, braced, op, arg, bare) => {
    if (dollar === '$') return '$';
    const name = (braced ?? bare) as string;
    const value = lookup(name);
    const empty = value === undefined || (op?.startsWith(':') && value === '');
    switch (op) {
      case ':-':
      case '-':
        return empty ? arg : (value ?? '');
      case ':+':
      case '+':
        return empty ? '' : arg;
      case ':?':
      case '?':
        if (empty) {
          diags.error('interpolation-required', `required variable ${name} is missing a value${arg ? `: ${arg}` : ''}`, loc);
          return '';
        }
        return value ?? '';
      default:
        if (value === undefined) {
          diags.warn('interpolation-unset', `the "${name}" variable is not set, defaulting to a blank string`, loc);
          return '';
        }
        return value;
    }
  });
}

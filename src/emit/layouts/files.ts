import type { KubeObject } from '../../mapping/context.js';
import { KIND_ORDER, kindRank } from '../order.js';
import { emitDocuments } from '../yaml.js';
import { jsonText } from './json.js';
import type { Layout, OutputFormat } from './types.js';

const RANK_DIGITS = String(KIND_ORDER.length).length;

/**
 * `<rank>-<name>-<kind>.<ext>`: the rank of the kind in apply order, zero-padded, so the files
 * sort by name in the order `kubectl apply -f DIR/` must create them (it reads a directory in
 * name order): a Namespace before what lives in it, a ServiceAccount before the pods that run as it.
 */
export function objectFileName(object: KubeObject, format: OutputFormat = 'yaml'): string {
  const rank = String(kindRank(object.kind)).padStart(RANK_DIGITS, '0');
  return `${rank}-${object.metadata.name}-${object.kind.toLowerCase()}.${format === 'json' ? 'json' : 'yaml'}`;
}

/** One file per object: `-o DIR/`. */
export const filesLayout: Layout = (objects, options, context) => {
  if (options.format === 'json') return objects.map((o) => ({ path: objectFileName(o.object, 'json'), content: jsonText(o.object) }));
  return emitDocuments(objects, options, context).map((d) => ({ path: objectFileName(d.mapped.object), content: d.text }));
};

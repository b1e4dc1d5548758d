import type { Service } from '../compose/model.js';
import { at, scalarString } from '../compose/tree.js';
import { durationSeconds } from '../util/units.js';
import type { MapContext } from './context.js';

/**
 * The compose duration at `path` inside a service (`deploy`, `update_config`, `delay`), in
 * seconds; undefined when absent. A value that is not a duration is an error at its position.
 */
export function durationAt(ctx: MapContext, svc: Service, ...path: string[]): number | undefined {
  const node = at(svc.node, ...path);
  const text = scalarString(node);
  if (node === undefined || text === undefined) return undefined;
  const seconds = durationSeconds(text);
  if (seconds === undefined) {
    ctx.diags.error('invalid-value', `service "${svc.name}": ${path.join('.')} must be a duration such as 10s or 1m30s, got ${JSON.stringify(text)}`, node.loc);
  }
  return seconds;
}

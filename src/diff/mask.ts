import type { FieldChange } from './compare.js';
import { isObject, type Json, type JsonObject } from './json.js';

/** What a Secret value is shown as, as `kubectl diff` shows it. */
export const MASK = '***';
export const MASK_BEFORE = '*** (before)';
export const MASK_AFTER = '*** (after)';

const SECRET_MAPS = ['data', 'stringData'];

/**
 * The two sides of a Secret with every value of `data` and `stringData` replaced: `***` where
 * they are equal or on one side only, `*** (before)` and `*** (after)` where they differ, so a
 * diff still shows which keys changed and never what they hold.
 */
export function maskSecretPair(after: JsonObject | undefined, before: JsonObject | undefined): { after?: JsonObject; before?: JsonObject } {
  const masked: { after?: JsonObject; before?: JsonObject } = {};
  if (after) masked.after = { ...after };
  if (before) masked.before = { ...before };
  for (const field of SECRET_MAPS) {
    const a = after?.[field];
    const b = before?.[field];
    if (masked.after && a !== undefined) masked.after[field] = maskMap(a, b, MASK_AFTER);
    if (masked.before && b !== undefined) masked.before[field] = maskMap(b, a, MASK_BEFORE);
  }
  return masked;
}

function maskMap(own: Json, other: Json | undefined, differs: string): Json {
  if (!isObject(own)) return MASK;
  const out: JsonObject = {};
  for (const [key, value] of Object.entries(own)) {
    const theirs = isObject(other) ? other[key] : undefined;
    out[key] = theirs === undefined || theirs === value ? MASK : differs;
  }
  return out;
}

/** The field changes of a Secret with the values of its data hidden; `masked` says which were. */
export function maskSecretChanges(changes: readonly FieldChange[]): (FieldChange & { masked?: true })[] {
  return changes.map((c) => {
    const top = c.steps[0];
    if (typeof top !== 'string' || !SECRET_MAPS.includes(top)) return c;
    const out: FieldChange & { masked?: true } = { ...c, masked: true };
    const whole = c.steps.length === 1;
    if (c.before !== undefined) out.before = whole ? maskAll(c.before) : c.type === 'changed' ? MASK_BEFORE : MASK;
    if (c.after !== undefined) out.after = whole ? maskAll(c.after) : c.type === 'changed' ? MASK_AFTER : MASK;
    return out;
  });
}

function maskAll(value: Json): Json {
  return isObject(value) ? Object.fromEntries(Object.keys(value).map((k) => [k, MASK])) : MASK;
}

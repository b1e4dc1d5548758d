/**
 * Small constructors for the compose schema, so each section reads like the specification.
 *
 * Unions of shapes ("a string or a list", "a number, a string or a mapping") are written as one
 * schema with a union `type`: JSON Schema applies `items` only to lists, `properties` only to
 * mappings and `pattern` only to strings, so every value is checked against the one shape its own
 * type selects. There is no `oneOf`, and ajv reports exactly one error per problem.
 *
 * `expect` is an annotation of ours: what a valid value looks like, in the user's words. The
 * validator puts it into the message of the error raised by a `type`, `pattern`, `format`,
 * `minimum`, `maximum`, `minLength` or `not` keyword of the same schema object; on a schema used
 * as `propertyNames`, it says what keys may be.
 */
export type Schema = { [keyword: string]: unknown };

export type JsonType = 'string' | 'number' | 'integer' | 'boolean' | 'object' | 'array' | 'null';

export function typed(...types: JsonType[]): Schema {
  return { type: types.length === 1 ? types[0] : types };
}

export const str = typed('string');
export const bool = typed('boolean');
export const integer = typed('integer');

// After interpolation every value is a string; cast.ts turns the ones Compose casts back into
// numbers and booleans, and Compose's own schema accepts the string form everywhere it casts.
export const flag = typed('boolean', 'string');
export const intOrStr = typed('integer', 'string');
export const numOrStr = typed('number', 'string');

export function oneOfStrings(...values: string[]): Schema {
  return { type: 'string', enum: values };
}

/** A string matching `pattern` (anchored by the caller). */
export function matching(pattern: string, expect: string): Schema {
  return { type: 'string', pattern, expect };
}

/** A list; `unique` rejects repeated items as Compose does. */
export function listOf(items: Schema, unique = false): Schema {
  return unique ? { type: 'array', items, uniqueItems: true } : { type: 'array', items };
}

export const strings = listOf(str);
export const uniqueStrings = listOf(str, true);

/** Keys of free-form mappings (labels, options): anything but the empty string. */
export const NON_EMPTY_KEY: Schema = { type: 'string', minLength: 1, expect: 'keys must not be empty' };

/** Names of services, volumes, networks, secrets, configs and models. */
export const RESOURCE_NAME: Schema = {
  type: 'string',
  pattern: '^[a-zA-Z0-9._-]+$',
  expect: 'names may only contain letters, digits, ".", "_" and "-"',
};

/** A mapping with free keys whose values all follow `values`. */
export function dictOf(values: Schema, keys: Schema = NON_EMPTY_KEY): Schema {
  return { type: 'object', propertyNames: keys, additionalProperties: values };
}

export interface MappingOptions {
  required?: string[];
  /** Whether `x-` keys are accepted (the default); Compose refuses them in a few places. */
  extensions?: boolean;
  /** Other types the value may also have, besides a mapping (e.g. a string short syntax). */
  or?: JsonType[];
  /** Extra rules on the whole mapping. */
  rules?: Schema[];
}

/** A mapping with known keys: any other key is an error, except `x-` extensions. */
export function mapping(properties: Record<string, Schema>, options: MappingOptions = {}): Schema {
  const { required, extensions = true, or = [], rules } = options;
  return {
    type: or.length > 0 ? [...or, 'object'] : 'object',
    properties,
    additionalProperties: false,
    ...(extensions ? { patternProperties: { '^x-': {} } } : {}),
    ...(required ? { required } : {}),
    ...(rules ? { allOf: rules } : {}),
  };
}

/** A rule that two keys of one mapping cannot be set together. */
export function exclusive(a: string, b: string): Schema {
  return { not: { type: 'object', required: [a, b] }, expect: `"${a}" and "${b}" cannot be used together` };
}

/** Rules that at most one of `keys` is set. */
export function atMostOne(...keys: string[]): Schema[] {
  return keys.flatMap((a, i) => keys.slice(i + 1).map((b) => exclusive(a, b)));
}

import { Document, isScalar, type ParseOptions, type DocumentOptions, type SchemaOptions, type ScalarTag } from 'yaml';

type TagList = Extract<NonNullable<SchemaOptions['customTags']>, unknown[]>;

/** `0o644` as kubectl's YAML reader takes it: Go's ParseInt with base 0 reads the `0o` prefix. */
const octal0o: ScalarTag = {
  identify: () => false,
  default: true,
  tag: 'tag:yaml.org,2002:int',
  format: 'OCT',
  test: /^[-+]?0o[0-7_]+$/,
  resolve(str: string) {
    const sign = str[0] === '-' || str[0] === '+' ? str[0] : '';
    const n = parseInt(str.slice(sign.length + 2).replace(/_/g, ''), 8);
    return sign === '-' ? -n : n;
  },
};

/**
 * kubectl reads manifests with go-yaml v2: YAML 1.1 scalars (`yes`/`on` are booleans, `0644` is
 * octal) except that timestamps and sexagesimal numbers (`1:30`) stay strings and `0o644` is
 * octal too. A document with a `%YAML 1.2` directive is read by the 1.2 core schema, as written.
 */
function kubectlTags(tags: TagList): TagList {
  const isYaml11 = tags.some((t) => typeof t === 'object' && 'format' in t && t.format === 'TIME');
  if (!isYaml11) return tags;
  const kept = tags.filter((t) => typeof t !== 'object' || !(t.tag === 'tag:yaml.org,2002:timestamp' || ('format' in t && t.format === 'TIME')));
  return [octal0o, ...kept];
}

export const MANIFEST_YAML_OPTIONS: ParseOptions & DocumentOptions & SchemaOptions = {
  version: '1.1',
  customTags: kubectlTags as SchemaOptions['customTags'],
};

/** The library's own limit on alias expansion when it builds values stands guard against alias bombs. */
export const MAX_ALIAS_COUNT = 1000;

interface ResolvingTag {
  default?: boolean | 'key';
  test?: RegExp;
  resolve: (value: string, onError: (message: string) => void, options: object) => unknown;
}

let plainTags: ResolvingTag[] | undefined;

/**
 * The value of a plain (unquoted) scalar as the library resolves it with the options above: the
 * first default tag whose pattern matches, and that tag's own resolve function.
 */
export function resolvePlain(source: string): unknown {
  plainTags ??= (new Document(null, MANIFEST_YAML_OPTIONS).schema.tags as unknown as ResolvingTag[]).filter((t) => t.default === true && t.test);
  for (const tag of plainTags) {
    if (!tag.test!.test(source)) continue;
    const value = tag.resolve(source, () => undefined, { intAsBigInt: false });
    // Some tags resolve to a node that keeps the source spelling (booleans, null).
    return isScalar(value) ? value.value : value;
  }
  return source;
}

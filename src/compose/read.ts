import type { Diagnostics } from '../diagnostics/diagnostic.js';
import { castTypes } from './cast.js';
import { MAX_FILE_BYTES } from './checked-reader.js';
import { interpolate, type Lookup } from './interpolate.js';
import { mergeFiles } from './merge.js';
import { parseYamlDocuments, type SourceFile } from './parse.js';
import { isMap, type YMap } from './tree.js';

/** A compose file parsed and checked to be a mapping; undefined when unusable (already reported). */
export function parseComposeFile(file: SourceFile, diags: Diagnostics): YMap | undefined {
  // Files are checked before they are read (checked-reader.ts); stdin (`-f -`) here.
  if (file.text.length > MAX_FILE_BYTES) {
    diags.error('file-too-large', `${file.path} is larger than ${MAX_FILE_BYTES / 1024 / 1024} MiB: it is not read`, { file: file.path, line: 0, column: 0 });
    return undefined;
  }
  const docs = parseYamlDocuments(file, diags);
  if (!docs) return undefined;
  const maps: YMap[] = [];
  for (const parsed of docs) {
    if (!isMap(parsed)) {
      diags.error('yaml-not-a-mapping', 'a compose file must be a mapping of top-level keys (services, volumes, ...)', parsed.loc);
      return undefined;
    }
    maps.push(parsed);
  }
  // compose-go loads each document of a multi-document file (`---` between them) and merges them in order, like -f files.
  return maps.length === 1 ? maps[0] : mergeFiles(maps, diags);
}

/** Interpolated with the variables of its project, then cast to the types the schema expects. */
export function interpolateComposeFile(tree: YMap, file: SourceFile, lookup: Lookup, diags: Diagnostics): YMap {
  return castTypes(interpolate(tree, lookup, diags, file.text), diags) as YMap;
}

/** A compose file as every loader stage first sees it, whether named with -f, included or extended. */
export function readComposeFile(file: SourceFile, lookup: Lookup, diags: Diagnostics): YMap | undefined {
  const tree = parseComposeFile(file, diags);
  return tree && interpolateComposeFile(tree, file, lookup, diags);
}

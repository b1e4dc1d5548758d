import type { Diagnostic } from '../diagnostics/diagnostic.js';
import type { MappedObject } from '../mapping/context.js';
import type { PlaceIndex } from '../mapping/subjects.js';
import { objectComments, type AnnotationLevel } from './annotate.js';
import { placeWarnings, type PlacedWarning } from './object-warnings.js';
import { writeYaml } from './yaml-writer.js';

export { ANNOTATION_LEVELS, type AnnotationLevel } from './annotate.js';

export interface EmitOptions {
  /** How much the comments explain: `full` (default), `brief` or `none`. */
  annotate?: AnnotationLevel;
  /** `false` is `annotate: 'none'` (the `--no-comments` of the CLI). */
  comments?: boolean;
}

/** What the comments draw on besides the objects: the run's diagnostics and where compose keys are written. */
export interface EmitContext {
  diagnostics?: readonly Diagnostic[];
  places?: PlaceIndex;
}

/** A file of the output: its path relative to the output location, and its text. */
export interface OutputFile {
  path: string;
  content: string;
}

export function annotationLevel(options: EmitOptions): AnnotationLevel {
  return options.comments === false ? 'none' : (options.annotate ?? 'full');
}

/** One object -> one YAML document text (without the `---` separator). */
export function emitObject(mapped: MappedObject, options: EmitOptions = {}, warnings: readonly PlacedWarning[] = []): string {
  return writeYaml(mapped.object, objectComments(mapped, annotationLevel(options), warnings));
}

/** Each object as one YAML document, in the order given; the warnings of the run go to the objects they concern. */
export function emitDocuments(objects: readonly MappedObject[], options: EmitOptions = {}, context: EmitContext = {}): { mapped: MappedObject; text: string }[] {
  const level = annotationLevel(options);
  const warnings = level === 'full' && context.diagnostics ? placeWarnings(objects, context.diagnostics, context.places) : undefined;
  return objects.map((mapped) => ({ mapped, text: writeYaml(mapped.object, objectComments(mapped, level, warnings?.get(mapped))) }));
}

/**
 * The multi-document stream of the objects one document at a time (`---` and the document), each
 * written only when asked for: a caller that writes them as they come never holds the whole stream.
 */
export function* streamDocuments(objects: readonly MappedObject[], options: EmitOptions = {}, context: EmitContext = {}): Generator<string> {
  const level = annotationLevel(options);
  const warnings = level === 'full' && context.diagnostics ? placeWarnings(objects, context.diagnostics, context.places) : undefined;
  for (const mapped of objects) yield `---\n${writeYaml(mapped.object, objectComments(mapped, level, warnings?.get(mapped)))}`;
}

/** YAML documents as one multi-document stream. */
export function streamOf(files: readonly { content: string }[]): string {
  return files.map((f) => `---\n${f.content}`).join('');
}

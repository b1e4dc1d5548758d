import type { MappedObject } from '../../mapping/context.js';
import type { EmitContext, EmitOptions, OutputFile } from '../yaml.js';

export type OutputFormat = 'yaml' | 'json';

export interface LayoutOptions extends EmitOptions {
  /** YAML (default) or JSON; JSON carries no comments. */
  format?: OutputFormat;
  /** The file name of a one-file layout (the stream, the JSON List). */
  fileName?: string;
  /** The namespace the objects were put in, for layouts that name it (kustomization.yaml). */
  namespace?: string;
  /** The compose project name, for layouts that name it. */
  project?: string;
}

/**
 * A layout arranges the emitted objects into files: one stream, one file per object, a JSON List,
 * a Kustomize directory (a Helm chart later). The objects come in apply order; every layout keeps it.
 */
export type Layout = (objects: readonly MappedObject[], options: LayoutOptions, context?: EmitContext) => OutputFile[];

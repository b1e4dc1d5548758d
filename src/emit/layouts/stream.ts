import { emitDocuments, streamOf } from '../yaml.js';
import type { Layout } from './types.js';

/** One multi-document YAML stream: stdout, or `-o FILE.yaml`. */
export const streamLayout: Layout = (objects, options, context) => [
  { path: options.fileName ?? 'manifests.yaml', content: streamOf(emitDocuments(objects, options, context).map((d) => ({ content: d.text }))) },
];

import { streamDocuments } from '../yaml.js';
import type { Layout } from './types.js';

/** One multi-document YAML stream: stdout, or `-o FILE.yaml`. */
export const streamLayout: Layout = (objects, options, context) => [
  { path: options.fileName ?? 'manifests.yaml', content: [...streamDocuments(objects, options, context)].join('') },
];

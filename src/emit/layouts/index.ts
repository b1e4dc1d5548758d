export { filesLayout, objectFileName } from './files.js';
export { jsonLayout, listOf } from './json.js';
export { KUSTOMIZATION_FILE, kustomizeLayout } from './kustomize.js';
export { streamLayout } from './stream.js';
export type { Layout, LayoutOptions, OutputFormat } from './types.js';

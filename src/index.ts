/** compose2kube's library API: plain data in, objects and text out; no file system needed. */
export { convert, type ConvertOptions, type ConvertResult } from './pipeline.js';
export { loadProject, type LoadResult } from './compose/load.js';
export { memoryReader, type FileReader, type FileStat, type LoadOptions } from './compose/host.js';
export type * from './compose/model.js';
export { mapProject, type MapOptions, type MapResult, type MappedObject, type KubeObject, type Note, type ServiceType } from './mapping/index.js';
export { EQUIVALENCES, equivalence, type Equivalence, type Fidelity } from './mapping/equivalences/index.js';
export { emitStream, emitFiles } from './emit/emit.js';
export { emitObject, emitDocuments, ANNOTATION_LEVELS, type AnnotationLevel, type EmitContext, type EmitOptions, type OutputFile } from './emit/yaml.js';
export { planLayout, type LayoutPlan, type OutputRequest, type PlanSource } from './emit/layout-plan.js';
export { filesLayout, jsonLayout, kustomizeLayout, streamLayout, objectFileName, type Layout, type LayoutOptions, type OutputFormat } from './emit/layouts/index.js';
export { inNamespace, namespaceObject, isNamespaceName } from './emit/namespace.js';
export type { Diagnostic, Subject } from './diagnostics/diagnostic.js';
export { DIAGNOSTIC_CODES, type DiagnosticCode, type Severity } from './diagnostics/codes.js';
export { formatDiagnostic, codeFrame } from './diagnostics/format.js';
export { readManifests, diffObjects, formatDiffText, diffJson, planOutput, normalize, type ManifestObject, type ManifestSource, type DiffResult, type DiffSide, type ObjectDiff, type OutputPlan } from './diff/index.js';

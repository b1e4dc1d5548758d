/** Dry-run diff: objects converting would write against manifests that exist, compared as objects, never as text. */
export { readManifests, type ManifestObject, type ManifestSource, type ReadManifestsResult } from './read.js';
export { normalize } from './normalize.js';
export { compareObjects, formatPath, type FieldChange, type PathStep } from './compare.js';
export { diffObjects, type DiffOptions, type DiffResult, type DiffSide, type ObjectDiff, type ObjectFieldChange, type ObjectStatus } from './diff.js';
export { formatDiffText, diffJson, summaryText, painter, colorDiff, type FormatOptions } from './format.js';
export { planOutput, staleFiles, MANAGED_BY, type FileAction, type FileContent, type FilePlan, type OutputPlan } from './plan.js';
export { kubectlDiffArgs, kubectlProblem, maskKubectlDiff } from './kubectl-output.js';
export { describeId, identityOf, type ObjectId } from './identity.js';
export { SERVER_DEFAULTS, SERVER_METADATA, SERVER_ANNOTATIONS, ASSIGNED, FALSE_IS_ABSENT, type ServerDefault } from './defaults.js';

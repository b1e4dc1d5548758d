import { expect } from 'vitest';
import type { FileReader } from '../../src/compose/host.js';
import type { KubeObject } from '../../src/mapping/context.js';
import { convert as convertUnchecked, type ConvertOptions, type ConvertResult } from '../../src/pipeline.js';
import { apiServerProblems } from './kube-checks.js';
import { strictProblems } from './strict-check.js';
import { validateWithModels } from './validate-models.js';

/**
 * Everything an API server would reject in these objects: kubernetes-models' schema validation,
 * the API server's rules on names, selectors, ports and volumes (kube-checks), and strict field
 * validation (unknown fields, wrong JSON types, fractions for integers, missing required fields).
 */
export function apiProblems(objects: readonly KubeObject[]): string[] {
  return [...validateWithModels(objects), ...apiServerProblems(objects), ...strictProblems(objects)];
}

/**
 * The pipeline's convert, with every object it produces checked like an API server would. Tests
 * import convert from here, never from src/pipeline.js (test/suite/checked-objects.test.ts), so no
 * test builds objects it does not check.
 */
export function convert(files: Readonly<Record<string, string>> | FileReader, options: ConvertOptions = {}): ConvertResult {
  const result = convertUnchecked(files, options);
  expect(apiProblems(result.objects), 'objects an API server would reject').toEqual([]);
  return result;
}

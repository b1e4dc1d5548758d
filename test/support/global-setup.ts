import type { TestProject } from 'vitest/node';
import { buildStrictTable } from './strict-check.js';
import { unpackTools } from './tools.js';

/**
 * Once per run, before any test file: the strict API check's table of shapes, read from the
 * kubernetes-models types (seconds of TypeScript), for every test file to share instead of each
 * building its own; and the real helm and kubectl the chart and overlay tests use.
 */
export default function setup(project: TestProject): void {
  project.provide('strictTable', buildStrictTable());
  unpackTools();
}

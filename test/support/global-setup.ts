import type { TestProject } from 'vitest/node';
import { buildStrictTable } from './strict-check.js';

/**
 * Once per run, before any test file: the strict API check's table of shapes, read from the
 * kubernetes-models types (seconds of TypeScript), for every test file to share instead of each
 * building its own.
 */
export default function setup(project: TestProject): void {
  project.provide('strictTable', buildStrictTable());
}

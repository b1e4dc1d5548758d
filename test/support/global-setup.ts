import { unpackTools } from './tools.js';

/** Runs once before the test workers: the real helm and kubectl the chart and overlay tests use. */
export default function setup(): void {
  unpackTools();
}

/**
 * The pipeline, off the page's main thread: the editors stay responsive while a large file
 * converts, and the pipeline loads (and compiles its schemas) while the page draws its editors.
 */
import { run } from './model.js';
import type { PlaygroundState } from './state.js';

interface Scope {
  onmessage: ((e: { data: { id: number; state: PlaygroundState } }) => void) | null;
  postMessage(message: unknown): void;
}

const scope = self as unknown as Scope;
/** When the pipeline was ready, in the worker's own time (from its start), for the page's timings. */
const readyAt = performance.now();
scope.onmessage = (e) => {
  const { id, state } = e.data;
  const started = performance.now();
  try {
    const conversion = run(state);
    scope.postMessage({ id, conversion, timing: { readyAt, runMs: performance.now() - started } });
  } catch (e) {
    // A bug of the converter, not of the input: said on the page, and the next edit is converted again.
    scope.postMessage({ id, failure: e instanceof Error ? e.message : String(e) });
  }
};

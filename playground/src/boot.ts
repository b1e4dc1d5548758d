/**
 * Runs before the page's main script (a few hundred bytes, where main.js is the editors): starts
 * the converter and, for a shared link, asks for its conversion at once, so the pipeline loads and
 * converts while the editors are still being parsed and drawn. main.ts takes over from here.
 */
import { decodeHash } from './share.js';
import type { PlaygroundState } from './state.js';

export interface Boot {
  worker: Worker;
  /** The id and state of the conversion asked for here, if any. */
  first?: { id: number; state: PlaygroundState };
  /** Answers that arrived before main.ts listened. */
  early: MessageEvent[];
}

const worker = new Worker(new URL('./worker.js', import.meta.url), { type: 'module' });
const boot: Boot = { worker, early: [] };
worker.onmessage = (e) => boot.early.push(e);
const shared = decodeHash(location.hash);
if (shared) {
  boot.first = { id: 1, state: shared };
  worker.postMessage(boot.first);
}
(globalThis as { compose2kubeBoot?: Boot }).compose2kubeBoot = boot;

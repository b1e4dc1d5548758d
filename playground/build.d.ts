import type { Server } from 'node:http';

/** Writes playground/dist/ and returns its files, relative to it. */
export function buildPlayground(options?: { minify?: boolean }): Promise<string[]>;
/** Serves `dir` on 127.0.0.1 (port 0: any free port). */
export function serveStatic(dir: string, port?: number): Promise<{ server: Server; url: string }>;

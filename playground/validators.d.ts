import type { Plugin } from 'esbuild';
import type * as Library from '../src/index.js';

/** The esbuild plugins that put the precompiled validators in place of ajv in the pipeline. */
export function precompiledAjv(): Promise<Plugin[]>;
/** The pipeline bundled for Node with these plugins, loaded (its exports: the library's API). */
export function pipelineForNode(plugins: Plugin[], extra?: string): Promise<typeof Library>;

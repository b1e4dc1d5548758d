#!/usr/bin/env node
import module from 'node:module';
import { existsSync } from 'node:fs';
import process from 'node:process';
import { URL } from 'node:url';

// Node >= 22.1 can cache the compiled code of the CLI between runs (NODE_DISABLE_COMPILE_CACHE=1
// turns it off); Node 20 has no such cache, and goes on without it.
module.enableCompileCache?.();

// `npm run build` bundles the CLI into one module (scripts/bundle-cli.js), which starts faster
// than the ~175 modules tsc writes; without the bundle (tsc alone), the modules themselves.
const bundle = new URL('../dist/cli/main.bundle.js', import.meta.url);
const { main } = await import(existsSync(bundle) ? bundle.href : '../dist/cli/main.js');

process.exitCode = await main(process.argv.slice(2));

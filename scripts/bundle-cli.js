// Bundles the CLI (dist/cli/main.js and everything it imports, dependencies included) into one ES
// module, dist/cli/main.bundle.js, which bin/compose2kube.js loads: Node then reads, resolves and
// compiles one file at start-up instead of some 175 (docs/guide/performance.md). Run by `npm run
// build` after tsc; dist/index.js, the library, stays unbundled. kubernetes-models stays outside
// (loaded on demand by `convert --validate`, one module per kind).
import { build } from 'esbuild';

await build({
  entryPoints: ['dist/cli/main.js'],
  outfile: 'dist/cli/main.bundle.js',
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  external: ['kubernetes-models', 'kubernetes-models/*'],
  // The CommonJS dependencies (yaml, ajv's runtime) call require(); an ES module has none.
  banner: { js: "import { createRequire as __c2kCreateRequire } from 'node:module'; const require = __c2kCreateRequire(import.meta.url);" },
  legalComments: 'none',
  logLevel: 'warning',
});

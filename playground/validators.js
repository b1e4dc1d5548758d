/* global process */
// Precompiled schema validators for the page: compiling the compose schema and the x-kubernetes
// schemas with ajv takes most of the time of a first conversion, so the page is built with the
// validators ajv generates for them (standalone code), and without ajv's compiler.
import { build } from 'esbuild';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const HERE = dirname(fileURLToPath(import.meta.url));
const ROOT = resolve(HERE, '..');
const SRC = join(ROOT, 'src');

/** `ajv` as the pipeline (src/) imports it -> `file`; elsewhere (ajv's own modules) the real one. */
export function pipelineAjv(file) {
  return {
    name: 'pipeline-ajv',
    setup(b) {
      b.onResolve({ filter: /^ajv$/ }, (args) => (args.importer.startsWith(SRC) ? { path: join(HERE, file) } : undefined));
    },
  };
}

/**
 * The pipeline (src/index.ts) bundled for Node with these esbuild plugins, loaded; `extra` is
 * appended to the entry (more exports). Dependencies stay Node's own packages.
 */
export async function pipelineForNode(plugins, extra = '') {
  const out = await build({
    stdin: { contents: `export * from './src/index.ts';\n${extra}`, resolveDir: ROOT, loader: 'ts' },
    bundle: true,
    platform: 'node',
    format: 'esm',
    write: false,
    // Dependencies load as Node loads them (yaml's Node build requires `process`).
    packages: 'external',
    // CommonJS inside the bundle (the generated validators) requires them too.
    banner: { js: "import { createRequire as __c2kCreateRequire } from 'node:module'; const require = __c2kCreateRequire(import.meta.url);" },
    logLevel: 'warning',
    plugins,
  });
  // Inside the project, so the external packages resolve from its node_modules.
  mkdirSync(join(ROOT, 'node_modules/.cache'), { recursive: true });
  const dir = mkdtempSync(join(ROOT, 'node_modules/.cache/c2k-validators-'));
  try {
    const file = join(dir, 'pipeline.mjs');
    writeFileSync(file, out.outputFiles[0].text);
    return await import(pathToFileURL(file).href);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Bundles the pipeline for Node with the recording ajv, converts once, and returns every compiled schema's code. */
export async function compileValidators() {
  const { convert, recorded } = await pipelineForNode([pipelineAjv('ajv-recording.js')], `export { recorded } from './playground/ajv-recording.js';`);
  // The compose schema is compiled on first use; the x-kubernetes schemas when the module loads.
  convert({ 'compose.yaml': 'services:\n  web:\n    image: nginx\n' });
  return recorded;
}

/** The esbuild plugins of the page: `ajv` in the pipeline is the precompiled one, `playground:validators` the generated code. */
export async function precompiledAjv() {
  const recorded = await compileValidators();
  if (recorded.length === 0) throw new Error('no schema was compiled while converting: the recording ajv is not in place');
  // ajv's code for coerceTypes: 'array' assigns to the `const` of a for-in over keys, where a key
  // is never an array (so it never runs); a bundler rejects the assignment outright: `let` it is.
  const factories = recorded.map(
    ({ key, code }) => `${JSON.stringify(key)}: function (formatsIn) { const module = { exports: {} }; const exports = module.exports; ${code.replace(/for\(const (key\d+) in /g, 'for(let $1 in ')}\nreturn module.exports; }`,
  );
  return [
    pipelineAjv('ajv-precompiled.js'),
    {
      name: 'validators',
      setup(b) {
        b.onResolve({ filter: /^playground:validators$/ }, () => ({ path: 'validators', namespace: 'playground-validators' }));
        b.onLoad({ filter: /.*/, namespace: 'playground-validators' }, () => ({ contents: `exports.VALIDATORS = {\n${factories.join(',\n')}\n};\n`, loader: 'js', resolveDir: ROOT }));
      },
    },
  ];
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const recorded = await compileValidators();
  process.stdout.write(`${recorded.length} schemas: ${recorded.map((r) => `${r.key} (${r.code.length} bytes)`).join(', ')}\n`);
}

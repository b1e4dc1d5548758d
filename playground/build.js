/* global process, console, URL */
// Builds the playground into playground/dist/ (index.html + assets), or with --serve also serves
// it on 127.0.0.1 and prints the URL. The page is static: any static host can serve dist/.
import { build } from 'esbuild';
import { createServer } from 'node:http';
import { copyFileSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { dirname, extname, join, normalize, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const HERE = dirname(fileURLToPath(import.meta.url));
const ROOT = resolve(HERE, '..');
const DIST = join(HERE, 'dist');

/** The bundled examples: fixtures of the repository, each with its files (compose.yaml, .env, files it reads). */
const EXAMPLES = [
  { id: 'healthy-stack', title: 'Web app, database, cache, migration (healthchecks, depends_on)' },
  { id: 'cms-mysql', title: 'CMS on MySQL with a .env' },
  { id: 'env-interpolation', title: 'Interpolation and env_file' },
  { id: 'ingress-app', title: 'Ingress from x-kubernetes hints' },
  { id: 'media-stack', title: 'Media stack (volumes, bind mounts)' },
];

const SKIP = new Set(['expected.yaml', 'expected.diagnostics.txt', 'options.json', 'README.md']);

function exampleFiles(dir, prefix = '') {
  const files = {};
  for (const name of readdirSync(dir).sort()) {
    if (SKIP.has(name) || name === 'expected') continue;
    const path = join(dir, name);
    if (statSync(path).isDirectory()) Object.assign(files, exampleFiles(path, `${prefix}${name}/`));
    else files[`${prefix}${name}`] = readFileSync(path, 'utf8');
  }
  return files;
}

/** `import { EXAMPLES } from 'playground:examples'`: the fixtures' texts, read at build time. */
const examplesPlugin = {
  name: 'examples',
  setup(b) {
    b.onResolve({ filter: /^playground:examples$/ }, () => ({ path: 'examples', namespace: 'playground' }));
    b.onLoad({ filter: /.*/, namespace: 'playground' }, () => {
      const examples = EXAMPLES.map((e) => ({ ...e, files: exampleFiles(join(ROOT, 'fixtures', e.id)) }));
      return { contents: `export const EXAMPLES = ${JSON.stringify(examples)};`, loader: 'js' };
    });
  },
};

/**
 * kubernetes-models registers a compiled JSON-schema validator with every model class, and half of
 * the bundle is those validators; the pipeline never validates (the tests do). In the page each
 * validator is a stub that says so, should anything ever call it.
 */
const noModelValidation = {
  name: 'no-model-validation',
  setup(b) {
    b.onResolve({ filter: /\/_schemas\/[^/]+$/ }, (args) =>
      /[/\\]node_modules[/\\](@kubernetes-models[/\\][^/\\]+|kubernetes-models)[/\\]/.test(args.importer) ? { path: args.path, namespace: 'no-model-validation' } : undefined,
    );
    b.onLoad({ filter: /.*/, namespace: 'no-model-validation' }, () => ({
      contents: 'export function validate() { throw new Error("kubernetes-models validation is left out of the playground bundle"); }',
      loader: 'js',
    }));
  },
};

/** Writes dist/; returns the bundle's files and sizes. */
export async function buildPlayground({ minify = true } = {}) {
  rmSync(DIST, { recursive: true, force: true });
  mkdirSync(DIST, { recursive: true });
  const result = await build({
    absWorkingDir: ROOT,
    entryPoints: [join(HERE, 'src/boot.ts'), join(HERE, 'src/main.ts'), join(HERE, 'src/worker.ts')],
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: ['es2022'],
    minify,
    sourcemap: false,
    outdir: join(DIST, 'assets'),
    entryNames: '[name]',
    metafile: true,
    logLevel: 'warning',
    plugins: [examplesPlugin, noModelValidation],
    // The pipeline never reads `process`; a dependency that looks at NODE_ENV sees production.
    define: { 'process.env.NODE_ENV': '"production"' },
  });
  copyFileSync(join(HERE, 'index.html'), join(DIST, 'index.html'));
  copyFileSync(join(HERE, 'style.css'), join(DIST, 'assets', 'style.css'));
  const nodeImports = Object.values(result.metafile.outputs).flatMap((o) => o.imports.filter((i) => i.path.startsWith('node:') || i.external));
  // The pipeline's schema validators are compiled ahead (src/**/*.generated.ts): ajv's compiler must not be in the page.
  const compilers = Object.values(result.metafile.outputs).flatMap((o) => Object.keys(o.inputs).filter((i) => /node_modules\/ajv\/dist\/(compile|core)/.test(i)));
  if (compilers.length > 0) throw new Error(`the playground bundle holds ajv's schema compiler (${compilers[0]}): a module compiles schemas at run time`);
  if (nodeImports.length > 0) throw new Error(`the playground bundle imports ${nodeImports.map((i) => i.path).join(', ')}: it must run in a browser`);
  return ['index.html', 'assets/style.css', ...Object.keys(result.metafile.outputs).map((p) => relative(DIST, resolve(ROOT, p)))];
}

const TYPES = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8', '.png': 'image/png', '.svg': 'image/svg+xml' };

/** A static server of `dir` on 127.0.0.1 (port 0: any free port); resolves to the server and its URL. */
export function serveStatic(dir, port = 0) {
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    // normalize() of an absolute path cannot climb above `/`: every path stays inside `dir`.
    let path = join(dir, normalize(decodeURIComponent(url.pathname)));
    try {
      if (statSync(path).isDirectory()) path = join(path, 'index.html');
      const body = readFileSync(path);
      res.writeHead(200, { 'content-type': TYPES[extname(path)] ?? 'application/octet-stream', 'cache-control': 'no-store' });
      res.end(body);
    } catch {
      res.writeHead(404, { 'content-type': 'text/plain' });
      res.end('not found\n');
    }
  });
  return new Promise((done, fail) => {
    server.once('error', fail);
    server.listen(port, '127.0.0.1', () => done({ server, url: `http://127.0.0.1:${server.address().port}/` }));
  });
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const files = await buildPlayground();
  for (const f of files) {
    const text = readFileSync(join(DIST, f));
    console.log(`playground/dist/${f}: ${(text.length / 1024).toFixed(0)} KiB (${(gzipSync(text).length / 1024).toFixed(0)} KiB gzip)`);
  }
  if (process.argv.includes('--serve')) {
    const port = Number(process.env.PORT ?? 8080);
    // The port asked for, or any free one when it is taken.
    const { url } = await serveStatic(DIST, port).catch((e) => (e.code === 'EADDRINUSE' ? serveStatic(DIST, 0) : Promise.reject(e)));
    console.log(`compose2kube playground: ${url}`);
  }
}

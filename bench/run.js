// Benchmark of the whole pipeline (load -> map -> emit) on the bundled example, synthetic projects
// of growing size, inputs that used to be slow or that attack the tool, and the Kompose corpus.
// Run with `npm run bench` (builds first). Prints medians per stage and in total.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import { convert, diffObjects, emitFiles, formatDiffText, loadProject, mapProject, memoryReader, readManifests } from '../dist/index.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

function median(values) {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

function time(fn, runs) {
  fn(); // warm-up: JIT and the lazily compiled schema validator
  const samples = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    fn();
    samples.push(performance.now() - t);
  }
  return median(samples);
}

/** A compose project with `n` services that use the common keys. */
function synthetic(n) {
  const lines = ['name: bench', 'services:'];
  for (let i = 0; i < n; i++) {
    lines.push(
      `  svc${i}:`,
      `    image: registry.example.com/team/svc${i}:1.${i}`,
      `    command: ["serve", "--port", "${8000 + (i % 1000)}"]`,
      '    environment:',
      `      SERVICE_INDEX: "${i}"`,
      '      LOG_LEVEL: info',
      `      UPSTREAM: svc${(i + 1) % n}`,
      '    ports:',
      `      - "${10000 + i}:${8000 + (i % 1000)}"`,
      '    volumes:',
      `      - data${i % 10}:/var/lib/svc`,
      '    healthcheck:',
      '      test: ["CMD", "wget", "-qO-", "http://localhost/health"]',
      '      interval: 10s',
      '    deploy:',
      '      replicas: 2',
    );
    if (i > 0) lines.push('    depends_on:', `      - svc${i - 1}`);
  }
  lines.push('volumes:');
  for (let i = 0; i < Math.min(n, 10); i++) lines.push(`  data${i}:`);
  return lines.join('\n') + '\n';
}

/** `n` services that take their settings from one anchored mapping (`<<: *base`). */
function anchored(n) {
  const lines = ['name: bench', 'x-base: &base', '  restart: always', '  environment: {LOG_LEVEL: info}', 'services:'];
  for (let i = 0; i < n; i++) lines.push(`  svc${i}:`, '    <<: *base', `    image: registry.example.com/svc${i}:1`, '    ports:', `      - "${10000 + i}:8080"`);
  return lines.join('\n') + '\n';
}

/** "Billion laughs": nine levels of ten aliases each would expand to 10^9 strings. */
function aliasBomb() {
  const lines = ['x-l0: &l0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]'];
  for (let i = 1; i <= 9; i++) lines.push(`x-l${i}: &l${i} [${Array(10).fill(`*l${i - 1}`).join(', ')}]`);
  lines.push('services:', '  web:', '    image: nginx', '    labels: {bomb: *l9}');
  return lines.join('\n') + '\n';
}

const mib = (bytes) => (bytes / 1024 / 1024).toFixed(0);
const rows = [];
function bench(name, files, runs) {
  const options = { workingDir: '/bench', env: {} };
  const reader = memoryReader(files, '/bench');
  const loaded = loadProject({ ...options, reader });
  const mapped = loaded.project && mapProject(loaded.project, { ...options, reader });
  const stage = (fn) => (mapped ? time(fn, runs).toFixed(2) : '-');
  const load = time(() => loadProject({ ...options, reader }), runs);
  const map = stage(() => mapProject(loaded.project, { ...options, reader }));
  const emit = stage(() => emitFiles(mapped.objects));
  const total = time(() => convert(reader, options), runs);
  const result = convert(reader, options);
  rows.push({
    name,
    runs,
    'load ms': load.toFixed(2),
    'map ms': map,
    'emit ms': emit,
    'convert ms': total.toFixed(2),
    objects: result.objects.length,
    'output KiB': (result.text.length / 1024).toFixed(1),
    errors: result.diagnostics.filter((d) => d.severity === 'error').length,
    // The process's peak so far: rows run from small to large, so this is the largest row's peak.
    'peak RSS MiB': mib(process.resourceUsage().maxRSS * 1024),
  });
}

bench('bundled example (web-postgres)', { 'compose.yaml': readFileSync(join(root, 'fixtures/web-postgres/compose.yaml'), 'utf8') }, 200);
for (const [n, runs] of [[10, 100], [100, 20], [1000, 5]]) bench(`synthetic, ${n} services`, { 'compose.yaml': synthetic(n) }, runs);
bench('anchored (<<: *base), 1000 services', { 'compose.yaml': anchored(1000) }, 5);
bench('UDP range of 50 001 published ports', { 'compose.yaml': 'services:\n  media:\n    image: example/media:1\n    ports: ["10000-60000:10000-60000/udp"]\n' }, 5);
bench('alias bomb (10^9 strings), refused', { 'compose.yaml': aliasBomb() }, 20);

/**
 * `compose2kube diff --against` of a project against its own output (one commented stream, as
 * `convert > all.yaml` writes it): convert without comments, read the manifests, compare, format.
 * Its time is compared with a `convert` of the same project; the target is at most 2x.
 */
const diffRows = [];
function benchDiff(name, files, runs) {
  const options = { workingDir: '/bench', env: {} };
  const reader = memoryReader(files, '/bench');
  const own = convert(reader, options).text;
  const diff = () => {
    const result = convert(reader, { ...options, comments: false });
    const read = readManifests([{ path: 'all.yaml', text: own }]);
    const d = diffObjects(result.objects.map((object) => ({ object })), read.objects);
    formatDiffText(d);
    return d;
  };
  const d = diff();
  convert(reader, options);
  // Alternated, so that a change in the machine's load weighs on both the same.
  const convertTimes = [];
  const diffTimes = [];
  for (let i = 0; i < runs; i++) {
    let t = performance.now();
    convert(reader, options);
    convertTimes.push(performance.now() - t);
    t = performance.now();
    diff();
    diffTimes.push(performance.now() - t);
  }
  const convertMs = median(convertTimes);
  const diffMs = median(diffTimes);
  diffRows.push({
    name,
    runs,
    'convert ms': convertMs.toFixed(0),
    'diff ms': diffMs.toFixed(0),
    'diff / convert': (diffMs / convertMs).toFixed(2),
    objects: d.objects.length,
    unchanged: d.summary.unchanged,
    'manifest KiB': (own.length / 1024).toFixed(0),
  });
}
benchDiff('diff --against own output, 100 services', { 'compose.yaml': synthetic(100) }, 10);
benchDiff('diff --against own output, 1000 services', { 'compose.yaml': synthetic(1000) }, 5);

const corpus = join(root, '..', 'shared', 'corpus', 'kompose');
if (existsSync(corpus)) {
  const files = [];
  const walk = (d) => {
    for (const f of readdirSync(d).sort()) {
      const p = join(d, f);
      if (statSync(p).isDirectory()) walk(p);
      else if (/\.ya?ml$/.test(f) && !f.startsWith('output')) files.push(p);
    }
  };
  walk(corpus);
  const t = performance.now();
  let ok = 0;
  for (const f of files) {
    const dir = dirname(f);
    const reader = { readFile: (p) => { try { return readFileSync(p, 'utf8'); } catch { return undefined; } }, readDir: () => undefined };
    const r = convert(reader, { workingDir: dir, files: [f], env: {} });
    if (!r.failed) ok++;
  }
  rows.push({ name: `Kompose corpus: ${files.length} files, ${ok} converted`, runs: 1, 'load ms': '-', 'map ms': '-', 'emit ms': '-', 'convert ms': (performance.now() - t).toFixed(1), objects: '-', 'output KiB': '-', errors: files.length - ok, 'peak RSS MiB': mib(process.resourceUsage().maxRSS * 1024) });
} else {
  // Visible, so a run without the shared data is not mistaken for one over the corpus.
  rows.push({ name: 'Kompose corpus: skipped, ../shared/corpus/kompose is absent', runs: 0 });
}

console.log(`compose2kube benchmark, node ${process.version}, ${new Date().toISOString()}`);
console.table(rows);
console.log('diff against its own output (target: diff / convert <= 2)');
console.table(diffRows);

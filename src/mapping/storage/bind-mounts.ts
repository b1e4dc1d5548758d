import { ConfigMap, Secret } from '../kube-models.js';
import type { FileReader } from '../../compose/host.js';
import type { Project } from '../../compose/model.js';
import type { Loc } from '../../util/loc.js';
import { basename, relative, resolve } from '../../util/path.js';
import type { KubeObject, MapContext } from '../context.js';
import { isSecretName } from '../secret-names.js';
import { allSecrets } from '../secret-values.js';
import {
  OBJECT_DATA_LIMIT,
  configMapContent,
  dataSize,
  isObjectKey,
  objectKey,
  projectLabels,
  readBytes,
  secretContent,
  uniqueObjectName,
  type FileEntry,
} from './file-objects.js';

/**
 * Bind mounts of paths inside the project directory. What the container sees is the content of
 * the path, so:
 * - a file, or a directory with files, becomes a ConfigMap mounted read-only: a snapshot taken at
 *   convert time; a Secret when a file may be secret (a compose secret's file, an env or compose
 *   file, a private key, a file named like a password);
 * - a path that does not exist (or an empty directory) is where Docker would create an empty
 *   directory for the service to write into: it becomes a PersistentVolumeClaim;
 * - content over the 1 MiB an object can hold also becomes a claim, with a warning to copy it in.
 * One plan per path, shared by every service that mounts it.
 */
export type ContentPlan = {
  kind: 'content';
  object: 'ConfigMap' | 'Secret';
  name: string;
  entries: FileEntry[];
  isFile: boolean;
  /** The path as users know it: `./nginx.conf` in the project, the absolute path of a host file. */
  display: string;
  secretFile?: string;
};

export type BindPlan = ContentPlan | { kind: 'claim'; display: string; tooLarge?: number } | { kind: 'unreadable'; display: string };

/** Directories are walked until this much content is read (past it, no object can hold them). */
const MAX_FILES = 10_000;
const MAX_DEPTH = 32;

export function isInsideProject(project: Project, path: string): boolean {
  const root = project.workingDir.replace(/\/$/, '');
  return path === root || path.startsWith(`${root}/`);
}

export function displayPath(project: Project, path: string): string {
  const rel = relative(project.workingDir, path);
  return rel === '.' ? '.' : `./${rel}`;
}

/**
 * Files whose content may be secret: compose secrets' files, env files, the project's .env, and
 * the compose files themselves (their `environment` may hold passwords).
 */
export function sensitiveFiles(project: Project): Set<string> {
  const files = new Set<string>([resolve(project.workingDir, '.env'), ...project.files.map((f) => resolve(project.workingDir, f))]);
  for (const s of allSecrets(project)) if (s.file) files.add(s.file);
  for (const svc of Object.values(project.services)) for (const f of svc.envFiles) files.add(f.path);
  return files;
}

/** The plan for one bind mount source inside the project (absolute, resolved by the loader). */
export function planProjectBind(ctx: MapContext, source: string, sensitive: ReadonlySet<string>): BindPlan {
  const project = ctx.project;
  const display = displayPath(project, source);
  const reader = ctx.options.reader;
  if (!reader) return { kind: 'unreadable', display };
  const fileBytes = readBytes(reader, source);
  const found = fileBytes !== undefined ? fileEntry(reader, source, fileBytes) : readTree(reader, source);
  if (!found || found.entries.length === 0) return { kind: 'claim', display };
  if (found.truncated || dataSize(found.entries) > OBJECT_DATA_LIMIT) return { kind: 'claim', display, tooLarge: found.size };
  return contentPlan(ctx, found, fileBytes !== undefined, display, display === '.' ? project.name : display.replace(/^\.\//, ''), sensitive);
}

/**
 * A file outside the project, read at convert time: its content, as for a project file. A file
 * in a hidden directory of the host (~/.aws/config, ~/.docker/config.json, ~/.kube/config) or
 * hidden itself holds credentials more often than not: a Secret.
 */
export function hostFilePlan(ctx: MapContext, source: string, bytes: Uint8Array, base: string, sensitive: ReadonlySet<string>): ContentPlan {
  const hidden = source.split('/').some((part) => part.startsWith('.') && part !== '.' && part !== '..');
  return contentPlan(ctx, fileEntry(ctx.options.reader!, source, bytes), true, source, base, hidden ? new Set([...sensitive, source]) : sensitive);
}

function contentPlan(ctx: MapContext, found: Found, isFile: boolean, display: string, base: string, sensitive: ReadonlySet<string>): ContentPlan {
  const secretFile = found.entries.find((e, i) => sensitive.has(found.paths[i]!) || looksSecret(e));
  const object = secretFile ? 'Secret' : 'ConfigMap';
  return {
    kind: 'content',
    object,
    name: uniqueObjectName(ctx, object, base),
    entries: found.entries,
    isFile,
    display,
    ...(secretFile ? { secretFile: secretFile.path } : {}),
  };
}

const SECRET_FILE_NAMES = /\.(key|p12|pfx|jks|keystore|kdbx)$|^id_(rsa|dsa|ecdsa|ed25519)$|^\.?(htpasswd|netrc|pgpass)$/i;

/**
 * Files that hold keys or passwords by their name or content: private keys and keystores,
 * htpasswd files, and names that read like a secret variable (db_password.txt, credentials.json).
 */
function looksSecret(entry: FileEntry): boolean {
  const name = basename(entry.path);
  if (SECRET_FILE_NAMES.test(name) || isSecretName(name.replace(/\.[^.]*$/, ''))) return true;
  return new TextDecoder().decode(entry.bytes.subarray(0, 64 * 1024)).includes('PRIVATE KEY-----');
}

interface Found {
  entries: FileEntry[];
  /** Absolute paths of the files, parallel to entries. */
  paths: string[];
  size: number;
  truncated: boolean;
}

function fileEntry(reader: FileReader, path: string, bytes: Uint8Array): Found {
  const name = basename(path);
  const key = isObjectKey(name) ? name : objectKey(name, new Set());
  return { entries: [{ key, path: key, bytes, ...modeOf(reader, path) }], paths: [path], size: bytes.length, truncated: false };
}

function modeOf(reader: FileReader, path: string): { mode?: number } {
  const mode = reader.stat?.(path)?.mode;
  return mode === undefined ? {} : { mode };
}

/** Every file below `dir` with its path relative to it; stops once more than an object can hold was read. */
function readTree(reader: FileReader, dir: string): Found | undefined {
  if (!reader.readDir?.(dir)) return undefined;
  const found: Found = { entries: [], paths: [], size: 0, truncated: false };
  const keys = new Set<string>();
  const walk = (abs: string, rel: string, depth: number): void => {
    for (const name of reader.readDir?.(abs) ?? []) {
      if (found.truncated) return;
      const path = `${abs}/${name}`;
      const relPath = rel ? `${rel}/${name}` : name;
      const bytes = readBytes(reader, path);
      if (bytes === undefined) {
        if (depth < MAX_DEPTH) walk(path, relPath, depth + 1);
        continue;
      }
      const key = isObjectKey(relPath) && !keys.has(relPath) ? relPath : objectKey(relPath.replace(/\//g, '_'), keys);
      keys.add(key);
      found.entries.push({ key, path: relPath, bytes, ...modeOf(reader, path) });
      found.paths.push(path);
      found.size += bytes.length + key.length;
      if (found.size > OBJECT_DATA_LIMIT || found.entries.length > MAX_FILES) found.truncated = true;
    }
  };
  walk(dir, '', 0);
  return found;
}

/** The ConfigMap or Secret of a content plan. */
export function emitBindObject(ctx: MapContext, plan: Extract<BindPlan, { kind: 'content' }>, loc: Loc): void {
  const metadata = { name: plan.name, labels: projectLabels(ctx) };
  const object =
    plan.object === 'Secret'
      ? new Secret({ metadata, type: 'Opaque', data: secretContent(plan.entries) })
      : new ConfigMap({ metadata, ...configMapContent(plan.entries) });
  const why =
    plan.object === 'Secret'
      ? `${plan.isFile ? plan.display : `${plan.display}/${plan.secretFile}`} may hold secrets (a key, password, env or compose file), so the content is kept in a Secret`
      : `the content of ${plan.display} at convert time: later edits on either side are not shared; convert again after changing it`;
  ctx.add(object.toJSON() as unknown as KubeObject, { what: `bind mount ${plan.display}`, loc }, [
    { path: ['metadata', 'name'], loc, key: 'services.volumes.bind', detail: why },
  ]);
}

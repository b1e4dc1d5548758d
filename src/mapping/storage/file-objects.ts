import type { FileReader } from '../../compose/host.js';
import type { IVolume } from 'kubernetes-models/v1/Volume';
import type { Loc } from '../../util/loc.js';
import type { MapContext, ServiceDraft } from '../context.js';
import { dnsLabel, labelValue } from '../names.js';
import { setOwn } from '../../util/own.js';

/**
 * What ConfigMaps and Secrets made from files have in common: reading the bytes, choosing between
 * text and binary, keys Kubernetes accepts, the size limit, and names that do not collide.
 */

/** The API server rejects a ConfigMap or Secret whose keys and values add up to more than 1 MiB. */
export const OBJECT_DATA_LIMIT = 1024 * 1024;

/** One file of an object: its key, and its path below the mount point when it differs from the key. */
export interface FileEntry {
  key: string;
  path: string;
  bytes: Uint8Array;
  /** Permission bits on the host, when the reader can tell (FileReader.stat). */
  mode?: number;
}

/** The bytes of a file: exact when the reader can give them, else the text it read. */
export function readBytes(reader: FileReader, path: string): Uint8Array | undefined {
  if (reader.readBytes) return reader.readBytes(path);
  const text = reader.readFile(path);
  return text === undefined ? undefined : utf8(text);
}

export function utf8(text: string): Uint8Array {
  return new TextEncoder().encode(text);
}

/**
 * The text of valid UTF-8 bytes; undefined for anything else, and for bytes with NUL in them,
 * which no text file has (the test git uses to tell binary files).
 */
export function utf8Text(bytes: Uint8Array): string | undefined {
  if (bytes.includes(0)) return undefined;
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    return undefined;
  }
}

export function base64(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

/** ConfigMap and Secret keys: letters, digits, '-', '_' and '.', at most 253, not `.` or `..`. */
export function isObjectKey(key: string): boolean {
  return /^[-._a-zA-Z0-9]{1,253}$/.test(key) && key !== '.' && key !== '..';
}

/** A valid key for `raw`, distinct from the keys already `taken`. */
export function objectKey(raw: string, taken: ReadonlySet<string>): string {
  let key = raw.replace(/[^-._a-zA-Z0-9]+/g, '_').slice(0, 240);
  if (key === '' || key === '.' || key === '..') key = 'file';
  let unique = key;
  for (let n = 2; taken.has(unique); n++) unique = `${key}-${n}`;
  return unique;
}

/** Size the API server counts against the limit: keys plus values. */
export function dataSize(entries: readonly FileEntry[]): number {
  return entries.reduce((n, e) => n + e.key.length + e.bytes.length, 0);
}

/** ConfigMap content: text under `data`, anything that is not UTF-8 base64-encoded under `binaryData`. */
export function configMapContent(entries: readonly FileEntry[]): { data?: Record<string, string>; binaryData?: Record<string, string> } {
  const data: Record<string, string> = {};
  const binaryData: Record<string, string> = {};
  for (const e of entries) {
    const text = utf8Text(e.bytes);
    if (text === undefined) setOwn(binaryData, e.key, base64(e.bytes));
    else setOwn(data, e.key, text);
  }
  return {
    ...(Object.keys(data).length > 0 ? { data } : {}),
    ...(Object.keys(binaryData).length > 0 ? { binaryData } : {}),
  };
}

/** Secret content: every value base64-encoded, so no text of it appears in the manifest. */
export function secretContent(entries: readonly FileEntry[]): Record<string, string> {
  return Object.fromEntries(entries.map((e) => [e.key, base64(e.bytes)]));
}

/** Compose's default permission for secrets and configs (world-readable), as Kubernetes' decimal mode. */
export const DEFAULT_FILE_MODE = 0o444;

export function octal(mode: number): string {
  return `0${mode.toString(8)}`;
}

const taken = new WeakMap<MapContext, Map<string, Set<string>>>();

function namesOf(ctx: MapContext, kind: ObjectKind): Set<string> {
  let byKind = taken.get(ctx);
  if (!byKind) taken.set(ctx, (byKind = new Map()));
  let names = byKind.get(kind);
  if (!names) byKind.set(kind, (names = new Set()));
  return names;
}

type ObjectKind = 'ConfigMap' | 'Secret' | 'PersistentVolumeClaim';

/**
 * A DNS label for a new object of `kind`, unique among the ConfigMaps (or Secrets, or claims) this
 * mapping made or refers to: `base`, else `base-2`, `base-3`...
 */
export function uniqueObjectName(ctx: MapContext, kind: ObjectKind, base: string): string {
  const names = namesOf(ctx, kind);
  if (kind === 'PersistentVolumeClaim') for (const claim of ctx.claimNames.values()) names.add(claim);
  const label = dnsLabel(base);
  let name = label;
  for (let n = 2; names.has(name); n++) name = `${dnsLabel(label, 63 - String(n).length - 1)}-${n}`;
  names.add(name);
  return name;
}

const owners = new WeakMap<MapContext, Map<string, { raw: string; what: string }>>();

/**
 * The name of the object made from a top-level compose element (`what`: `volume "db_data"`),
 * from `raw`, the name the file gives it. Users look for the object by that name: a `name-changed`
 * warning says when it differs, and two elements whose names become the same are an error.
 */
export function elementObjectName(ctx: MapContext, kind: ObjectKind, what: string, raw: string, loc: Loc): string {
  const label = dnsLabel(raw);
  const byLabel = owners.get(ctx) ?? new Map<string, { raw: string; what: string }>();
  owners.set(ctx, byLabel);
  const owner = byLabel.get(`${kind}/${label}`);
  const name = uniqueObjectName(ctx, kind, raw);
  if (owner && owner.raw !== raw) {
    ctx.diags.error('name-collision', `${owner.what} and ${what} both become the ${kind} "${label}" in Kubernetes`, loc, 'rename one of them in the compose file');
    return name;
  }
  byLabel.set(`${kind}/${label}`, { raw, what });
  if (name === raw) return name;
  const why =
    label === raw ? `"${raw}" is already the name of another ${kind} of the project` : "names must be lower-case letters, digits and '-', at most 63 characters";
  ctx.diags.warn('name-changed', `${what} is the ${kind} "${name}" in Kubernetes (${why})`, loc, `look for the ${kind} "${name}" in the cluster`);
  return name;
}

/** An existing object the pods refer to: no new object may take its name. */
export function reserveObjectName(ctx: MapContext, kind: ObjectKind, name: string): void {
  namesOf(ctx, kind).add(name);
}

/** A name for a pod volume that no other volume of the draft uses. */
export function podVolumeName(draft: ServiceDraft, base: string): string {
  const used = new Set((draft.pod.volumes ?? []).map((v) => v.name));
  const label = dnsLabel(base);
  let name = label;
  for (let n = 2; used.has(name); n++) name = `${dnsLabel(label, 63 - String(n).length - 1)}-${n}`;
  return name;
}

export function addPodVolume(draft: ServiceDraft, volume: IVolume): void {
  draft.pod.volumes = [...(draft.pod.volumes ?? []), volume];
}

/** Labels of objects that belong to the project rather than to one service. */
export function projectLabels(ctx: MapContext): Record<string, string> {
  return { 'app.kubernetes.io/part-of': labelValue(ctx.project.name), 'app.kubernetes.io/managed-by': 'compose2kube' };
}

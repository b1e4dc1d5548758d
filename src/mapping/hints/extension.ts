import type { ErrorObject, ValidateFunction } from 'ajv';
import type { Diagnostics } from '../../diagnostics/diagnostic.js';
import type { Project, Service, VolumeDef } from '../../compose/model.js';
import { at, entry, get, isMap, isScalar, isSeq, locAt, toPlain, type YMap, type YNode } from '../../compose/tree.js';
import type { Loc } from '../../util/loc.js';
import { closest } from '../../util/suggest.js';
import { readKomposeLabels } from './kompose-labels.js';
import { imageReferenceProblem } from '../../util/image-reference.js';
import * as compiled from './extension-validators.generated.js';

/**
 * What the user asked for that Compose cannot say: the `x-kubernetes` extension of a service or a
 * volume, and the `kompose.*` labels that Kompose users already wrote. Transforms read the typed
 * hints; this module is the only place that parses and validates them.
 */

export type { AccessMode, AutoscalingHint, ClaimHints, HelperImages, Hint, IngressHint, IngressRule, KubeHints, MountHints, ProjectHints, VolumeHints } from './hint-types.js';
import type { AccessMode, AutoscalingHint, ClaimHints, HelperImages, Hint, IngressHint, KubeHints, MountHints, ProjectHints, VolumeHints } from './hint-types.js';
import type { BindChoice, ServiceType, WorkloadKind } from '../context.js';

// Compiled ahead of time from extension-schema.ts (extension-compile.ts, `npm run schemas`), with
// types coerced: values may be strings after interpolation ("3"), and one item may stand for a list.
const validateService = compiled.validateService as unknown as ValidateFunction;
const validateVolume = compiled.validateVolume as unknown as ValidateFunction;
const validateMount = compiled.validateMount as unknown as ValidateFunction;
const validateProject = compiled.validateProject as unknown as ValidateFunction;

interface Cached<T> {
  diags: Diagnostics;
  hints: T;
}
const serviceCache = new WeakMap<Service, Cached<KubeHints>>();
const volumeCache = new WeakMap<VolumeDef, Cached<VolumeHints>>();
const mountCache = new WeakMap<YNode, Cached<MountHints>>();
const projectCache = new WeakMap<Project, Cached<ProjectHints>>();

/**
 * The hints of one service. Every transform may call it: diagnostics are reported once per
 * Diagnostics collector, later calls return the same object.
 */
export function serviceHints(svc: Service, diags: Diagnostics): KubeHints {
  const cached = serviceCache.get(svc);
  if (cached?.diags === diags) return cached.hints;
  const hints: KubeHints = { claims: {} };
  const sink = new Sink(diags, `service "${svc.name}"`);
  readKomposeLabels(svc, hints, (message, loc, hint) => sink.warn(message, loc, hint));
  const xk = entry(svc.node, 'x-kubernetes');
  if (xk) readServiceExtension(xk.value, hints, sink);
  serviceCache.set(svc, { diags, hints });
  return hints;
}

/**
 * The hints of one top-level volume. `root` (the project's merged tree) gives errors the exact
 * position inside the extension; without it they point at the volume.
 */
export function volumeHints(vol: VolumeDef, diags: Diagnostics, root?: YMap): VolumeHints {
  const cached = volumeCache.get(vol);
  if (cached?.diags === diags) return cached.hints;
  const hints: VolumeHints = {};
  const node = root ? at(root, 'volumes', vol.name) : undefined;
  const xkNode = isMap(node) ? get(node, 'x-kubernetes') : undefined;
  const sink = new Sink(diags, `volume "${vol.name}"`);
  if (vol.xKubernetes !== undefined) {
    const located = xkNode ?? { kind: 'scalar' as const, value: null, loc: vol.loc };
    const { data, invalid } = validated(validateVolume, vol.xKubernetes, located, sink);
    if (data && invalid.length === 0) readClaims(data, located, hints, 'volumes.x-kubernetes');
  }
  volumeCache.set(vol, { diags, hints });
  return hints;
}

/** The hints of the project's top-level `x-kubernetes`. */
export function projectHints(project: Project, diags: Diagnostics): ProjectHints {
  const cached = projectCache.get(project);
  if (cached?.diags === diags) return cached.hints;
  const hints: ProjectHints = {};
  const xk = entry(project.node, 'x-kubernetes');
  if (xk) {
    const sink = new Sink(diags, `project "${project.name}"`);
    const { data, invalid } = validated(validateProject, toPlain(xk.value), xk.value, sink);
    const images = data?.helperImages as HelperImages | undefined;
    if (images && invalid.length === 0 && checkImages(images, xk.value, sink)) {
      hints.helperImages = { value: images, loc: keyLocIn(xk.value, ['helperImages']), key: 'x-kubernetes.helperImages', from: 'x-kubernetes.helperImages' };
    }
  }
  projectCache.set(project, { diags, hints });
  return hints;
}

/** Helper images must be references a kubelet can pull; true when they are. */
function checkImages(images: HelperImages, node: YNode, sink: Sink): boolean {
  let ok = true;
  for (const [which, image] of Object.entries(images)) {
    const problem = imageReferenceProblem(image as string);
    if (!problem) continue;
    sink.error(`x-kubernetes.helperImages.${which}: ${JSON.stringify(image)} is not a valid image reference: ${problem}`, valueLocIn(node, ['helperImages', which]));
    ok = false;
  }
  return ok;
}

/**
 * The hints of one mount of a service, by the mount's item in the service's `volumes` (the long
 * syntax is the only one that can carry an extension).
 */
export function mountHints(svc: Service, item: YNode, diags: Diagnostics): MountHints {
  const cached = mountCache.get(item);
  if (cached?.diags === diags) return cached.hints;
  const hints: MountHints = { claims: {} };
  const xk = isMap(item) ? get(item, 'x-kubernetes') : undefined;
  if (xk) {
    const sink = new Sink(diags, `service "${svc.name}"`);
    const type = get(item, 'type');
    if (!isScalar(type) || type.value !== 'bind') {
      sink.error('x-kubernetes on a mount only applies to a bind mount', locAt(item, 'x-kubernetes'), 'set the claim settings of a named volume in its own x-kubernetes, under the top-level volumes');
    } else {
      const { data, invalid } = validated(validateMount, toPlain(xk), xk, sink);
      if (data && invalid.length === 0) {
        if (typeof data.bindMount === 'string') hints.bindMount = { value: data.bindMount as BindChoice, loc: keyLocIn(xk, ['bindMount']), key: 'services.volumes.x-kubernetes', from: 'x-kubernetes.bindMount' };
        readClaims(data, xk, hints.claims, 'services.volumes.x-kubernetes');
      }
    }
  }
  mountCache.set(item, { diags, hints });
  return hints;
}

/** Every service's, mount's and volume's hints, so their diagnostics appear whether or not a transform asks. */
export function readAllHints(project: Project, diags: Diagnostics): void {
  projectHints(project, diags);
  for (const svc of Object.values(project.services)) {
    serviceHints(svc, diags);
    const volumes = get(svc.node, 'volumes');
    if (isSeq(volumes)) for (const item of volumes.items) mountHints(svc, item, diags);
  }
  for (const vol of Object.values(project.volumes)) volumeHints(vol, diags, project.node);
}

/** Labels Kompose reads; they stay ordinary labels too, so transforms can leave them alone. */
export function isKomposeLabel(name: string): boolean {
  return name.startsWith('kompose.');
}

// --- x-kubernetes --------------------------------------------------------------------------

type Data = Record<string, unknown>;

function readServiceExtension(node: YNode, hints: KubeHints, sink: Sink): void {
  const { data, invalid } = validated(validateService, toPlain(node), node, sink);
  if (!data) return;
  const valid = (path: string) => !invalid.some((p) => p === path || p.startsWith(`${path}/`));
  const imagesOk = !data.helperImages || !valid('/helperImages') || checkImages(data.helperImages as HelperImages, node, sink);
  const consistent = checkConsistency(data, valid, node, hints, sink) && imagesOk;
  // An extension with a mistake gives no hints: converting half of what was asked would mislead.
  if (invalid.length > 0 || !consistent) return;
  const hint = <T>(path: string[], value: T): Hint<T> => ({
    value,
    loc: keyLocIn(node, path),
    key: `services.x-kubernetes.${path[0]}`,
    from: `x-kubernetes.${path.join('.')}`,
  });
  if (typeof data.workload === 'string') {
    hints.workload = hint(['workload'], data.workload as WorkloadKind);
    // The extension overrides the labels: a kompose.cronjob.schedule means nothing to another kind.
    if (hints.schedule?.from.startsWith('label') && data.workload !== 'CronJob') delete hints.schedule;
  }
  if (typeof data.schedule === 'string') {
    hints.schedule = hint(['schedule'], data.schedule);
    // A schedule alone is enough to ask for a CronJob.
    if (!hints.workload || hints.workload.from.startsWith('label')) hints.workload = hint(['schedule'], 'CronJob');
  }
  const expose = data.expose as Data | undefined;
  if (expose) {
    if (typeof expose.type === 'string') hints.serviceType = hint(['expose', 'type'], expose.type as ServiceType);
    if (typeof expose.headless === 'boolean') hints.headless = hint(['expose', 'headless'], expose.headless);
    if (typeof expose.nodePort === 'number') hints.nodePort = hint(['expose', 'nodePort'], expose.nodePort);
  }
  const ingress = data.ingress as Data | undefined;
  if (ingress) {
    const path = (ingress.path as string | undefined) ?? '/';
    const hosts = (ingress.host as string[] | undefined) ?? [];
    const value: IngressHint = { rules: hosts.length > 0 ? hosts.map((host) => ({ host, path })) : [{ path }] };
    if (typeof ingress.tlsSecret === 'string') value.tlsSecret = ingress.tlsSecret;
    if (typeof ingress.className === 'string') value.className = ingress.className;
    if (typeof ingress.port === 'number') value.port = ingress.port;
    hints.ingress = hint(['ingress'], value);
  }
  const scaling = data.autoscaling as Data | undefined;
  if (scaling) {
    const value: AutoscalingHint = { minReplicas: (scaling.minReplicas as number | undefined) ?? 1, maxReplicas: scaling.maxReplicas as number };
    if (typeof scaling.cpu === 'number') value.cpu = scaling.cpu;
    if (typeof scaling.memory === 'number') value.memory = scaling.memory;
    hints.autoscaling = hint(['autoscaling'], value);
  }
  if (Array.isArray(data.imagePullSecrets)) hints.imagePullSecrets = hint(['imagePullSecrets'], data.imagePullSecrets as string[]);
  if (typeof data.serviceAccountName === 'string') hints.serviceAccountName = hint(['serviceAccountName'], data.serviceAccountName);
  if (data.labels) hints.labels = hint(['labels'], data.labels as Record<string, string>);
  if (data.annotations) hints.annotations = hint(['annotations'], data.annotations as Record<string, string>);
  if (data.storage) readClaims(data.storage as Data, at(node, 'storage') ?? node, hints.claims, 'services.x-kubernetes.storage', 'storage.');
  if (data.bindMounts !== undefined) hints.bindMounts = hint(['bindMounts'], data.bindMounts as BindChoice | Record<string, BindChoice>);
  if (data.helperImages) hints.helperImages = hint(['helperImages'], data.helperImages as HelperImages);
}

function readClaims(data: Data, node: YNode, out: ClaimHints, key: string, prefix = ''): void {
  const hint = <T>(name: string, value: T): Hint<T> => ({ value, loc: keyLocIn(node, [name]), key, from: `x-kubernetes.${prefix}${name}` });
  if (typeof data.size === 'string') out.size = hint('size', data.size);
  if (typeof data.storageClassName === 'string') out.storageClassName = hint('storageClassName', data.storageClassName);
  if (Array.isArray(data.accessModes)) out.accessModes = hint('accessModes', data.accessModes as AccessMode[]);
}

/**
 * What the schema cannot say: a CronJob needs a schedule (from x-kubernetes or a kompose label), a
 * schedule means nothing to another kind, and autoscaling needs min <= max. Checked on the parts
 * the schema found valid, so every mistake is reported at once. True when there is none.
 */
function checkConsistency(data: Data, valid: (path: string) => boolean, node: YNode, hints: KubeHints, sink: Sink): boolean {
  let ok = true;
  const error = (message: string, path: string[], hint?: string) => {
    sink.error(message, keyLocIn(node, path), hint);
    ok = false;
  };
  if (valid('/workload') && valid('/schedule')) {
    const { workload, schedule } = data;
    if (workload === 'CronJob' && schedule === undefined && !hints.schedule) {
      error('x-kubernetes.workload: a CronJob needs a schedule', ['workload'], 'add `schedule: "<cron expression>"` to x-kubernetes, e.g. "0 3 * * *"');
    } else if (schedule !== undefined && workload !== undefined && workload !== 'CronJob') {
      error(`x-kubernetes.schedule: a schedule only applies to a CronJob, but the workload is a ${String(workload)}`, ['schedule'], 'remove the schedule, or set `workload: CronJob`');
    }
  }
  const scaling = data.autoscaling as Data | undefined;
  if (scaling && valid('/autoscaling')) {
    const min = (scaling.minReplicas as number | undefined) ?? 1;
    const max = scaling.maxReplicas as number;
    if (min > max) error(`x-kubernetes.autoscaling.minReplicas (${min}) is larger than maxReplicas (${max})`, ['autoscaling', 'minReplicas']);
  }
  return ok;
}

/**
 * Validate a copy of `data` (coercion rewrites it); errors point into `node`. Returns the coerced
 * data when it is a mapping, and the positions (JSON pointers) of the values at fault.
 */
function validated(validate: typeof validateService, data: unknown, node: YNode, sink: Sink): { data?: Data; invalid: string[] } {
  const copy = structuredClone(data);
  const ok = validate(copy);
  const errors = ok ? [] : relevantErrors(validate.errors ?? []);
  for (const err of errors) {
    const { message, loc, hint } = describe(err, node);
    sink.error(message, loc, hint);
  }
  const invalid = errors.map((e) => e.instancePath);
  return copy !== null && typeof copy === 'object' && !Array.isArray(copy) ? { data: copy as Data, invalid } : { invalid };
}

/**
 * Ajv reports, for a value that fails, every branch it tried; keep the most specific error per
 * position so users see one message for one mistake.
 */
function relevantErrors(errors: ErrorObject[]): ErrorObject[] {
  const byPath = new Map<string, ErrorObject>();
  for (const e of errors) {
    // The propertyNames error says which key; the error inside it repeats it without saying so.
    if (e.propertyName !== undefined) continue;
    // An if/then/else failure repeats the error of the branch that failed.
    if (e.keyword === 'if') continue;
    const params = e.params as { additionalProperty?: string; propertyName?: string };
    const key = params.additionalProperty ?? params.propertyName;
    const path = key === undefined ? e.instancePath : `${e.instancePath}/${key}`;
    if (!byPath.has(path)) byPath.set(path, e);
  }
  return [...byPath.values()];
}

function describe(err: ErrorObject, root: YNode): { message: string; loc: Loc; hint?: string } {
  const path = err.instancePath.split('/').slice(1).map(decodePointer);
  const where = ['x-kubernetes', ...path.filter((p) => !/^\d+$/.test(p))].join('.');
  const description = (err.parentSchema as { description?: string } | undefined)?.description;
  const got = JSON.stringify(err.data);
  switch (err.keyword) {
    case 'additionalProperties': {
      const key = (err.params as { additionalProperty: string }).additionalProperty;
      const allowed = Object.keys((err.parentSchema as { properties?: object }).properties ?? {});
      const suggestion = closest(key, allowed);
      return {
        message: `${where}: unknown key "${key}"${suggestion ? ` (did you mean "${suggestion}"?)` : ''}`,
        loc: keyLocIn(root, [...path, key]),
        hint: `allowed keys: ${allowed.join(', ')}`,
      };
    }
    case 'required': {
      const missing = (err.params as { missingProperty: string }).missingProperty;
      return { message: `${where}: "${missing}" is required`, loc: valueLocIn(root, path), ...(description ? { hint: description } : {}) };
    }
    case 'propertyNames': {
      const key = (err.params as { propertyName: string }).propertyName;
      const names = (err.parentSchema as { propertyNames?: { description?: string } } | undefined)?.propertyNames?.description;
      return {
        message: `${where}: "${key}" is not a valid key`,
        loc: keyLocIn(root, [...path, key]),
        hint: names ? `keys are ${names}` : 'keys are an optional DNS prefix and "/", then at most 63 letters, digits, "-", "_" and ".", e.g. example.com/team',
      };
    }
    case 'pattern':
      return { message: `${where}: ${got} is not ${description ?? 'valid'}`, loc: valueLocIn(root, path) };
    case 'enum':
      return {
        message: `${where} must be one of ${(err.params as { allowedValues: unknown[] }).allowedValues.join(', ')}, got ${got}`,
        loc: valueLocIn(root, path),
      };
    default:
      return { message: `${where} ${err.message ?? 'is invalid'}, got ${got}`, loc: valueLocIn(root, path), ...(description ? { hint: description } : {}) };
  }
}

function decodePointer(s: string): string {
  return s.replace(/~1/g, '/').replace(/~0/g, '~');
}

/** Where the value at `path` was written; a list index on a single value means that value. */
function valueLocIn(node: YNode, path: string[]): Loc {
  let cur = node;
  for (const p of path) {
    const next: YNode | undefined = /^\d+$/.test(p) ? (isSeq(cur) ? cur.items[Number(p)] : cur) : get(cur, p);
    if (!next) break;
    cur = next;
  }
  return cur.loc;
}

/** Where the key at the end of `path` was written (its value's position when it is a list item). */
function keyLocIn(node: YNode, path: string[]): Loc {
  return locAt(node, ...path.map((p) => (/^\d+$/.test(p) ? Number(p) : p)));
}

// --- helpers -------------------------------------------------------------------------------

/** Diagnostics of one element, prefixed with what it is. */
class Sink {
  constructor(
    readonly diags: Diagnostics,
    readonly subject: string,
  ) {}

  error(message: string, loc: Loc, hint?: string): void {
    this.diags.error('x-kubernetes', `${this.subject}: ${message}`, loc, hint);
  }

  warn(message: string, loc: Loc, hint?: string): void {
    this.diags.warn('kompose-label', `${this.subject}: ${message}`, loc, hint);
  }
}

import { ConfigMap, Secret } from '../kube-models.js';
import type { IVolume } from 'kubernetes-models/v1/Volume';
import type { FileReference, SecretDef } from '../../compose/model.js';
import { at, entry, locAt } from '../../compose/tree.js';
import { note, type KubeObject, type MapContext, type Note, type ServiceDraft } from '../context.js';
import { secretValues } from '../secret-values.js';
import {
  DEFAULT_FILE_MODE,
  OBJECT_DATA_LIMIT,
  addPodVolume,
  configMapContent,
  dataSize,
  elementObjectName,
  objectKey,
  octal,
  podVolumeName,
  projectLabels,
  readBytes,
  reserveObjectName,
  secretContent,
  uniqueObjectName,
  utf8,
  type FileEntry,
} from './file-objects.js';

/**
 * Compose `secrets` and `configs`: one Secret or ConfigMap per top-level entry (made when a
 * service first uses it), mounted as files.
 */

export type FileSection = 'secrets' | 'configs';

/** The object that holds one compose secret or config, and the key its content is under. */
export interface MountableObject {
  kind: 'Secret' | 'ConfigMap';
  name: string;
  key: string;
  external: boolean;
}

const made = new WeakMap<MapContext, Map<string, MountableObject>>();

const KIND: Record<FileSection, MountableObject['kind']> = { secrets: 'Secret', configs: 'ConfigMap' };
const WHAT: Record<FileSection, string> = { secrets: 'secret', configs: 'config' };

export function composeFileObject(ctx: MapContext, section: FileSection, def: SecretDef): MountableObject {
  let bySection = made.get(ctx);
  if (!bySection) {
    made.set(ctx, (bySection = new Map()));
    reserveExternalNames(ctx);
  }
  const id = `${section}/${def.name}`;
  const known = bySection.get(id);
  if (known) return known;
  const kind = !def.external && holdsSecret(ctx, section, def) ? 'Secret' : KIND[section];
  const key = objectKey(def.name, new Set());
  const obj: MountableObject = def.external
    ? externalObject(ctx, section, def, key)
    : { kind, name: elementObjectName(ctx, kind, `${WHAT[section]} "${def.name}"`, def.externalName ?? def.name, def.loc), key, external: false };
  if (!def.external) emitObject(ctx, section, def, obj);
  bySection.set(id, obj);
  return obj;
}

/** Objects made here never take the name of an existing one the pods also use. */
function reserveExternalNames(ctx: MapContext): void {
  for (const section of ['secrets', 'configs'] as const) {
    for (const def of Object.values(ctx.project[section])) {
      const wanted = def.externalName ?? def.name;
      if (def.external && isSubdomain(wanted)) reserveObjectName(ctx, KIND[section], wanted);
    }
  }
}

function isSubdomain(name: string): boolean {
  return /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/.test(name) && name.length <= 253;
}

/** An external secret or config is an object someone creates by hand; the pod needs its name and key. */
function externalObject(ctx: MapContext, section: FileSection, def: SecretDef, key: string): MountableObject {
  const kind = KIND[section];
  const wanted = def.externalName ?? def.name;
  const valid = isSubdomain(wanted);
  const name = valid ? wanted : uniqueObjectName(ctx, kind, wanted);
  const create =
    kind === 'Secret' ? `kubectl create secret generic ${name} --from-file=${key}=<file>` : `kubectl create configmap ${name} --from-file=${key}=<file>`;
  ctx.diags.warn(
    'external-object',
    `${WHAT[section]} "${def.name}" is external: the pods mount the existing ${kind} "${name}" (key "${key}"), which compose2kube does not create${valid ? '' : ` ("${wanted}" is not a valid Kubernetes name)`}`,
    def.loc,
    `create it in the namespace before deploying: ${create}`,
  );
  return { kind, name, key, external: true };
}

/**
 * A config whose content is a secret (it comes from a secret variable, or interpolates one) goes
 * to a Secret: a ConfigMap is readable by anyone who may read the namespace's configuration.
 */
function holdsSecret(ctx: MapContext, section: FileSection, def: SecretDef): boolean {
  if (section !== 'configs') return false;
  const secrets = secretValues(ctx);
  if (!secrets.enabled) return false;
  const content = secrets.taintedScalars(at(ctx.project.node, 'configs', def.name, 'content'));
  secrets.markHandled(content);
  return content.length > 0 || (def.environment !== undefined && secrets.isSecretVariable(def.environment));
}

const SOURCE_DETAIL = {
  file: "the file's bytes, base64-encoded",
  environment: 'the value the variable had at convert time, base64-encoded',
  content: 'the inline content, base64-encoded',
} as const;

function emitObject(ctx: MapContext, section: FileSection, def: SecretDef, obj: MountableObject): void {
  const source = def.file !== undefined ? 'file' : def.environment !== undefined ? 'environment' : 'content';
  const sourceLoc = locAt(ctx.project.node, section, def.name, source);
  const fromFile = def.file !== undefined && ctx.options.reader ? readBytes(ctx.options.reader, def.file) : undefined;
  // A missing file or an unset variable was reported by the loader; Compose would mount an empty file.
  const bytes = fromFile ?? utf8(def.data ?? '');
  const entries: FileEntry[] = [{ key: obj.key, path: obj.key, bytes }];
  if (dataSize(entries) > OBJECT_DATA_LIMIT) {
    ctx.diags.warn(
      'too-large',
      `${WHAT[section]} "${def.name}" is ${bytes.length} bytes: the API server rejects a ${obj.kind} over 1 MiB`,
      sourceLoc,
      'mount it from a volume instead, or make it smaller',
    );
  }
  const metadata = { name: obj.name, labels: projectLabels(ctx) };
  const notes: Note[] = [
    section === 'configs' && obj.kind === 'Secret'
      ? { path: ['metadata', 'name'], loc: def.loc, key: section, detail: 'a Secret, not a ConfigMap: the content is made from a secret' }
      : { path: ['metadata', 'name'], loc: def.loc, key: section },
  ];
  let object: KubeObject;
  if (obj.kind === 'Secret') {
    object = new Secret({ metadata, type: 'Opaque', data: secretContent(entries) }).toJSON() as unknown as KubeObject;
    notes.push({ path: ['data'], loc: sourceLoc, key: section, detail: SOURCE_DETAIL[source] });
  } else {
    const content = configMapContent(entries);
    object = new ConfigMap({ metadata, ...content }).toJSON() as unknown as KubeObject;
    if (content.binaryData) notes.push({ path: ['binaryData'], loc: sourceLoc, key: section, detail: 'not UTF-8 text, so stored base64-encoded' });
  }
  ctx.add(object, { what: `${WHAT[section]} "${def.name}"`, loc: def.loc }, notes);
}

/** The top-level definition a service's reference names; an error when there is none. */
export function referencedDef(draft: ServiceDraft, ctx: MapContext, section: FileSection, ref: FileReference): SecretDef | undefined {
  const def = ctx.project[section][ref.source];
  if (!def) {
    ctx.diags.error(
      'undefined-reference',
      `service "${draft.service.name}" uses ${WHAT[section]} "${ref.source}", which is not declared under the top-level ${section}`,
      ref.loc,
      `add \`${ref.source}:\` under \`${section}:\` with a file, environment${section === 'configs' ? ', content' : ''} or external source`,
    );
  }
  return def;
}

/** Kubernetes file modes are 0 to 0777; Compose's default for secrets and configs is 0444. */
export function fileMode(draft: ServiceDraft, ctx: MapContext, section: FileSection, ref: FileReference): number {
  if (ref.mode === undefined) return DEFAULT_FILE_MODE;
  if (Number.isInteger(ref.mode) && ref.mode >= 0 && ref.mode <= 0o777) return ref.mode;
  ctx.diags.warn(
    'approximate',
    `service "${draft.service.name}": mode ${ref.mode} of ${WHAT[section]} "${ref.source}" is not a file permission (0 to 0777); 0444 is used`,
    ref.loc,
    'write the mode in octal as a string ("0440") or with 0o (0o440)',
  );
  return DEFAULT_FILE_MODE;
}

/**
 * One file at an absolute path: a volume with the object and a subPath mount, so the directory
 * around it keeps the image's files (as with the bind mount Compose uses). A subPath mount does
 * not see later changes to the object; Compose does not update a running container's file either.
 */
export function mountSingleFile(
  draft: ServiceDraft,
  obj: MountableObject,
  target: string,
  mode: number,
  loc: FileReference['loc'],
  key: string,
  detail: string,
): void {
  const name = podVolumeName(draft, `${obj.kind === 'Secret' ? 'secret' : 'config'}-${obj.name}`);
  const volume: IVolume =
    obj.kind === 'Secret'
      ? { name, secret: { secretName: obj.name, defaultMode: mode } }
      : { name, configMap: { name: obj.name, defaultMode: mode } };
  addPodVolume(draft, volume);
  const mounts = (draft.container.volumeMounts ??= []);
  note(draft, 'container', ['volumeMounts', mounts.length], loc, key, `${detail}; mode ${octal(mode)}`);
  mounts.push({ name, mountPath: target, subPath: obj.key, readOnly: true });
}

/** Whether a service key is written at all (an empty list still counts as handled). */
export function hasKey(draft: ServiceDraft, key: string): boolean {
  return entry(draft.service.node, key) !== undefined;
}

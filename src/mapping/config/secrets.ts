import type { IKeyToPath } from 'kubernetes-models/v1/KeyToPath';
import type { ISecretProjection } from 'kubernetes-models/v1/SecretProjection';
import { keyLoc } from '../workloads/container.js';
import { note, type ServiceTransform } from '../context.js';
import { DEFAULT_FILE_MODE, addPodVolume, octal, podVolumeName } from '../storage/file-objects.js';
import { composeFileObject, fileMode, hasKey, mountSingleFile, referencedDef } from '../storage/file-mounts.js';

const RUN_SECRETS = '/run/secrets';

/**
 * secrets -> one Secret per compose secret; the files a service gets under /run/secrets come from
 * ONE projected volume mounted there. A projected volume puts files of several Secrets side by
 * side in one directory (Compose's layout) and, unlike subPath mounts, keeps receiving updates of
 * the Secrets. A secret with an absolute target elsewhere gets its own subPath mount, so the
 * directory it lands in keeps the image's other files.
 */
export const mapSecrets: ServiceTransform = (draft, ctx) => {
  if (!hasKey(draft, 'secrets')) return;
  draft.consumed.add('secrets');
  const sources: { secret: ISecretProjection & { items: IKeyToPath[] } }[] = [];
  const itemNotes: { source: number; item: number; loc: typeof draft.service.loc; detail: string }[] = [];
  const paths = new Set<string>();
  for (const ref of draft.service.secrets) {
    const def = referencedDef(draft, ctx, 'secrets', ref);
    if (!def) continue;
    const obj = composeFileObject(ctx, 'secrets', def);
    const mode = fileMode(draft, ctx, 'secrets', ref);
    const source = obj.external ? `the existing Secret ${obj.name}` : `Secret ${obj.name}`;
    const path = pathUnderRunSecrets(ref.target);
    if (path === undefined) {
      mountSingleFile(draft, obj, ref.target, mode, ref.loc, 'services.secrets', `${source} at ${ref.target}`);
      continue;
    }
    if (!isRelativeFilePath(path) || paths.has(path)) {
      ctx.diags.warn(
        'unsupported',
        `service "${draft.service.name}": secret "${ref.source}" cannot be mounted at ${RUN_SECRETS}/${path}: ${paths.has(path) ? 'another secret already uses that file' : 'the path leaves the directory'}`,
        ref.loc,
        'give each secret its own target file name',
      );
      continue;
    }
    paths.add(path);
    let index = sources.findIndex((s) => s.secret.name === obj.name);
    if (index < 0) index = sources.push({ secret: { name: obj.name, items: [] } }) - 1;
    const items = sources[index]!.secret.items;
    itemNotes.push({ source: index, item: items.length, loc: ref.loc, detail: `${source} -> ${RUN_SECRETS}/${path}, mode ${octal(mode)}` });
    items.push({ key: obj.key, path, ...(mode !== DEFAULT_FILE_MODE ? { mode } : {}) });
  }
  if (sources.length === 0) return;
  const name = podVolumeName(draft, 'run-secrets');
  const volumeIndex = draft.pod.volumes?.length ?? 0;
  addPodVolume(draft, { name, projected: { defaultMode: DEFAULT_FILE_MODE, sources } });
  for (const n of itemNotes) {
    note(draft, 'pod', ['volumes', volumeIndex, 'projected', 'sources', n.source, 'secret', 'items', n.item], n.loc, 'services.secrets', n.detail);
  }
  const mounts = (draft.container.volumeMounts ??= []);
  note(draft, 'container', ['volumeMounts', mounts.length], keyLoc(draft, 'secrets'), 'services.secrets', 'one projected volume: every secret side by side, updated when its Secret changes');
  mounts.push({ name, mountPath: RUN_SECRETS, readOnly: true });
};

/** A target relative to /run/secrets (Compose's default), or undefined for an absolute path elsewhere. */
function pathUnderRunSecrets(target: string): string | undefined {
  if (!target.startsWith('/')) return target;
  return target.startsWith(`${RUN_SECRETS}/`) ? target.slice(RUN_SECRETS.length + 1) : undefined;
}

function isRelativeFilePath(path: string): boolean {
  return path !== '' && !path.startsWith('/') && !path.split('/').some((p) => p === '..' || p === '' || p === '.');
}


import type { KubeObject, MappedObject, Note } from '../../mapping/context.js';
import { objectFileName } from '../layouts/files.js';
import { KUSTOMIZATION_FILE, kustomizeLayout } from '../layouts/kustomize.js';
import type { LayoutOptions } from '../layouts/types.js';
import { writeYaml, type FieldComment } from '../yaml-writer.js';
import { annotationLevel, emitDocuments, type EmitContext, type OutputFile } from '../yaml.js';
import { diffJson, type LocatedOp } from './json-patch.js';

/** One override file's conversion: `-f <base files> -f FILE`. */
export interface Overlay {
  name: string;
  /** The override file as the user named it. */
  file: string;
  mapped: readonly MappedObject[];
  context?: EmitContext;
}

const MANAGED = 'app.kubernetes.io/managed-by: compose2kube';
const id = (o: KubeObject): string => `${o.kind}/${o.metadata.name}`;

/** An overlay name is a directory name: a DNS label, as Kustomize users name environments. */
export function isOverlayName(name: string): boolean {
  return /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/.test(name) && name.length <= 63;
}

/**
 * `base/` (the kustomize layout of the base conversion) and `overlays/<name>/` for each override
 * file: the new objects as resources, a JSON patch (RFC 6902) for each object the file changes,
 * a `$patch: delete` for each it removes. `kubectl kustomize overlays/<name>` builds exactly the
 * conversion of the merged files: JSON patches say precisely what changes, where a strategic
 * merge would merge lists by keys Kubernetes picks.
 */
export function kustomizeOverlays(base: readonly MappedObject[], overlays: readonly Overlay[], options: LayoutOptions, context?: EmitContext): OutputFile[] {
  const files = kustomizeLayout(base, options, context).map((f) => ({ ...f, path: `base/${f.path}` }));
  for (const overlay of overlays) files.push(...overlayFiles(base, overlay, options).map((f) => ({ ...f, path: `overlays/${overlay.name}/${f.path}` })));
  return files;
}

function overlayFiles(base: readonly MappedObject[], overlay: Overlay, options: LayoutOptions): OutputFile[] {
  const level = annotationLevel(options);
  const before = new Map(base.map((m) => [id(m.object), m]));
  const after = new Map(overlay.mapped.map((m) => [id(m.object), m]));
  const added = overlay.mapped.filter((m) => !before.has(id(m.object)));
  const removed = base.filter((m) => !after.has(id(m.object)));
  const files: OutputFile[] = [];
  const resources = ['../../base'];
  const patches: { path: string; target?: Record<string, string> }[] = [];
  for (const d of emitDocuments(added, options, overlay.context ?? {})) {
    const path = objectFileName(d.mapped.object);
    resources.push(path);
    files.push({ path, content: d.text });
  }
  for (const m of overlay.mapped) {
    const old = before.get(id(m.object));
    if (!old) continue;
    const ops = diffJson(old.object, m.object);
    if (ops.length === 0) continue;
    const path = `patches/${m.object.metadata.name}-${m.object.kind.toLowerCase()}.yaml`;
    patches.push({ path, target: target(m.object) });
    files.push({ path, content: patchText(m, ops, overlay.file, level) });
  }
  for (const m of removed) {
    const path = `patches/delete-${m.object.metadata.name}-${m.object.kind.toLowerCase()}.yaml`;
    patches.push({ path });
    const head = level === 'none' ? `# ${MANAGED}\n` : `# ${m.object.kind} ${m.object.metadata.name} is not in the conversion with ${overlay.file}\n# ${MANAGED}\n`;
    const del = { $patch: 'delete', apiVersion: m.object.apiVersion, kind: m.object.kind, metadata: { name: m.object.metadata.name, ...(m.object.metadata.namespace ? { namespace: m.object.metadata.namespace } : {}) } };
    files.push({ path, content: head + writeYaml(del) });
  }
  const kustomization = {
    apiVersion: 'kustomize.config.k8s.io/v1beta1',
    kind: 'Kustomization',
    metadata: { name: overlay.name, labels: { 'app.kubernetes.io/managed-by': 'compose2kube' } },
    resources,
    ...(patches.length ? { patches } : {}),
  };
  const comments: FieldComment[] =
    level === 'none'
      ? []
      : [
          {
            path: ['apiVersion'],
            text: `Overlay "${overlay.name}": the base with what ${overlay.file} changes. \`kubectl apply -k .\` applies the same objects as \`compose2kube convert -f <base files> -f ${overlay.file}\``,
          },
          { path: ['resources'], text: 'The base, then the objects only the override file makes' },
          ...(patches.length ? [{ path: ['patches'], text: 'One patch per object the override file changes or removes' }] : []),
        ];
  files.push({ path: KUSTOMIZATION_FILE, content: writeYaml(kustomization, comments) });
  return files;
}

function target(o: KubeObject): Record<string, string> {
  const slash = o.apiVersion.indexOf('/');
  const group = slash < 0 ? '' : o.apiVersion.slice(0, slash);
  const version = o.apiVersion.slice(slash + 1);
  return { ...(group ? { group } : {}), version, kind: o.kind, name: o.metadata.name };
}

/** The patch as YAML, each operation under a comment naming the compose key it comes from. */
function patchText(m: MappedObject, ops: readonly LocatedOp[], file: string, level: ReturnType<typeof annotationLevel>): string {
  const comments: FieldComment[] = [];
  if (level !== 'none') {
    ops.forEach((o, i) => {
      const note = closestNote(m.notes, o.steps);
      if (note) comments.push({ path: [i], text: `${note.key.replace(/^services\./, '')} <- ${note.loc.file}:${note.loc.line}` });
    });
  }
  const head = level === 'none' ? `# ${MANAGED}\n` : `# JSON patch (RFC 6902) of ${m.object.kind} ${m.object.metadata.name}: what ${file} changes\n# ${MANAGED}\n`;
  return head + writeYaml(ops.map((o) => o.op), comments);
}

/** The note on the field an operation changes, or on the nearest field around or inside it. */
function closestNote(notes: readonly Note[], steps: readonly (string | number)[]): Note | undefined {
  const prefix = (a: readonly (string | number)[], b: readonly (string | number)[]) => a.length <= b.length && a.every((x, i) => x === b[i]);
  const around = notes.filter((n) => prefix(n.path, steps)).sort((a, b) => b.path.length - a.path.length)[0];
  return around ?? notes.find((n) => prefix(steps, n.path));
}

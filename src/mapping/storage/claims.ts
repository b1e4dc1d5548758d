import { PersistentVolumeClaim } from '../kube-models.js';
import type { VolumeDef } from '../../compose/model.js';
import type { Loc } from '../../util/loc.js';
import type { KubeObject, MapContext, Note } from '../context.js';
import { serviceHints, type AccessMode, type ClaimHints } from '../hints/extension.js';
import { sharedPodHosts } from '../workloads/pod-sharing.js';
import { projectLabels } from './file-objects.js';

/**
 * The folder of every claim compose2kube creates that the services mount (`subPath`), rather
 * than the claim's root. A new block volume's file system has a `lost+found` folder at its root,
 * and PostgreSQL's initdb, MySQL and others refuse to initialise a data directory that is not
 * empty; a folder of the volume is empty. Every mount of one claim uses the same folder, so the
 * services that share it see the same files.
 */
export const CLAIM_FOLDER = 'data';

/**
 * The claim compose2kube creates for a volume or a bind-mounted path, shared by `mountedBy`:
 * ReadWriteMany when it is mounted by several pods or replicas. Returns the folder the pods
 * mount: none for a claim only ReadOnlyMany, whose pods cannot create a folder in it.
 */
export function emitClaim(
  ctx: MapContext,
  claim: string,
  mountedBy: string[],
  hints: ClaimHints,
  origin: { what: string; loc: Loc; key: string; detail?: string },
  annotations: Record<string, string> = {},
): string | undefined {
  // Services that share one pod (network_mode: service:<name>) mount the claim once, in the host's pods.
  const hosts = sharedPodHosts(ctx.project);
  const pods = [...new Set(mountedBy.map((s) => hosts.get(s) ?? s))];
  const replicas = Math.max(1, ...pods.map((s) => ctx.project.services[s]?.replicas ?? 1));
  const shared = pods.length > 1 || replicas > 1;
  const accessModes: AccessMode[] = hints.accessModes?.value ?? [shared ? 'ReadWriteMany' : 'ReadWriteOnce'];
  const pvc = new PersistentVolumeClaim({
    metadata: { name: claim, labels: projectLabels(ctx), ...(Object.keys(annotations).length > 0 ? { annotations } : {}) },
    spec: {
      accessModes,
      ...(hints.storageClassName ? { storageClassName: hints.storageClassName.value } : {}),
      resources: { requests: { storage: hints.size?.value ?? ctx.options.volumeSize ?? '1Gi' } },
    },
  });
  const notes: Note[] = [
    { path: ['metadata', 'name'], loc: origin.loc, key: origin.key, ...(origin.detail ? { detail: origin.detail } : {}) },
    hints.accessModes
      ? { path: ['spec', 'accessModes'], loc: hints.accessModes.loc, key: hints.accessModes.key, detail: `from ${hints.accessModes.from}` }
      : {
          path: ['spec', 'accessModes'],
          loc: origin.loc,
          key: 'volumes',
          detail: accessDetail(mountedBy, pods, replicas),
        },
  ];
  if (Object.keys(annotations).length > 0) notes.push({ path: ['metadata', 'annotations'], loc: origin.loc, key: 'volumes.labels' });
  if (hints.storageClassName) notes.push({ path: ['spec', 'storageClassName'], loc: hints.storageClassName.loc, key: hints.storageClassName.key, detail: `from ${hints.storageClassName.from}` });
  if (hints.size) notes.push({ path: ['spec', 'resources', 'requests', 'storage'], loc: hints.size.loc, key: hints.size.key, detail: `from ${hints.size.from}` });
  ctx.add(pvc.toJSON() as unknown as KubeObject, { what: origin.what, loc: origin.loc }, notes);
  return accessModes.every((m) => m === 'ReadOnlyMany') ? undefined : CLAIM_FOLDER;
}

/** Who mounts a claim, and so which access mode it needs. */
function accessDetail(mountedBy: string[], pods: string[], replicas: number): string {
  const services = mountedBy.join(', ');
  if (pods.length > 1) return `mounted by ${services}: pods on different nodes need a storage class that supports ReadWriteMany`;
  const samePod = mountedBy.length > 1 ? ` (${services} share one pod)` : '';
  if (replicas > 1) return `mounted by ${replicas} replicas of ${pods[0]!}${samePod}: pods on different nodes need a storage class that supports ReadWriteMany`;
  return mountedBy.length > 1 ? `mounted by ${services} only, which share one pod` : `mounted by ${services} only`;
}

/** Claim settings the mounting services ask for (x-kubernetes.storage, kompose.volume.* labels): the first service that says wins. */
export function serviceClaimHints(ctx: MapContext, services: string[]): ClaimHints {
  const merged: ClaimHints = {};
  for (const name of services) {
    const svc = ctx.project.services[name];
    if (!svc) continue;
    const claims = serviceHints(svc, ctx.diags).claims;
    merged.size ??= claims.size;
    merged.storageClassName ??= claims.storageClassName;
    merged.accessModes ??= claims.accessModes;
  }
  return definedOnly(merged);
}

export function definedOnly(hints: ClaimHints): ClaimHints {
  return Object.fromEntries(Object.entries(hints).filter(([, v]) => v !== undefined)) as ClaimHints;
}

/** Volume labels -> claim annotations; a key Kubernetes does not accept is left out with a warning. */
export function volumeAnnotations(ctx: MapContext, def: VolumeDef): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(def.labels)) {
    if (isQualifiedName(key)) out[key] = value;
    else ctx.diags.warn('unsupported', `volume "${def.name}": label "${key}" is not a valid annotation key and is left out`, def.loc, 'use a key of letters, digits, "-", "_" and ".", optionally with a DNS prefix and "/"');
  }
  return out;
}

function isQualifiedName(key: string): boolean {
  const slash = key.lastIndexOf('/');
  const prefix = slash >= 0 ? key.slice(0, slash) : undefined;
  const name = slash >= 0 ? key.slice(slash + 1) : key;
  const nameOk = /^[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?$/.test(name);
  const prefixOk = prefix === undefined || (prefix.length <= 253 && /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/.test(prefix));
  return nameOk && prefixOk;
}

import type { IVolume } from 'kubernetes-models/v1/Volume';
import type { Project, Service, VolumeDef, VolumeMount } from '../../compose/model.js';
import { get, isScalar, isSeq } from '../../compose/tree.js';
import type { Loc } from '../../util/loc.js';
import { byteSize, bytesToQuantity } from '../../util/units.js';
import { sensitiveFiles } from './bind-mounts.js';
import { checkBindMountKeys, mountClaimHints } from './bind-choice.js';
import { BindPlans, decideBind, type BindDecision } from './bind-decisions.js';
import { mapBind, type MountFn, type VolumeFn } from './bind-volumes.js';
import { copyCommand } from './claim-copy.js';
import { definedOnly, emitClaim, serviceClaimHints, volumeAnnotations } from './claims.js';
import { hostClaimBases } from './host-paths.js';
import { keyLoc } from '../workloads/container.js';
import type { MapContext, MountDecision, ServiceDraft, ServiceTransform } from '../context.js';
import { volumeHints, type ClaimHints } from '../hints/extension.js';
import { addPodVolume, elementObjectName, podVolumeName, uniqueObjectName } from './file-objects.js';
import { hasKey } from './file-mounts.js';
import { settleFidelity } from '../fidelity.js';

/**
 * How each named volume is provided, decided once for the project (several services share
 * them) before the services are mapped. `folder` is the claim's folder the pods mount.
 */
type VolumePlan =
  | { kind: 'claim'; claim: string; external: boolean; folder?: string }
  | { kind: 'nfs'; server: string; path: string; readOnly: boolean }
  | { kind: 'memory'; sizeLimit?: string }
  | { kind: 'host'; path: string };

export interface StoragePlan {
  volumes: Map<string, VolumePlan>;
  /** What each bind mount became, by the mount as its service declares it. */
  mounts: Map<VolumeMount, BindDecision>;
  /** The claim of each bind-mounted path that became one, and the folder the pods mount. */
  claims: Map<string, { name: string; folder?: string }>;
}

const plans = new WeakMap<MapContext, StoragePlan>();

/** A mount of a service, with the service it came from when it is inherited through volumes_from. */
export interface ServiceMount {
  mount: VolumeMount;
  readOnly: boolean;
  from?: { service: string; loc: Loc };
}

/**
 * The mounts a service has: its own volumes, then those of the services named in volumes_from
 * (with their mode, or the `:ro`/`:rw` written there). Mounts at a path the service already
 * mounts are left out, as Docker does.
 */
export function serviceMounts(project: Project, svc: Service, seen: ReadonlySet<string> = new Set()): ServiceMount[] {
  const out: ServiceMount[] = svc.volumes.map((m) => ({ mount: m, readOnly: m.readOnly }));
  for (const ref of volumesFrom(svc)) {
    const other = project.services[ref.service];
    if (ref.container || !other || seen.has(ref.service) || ref.service === svc.name) continue;
    for (const m of serviceMounts(project, other, new Set([...seen, svc.name]))) {
      if (m.mount.type !== 'volume' && m.mount.type !== 'bind') continue;
      if (out.some((o) => o.mount.target === m.mount.target)) continue;
      out.push({ mount: m.mount, readOnly: ref.mode === 'ro' ? true : ref.mode === 'rw' ? false : m.readOnly, from: { service: ref.service, loc: ref.loc } });
    }
  }
  return out;
}

interface VolumesFromRef {
  service: string;
  container: boolean;
  mode?: string;
  loc: Loc;
}

function volumesFrom(svc: Service): VolumesFromRef[] {
  const node = get(svc.node, 'volumes_from');
  if (!isSeq(node)) return [];
  return node.items.flatMap((i) => {
    if (!isScalar(i) || typeof i.value !== 'string') return [];
    const parts = i.value.split(':');
    const container = parts[0] === 'container';
    const [service, mode] = container ? [parts[1] ?? '', parts[2]] : [parts[0]!, parts[1]];
    return [{ service, container, ...(mode !== undefined ? { mode } : {}), loc: i.loc }];
  });
}

/** Which services mount each named volume (own mounts and through volumes_from). */
function volumeUsers(project: Project): Map<string, string[]> {
  const users = new Map<string, string[]>();
  for (const svc of Object.values(project.services)) {
    for (const { mount: m } of serviceMounts(project, svc)) {
      const id = m.type === 'volume' && m.source ? m.source : undefined;
      if (id === undefined) continue;
      const list = users.get(id) ?? [];
      if (!list.includes(svc.name)) list.push(svc.name);
      users.set(id, list);
    }
  }
  return users;
}

/**
 * Top-level named volumes and bind-mounted paths -> PersistentVolumeClaims (and the ConfigMaps
 * of bind-mounted content), one per volume or path, shared by every service that mounts it. A
 * claim mounted by several services or replicas needs ReadWriteMany.
 */
export function mapVolumeClaims(ctx: MapContext): void {
  const plan: StoragePlan = { volumes: new Map(), mounts: new Map(), claims: new Map() };
  plans.set(ctx, plan);
  const users = volumeUsers(ctx.project);
  // Names of existing claims first, so new claims never take them.
  for (const [name, def] of Object.entries(ctx.project.volumes)) {
    if (def.external) ctx.claimNames.set(name, externalClaimName(ctx, def));
  }
  for (const [name, def] of Object.entries(ctx.project.volumes)) {
    const mountedBy = users.get(name) ?? [];
    if (def.external) {
      plan.volumes.set(name, { kind: 'claim', claim: ctx.claimNames.get(name)!, external: true });
      continue;
    }
    const special = driverPlan(ctx, def, mountedBy);
    if (special) {
      plan.volumes.set(name, special);
      continue;
    }
    const wanted = explicitName(ctx.project, def) ?? name;
    // Users look for a claim only when there is one: an unused volume makes none.
    const claim = mountedBy.length > 0 ? elementObjectName(ctx, 'PersistentVolumeClaim', `volume "${name}"`, wanted, def.loc) : uniqueObjectName(ctx, 'PersistentVolumeClaim', wanted);
    ctx.claimNames.set(name, claim);
    if (mountedBy.length === 0) {
      plan.volumes.set(name, { kind: 'claim', claim, external: false });
      continue;
    }
    // The volume's own settings win over those of the services that mount it.
    const hints: ClaimHints = { ...serviceClaimHints(ctx, mountedBy), ...definedOnly(volumeHints(def, ctx.diags, ctx.project.node)) };
    const device = bindDevice(def);
    const detail = device ? `a new, empty claim in place of the host directory ${device}` : undefined;
    const folder = emitClaim(ctx, claim, mountedBy, hints, { what: `volume "${name}"`, loc: def.loc, key: 'volumes', ...(detail ? { detail } : {}) }, volumeAnnotations(ctx, def));
    plan.volumes.set(name, { kind: 'claim', claim, external: false, ...(folder ? { folder } : {}) });
    if (device) warnCopyHostData(ctx, `volume "${name}" binds the host directory ${device}`, claim, mountedBy, device, folder, def.loc);
  }
  planBinds(ctx, plan);
}

/**
 * One decision per bind mount, then one claim per path that became one: project paths first,
 * then host directories, named after their last segments. A path inside another that also
 * became a claim is a folder of that claim, so the services keep seeing each other's files
 * (a media server on /srv/media sees what a downloader writes to /srv/media/tv).
 */
function planBinds(ctx: MapContext, plan: StoragePlan): void {
  const sensitive = sensitiveFiles(ctx.project);
  const bindPlans = new BindPlans();
  const firstMount = new Map<string, VolumeMount>();
  for (const svc of Object.values(ctx.project.services)) {
    checkBindMountKeys(ctx, svc);
    for (const m of svc.volumes) {
      if (m.type !== 'bind' || !m.source) continue;
      const decision = decideBind(ctx, svc, m, bindPlans, sensitive);
      plan.mounts.set(m, decision);
      if (decision.kind === 'claim' && !firstMount.has(decision.source)) firstMount.set(decision.source, m);
    }
  }
  type ClaimDecision = Extract<BindDecision, { kind: 'claim' }>;
  const decisions = [...firstMount.values()].map((m) => plan.mounts.get(m) as ClaimDecision);
  const rootOf = (d: ClaimDecision): ClaimDecision =>
    decisions.filter((o) => o.host === d.host && d.source.startsWith(`${o.source}/`)).sort((a, b) => a.source.length - b.source.length)[0] ?? d;
  const roots = decisions.filter((d) => rootOf(d) === d);
  const hostBases = hostClaimBases(roots.filter((d) => d.host).map((d) => d.source));
  const names = new Map<string, string>();
  for (const d of [...roots.filter((d) => !d.host), ...roots.filter((d) => d.host)]) {
    const base = d.host ? hostBases.get(d.source)! : d.display === '.' ? ctx.project.name : d.display.replace(/^\.\//, '');
    names.set(d.source, uniqueObjectName(ctx, 'PersistentVolumeClaim', base));
  }
  for (const d of roots) {
    const m = firstMount.get(d.source)!;
    const claim = names.get(d.source)!;
    const group = decisions.filter((o) => rootOf(o) === d);
    const sources = new Set(group.map((o) => o.source));
    // Every service that mounts the path (or one inside it) as a claim, its own mount or through volumes_from.
    const mountedBy = Object.values(ctx.project.services)
      .filter((svc) => serviceMounts(ctx.project, svc).some((sm) => plan.mounts.get(sm.mount)?.kind === 'claim' && sources.has(sm.mount.source ?? '')))
      .map((svc) => svc.name);
    const owner = Object.values(ctx.project.services).find((svc) => svc.volumes.includes(m))!;
    // Settings written on a mount of the path win over the services'; the first mount that says wins.
    const onMounts: ClaimHints = {};
    for (const svc of Object.values(ctx.project.services)) {
      for (const own of svc.volumes.filter((v) => plan.mounts.get(v)?.kind === 'claim' && sources.has(v.source ?? ''))) {
        const h = mountClaimHints(ctx, svc, own);
        onMounts.size ??= h.size;
        onMounts.storageClassName ??= h.storageClassName;
        onMounts.accessModes ??= h.accessModes;
      }
    }
    const hints: ClaimHints = { ...serviceClaimHints(ctx, mountedBy), ...definedOnly(onMounts) };
    if (d.tooLarge !== undefined) {
      ctx.diags.warn(
        'too-large',
        `${d.display} holds more than a ConfigMap can (1 MiB): it is mounted from the empty PersistentVolumeClaim ${claim} instead of its content`,
        m.loc,
        'copy the content into the claim (kubectl cp), build it into the image, or remove the mount if the image already contains these files',
      );
    }
    const what = d.host ? `bind mount of the host directory ${d.source}` : `bind mount ${d.display}`;
    const inside = group.length > 1 ? `; ${group.filter((o) => o !== d).map((o) => o.display).join(', ')} ${group.length > 2 ? 'are folders' : 'is a folder'} of it` : '';
    const detail = `${d.host ? `${d.why}: a new, empty claim to copy the data into` : d.why}${inside}`;
    const folder = emitClaim(ctx, claim, mountedBy, hints, { what, loc: m.loc, key: 'services.volumes.bind', detail });
    for (const o of group) {
      const rel = o.source.slice(d.source.length + 1);
      const sub = [folder, rel].filter(Boolean).join('/');
      plan.claims.set(o.source, { name: claim, ...(sub ? { folder: sub } : {}) });
    }
    if (d.host) warnCopyHostData(ctx, `service "${owner.name}": the host directory ${d.source}${d.assumed ? ` (${d.assumed})` : ''}`, claim, mountedBy, d.source, folder, m.loc);
  }
}

/** Where a host directory's data went, and the command that copies it there. */
function warnCopyHostData(ctx: MapContext, subject: string, claim: string, mountedBy: string[], hostPath: string, folder: string | undefined, loc: Loc): void {
  const shared = mountedBy.length > 1 ? ` (mounted by ${mountedBy.join(', ')})` : '';
  ctx.diags.warn(
    'copy-host-data',
    `${subject} is now the PersistentVolumeClaim ${claim}${shared}: the data lives in the claim, which starts empty, so the existing data on the Docker host must be copied into it`,
    loc,
    `before the app first starts in the cluster, with the compose app stopped and only the claim applied, run on the Docker host (see "Moving data into a claim" in the README): ${copyCommand(claim, hostPath, folder)}`,
  );
}

/** `name:` of a volume, when the file sets one (Docker's default `<project>_<key>` is not a claim name). */
function explicitName(project: Project, def: VolumeDef): string | undefined {
  const node = get(get(project.node, 'volumes'), def.name);
  return isScalar(get(node, 'name')) ? def.externalName : undefined;
}

function externalClaimName(ctx: MapContext, def: VolumeDef): string {
  const wanted = def.externalName ?? def.name;
  if (/^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/.test(wanted) && wanted.length <= 253) return wanted;
  const name = uniqueObjectName(ctx, 'PersistentVolumeClaim', wanted);
  ctx.diags.warn('name-changed', `external volume "${def.name}": "${wanted}" is not a valid claim name; the pods use the claim "${name}"`, def.loc, `create the claim as "${name}", or set \`name:\` to the claim's real name`);
  return name;
}

/**
 * Volumes Docker creates with a driver or driver_opts. The local driver's NFS mounts are the same
 * export mounted directly by the pod; a tmpfs volume is memory; a bind to a host directory is a
 * hostPath only when asked for (else a claim, with a warning to copy the data). Anything else gets an ordinary claim (undefined here); the
 * fidelity pass warns about `driver` and `driver_opts` from their rows.
 */
function driverPlan(ctx: MapContext, def: VolumeDef, mountedBy: string[]): VolumePlan | undefined {
  const opts = def.driverOpts;
  const driver = def.driver ?? 'local';
  if (driver === 'local' && Object.keys(opts).length === 0) return undefined;
  const options = (opts.o ?? '').split(',').map((o) => o.trim()).filter(Boolean);
  const option = (name: string) => options.find((o) => o.startsWith(`${name}=`))?.slice(name.length + 1);
  if (driver === 'local' && /^nfs4?$/.test(opts.type ?? '') && option('addr') && opts.device) {
    return { kind: 'nfs', server: option('addr')!, path: opts.device.replace(/^:/, '') || '/', readOnly: options.includes('ro') };
  }
  if (driver === 'local' && opts.type === 'tmpfs') {
    if (mountedBy.length > 1) {
      ctx.diags.warn('approximate', `volume "${def.name}" is a tmpfs shared by ${mountedBy.join(', ')}: in Kubernetes each pod gets its own memory volume`, def.loc, 'share the data through a claim, or merge the services into one pod');
    }
    const size = byteSize(option('size'));
    return { kind: 'memory', ...(size !== undefined ? { sizeLimit: bytesToQuantity(size) } : {}) };
  }
  if (bindDevice(def) && (ctx.options.bindMounts ?? (ctx.options.hostPath ? 'host-path' : 'claim')) === 'host-path') return { kind: 'host', path: bindDevice(def)! };
  return undefined;
}

/**
 * The host directory a local volume binds (`type: none, o: bind, device: /path`): like a bind
 * mount of it, a claim to copy the data into, or a hostPath with --bind-mounts host-path.
 */
function bindDevice(def: VolumeDef): string | undefined {
  const options = (def.driverOpts.o ?? '').split(',').map((o) => o.trim());
  return (def.driver ?? 'local') === 'local' && options.includes('bind') && def.driverOpts.device ? def.driverOpts.device : undefined;
}

/**
 * volumes, volumes_from, tmpfs, shm_size -> pod volumes and volumeMounts. Named volumes use their
 * claim; anonymous volumes and tmpfs are emptyDirs that live as long as the pod. (`devices` has no
 * form in a pod: the fidelity pass reports it.)
 */
export const mapVolumes: ServiceTransform = (draft, ctx) => {
  for (const key of ['volumes', 'volumes_from', 'tmpfs', 'shm_size']) if (hasKey(draft, key)) draft.consumed.add(key);
  // Whether these behave differently depends on each mount; the mounts below warn where they do.
  settleFidelity(ctx, draft.service, 'services.volumes.bind');
  settleFidelity(ctx, draft.service, 'services.volumes_from');
  const plan = plans.get(ctx) ?? { volumes: new Map(), mounts: new Map(), claims: new Map() };
  const svc = draft.service;
  const byKey = new Map<string, string>();
  const volume = (id: string, base: string, make: (name: string) => IVolume): string => {
    const known = byKey.get(id);
    if (known) return known;
    const name = podVolumeName(draft, base);
    addPodVolume(draft, make(name));
    byKey.set(id, name);
    return name;
  };
  const mount: MountFn = (m, loc, key, detail, decision) => {
    const mounts = m ? (draft.container.volumeMounts ??= []) : [];
    // A mount left out has no field of its own: its note sits on the container's name.
    const path = m ? ['volumeMounts', mounts.length] : ['name'];
    draft.notes.push({ scope: 'container', note: { path, loc, key, ...(detail !== undefined ? { detail } : {}), ...(decision ? { mount: decision } : {}) } });
    if (m) mounts.push(m);
  };
  checkVolumesFrom(draft, ctx);
  serviceMounts(ctx.project, svc).forEach((sm, i) => mapMount(draft, ctx, plan, sm, i, volume, mount));
  svc.tmpfs.forEach((t, i) => {
    const name = volume(`tmpfs:${i}`, `tmpfs-${i}`, (n) => memoryVolume(n, t.size));
    const readOnly = t.options.includes('ro') ? { readOnly: true } : {};
    mount({ name, mountPath: t.target, ...readOnly }, t.loc, 'services.tmpfs', 'memory-backed: counts against the memory limit', { target: t.target, as: 'emptyDir', why: 'tmpfs: memory of this pod' });
    if (t.mode !== undefined) warnTmpfsMode(draft, ctx, t.mode, t.loc);
    warnTmpfsOptions(draft, ctx, t.options, t.loc);
  });
  if (svc.shmSize !== undefined) {
    const name = volume('shm', 'dshm', (n) => memoryVolume(n, svc.shmSize));
    mount({ name, mountPath: '/dev/shm' }, keyLoc(draft, 'shm_size'), 'services.shm_size', undefined, { target: '/dev/shm', as: 'emptyDir', why: 'shared memory of this pod' });
  }
};

function mapMount(draft: ServiceDraft, ctx: MapContext, plan: StoragePlan, sm: ServiceMount, index: number, volume: VolumeFn, mount: MountFn): void {
  const { mount: m, from } = sm;
  const svc = draft.service;
  const loc = from?.loc ?? m.loc;
  const key = from ? 'services.volumes_from' : m.type === 'bind' ? 'services.volumes.bind' : m.type === 'tmpfs' ? 'services.volumes.tmpfs' : 'services.volumes';
  const inherited = from ? `from ${from.service}: ` : '';
  const ro = sm.readOnly ? { readOnly: true } : {};
  if (m.type === 'volume' && m.source) {
    const vp = plan.volumes.get(m.source);
    if (!ctx.project.volumes[m.source] || !vp) {
      if (!from) {
        ctx.diags.error('undefined-reference', `service "${svc.name}" mounts volume "${m.source}", which is not declared under the top-level volumes`, m.loc, `add \`${m.source}:\` under \`volumes:\``);
      }
      return;
    }
    const { name, detail, decision, folder } = namedVolume(m, vp, volume);
    // The compose subpath is a folder of the volume, so it sits inside the claim's folder.
    const subPath = [folder, m.volume?.subpath].filter(Boolean).join('/');
    const text = [inherited.replace(/: $/, ''), detail].filter(Boolean).join(': ');
    mount({ name, mountPath: m.target, ...ro, ...(subPath ? { subPath } : {}) }, loc, key, text || undefined, decision);
  } else if (m.type === 'volume') {
    // Anonymous volume: Compose keeps it for the container's life, Kubernetes for the pod's.
    const name = volume(`anon:${from?.service ?? ''}:${index}`, `anon-${index}`, (n) => ({ name: n, emptyDir: {} }));
    if (from) {
      ctx.diags.warn('approximate', `service "${svc.name}": the anonymous volume ${m.target} of ${from.service} is not shared: each pod gets its own empty directory`, from.loc, `use a named volume in ${from.service} to share the data`);
    }
    const why = 'anonymous volume: an emptyDir that lives as long as the pod';
    mount({ name, mountPath: m.target, ...ro, ...(m.volume?.subpath ? { subPath: m.volume.subpath } : {}) }, loc, key, `${inherited}${why}`, { target: m.target, as: 'emptyDir', why });
  } else if (m.type === 'bind' && m.source) {
    const decision = plan.mounts.get(m);
    if (decision) mapBind(draft, ctx, decision, plan.claims, sm, index, volume, mount, key, loc);
  } else if (m.type === 'tmpfs') {
    const name = volume(`tmpfs-volume:${index}`, `tmpfs-${index}`, (n) => memoryVolume(n, m.tmpfs?.size));
    mount({ name, mountPath: m.target, ...ro }, loc, key, 'memory-backed: counts against the memory limit', { target: m.target, as: 'emptyDir', why: 'tmpfs: memory of this pod' });
  }
  // npipe, cluster and image mounts: the fidelity pass warns about their `type`.
}

function namedVolume(m: VolumeMount, vp: VolumePlan, volume: VolumeFn): { name: string; detail?: string; decision: MountDecision; folder?: string } {
  const source = m.source!;
  const target = m.target;
  switch (vp.kind) {
    case 'claim': {
      const name = volume(`claim:${vp.claim}`, vp.claim, (n) => ({ name: n, persistentVolumeClaim: { claimName: vp.claim } }));
      if (vp.external) {
        const why = `external volume: the existing claim ${vp.claim}, not created here, mounted from its root`;
        return { name, detail: why, decision: { source, target, as: 'claim', object: vp.claim, why } };
      }
      const why = vp.folder ? `claim ${vp.claim}, folder ${vp.folder}` : `claim ${vp.claim}, mounted from its root (ReadOnlyMany)`;
      return { name, detail: why, ...(vp.folder ? { folder: vp.folder } : {}), decision: { source, target, as: 'claim', object: vp.claim, why } };
    }
    case 'nfs': {
      const why = `the NFS export ${vp.server}:${vp.path} of volume ${source}, mounted directly`;
      return {
        name: volume(`nfs:${source}`, source, (n) => ({ name: n, nfs: { server: vp.server, path: vp.path, ...(vp.readOnly ? { readOnly: true } : {}) } })),
        detail: why,
        decision: { source, target, as: 'nfs', why },
      };
    }
    case 'memory': {
      const why = `tmpfs volume ${source}: memory of this pod only`;
      return { name: volume(`memory:${source}`, source, (n) => memoryVolume(n, vp.sizeLimit)), detail: why, decision: { source, target, as: 'emptyDir', why } };
    }
    case 'host': {
      const why = `host directory ${vp.path} of the node (--bind-mounts host-path)`;
      return { name: volume(`host:${vp.path}`, source, (n) => ({ name: n, hostPath: { path: vp.path } })), detail: why, decision: { source, target, as: 'hostPath', why } };
    }
  }
}

export function memoryVolume(name: string, size: string | undefined): IVolume {
  const bytes = byteSize(size);
  return { name, emptyDir: { medium: 'Memory', ...(bytes !== undefined && bytes > 0 ? { sizeLimit: bytesToQuantity(bytes) } : {}) } };
}

/** What each tmpfs option that an emptyDir cannot take would need instead. */
const TMPFS_OPTION_HINTS: Record<string, string> = {
  noexec: 'an emptyDir allows executing files; keep untrusted files out of it, or rely on a read-only root filesystem and allowPrivilegeEscalation: false',
  nosuid: 'an emptyDir honours set-user-ID bits; set allowPrivilegeEscalation: false in the securityContext, which stops them from raising privileges',
  nodev: 'an emptyDir allows device files; drop the capability to create them (MKNOD) in the securityContext',
  uid: "an emptyDir is owned by root; run the container as that user (runAsUser) or give the volume a group with the pod's fsGroup",
  gid: "an emptyDir is owned by root; give the volume that group with the pod's fsGroup",
  nr_inodes: 'an emptyDir has no inode limit of its own; sizeLimit bounds its bytes',
  nr_blocks: 'an emptyDir takes sizeLimit (set size=) instead of a block count',
  mpol: 'an emptyDir has no NUMA memory policy',
  huge: 'an emptyDir with medium HugePages-<size> needs hugepages requested in the resources',
};

/**
 * tmpfs options: `size` becomes the sizeLimit, `ro` a read-only mount, `rw`, `exec`, `suid`, `dev`
 * and `mode` (warned about above) need nothing more; each other one is said once, at the entry.
 */
function warnTmpfsOptions(draft: ServiceDraft, ctx: MapContext, options: readonly string[], loc: Loc): void {
  for (const option of options) {
    const name = option.split('=')[0]!;
    if (['size', 'mode', 'rw', 'ro', 'exec', 'suid', 'dev', 'defaults'].includes(name)) continue;
    ctx.diags.warn(
      'unsupported',
      `service "${draft.service.name}": tmpfs option ${option} cannot be set on an emptyDir: the directory is mounted without it`,
      loc,
      TMPFS_OPTION_HINTS[name] ?? 'drop the option, or mount a volume that has it (a PersistentVolume with mountOptions)',
    );
  }
}

function warnTmpfsMode(draft: ServiceDraft, ctx: MapContext, mode: number, loc: Loc): void {
  ctx.diags.warn(
    'approximate',
    `service "${draft.service.name}": tmpfs mode 0${mode.toString(8)} cannot be set on an emptyDir, which is world-writable (0777)`,
    loc,
    "restrict access with the pod's securityContext (runAsUser, fsGroup) instead",
  );
}

function checkVolumesFrom(draft: ServiceDraft, ctx: MapContext): void {
  for (const ref of volumesFrom(draft.service)) {
    if (ref.container) {
      ctx.diags.warn('unsupported', `service "${draft.service.name}": volumes_from a container (${ref.service}) has no Kubernetes equivalent`, ref.loc, 'mount the same named volumes in this service instead');
    } else if (!ctx.project.services[ref.service]) {
      // Compose refuses it too: volumes_from is a dependency on that service. (A disabled one is refused while loading.)
      ctx.diags.error('undefined-reference', `service "${draft.service.name}": volumes_from names service "${ref.service}", which is not defined`, ref.loc, `define "${ref.service}" under services, or mount its volumes here`);
    }
  }
}

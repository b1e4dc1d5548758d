import { PersistentVolumeClaim } from 'kubernetes-models/v1/PersistentVolumeClaim';
import type { IVolume } from 'kubernetes-models/v1/Volume';
import type { IVolumeMount } from 'kubernetes-models/v1/VolumeMount';
import type { Project, Service, VolumeDef, VolumeMount } from '../../compose/model.js';
import { get, isScalar, isSeq } from '../../compose/tree.js';
import type { Loc } from '../../util/loc.js';
import { byteSize, bytesToQuantity } from '../../util/units.js';
import { emitBindObject, hostOnlyReason, planBind, sensitiveFiles, type BindPlan } from './bind-mounts.js';
import { keyLoc } from '../workloads/container.js';
import { note, type KubeObject, type MapContext, type Note, type ServiceDraft, type ServiceTransform } from '../context.js';
import { serviceHints, volumeHints, type AccessMode, type ClaimHints } from '../hints/extension.js';
import { addPodVolume, elementObjectName, itemsIfNeeded, podVolumeName, projectLabels, uniqueObjectName } from './file-objects.js';
import { hasKey } from './file-mounts.js';
import { settleFidelity } from '../fidelity.js';
import { sharedPodHosts } from '../workloads/pod-sharing.js';

/**
 * How each named volume and each bind-mounted project path is provided, decided once for the
 * project (several services share them) before the services are mapped.
 */
type VolumePlan =
  | { kind: 'claim'; claim: string; external: boolean }
  | { kind: 'nfs'; server: string; path: string; readOnly: boolean }
  | { kind: 'memory'; sizeLimit?: string }
  | { kind: 'host'; path: string };

interface StoragePlan {
  volumes: Map<string, VolumePlan>;
  binds: Map<string, BindPlan>;
}

const plans = new WeakMap<MapContext, StoragePlan>();

/** A mount of a service, with the service it came from when it is inherited through volumes_from. */
interface ServiceMount {
  mount: VolumeMount;
  readOnly: boolean;
  from?: { service: string; loc: Loc };
}

/**
 * The mounts a service has: its own volumes, then those of the services named in volumes_from
 * (with their mode, or the `:ro`/`:rw` written there). Mounts at a path the service already
 * mounts are left out, as Docker does.
 */
function serviceMounts(project: Project, svc: Service, seen: ReadonlySet<string> = new Set()): ServiceMount[] {
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
export function volumeUsers(project: Project): Map<string, string[]> {
  const users = new Map<string, string[]>();
  for (const svc of Object.values(project.services)) {
    for (const { mount: m } of serviceMounts(project, svc)) {
      const id = m.type === 'volume' && m.source ? m.source : m.type === 'bind' && m.source ? `bind:${m.source}` : undefined;
      if (id === undefined) continue;
      const list = users.get(id) ?? [];
      if (!list.includes(svc.name)) list.push(svc.name);
      users.set(id, list);
    }
  }
  return users;
}

/**
 * Top-level named volumes and bind-mounted project paths -> PersistentVolumeClaims (and the
 * ConfigMaps of bind-mounted content), one per volume or path, shared by every service that
 * mounts it. A claim mounted by several services or replicas needs ReadWriteMany.
 */
export function mapVolumeClaims(ctx: MapContext): void {
  const plan: StoragePlan = { volumes: new Map(), binds: new Map() };
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
    plan.volumes.set(name, { kind: 'claim', claim, external: false });
    if (mountedBy.length === 0) continue;
    // The volume's own settings win over those of the services that mount it.
    const hints: ClaimHints = { ...serviceClaimHints(ctx, mountedBy), ...definedOnly(volumeHints(def, ctx.diags, ctx.project.node)) };
    emitClaim(ctx, claim, mountedBy, hints, { what: `volume "${name}"`, loc: def.loc, key: 'volumes' }, volumeAnnotations(ctx, def));
  }
  planBinds(ctx, plan, users);
}

function planBinds(ctx: MapContext, plan: StoragePlan, users: Map<string, string[]>): void {
  const sensitive = sensitiveFiles(ctx.project);
  for (const svc of Object.values(ctx.project.services)) {
    for (const { mount: m } of serviceMounts(ctx.project, svc)) {
      if (m.type !== 'bind' || !m.source || plan.binds.has(m.source)) continue;
      const bind = planBind(ctx, m.source, sensitive);
      plan.binds.set(m.source, bind);
      if (bind.kind === 'content') emitBindObject(ctx, bind, m.loc);
      if (bind.kind !== 'claim') continue;
      bind.claim = uniqueObjectName(ctx, 'PersistentVolumeClaim', bind.display === '.' ? ctx.project.name : bind.display.replace(/^\.\//, ''));
      const mountedBy = users.get(`bind:${m.source}`) ?? [svc.name];
      if (bind.tooLarge !== undefined) {
        ctx.diags.warn(
          'too-large',
          `${bind.display} holds more than a ConfigMap can (1 MiB): it is mounted from the empty PersistentVolumeClaim ${bind.claim} instead of its content`,
          m.loc,
          'copy the content into the claim (kubectl cp), build it into the image, or remove the mount if the image already contains these files',
        );
      }
      const detail =
        bind.tooLarge !== undefined
          ? `${bind.display} is too large for a ConfigMap: an empty claim to copy it into`
          : `${bind.display} does not exist or is empty: Docker would create an empty host directory for the service to write into; a claim keeps that data`;
      emitClaim(ctx, bind.claim, mountedBy, serviceClaimHints(ctx, mountedBy), { what: `bind mount ${bind.display}`, loc: m.loc, key: 'services.volumes.bind', detail });
    }
  }
}

/** Claim settings the mounting services ask for (x-kubernetes.storage, kompose.volume.* labels): the first service that says wins. */
function serviceClaimHints(ctx: MapContext, services: string[]): ClaimHints {
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

function definedOnly(hints: ClaimHints): ClaimHints {
  return Object.fromEntries(Object.entries(hints).filter(([, v]) => v !== undefined)) as ClaimHints;
}

function emitClaim(
  ctx: MapContext,
  claim: string,
  mountedBy: string[],
  hints: ClaimHints,
  origin: { what: string; loc: Loc; key: string; detail?: string },
  annotations: Record<string, string> = {},
): void {
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
}

/** Who mounts a claim, and so which access mode it needs. */
function accessDetail(mountedBy: string[], pods: string[], replicas: number): string {
  const services = mountedBy.join(', ');
  if (pods.length > 1) return `mounted by ${services}: pods on different nodes need a storage class that supports ReadWriteMany`;
  const samePod = mountedBy.length > 1 ? ` (${services} share one pod)` : '';
  if (replicas > 1) return `mounted by ${replicas} replicas of ${pods[0]!}${samePod}: pods on different nodes need a storage class that supports ReadWriteMany`;
  return mountedBy.length > 1 ? `mounted by ${services} only, which share one pod` : `mounted by ${services} only`;
}

/** Volume labels -> claim annotations; a key Kubernetes does not accept is left out with a warning. */
function volumeAnnotations(ctx: MapContext, def: VolumeDef): Record<string, string> {
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
 * hostPath only when asked for. Anything else gets an ordinary claim (undefined here); the
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
  if (driver === 'local' && options.includes('bind') && opts.device) {
    if (ctx.options.hostPath) return { kind: 'host', path: opts.device };
    ctx.diags.warn(
      'unsupported',
      `volume "${def.name}" binds the host directory ${opts.device}: a pod cannot rely on one host's files, so it gets a new, empty claim`,
      def.loc,
      'copy the data into the claim, or convert with --host-path to mount the directory of whichever node runs the pod',
    );
    return undefined;
  }
  return undefined;
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
  const plan = plans.get(ctx) ?? { volumes: new Map(), binds: new Map() };
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
  const mount = (m: IVolumeMount, loc: Loc, key: string, detail?: string) => {
    const mounts = (draft.container.volumeMounts ??= []);
    note(draft, 'container', ['volumeMounts', mounts.length], loc, key, detail);
    mounts.push(m);
  };
  checkVolumesFrom(draft, ctx);
  serviceMounts(ctx.project, svc).forEach((sm, i) => mapMount(draft, ctx, plan, sm, i, volume, mount));
  svc.tmpfs.forEach((t, i) => {
    const name = volume(`tmpfs:${i}`, `tmpfs-${i}`, (n) => memoryVolume(n, t.size));
    mount({ name, mountPath: t.target }, t.loc, 'services.tmpfs', 'memory-backed: counts against the memory limit');
    if (t.mode !== undefined) warnTmpfsMode(draft, ctx, t.mode, t.loc);
  });
  if (svc.shmSize !== undefined) {
    const name = volume('shm', 'dshm', (n) => memoryVolume(n, svc.shmSize));
    mount({ name, mountPath: '/dev/shm' }, keyLoc(draft, 'shm_size'), 'services.shm_size');
  }
};

type VolumeFn = (id: string, base: string, make: (name: string) => IVolume) => string;
type MountFn = (m: IVolumeMount, loc: Loc, key: string, detail?: string) => void;

function mapMount(draft: ServiceDraft, ctx: MapContext, plan: StoragePlan, sm: ServiceMount, index: number, volume: VolumeFn, mount: MountFn): void {
  const { mount: m, from } = sm;
  const svc = draft.service;
  const loc = from?.loc ?? m.loc;
  const key = from ? 'services.volumes_from' : m.type === 'bind' ? 'services.volumes.bind' : m.type === 'tmpfs' ? 'services.volumes.tmpfs' : 'services.volumes';
  const inherited = from ? `from ${from.service}: ` : '';
  const ro = sm.readOnly ? { readOnly: true } : {};
  const subPath = m.volume?.subpath ? { subPath: m.volume.subpath } : {};
  if (m.type === 'volume' && m.source) {
    const vp = plan.volumes.get(m.source);
    if (!ctx.project.volumes[m.source] || !vp) {
      if (!from) {
        ctx.diags.error('undefined-reference', `service "${svc.name}" mounts volume "${m.source}", which is not declared under the top-level volumes`, m.loc, `add \`${m.source}:\` under \`volumes:\``);
      }
      return;
    }
    const { name, detail } = namedVolume(m.source, vp, volume);
    const text = [inherited.replace(/: $/, ''), detail].filter(Boolean).join(': ');
    mount({ name, mountPath: m.target, ...ro, ...subPath }, loc, key, text || undefined);
  } else if (m.type === 'volume') {
    // Anonymous volume: Compose keeps it for the container's life, Kubernetes for the pod's.
    const name = volume(`anon:${from?.service ?? ''}:${index}`, `anon-${index}`, (n) => ({ name: n, emptyDir: {} }));
    if (from) {
      ctx.diags.warn('approximate', `service "${svc.name}": the anonymous volume ${m.target} of ${from.service} is not shared: each pod gets its own empty directory`, from.loc, `use a named volume in ${from.service} to share the data`);
    }
    mount({ name, mountPath: m.target, ...ro, ...subPath }, loc, key, `${inherited}anonymous volume: an emptyDir that lives as long as the pod`);
  } else if (m.type === 'bind' && m.source) {
    mapBind(draft, ctx, plan, sm, index, volume, mount, key, loc);
  } else if (m.type === 'tmpfs') {
    const name = volume(`tmpfs-volume:${index}`, `tmpfs-${index}`, (n) => memoryVolume(n, m.tmpfs?.size));
    mount({ name, mountPath: m.target, ...ro }, loc, key, 'memory-backed: counts against the memory limit');
  }
  // npipe, cluster and image mounts: the fidelity pass warns about their `type`.
}

function namedVolume(source: string, vp: VolumePlan, volume: VolumeFn): { name: string; detail?: string } {
  switch (vp.kind) {
    case 'claim':
      return {
        name: volume(`claim:${vp.claim}`, vp.claim, (n) => ({ name: n, persistentVolumeClaim: { claimName: vp.claim } })),
        ...(vp.external ? { detail: `external volume: the existing claim ${vp.claim}, not created here` } : {}),
      };
    case 'nfs':
      return {
        name: volume(`nfs:${source}`, source, (n) => ({ name: n, nfs: { server: vp.server, path: vp.path, ...(vp.readOnly ? { readOnly: true } : {}) } })),
        detail: `the NFS export ${vp.server}:${vp.path} of volume ${source}, mounted directly`,
      };
    case 'memory':
      return { name: volume(`memory:${source}`, source, (n) => memoryVolume(n, vp.sizeLimit)), detail: `tmpfs volume ${source}: memory of this pod only` };
    case 'host':
      return { name: volume(`host:${vp.path}`, source, (n) => ({ name: n, hostPath: { path: vp.path } })), detail: `host directory ${vp.path} of the node (--host-path)` };
  }
}

function mapBind(draft: ServiceDraft, ctx: MapContext, plan: StoragePlan, sm: ServiceMount, index: number, volume: VolumeFn, mount: MountFn, key: string, loc: Loc): void {
  const m = sm.mount;
  const svc = draft.service;
  const source = m.source!;
  const inherited = sm.from ? `from ${sm.from.service}: ` : '';
  const bp = plan.binds.get(source) ?? { kind: 'host' as const };
  const ro = sm.readOnly ? { readOnly: true } : {};
  if (m.bind?.propagation && !/^r?private$/.test(m.bind.propagation) && !sm.from) {
    ctx.diags.warn('unsupported', `service "${svc.name}": mount propagation ${m.bind.propagation} of ${m.target} is not converted`, m.loc, 'set mountPropagation on the volumeMount yourself if the service needs it (it requires a hostPath volume)');
  }
  if (bp.kind === 'content') {
    const name = volume(`bind:${source}`, `${bp.object === 'Secret' ? 'secret' : 'config'}-${bp.name}`, (n) =>
      bp.object === 'Secret'
        ? { name: n, secret: { secretName: bp.name, ...itemsIfNeeded(bp.entries) } }
        : { name: n, configMap: { name: bp.name, ...itemsIfNeeded(bp.entries) } },
    );
    const snapshot = `${inherited}${bp.object} ${bp.name}: a read-only snapshot of ${bp.display}`;
    if (bp.isFile) mount({ name, mountPath: m.target, subPath: bp.entries[0]!.key, readOnly: true }, loc, key, `${snapshot} (one file, subPath)`);
    else mount({ name, mountPath: m.target, readOnly: true }, loc, key, snapshot);
  } else if (bp.kind === 'claim') {
    const claim = bp.claim!;
    const name = volume(`claim:${claim}`, claim, (n) => ({ name: n, persistentVolumeClaim: { claimName: claim } }));
    mount({ name, mountPath: m.target, ...ro }, loc, key, `${inherited}claim ${claim} in place of ${bp.display}`);
  } else if (bp.kind === 'unreadable') {
    ctx.diags.warn('unsupported', `service "${svc.name}": ${bp.display} is bind-mounted, but its files could not be read, so it is left out`, m.loc, 'convert with the project files available');
  } else {
    mapHostBind(draft, ctx, sm, index, volume, mount, key, loc);
  }
}

/** A path outside the project belongs to one machine: a warning, or a hostPath when asked for. */
function mapHostBind(draft: ServiceDraft, ctx: MapContext, sm: ServiceMount, index: number, volume: VolumeFn, mount: MountFn, key: string, loc: Loc): void {
  const m = sm.mount;
  const why = hostOnlyReason(m) ?? 'it is outside the project directory, on one machine, and a pod may run on any node';
  if (!ctx.options.hostPath) {
    // A mount inherited through volumes_from was reported at the service that declares it.
    if (sm.from) return;
    ctx.diags.warn(
      'unsupported',
      `service "${draft.service.name}": the bind mount ${m.source} -> ${m.target} is left out: ${why}`,
      m.loc,
      'put the files in the project directory (they become a ConfigMap), use a named volume, or convert with --host-path to mount the path of whichever node runs the pod',
    );
    return;
  }
  if (!sm.from) {
    ctx.diags.warn(
      hostOnlyReason(m) ? 'insecure' : 'approximate',
      `service "${draft.service.name}": ${m.source} is mounted with hostPath (--host-path): the pod sees that path on whichever node runs it`,
      m.loc,
      'pin the pod to the node that has the files (nodeSelector), or move the data to a claim',
    );
  }
  const name = volume(`host:${m.source}`, `host-${index}`, (n) => ({ name: n, hostPath: { path: m.source! } }));
  mount({ name, mountPath: m.target, ...(sm.readOnly ? { readOnly: true } : {}) }, loc, key, `${sm.from ? `from ${sm.from.service}: ` : ''}hostPath ${m.source} of the node`);
}

function memoryVolume(name: string, size: string | undefined): IVolume {
  const bytes = byteSize(size);
  return { name, emptyDir: { medium: 'Memory', ...(bytes !== undefined && bytes > 0 ? { sizeLimit: bytesToQuantity(bytes) } : {}) } };
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

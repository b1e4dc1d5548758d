import type { IContainer } from 'kubernetes-models/v1/Container';
import type { IVolume } from 'kubernetes-models/v1/Volume';
import type { Project } from '../../compose/model.js';
import { get, locAt } from '../../compose/tree.js';
import { note, type MapContext, type Note, type ServiceDraft } from '../context.js';
import { serviceHints } from '../hints/extension.js';
import { judgeFidelity, settleFidelity, warnFidelity } from '../fidelity.js';
import { dns1123Label, portName, uniqueName } from '../names.js';
import { kindReasonOf, workloadMetadataOf } from './workloads.js';

/**
 * `network_mode: service:<name>` (or `container:<name>` naming a project service) of each service
 * that validly names another: the compose service -> the service whose pod it runs in. Other
 * transforms can ask which services share a pod (a volume mounted by both needs no ReadWriteMany).
 */
export function sharedPodHosts(project: Project): ReadonlyMap<string, string> {
  const known = hostsByProject.get(project);
  if (known) return known;
  const hosts = new Map<string, string>();
  for (const svc of Object.values(project.services)) {
    const target = joinedService(project, svc.networkMode);
    const host = target === undefined ? undefined : project.services[target];
    if (host && host !== svc && joinedService(project, host.networkMode) === undefined) hosts.set(svc.name, host.name);
  }
  hostsByProject.set(project, hosts);
  return hosts;
}

// Transforms ask for every service (and every claim); a loaded project never changes.
const hostsByProject = new WeakMap<Project, ReadonlyMap<string, string>>();

/**
 * The compose service whose network stack `network_mode` joins: the name after `service:`
 * (whether or not it exists, so a wrong one is reported), or the service a `container:<name>`
 * names. Undefined for host, none, bridge and containers outside the project.
 */
export function joinedService(project: Project, mode: string | undefined): string | undefined {
  if (mode?.startsWith('service:')) return mode.slice('service:'.length);
  if (mode?.startsWith('container:')) return containerOwner(project, mode.slice('container:'.length));
  return undefined;
}

/**
 * The project service a container name stands for, as Docker would find the container once
 * Compose runs the project: its `container_name`, the name Compose gives its first container when
 * it has none (`<project>-<service>-1`, `<project>_<service>_1` in Compose v1), or, as users write
 * it, the service name itself.
 */
export function containerOwner(project: Project, name: string): string | undefined {
  const services = Object.values(project.services);
  const byContainerName = services.find((s) => s.containerName === name);
  if (byContainerName) return byContainerName.name;
  const generated = services.find((s) => s.containerName === undefined && [`${project.name}-${s.name}-1`, `${project.name}_${s.name}_1`].includes(name));
  if (generated) return generated.name;
  return project.services[name]?.name;
}

/**
 * `network_mode: service:<name>` (or `container:<name>` naming a service of the project): the
 * container shares the network stack of <name>. In Kubernetes
 * the containers of one pod share their network namespace, so the service becomes a second
 * container in the pod of <name>. Its own Service (made by the port transform from its draft)
 * selects that pod, so `<service>:<port>` keeps resolving.
 *
 * Returns each guest draft with the host draft whose pod it joins. Runs before the transforms:
 * guests take the host's kind and selector.
 */
export function planSharedPods(drafts: readonly ServiceDraft[], ctx: MapContext): Map<ServiceDraft, ServiceDraft> {
  const byName = new Map(drafts.map((d) => [d.service.name, d]));
  const hosts = sharedPodHosts(ctx.project);
  const hostOf = new Map<ServiceDraft, ServiceDraft>();
  for (const draft of drafts) {
    const svc = draft.service;
    const mode = svc.networkMode;
    if (mode === undefined) continue;
    const target = joinedService(ctx.project, mode);
    if (mode.startsWith('container:') && target === undefined) {
      draft.consumed.add('network_mode');
      warnFidelity(ctx, svc, 'services.network_mode', locAt(svc.node, 'network_mode'), { value: mode, valueKey: 'container:<name>' });
      continue;
    }
    // host, none and bridge belong to the network transform.
    if (target === undefined) continue;
    draft.consumed.add('network_mode');
    settleFidelity(ctx, svc, 'services.network_mode');
    // A container of the project is joined exactly as its service is.
    judgeFidelity(ctx, 'services.network_mode', locAt(svc.node, 'network_mode'), 'exact');
    const host = hosts.get(svc.name);
    if (host !== undefined) {
      hostOf.set(draft, byName.get(host)!);
      continue;
    }
    const loc = get(svc.node, 'network_mode')?.loc ?? svc.loc;
    const named = mode.startsWith('container:') ? `container "${mode.slice('container:'.length)}" (service "${target}")` : `"${target}"`;
    const next = joinedService(ctx.project, ctx.project.services[target]?.networkMode);
    if (!ctx.project.services[target]) {
      ctx.diags.error(
        'undefined-reference',
        `service "${svc.name}": network_mode refers to service "${target}", which is not defined (or not enabled by the selected profiles)`,
        loc,
        `define "${target}" under services, or remove network_mode`,
      );
    } else if (target === svc.name) {
      ctx.diags.error('invalid-value', `service "${svc.name}": network_mode cannot name the service itself`, loc);
    } else {
      ctx.diags.error(
        'invalid-value',
        `service "${svc.name}": network_mode joins ${named}, which itself joins "${next}"; one pod cannot be nested in another`,
        loc,
        `use network_mode: service:${next} to run both in the pod of "${next}"`,
      );
    }
  }
  for (const [guest, host] of hostOf) {
    const own = kindReasonOf(guest);
    if (own && own.kind !== host.kind) {
      ctx.diags.warn(
        'approximate',
        `service "${guest.service.name}" would run as a ${own.kind}, but it shares the pod of "${host.service.name}" (network_mode), which runs as a ${host.kind}`,
        own.loc,
        `give both services the same kind of workload, or drop network_mode`,
      );
    }
    guest.kind = host.kind;
    guest.selector = { ...host.selector };
  }
  return hostOf;
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** Pod fields that are lists of independent items: the guest's items are added. */
const LIST_FIELDS = new Set(['imagePullSecrets', 'hostAliases', 'tolerations', 'topologySpreadConstraints', 'ephemeralContainers', 'readinessGates', 'resourceClaims']);

/**
 * Put the finished guest draft into the host's pod: its containers, init containers and volumes
 * (renamed when a name is taken by something else), pod settings the host lacks, annotations,
 * and the notes on all of them. What only a workload has (replicas, rollout) stays the host's.
 */
export function joinPod(host: ServiceDraft, guest: ServiceDraft, ctx: MapContext): void {
  adoptRecreate(host, guest);
  warnIgnoredSettings(host, guest, ctx);
  const hostPod = host.pod as unknown as Record<string, unknown>;
  const guestPod = guest.pod as unknown as Record<string, unknown>;
  const remapped: Note[] = [];
  // Index of each guest list item in the host's list, per pod field.
  const indexes = new Map<string, Map<number, number>>();

  const volumeNames = new Map<string, string>();
  const volumes: IVolume[] = host.pod.volumes ?? [];
  const usedVolumes = new Set(volumes.map((v) => v.name));
  (guest.pod.volumes ?? []).forEach((v, i) => {
    const existing = volumes.findIndex((h) => h.name === v.name);
    // The same claim or ConfigMap is one pod volume; an emptyDir is storage of its own service.
    if (existing >= 0 && same(volumes[existing], v) && v.emptyDir === undefined) return track(indexes, 'volumes', i, existing);
    const name = existing >= 0 ? uniqueName(usedVolumes, `${guest.name}-${v.name}`, dns1123Label) : v.name;
    usedVolumes.add(name);
    volumeNames.set(v.name, name);
    track(indexes, 'volumes', i, volumes.push({ ...v, name }) - 1);
  });
  if (volumes.length > 0) host.pod.volumes = volumes;
  const renameMounts = (c: IContainer): IContainer =>
    c.volumeMounts ? { ...c, volumeMounts: c.volumeMounts.map((m) => ({ ...m, name: volumeNames.get(m.name) ?? m.name })) } : c;

  const inits: IContainer[] = host.pod.initContainers ?? [];
  const usedNames = new Set([...inits, ...host.pod.containers].map((c) => c.name));
  (guest.pod.initContainers ?? []).map(renameMounts).forEach((c, i) => {
    const existing = inits.findIndex((h) => same(h, c));
    if (existing >= 0) return track(indexes, 'initContainers', i, existing);
    const name = usedNames.has(c.name) ? uniqueName(usedNames, `${guest.name}-${c.name}`, dns1123Label) : c.name;
    usedNames.add(name);
    track(indexes, 'initContainers', i, inits.push({ ...c, name }) - 1);
  });
  if (inits.length > 0) host.pod.initContainers = inits;

  const ports = new Set(host.pod.containers.flatMap((c) => (c.ports ?? []).map((p) => `${p.containerPort}/${p.protocol ?? 'TCP'}`)));
  const portNames = new Set(host.pod.containers.flatMap((c) => (c.ports ?? []).flatMap((p) => (p.name ? [p.name] : []))));
  const portIndexes = new Map<number, Map<number, number>>();
  guest.pod.containers.map(renameMounts).forEach((c, i) => {
    const kept = new Map<number, number>();
    // Containers of one pod share the port space: a port another container declares is the same socket.
    const own = (c.ports ?? []).flatMap((p, j) => {
      const id = `${p.containerPort}/${p.protocol ?? 'TCP'}`;
      if (ports.has(id)) return [];
      ports.add(id);
      kept.set(j, kept.size);
      return [p.name && portNames.has(p.name) ? { ...p, name: uniqueName(portNames, `${guest.name}-${p.containerPort}`, portName) } : p];
    });
    for (const p of own) if (p.name) portNames.add(p.name);
    const container = { ...c, ...(c.ports ? { ports: own } : {}) };
    if (container.ports?.length === 0) delete container.ports;
    portIndexes.set(i, kept);
    track(indexes, 'containers', i, host.pod.containers.push(container) - 1);
  });

  const taken = new Set<string>();
  for (const [field, value] of Object.entries(guestPod)) {
    if (['containers', 'initContainers', 'volumes'].includes(field) || value === undefined) continue;
    const mine = hostPod[field];
    if (mine === undefined) {
      hostPod[field] = value;
      taken.add(field);
    } else if (LIST_FIELDS.has(field) && Array.isArray(mine) && Array.isArray(value)) {
      value.forEach((item: unknown, i) => {
        const existing = mine.findIndex((m: unknown) => same(m, item));
        track(indexes, field, i, existing >= 0 ? existing : mine.push(item) - 1);
      });
    } else if (field === 'terminationGracePeriodSeconds' && typeof mine === 'number' && typeof value === 'number') {
      // Both containers get the time they need to stop.
      if (value > mine) {
        hostPod[field] = value;
        taken.add(field);
      }
    } else if (!same(mine, value)) {
      ctx.diags.warn(
        'approximate',
        `service "${guest.service.name}" shares the pod of "${host.service.name}" (network_mode), but its pod setting ${field} differs; the pod uses the one of "${host.service.name}"`,
        locAt(guest.service.node, 'network_mode'),
        `make ${field} the same on both services`,
      );
    }
  }
  for (const [k, v] of Object.entries(guest.podAnnotations)) {
    if (host.podAnnotations[k] === undefined) host.podAnnotations[k] = v;
  }

  for (const { scope, note: n } of guest.notes) {
    if (scope === 'container') {
      const main = indexes.get('containers')?.get(0);
      if (main !== undefined) remapped.push({ ...n, path: containerPath(main, portIndexes.get(0), n.path) });
      continue;
    }
    if (scope === 'object') {
      // Only the pod's own metadata survives the move: the guest's workload is not emitted.
      const [spec, template, metadata, annotations, key] = n.path;
      if (spec === 'spec' && template === 'template' && metadata === 'metadata' && annotations === 'annotations' && host.podAnnotations[String(key)] === guest.podAnnotations[String(key)]) {
        host.notes.push({ scope, note: n });
      }
      continue;
    }
    const [field, index, ...rest] = n.path;
    const map = indexes.get(String(field));
    if (map && typeof index === 'number') {
      const to = map.get(index);
      if (to === undefined) continue;
      remapped.push({ ...n, path: field === 'containers' ? containerPath(to, portIndexes.get(index), rest) : [String(field), to, ...rest] });
    } else if (taken.has(String(field))) remapped.push(n);
  }
  for (const n of remapped) host.notes.push({ scope: 'pod', note: n });
  const mode = guest.service.networkMode ?? '';
  const via = mode.startsWith('container:') ? ` (${mode} is a container of service "${host.service.name}")` : '';
  note(host, 'pod', ['containers', indexes.get('containers')?.get(0) ?? 0], locAt(guest.service.node, 'network_mode'), 'services.network_mode', `service "${guest.service.name}" shares this pod's network${via}`);
}

/**
 * A guest recreated for the ReadWriteOnce claim it mounts brings that claim into the host's pod:
 * the host's pods must then be recreated too, unless the host chose its own update strategy.
 */
function adoptRecreate(host: ServiceDraft, guest: ServiceDraft): void {
  const wanted = guest.workloadSpec.strategy as { type?: string } | undefined;
  if (wanted?.type !== 'Recreate' || host.workloadSpec.strategy !== undefined || host.kind !== 'Deployment') return;
  host.workloadSpec.strategy = { type: 'Recreate' };
  const why = guest.notes.find((n) => n.scope === 'object' && n.note.path.join('.') === 'spec.strategy');
  if (why) host.notes.push({ scope: 'object', note: { ...why.note, detail: `${why.note.detail ?? 'Recreate'} (the claim of "${guest.service.name}", which shares this pod)` } });
}

function track(indexes: Map<string, Map<number, number>>, field: string, from: number, to: number): void {
  let map = indexes.get(field);
  if (!map) indexes.set(field, (map = new Map()));
  map.set(from, to);
}

/** A container note's path inside the host pod: its new index, and its ports' new indexes. */
function containerPath(index: number, ports: Map<number, number> | undefined, path: (string | number)[]): (string | number)[] {
  const [field, i, ...rest] = path;
  if (field === 'ports' && typeof i === 'number') {
    const to = ports?.get(i);
    return to === undefined ? ['containers', index] : ['containers', index, 'ports', to, ...rest];
  }
  return ['containers', index, ...path];
}

/** Settings that make a workload rather than a pod: the guest's cannot apply to the shared pod. */
function warnIgnoredSettings(host: ServiceDraft, guest: ServiceDraft, ctx: MapContext): void {
  const ignored: string[] = [];
  if (guest.service.replicas !== undefined && guest.service.replicas !== (host.service.replicas ?? 1)) ignored.push(`replicas (${guest.service.replicas})`);
  for (const [k, v] of Object.entries(guest.workloadSpec)) {
    if (['completions', 'parallelism'].includes(k)) continue;
    if (!same(host.workloadSpec[k], v)) ignored.push(k);
  }
  const meta = workloadMetadataOf(guest);
  if (Object.keys(meta.labels).length + Object.keys(meta.annotations).length > 0) ignored.push('deploy.labels');
  if (serviceHints(guest.service, ctx.diags).autoscaling) ignored.push('x-kubernetes.autoscaling');
  if (ignored.length === 0) return;
  ctx.diags.warn(
    'approximate',
    `service "${guest.service.name}" runs in the pod of "${host.service.name}" (network_mode), so its own ${ignored.join(', ')} do not apply: the ${host.kind} of "${host.service.name}" decides`,
    locAt(guest.service.node, 'network_mode'),
    `set them on "${host.service.name}"`,
  );
}

import { PersistentVolumeClaim } from 'kubernetes-models/v1/PersistentVolumeClaim';
import type { IVolume } from 'kubernetes-models/v1/Volume';
import type { IVolumeMount } from 'kubernetes-models/v1/VolumeMount';
import type { Project } from '../compose/model.js';
import { note, type KubeObject, type MapContext, type ServiceTransform } from './context.js';
import { dnsLabel } from './names.js';

/** Which services mount each named volume, and whether it needs to be shared between pods. */
export function volumeUsers(project: Project): Map<string, string[]> {
  const users = new Map<string, string[]>();
  for (const svc of Object.values(project.services)) {
    for (const m of svc.volumes) {
      if (m.type !== 'volume' || !m.source) continue;
      const list = users.get(m.source) ?? [];
      if (!list.includes(svc.name)) list.push(svc.name);
      users.set(m.source, list);
    }
  }
  return users;
}

/**
 * Top-level named volumes -> one PersistentVolumeClaim each, shared by every service that mounts
 * it. A claim mounted by several services or replicas needs ReadWriteMany.
 */
export function mapVolumeClaims(ctx: MapContext): void {
  const users = volumeUsers(ctx.project);
  for (const [name, def] of Object.entries(ctx.project.volumes)) {
    const claim = dnsLabel(name);
    ctx.claimNames.set(name, claim);
    const mountedBy = users.get(name) ?? [];
    if (def.external) continue;
    if (mountedBy.length === 0) continue;
    const replicas = Math.max(...mountedBy.map((s) => ctx.project.services[s]?.replicas ?? 1));
    const shared = mountedBy.length > 1 || replicas > 1;
    const pvc = new PersistentVolumeClaim({
      metadata: { name: claim, labels: { 'app.kubernetes.io/part-of': ctx.project.name, 'app.kubernetes.io/managed-by': 'compose2kube' } },
      spec: {
        accessModes: [shared ? 'ReadWriteMany' : 'ReadWriteOnce'],
        resources: { requests: { storage: ctx.options.volumeSize ?? '1Gi' } },
      },
    });
    ctx.add(pvc.toJSON() as unknown as KubeObject, { what: `volume "${name}"`, loc: def.loc }, [
      { path: ['metadata', 'name'], loc: def.loc, key: 'volumes' },
      {
        path: ['spec', 'accessModes'],
        loc: def.loc,
        key: 'volumes',
        detail: shared
          ? `mounted by ${mountedBy.length > 1 ? mountedBy.join(', ') : `${replicas} replicas`}: pods on different nodes need a storage class that supports ReadWriteMany`
          : `mounted by ${mountedBy[0]} only`,
      },
    ]);
  }
}

/** volumes -> pod volumes + volumeMounts. Named volumes use their claim; anonymous ones emptyDir. */
export const mapVolumes: ServiceTransform = (draft, ctx) => {
  const svc = draft.service;
  if (svc.volumes.length === 0) return;
  draft.consumed.add('volumes');
  const volumes: IVolume[] = draft.pod.volumes ?? [];
  const mounts: IVolumeMount[] = draft.container.volumeMounts ?? [];
  const ensureVolume = (v: IVolume) => {
    if (!volumes.some((x) => x.name === v.name)) volumes.push(v);
  };
  svc.volumes.forEach((m, i) => {
    if (m.type === 'volume' && m.source) {
      const def = ctx.project.volumes[m.source];
      if (!def) {
        ctx.diags.error('undefined-reference', `service "${svc.name}" mounts volume "${m.source}", which is not declared under the top-level volumes`, m.loc, `add \`${m.source}:\` under \`volumes:\``);
        return;
      }
      const name = ctx.claimNames.get(m.source) ?? dnsLabel(m.source);
      ensureVolume({ name, persistentVolumeClaim: { claimName: def.external ? (def.externalName ?? m.source) : name } });
      const mount: IVolumeMount = { name, mountPath: m.target };
      if (m.readOnly) mount.readOnly = true;
      if (m.volume?.subpath) mount.subPath = m.volume.subpath;
      note(draft, 'container', ['volumeMounts', mounts.length], m.loc, 'services.volumes');
      mounts.push(mount);
    } else if (m.type === 'volume') {
      // Anonymous volume: lives as long as the container in Compose, as long as the pod here.
      const name = `anon-${i}`;
      ensureVolume({ name, emptyDir: {} });
      note(draft, 'container', ['volumeMounts', mounts.length], m.loc, 'services.volumes', 'anonymous volume: an emptyDir that lives as long as the pod');
      mounts.push({ name, mountPath: m.target, ...(m.readOnly ? { readOnly: true } : {}) });
    } else {
      ctx.diags.warn(
        'unmapped-key',
        `service "${svc.name}": ${m.type} mount ${m.source ? `${m.source} -> ` : ''}${m.target} is not converted yet`,
        m.loc,
        'use a named volume, or a ConfigMap for configuration files',
      );
    }
  });
  if (volumes.length > 0) draft.pod.volumes = volumes;
  if (mounts.length > 0) draft.container.volumeMounts = mounts;
};

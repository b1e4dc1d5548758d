import type { UpdateConfig } from '../../compose/model.js';
import { at, entry, get, isMap, locAt, scalarString } from '../../compose/tree.js';
import { note, type MapContext, type ServiceDraft, type ServiceTransform } from '../context.js';
import { durationAt } from '../durations.js';
import { settleFidelity, warnFidelity } from '../fidelity.js';

const UPDATE_KEYS = [
  'services.deploy.update_config',
  'services.deploy.update_config.delay',
  'services.deploy.update_config.monitor',
  'services.deploy.update_config.failure_action',
  'services.deploy.update_config.max_failure_ratio',
];

/**
 * deploy.update_config -> the rolling update of the workload; deploy.rollback_config has no
 * counterpart (Kubernetes rolls back only when asked).
 */
export const mapRollout: ServiceTransform = (draft, ctx) => {
  const svc = draft.service;
  const deploy = get(svc.node, 'deploy');
  const rollback = isMap(deploy) ? entry(deploy, 'rollback_config') : undefined;
  if (rollback) warnFidelity(ctx, svc, 'services.deploy.rollback_config', rollback.keyLoc);
  const update = svc.deploy?.updateConfig;
  if (!update) {
    recreateWhenClaimIsExclusive(draft, ctx);
    return;
  }
  // Zero delays and ratios change nothing; the others are warned about here, per workload kind.
  for (const key of UPDATE_KEYS) settleFidelity(ctx, svc, key);
  const loc = locAt(svc.node, 'deploy', 'update_config');
  const order = at(svc.node, 'deploy', 'update_config', 'order');
  const orderText = scalarString(order);
  if (order && orderText !== 'start-first' && orderText !== 'stop-first') {
    ctx.diags.error('invalid-value', `service "${svc.name}": deploy.update_config.order must be start-first or stop-first, got ${JSON.stringify(orderText ?? null)}`, order.loc);
  }
  switch (draft.kind) {
    case 'Job':
    case 'CronJob':
      ctx.diags.warn(
        'unsupported',
        `service "${svc.name}": deploy.update_config does not apply: it runs as a ${draft.kind}, whose pods are never updated in place`,
        loc,
        'remove update_config; a changed Job is deleted and created again',
      );
      return;
    case 'StatefulSet':
      statefulSetUpdate(draft, ctx, update);
      break;
    default:
      rollingUpdate(draft, update);
  }
  minReadySeconds(draft, ctx, update);
  failureHandling(draft, ctx, update);
};

/** Batches of `parallelism` pods, replaced stop-first (Compose's default) or start-first. */
function rollingUpdate(draft: ServiceDraft, update: UpdateConfig): void {
  const svc = draft.service;
  // parallelism 0 updates every task at once.
  const batch: number | string = update.parallelism === 0 ? '100%' : (update.parallelism ?? 1);
  const startFirst = update.order === 'start-first';
  const rolling = { maxSurge: startFirst ? batch : 0, maxUnavailable: startFirst ? 0 : batch };
  const field = draft.kind === 'Deployment' ? 'strategy' : 'updateStrategy';
  draft.workloadSpec[field] = { type: 'RollingUpdate', rollingUpdate: rolling };
  const loc = locAt(svc.node, 'deploy', 'update_config');
  const detail = `${update.order ?? 'stop-first'}, ${update.parallelism === 0 ? 'all' : batch} at a time`;
  note(draft, 'object', ['spec', field], loc, 'services.deploy.update_config', detail);
}

/** A StatefulSet replaces its pods one at a time, always stopping the old pod first. */
function statefulSetUpdate(draft: ServiceDraft, ctx: MapContext, update: UpdateConfig): void {
  const svc = draft.service;
  draft.workloadSpec.updateStrategy = { type: 'RollingUpdate' };
  note(draft, 'object', ['spec', 'updateStrategy'], locAt(svc.node, 'deploy', 'update_config'), 'services.deploy.update_config', 'one pod at a time, old pod stopped first');
  if (update.order === 'start-first') {
    ctx.diags.warn(
      'approximate',
      `service "${svc.name}": deploy.update_config.order: start-first is not possible for a StatefulSet, whose pod keeps its identity: the old pod stops before the new one starts`,
      locAt(svc.node, 'deploy', 'update_config', 'order'),
      'run it as a Deployment if the pods do not need stable identities',
    );
  }
  if (update.parallelism !== undefined && update.parallelism !== 1) {
    ctx.diags.warn(
      'approximate',
      `service "${svc.name}": deploy.update_config.parallelism: ${update.parallelism}: a StatefulSet updates one pod at a time (maxUnavailable needs the MaxUnavailableStatefulSet feature gate)`,
      locAt(svc.node, 'deploy', 'update_config', 'parallelism'),
      'set spec.updateStrategy.rollingUpdate.maxUnavailable yourself on clusters with that feature gate',
    );
  }
}

/** delay and monitor both hold the rollout back: a new pod must stay ready this long first. */
function minReadySeconds(draft: ServiceDraft, ctx: MapContext, update: UpdateConfig): void {
  const svc = draft.service;
  let total = 0;
  const parts: string[] = [];
  for (const name of ['delay', 'monitor'] as const) {
    const seconds = durationAt(ctx, svc, 'deploy', 'update_config', name);
    if (!seconds) continue;
    const loc = locAt(svc.node, 'deploy', 'update_config', name);
    total += seconds;
    parts.push(`${name} ${update[name]}`);
    note(draft, 'object', ['spec', 'minReadySeconds'], loc, `services.deploy.update_config.${name}`);
    warnFidelity(ctx, svc, `services.deploy.update_config.${name}`, loc);
  }
  if (total > 0) {
    draft.workloadSpec.minReadySeconds = Math.ceil(total);
    if (parts.length > 1) note(draft, 'object', ['spec', 'minReadySeconds'], locAt(svc.node, 'deploy', 'update_config'), 'services.deploy.update_config', parts.join(' + '));
  }
}

function failureHandling(draft: ServiceDraft, ctx: MapContext, update: UpdateConfig): void {
  const svc = draft.service;
  if (update.failureAction !== undefined) {
    const loc = locAt(svc.node, 'deploy', 'update_config', 'failure_action');
    if (!['pause', 'continue', 'rollback'].includes(update.failureAction)) {
      ctx.diags.error('invalid-value', `service "${svc.name}": deploy.update_config.failure_action must be one of pause, continue, rollback, got ${JSON.stringify(update.failureAction)}`, loc);
    } else warnFidelity(ctx, svc, 'services.deploy.update_config.failure_action', loc, { value: update.failureAction });
  }
  if (update.maxFailureRatio !== undefined && update.maxFailureRatio > 0) {
    warnFidelity(ctx, svc, 'services.deploy.update_config.max_failure_ratio', locAt(svc.node, 'deploy', 'update_config', 'max_failure_ratio'));
  }
}

/**
 * Without update_config, Compose replaces a container stop-first. Kubernetes' default rolling
 * update starts the new pod first, which for a pod on a ReadWriteOnce claim either hangs (the
 * claim is attached to the old pod's node) or runs two processes on one data directory. Such a
 * Deployment is recreated instead; stateless ones keep the zero-downtime default.
 */
function recreateWhenClaimIsExclusive(draft: ServiceDraft, ctx: MapContext): void {
  if (draft.kind !== 'Deployment') return;
  // Looked up by name in the claims indexed as they were added (not a scan of every object per service).
  const modes = (claim: string) => (ctx.claimsByName.get(claim)?.object.spec as { accessModes?: string[] } | undefined)?.accessModes;
  const exclusive = (draft.pod.volumes ?? [])
    .map((v) => v.persistentVolumeClaim?.claimName)
    .filter((claim): claim is string => claim !== undefined)
    // A claim the tool did not create (external) has unknown access modes: assume exclusive.
    .filter((claim) => !(ctx.claimsByName.has(claim) ? (modes(claim) ?? []) : ['ReadWriteOnce']).some((m) => m === 'ReadWriteMany' || m === 'ReadOnlyMany'));
  if (exclusive.length === 0) return;
  draft.workloadSpec.strategy = { type: 'Recreate' };
  const mount = draft.service.volumes.find((m) => m.type === 'volume' && m.source !== undefined);
  note(
    draft,
    'object',
    ['spec', 'strategy'],
    mount?.loc ?? draft.service.loc,
    'services.volumes',
    `Recreate: the old pod releases the ReadWriteOnce claim ${exclusive.join(', ')} before the new one starts, as Compose stops a container before replacing it`,
  );
}

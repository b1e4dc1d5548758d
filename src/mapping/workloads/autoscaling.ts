import { HorizontalPodAutoscaler } from '../kube-models.js';
import type { IMetricSpec } from 'kubernetes-models/autoscaling/v2/MetricSpec';
import type { KubeObject, MapContext, Note, ServiceDraft } from '../context.js';
import { serviceHints } from '../hints/extension.js';

/** What the autoscaler aims for when the user names no metric: Kubernetes' own default. */
const DEFAULT_CPU_UTILIZATION = 80;

/**
 * x-kubernetes autoscaling (or Kompose's kompose.hpa.* labels) -> a HorizontalPodAutoscaler
 * (autoscaling/v2) for the service's workload. Runs on the finished pod, before the workload is
 * emitted: the autoscaler owns the replica count from then on, so the workload leaves it out.
 */
export function mapAutoscaling(draft: ServiceDraft, ctx: MapContext): void {
  const svc = draft.service;
  const hint = serviceHints(svc, ctx.diags).autoscaling;
  if (!hint) return;
  if (draft.kind !== 'Deployment' && draft.kind !== 'StatefulSet') {
    ctx.diags.warn(
      'unsupported',
      `service "${svc.name}": ${hint.from} is not converted: it runs as a ${draft.kind}, which an autoscaler cannot scale`,
      hint.loc,
      'autoscale a Deployment or StatefulSet (deploy.mode: replicated)',
    );
    return;
  }
  const { minReplicas, maxReplicas } = hint.value;
  const targets: ['cpu' | 'memory', number][] = [];
  if (hint.value.cpu !== undefined) targets.push(['cpu', hint.value.cpu]);
  if (hint.value.memory !== undefined) targets.push(['memory', hint.value.memory]);
  const defaulted = targets.length === 0;
  if (defaulted) targets.push(['cpu', DEFAULT_CPU_UTILIZATION]);
  const metrics: IMetricSpec[] = targets.map(([name, averageUtilization]) => ({
    type: 'Resource',
    resource: { name, target: { type: 'Utilization', averageUtilization } },
  }));
  for (const [name] of targets) {
    // A container with a limit and no request requests its limit: Kubernetes defaults one to the other.
    const without = draft.pod.containers.filter((c) => c.resources?.requests?.[name] === undefined && c.resources?.limits?.[name] === undefined).map((c) => c.name);
    if (without.length === 0) continue;
    ctx.diags.add(
      'autoscaling-without-requests',
      `service "${svc.name}": the autoscaler measures ${name} as a percentage of what the containers request, but ${without.join(', ')} request${without.length === 1 ? 's' : ''} no ${name}: it cannot compute the utilization and never scales`,
      hint.loc,
      { hint: `set deploy.resources.reservations.${name === 'cpu' ? 'cpus' : 'memory'} (or a limit, which is also the request when no reservation is set) on the service` },
    );
  }
  const notes: Note[] = [
    { path: ['spec', 'minReplicas'], loc: hint.loc, key: hint.key, detail: `from ${hint.from}` },
    { path: ['spec', 'metrics'], loc: hint.loc, key: hint.key, ...(defaulted ? { detail: `no target given: ${DEFAULT_CPU_UTILIZATION}% CPU, the autoscaler's default` } : {}) },
  ];
  if (draft.replicas !== undefined) {
    notes.push({ path: ['spec', 'maxReplicas'], loc: hint.loc, key: hint.key, detail: `replicas ${draft.replicas} is left to the autoscaler; a fixed count in the ${draft.kind} would be reset on every apply` });
    draft.replicas = undefined;
  }
  const hpa = new HorizontalPodAutoscaler({
    metadata: { name: draft.name, labels: { ...draft.labels } },
    spec: {
      scaleTargetRef: { apiVersion: 'apps/v1', kind: draft.kind, name: draft.name },
      minReplicas,
      maxReplicas,
      metrics,
    },
  });
  ctx.add(hpa.toJSON() as unknown as KubeObject, { what: `service "${svc.name}"`, loc: hint.loc }, notes);
}

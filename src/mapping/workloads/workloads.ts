import { DaemonSet, Deployment, StatefulSet, CronJob, Job } from '../kube-models.js';
import type { IPodTemplateSpec } from 'kubernetes-models/v1/PodTemplateSpec';
import type { Project, Service } from '../../compose/model.js';
import { entry, get, locAt } from '../../compose/tree.js';
import type { Loc } from '../../util/loc.js';
import { note, type KubeObject, type MapContext, type Note, type NoteScope, type ServiceDraft, type ServiceTransform, type WorkloadKind } from '../context.js';
import { serviceHints } from '../hints/extension.js';
import { settleFidelity, warnFidelity } from '../fidelity.js';

/** Why a service runs as the workload kind it got, for the note on `kind`. */
export interface KindReason {
  kind: WorkloadKind;
  loc: Loc;
  key: string;
  detail?: string;
}

/**
 * The services that another service waits for with `condition: service_completed_successfully`:
 * Compose itself says they run once to completion. Maps the service to the first such wait.
 */
export function awaitedCompletions(project: Project): ReadonlyMap<string, { dependant: string; loc: Loc }> {
  const known = awaitedByProject.get(project);
  if (known) return known;
  const awaited = new Map<string, { dependant: string; loc: Loc }>();
  for (const svc of Object.values(project.services)) {
    for (const [dep, d] of Object.entries(svc.dependsOn)) {
      if (d.condition === 'service_completed_successfully' && !awaited.has(dep)) awaited.set(dep, { dependant: svc.name, loc: d.loc });
    }
  }
  awaitedByProject.set(project, awaited);
  return awaited;
}

// The dependency transform asks for every dependency; a loaded project never changes.
const awaitedByProject = new WeakMap<Project, ReadonlyMap<string, { dependant: string; loc: Loc }>>();

const MODES = ['replicated', 'global', 'replicated-job', 'global-job'];

/**
 * The workload kind of a service: what the user asked for through x-kubernetes (or Kompose's
 * labels), else what Compose says about it: `deploy.mode` and one-shot services others wait for.
 */
export function workloadKind(svc: Service, ctx: MapContext, awaited: ReturnType<typeof awaitedCompletions>): KindReason | undefined {
  const hint = serviceHints(svc, ctx.diags).workload;
  if (hint) return { kind: hint.value, loc: hint.loc, key: hint.key, detail: `requested by ${hint.from}` };
  const mode = svc.deploy?.mode;
  if (mode !== undefined) {
    const loc = locAt(svc.node, 'deploy', 'mode');
    if (!MODES.includes(mode)) {
      ctx.diags.error('invalid-value', `service "${svc.name}": deploy.mode must be one of ${MODES.join(', ')}, got ${JSON.stringify(mode)}`, get(get(svc.node, 'deploy'), 'mode')?.loc ?? loc);
    } else if (mode === 'global') return { kind: 'DaemonSet', loc, key: 'services.deploy.mode' };
    else if (mode !== 'replicated') {
      warnFidelity(ctx, svc, 'services.deploy.mode', loc, { value: mode });
      return { kind: 'Job', loc, key: 'services.deploy.mode' };
    }
  }
  const wait = awaited.get(svc.name);
  if (wait) {
    return {
      kind: 'Job',
      loc: wait.loc,
      key: 'services.depends_on',
      detail: `"${wait.dependant}" waits for it to complete successfully, so it runs once to completion`,
    };
  }
  return undefined;
}

/** How the draft got its kind; set when the draft is made, read by the transform that notes it. */
const kindReasons = new WeakMap<ServiceDraft, KindReason>();

export function kindReasonOf(draft: ServiceDraft): KindReason | undefined {
  return kindReasons.get(draft);
}

export function setWorkloadKind(draft: ServiceDraft, reason: KindReason | undefined): void {
  if (!reason) return;
  draft.kind = reason.kind;
  kindReasons.set(draft, reason);
}

/** Notes the kind, fills what only some kinds have (a CronJob's schedule), and marks `deploy` as handled. */
export const mapWorkloadKind: ServiceTransform = (draft, ctx) => {
  const reason = kindReasons.get(draft);
  if (reason) note(draft, 'object', ['kind'], reason.loc, reason.key, reason.detail);
  if (draft.service.deploy) draft.consumed.add('deploy');
  // deploy.endpoint_mode: dnsrr asks for what a headless Service does.
  if (draft.service.deploy?.endpointMode === 'dnsrr' && serviceHints(draft.service, ctx.diags).headless?.value) {
    settleFidelity(ctx, draft.service, 'services.deploy.endpoint_mode');
  }
  const schedule = serviceHints(draft.service, ctx.diags).schedule;
  if (draft.kind === 'CronJob' && schedule) {
    draft.workloadSpec.schedule = schedule.value;
    note(draft, 'object', ['spec', 'schedule'], schedule.loc, schedule.key);
  }
};

/** deploy.replicas / scale -> replicas of a Deployment or StatefulSet, completions of a Job. */
export const mapReplicas: ServiceTransform = (draft, ctx) => {
  const svc = draft.service;
  if (entry(svc.node, 'scale')) draft.consumed.add('scale');
  if (svc.replicas === undefined) return;
  const fromDeploy = svc.deploy?.replicas !== undefined;
  const key = fromDeploy ? 'services.deploy.replicas' : 'services.scale';
  const loc = fromDeploy ? locAt(svc.node, 'deploy', 'replicas') : locAt(svc.node, 'scale');
  switch (draft.kind) {
    case 'Deployment':
    case 'StatefulSet':
      draft.replicas = svc.replicas;
      note(draft, 'object', ['spec', 'replicas'], loc, key);
      return;
    case 'DaemonSet':
      ctx.diags.warn(
        'approximate',
        `service "${svc.name}": ${fromDeploy ? 'deploy.replicas' : 'scale'} ${svc.replicas} is ignored: a DaemonSet runs one pod on every node`,
        loc,
        'remove the replica count, or use deploy.mode: replicated to run a fixed number of pods',
      );
      return;
    case 'Job':
    case 'CronJob': {
      const detail = `${svc.replicas} copies run at the same time, each once`;
      draft.workloadSpec.completions = svc.replicas;
      draft.workloadSpec.parallelism = svc.replicas;
      note(draft, 'object', ['spec', 'completions'], loc, key, detail);
      note(draft, 'object', ['spec', 'parallelism'], loc, key);
    }
  }
};

/** Where the pod spec sits in each kind of workload. */
const POD_PATH: Record<WorkloadKind, string[]> = {
  Deployment: ['spec', 'template', 'spec'],
  DaemonSet: ['spec', 'template', 'spec'],
  StatefulSet: ['spec', 'template', 'spec'],
  Job: ['spec', 'template', 'spec'],
  CronJob: ['spec', 'jobTemplate', 'spec', 'template', 'spec'],
};

/** Fields of a CronJob's own spec; every other workload field belongs to the Jobs it creates. */
const CRON_FIELDS = new Set(['schedule', 'timeZone', 'concurrencyPolicy', 'startingDeadlineSeconds', 'successfulJobsHistoryLimit', 'failedJobsHistoryLimit', 'suspend']);

/** Path of a note inside the finished workload. */
export function workloadPath(kind: WorkloadKind, scope: NoteScope, path: (string | number)[]): (string | number)[] {
  if (scope === 'pod') return [...POD_PATH[kind], ...path];
  if (scope === 'container') return [...POD_PATH[kind], 'containers', 0, ...path];
  const [first, field, ...rest] = path;
  if (kind === 'CronJob' && first === 'spec' && field !== undefined && !CRON_FIELDS.has(String(field))) return ['spec', 'jobTemplate', 'spec', field, ...rest];
  return path;
}

/** Labels and annotations of the workload object itself (deploy.labels), beside the pod's. */
export interface WorkloadMetadata {
  labels: Record<string, string>;
  annotations: Record<string, string>;
}

const workloadMetadata = new WeakMap<ServiceDraft, WorkloadMetadata>();

export function workloadMetadataOf(draft: ServiceDraft): WorkloadMetadata {
  let meta = workloadMetadata.get(draft);
  if (!meta) {
    meta = { labels: {}, annotations: {} };
    workloadMetadata.set(draft, meta);
  }
  return meta;
}

function nonEmpty(record: Record<string, string>): Record<string, string> | undefined {
  return Object.keys(record).length > 0 ? record : undefined;
}

/** The finished draft -> its workload object (Deployment, DaemonSet, StatefulSet, Job or CronJob). */
export function emitWorkload(draft: ServiceDraft, ctx: MapContext): void {
  const svc = draft.service;
  const meta = workloadMetadataOf(draft);
  const podAnnotations = nonEmpty(draft.podAnnotations);
  const template: IPodTemplateSpec = {
    metadata: { labels: { ...draft.labels }, ...(podAnnotations ? { annotations: { ...podAnnotations } } : {}) },
    spec: draft.pod,
  };
  const annotations = nonEmpty(meta.annotations);
  const metadata = { name: draft.name, labels: { ...draft.labels, ...meta.labels }, ...(annotations ? { annotations } : {}) };
  const replicas = draft.replicas !== undefined ? { replicas: draft.replicas } : {};
  const selector = { matchLabels: { ...draft.selector } };
  const extra = draft.workloadSpec;
  let object: { toJSON(): unknown };
  switch (draft.kind) {
    case 'Deployment':
      object = new Deployment({ metadata, spec: { ...replicas, selector, ...extra, template } });
      break;
    case 'StatefulSet':
      // The governing Service: the one named like the compose service when it is headless, else the
      // headless `<name>-headless` that services.ts adds and puts in workloadSpec.
      object = new StatefulSet({ metadata, spec: { serviceName: draft.name, ...replicas, selector, ...extra, template } });
      break;
    case 'DaemonSet':
      object = new DaemonSet({ metadata, spec: { selector, ...extra, template } });
      break;
    case 'Job':
      // The Job controller makes a unique selector itself; one given here would have to match it.
      object = new Job({ metadata, spec: { ...extra, template: jobTemplate(template) } });
      break;
    case 'CronJob': {
      const cron = Object.fromEntries(Object.entries(extra).filter(([k]) => CRON_FIELDS.has(k)));
      const job = Object.fromEntries(Object.entries(extra).filter(([k]) => !CRON_FIELDS.has(k)));
      object = new CronJob({
        metadata,
        spec: { ...(cron as { schedule: string }), jobTemplate: { metadata: { labels: { ...draft.labels } }, spec: { ...job, template: jobTemplate(template) } } },
      });
      break;
    }
  }
  const notes: Note[] = [
    { path: ['metadata', 'name'], loc: svc.loc, key: 'services', detail: `it runs as a ${draft.kind}` },
    ...draft.notes.map(({ scope, note: n }) => ({ ...n, path: workloadPath(draft.kind, scope, n.path) })),
  ];
  ctx.add(object.toJSON() as unknown as KubeObject, { what: `service "${svc.name}"`, loc: svc.loc }, notes);
}

/** Pods of a Job must not restart forever: Never unless a transform chose OnFailure. */
function jobTemplate(template: IPodTemplateSpec): IPodTemplateSpec {
  const spec = template.spec!;
  if (spec.restartPolicy !== 'OnFailure') spec.restartPolicy = 'Never';
  return template;
}

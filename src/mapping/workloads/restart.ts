import { at, locAt } from '../../compose/tree.js';
import type { Loc } from '../../util/loc.js';
import { note, type MapContext, type ServiceDraft, type ServiceTransform } from '../context.js';
import { durationAt } from '../durations.js';
import { judgeFidelity, settleFidelity, warnFidelity } from '../fidelity.js';

/** What restarts a container, in Compose's words, and where it was said. */
interface RestartIntent {
  /** The value as written (`unless-stopped`, `none`, ...), for messages and the table's values. */
  written: string;
  /** What it means: restart whenever the container exits, only when it fails, or never. */
  restarts: 'always' | 'on-failure' | 'never';
  /** Retries before giving up; undefined: never give up. */
  maxAttempts?: number;
  loc: Loc;
  key: 'services.restart' | 'services.deploy.restart_policy.condition';
  what: string;
}

/** Docker Compose reads both spellings in both places (`restart: always`, `condition: any`). */
const MEANINGS: Record<string, RestartIntent['restarts']> = {
  always: 'always',
  any: 'always',
  'unless-stopped': 'always',
  'on-failure': 'on-failure',
  no: 'never',
  none: 'never',
};

const RESTART_KEYS = [
  'services.restart',
  'services.deploy.restart_policy.condition',
  'services.deploy.restart_policy.max_attempts',
  'services.deploy.restart_policy.delay',
  'services.deploy.restart_policy.window',
];

/**
 * restart, deploy.restart_policy -> the pod's restartPolicy. `deploy.restart_policy` wins over
 * `restart`, as in Docker Compose. Long-running workloads can only restart always; a Job restarts
 * on failure or never, and gives up after `max_attempts` (backoffLimit).
 */
export const mapRestart: ServiceTransform = (draft, ctx) => {
  const svc = draft.service;
  const intent = restartIntent(draft, ctx);
  if (svc.restart !== undefined) draft.consumed.add('restart');
  const policy = svc.deploy?.restartPolicy;
  // This transform judges every restart key itself: exact or not depends on the workload kind.
  for (const key of RESTART_KEYS) settleFidelity(ctx, svc, key);
  const isJob = draft.kind === 'Job' || draft.kind === 'CronJob';
  if (!isJob) {
    if (!intent) return;
    draft.pod.restartPolicy = 'Always';
    note(draft, 'pod', ['restartPolicy'], intent.loc, intent.key);
    if (intent.restarts !== 'always') {
      warnFidelity(ctx, svc, intent.key, intent.loc, { what: intent.what, value: intent.written, valueKey: valueKey(intent), detail: `it runs as a ${draft.kind}` });
    }
    if (policy?.maxAttempts !== undefined) {
      warnFidelity(ctx, svc, 'services.deploy.restart_policy.max_attempts', locAt(svc.node, 'deploy', 'restart_policy', 'max_attempts'));
    }
  } else {
    // Compose's default is not to restart at all.
    const restarts = intent?.restarts ?? 'never';
    const loc = intent?.loc ?? svc.loc;
    const key = intent?.key ?? 'services.restart';
    // A Job never restarts, or retries a failure a given number of times, as Compose does; it
    // cannot restart a run that succeeded, nor retry without limit (both warned below).
    if (intent) judgeFidelity(ctx, key, loc, restarts === 'never' || (restarts === 'on-failure' && intent.maxAttempts !== undefined) ? 'exact' : 'approximate');
    if (restarts === 'never') {
      draft.pod.restartPolicy = 'Never';
      draft.workloadSpec.backoffLimit = 0;
      note(draft, 'pod', ['restartPolicy'], loc, key, intent ? undefined : 'Compose does not restart a container unless told to');
      note(draft, 'object', ['spec', 'backoffLimit'], loc, key, 'a failed run is not retried');
    } else {
      draft.pod.restartPolicy = 'OnFailure';
      note(draft, 'pod', ['restartPolicy'], loc, key);
      if (restarts === 'always') {
        ctx.diags.warn(
          'approximate',
          `service "${svc.name}": ${intent!.what}: ${JSON.stringify(intent!.written)} restarts it only when it fails: it runs as a ${draft.kind}, and a completed Job is not started again`,
          loc,
          'use restart: on-failure for a one-shot service, or make it a Deployment if it should keep running',
        );
      }
      if (intent?.maxAttempts !== undefined) {
        draft.workloadSpec.backoffLimit = intent.maxAttempts;
        const attemptsLoc = policy?.maxAttempts !== undefined ? locAt(svc.node, 'deploy', 'restart_policy', 'max_attempts') : intent.loc;
        note(draft, 'object', ['spec', 'backoffLimit'], attemptsLoc, policy?.maxAttempts !== undefined ? 'services.deploy.restart_policy.max_attempts' : key);
      } else {
        ctx.diags.warn(
          'approximate',
          `service "${svc.name}": ${intent!.what}: ${JSON.stringify(intent!.written)} retries without limit in Compose; a Job gives up after 6 failed retries (its default backoffLimit)`,
          loc,
          'set deploy.restart_policy.max_attempts (or restart: on-failure:<n>) to choose the number of retries',
        );
      }
    }
  }
  if (policy && durationAt(ctx, svc, 'deploy', 'restart_policy', 'delay')) {
    warnFidelity(ctx, svc, 'services.deploy.restart_policy.delay', locAt(svc.node, 'deploy', 'restart_policy', 'delay'));
  }
  if (policy && durationAt(ctx, svc, 'deploy', 'restart_policy', 'window')) {
    warnFidelity(ctx, svc, 'services.deploy.restart_policy.window', locAt(svc.node, 'deploy', 'restart_policy', 'window'));
  }
};

/** The row's `values` key: each place has its own spelling of "never". */
function valueKey(intent: RestartIntent): string {
  if (intent.restarts === 'never') return intent.key === 'services.restart' ? 'no' : 'none';
  return intent.restarts;
}

/** The restart behaviour Compose would use: deploy.restart_policy, else restart, else none given. */
function restartIntent(draft: ServiceDraft, ctx: MapContext): RestartIntent | undefined {
  const svc = draft.service;
  const policy = svc.deploy?.restartPolicy;
  let intent: Omit<RestartIntent, 'restarts'>;
  let valueLoc: Loc;
  if (policy) {
    const given = policy.condition !== undefined;
    const loc = given ? locAt(svc.node, 'deploy', 'restart_policy', 'condition') : locAt(svc.node, 'deploy', 'restart_policy');
    intent = { written: policy.condition ?? 'any', maxAttempts: policy.maxAttempts, loc, key: 'services.deploy.restart_policy.condition', what: 'deploy.restart_policy.condition' };
    valueLoc = at(svc.node, 'deploy', 'restart_policy', 'condition')?.loc ?? loc;
  } else if (svc.restart !== undefined) {
    // `on-failure:3`: at most 3 retries.
    const [written = '', attempts] = svc.restart.split(':');
    const maxAttempts = attempts !== undefined && /^\d+$/.test(attempts) ? Number(attempts) : undefined;
    intent = { written, maxAttempts, loc: locAt(svc.node, 'restart'), key: 'services.restart', what: 'restart' };
    valueLoc = at(svc.node, 'restart')?.loc ?? intent.loc;
  } else return undefined;
  const restarts = MEANINGS[intent.written];
  if (!restarts) {
    ctx.diags.error(
      'invalid-value',
      `service "${svc.name}": ${intent.what} must be one of ${intent.key === 'services.restart' ? 'no, always, on-failure[:<retries>], unless-stopped' : 'none, on-failure, any'}, got ${JSON.stringify(intent.written)}`,
      valueLoc,
    );
    return undefined;
  }
  return { ...intent, restarts };
}

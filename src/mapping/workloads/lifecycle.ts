import type { ILifecycleHandler } from 'kubernetes-models/v1/LifecycleHandler';
import type { ILifecycle } from 'kubernetes-models/v1/Lifecycle';
import type { LifecycleHook } from '../../compose/model.js';
import { at, get, locAt } from '../../compose/tree.js';
import { note, type MapContext, type ServiceDraft, type ServiceTransform } from '../context.js';
import { durationAt } from '../durations.js';
import { settleFidelity, warnFidelity } from '../fidelity.js';

/** stop_grace_period, stop_signal, post_start, pre_stop, pull_policy: how a container starts and stops. */
export const mapLifecycle: ServiceTransform = (draft, ctx) => {
  mapGracePeriod(draft, ctx);
  mapStopSignal(draft, ctx);
  mapHooks(draft, ctx, 'post_start');
  mapHooks(draft, ctx, 'pre_stop');
  mapPullPolicy(draft, ctx);
};

function mapGracePeriod(draft: ServiceDraft, ctx: MapContext): void {
  const svc = draft.service;
  if (svc.stopGracePeriod === undefined) return;
  draft.consumed.add('stop_grace_period');
  const seconds = durationAt(ctx, svc, 'stop_grace_period');
  if (seconds === undefined) return;
  draft.pod.terminationGracePeriodSeconds = Math.ceil(seconds);
  note(draft, 'pod', ['terminationGracePeriodSeconds'], locAt(svc.node, 'stop_grace_period'), 'services.stop_grace_period');
}

/** Linux signal numbers, as Docker accepts them (`stop_signal: 3`). */
const SIGNAL_NUMBERS = [
  '', 'SIGHUP', 'SIGINT', 'SIGQUIT', 'SIGILL', 'SIGTRAP', 'SIGABRT', 'SIGBUS', 'SIGFPE', 'SIGKILL', 'SIGUSR1', 'SIGSEGV', 'SIGUSR2',
  'SIGPIPE', 'SIGALRM', 'SIGTERM', 'SIGSTKFLT', 'SIGCHLD', 'SIGCONT', 'SIGSTOP', 'SIGTSTP', 'SIGTTIN', 'SIGTTOU', 'SIGURG', 'SIGXCPU',
  'SIGXFSZ', 'SIGVTALRM', 'SIGPROF', 'SIGWINCH', 'SIGIO', 'SIGPWR', 'SIGSYS',
];

/** The signals a container's stopSignal may name (Linux). */
const KNOWN_SIGNALS = new Set([
  ...SIGNAL_NUMBERS.filter((s) => s !== ''),
  'SIGCLD',
  'SIGIOT',
  'SIGPOLL',
  'SIGRTMIN',
  'SIGRTMAX',
  ...Array.from({ length: 15 }, (_, i) => `SIGRTMIN+${i + 1}`),
  ...Array.from({ length: 14 }, (_, i) => `SIGRTMAX-${i + 1}`),
]);

/** `QUIT`, `sigquit`, `3` -> `SIGQUIT`; undefined when it is no signal Kubernetes knows. */
export function signalName(text: string): string | undefined {
  const s = text.trim().toUpperCase();
  const name = /^\d+$/.test(s) ? SIGNAL_NUMBERS[Number(s)] : s.startsWith('SIG') ? s : `SIG${s}`;
  return name !== undefined && KNOWN_SIGNALS.has(name) ? name : undefined;
}

/**
 * stop_signal -> containers[].lifecycle.stopSignal, which needs the pod's OS. Without the
 * (alpha) ContainerStopSignals feature gate the API server drops the field: warned.
 */
function mapStopSignal(draft: ServiceDraft, ctx: MapContext): void {
  const svc = draft.service;
  if (svc.stopSignal === undefined) return;
  draft.consumed.add('stop_signal');
  const key = 'services.stop_signal';
  const loc = locAt(svc.node, 'stop_signal');
  settleFidelity(ctx, svc, key);
  const signal = signalName(svc.stopSignal);
  if (!signal) {
    ctx.diags.error('invalid-value', `service "${svc.name}": stop_signal ${JSON.stringify(svc.stopSignal)} is not a signal name such as SIGTERM or SIGQUIT`, get(svc.node, 'stop_signal')?.loc ?? loc);
    return;
  }
  // The runtime sends SIGTERM unless the image says otherwise: nothing to convert.
  if (signal === 'SIGTERM') return;
  const lifecycle: ILifecycle = (draft.container.lifecycle ??= {});
  lifecycle.stopSignal = signal as ILifecycle['stopSignal'];
  note(draft, 'container', ['lifecycle', 'stopSignal'], loc, key);
  if (!draft.pod.os) {
    const os = draft.pod.nodeSelector?.['kubernetes.io/os'] === 'windows' ? 'windows' : 'linux';
    draft.pod.os = { name: os };
    note(draft, 'pod', ['os'], loc, key, 'a stop signal is checked against the OS of the pod');
  }
  warnFidelity(ctx, svc, key, loc, { value: svc.stopSignal });
}

/** A word as the shell reads it back unchanged. */
function shellQuote(word: string): string {
  return /^[A-Za-z0-9_@%+=:,./-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}

/**
 * post_start / pre_stop -> one exec handler. An exec handler runs a command as the container's
 * user, in its working directory; a working directory, variables or several hooks need a shell.
 */
function mapHooks(draft: ServiceDraft, ctx: MapContext, name: 'post_start' | 'pre_stop'): void {
  const svc = draft.service;
  const hooks = name === 'post_start' ? svc.postStart : svc.preStop;
  if (at(svc.node, name) === undefined) return;
  draft.consumed.add(name);
  if (hooks.length === 0) return;
  const key = `services.${name}`;
  const field = name === 'post_start' ? 'postStart' : 'preStop';
  for (const setting of ['user', 'privileged', 'working_dir', 'environment']) settleFidelity(ctx, svc, `${key}.${setting}`);
  hooks.forEach((hook, i) => {
    const hookLoc = (setting: string) => locAt(svc.node, name, i, setting);
    if (hook.user !== undefined) warnFidelity(ctx, svc, `${key}.user`, hookLoc('user'), { value: hook.user });
    if (hook.privileged) warnFidelity(ctx, svc, `${key}.privileged`, hookLoc('privileged'));
    if (hook.workingDir !== undefined) warnFidelity(ctx, svc, `${key}.working_dir`, hookLoc('working_dir'));
    if (Object.values(hook.environment).some((v) => v !== null)) warnFidelity(ctx, svc, `${key}.environment`, hookLoc('environment'));
  });
  const needsShell = hooks.length > 1 || hooks.some((h) => h.workingDir !== undefined || Object.values(h.environment).some((v) => v !== null));
  if (hooks.length > 1) {
    ctx.diags.warn(
      'approximate',
      `service "${svc.name}": ${name} has ${hooks.length} hooks; Kubernetes runs one command per hook, so they run one after the other through /bin/sh -c, which the image must contain`,
      locAt(svc.node, name),
      'put the commands in one script in the image and run that as the only hook',
    );
  }
  const handler: ILifecycleHandler = {
    exec: { command: needsShell ? ['/bin/sh', '-c', hooks.map(shellLine).join(' && ')] : [...hooks[0]!.command] },
  };
  const lifecycle: ILifecycle = (draft.container.lifecycle ??= {});
  lifecycle[field] = handler;
  note(draft, 'container', ['lifecycle', field], locAt(svc.node, name), key);
}

/** One hook as a shell command: `(cd dir && VAR=value command args)`. */
function shellLine(hook: LifecycleHook): string {
  const env = Object.entries(hook.environment)
    .filter((e): e is [string, string] => e[1] !== null)
    .map(([k, v]) => `${k}=${shellQuote(v)} `)
    .join('');
  const command = `${env}${hook.command.map(shellQuote).join(' ')}`;
  return hook.workingDir !== undefined ? `(cd ${shellQuote(hook.workingDir)} && ${command})` : `(${command})`;
}

const PULL_POLICIES: Record<string, 'Always' | 'Never' | 'IfNotPresent'> = {
  always: 'Always',
  never: 'Never',
  missing: 'IfNotPresent',
  if_not_present: 'IfNotPresent',
  build: 'IfNotPresent',
  refresh: 'Always',
  daily: 'Always',
  weekly: 'Always',
};

function mapPullPolicy(draft: ServiceDraft, ctx: MapContext): void {
  const svc = draft.service;
  if (svc.pullPolicy === undefined) return;
  draft.consumed.add('pull_policy');
  const key = 'services.pull_policy';
  const loc = locAt(svc.node, 'pull_policy');
  settleFidelity(ctx, svc, key);
  const written = svc.pullPolicy;
  const periodic = /^every_([0-9]+[wdhms])+$/.test(written);
  const policy = PULL_POLICIES[written] ?? (periodic ? 'Always' : undefined);
  if (!policy) {
    ctx.diags.error(
      'invalid-value',
      `service "${svc.name}": pull_policy must be one of always, never, missing, if_not_present, build, daily, weekly or every_<duration>, got ${JSON.stringify(written)}`,
      get(svc.node, 'pull_policy')?.loc ?? loc,
    );
    return;
  }
  draft.container.imagePullPolicy = policy;
  note(draft, 'container', ['imagePullPolicy'], loc, key);
  warnFidelity(ctx, svc, key, loc, { value: written, valueKey: periodic ? 'every_<duration>' : written });
}

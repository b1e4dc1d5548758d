import type { IVolume } from 'kubernetes-models/v1/Volume';
import type { IVolumeMount } from 'kubernetes-models/v1/VolumeMount';
import type { Service, VolumeMount } from '../../compose/model.js';
import type { Loc } from '../../util/loc.js';
import { resolve } from '../../util/path.js';
import type { MapContext, MountDecision, ServiceDraft } from '../context.js';
import type { BindDecision } from './bind-decisions.js';
import type { ContentPlan } from './bind-mounts.js';
import { octal, type FileEntry } from './file-objects.js';
import { isScript, modeProjection, modesDetail, type ModeProblems, type ModeProjection } from './file-modes.js';

/** Adds a pod volume once per id and returns its name. */
export type VolumeFn = (id: string, base: string, make: (name: string) => IVolume) => string;
/** Adds a volumeMount with its note; without one (a mount left out), only the note. */
export type MountFn = (m: IVolumeMount | undefined, loc: Loc, key: string, detail?: string, decision?: MountDecision) => void;

interface Mounted {
  mount: VolumeMount;
  readOnly: boolean;
  from?: { service: string; loc: Loc };
}

/** One bind mount of a service, as decided for the project: its volume and volumeMount, or a note that it is left out. */
export function mapBind(
  draft: ServiceDraft,
  ctx: MapContext,
  decision: BindDecision,
  claims: ReadonlyMap<string, { name: string; folder?: string }>,
  sm: Mounted,
  index: number,
  volume: VolumeFn,
  mount: MountFn,
  key: string,
  loc: Loc,
): void {
  const m = sm.mount;
  const svc = draft.service;
  const source = m.source!;
  const inherited = sm.from ? `from ${sm.from.service}: ` : '';
  const ro = sm.readOnly ? { readOnly: true } : {};
  const base = { source, target: m.target };
  const propagation = m.bind?.propagation && !/^r?private$/.test(m.bind.propagation) ? m.bind.propagation : undefined;
  if (propagation && !sm.from && (decision.kind === 'claim' || decision.kind === 'content')) {
    ctx.diags.warn('unsupported', `service "${svc.name}": mount propagation ${propagation} of ${m.target} is not converted: the mount is no longer the host's directory`, m.loc, 'convert with --bind-mounts host-path if the service needs the mounts of the host below that path');
  }
  switch (decision.kind) {
    case 'content': {
      const bp = decision.plan;
      const projection = modeProjection(bp.entries, (e) => mustExecute(svc, m.target, bp, e));
      if (!sm.from) warnModes(ctx, svc, bp, projection.problems, m.loc);
      const name = volume(`bind:${source}`, `${bp.object === 'Secret' ? 'secret' : 'config'}-${bp.name}`, (n) => contentVolume(n, bp, projection));
      const modes = modesDetail(projection);
      const why = `${decision.why}${bp.isFile ? ' (one file, subPath)' : ''}${modes ? `; ${modes}` : ''}`;
      const as = bp.object;
      if (bp.isFile) mount({ name, mountPath: m.target, subPath: bp.entries[0]!.key, readOnly: true }, loc, key, `${inherited}${why}`, { ...base, as, object: bp.name, why });
      else mount({ name, mountPath: m.target, readOnly: true }, loc, key, `${inherited}${why}`, { ...base, as, object: bp.name, why });
      return;
    }
    case 'claim': {
      const claim = claims.get(decision.source)!;
      const name = volume(`claim:${claim.name}`, claim.name, (n) => ({ name: n, persistentVolumeClaim: { claimName: claim.name } }));
      const folder = claim.folder ? `, folder ${claim.folder}` : '';
      const why = `claim ${claim.name}${folder} in place of ${decision.display}${decision.host ? ': copy the data from the Docker host into it' : ''}`;
      mount({ name, mountPath: m.target, ...ro, ...(claim.folder ? { subPath: claim.folder } : {}) }, loc, key, `${inherited}${why}`, { ...base, as: 'claim', object: claim.name, why: decision.why });
      return;
    }
    case 'host-path': {
      const name = volume(`host:${source}`, `host-${index}`, (n) => ({ name: n, hostPath: { path: decision.path } }));
      const mountPropagation = propagation ? hostPropagation(ctx, svc, propagation, sm.from ? undefined : m.loc) : undefined;
      const why = `${decision.why}${mountPropagation ? `; propagation ${propagation}: ${mountPropagation}` : ''}`;
      mount({ name, mountPath: m.target, ...ro, ...(mountPropagation ? { mountPropagation } : {}) }, loc, key, `${inherited}${why}`, { ...base, as: 'hostPath', why });
      return;
    }
    case 'omitted':
      mount(undefined, loc, key, `${inherited}${m.source} -> ${m.target} ${decision.why}`, { ...base, as: 'omitted', why: decision.why });
      return;
  }
}

/**
 * Docker's propagation of a bind mount, for a hostPath volume: `rslave` (mounts the host makes
 * later appear in the container) is HostToContainer; `rshared` (both ways) is Bidirectional,
 * which Kubernetes allows only in a privileged container. The non-recursive forms act like
 * their recursive ones in Kubernetes.
 */
function hostPropagation(ctx: MapContext, svc: Service, propagation: string, loc: Loc | undefined): 'HostToContainer' | 'Bidirectional' {
  if (/^r?slave$/.test(propagation)) return 'HostToContainer';
  if (svc.privileged) return 'Bidirectional';
  if (loc) {
    ctx.diags.warn(
      'approximate',
      `service "${svc.name}": mount propagation ${propagation} becomes HostToContainer: Kubernetes allows Bidirectional only in a privileged container`,
      loc,
      'set `privileged: true` if the mounts the service makes must reach the host',
    );
  }
  return 'HostToContainer';
}

function contentVolume(name: string, bp: ContentPlan, projection: ModeProjection): IVolume {
  const modes = {
    ...(projection.defaultMode !== undefined ? { defaultMode: projection.defaultMode } : {}),
    ...(projection.items ? { items: projection.items } : {}),
  };
  return bp.object === 'Secret' ? { name, secret: { secretName: bp.name, ...modes } } : { name, configMap: { name: bp.name, ...modes } };
}

/**
 * For a file whose mode the reader could not tell: why it must be executable, if it must. A
 * script (`#!`) is run directly more often than not; the service's entrypoint or command surely is.
 */
function mustExecute(svc: Service, target: string, bp: ContentPlan, e: FileEntry): string | undefined {
  const path = bp.isFile ? target : `${target.replace(/\/$/, '')}/${e.path}`;
  const words = [...(svc.entrypoint ?? []), ...(svc.command ?? [])].flatMap((w) => w.split(/[\s;&|()'"`]+/)).filter(Boolean);
  const named = words.some((w) => w === path || (svc.workingDir !== undefined && resolve(svc.workingDir, w) === path));
  if (named) return "it is the service's entrypoint or command";
  return isScript(e.bytes) ? 'it starts with #!' : undefined;
}

/** One warning per kind of mode that could not be kept, at the mount. */
function warnModes(ctx: MapContext, svc: Service, bp: ContentPlan, problems: ModeProblems, loc: Loc): void {
  const shown = (path: string) => (bp.isFile ? bp.display : `${bp.display.replace(/\/$/, '')}/${path}`);
  const list = (items: { path: string; mode?: number }[]) =>
    items.slice(0, 3).map((i) => `${shown(i.path)}${i.mode !== undefined ? ` (${octal(i.mode)})` : ''}`).join(', ') + (items.length > 3 ? ` and ${items.length - 3} more` : '');
  const subject = `service "${svc.name}"`;
  if (problems.assumed.length > 0) {
    ctx.diags.warn(
      'approximate',
      `${subject}: the file modes of ${bp.display} are unknown (the files were given without them), so ${list(problems.assumed)} ${problems.assumed.length > 1 ? 'are' : 'is'} mounted executable (0755): ${problems.assumed[0]!.why}`,
      loc,
      'convert with the files on disk (the CLI reads their modes), or set the mode in the output',
    );
  }
  if (problems.special.length > 0) {
    ctx.diags.warn(
      'approximate',
      `${subject}: the setuid, setgid and sticky bits of ${list(problems.special)} cannot be kept: a ${bp.object} volume's file modes go up to 0777`,
      loc,
      'build the file into the image if the service needs those bits',
    );
  }
  if (problems.private.length > 0) {
    ctx.diags.warn(
      'approximate',
      `${subject}: ${list(problems.private)} ${problems.private.length > 1 ? 'are' : 'is'} not readable by others: in the pod ${problems.private.length > 1 ? 'they belong' : 'it belongs'} to root, not to the owner on the Docker host, so a container that does not run as root cannot read ${problems.private.length > 1 ? 'them' : 'it'}`,
      loc,
      "if the service runs as another user, make the file readable by others (chmod o+r) before converting, or set the pod's securityContext.fsGroup, which lets that group read it",
    );
  }
}

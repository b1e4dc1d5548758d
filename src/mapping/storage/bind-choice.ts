import type { Service, VolumeMount } from '../../compose/model.js';
import { get, isMap, isScalar, isSeq, locAt, type YNode } from '../../compose/tree.js';
import type { Loc } from '../../util/loc.js';
import { resolve } from '../../util/path.js';
import type { BindChoice, MapContext } from '../context.js';
import { mountHints, serviceHints, type ClaimHints } from '../hints/extension.js';

/**
 * What one bind mount asks to become, and who asked: the mount's own `x-kubernetes.bindMount`,
 * then the service's `x-kubernetes.bindMounts` (an entry for the mount's path, then one choice for
 * all), then `--bind-mounts` (or `--host-path`), then the default, a claim.
 */
export interface ChoiceOf {
  choice: BindChoice;
  /** As users wrote it, for messages: `x-kubernetes.bindMount`, `--bind-mounts host-path`... */
  from: string;
  /** Said for this mount (the mount's extension, or an entry for its path): it applies to project paths too. */
  perMount: boolean;
  loc?: Loc;
}

export function bindChoice(ctx: MapContext, svc: Service, m: VolumeMount): ChoiceOf {
  const item = mountItem(svc, m);
  const own = item ? mountHints(svc, item, ctx.diags).bindMount : undefined;
  if (own) return { choice: own.value, from: own.from, perMount: true, loc: own.loc };
  const hint = serviceHints(svc, ctx.diags).bindMounts;
  const value = hint?.value;
  if (hint && typeof value === 'string') return { choice: value, from: hint.from, perMount: false, loc: hint.loc };
  if (value !== undefined && typeof value !== 'string') {
    for (const [path, choice] of Object.entries(value)) {
      if (matches(ctx, path, m)) return { choice, from: `x-kubernetes.bindMounts."${path}"`, perMount: true, loc: locAt(svc.node, 'x-kubernetes', 'bindMounts', path) };
    }
  }
  const option = ctx.options.bindMounts ?? (ctx.options.hostPath ? 'host-path' : undefined);
  if (option) return { choice: option, from: ctx.options.bindMounts ? `--bind-mounts ${option}` : '--host-path', perMount: false };
  return { choice: 'claim', from: 'the default', perMount: false };
}

/** Claim settings written on the mount itself. */
export function mountClaimHints(ctx: MapContext, svc: Service, m: VolumeMount): ClaimHints {
  const item = mountItem(svc, m);
  return item ? mountHints(svc, item, ctx.diags).claims : {};
}

/** A key of `x-kubernetes.bindMounts` names a mount by its target, or by its source (absolute, or relative to the project). */
function matches(ctx: MapContext, path: string, m: VolumeMount): boolean {
  return path === m.target || resolve(ctx.project.workingDir, path) === m.source;
}

/** Keys of `x-kubernetes.bindMounts` that name no bind mount of the service: a mistake, reported as one. */
export function checkBindMountKeys(ctx: MapContext, svc: Service): void {
  const hint = serviceHints(svc, ctx.diags).bindMounts;
  if (!hint || typeof hint.value === 'string') return;
  const binds = svc.volumes.filter((m) => m.type === 'bind');
  for (const path of Object.keys(hint.value)) {
    if (binds.some((m) => matches(ctx, path, m))) continue;
    ctx.diags.error(
      'x-kubernetes',
      `service "${svc.name}": x-kubernetes.bindMounts: "${path}" is not the source or target of a bind mount of this service`,
      locAt(svc.node, 'x-kubernetes', 'bindMounts', path),
      binds.length > 0 ? `bind mounts of the service: ${binds.map((m) => `${m.source} -> ${m.target}`).join(', ')}` : 'the service has no bind mounts',
    );
  }
}

/** The item of the service's `volumes` a mount was read from (the loader keeps its location). */
export function mountItem(svc: Service, m: VolumeMount): YNode | undefined {
  const volumes = get(svc.node, 'volumes');
  if (!isSeq(volumes)) return undefined;
  return volumes.items.find((i) => i.loc === m.loc) ?? volumes.items.find((i) => sameLoc(i.loc, m.loc));
}

function sameLoc(a: Loc, b: Loc): boolean {
  return a.file === b.file && a.line === b.line && a.column === b.column;
}

/** The text of the mount's source as written, before the loader resolved it (`./data/`, `${DATA}`). */
export function writtenSource(item: YNode | undefined): string | undefined {
  if (!item) return undefined;
  const source = isMap(item) ? get(item, 'source') : item;
  if (!isScalar(source) || typeof source.value !== 'string') return undefined;
  return isMap(item) ? source.value : source.value.split(':')[0];
}

/** Whether the long syntax asks Docker to create the source as a directory when it is missing. */
export function createsHostDirectory(item: YNode | undefined): boolean {
  const value = get(get(item, 'bind'), 'create_host_path');
  return isScalar(value) && (value.value === true || value.value === 'true');
}

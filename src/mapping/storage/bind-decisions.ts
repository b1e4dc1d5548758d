import type { Service, VolumeMount } from '../../compose/model.js';
import { basename, dirname } from '../../util/path.js';
import type { MapContext } from '../context.js';
import { bindChoice, createsHostDirectory, mountItem, writtenSource, type ChoiceOf } from './bind-choice.js';
import { displayPath, emitBindObject, hostFilePlan, isInsideProject, planProjectBind, type BindPlan, type ContentPlan } from './bind-mounts.js';
import { OBJECT_DATA_LIMIT, readBytes } from './file-objects.js';
import { hostClaimBases, hostOnly, isDataFile, looksLikeFile } from './host-paths.js';

/**
 * What each bind mount becomes, decided once per mount before any service is mapped (claims are
 * shared, so every service that mounts the same path must see the same decision):
 * - a project file or directory with content: a ConfigMap or Secret (bind-mounts.ts);
 * - a project path that does not exist yet, or a host directory: a claim;
 * - a host file that is configuration, readable now: a ConfigMap or Secret, as a project file;
 * - the host itself (its clock, Docker socket, devices, kernel, runtime sockets): left out;
 * - with --bind-mounts host-path (or x-kubernetes), the node's path; with omit, nothing.
 * Every decision says why, for the notes and the report.
 */
export type BindDecision =
  | { kind: 'content'; plan: ContentPlan; why: string }
  | { kind: 'claim'; source: string; display: string; host: boolean; why: string; tooLarge?: number; assumed?: string }
  | { kind: 'host-path'; path: string; why: string }
  | { kind: 'omitted'; why: string };

/** Plans per source path, shared by the mounts of every service. */
export class BindPlans {
  readonly project = new Map<string, BindPlan>();
  readonly hostFiles = new Map<string, ContentPlan>();
}

export function decideBind(ctx: MapContext, svc: Service, m: VolumeMount, plans: BindPlans, sensitive: ReadonlySet<string>): BindDecision {
  const source = m.source!;
  const choice = bindChoice(ctx, svc, m);
  const inside = isInsideProject(ctx.project, source);
  const shown = inside ? displayPath(ctx.project, source) : source;
  if (inside && !choice.perMount) return projectDecision(ctx, m, source, plans, sensitive);
  if (choice.choice === 'omit') {
    ctx.diags.add('omitted-mount', `service "${svc.name}": the bind mount ${shown} -> ${m.target} is left out, as ${choice.from} asks`, m.loc);
    return { kind: 'omitted', why: `left out, as ${choice.from} asks` };
  }
  if (choice.choice === 'host-path') return hostPathDecision(ctx, svc, m, shown, choice);
  if (inside) return { kind: 'claim', source, display: shown, host: false, why: `a claim in place of ${shown}, as ${choice.from} asks` };
  return hostClaimDecision(ctx, svc, m, choice, plans, sensitive);
}

function projectDecision(ctx: MapContext, m: VolumeMount, source: string, plans: BindPlans, sensitive: ReadonlySet<string>): BindDecision {
  let plan = plans.project.get(source);
  if (!plan) {
    plan = planProjectBind(ctx, source, sensitive);
    plans.project.set(source, plan);
    if (plan.kind === 'content') emitBindObject(ctx, plan, m.loc);
  }
  switch (plan.kind) {
    case 'content':
      return { kind: 'content', plan, why: `${plan.object} ${plan.name}: a read-only snapshot of ${plan.display}` };
    case 'claim':
      return {
        kind: 'claim',
        source,
        display: plan.display,
        host: false,
        why:
          plan.tooLarge !== undefined
            ? `${plan.display} is too large for a ConfigMap: an empty claim to copy it into`
            : `${plan.display} does not exist or is empty: Docker would create an empty host directory for the service to write into; a claim keeps that data`,
        ...(plan.tooLarge !== undefined ? { tooLarge: plan.tooLarge } : {}),
      };
    case 'unreadable':
      return { kind: 'omitted', why: `left out: the files of ${plan.display} could not be read` };
  }
}

function hostPathDecision(ctx: MapContext, svc: Service, m: VolumeMount, shown: string, choice: ChoiceOf): BindDecision {
  const special = hostOnly(m.source!);
  // The node's own clock is harmless; its sockets, devices, kernel and system files are the node.
  const insecure = special !== undefined && special.what !== 'time-zone';
  const hint =
    special?.what === 'docker-socket' || special?.what === 'socket'
      ? 'the nodes must run that daemon, and whoever controls this pod controls the node: keep it in a namespace few can exec into'
      : special && special.what !== 'time-zone'
        ? "a service that reads the node's own files needs one pod on every node: `x-kubernetes: {workload: DaemonSet}`"
        : 'pin the pod to the node that has the files (nodeSelector), or move the data to a claim';
  ctx.diags.warn(
    insecure ? 'insecure' : 'approximate',
    `service "${svc.name}": ${shown} is mounted with hostPath (${choice.from}): the pod sees that path on whichever node runs it${insecure ? `, and ${special.reason.replace(/^it is /, 'that is ')}` : ''}`,
    m.loc,
    hint,
  );
  return { kind: 'host-path', path: m.source!, why: `hostPath ${m.source} of the node, as ${choice.from} asks` };
}

/** What is at a host path: known when this machine can tell, else guessed from how it is written. */
interface HostKind {
  kind: 'file' | 'directory' | 'other';
  /** Read on this machine; otherwise guessed, and `why` says from what. */
  known: boolean;
  why?: string;
  size?: number;
}

/**
 * File or directory. This machine tells when it has the path. Otherwise, in this order: a source
 * written with a trailing `/` is a directory; so is one the long syntax asks Docker to create
 * (`bind.create_host_path: true`, which Docker does as a directory); a name that ends like a file
 * (an extension of configuration, scripts, keys or data: `config.yml`, `entrypoint.sh`) of the
 * source or, failing that, of the target is a file; anything else is a directory, as Docker
 * creates a missing source as one.
 */
export function hostKind(ctx: MapContext, svc: Service, m: VolumeMount): HostKind {
  const source = m.source!;
  const reader = ctx.options.reader;
  const st = reader?.stat?.(source);
  if (st) return { kind: st.kind, known: true, size: st.size };
  if (reader && !reader.stat) {
    const bytes = readBytes(reader, source);
    if (bytes !== undefined) return { kind: 'file', known: true, size: bytes.length };
    if (reader.readDir?.(source) !== undefined) return { kind: 'directory', known: true };
  }
  const item = mountItem(svc, m);
  if (writtenSource(item)?.endsWith('/')) return { kind: 'directory', known: false, why: 'it is written with a trailing /' };
  if (createsHostDirectory(item)) return { kind: 'directory', known: false, why: 'bind.create_host_path has Docker create it as one' };
  const named = [basename(source), basename(m.target)].find(looksLikeFile);
  if (named !== undefined) return { kind: 'file', known: false, why: `its name (${named}) is a file's` };
  return { kind: 'directory', known: false, why: 'its name has no file extension' };
}

function hostClaimDecision(ctx: MapContext, svc: Service, m: VolumeMount, choice: ChoiceOf, plans: BindPlans, sensitive: ReadonlySet<string>): BindDecision {
  const source = m.source!;
  const subject = `service "${svc.name}": the bind mount ${source} -> ${m.target} is left out`;
  const special = hostOnly(source);
  if (special && (special.never || !choice.perMount)) {
    const refused = special.never && choice.perMount ? ` (${choice.from} asks for a claim, but there is no data to keep in one)` : '';
    const tz = special.what === 'time-zone' ? svc.environment.find((e) => e.name === 'TZ' && e.value) : undefined;
    const hint = tz ? `the service sets TZ (${tz.value}) already: nothing else is needed` : special.hint;
    ctx.diags.warn('unsupported', `${subject}: ${special.reason}${refused}`, m.loc, hint);
    return { kind: 'omitted', why: `left out: ${special.reason}` };
  }
  const what = hostKind(ctx, svc, m);
  const claim = (why: string, assumed?: string): BindDecision => ({ kind: 'claim', source, display: source, host: true, why, ...(assumed ? { assumed } : {}) });
  if (what.kind === 'other') {
    const why = 'it is neither a file nor a directory on this machine (a socket, a device or a pipe): part of the host, not data';
    ctx.diags.warn('unsupported', `${subject}: ${why}`, m.loc, 'reach what it offers over the network, or convert with --bind-mounts host-path to mount the path of whichever node runs the pod');
    return { kind: 'omitted', why: `left out: ${why}` };
  }
  if (what.kind === 'directory') {
    const assumed = what.known ? undefined : `not on this machine; taken for a directory: ${what.why}`;
    return claim(`a claim in place of the host directory ${source}${assumed ? ` (${assumed})` : ''}`, assumed);
  }
  const name = basename(source);
  if (choice.perMount && !what.known) return claim(`a claim in place of the host directory ${source}, as ${choice.from} asks`, `a directory, as ${choice.from} says`);
  if (choice.perMount) {
    ctx.diags.warn('unsupported', `${subject}: ${choice.from} asks for a claim, but it is a file, and a claim is a directory`, m.loc, `mount the directory that holds it (${dirname(source)}) instead`);
    return { kind: 'omitted', why: 'left out: a file cannot be a claim' };
  }
  if (!what.known) {
    ctx.diags.warn(
      'unsupported',
      `${subject}: it is not on this machine, so its content cannot become a ConfigMap, and ${what.why}, not a directory's, so a claim cannot stand in for it`,
      m.loc,
      `convert where the file is (a host file becomes a ConfigMap), put it in the project directory, or, if it is a directory, add \`bindMounts: {"${m.target}": claim}\` to the service's x-kubernetes`,
    );
    return { kind: 'omitted', why: `left out: not on this machine, and a file (${what.why})` };
  }
  if (isDataFile(name)) {
    ctx.diags.warn(
      'unsupported',
      `${subject}: it is a single file of data (${name}) that the service writes: a ConfigMap would be a read-only copy, and a claim is a directory`,
      m.loc,
      `mount the directory that holds it instead (${dirname(source)}:${dirname(m.target)}), which becomes a claim to copy the file into`,
    );
    return { kind: 'omitted', why: 'left out: a single file of data' };
  }
  const known = plans.hostFiles.get(source);
  if (known) return { kind: 'content', plan: known, why: hostFileWhy(known) };
  const bytes = (what.size ?? 0) <= OBJECT_DATA_LIMIT ? readBytes(ctx.options.reader!, source) : undefined;
  if (bytes === undefined || bytes.length + name.length > OBJECT_DATA_LIMIT) {
    ctx.diags.warn('too-large', `${subject}: it holds more than a ConfigMap can (1 MiB)`, m.loc, `build the file into the image, or mount the directory that holds it (${dirname(source)}), which becomes a claim to copy it into`);
    return { kind: 'omitted', why: 'left out: too large for a ConfigMap' };
  }
  const base = hostClaimBases([source]).get(source)!;
  const plan = hostFilePlan(ctx, source, bytes, base, sensitive);
  plans.hostFiles.set(source, plan);
  emitBindObject(ctx, plan, m.loc);
  return { kind: 'content', plan, why: hostFileWhy(plan) };
}

function hostFileWhy(plan: ContentPlan): string {
  return `${plan.object} ${plan.name}: a read-only snapshot of the host file ${plan.display}, read at convert time`;
}

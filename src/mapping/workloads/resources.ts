import type { Service } from '../../compose/model.js';
import { entry } from '../../compose/tree.js';
import { byteSize, bytesToQuantity, cpuNeedsRounding, cpuQuantity } from '../../util/units.js';
import { note, type MapContext, type ServiceTransform } from '../context.js';
import { settleFidelity } from '../fidelity.js';
import { gpuLimits } from './gpus.js';
import { setting, type Setting } from './setting.js';

/** Keys of a service this transform converts or explains (the deploy block belongs to the workload). */
const SERVICE_KEYS = ['mem_limit', 'mem_reservation', 'memswap_limit', 'cpus', 'cpu_shares', 'cpu_quota', 'cpu_period', 'pids_limit', 'gpus'];

const LIMITS = ['deploy', 'resources', 'limits'];
const RESERVATIONS = ['deploy', 'resources', 'reservations'];

interface Value<T> {
  value: T;
  from: Setting;
}

/**
 * deploy.resources and the service-level keys (mem_limit, cpus, mem_reservation, cpu_shares,
 * cpu_quota, GPUs) -> the container's resources. deploy.resources wins where both are written,
 * as in Docker Compose, which refuses two different values for the same thing.
 */
export const mapResources: ServiceTransform = (draft, ctx) => {
  const svc = draft.service;
  for (const key of SERVICE_KEYS) if (entry(svc.node, key)) draft.consumed.add(key);
  const memLimit = pick(ctx, svc, bytes(ctx, svc, setting(svc, ...LIMITS, 'memory')), bytes(ctx, svc, setting(svc, 'mem_limit')));
  const memRequest = pick(ctx, svc, bytes(ctx, svc, setting(svc, ...RESERVATIONS, 'memory')), bytes(ctx, svc, setting(svc, 'mem_reservation')));
  const cpuLimit = cpuLimitOf(ctx, svc);
  let cpuRequest = cpuRequestOf(ctx, svc);
  // Rounding is about the values as written; a request lowered to the limit is warned about below.
  for (const v of [cpuLimit, cpuRequest]) if (v && cpuNeedsRounding(v.value)) warnCpuRounding(ctx, svc, v);
  pick(ctx, svc, count(ctx, svc, setting(svc, ...LIMITS, 'pids')), count(ctx, svc, setting(svc, 'pids_limit')));
  quietUnlimited(ctx, svc, memLimit?.value);

  if (memLimit && memRequest && memRequest.value > memLimit.value) {
    ctx.diags.error(
      'invalid-value',
      `service "${svc.name}": the memory reservation ${memRequest.from.text} is larger than the memory limit ${memLimit.from.text}; Docker refuses to start such a container and Kubernetes such a pod`,
      memRequest.from.valueLoc,
      `lower ${memRequest.from.what} to at most ${memLimit.from.text}`,
    );
  }
  if (cpuLimit && cpuRequest && cpuRequest.value > cpuLimit.value) {
    settleFidelity(ctx, svc, cpuRequest.from.key);
    ctx.diags.warn(
      'approximate',
      `service "${svc.name}": the CPU reservation ${cpuRequest.from.text} is larger than the CPU limit ${cpuLimit.from.text}; Kubernetes needs the request to fit in the limit, so it requests ${cpuQuantity(cpuLimit.value)}`,
      cpuRequest.from.valueLoc,
      `lower ${cpuRequest.from.what} to at most ${cpuLimit.from.text}`,
    );
    cpuRequest = { ...cpuLimit, from: cpuRequest.from };
  }

  const limits: Record<string, string> = {};
  const requests: Record<string, string> = {};
  const set = (into: Record<string, string>, field: 'limits' | 'requests', name: string, quantity: string, from: Setting, detail?: string) => {
    into[name] = quantity;
    note(draft, 'container', ['resources', field, name], from.keyLoc, from.key, detail);
  };
  if (cpuLimit) set(limits, 'limits', 'cpu', cpuQuantity(cpuLimit.value), cpuLimit.from, derivedDetail(cpuLimit.from));
  if (memLimit) set(limits, 'limits', 'memory', bytesToQuantity(memLimit.value), memLimit.from);
  for (const gpu of gpuLimits(ctx, svc)) set(limits, 'limits', gpu.resource, String(gpu.count), gpu.from, gpu.detail);
  if (cpuRequest) set(requests, 'requests', 'cpu', cpuQuantity(cpuRequest.value), cpuRequest.from, derivedDetail(cpuRequest.from));
  if (memRequest) set(requests, 'requests', 'memory', bytesToQuantity(memRequest.value), memRequest.from);
  if (Object.keys(limits).length === 0 && Object.keys(requests).length === 0) return;
  const current = draft.container.resources ?? {};
  draft.container.resources = {
    ...current,
    ...(Object.keys(limits).length > 0 ? { limits: { ...current.limits, ...limits } } : {}),
    ...(Object.keys(requests).length > 0 ? { requests: { ...current.requests, ...requests } } : {}),
  };
};

function derivedDetail(from: Setting): string | undefined {
  if (from.what === 'cpu_shares') return `${from.text} shares, the weight Kubernetes gives this request (1024 shares per CPU)`;
  if (from.what === 'cpu_quota') return 'cpu_quota / cpu_period';
  return undefined;
}

/**
 * The deploy.resources value, else the service-level one. Compose refuses both with different
 * values; an error there keeps the user from a manifest that silently picked one. 0 means unset.
 */
function pick<T>(ctx: MapContext, svc: Service, fromDeploy: Value<T> | undefined, legacy: Value<T> | undefined): Value<T> | undefined {
  if (fromDeploy && legacy && fromDeploy.value !== legacy.value) {
    ctx.diags.error(
      'invalid-value',
      `service "${svc.name}": can't set distinct values on '${legacy.from.what}' and '${fromDeploy.from.what}' (${legacy.from.text} and ${fromDeploy.from.text}), as Docker Compose says`,
      legacy.from.keyLoc,
      `keep only ${fromDeploy.from.what}`,
    );
  }
  return fromDeploy ?? legacy;
}

/** A byte size; 0 (Docker's "no limit") gives nothing; what is not a size is an error. */
function bytes(ctx: MapContext, svc: Service, s: Setting | undefined): Value<number> | undefined {
  if (!s) return undefined;
  const n = byteSize(s.text);
  if (n === undefined) {
    ctx.diags.error('invalid-value', `service "${svc.name}": ${s.what} must be a byte size such as 512m or 1.5g, got ${JSON.stringify(s.text)}`, s.valueLoc);
    return undefined;
  }
  return n > 0 ? { value: n, from: s } : undefined;
}

/** A non-negative number; 0 and -1 (Docker's "no limit") give nothing. */
function count(ctx: MapContext, svc: Service, s: Setting | undefined): Value<number> | undefined {
  if (!s) return undefined;
  const n = Number(s.text.trim());
  if (s.text.trim() === '' || !Number.isFinite(n) || n < -1) {
    ctx.diags.error('invalid-value', `service "${svc.name}": ${s.what} must be a number, got ${JSON.stringify(s.text)}`, s.valueLoc);
    return undefined;
  }
  // Kubernetes counts CPU in thousandths: beyond 2^53 of them, a quantity cannot be written (`1e308` would be `Infinitym`).
  if (!Number.isSafeInteger(Math.round(n * 1000))) {
    ctx.diags.error('kubernetes-rejects', `service "${svc.name}": ${s.what} ${s.text} is larger than a Kubernetes quantity can hold`, s.valueLoc, 'write the number of CPUs or the CFS value the service needs, e.g. 2');
    return undefined;
  }
  return n > 0 ? { value: n, from: s } : undefined;
}

/**
 * The CPU limit: deploy.resources.limits.cpus, else cpus, else cpu_quota / cpu_period (the CFS
 * quota Docker would set, which Kubernetes derives from a limit over a fixed 100ms period).
 */
function cpuLimitOf(ctx: MapContext, svc: Service): Value<number> | undefined {
  const cpus = pick(ctx, svc, count(ctx, svc, setting(svc, ...LIMITS, 'cpus')), count(ctx, svc, setting(svc, 'cpus')));
  const quota = count(ctx, svc, setting(svc, 'cpu_quota'));
  const period = count(ctx, svc, setting(svc, 'cpu_period'));
  if (cpus && (quota || period)) {
    const other = (quota ?? period)!.from;
    ctx.diags.error(
      'invalid-value',
      `service "${svc.name}": ${other.what} cannot be combined with ${cpus.from.what}; Docker refuses to start a container with both`,
      other.keyLoc,
      `keep only ${cpus.from.what}`,
    );
    return cpus;
  }
  if (cpus) return cpus;
  if (!quota) return undefined;
  return { value: quota.value / (period?.value ?? 100_000), from: quota.from };
}

/**
 * The CPU request: deploy.resources.reservations.cpus, else cpu_shares as the request whose
 * weight Kubernetes gives the container (shares / 1024 CPUs).
 */
function cpuRequestOf(ctx: MapContext, svc: Service): Value<number> | undefined {
  const reserved = count(ctx, svc, setting(svc, ...RESERVATIONS, 'cpus'));
  const shares = count(ctx, svc, setting(svc, 'cpu_shares'));
  if (reserved && shares) {
    settleFidelity(ctx, svc, shares.from.key);
    ctx.diags.warn(
      'approximate',
      `service "${svc.name}": cpu_shares ${shares.from.text} is left out: ${reserved.from.what} sets the CPU request, which also sets the container's CPU weight in Kubernetes`,
      shares.from.keyLoc,
      'remove cpu_shares; the CPU request gives the container its share of CPU time under contention',
    );
  }
  if (reserved) return reserved;
  return shares ? { value: shares.value / 1024, from: shares.from } : undefined;
}

function warnCpuRounding(ctx: MapContext, svc: Service, v: Value<number>): void {
  ctx.diags.warn(
    'approximate',
    `service "${svc.name}": ${v.from.what} ${v.from.text} becomes ${cpuQuantity(v.value)}: Kubernetes counts CPU in thousandths`,
    v.from.valueLoc,
    `write a multiple of 0.001 CPU (${cpuQuantity(v.value)})`,
  );
}

/**
 * Values that mean "no limit" or "no swap" are what a pod has anyway: no warning for them.
 * memswap_limit equal to the memory limit gives no swap, as Kubernetes nodes run by default.
 */
function quietUnlimited(ctx: MapContext, svc: Service, memLimit: number | undefined): void {
  const pids = setting(svc, 'pids_limit');
  if (pids && Number(pids.text) <= 0) settleFidelity(ctx, svc, pids.key);
  const limitPids = setting(svc, ...LIMITS, 'pids');
  if (limitPids && Number(limitPids.text) <= 0) settleFidelity(ctx, svc, limitPids.key);
  const swap = setting(svc, 'memswap_limit');
  if (swap && (swap.text.trim() === '0' || (memLimit !== undefined && byteSize(swap.text) === memLimit))) settleFidelity(ctx, svc, swap.key);
}

import type { Service } from '../../compose/model.js';
import { at, isMap, isSeq, locAt, scalarString, type YMap } from '../../compose/tree.js';
import type { Loc } from '../../util/loc.js';
import type { MapContext } from '../context.js';
import { settleFidelity } from '../fidelity.js';
import type { Setting } from './setting.js';

/** The extended resource the NVIDIA device plugin offers, for Docker's default GPU driver. */
export const NVIDIA_GPU = 'nvidia.com/gpu';

/** GPUs to put in the container's limits, one entry per extended resource. */
export interface GpuLimit {
  resource: string;
  count: number;
  from: Setting;
  detail: string;
}

/** One device request as written: an item of deploy.resources.reservations.devices or of gpus. */
interface DeviceRequest {
  node: YMap;
  path: (string | number)[];
  /** `gpus:` items have the gpu capability without saying so. */
  implicitGpu: boolean;
}

/**
 * GPU device requests (deploy.resources.reservations.devices with the gpu capability, and
 * `gpus`) -> `nvidia.com/gpu` limits. Kubernetes hands out whole GPUs by count through a device
 * plugin: `all`, device ids and driver options cannot be expressed, and are approximated.
 */
export function gpuLimits(ctx: MapContext, svc: Service): GpuLimit[] {
  const totals = new Map<string, GpuLimit>();
  for (const request of deviceRequests(ctx, svc)) {
    const gpu = gpuCount(ctx, svc, request);
    if (!gpu) continue;
    const seen = totals.get(gpu.resource);
    if (seen) {
      seen.count += gpu.count;
      seen.detail = `${seen.count} GPUs from several device requests`;
    } else totals.set(gpu.resource, gpu);
  }
  return [...totals.values()];
}

function deviceRequests(ctx: MapContext, svc: Service): DeviceRequest[] {
  const out: DeviceRequest[] = [];
  const devicesPath = ['deploy', 'resources', 'reservations', 'devices'];
  const devices = at(svc.node, ...devicesPath);
  if (isSeq(devices)) {
    devices.items.forEach((item, i) => {
      if (isMap(item)) out.push({ node: item, path: [...devicesPath, i], implicitGpu: false });
    });
  }
  const gpus = at(svc.node, 'gpus');
  if (scalarString(gpus) === 'all') {
    // `gpus: all` is a request for every GPU of the gpu capability.
    out.push({ node: { kind: 'map', loc: gpus!.loc, entries: [{ key: 'count', keyLoc: gpus!.loc, value: gpus! }] }, path: ['gpus'], implicitGpu: true });
  } else if (isSeq(gpus)) {
    gpus.items.forEach((item, i) => {
      if (isMap(item)) out.push({ node: item, path: ['gpus', i], implicitGpu: true });
    });
  }
  if (gpus !== undefined && !isSeq(gpus) && scalarString(gpus) !== 'all') {
    ctx.diags.error('invalid-value', `service "${svc.name}": gpus must be "all" or a list of device requests`, gpus.loc);
  }
  return out;
}

function strings(node: YMap, key: string): string[] {
  const v = at(node, key);
  if (isSeq(v)) return v.items.map(scalarString).filter((s): s is string => s !== undefined);
  const s = scalarString(v);
  return s === undefined ? [] : [s];
}

function gpuCount(ctx: MapContext, svc: Service, request: DeviceRequest): GpuLimit | undefined {
  const { node, path } = request;
  const loc: Loc = path.length === 1 ? locAt(svc.node, ...path) : node.loc;
  const what = path.map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? p : `.${p}`)).join('');
  const capabilities = strings(node, 'capabilities');
  if (!request.implicitGpu && !capabilities.includes('gpu')) {
    ctx.diags.warn(
      'unsupported',
      `service "${svc.name}": the device request ${what} with capabilities [${capabilities.join(', ')}] has no Kubernetes equivalent: pods get devices from device plugins, as extended resources`,
      loc,
      "install the device plugin for that hardware and add the resource it offers to the container's resources.limits",
    );
    return undefined;
  }
  const driver = scalarString(at(node, 'driver'));
  if (driver !== undefined && driver !== 'nvidia') {
    ctx.diags.warn(
      'unsupported',
      `service "${svc.name}": GPU driver "${driver}" has no known Kubernetes resource; only "nvidia" maps to ${NVIDIA_GPU}`,
      locAt(svc.node, ...path, 'driver'),
      "add the resource that the device plugin of those GPUs offers (e.g. amd.com/gpu: 1) to the container's resources.limits",
    );
    return undefined;
  }
  const from: Setting = { text: what, key: request.implicitGpu ? 'services.gpus' : 'services.deploy.resources.reservations.devices', what, keyLoc: loc, valueLoc: loc };
  const countText = scalarString(at(node, 'count'));
  const ids = strings(node, 'device_ids');
  if (countText !== undefined && countText !== 'all' && countText !== '-1') {
    const n = Number(countText);
    if (!Number.isInteger(n) || n < 0) {
      ctx.diags.error('invalid-value', `service "${svc.name}": ${what}.count must be a whole number or "all", got ${JSON.stringify(countText)}`, at(node, 'count')!.loc);
      return undefined;
    }
    return n > 0 ? { resource: NVIDIA_GPU, count: n, from, detail: `${n} GPU${n === 1 ? '' : 's'}` } : undefined;
  }
  if (countText === undefined && ids.length > 0) {
    return { resource: NVIDIA_GPU, count: ids.length, from, detail: 'as many GPUs as device_ids lists; the device plugin picks which' };
  }
  // "all", -1, or neither count nor device_ids: Docker gives the container every GPU of the machine.
  settleFidelity(ctx, svc, request.implicitGpu ? 'services.gpus' : 'services.deploy.resources.reservations.devices.count');
  if (request.implicitGpu) settleFidelity(ctx, svc, 'services.gpus.count');
  ctx.diags.warn(
    'approximate',
    `service "${svc.name}": ${what} asks for every GPU of the machine; Kubernetes needs a number, so the pod gets 1 GPU`,
    countText === undefined ? loc : at(node, 'count')!.loc,
    'set count to the number of GPUs the service needs',
  );
  return { resource: NVIDIA_GPU, count: 1, from, detail: 'every GPU of the machine becomes 1: Kubernetes needs a number' };
}

import type { Service } from '../compose/model.js';
import { at, isScalar, isSeq, locAt, scalarString, type YNode } from '../compose/tree.js';
import { imageReferenceProblem } from '../util/image-reference.js';
import type { Loc } from '../util/loc.js';
import { byteSize, durationSeconds } from '../util/units.js';
import type { MapContext } from './context.js';
import { serviceHints, volumeHints } from './hints/extension.js';
import { locatedEntries } from './located.js';
import { isDnsSubdomain } from './names.js';
import { secretValues } from './secret-values.js';

/**
 * Values Docker Compose accepts but the API server (or the kubelet) refuses: an error at the
 * compose position, before anything is written, instead of manifests that `kubectl apply` rejects
 * or pods that never start. Values a transform already refuses (an extra host that is not an IP,
 * a byte size that is not one) are left to it.
 */
export function checkKubernetesValues(ctx: MapContext): void {
  for (const svc of Object.values(ctx.project.services)) {
    const check = new ServiceCheck(svc, ctx);
    check.image();
    check.replicas();
    check.environment();
    check.ports();
    check.hostnames();
    check.dns();
    check.sysctls();
    check.ids();
    check.durations();
    check.counts();
    check.claimSize();
    check.memorySizes();
  }
  for (const vol of Object.values(ctx.project.volumes)) {
    const size = volumeHints(vol, ctx.diags, ctx.project.node).size;
    if (size) checkQuantity(ctx, `volume "${vol.name}": ${size.from}`, size.value, valueAt(ctx.project.node, 'volumes', vol.name, 'x-kubernetes', 'size') ?? size.loc);
  }
  if (ctx.options.volumeSize !== undefined) checkQuantity(ctx, 'the volume size option', ctx.options.volumeSize, undefined);
  for (const [which, image] of Object.entries(ctx.options.helperImages ?? {})) {
    const problem = image === undefined ? undefined : imageReferenceProblem(image);
    if (problem) ctx.diags.error('image-reference', `the ${which} helper image option ${JSON.stringify(image)} is not a valid image reference: ${problem}`);
  }
}

/** Kubernetes' int32 fields (replicas, ports, probe timings, ids) stop here. */
export const MAX_INT32 = 2 ** 31 - 1;

/** A storage request: a quantity (`10Gi`, `500M`, `1.5Ti`) greater than zero. */
const QUANTITY = /^(\d+(?:\.\d*)?|\.\d+)(Ki|Mi|Gi|Ti|Pi|Ei|k|M|G|T|P|E)?$/;

export function storageQuantityProblem(text: string): string | undefined {
  const m = QUANTITY.exec(text.trim());
  if (!m) return 'is not a Kubernetes quantity such as 10Gi or 500Mi';
  if (Number(m[1]) === 0) return 'is zero: Kubernetes needs a claim to request some storage';
  return undefined;
}

function checkQuantity(ctx: MapContext, what: string, text: string, loc: Loc | undefined): void {
  const problem = storageQuantityProblem(text);
  if (problem) ctx.diags.error('kubernetes-rejects', `${what} ${JSON.stringify(text)} ${problem}`, loc, 'write a size such as 1Gi, 500Mi or 20Gi');
}

function valueAt(node: YNode, ...path: (string | number)[]): Loc | undefined {
  return at(node, ...path)?.loc;
}

const SYSCTL_SEGMENT = '[a-z0-9]([-_a-z0-9]*[a-z0-9])?';
const SYSCTL_NAME = new RegExp(`^(${SYSCTL_SEGMENT}[./])*${SYSCTL_SEGMENT}$`);

/** Environment variable names every Kubernetes version accepts only from printable ASCII, without '='. */
const ENV_NAME_CHARS = /^[\x20-\x3c\x3e-\x7e]+$/;

class ServiceCheck {
  constructor(
    readonly svc: Service,
    readonly ctx: MapContext,
  ) {}

  private error(message: string, loc: Loc, hint?: string): void {
    this.ctx.diags.error('kubernetes-rejects', `service "${this.svc.name}": ${message}`, loc, hint);
  }

  /** How a value is shown: as written, unless it was made from a secret. */
  private shown(node: YNode | undefined, text: string): string {
    return isScalar(node) && secretValues(this.ctx).secretUses(node.uses).length > 0 ? '(a value made from a secret)' : JSON.stringify(text);
  }

  private loc(...path: (string | number)[]): Loc {
    return valueAt(this.svc.node, ...path) ?? locAt(this.svc.node, ...path);
  }

  /** image: what the kubelet can pull; an interpolation that left it broken is named. */
  image(): void {
    const node = at(this.svc.node, 'image');
    const image = this.svc.image;
    if (image === undefined || !node) return;
    const problem = imageReferenceProblem(image);
    if (!problem) return;
    const blank = isScalar(node) ? (node.uses ?? []).filter((u) => !u.value) : [];
    const why = blank.length > 0 ? ` (${blank.map((u) => `${u.name} is ${u.value === undefined ? 'not set' : 'empty'}`).join(', ')})` : '';
    const hint =
      blank.length > 0
        ? `set ${blank[0]!.name} in the environment or in .env, or give it a default: \${${blank[0]!.name}:-latest}`
        : 'write [REGISTRY/]NAME[:TAG][@DIGEST] with a lower-case name, e.g. nginx:1.27 or ghcr.io/owner/app:2.1';
    this.ctx.diags.error('image-reference', `service "${this.svc.name}": image ${this.shown(node, image)} is not a valid image reference: ${problem}${why}`, node.loc, hint);
  }

  /** deploy.replicas / scale: a whole number from 0 to 2^31-1. */
  replicas(): void {
    const n = this.svc.replicas;
    if (n === undefined || (Number.isInteger(n) && n >= 0 && n <= MAX_INT32)) return;
    const fromDeploy = this.svc.deploy?.replicas !== undefined;
    const what = fromDeploy ? 'deploy.replicas' : 'scale';
    const loc = fromDeploy ? this.loc('deploy', 'replicas') : this.loc('scale');
    this.error(`${what} ${n} is not a number of replicas Kubernetes accepts: a whole number from 0 to ${MAX_INT32}`, loc, 'write how many containers to run, e.g. 1 or 3 (0 to stop the service)');
  }

  /** environment and env_file: every variable needs a name the API server takes. */
  environment(): void {
    for (const v of this.svc.environment) {
      if (v.name === '') this.error('an environment entry has no name (written "=value")', v.loc, 'write NAME=value');
      else if (!ENV_NAME_CHARS.test(v.name)) this.error(`environment variable name ${JSON.stringify(v.name)} ${envNameProblem(v.name)}`, v.loc, 'rename it with letters, digits, "_", "-" and "."');
    }
    for (const f of this.svc.envFiles) {
      for (const v of f.vars ?? []) {
        if (!ENV_NAME_CHARS.test(v.name)) this.error(`variable name ${JSON.stringify(v.name)} of env file ${f.declared} ${envNameProblem(v.name)}`, f.loc, 'rename it with letters, digits, "_", "-" and "."');
      }
    }
  }

  /** ports and expose: container ports from 1 to 65535 (0 lets Docker pick; a pod must say). */
  ports(): void {
    for (const p of this.svc.ports) {
      if (Number.isInteger(p.target) && p.target >= 1 && p.target <= 65535) continue;
      this.error(`container port ${p.target} is not a port Kubernetes accepts: a whole number from 1 to 65535`, p.loc, 'write the port the container listens on');
    }
    for (const e of this.svc.expose) {
      if (!e.port.split('-').some((n) => Number(n) === 0)) continue;
      this.error(`exposed port ${JSON.stringify(e.port)} is not a port Kubernetes accepts: a whole number from 1 to 65535`, e.loc, 'write the port the container listens on');
    }
  }

  /** extra_hosts names go to /etc/hosts through hostAliases, which takes DNS names only. */
  hostnames(): void {
    for (const h of this.svc.extraHosts) {
      const name = h.hostname.toLowerCase();
      if (h.ip === 'host-gateway' || isDnsSubdomain(name)) continue;
      this.error(
        `extra host name ${JSON.stringify(h.hostname)} is not a DNS name (hostAliases take lower-case letters, digits, "-" and ".")`,
        h.loc,
        'write the host name as a DNS name, e.g. db.internal',
      );
    }
  }

  /** dns_search: DNS names, at most 32 of them and 2048 characters together; dns_opt: named options. */
  dns(): void {
    const searches = listItems(at(this.svc.node, 'dns_search'));
    const kept = searches.filter((s) => s.text.trim() !== '' && s.text.trim() !== '.');
    for (const s of kept) {
      if (!isDnsSubdomain(s.text.trim().replace(/\.$/, '').toLowerCase())) this.error(`dns_search domain ${this.shown(s.node, s.text)} is not a DNS name`, s.node.loc, 'write a domain such as example.com');
    }
    if (kept.length > 32) this.error(`dns_search lists ${kept.length} domains; a pod takes at most 32`, this.loc('dns_search'), 'keep the 32 that matter');
    else if (kept.map((s) => s.text.trim()).join(' ').length > 2048) this.error('dns_search domains are longer than the 2048 characters a pod takes', this.loc('dns_search'));
    for (const o of listItems(at(this.svc.node, 'dns_opt'))) {
      if (o.text.split(':')[0]!.trim() === '') this.error(`dns_opt ${this.shown(o.node, o.text)} has no option name`, o.node.loc, 'write NAME or NAME:VALUE, e.g. ndots:2');
    }
  }

  /** sysctls: names as the kernel spells them, at most 253 characters. */
  sysctls(): void {
    for (const e of locatedEntries(this.svc, 'sysctls')) {
      const n = e.key.trim();
      if (n.length <= 253 && SYSCTL_NAME.test(n)) continue;
      this.error(`sysctl ${JSON.stringify(e.key)} is not a sysctl name (lower-case words separated by "." or "/")`, e.loc, 'write it as `sysctl -a` prints it, e.g. net.core.somaxconn');
    }
  }

  /** user and group_add: numeric ids go to runAsUser, runAsGroup and supplementalGroups, which end at 2^31-1. */
  ids(): void {
    const m = /^(\d+)(?::(\d+))?$/.exec(this.svc.user?.trim() ?? '');
    if (m) {
      for (const id of [m[1], m[2]]) {
        if (id !== undefined && Number(id) > MAX_INT32) this.error(`user "${this.svc.user}": id ${id} is larger than ${MAX_INT32}, the largest id Kubernetes accepts`, this.loc('user'));
      }
    }
    for (const g of listItems(at(this.svc.node, 'group_add'))) {
      if (/^\d+$/.test(g.text.trim()) && Number(g.text.trim()) > MAX_INT32) this.error(`group_add ${g.text.trim()} is larger than ${MAX_INT32}, the largest id Kubernetes accepts`, g.node.loc);
    }
  }

  /** stop_grace_period and the healthcheck timings become whole seconds of int32 fields. */
  durations(): void {
    const grace = durationSeconds(scalarString(at(this.svc.node, 'stop_grace_period')));
    if (grace !== undefined && grace < 0) this.error(`stop_grace_period ${this.svc.stopGracePeriod} is negative`, this.loc('stop_grace_period'), 'write how long the container gets to stop, e.g. 10s');
    else if (grace !== undefined && grace > MAX_INT32) this.error(`stop_grace_period ${this.svc.stopGracePeriod} is longer than Kubernetes accepts (${MAX_INT32} seconds)`, this.loc('stop_grace_period'));
    for (const key of ['interval', 'timeout', 'start_period', 'start_interval']) {
      const seconds = durationSeconds(scalarString(at(this.svc.node, 'healthcheck', key)));
      if (seconds !== undefined && seconds > MAX_INT32) this.error(`healthcheck.${key} is longer than a probe can wait (${MAX_INT32} seconds)`, this.loc('healthcheck', key));
    }
    const retries = this.svc.healthcheck?.retries;
    // The liveness probe allows three times Docker's retries.
    if (retries !== undefined && retries * 3 > MAX_INT32) this.error(`healthcheck.retries ${retries} is more than a probe can count`, this.loc('healthcheck', 'retries'), 'write how many failed checks make the container unhealthy, e.g. 3');
  }

  /** Counts that become int32 fields that must not be negative. */
  counts(): void {
    const update = [this.svc.deploy?.updateConfig, this.svc.deploy?.rollbackConfig];
    ['update_config', 'rollback_config'].forEach((key, i) => {
      const p = update[i]?.parallelism;
      if (p !== undefined && (!Number.isInteger(p) || p < 0 || p > MAX_INT32)) {
        this.error(`deploy.${key}.parallelism ${p} is not a number of containers: a whole number, 0 for all at once`, this.loc('deploy', key, 'parallelism'));
      }
    });
    const attempts = this.svc.deploy?.restartPolicy?.maxAttempts;
    if (attempts !== undefined && (!Number.isInteger(attempts) || attempts < 0 || attempts > MAX_INT32)) {
      this.error(`deploy.restart_policy.max_attempts ${attempts} is not a number of attempts: a whole number from 0`, this.loc('deploy', 'restart_policy', 'max_attempts'));
    }
    const cpus = [
      { path: ['cpus'], value: this.svc.cpus },
      { path: ['deploy', 'resources', 'limits', 'cpus'], value: this.svc.deploy?.resources?.limits?.cpus },
      { path: ['deploy', 'resources', 'reservations', 'cpus'], value: this.svc.deploy?.resources?.reservations?.cpus },
    ];
    for (const c of cpus) {
      // -1 and 0 mean "no limit" to Docker; below -1 the resources transform refuses it.
      if (c.value !== undefined && c.value < 0 && c.value > -1) this.error(`${c.path.join('.')} ${c.value} is negative; Docker and Kubernetes take a number of CPUs from 0.001`, this.loc(...c.path), 'write a number of CPUs such as 0.5 or 2');
    }
  }

  /** shm_size and tmpfs sizes become sizeLimits of memory volumes: a size Docker reads, or an error (never a silent "no limit"). */
  memorySizes(): void {
    const sizes = [
      ...(this.svc.shmSize !== undefined ? [{ what: 'shm_size', text: this.svc.shmSize, loc: this.loc('shm_size') }] : []),
      ...this.svc.tmpfs.flatMap((t) => (t.size !== undefined ? [{ what: `tmpfs ${t.target} size`, text: t.size, loc: t.loc }] : [])),
      ...this.svc.volumes.flatMap((m) => (m.tmpfs?.size !== undefined ? [{ what: `tmpfs volume ${m.target} size`, text: m.tmpfs.size, loc: m.loc }] : [])),
    ];
    for (const s of sizes) {
      if (byteSize(s.text) === undefined) {
        this.ctx.diags.error('invalid-value', `service "${this.svc.name}": ${s.what} must be a byte size such as 64m or 1g, got ${JSON.stringify(s.text)}`, s.loc);
      }
    }
  }

  /** The claims of this service's volumes: x-kubernetes.storage.size or kompose.volume.size. */
  claimSize(): void {
    const size = serviceHints(this.svc, this.ctx.diags).claims.size;
    if (!size) return;
    const loc = size.from.startsWith('label') ? size.loc : (valueAt(this.svc.node, 'x-kubernetes', 'storage', 'size') ?? size.loc);
    checkQuantity(this.ctx, `service "${this.svc.name}": ${size.from}`, size.value, loc);
  }
}

function envNameProblem(name: string): string {
  return name.includes('=') ? 'contains "=", which ends a name' : 'has characters outside printable ASCII, which no Kubernetes version accepts in a name';
}

/** The items of a list-valued key (a single string counts as one), each with its node. */
function listItems(node: YNode | undefined): { text: string; node: YNode }[] {
  const items = isSeq(node) ? node.items : node ? [node] : [];
  return items.flatMap((n) => {
    const text = scalarString(n);
    return text === undefined ? [] : [{ text, node: n }];
  });
}

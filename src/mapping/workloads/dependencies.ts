import { Role, RoleBinding, ServiceAccount } from '../kube-models.js';
import type { IContainer } from 'kubernetes-models/v1/Container';
import type { DependsOn, Service } from '../../compose/model.js';
import { entry, locAt } from '../../compose/tree.js';
import { note, type KubeObject, type MapContext, type Note, type ServiceDraft, type ServiceTransform } from '../context.js';
import { projectHints, serviceHints, type HelperImages, type Hint } from '../hints/extension.js';
import { settleFidelity, warnFidelity } from '../fidelity.js';
import { dnsLabel, uniqueName } from '../names.js';
import { sharedPodHosts } from './pod-sharing.js';
import { hasReadinessProbe, healthTiming } from './probes.js';
import { jobWaitScript, nameWaitScript, portWaitScript } from './wait-scripts.js';
import { awaitedCompletions } from './workloads.js';

/**
 * A small image with `nc` and `nslookup`, pinned so the wait scripts behave the same everywhere,
 * and fully qualified, so it means the same on every runtime (a CRI-O node has no default registry).
 */
export const WAIT_IMAGE = 'docker.io/library/busybox:1.36.1';
/** The official kubectl image (it has a shell), to read the status of Jobs. */
export const KUBECTL_IMAGE = 'registry.k8s.io/kubectl:v1.34.0';
/** How long an optional dependency (`required: false`) is waited for at least, in seconds. */
export const OPTIONAL_WAIT_SECONDS = 60;

/** Where the wait containers find the token that lets them read Jobs (where kubectl looks for it). */
const TOKEN_PATH = '/var/run/secrets/kubernetes.io/serviceaccount';

type Wait =
  | { kind: 'port'; host: string; port: number; limit?: number; detail: string }
  | { kind: 'name'; host: string; limit?: number; detail: string }
  | { kind: 'job'; job: string; required: boolean; detail: string };

/**
 * depends_on (and the dependencies `links` implies) -> one init container per dependency, `wait-for-<dep>`, that holds the pod back
 * until the dependency is ready: its Service accepts connections on its first TCP port (a
 * Service only routes to ready pods, and a healthcheck is a readiness probe), its headless name
 * resolves (it only does once a pod is ready), or its Job has completed.
 */
export const mapDependencies: ServiceTransform = (draft, ctx) => {
  const svc = draft.service;
  // `links` implies dependencies too (the loader adds them, as compose-go does): waited for alike.
  if (Object.keys(svc.dependsOn).length === 0) return;
  if (entry(svc.node, 'depends_on')) draft.consumed.add('depends_on');
  if (ctx.options.waitForDependencies === false) {
    // The user turned waiting off: nothing behaves differently from what they asked for.
    for (const key of ['services.depends_on.required', 'services.depends_on.restart']) settleFidelity(ctx, svc, key);
    return;
  }
  const names = new Set([...(draft.pod.initContainers ?? []), ...draft.pod.containers].map((c) => c.name));
  const hosts = sharedPodHosts(ctx.project);
  const jobs: { job: string; container: IContainer }[] = [];
  for (const [depName, dep] of Object.entries(svc.dependsOn)) {
    const target = ctx.project.services[depName];
    if (!target) {
      if (dep.required) {
        ctx.diags.error('undefined-reference', `service "${svc.name}" depends on service "${depName}", which is not defined`, dep.loc, `define "${depName}" under services, or mark the dependency "required: false"`);
      }
      continue;
    }
    // Compose does not wait for a service scaled to zero either.
    if (target.replicas === 0) continue;
    if (inOnePod(svc.name, depName, hosts)) {
      reportSharedPod(svc, depName, dep, ctx);
      continue;
    }
    reportOptions(svc, depName, dep, ctx);
    const wait = waitFor(svc, target, dep, ctx);
    if (!wait) continue;
    const name = uniqueName(names, `wait-for-${ctx.serviceNames.get(depName)!}`, dnsLabel);
    const image = helperImage(svc, ctx, wait.kind === 'job' ? 'kubectl' : 'wait');
    const container = waitContainer(name, wait, image.value);
    const initContainers = (draft.pod.initContainers ??= []);
    const detail = dep.implied ? `${wait.detail} (the link implies this dependency, as in Compose)` : wait.detail;
    note(draft, 'pod', ['initContainers', initContainers.length], dep.loc, 'services.depends_on', detail);
    if (image.from) note(draft, 'pod', ['initContainers', initContainers.length, 'image'], image.from.loc, image.from.key, `from ${image.from.from}`);
    initContainers.push(container);
    if (wait.kind === 'job') jobs.push({ job: wait.job, container });
  }
  if (jobs.length > 0) allowJobReads(draft, ctx, jobs);
};

/** True when `network_mode: service:` puts both services in one pod. */
function inOnePod(a: string, b: string, hosts: ReadonlyMap<string, string>): boolean {
  const hostA = hosts.get(a) ?? a;
  const hostB = hosts.get(b) ?? b;
  return hostA === hostB;
}

/**
 * An init container of a pod cannot wait for a container of the same pod: those only start once
 * every init container has finished. The pod starts its containers in order instead, the host first.
 */
function reportSharedPod(svc: Service, depName: string, dep: DependsOn, ctx: MapContext): void {
  if (dep.condition === 'service_started') return;
  ctx.diags.warn(
    'approximate',
    `service "${svc.name}" waits for "${depName}" (${dep.condition}), but network_mode puts both in one pod, whose containers start together: nothing waits`,
    dep.loc,
    'make the service retry until the other one is ready, or drop network_mode so each runs in its own pod',
  );
}

/** `required: false` and `restart: true` change what Compose does; say how far Kubernetes follows. */
function reportOptions(svc: Service, depName: string, dep: DependsOn, ctx: MapContext): void {
  if (!dep.required) {
    const loc = locAt(svc.node, 'depends_on', depName, 'required');
    warnFidelity(ctx, svc, 'services.depends_on.required', loc, { value: 'false', what: `depends_on.${depName}.required`, detail: waitLimitText(dep, ctx.project.services[depName]!) });
  }
  // A link's implied `restart: true` is Compose's own default, not something the user asked for.
  if (dep.restart && !dep.implied) {
    warnFidelity(ctx, svc, 'services.depends_on.restart', locAt(svc.node, 'depends_on', depName, 'restart'), { value: 'true', what: `depends_on.${depName}.restart` });
  }
}

function waitLimitText(dep: DependsOn, target: Service): string {
  return dep.condition === 'service_completed_successfully'
    ? 'the wait ends when the job completes or fails'
    : `the wait gives up after ${optionalLimit(dep, target)}s`;
}

/**
 * How long an optional dependency is waited for: as long as Docker can take to call it unhealthy
 * (start period, then every retry at its interval and timeout), and at least OPTIONAL_WAIT_SECONDS,
 * since pods also wait for their images and a node.
 */
function optionalLimit(dep: DependsOn, target: Service): number {
  if (dep.condition !== 'service_healthy' || !hasReadinessProbe(target)) return OPTIONAL_WAIT_SECONDS;
  const t = healthTiming(target);
  return Math.max(OPTIONAL_WAIT_SECONDS, t.startPeriod + t.retries * (t.interval + t.timeout));
}

/** How a dependency runs: once (a Job), on a schedule (a CronJob), or as a server. */
function runsAs(target: Service, ctx: MapContext): 'Job' | 'CronJob' | 'server' {
  const hint = serviceHints(target, ctx.diags).workload?.value;
  if (hint === 'Job' || hint === 'CronJob') return hint;
  if (hint) return 'server';
  if (target.deploy?.mode === 'replicated-job' || target.deploy?.mode === 'global-job') return 'Job';
  return awaitedCompletions(ctx.project).has(target.name) ? 'Job' : 'server';
}

/** What the init container for one dependency waits for; undefined when there is nothing to wait for. */
function waitFor(svc: Service, target: Service, dep: DependsOn, ctx: MapContext): Wait | undefined {
  const host = ctx.serviceNames.get(target.name)!;
  const kind = runsAs(target, ctx);
  if (dep.condition === 'service_completed_successfully') {
    if (kind === 'Job') return { kind: 'job', job: host, required: dep.required, detail: `waits until job ${host} has completed successfully` };
    const made = serviceHints(target, ctx.diags).workload!;
    if (kind === 'CronJob') {
      ctx.diags.warn(
        'approximate',
        `service "${svc.name}" waits for "${target.name}" to complete successfully, but ${made.from} makes it a CronJob, whose Jobs run on a schedule: nothing waits`,
        dep.loc,
        `remove the schedule of "${target.name}" so it runs once as a Job, or drop the dependency`,
      );
      return undefined;
    }
    ctx.diags.warn(
      'approximate',
      `service "${svc.name}" waits for "${target.name}" to complete successfully, but ${made.from} makes it a ${made.value}, which never completes; the pod waits until it is ready instead`,
      dep.loc,
      `remove the workload kind of "${target.name}" so it runs as a Job, or wait for it with condition: service_started`,
    );
  } else if (kind !== 'server') {
    // A run-once pod is only ready while it runs: waiting for it could outlast it. Compose
    // starts it first and does not wait for it either.
    if (dep.condition === 'service_healthy') {
      ctx.diags.warn(
        'approximate',
        `service "${svc.name}" waits for "${target.name}" to be healthy, but "${target.name}" runs as a ${kind}, which is only ready while it runs: nothing waits`,
        dep.loc,
        'wait for it with condition: service_completed_successfully',
      );
    }
    return undefined;
  } else if (dep.condition === 'service_healthy' && !hasReadinessProbe(target)) {
    ctx.diags.warn(
      'approximate',
      `service "${svc.name}" waits for "${target.name}" to be healthy, but "${target.name}" has no healthcheck test Kubernetes can run (Compose would use the image's HEALTHCHECK or refuse to start); the pod only waits until "${target.name}" is up`,
      dep.loc,
      `give "${target.name}" a healthcheck with a test`,
    );
  }
  const limit = dep.required ? undefined : optionalLimit(dep, target);
  const ready = hasReadinessProbe(target) ? 'ready (its healthcheck passes)' : 'up';
  const port = firstTcpPort(target);
  if (port !== undefined) {
    return { kind: 'port', host, port, ...(limit !== undefined ? { limit } : {}), detail: `waits until ${host}:${port} accepts connections, i.e. ${host} is ${ready}` };
  }
  if (target.ports.length > 0 || target.expose.length > 0) {
    ctx.diags.warn(
      'approximate',
      `service "${svc.name}" depends on "${target.name}", which has no TCP port: the init container can only wait until its name resolves, which a Service's name does as soon as it exists`,
      dep.loc,
      `open a TCP port on "${target.name}" (expose:) so the wait can check that it accepts connections`,
    );
  }
  return { kind: 'name', host, ...(limit !== undefined ? { limit } : {}), detail: `waits until the name ${host} resolves, i.e. a ${host} pod is ${ready}` };
}

/** The first TCP port of a service, as written (`ports`, then `expose`). */
export function firstTcpPort(svc: Service): number | undefined {
  const port = svc.ports.find((p) => p.protocol === 'tcp');
  if (port) return port.target;
  const exposed = svc.expose.find((e) => e.protocol === 'tcp');
  return exposed ? Number(exposed.port.split('-')[0]) : undefined;
}

/**
 * The image of a helper container: the service's x-kubernetes.helperImages, else the project's,
 * else the helperImages option (`--helper-image`, `--kubectl-image`), else the default.
 */
function helperImage(svc: Service, ctx: MapContext, which: 'wait' | 'kubectl'): { value: string; from?: Hint<HelperImages> } {
  for (const hint of [serviceHints(svc, ctx.diags).helperImages, projectHints(ctx.project, ctx.diags).helperImages]) {
    const value = hint?.value[which];
    if (hint && value !== undefined) return { value, from: hint };
  }
  return { value: ctx.options.helperImages?.[which] ?? (which === 'kubectl' ? KUBECTL_IMAGE : WAIT_IMAGE) };
}

function waitContainer(name: string, wait: Wait, image: string): IContainer {
  const script =
    wait.kind === 'port'
      ? portWaitScript(wait.host, wait.port, wait.limit)
      : wait.kind === 'name'
        ? nameWaitScript(wait.host, wait.limit)
        : jobWaitScript(wait.job, wait.required);
  const kubectl = wait.kind === 'job';
  return {
    name,
    image,
    command: ['/bin/sh', '-c', script],
    // kubectl keeps a cache in $HOME; the image's root home is not writable for this user.
    ...(kubectl ? { env: [{ name: 'HOME', value: '/tmp' }] } : {}),
    resources: {
      requests: { cpu: '10m', memory: kubectl ? '32Mi' : '8Mi' },
      limits: { memory: kubectl ? '128Mi' : '32Mi' },
    },
    // Waiting needs no privileges: the container runs as nobody and would pass the restricted Pod Security level.
    securityContext: {
      runAsNonRoot: true,
      runAsUser: 65534,
      runAsGroup: 65534,
      allowPrivilegeEscalation: false,
      capabilities: { drop: ['ALL'] },
      seccompProfile: { type: 'RuntimeDefault' },
    },
  };
}

/**
 * Reading a Job's status takes API access: a Role that may get exactly those Jobs, bound to the
 * pod's ServiceAccount, and a token mounted into the wait containers only. Without a
 * ServiceAccount chosen by the user, the pod gets its own and the app container no token at all.
 */
function allowJobReads(draft: ServiceDraft, ctx: MapContext, jobs: { job: string; container: IContainer }[]): void {
  const svc = draft.service;
  const loc = locAt(svc.node, 'depends_on');
  const origin = { what: `service "${svc.name}" (depends_on)`, loc };
  const name = dnsLabel(`${draft.name}-wait-for-jobs`);
  const labels = { ...draft.labels };
  const chosen = serviceHints(svc, ctx.diags).serviceAccountName;
  const account = chosen?.value ?? name;
  const jobNames = [...new Set(jobs.map((j) => j.job))].sort();
  const why = `lets the wait containers read the status of job ${jobNames.join(', ')}`;
  if (!chosen) {
    const sa = new ServiceAccount({ metadata: { name, labels } });
    ctx.add(sa.toJSON() as unknown as KubeObject, origin, [{ path: ['metadata', 'name'], loc, key: 'services.depends_on', detail: `the account of the ${draft.name} pods; ${why}` }]);
    draft.pod.serviceAccountName = name;
    draft.pod.automountServiceAccountToken = false;
    note(draft, 'pod', ['serviceAccountName'], loc, 'services.depends_on', why);
    note(draft, 'pod', ['automountServiceAccountToken'], loc, 'services.depends_on', 'only the wait containers get a token');
  }
  const role = new Role({
    metadata: { name, labels },
    rules: [{ apiGroups: ['batch'], resources: ['jobs'], resourceNames: jobNames, verbs: ['get'] }],
  });
  const binding = new RoleBinding({
    metadata: { name, labels },
    roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name },
    subjects: [{ kind: 'ServiceAccount', name: account }],
  });
  const notes: Note[] = [{ path: ['metadata', 'name'], loc, key: 'services.depends_on', detail: why }];
  ctx.add(role.toJSON() as unknown as KubeObject, origin, notes);
  ctx.add(binding.toJSON() as unknown as KubeObject, origin, notes.map((n) => ({ ...n })));

  const volumeNames = new Set((draft.pod.volumes ?? []).map((v) => v.name));
  const volume = uniqueName(volumeNames, 'wait-for-jobs-token', dnsLabel);
  (draft.pod.volumes ??= []).push({
    name: volume,
    projected: {
      sources: [
        { serviceAccountToken: { path: 'token', expirationSeconds: 3600 } },
        { configMap: { name: 'kube-root-ca.crt', items: [{ key: 'ca.crt', path: 'ca.crt' }] } },
        { downwardAPI: { items: [{ path: 'namespace', fieldRef: { fieldPath: 'metadata.namespace' } }] } },
      ],
    },
  });
  note(draft, 'pod', ['volumes', draft.pod.volumes.length - 1], loc, 'services.depends_on', 'an API token for the wait containers only');
  for (const { container } of jobs) container.volumeMounts = [{ name: volume, mountPath: TOKEN_PATH, readOnly: true }];
}

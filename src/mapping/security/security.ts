import type { ISecurityContext } from 'kubernetes-models/v1/SecurityContext';
import type { IPodSecurityContext } from 'kubernetes-models/v1/PodSecurityContext';
import { entry, get, scalarString } from '../../compose/tree.js';
import { keyLoc } from '../workloads/container.js';
import { note, type MapContext, type ServiceDraft, type ServiceTransform } from '../context.js';
import { judgeFidelity, settleFidelity } from '../fidelity.js';
import { locatedEntries, locatedItems, type Located } from '../located.js';

/**
 * user, privileged, cap_add/cap_drop, read_only, group_add, security_opt, sysctls, pid, ipc,
 * userns_mode, uts -> the container's and the pod's securityContext and host namespaces. Without
 * a seccomp option the pod runs under the runtime's default profile, as Docker does. (ulimits has
 * no equivalent: its row in the table explains that.)
 */
export const mapSecurity: ServiceTransform = (draft, ctx) => {
  mapUser(draft, ctx);
  mapPrivileged(draft, ctx);
  mapCapabilities(draft, ctx);
  mapReadOnly(draft);
  mapGroupAdd(draft, ctx);
  mapSecurityOpt(draft, ctx);
  mapSysctls(draft, ctx);
  mapNamespaces(draft, ctx);
};

const BASELINE = 'namespaces that enforce the Pod Security "baseline" or "restricted" level reject this pod';

function containerContext(draft: ServiceDraft): ISecurityContext {
  return (draft.container.securityContext ??= {});
}

function podContext(draft: ServiceDraft): IPodSecurityContext {
  return (draft.pod.securityContext ??= {});
}

/** user -> runAsUser/runAsGroup (Kubernetes accepts numeric ids only). */
function mapUser(draft: ServiceDraft, ctx: MapContext): void {
  const svc = draft.service;
  if (svc.user === undefined) return;
  draft.consumed.add('user');
  const m = /^(\d+)(?::(\d+))?$/.exec(svc.user.trim());
  if (!m) {
    ctx.diags.warn(
      'unsupported',
      `service "${svc.name}" runs as user "${svc.user}": Kubernetes only accepts numeric user and group ids, so the image's default user is used`,
      keyLoc(draft, 'user'),
      'write the numeric uid[:gid] of that user (from /etc/passwd in the image)',
    );
    return;
  }
  const sc = containerContext(draft);
  sc.runAsUser = Number(m[1]);
  if (m[2] !== undefined) sc.runAsGroup = Number(m[2]);
  note(draft, 'container', ['securityContext', 'runAsUser'], keyLoc(draft, 'user'), 'services.user');
}

function mapPrivileged(draft: ServiceDraft, ctx: MapContext): void {
  const svc = draft.service;
  if (svc.privileged === undefined) return;
  draft.consumed.add('privileged');
  if (!svc.privileged) return;
  containerContext(draft).privileged = true;
  note(draft, 'container', ['securityContext', 'privileged'], keyLoc(draft, 'privileged'), 'services.privileged');
  ctx.diags.warn(
    'insecure',
    `service "${svc.name}" is privileged: it gets every capability and the host's devices, as with Docker; ${BASELINE}`,
    keyLoc(draft, 'privileged'),
    'grant only the capabilities it needs with cap_add',
  );
}

/** Linux capabilities, as Docker and Kubernetes name them (without CAP_). */
const CAPABILITIES = new Set([
  'AUDIT_CONTROL', 'AUDIT_READ', 'AUDIT_WRITE', 'BLOCK_SUSPEND', 'BPF', 'CHECKPOINT_RESTORE', 'CHOWN',
  'DAC_OVERRIDE', 'DAC_READ_SEARCH', 'FOWNER', 'FSETID', 'IPC_LOCK', 'IPC_OWNER', 'KILL', 'LEASE',
  'LINUX_IMMUTABLE', 'MAC_ADMIN', 'MAC_OVERRIDE', 'MKNOD', 'NET_ADMIN', 'NET_BIND_SERVICE',
  'NET_BROADCAST', 'NET_RAW', 'PERFMON', 'SETFCAP', 'SETGID', 'SETPCAP', 'SETUID', 'SYS_ADMIN',
  'SYS_BOOT', 'SYS_CHROOT', 'SYS_MODULE', 'SYS_NICE', 'SYS_PACCT', 'SYS_PTRACE', 'SYS_RAWIO',
  'SYS_RESOURCE', 'SYS_TIME', 'SYS_TTY_CONFIG', 'SYSLOG', 'WAKE_ALARM', 'ALL',
]);

/** The capabilities the Pod Security baseline level allows a container to add. */
const BASELINE_CAPABILITIES = new Set([
  'AUDIT_WRITE', 'CHOWN', 'DAC_OVERRIDE', 'FOWNER', 'FSETID', 'KILL', 'MKNOD', 'NET_BIND_SERVICE',
  'SETFCAP', 'SETGID', 'SETPCAP', 'SETUID', 'SYS_CHROOT',
]);

/**
 * cap_add/cap_drop -> capabilities.add/drop. Docker accepts `CAP_` prefixes and any case; the
 * runtime adds the prefix itself, so Kubernetes needs the bare upper-case name. Both apply `ALL`
 * first, so `cap_drop: [ALL]` with `cap_add: [X]` leaves exactly X, as in Compose.
 */
function mapCapabilities(draft: ServiceDraft, ctx: MapContext): void {
  const svc = draft.service;
  const read = (key: 'cap_add' | 'cap_drop'): string[] => {
    const out: string[] = [];
    for (const { value, loc } of locatedItems(svc, key)) {
      const name = value.trim().toUpperCase().replace(/^CAP_/, '');
      if (!CAPABILITIES.has(name)) {
        ctx.diags.error('invalid-value', `service "${svc.name}": ${key} "${value}" is not a Linux capability`, loc, 'use names such as NET_ADMIN or SYS_TIME (see capabilities(7))');
        continue;
      }
      if (key === 'cap_add' && !BASELINE_CAPABILITIES.has(name)) {
        ctx.diags.warn('insecure', `service "${svc.name}" adds capability ${name}; ${BASELINE}`, loc, name === 'ALL' ? 'add only the capabilities it needs' : undefined);
      }
      if (!out.includes(name)) out.push(name);
    }
    return out;
  };
  const add = read('cap_add');
  const drop = read('cap_drop');
  for (const key of ['cap_add', 'cap_drop']) if (svc.node.entries.some((e) => e.key === key)) draft.consumed.add(key);
  if (add.length === 0 && drop.length === 0) return;
  containerContext(draft).capabilities = { ...(add.length > 0 ? { add } : {}), ...(drop.length > 0 ? { drop } : {}) };
  if (add.length > 0) note(draft, 'container', ['securityContext', 'capabilities', 'add'], keyLoc(draft, 'cap_add'), 'services.cap_add');
  if (drop.length > 0) note(draft, 'container', ['securityContext', 'capabilities', 'drop'], keyLoc(draft, 'cap_drop'), 'services.cap_drop');
}

function mapReadOnly(draft: ServiceDraft): void {
  const svc = draft.service;
  if (svc.readOnly === undefined) return;
  draft.consumed.add('read_only');
  if (!svc.readOnly) return;
  containerContext(draft).readOnlyRootFilesystem = true;
  note(draft, 'container', ['securityContext', 'readOnlyRootFilesystem'], keyLoc(draft, 'read_only'), 'services.read_only');
}

/** group_add -> supplementalGroups; Kubernetes takes numeric ids, Docker also looks names up in the image. */
function mapGroupAdd(draft: ServiceDraft, ctx: MapContext): void {
  const svc = draft.service;
  const items = locatedItems(svc, 'group_add');
  if (items.length === 0) return;
  draft.consumed.add('group_add');
  const groups: number[] = [];
  for (const { value, loc } of items) {
    if (/^\d+$/.test(value.trim())) {
      const gid = Number(value.trim());
      if (!groups.includes(gid)) groups.push(gid);
      continue;
    }
    ctx.diags.warn(
      'unsupported',
      `service "${svc.name}" adds group "${value}" by name: Kubernetes only accepts numeric group ids, so the group is not added`,
      loc,
      `write its numeric gid (\`docker run --rm --entrypoint getent ${draft.container.image ?? '<image>'} group ${value}\` prints it)`,
    );
  }
  if (groups.length === 0) return;
  podContext(draft).supplementalGroups = groups;
  note(draft, 'pod', ['securityContext', 'supplementalGroups'], keyLoc(draft, 'group_add'), 'services.group_add');
}

/** `key=value` or the older `key:value`; whichever separator comes first. */
function splitOption(s: string): [string, string | undefined] {
  const i = s.search(/[=:]/);
  return i < 0 ? [s.trim(), undefined] : [s.slice(0, i).trim(), s.slice(i + 1).trim()];
}

function mapSecurityOpt(draft: ServiceDraft, ctx: MapContext): void {
  const svc = draft.service;
  const items = locatedItems(svc, 'security_opt');
  if (items.length > 0) draft.consumed.add('security_opt');
  let seccomp = false;
  for (const item of items) {
    const [key, value] = splitOption(item.value);
    switch (key) {
      case 'no-new-privileges':
        noNewPrivileges(draft, ctx, value, item);
        break;
      case 'seccomp':
        seccomp = true;
        seccompOption(draft, ctx, value ?? '', item);
        break;
      case 'apparmor':
        appArmorOption(draft, ctx, value ?? '', item);
        break;
      case 'label':
        selinuxOption(draft, ctx, value ?? '', item);
        break;
      case 'systempaths':
        ctx.diags.warn(
          'unsupported',
          `service "${svc.name}": security_opt "${item.value}" is not converted: Kubernetes unmasks /proc and /sys (procMount: Unmasked) only in pods with their own user namespace`,
          item.loc,
          'set securityContext.procMount: Unmasked together with hostUsers: false on the pod, if the cluster supports user namespaces',
        );
        break;
      default:
        ctx.diags.warn('unsupported', `service "${svc.name}": security_opt "${item.value}" has no Kubernetes equivalent and is not converted`, item.loc);
    }
  }
  // Docker confines every container with its default seccomp profile; Kubernetes only does when asked.
  if (!seccomp && !svc.privileged) {
    podContext(draft).seccompProfile = { type: 'RuntimeDefault' };
    note(draft, 'pod', ['securityContext', 'seccompProfile'], svc.loc, 'services.security_opt.seccomp', "Docker's default profile applies when security_opt names none");
  }
}

function noNewPrivileges(draft: ServiceDraft, ctx: MapContext, value: string | undefined, item: Located): void {
  const svc = draft.service;
  if (value !== undefined && value !== 'true') {
    if (value !== 'false') ctx.diags.warn('invalid-value', `service "${svc.name}": no-new-privileges takes true or false, got "${value}"`, item.loc);
    return;
  }
  // The API server rejects allowPrivilegeEscalation: false next to privileged or CAP_SYS_ADMIN.
  const caps = draft.container.securityContext?.capabilities?.add ?? [];
  if (svc.privileged || caps.includes('SYS_ADMIN')) {
    ctx.diags.warn(
      'approximate',
      `service "${svc.name}": no-new-privileges is left out: Kubernetes does not allow it together with ${svc.privileged ? 'privileged' : 'CAP_SYS_ADMIN'}`,
      item.loc,
    );
    return;
  }
  containerContext(draft).allowPrivilegeEscalation = false;
  note(draft, 'container', ['securityContext', 'allowPrivilegeEscalation'], item.loc, 'services.security_opt.no-new-privileges');
}

function seccompOption(draft: ServiceDraft, ctx: MapContext, value: string, item: Located): void {
  const svc = draft.service;
  const path = ['securityContext', 'seccompProfile'];
  if (value === 'unconfined') {
    containerContext(draft).seccompProfile = { type: 'Unconfined' };
    note(draft, 'container', path, item.loc, 'services.security_opt.seccomp');
    ctx.diags.warn('insecure', `service "${svc.name}" runs without a seccomp profile; ${BASELINE}`, item.loc);
    return;
  }
  if (value === 'builtin' || value === '') {
    containerContext(draft).seccompProfile = { type: 'RuntimeDefault' };
    note(draft, 'container', path, item.loc, 'services.security_opt.seccomp');
    return;
  }
  const file = value.replace(/\\/g, '/').split('/').pop()!;
  containerContext(draft).seccompProfile = { type: 'Localhost', localhostProfile: file };
  note(draft, 'container', path, item.loc, 'services.security_opt.seccomp', `${value} must be installed on every node`);
  judgeFidelity(ctx, 'services.security_opt.seccomp', item.loc, 'approximate');
  ctx.diags.warn(
    'approximate',
    `service "${svc.name}" uses the seccomp profile ${value}: Docker reads the file when it starts the container, Kubernetes loads it from each node`,
    item.loc,
    `copy ${value} to <kubelet root>/seccomp/${file} (usually /var/lib/kubelet/seccomp/${file}) on every node, or use the Security Profiles Operator`,
  );
}

function appArmorOption(draft: ServiceDraft, ctx: MapContext, value: string, item: Located): void {
  const svc = draft.service;
  const path = ['securityContext', 'appArmorProfile'];
  if (value === 'unconfined') {
    containerContext(draft).appArmorProfile = { type: 'Unconfined' };
    note(draft, 'container', path, item.loc, 'services.security_opt.apparmor');
    ctx.diags.warn('insecure', `service "${svc.name}" runs without an AppArmor profile; ${BASELINE}`, item.loc);
    return;
  }
  if (value === 'docker-default' || value === 'runtime/default') {
    containerContext(draft).appArmorProfile = { type: 'RuntimeDefault' };
    note(draft, 'container', path, item.loc, 'services.security_opt.apparmor');
    return;
  }
  containerContext(draft).appArmorProfile = { type: 'Localhost', localhostProfile: value };
  note(draft, 'container', path, item.loc, 'services.security_opt.apparmor', `profile ${value} must be loaded on every node`);
  judgeFidelity(ctx, 'services.security_opt.apparmor', item.loc, 'approximate');
  ctx.diags.warn(
    'approximate',
    `service "${svc.name}" uses the AppArmor profile "${value}": it must be loaded on every node the pod may run on`,
    item.loc,
    `load it with \`apparmor_parser\` on each node (or the Security Profiles Operator)`,
  );
}

const SELINUX_FIELDS = { user: 'user', role: 'role', type: 'type', level: 'level' } as const;

/** label=user:U / role:R / type:T / level:L -> seLinuxOptions; label=disable -> the spc_t type. */
function selinuxOption(draft: ServiceDraft, ctx: MapContext, value: string, item: Located): void {
  const svc = draft.service;
  const sc = containerContext(draft);
  const path = ['securityContext', 'seLinuxOptions'];
  if (value === 'disable') {
    sc.seLinuxOptions = { ...sc.seLinuxOptions, type: 'spc_t' };
    note(draft, 'container', path, item.loc, 'services.security_opt.label', 'label separation disabled: the unconfined spc_t type');
    ctx.diags.warn('insecure', `service "${svc.name}" turns SELinux label separation off (type spc_t in Kubernetes); ${BASELINE}`, item.loc);
    return;
  }
  const [field, v] = splitOption(value);
  const target = SELINUX_FIELDS[field as keyof typeof SELINUX_FIELDS];
  if (!target || !v) {
    ctx.diags.warn('unsupported', `service "${svc.name}": security_opt "${item.value}" is not an SELinux option Kubernetes has (user, role, type, level, disable)`, item.loc);
    return;
  }
  sc.seLinuxOptions = { ...sc.seLinuxOptions, [target]: v };
  note(draft, 'container', path, item.loc, 'services.security_opt.label');
  if (target === 'type' && !['container_t', 'container_init_t', 'container_kvm_t', 'container_engine_t'].includes(v)) {
    ctx.diags.warn('insecure', `service "${svc.name}" runs with the SELinux type ${v}; ${BASELINE}`, item.loc);
  }
}

/** The sysctls Kubernetes allows every pod to set. */
const SAFE_SYSCTLS = new Set([
  'kernel.shm_rmid_forced', 'net.ipv4.ip_local_port_range', 'net.ipv4.tcp_syncookies', 'net.ipv4.ping_group_range',
  'net.ipv4.ip_unprivileged_port_start', 'net.ipv4.ip_local_reserved_ports', 'net.ipv4.tcp_keepalive_time',
  'net.ipv4.tcp_fin_timeout', 'net.ipv4.tcp_keepalive_intvl', 'net.ipv4.tcp_keepalive_probes', 'net.ipv4.tcp_rmem',
  'net.ipv4.tcp_wmem',
]);

/** Sysctls with a per-container value (Docker refuses the others too). */
function isNamespaced(name: string): boolean {
  return (
    name.startsWith('net.') ||
    name.startsWith('fs.mqueue.') ||
    ['kernel.msgmax', 'kernel.msgmnb', 'kernel.msgmni', 'kernel.sem', 'kernel.shmall', 'kernel.shmmax', 'kernel.shmmni', 'kernel.shm_rmid_forced'].includes(name)
  );
}

/**
 * sysctls -> the pod's securityContext.sysctls. The safe set works everywhere; other namespaced
 * ones need the kubelet's allow-list; host-wide ones are refused by Docker and Kubernetes alike.
 */
function mapSysctls(draft: ServiceDraft, ctx: MapContext): void {
  const svc = draft.service;
  const entries = locatedEntries(svc, 'sysctls');
  if (entries.length === 0) return;
  draft.consumed.add('sysctls');
  // Which sysctls work depends on each name: warned below, one by one.
  settleFidelity(ctx, svc, 'services.sysctls');
  const kept: { name: string; value: string }[] = [];
  const unsafe: string[] = [];
  for (const e of entries) {
    const name = e.key.trim().replace(/\//g, '.');
    if (!isNamespaced(name)) {
      ctx.diags.warn(
        'unsupported',
        `service "${svc.name}": sysctl ${e.key} applies to the whole node, not to one container; Kubernetes refuses it in a pod`,
        e.loc,
        'set it on the nodes (node configuration, or a privileged DaemonSet that runs sysctl)',
      );
      continue;
    }
    if (name.startsWith('net.') && svc.networkMode === 'host') {
      ctx.diags.warn('unsupported', `service "${svc.name}": sysctl ${e.key} would change the node's network settings (network_mode: host); Kubernetes refuses it`, e.loc);
      continue;
    }
    if (!SAFE_SYSCTLS.has(name)) unsafe.push(e.key.trim());
    kept.push({ name: e.key.trim(), value: e.value });
  }
  if (unsafe.length > 0) {
    ctx.diags.warn(
      'approximate',
      `service "${svc.name}": sysctl${unsafe.length > 1 ? 's' : ''} ${unsafe.join(', ')} ${unsafe.length > 1 ? 'are' : 'is'} not in Kubernetes' safe set: the pod is rejected unless the kubelet allows ${unsafe.length > 1 ? 'them' : 'it'}, and ${BASELINE}`,
      keyLoc(draft, 'sysctls'),
      `start the kubelets with --allowed-unsafe-sysctls=${unsafe.join(',')} (and schedule the pod on those nodes)`,
    );
  }
  if (kept.length === 0) return;
  podContext(draft).sysctls = kept;
  note(draft, 'pod', ['securityContext', 'sysctls'], keyLoc(draft, 'sysctls'), 'services.sysctls');
}

/**
 * pid, ipc, userns_mode, uts: Kubernetes shares namespaces with the host only. Joining another
 * container's namespace has no equivalent; the table's rows say so for those values.
 */
function mapNamespaces(draft: ServiceDraft, ctx: MapContext): void {
  const svc = draft.service;
  const hostNamespace = (key: 'pid' | 'ipc', field: 'hostPID' | 'hostIPC', what: string) => {
    draft.pod[field] = true;
    note(draft, 'pod', [field], keyLoc(draft, key), `services.${key}`);
    ctx.diags.warn('insecure', `service "${svc.name}" shares the host's ${what} (${key}: host), as with Docker; ${BASELINE}`, keyLoc(draft, key));
  };
  const joins = (v: string) => /^(service|container):/.test(v);
  if (svc.pid !== undefined) {
    draft.consumed.add('pid');
    if (svc.pid === 'host') hostNamespace('pid', 'hostPID', 'process list');
    else if (!joins(svc.pid) && !['private', ''].includes(svc.pid)) {
      ctx.diags.warn('invalid-value', `service "${svc.name}": pid "${svc.pid}" is not host, service:<name> or container:<name>; it is left out`, keyLoc(draft, 'pid'));
    }
  }
  if (svc.ipc !== undefined) {
    draft.consumed.add('ipc');
    const joiners = Object.values(ctx.project.services).filter((s) => s.ipc === `service:${svc.name}`);
    if (svc.ipc === 'host') hostNamespace('ipc', 'hostIPC', 'IPC namespace (shared memory, semaphores)');
    else if (svc.ipc === 'shareable' && joiners.length > 0) {
      ctx.diags.warn('approximate', `service "${svc.name}": ipc: shareable stays private in Kubernetes; ${joiners.map((s) => s.name).join(', ')} cannot join it`, keyLoc(draft, 'ipc'));
    } else if (!joins(svc.ipc) && !['private', 'shareable', 'none', ''].includes(svc.ipc)) {
      ctx.diags.warn('invalid-value', `service "${svc.name}": ipc "${svc.ipc}" is not host, private, shareable, none or service:<name>; it is left out`, keyLoc(draft, 'ipc'));
    }
  }
  if (entry(svc.node, 'userns_mode')) draft.consumed.add('userns_mode');
  if (entry(svc.node, 'uts')) {
    draft.consumed.add('uts');
    // The host's UTS namespace comes with its network: exact only together with network_mode: host.
    if (svc.networkMode === 'host' && scalarString(get(svc.node, 'uts')) === 'host') settleFidelity(ctx, svc, 'services.uts');
  }
}

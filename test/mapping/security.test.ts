import { describe, expect, it } from 'vitest';
import { convert } from '../support/api-checks.js';
import { container, diagnostics, pod, run } from './convert-support.js';

/** A project with one service `app`; `keys` are more lines of the service, indented by four spaces. */
function app(keys: string): string {
  return `services:\n  app:\n    image: example/app:1\n${keys.replace(/^/gm, '    ')}\n`;
}

describe('container securityContext', () => {
  it.each([
    { name: 'numeric user and group', keys: 'user: "1000:2000"', expected: { runAsUser: 1000, runAsGroup: 2000 } },
    { name: 'privileged', keys: 'privileged: true', expected: { privileged: true } },
    { name: 'privileged: false sets nothing', keys: 'privileged: false', expected: undefined },
    { name: 'read_only', keys: 'read_only: true', expected: { readOnlyRootFilesystem: true } },
    {
      name: 'capabilities without CAP_, upper case, once each',
      keys: 'cap_drop: [ALL]\ncap_add: [net_bind_service, CAP_CHOWN, CHOWN]',
      expected: { capabilities: { add: ['NET_BIND_SERVICE', 'CHOWN'], drop: ['ALL'] } },
    },
    { name: 'no-new-privileges alone', keys: 'security_opt: [no-new-privileges]', expected: { allowPrivilegeEscalation: false } },
    { name: 'no-new-privileges:true', keys: 'security_opt: ["no-new-privileges:true"]', expected: { allowPrivilegeEscalation: false } },
    { name: 'no-new-privileges=false is the default', keys: 'security_opt: ["no-new-privileges=false"]', expected: undefined },
    { name: 'seccomp=unconfined', keys: 'security_opt: ["seccomp=unconfined"]', expected: { seccompProfile: { type: 'Unconfined' } } },
    {
      name: 'seccomp profile file',
      keys: 'security_opt: ["seccomp:./profiles/strict.json"]',
      expected: { seccompProfile: { type: 'Localhost', localhostProfile: 'strict.json' } },
    },
    { name: 'apparmor=unconfined', keys: 'security_opt: ["apparmor=unconfined"]', expected: { appArmorProfile: { type: 'Unconfined' } } },
    {
      name: 'apparmor profile',
      keys: 'security_opt: ["apparmor=k8s-nginx"]',
      expected: { appArmorProfile: { type: 'Localhost', localhostProfile: 'k8s-nginx' } },
    },
    {
      name: 'SELinux labels, level with colons',
      keys: 'security_opt: ["label=user:system_u", "label:role:system_r", "label=level:s0:c100,c200"]',
      expected: { seLinuxOptions: { user: 'system_u', role: 'system_r', level: 's0:c100,c200' } },
    },
    { name: 'label=disable', keys: 'security_opt: ["label=disable"]', expected: { seLinuxOptions: { type: 'spc_t' } } },
  ])('$name', ({ keys, expected }) => {
    expect(container(run({ 'compose.yaml': app(keys) }), 'app').securityContext).toEqual(expected);
  });
});

describe('pod securityContext and host namespaces', () => {
  it('runs every pod under the runtime default seccomp profile, as Docker does', () => {
    expect(pod(run({ 'compose.yaml': app('restart: always') }), 'app').securityContext).toEqual({ seccompProfile: { type: 'RuntimeDefault' } });
  });

  it.each([
    { name: 'a seccomp option', keys: 'security_opt: ["seccomp=unconfined"]' },
    { name: 'privileged (which Docker runs unconfined)', keys: 'privileged: true' },
  ])('leaves the pod default out with $name', ({ keys }) => {
    expect(pod(run({ 'compose.yaml': app(keys) }), 'app').securityContext).toBeUndefined();
  });

  it.each([
    { name: 'numeric group_add', keys: 'group_add: [100, "200"]', field: 'supplementalGroups', expected: [100, 200] },
    {
      name: 'sysctls (map) as strings, in order',
      keys: 'sysctls:\n  net.ipv4.tcp_syncookies: 1\n  kernel.shm_rmid_forced: "0"',
      field: 'sysctls',
      expected: [
        { name: 'net.ipv4.tcp_syncookies', value: '1' },
        { name: 'kernel.shm_rmid_forced', value: '0' },
      ],
    },
    { name: 'sysctls (list)', keys: 'sysctls: ["net.ipv4.ip_local_port_range=1024 65000"]', field: 'sysctls', expected: [{ name: 'net.ipv4.ip_local_port_range', value: '1024 65000' }] },
  ])('$name', ({ keys, field, expected }) => {
    const sc = pod(run({ 'compose.yaml': app(keys) }), 'app').securityContext as Record<string, unknown>;
    expect(sc[field]).toEqual(expected);
  });

  it.each([
    { keys: 'pid: host', field: 'hostPID' },
    { keys: 'ipc: host', field: 'hostIPC' },
    { keys: 'network_mode: host', field: 'hostNetwork' },
  ])('$keys -> $field with an insecure warning at the key', ({ keys, field }) => {
    const result = run({ 'compose.yaml': app(keys) });
    expect((pod(result, 'app') as unknown as Record<string, unknown>)[field]).toBe(true);
    expect(diagnostics(result, 'insecure')).toEqual([{ line: 4, column: 5, message: expect.stringContaining('host') }]);
  });

  it('keeps ipc: private and shareable as the private default', () => {
    for (const value of ['private', 'shareable']) {
      const result = run({ 'compose.yaml': app(`ipc: ${value}`) });
      expect(pod(result, 'app').hostIPC).toBeUndefined();
      expect(result.diagnostics).toEqual([]);
    }
  });
});

describe('warnings', () => {
  it.each([
    { name: 'privileged', keys: 'privileged: true', code: 'insecure', line: 4, column: 5, text: 'privileged' },
    { name: 'a capability beyond the baseline set', keys: 'cap_add:\n  - NET_ADMIN', code: 'insecure', line: 5, column: 9, text: 'NET_ADMIN' },
    { name: 'a group name', keys: 'group_add:\n  - "100"\n  - audio', code: 'unsupported', line: 6, column: 9, text: 'group "audio"' },
    { name: 'a non-numeric user', keys: 'user: www-data', code: 'unsupported', line: 4, column: 5, text: 'numeric' },
    { name: 'seccomp unconfined', keys: 'security_opt:\n  - seccomp=unconfined', code: 'insecure', line: 5, column: 9, text: 'seccomp' },
    { name: 'a seccomp file', keys: 'security_opt:\n  - seccomp=profile.json', code: 'approximate', line: 5, column: 9, text: 'profile.json' },
    { name: 'an AppArmor profile', keys: 'security_opt:\n  - apparmor=custom', code: 'approximate', line: 5, column: 9, text: 'custom' },
    { name: 'an unknown security option', keys: 'security_opt:\n  - mask=/proc/kcore', code: 'unsupported', line: 5, column: 9, text: 'mask=/proc/kcore' },
    { name: 'systempaths', keys: 'security_opt:\n  - systempaths=unconfined', code: 'unsupported', line: 5, column: 9, text: 'procMount' },
    { name: 'an unsafe sysctl', keys: 'sysctls:\n  net.core.somaxconn: 1024', code: 'approximate', line: 4, column: 5, text: "not in Kubernetes' safe set" },
    { name: 'a node-wide sysctl', keys: 'sysctls:\n  vm.swappiness: 10', code: 'unsupported', line: 5, column: 7, text: 'whole node' },
    { name: 'a net sysctl with host network', keys: 'network_mode: host\nsysctls:\n  net.ipv4.tcp_syncookies: 1', code: 'unsupported', line: 6, column: 7, text: 'host' },
    { name: 'ulimits', keys: 'ulimits:\n  nofile: 65536', code: 'unsupported', line: 4, column: 5, text: 'ulimits' },
    { name: 'pid: service:x', keys: 'pid: "service:other"', code: 'unsupported', line: 4, column: 5, text: 'pid' },
    { name: 'ipc: service:x', keys: 'ipc: "service:other"', code: 'unsupported', line: 4, column: 5, text: 'ipc' },
    { name: 'ipc: none', keys: 'ipc: none', code: 'approximate', line: 4, column: 5, text: 'ipc' },
    { name: 'userns_mode other than host', keys: 'userns_mode: "keep-id"', code: 'unsupported', line: 4, column: 5, text: 'userns_mode' },
    { name: 'uts: host without host network', keys: 'uts: host', code: 'unsupported', line: 4, column: 5, text: 'uts' },
    {
      name: 'no-new-privileges next to privileged',
      keys: 'privileged: true\nsecurity_opt:\n  - no-new-privileges:true',
      code: 'approximate',
      line: 6,
      column: 9,
      text: 'no-new-privileges',
    },
  ] as const)('$name: $code at $line:$column', ({ keys, code, line, column, text }) => {
    const compose = `${app(keys)}  other:\n    image: example/other:1\n`;
    const result = run({ 'compose.yaml': compose });
    expect(diagnostics(result, code)).toContainEqual({ line, column, message: expect.stringContaining(text) });
  });

  it.each([
    { name: 'userns_mode: host', keys: 'userns_mode: host' },
    { name: 'uts: host with host network', keys: 'network_mode: host\nuts: host' },
    { name: 'a safe sysctl', keys: 'sysctls:\n  net.ipv4.tcp_syncookies: 1' },
  ])('nothing for $name (exact)', ({ keys }) => {
    const result = run({ 'compose.yaml': app(keys) });
    expect(result.diagnostics.filter((d) => d.code !== 'insecure')).toEqual([]);
  });

  it('drops no-new-privileges next to CAP_SYS_ADMIN, which the API server refuses together', () => {
    const result = run({ 'compose.yaml': app('cap_add: [SYS_ADMIN]\nsecurity_opt: [no-new-privileges]') });
    expect(container(result, 'app').securityContext).toEqual({ capabilities: { add: ['SYS_ADMIN'] } });
    expect(diagnostics(result, 'approximate')).toEqual([{ line: 5, column: 20, message: expect.stringContaining('CAP_SYS_ADMIN') }]);
  });

  it('rejects a capability that does not exist, at its position', () => {
    const result = convert({ 'compose.yaml': app('cap_add:\n  - NET_ADMIN\n  - CAP_FLY') }, { workingDir: '/p', env: {} });
    expect(result.failed).toBe(true);
    expect(diagnostics(result, 'invalid-value')).toEqual([{ line: 6, column: 9, message: expect.stringContaining('CAP_FLY') }]);
  });

  it('warns once about shareable IPC that another service wants to join', () => {
    const compose = app('ipc: shareable') + '  joiner:\n    image: example/j:1\n    ipc: "service:app"\n';
    const result = run({ 'compose.yaml': compose });
    expect(diagnostics(result, 'approximate')).toEqual([{ line: 4, column: 5, message: expect.stringContaining('joiner cannot join it') }]);
  });
});

import { describe, expect, it } from 'vitest';
import { convert } from '../support/api-checks.js';
import type { MountDecision } from '../../src/mapping/context.js';
import { runCli } from '../support/cli.js';
import { container, decode, diagnostics, names, object, pod, run } from './convert-support.js';

/** Bind mounts of host paths (outside the project directory /p): issue 14. */

const svc = (body: string, name = 'app') => `  ${name}:\n    image: app\n${body}`;
const compose = (services: string, top = '') => `services:\n${services}${top}`;
const mounts = (...list: string[]) => `    volumes:\n${list.map((m) => `      - ${m}\n`).join('')}`;

type Spec = { accessModes: string[]; storageClassName?: string; resources: { requests: { storage: string } } };
const claimSpec = (result: ReturnType<typeof run>, name: string) => object(result, 'PersistentVolumeClaim', name).spec as Spec;

/** The structured decision the notes of the service's container record for each mount. */
function decisions(result: ReturnType<typeof run>, service: string): MountDecision[] {
  const workload = result.mapped.find((o) => o.object.metadata.name === service && o.object.kind !== 'Service')!;
  return workload.notes.flatMap((n) => (n.mount ? [n.mount] : []));
}

describe('host directories', () => {
  it('become a claim named after the last segments, mounted from its data folder, with a warning that says how to copy the data in', () => {
    const result = run({ 'compose.yaml': compose(svc(mounts('/mnt/docker-volumes/nextcloud/db:/var/lib/mysql'), 'db')) });
    expect(names(result, 'PersistentVolumeClaim')).toEqual(['nextcloud-db']);
    expect(claimSpec(result, 'nextcloud-db')).toEqual({ accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } });
    expect(pod(result, 'db').volumes).toEqual([{ name: 'nextcloud-db', persistentVolumeClaim: { claimName: 'nextcloud-db' } }]);
    expect(container(result, 'db').volumeMounts).toEqual([{ name: 'nextcloud-db', mountPath: '/var/lib/mysql', subPath: 'data' }]);
    expect(diagnostics(result, 'copy-host-data')).toEqual([
      { line: 5, column: 9, message: expect.stringMatching(/host directory \/mnt\/docker-volumes\/nextcloud\/db .*is now the PersistentVolumeClaim nextcloud-db: the data lives in the claim/) },
    ]);
    const hint = result.diagnostics.find((d) => d.code === 'copy-host-data')!.hint!;
    expect(hint).toContain('kubectl run copy-nextcloud-db --image=docker.io/library/busybox:1.36 --restart=Never');
    expect(hint).toContain('"persistentVolumeClaim":{"claimName":"nextcloud-db"}');
    expect(hint).toContain('kubectl cp /mnt/docker-volumes/nextcloud/db/. copy-nextcloud-db:/claim/data');
    expect(hint).toContain('kubectl delete pod copy-nextcloud-db');
    expect(decisions(result, 'db')).toEqual([
      { source: '/mnt/docker-volumes/nextcloud/db', target: '/var/lib/mysql', as: 'claim', object: 'nextcloud-db', why: expect.stringContaining('a claim in place of the host directory') },
    ]);
  });

  it('resolve variables from .env first', () => {
    const result = run({
      'compose.yaml': compose(svc(mounts('${UPLOAD_LOCATION}:/usr/src/app/upload'), 'server')),
      '.env': 'UPLOAD_LOCATION=/mnt/photos/immich/library\n',
    });
    expect(names(result, 'PersistentVolumeClaim')).toEqual(['immich-library']);
    expect(container(result, 'server').volumeMounts).toEqual([{ name: 'immich-library', mountPath: '/usr/src/app/upload', subPath: 'data' }]);
  });

  it('are one ReadWriteMany claim for every service that mounts them, with the same folder, and one warning', () => {
    const result = run({ 'compose.yaml': compose(svc(mounts('/srv/media:/media:ro'), 'jellyfin') + svc(mounts('/srv/media:/data'), 'sonarr')) });
    expect(names(result, 'PersistentVolumeClaim')).toEqual(['srv-media']);
    expect(claimSpec(result, 'srv-media').accessModes).toEqual(['ReadWriteMany']);
    expect(container(result, 'jellyfin').volumeMounts).toEqual([{ name: 'srv-media', mountPath: '/media', readOnly: true, subPath: 'data' }]);
    expect(container(result, 'sonarr').volumeMounts).toEqual([{ name: 'srv-media', mountPath: '/data', subPath: 'data' }]);
    expect(diagnostics(result, 'copy-host-data')).toEqual([{ line: 5, column: 9, message: expect.stringContaining('(mounted by jellyfin, sonarr)') }]);
  });

  it('inside another host directory that is a claim are a folder of that claim, so the services share the files', () => {
    const result = run({ 'compose.yaml': compose(svc(mounts('/srv/media:/media:ro'), 'jellyfin') + svc(mounts('/srv/media/tv:/tv', '/srv/sonarr/config:/config'), 'sonarr')) });
    expect(names(result, 'PersistentVolumeClaim').sort()).toEqual(['sonarr-config', 'srv-media']);
    expect(claimSpec(result, 'srv-media').accessModes).toEqual(['ReadWriteMany']);
    expect(container(result, 'sonarr').volumeMounts).toEqual([
      { name: 'srv-media', mountPath: '/tv', subPath: 'data/tv' },
      { name: 'sonarr-config', mountPath: '/config', subPath: 'data' },
    ]);
    expect(diagnostics(result, 'copy-host-data').map((d) => d.line)).toEqual([5, 10]);
  });

  it('take names that say which directory they hold when the last segments are the same, and never take another claim\'s name', () => {
    const result = run({
      'compose.yaml': compose(svc(mounts('/mnt/a/app/db:/a', '/mnt/b/app/db:/b', '/srv/data:/c', 'app-db:/d', 'srv-data:/e')), 'volumes:\n  app-db:\n  srv-data:\n'),
    });
    expect(names(result, 'PersistentVolumeClaim').sort()).toEqual(['a-app-db', 'app-db', 'b-app-db', 'srv-data', 'srv-data-2']);
  });

  it('honour --volume-size, the service\'s x-kubernetes.storage and the mount\'s own x-kubernetes, in that order of precedence', () => {
    const longMount = '    volumes:\n      - type: bind\n        source: /srv/big\n        target: /big\n        x-kubernetes:\n          size: 50Gi\n          storageClassName: nfs-client\n';
    const result = run(
      {
        'compose.yaml': compose(svc(`${longMount}      - /srv/small:/small\n    x-kubernetes:\n      storage:\n        size: 5Gi\n`) + svc(mounts('/srv/other:/o'), 'b')),
      },
      { volumeSize: '2Gi' },
    );
    expect(claimSpec(result, 'srv-big')).toEqual({ accessModes: ['ReadWriteOnce'], storageClassName: 'nfs-client', resources: { requests: { storage: '50Gi' } } });
    expect(claimSpec(result, 'srv-small').resources.requests.storage).toBe('5Gi');
    expect(claimSpec(result, 'srv-other').resources.requests.storage).toBe('2Gi');
  });

  it('take a name without a file extension, a trailing / or bind.create_host_path for a directory when this machine does not have the path', () => {
    const long = (source: string, target: string, extra = '') => `      - type: bind\n        source: ${source}\n        target: ${target}\n${extra}`;
    const result = run({
      'compose.yaml': compose(
        svc(
          `    volumes:\n${long('/srv/site.d/', '/etc/site.d')}${long('/srv/v1.2', '/data')}${long('/srv/cfg.yml', '/etc/cfg', '        bind:\n          create_host_path: true\n')}`,
        ),
      ),
    });
    expect(names(result, 'PersistentVolumeClaim').sort()).toEqual(['srv-cfg-yml', 'srv-site-d', 'srv-v1-2']);
  });

  it('are ReadWriteMany when several services or replicas mount them', () => {
    const result = run({ 'compose.yaml': compose(svc(mounts('/srv/a:/a'), 'one') + svc(mounts('/srv/a:/a'), 'two') + svc('    deploy:\n      replicas: 2\n' + mounts('/srv/b:/b'), 'three')) });
    expect(claimSpec(result, 'srv-a').accessModes).toEqual(['ReadWriteMany']);
    expect(claimSpec(result, 'srv-b').accessModes).toEqual(['ReadWriteMany']);
  });
});

describe('host files', () => {
  it('become a ConfigMap when this machine can read them, mounted read-only with subPath', () => {
    const result = run({ 'compose.yaml': compose(svc(mounts('/opt/app/config/settings.yml:/app/settings.yml:ro'))), '/opt/app/config/settings.yml': 'debug: false\n' });
    expect(names(result, 'PersistentVolumeClaim')).toEqual([]);
    expect(object(result, 'ConfigMap', 'config-settings-yml').data).toEqual({ 'settings.yml': 'debug: false\n' });
    expect(container(result, 'app').volumeMounts).toEqual([{ name: 'config-config-settings-yml', mountPath: '/app/settings.yml', subPath: 'settings.yml', readOnly: true }]);
    expect(decisions(result, 'app')).toEqual([expect.objectContaining({ as: 'ConfigMap', object: 'config-settings-yml', why: expect.stringContaining('the host file /opt/app/config/settings.yml') })]);
  });

  it('that may be secret become a Secret', () => {
    const key = '-----BEGIN PRIVATE KEY-----\nMIIE\n-----END PRIVATE KEY-----\n';
    const result = run({ 'compose.yaml': compose(svc(mounts('/etc/letsencrypt/live/example.com/privkey.pem:/certs/key.pem:ro'))), '/etc/letsencrypt/live/example.com/privkey.pem': key });
    expect(names(result, 'ConfigMap')).toEqual([]);
    const secret = object(result, 'Secret', 'example-com-privkey-pem');
    expect(Object.values(secret.data as Record<string, string>).map(decode)).toEqual([key]);
    expect(result.text).not.toContain('MIIE');
  });

  it('in a hidden directory of the host become a Secret: credentials live there', () => {
    const config = '{"auths":{"registry.example.com":{"auth":"dXNlcjpwYXNz"}}}';
    const result = run({ 'compose.yaml': compose(svc(mounts('/home/me/.docker/config.json:/config/config.json:ro'))), '/home/me/.docker/config.json': config });
    expect(names(result, 'ConfigMap')).toEqual([]);
    expect(names(result, 'Secret')).toEqual(['docker-config-json']);
    expect(result.text).not.toContain('dXNlcjpwYXNz');
  });

  it('are left out with a warning when this machine cannot read them (a name with a file extension)', () => {
    const result = run({ 'compose.yaml': compose(svc(mounts('/opt/app/config.php:/var/www/config.php:ro'))) });
    expect(container(result, 'app').volumeMounts).toBeUndefined();
    expect(diagnostics(result, 'unsupported')).toEqual([{ line: 5, column: 9, message: expect.stringContaining('it is not on this machine, so its content cannot become a ConfigMap, and its name (config.php) is a file\'s') }]);
    expect(decisions(result, 'app')).toEqual([expect.objectContaining({ as: 'omitted', why: expect.stringContaining('not on this machine') })]);
  });

  it('of data (a database, a log) are left out: the advice is to mount their directory', () => {
    const result = run({ 'compose.yaml': compose(svc(mounts('/srv/app/app.db:/data/app.db'))), '/srv/app/app.db': 'SQLite format 3' });
    expect(names(result, 'ConfigMap')).toEqual([]);
    const [warning] = result.diagnostics.filter((d) => d.code === 'unsupported');
    expect(warning).toMatchObject({ line: 5, column: 9, message: expect.stringContaining('a single file of data (app.db)'), hint: expect.stringContaining('(/srv/app:/data)') });
  });

  it('over 1 MiB are left out with a too-large warning', () => {
    const result = run({ 'compose.yaml': compose(svc(mounts('/srv/geo/cities.json:/data/cities.json:ro'))), '/srv/geo/cities.json': 'x'.repeat(1024 * 1024 + 1) });
    expect(names(result, 'ConfigMap')).toEqual([]);
    expect(diagnostics(result, 'too-large')).toEqual([{ line: 5, column: 9, message: expect.stringContaining('it holds more than a ConfigMap can') }]);
  });
});

describe('the host itself', () => {
  it.each([
    ['/etc/localtime', '/etc/localtime:/etc/localtime:ro', "the Docker host's time zone", 'TZ'],
    ['/etc/timezone', '/etc/timezone:/etc/timezone:ro', "the Docker host's time zone", 'TZ'],
    ['the Docker socket', '/var/run/docker.sock:/var/run/docker.sock', 'controls the Docker host as root', 'Kubernetes API'],
    ['a device', '/dev/ttyUSB0:/dev/ttyUSB0', 'a device file of the Docker host', 'device plugin'],
    ['/proc', '/proc:/host/proc:ro', 'kernel interface of the host', 'DaemonSet'],
    ['/sys', '/sys:/host/sys:ro', 'kernel interface of the host', 'DaemonSet'],
    ['D-Bus', '/run/dbus:/run/dbus:ro', 'runtime directory of the Docker host', 'over the network'],
    ['a daemon socket', '/var/run/tailscale/tailscaled.sock:/tmp/tailscaled.sock', 'socket of a daemon', 'over the network'],
    ['the host\'s CA certificates', '/etc/ssl/certs:/etc/ssl/certs:ro', 'CA certificates', 'ConfigMap'],
    ['the host\'s users', '/etc/passwd:/etc/passwd:ro', "the Docker host's own system", 'user:'],
  ])('is never a claim: %s is left out with the right advice', (_, mount, reason, advice) => {
    const result = run({ 'compose.yaml': compose(svc(mounts(mount))) });
    expect(names(result, 'PersistentVolumeClaim')).toEqual([]);
    expect(container(result, 'app').volumeMounts).toBeUndefined();
    const [warning, ...others] = result.diagnostics.filter((d) => d.code === 'unsupported');
    expect(others).toEqual([]);
    expect(warning).toMatchObject({ line: 5, column: 9, message: expect.stringContaining(reason), hint: expect.stringContaining(advice) });
  });

  it('stays out even when x-kubernetes asks for a claim, except what may be data (a runtime or system directory)', () => {
    const result = run({
      'compose.yaml': compose(svc(`${mounts('/etc/localtime:/etc/localtime:ro', '/var/run/myapp:/state')}    x-kubernetes:\n      bindMounts:\n        /etc/localtime: claim\n        /state: claim\n`)),
    });
    expect(names(result, 'PersistentVolumeClaim')).toEqual(['run-myapp']);
    expect(diagnostics(result, 'unsupported')).toEqual([{ line: 5, column: 9, message: expect.stringContaining('asks for a claim, but there is no data to keep in one') }]);
  });

  it('is a hostPath with --bind-mounts host-path, with an insecure warning for the Docker socket, devices and the kernel', () => {
    const result = run({ 'compose.yaml': compose(svc(mounts('/var/run/docker.sock:/var/run/docker.sock', '/proc:/host/proc:ro', '/srv/www:/www'))) }, { bindMounts: 'host-path' });
    expect(pod(result, 'app').volumes).toEqual([
      { name: 'host-0', hostPath: { path: '/var/run/docker.sock' } },
      { name: 'host-1', hostPath: { path: '/proc' } },
      { name: 'host-2', hostPath: { path: '/srv/www' } },
    ]);
    expect(diagnostics(result, 'insecure').map((d) => d.line)).toEqual([5, 6]);
    expect(diagnostics(result, 'approximate').map((d) => d.line)).toEqual([7]);
    expect(decisions(result, 'app').map((d) => d.as)).toEqual(['hostPath', 'hostPath', 'hostPath']);
  });
});

describe('mount propagation', () => {
  it('becomes mountPropagation on a hostPath, and a warning where the mount is no longer the host\'s', () => {
    const files = { 'compose.yaml': compose(svc(mounts('/mnt/media:/media:rslave', '/mnt/shared:/shared:rshared'), 'a') + svc('    privileged: true\n' + mounts('/mnt/shared:/shared:rshared'), 'b')) };
    const host = run(files, { bindMounts: 'host-path' });
    expect(container(host, 'a').volumeMounts?.map((m) => m.mountPropagation)).toEqual(['HostToContainer', 'HostToContainer']);
    expect(container(host, 'b').volumeMounts?.map((m) => m.mountPropagation)).toEqual(['Bidirectional']);
    expect(diagnostics(host, 'approximate').filter((d) => d.message.includes('propagation'))).toEqual([
      { line: 6, column: 9, message: 'service "a": mount propagation rshared becomes HostToContainer: Kubernetes allows Bidirectional only in a privileged container' },
    ]);
    const claims = run(files);
    expect(diagnostics(claims, 'unsupported').map((d) => [d.line, d.message])).toEqual([
      [5, 'service "a": mount propagation rslave of /media is not converted: the mount is no longer the host\'s directory'],
      // The same caveat for two services is said once, at the first (issue 7 item 13).
      [6, 'services "a" and "b": mount propagation rshared of /shared is not converted: the mount is no longer the host\'s directory'],
    ]);
  });
});

describe('the choice: claim, host-path or omit', () => {
  const three = mounts('/srv/a:/a', '/srv/b:/b', './data:/data');

  it('--bind-mounts omit leaves host paths out with a note, and project paths as they are', () => {
    const result = run({ 'compose.yaml': compose(svc(three)) }, { bindMounts: 'omit' });
    expect(names(result, 'PersistentVolumeClaim')).toEqual(['data']);
    expect(container(result, 'app').volumeMounts).toEqual([{ name: 'data', mountPath: '/data', subPath: 'data' }]);
    expect(diagnostics(result, 'omitted-mount')).toEqual([
      { line: 5, column: 9, message: 'service "app": the bind mount /srv/a -> /a is left out, as --bind-mounts omit asks' },
      { line: 6, column: 9, message: 'service "app": the bind mount /srv/b -> /b is left out, as --bind-mounts omit asks' },
    ]);
    expect(result.diagnostics.find((d) => d.code === 'omitted-mount')!.severity).toBe('info');
    expect(decisions(result, 'app').map((d) => [d.source, d.as])).toEqual([
      ['/srv/a', 'omitted'],
      ['/srv/b', 'omitted'],
      ['/p/data', 'claim'],
    ]);
    // The note is on the container's name, so the manifest says it too.
    expect(result.text).toContain('/srv/a -> /a left out, as --bind-mounts omit asks');
  });

  it('--host-path is --bind-mounts host-path', () => {
    const flag = run({ 'compose.yaml': compose(svc(three)) }, { hostPath: true });
    const option = run({ 'compose.yaml': compose(svc(three)) }, { bindMounts: 'host-path' });
    expect(flag.text).toBe(option.text.replace(/--bind-mounts host-path/g, '--host-path'));
    expect(pod(flag, 'app').volumes?.map((v) => v.hostPath?.path ?? v.persistentVolumeClaim?.claimName)).toEqual(['/srv/a', '/srv/b', 'data']);
  });

  it('x-kubernetes on the mount wins over the service, which wins over the command line', () => {
    const body =
      '    volumes:\n      - type: bind\n        source: /srv/a\n        target: /a\n        x-kubernetes:\n          bindMount: omit\n      - /srv/b:/b\n      - /srv/c:/c\n' +
      '    x-kubernetes:\n      bindMounts:\n        /b: host-path\n';
    const result = run({ 'compose.yaml': compose(svc(body)) }, { bindMounts: 'claim' });
    expect(decisions(result, 'app').map((d) => [d.source, d.as])).toEqual([
      ['/srv/a', 'omitted'],
      ['/srv/b', 'hostPath'],
      ['/srv/c', 'claim'],
    ]);
    expect(diagnostics(result, 'omitted-mount')).toEqual([{ line: 5, column: 9, message: expect.stringContaining('as x-kubernetes.bindMount asks') }]);
    expect(diagnostics(result, 'approximate')).toEqual([{ line: 10, column: 9, message: expect.stringContaining('(x-kubernetes.bindMounts."/b")') }]);
  });

  it('a service-wide choice applies to its host paths only; a per-mount claim also turns a project path or a file-like name into a claim', () => {
    const body = `${mounts('/srv/a:/a', './conf:/conf', '/srv/x.conf:/x.conf')}    x-kubernetes:\n      bindMounts: omit\n`;
    const files = { 'conf/app.ini': 'a=1\n' };
    const wide = run({ 'compose.yaml': compose(svc(body)), ...files });
    expect(decisions(wide, 'app').map((d) => d.as)).toEqual(['omitted', 'ConfigMap', 'omitted']);
    const perMount = `${mounts('./conf:/conf', '/srv/x.conf:/x.conf')}    x-kubernetes:\n      bindMounts:\n        ./conf: claim\n        /x.conf: claim\n`;
    const result = run({ 'compose.yaml': compose(svc(perMount)), ...files });
    expect(names(result, 'PersistentVolumeClaim')).toEqual(['conf', 'srv-x-conf']);
    expect(names(result, 'ConfigMap')).toEqual([]);
  });

  it('a key of x-kubernetes.bindMounts that names no bind mount is an error at the key', () => {
    const result = convert({ 'compose.yaml': compose(svc(`${mounts('/srv/a:/a')}    x-kubernetes:\n      bindMounts:\n        /nope: omit\n`)) }, { workingDir: '/p', env: {} });
    const errors = result.diagnostics.filter((d) => d.severity === 'error');
    expect(errors.map((d) => [d.code, d.line, d.column, d.message])).toEqual([
      ['x-kubernetes', 8, 9, 'service "app": x-kubernetes.bindMounts: "/nope" is not the source or target of a bind mount of this service'],
    ]);
  });

  it.each([
    ['a choice that does not exist', '    x-kubernetes:\n      bindMounts: hostpath\n', 5, 19, 'x-kubernetes.bindMounts must be one of claim, host-path, omit, got "hostpath"'],
    ['a key that is not a path', '    x-kubernetes:\n      bindMounts:\n        data: omit\n', 6, 9, 'x-kubernetes.bindMounts: "data" is not a valid key'],
  ])('%s is an error at its position', (_, body, line, column, message) => {
    const result = convert({ 'compose.yaml': compose(svc(`${body}${mounts('/srv/a:/a')}`)) }, { workingDir: '/p', env: {} });
    expect(result.failed).toBe(true);
    expect(result.diagnostics.filter((d) => d.severity === 'error').map((d) => [d.code, d.line, d.column, d.message])).toEqual([['x-kubernetes', line, column, `service "app": ${message}`]]);
  });

  it('x-kubernetes on a mount that is not a bind mount is an error', () => {
    const body = '    volumes:\n      - type: volume\n        source: data\n        target: /data\n        x-kubernetes:\n          size: 5Gi\n';
    const result = convert({ 'compose.yaml': compose(svc(body), 'volumes:\n  data:\n') }, { workingDir: '/p', env: {} });
    expect(result.diagnostics.filter((d) => d.severity === 'error').map((d) => [d.code, d.line, d.column])).toEqual([['x-kubernetes', 8, 9]]);
  });
});

describe('convert --bind-mounts', () => {
  it('rejects a choice that does not exist, and --host-path with another choice', async () => {
    const bad = await runCli(['convert', '--bind-mounts', 'hostpath', '-f', '-'], { cwd: '/p', stdin: 'services:\n  a:\n    image: x\n' });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain("argument 'hostpath' is invalid");
    const both = await runCli(['convert', '--bind-mounts', 'omit', '--host-path', '-f', '-'], { cwd: '/p', stdin: 'services:\n  a:\n    image: x\n' });
    expect(both.code).toBe(2);
    expect(both.stderr).toContain('--host-path means --bind-mounts host-path, which contradicts --bind-mounts omit [usage]');
  });

  it('mounts host paths from the node with host-path', async () => {
    const cli = await runCli(['convert', '--bind-mounts', 'host-path', '-f', '-'], { cwd: '/p', stdin: 'services:\n  a:\n    image: x\n    volumes: ["/srv/www:/www"]\n' });
    expect(cli.code).toBe(0);
    expect(cli.stdout).toContain('hostPath:\n            path: /srv/www');
  });
});

describe('time zone files', () => {
  it('say nothing more is needed when the service already sets TZ', () => {
    const result = run({ 'compose.yaml': compose(svc(`    environment:\n      TZ: Europe/Amsterdam\n${mounts('/etc/localtime:/etc/localtime:ro')}`)) });
    expect(result.diagnostics.find((d) => d.code === 'unsupported')?.hint).toBe('the service sets TZ (Europe/Amsterdam) already: nothing else is needed');
  });
});

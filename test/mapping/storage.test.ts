import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { convert } from '../support/api-checks.js';
import { runCli } from '../support/cli.js';
import { FIXTURES } from '../support/fixtures.js';
import { container, decode, diagnostics, names, object, pod, readerWith, run } from './convert-support.js';

const svc = (body: string, name = 'app') => `  ${name}:\n    image: app\n${body}`;
const compose = (services: string, top = '') => `services:\n${services}${top}`;

type Spec = { accessModes: string[]; storageClassName?: string; resources: { requests: { storage: string } } };
const claimSpec = (result: ReturnType<typeof run>, name: string) => object(result, 'PersistentVolumeClaim', name).spec as Spec;

describe('named volumes', () => {
  it('become one claim mounted at the same path, ReadWriteOnce for one pod', () => {
    const result = run({ 'compose.yaml': compose(svc('    volumes:\n      - data:/var/lib/app\n'), 'volumes:\n  data:\n') });
    expect(claimSpec(result, 'data')).toEqual({ accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } });
    expect(pod(result, 'app').volumes).toEqual([{ name: 'data', persistentVolumeClaim: { claimName: 'data' } }]);
    expect(container(result, 'app').volumeMounts).toEqual([{ name: 'data', mountPath: '/var/lib/app', subPath: 'data' }]);
  });

  it.each([
    ['two services', svc('    volumes: ["shared:/a"]\n', 'a') + svc('    volumes: ["shared:/b"]\n', 'b')],
    ['replicas', svc('    volumes: ["shared:/a"]\n    deploy:\n      replicas: 3\n')],
    ['volumes_from', svc('    volumes: ["shared:/a"]\n', 'a') + svc('    volumes_from: [a]\n', 'b')],
  ])('are ReadWriteMany when shared by %s', (_, services) => {
    const result = run({ 'compose.yaml': compose(services, 'volumes:\n  shared:\n') });
    expect(claimSpec(result, 'shared').accessModes).toEqual(['ReadWriteMany']);
  });

  it('are ReadWriteOnce when the services that mount them share one pod (network_mode: service:)', () => {
    const services = svc('    volumes: ["shared:/a"]\n', 'a') + svc('    network_mode: service:a\n    volumes: ["shared:/b:ro"]\n', 'b');
    const result = run({ 'compose.yaml': compose(services, 'volumes:\n  shared:\n') });
    expect(claimSpec(result, 'shared').accessModes).toEqual(['ReadWriteOnce']);
    expect(result.text).toContain('mounted by a, b only, which share one pod');
  });

  it('are ReadWriteMany when the shared pod has replicas', () => {
    const services = svc('    volumes: ["shared:/a"]\n    deploy: {replicas: 2}\n', 'a') + svc('    network_mode: service:a\n    volumes: ["shared:/b"]\n', 'b');
    const result = run({ 'compose.yaml': compose(services, 'volumes:\n  shared:\n') });
    expect(claimSpec(result, 'shared').accessModes).toEqual(['ReadWriteMany']);
    expect(result.text).toContain('mounted by 2 replicas of a (a, b share one pod)');
  });

  it('take size, storage class and access modes from x-kubernetes and kompose labels', () => {
    const result = run({
      'compose.yaml': compose(
        svc('    labels:\n      kompose.volume.size: 5Gi\n      kompose.volume.storage-class-name: slow\n    volumes: ["va:/a", "vb:/b"]\n'),
        'volumes:\n  va:\n    x-kubernetes:\n      size: 20Gi\n      accessModes: [ReadWriteOncePod]\n  vb:\n',
      ),
    });
    expect(claimSpec(result, 'va')).toEqual({ accessModes: ['ReadWriteOncePod'], storageClassName: 'slow', resources: { requests: { storage: '20Gi' } } });
    expect(claimSpec(result, 'vb')).toEqual({ accessModes: ['ReadWriteOnce'], storageClassName: 'slow', resources: { requests: { storage: '5Gi' } } });
  });

  it('use --volume-size when nothing else says', () => {
    const result = run({ 'compose.yaml': compose(svc('    volumes: ["va:/a"]\n'), 'volumes:\n  va:\n') }, { volumeSize: '3Gi' });
    expect(claimSpec(result, 'va').resources.requests.storage).toBe('3Gi');
  });

  it('are named by `name:`, and their labels become annotations', () => {
    const result = run({ 'compose.yaml': compose(svc('    volumes: ["va:/a"]\n'), 'volumes:\n  va:\n    name: app_data\n    labels:\n      com.example.owner: team a\n') });
    expect(object(result, 'PersistentVolumeClaim', 'app-data').metadata.annotations).toEqual({ 'com.example.owner': 'team a' });
  });

  it('refer to an existing claim when external, and create none', () => {
    const result = run({ 'compose.yaml': compose(svc('    volumes: ["va:/a", "vb:/b"]\n'), 'volumes:\n  va:\n    external: true\n  vb:\n    external: true\n    name: legacy-data\n') });
    expect(names(result, 'PersistentVolumeClaim')).toEqual([]);
    expect(pod(result, 'app').volumes).toEqual([
      { name: 'va', persistentVolumeClaim: { claimName: 'va' } },
      { name: 'legacy-data', persistentVolumeClaim: { claimName: 'legacy-data' } },
    ]);
  });

  it('mount a subpath inside the claim\'s folder, read-only', () => {
    const result = run({ 'compose.yaml': compose(svc('    volumes:\n      - type: volume\n        source: a\n        target: /a\n        read_only: true\n        volume:\n          subpath: sub/dir\n'), 'volumes:\n  a:\n') });
    expect(container(result, 'app').volumeMounts).toEqual([{ name: 'a', mountPath: '/a', readOnly: true, subPath: 'data/sub/dir' }]);
  });

  it('report a volume that is not declared, at the mount', () => {
    const result = convert({ 'compose.yaml': compose(svc('    volumes:\n      - nope:/a\n')) }, { workingDir: '/p', env: {} });
    expect(result.diagnostics.filter((d) => d.severity === 'error').map((d) => [d.code, d.line, d.column])).toContainEqual(['undefined-reference', 5, 9]);
  });
});

describe('volume drivers', () => {
  it('mount a local NFS volume as the same export', () => {
    const result = run({
      'compose.yaml': compose(svc('    volumes: ["media:/media"]\n'), 'volumes:\n  media:\n    driver_opts:\n      type: nfs\n      o: addr=10.0.0.5,nfsvers=4,ro\n      device: ":/exports/media"\n'),
    });
    expect(names(result, 'PersistentVolumeClaim')).toEqual([]);
    expect(pod(result, 'app').volumes).toEqual([{ name: 'media', nfs: { server: '10.0.0.5', path: '/exports/media', readOnly: true } }]);
    expect(diagnostics(result, 'approximate')).toEqual([{ line: 7, column: 5, message: expect.stringContaining('driver_opts') }]);
  });

  it('make a tmpfs volume memory of the pod', () => {
    const result = run({ 'compose.yaml': compose(svc('    volumes: ["cache:/cache"]\n'), 'volumes:\n  cache:\n    driver_opts:\n      type: tmpfs\n      device: tmpfs\n      o: size=100m\n') });
    expect(pod(result, 'app').volumes).toEqual([{ name: 'cache', emptyDir: { medium: 'Memory', sizeLimit: '100Mi' } }]);
  });

  it('bind a host directory only with hostPath, else use a claim and say to copy the data in', () => {
    const files = { 'compose.yaml': compose(svc('    volumes: ["logs:/logs"]\n'), 'volumes:\n  logs:\n    driver_opts:\n      type: none\n      o: bind\n      device: /srv/logs\n') };
    const plain = run(files);
    expect(names(plain, 'PersistentVolumeClaim')).toEqual(['logs']);
    expect(diagnostics(plain, 'copy-host-data')).toEqual([{ line: 6, column: 3, message: expect.stringContaining('binds the host directory /srv/logs is now the PersistentVolumeClaim logs') }]);
    expect(plain.diagnostics.find((d) => d.code === 'copy-host-data')!.hint).toContain('kubectl cp /srv/logs/. copy-logs:/claim/data');
    expect(pod(run(files, { hostPath: true }), 'app').volumes).toEqual([{ name: 'logs', hostPath: { path: '/srv/logs' } }]);
    expect(pod(run(files, { bindMounts: 'host-path' }), 'app').volumes).toEqual([{ name: 'logs', hostPath: { path: '/srv/logs' } }]);
  });

  it('turn another driver into a claim with a warning at the driver', () => {
    const result = run({ 'compose.yaml': compose(svc('    volumes: ["va:/a"]\n'), 'volumes:\n  va:\n    driver: rexray/ebs\n') });
    expect(names(result, 'PersistentVolumeClaim')).toEqual(['va']);
    expect(diagnostics(result, 'approximate')).toEqual([{ line: 7, column: 5, message: expect.stringContaining('driver: "rexray/ebs"') }]);
  });
});

describe('bind mounts of project files', () => {
  it('mount a file from a ConfigMap with subPath, read-only', () => {
    const result = run({ 'compose.yaml': compose(svc('    volumes:\n      - ./conf/nginx.conf:/etc/nginx/nginx.conf\n')), 'conf/nginx.conf': 'events {}\n' });
    expect(object(result, 'ConfigMap', 'conf-nginx-conf').data).toEqual({ 'nginx.conf': 'events {}\n' });
    expect(container(result, 'app').volumeMounts).toEqual([{ name: 'config-conf-nginx-conf', mountPath: '/etc/nginx/nginx.conf', subPath: 'nginx.conf', readOnly: true }]);
  });

  it('mount a directory, nested files included', () => {
    const result = run({
      'compose.yaml': compose(svc('    volumes:\n      - ./site:/usr/share/nginx/html:ro\n')),
      'site/index.html': '<h1>hi</h1>',
      'site/css/main.css': 'body {}',
    });
    expect(object(result, 'ConfigMap', 'site').data).toEqual({ 'css_main.css': 'body {}', 'index.html': '<h1>hi</h1>' });
    expect(pod(result, 'app').volumes).toEqual([
      {
        name: 'config-site',
        configMap: {
          name: 'site',
          items: [
            { key: 'css_main.css', path: 'css/main.css' },
            { key: 'index.html', path: 'index.html' },
          ],
        },
      },
    ]);
  });

  it('share one ConfigMap between the services that mount the same file', () => {
    const result = run({ 'compose.yaml': compose(svc('    volumes: ["./app.ini:/etc/app.ini"]\n', 'a') + svc('    volumes: ["./app.ini:/cfg/app.ini"]\n', 'b')), 'app.ini': 'x=1\n' });
    expect(names(result, 'ConfigMap')).toEqual(['app-ini']);
  });

  it('keep files that are not UTF-8 under binaryData', () => {
    const bytes = new Uint8Array([0xff, 0xd8, 0xff, 0xe0]);
    const result = run(readerWith({ 'compose.yaml': compose(svc('    volumes: ["./img:/img"]\n')) }, { 'img/logo.jpg': bytes }));
    expect(object(result, 'ConfigMap', 'img').binaryData).toEqual({ 'logo.jpg': Buffer.from(bytes).toString('base64') });
  });

  it('become a claim when the path does not exist yet (Docker would create an empty directory)', () => {
    const result = run({ 'compose.yaml': compose(svc('    volumes: ["./data:/var/lib/mysql"]\n')) });
    expect(claimSpec(result, 'data').accessModes).toEqual(['ReadWriteOnce']);
    expect(container(result, 'app').volumeMounts).toEqual([{ name: 'data', mountPath: '/var/lib/mysql', subPath: 'data' }]);
  });

  it('become a claim with a warning past the 1 MiB a ConfigMap can hold', () => {
    const big = 'x'.repeat(600 * 1024);
    const result = run({ 'compose.yaml': compose(svc('    volumes:\n      - ./assets:/assets\n')), 'assets/a.bin': big, 'assets/b.bin': big });
    expect(names(result, 'ConfigMap')).toEqual([]);
    expect(names(result, 'PersistentVolumeClaim')).toEqual(['assets']);
    expect(diagnostics(result, 'too-large')).toEqual([{ line: 5, column: 9, message: expect.stringContaining('./assets holds more than a ConfigMap can (1 MiB)') }]);
  });

  it.each([
    ['a compose secret file', 'keys/db.txt', 'hunter2', 'secrets:\n  db:\n    file: ./keys/db.txt\n'],
    ['a private key by name', 'tls/server.key', 'not really a key', ''],
    ['a private key by content', 'tls/server.pem', '-----BEGIN RSA PRIVATE KEY-----\nMIIE\n-----END RSA PRIVATE KEY-----\n', ''],
    ['a file named like a password', 'conf/admin_password.txt', 'hunter2', ''],
  ])('keep %s in a Secret, never a ConfigMap', (_, path, content, top) => {
    const result = run({ 'compose.yaml': compose(svc(`    volumes: ["./${path}:/mnt/file"]\n`), top), [path]: content });
    expect(names(result, 'ConfigMap')).toEqual([]);
    const [secret] = result.objects.filter((o) => o.kind === 'Secret');
    expect(Object.values(secret!.data as Record<string, string>).map(decode)).toEqual([content]);
    expect(result.text).not.toContain(content);
  });

  it('keep a directory that holds one secret file in a Secret', () => {
    const result = run({ 'compose.yaml': compose(svc('    volumes: ["./tls:/etc/tls:ro"]\n')), 'tls/server.crt': 'CERT', 'tls/server.key': 'KEY' });
    expect(names(result, 'ConfigMap')).toEqual([]);
    expect(pod(result, 'app').volumes).toEqual([{ name: 'secret-tls', secret: { secretName: 'tls' } }]);
  });
});

describe('bind mounts of other paths', () => {
  it.each([
    ['the Docker socket', '/var/run/docker.sock:/var/run/docker.sock', 'it is the Docker socket'],
    ['a device', '/dev/snd:/dev/snd', 'device file of the Docker host'],
  ])('leave out %s with a warning at the mount', (_, mount, reason) => {
    const result = run({ 'compose.yaml': compose(svc(`    volumes:\n      - ${mount}\n`)) });
    expect(container(result, 'app').volumeMounts).toBeUndefined();
    expect(diagnostics(result, 'unsupported')).toEqual([{ line: 5, column: 9, message: expect.stringContaining(reason) }]);
  });

  it('become hostPath volumes with --host-path, still with a warning', () => {
    const result = run({ 'compose.yaml': compose(svc('    volumes:\n      - /srv/www:/www:ro\n')) }, { hostPath: true });
    expect(pod(result, 'app').volumes).toEqual([{ name: 'host-0', hostPath: { path: '/srv/www' } }]);
    expect(container(result, 'app').volumeMounts).toEqual([{ name: 'host-0', mountPath: '/www', readOnly: true }]);
    expect(diagnostics(result, 'approximate')).toEqual([{ line: 5, column: 9, message: expect.stringContaining('hostPath') }]);
  });
});

describe('convert --host-path', () => {
  it('mounts the paths outside the project from the node', async () => {
    const dir = join(FIXTURES, 'nginx-config-bind');
    const plain = await runCli(['convert'], { cwd: dir });
    const host = await runCli(['convert', '--host-path'], { cwd: dir });
    expect([plain.code, host.code]).toEqual([0, 0]);
    const sources = (stdout: string) =>
      parseAllDocuments(stdout)
        .map((d) => d.toJS() as { spec?: { template?: { spec: { volumes?: Record<string, unknown>[] } } } })
        .flatMap((o) => o.spec?.template?.spec.volumes ?? [])
        .map((v) => Object.keys(v).find((k) => k !== 'name'));
    expect(sources(plain.stdout)).not.toContain('hostPath');
    expect(sources(host.stdout)).toContain('hostPath');
    expect(host.stdout).toContain('hostPath:\n            path: /etc/letsencrypt');
    expect(host.stdout).toContain('hostPath:\n            path: /var/run/docker.sock');
  });
});

describe('temporary storage', () => {
  it('makes an anonymous volume an emptyDir', () => {
    const result = run({ 'compose.yaml': compose(svc('    volumes: [/scratch]\n')) });
    expect(pod(result, 'app').volumes).toEqual([{ name: 'anon-0', emptyDir: {} }]);
  });

  it.each([
    ['tmpfs as a string', '    tmpfs: /run:size=64m\n', [{ name: 'tmpfs-0', emptyDir: { medium: 'Memory', sizeLimit: '64Mi' } }], '/run'],
    ['tmpfs as a list', '    tmpfs:\n      - /tmp\n', [{ name: 'tmpfs-0', emptyDir: { medium: 'Memory' } }], '/tmp'],
    ['a tmpfs mount', '    volumes:\n      - type: tmpfs\n        target: /cache\n        tmpfs:\n          size: 1048576\n', [{ name: 'tmpfs-0', emptyDir: { medium: 'Memory', sizeLimit: '1Mi' } }], '/cache'],
    ['shm_size', '    shm_size: 1gb\n', [{ name: 'dshm', emptyDir: { medium: 'Memory', sizeLimit: '1Gi' } }], '/dev/shm'],
  ])('makes %s a memory emptyDir', (_, body, volumes, mountPath) => {
    const result = run({ 'compose.yaml': compose(svc(body)) });
    expect(pod(result, 'app').volumes).toEqual(volumes);
    expect(container(result, 'app').volumeMounts).toEqual([{ name: volumes[0]!.name, mountPath }]);
  });

  it('honours tmpfs size and ro, and warns at the entry about each option an emptyDir cannot take', () => {
    const result = run({ 'compose.yaml': compose(svc('    tmpfs:\n      - /run:rw,noexec,nosuid,size=64m\n      - /cache:ro,uid=1000\n')) });
    expect(pod(result, 'app').volumes).toEqual([
      { name: 'tmpfs-0', emptyDir: { medium: 'Memory', sizeLimit: '64Mi' } },
      { name: 'tmpfs-1', emptyDir: { medium: 'Memory' } },
    ]);
    expect(container(result, 'app').volumeMounts).toEqual([{ name: 'tmpfs-0', mountPath: '/run' }, { name: 'tmpfs-1', mountPath: '/cache', readOnly: true }]);
    const warned = result.diagnostics.filter((d) => d.code === 'unsupported' && d.message.includes('tmpfs option'));
    expect(warned.map((d) => [d.message.match(/option (\S+)/)![1], d.line, d.column])).toEqual([['noexec', 5, 9], ['nosuid', 5, 9], ['uid=1000', 6, 9]]);
    expect(warned.every((d) => (d.hint ?? '').length > 0)).toBe(true);
  });

  it('warns that a tmpfs mode cannot be set, at the entry', () => {
    const result = run({ 'compose.yaml': compose(svc('    tmpfs:\n      - /run:mode=1700\n')) });
    expect(diagnostics(result, 'approximate')).toEqual([{ line: 5, column: 9, message: expect.stringContaining('tmpfs mode 01700') }]);
  });
});

describe('volumes_from and devices', () => {
  it('repeats the mounts of the other service, read-only with :ro', () => {
    const result = run({
      'compose.yaml': compose(svc('    volumes: ["data:/data", "./app.ini:/etc/app.ini"]\n', 'a') + svc('    volumes_from: ["a:ro"]\n', 'b'), 'volumes:\n  data:\n'),
      'app.ini': 'x=1\n',
    });
    expect(container(result, 'b').volumeMounts).toEqual([
      { name: 'data', mountPath: '/data', readOnly: true, subPath: 'data' },
      { name: 'config-app-ini', mountPath: '/etc/app.ini', subPath: 'app.ini', readOnly: true },
    ]);
    expect(result.diagnostics.filter((d) => d.message.includes('volumes_from'))).toEqual([]);
  });

  it('warns about what cannot be shared, at the volumes_from entry', () => {
    const result = run({ 'compose.yaml': compose(svc('    volumes: [/cache]\n', 'a') + svc('    volumes_from: [a, "container:legacy"]\n', 'b')) });
    expect(diagnostics(result, 'approximate')).toEqual([{ line: 7, column: 20, message: expect.stringContaining('anonymous volume /cache of a is not shared') }]);
    expect(diagnostics(result, 'unsupported')).toEqual([{ line: 7, column: 23, message: expect.stringContaining('volumes_from a container (legacy)') }]);
  });

  it('reports devices as unsupported, at the key', () => {
    const result = run({ 'compose.yaml': compose(svc('    devices:\n      - /dev/ttyUSB0:/dev/ttyUSB0\n')) });
    expect(diagnostics(result, 'unsupported')).toEqual([{ line: 4, column: 5, message: expect.stringContaining('devices has no Kubernetes equivalent') }]);
  });

  it('reports mount types without a Kubernetes form, at the type', () => {
    const result = run({ 'compose.yaml': compose(svc('    volumes:\n      - type: npipe\n        source: \\\\.\\pipe\\docker_engine\n        target: \\\\.\\pipe\\docker_engine\n')) });
    expect(diagnostics(result, 'unsupported')).toEqual([{ line: 5, column: 9, message: expect.stringContaining('volumes.type: "npipe"') }]);
  });
});

describe('claims compose2kube creates are mounted from a folder (subPath), not their root', () => {
  it('for every service and image, with the same folder wherever one claim is mounted', () => {
    const services =
      svc('    volumes: ["pgdata:/var/lib/postgresql/data"]\n', 'db').replace('image: app', 'image: postgres:16') +
      svc('    volumes: ["pgdata:/backup/source:ro"]\n', 'backup').replace('image: app', 'image: registry.example.com/tools/pg-backup:2') +
      svc('    network_mode: service:db\n    volumes: ["pgdata:/watch"]\n', 'exporter');
    const result = run({ 'compose.yaml': compose(services, 'volumes:\n  pgdata:\n') });
    expect(container(result, 'db').volumeMounts).toEqual([{ name: 'pgdata', mountPath: '/var/lib/postgresql/data', subPath: 'data' }]);
    expect(container(result, 'backup').volumeMounts).toEqual([{ name: 'pgdata', mountPath: '/backup/source', readOnly: true, subPath: 'data' }]);
    const shared = pod(result, 'db').containers.map((c) => c.volumeMounts);
    expect(shared).toEqual([
      [{ name: 'pgdata', mountPath: '/var/lib/postgresql/data', subPath: 'data' }],
      [{ name: 'pgdata', mountPath: '/watch', subPath: 'data' }],
    ]);
  });

  it('but not for an external claim (its data is at its root) or a ReadOnlyMany claim (a pod cannot create the folder)', () => {
    const top = 'volumes:\n  old:\n    external: true\n  seed:\n    x-kubernetes:\n      accessModes: [ReadOnlyMany]\n';
    const result = run({ 'compose.yaml': compose(svc('    volumes: ["old:/old", "seed:/seed:ro"]\n'), top) });
    expect(container(result, 'app').volumeMounts).toEqual([
      { name: 'old', mountPath: '/old' },
      { name: 'seed', mountPath: '/seed', readOnly: true },
    ]);
  });

  it('say so in the comment of the mount', () => {
    const result = run({ 'compose.yaml': compose(svc('    volumes: ["data:/var/lib/mysql"]\n'), 'volumes:\n  data:\n') });
    expect(result.text).toContain("from the claim's `data` folder (a fresh volume's root may hold lost+found, which databases refuse)");
    expect(result.text).toContain('claim data, folder data');
  });
});

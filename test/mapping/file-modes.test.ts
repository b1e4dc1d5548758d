import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { FileReader } from '../../src/compose/host.js';
import { memoryReader } from '../../src/compose/host.js';
import { keptMode, modeProjection } from '../../src/mapping/storage/file-modes.js';
import { container, diagnostics, pod, run } from './convert-support.js';

/** Permission bits of bind-mounted files that become ConfigMaps and Secrets: issue 7, item 5. */

/** A reader over `files` (path -> [content, mode]) that knows modes, as the CLI's disk reader does. */
function withModes(files: Record<string, [string, number]>): FileReader {
  const base = memoryReader(Object.fromEntries(Object.entries(files).map(([k, [v]]) => [k, v])), '/p');
  const abs = (p: string) => (p.startsWith('/') ? p : `/p/${p}`);
  const modes = new Map(Object.entries(files).map(([k, [, m]]) => [abs(k), m]));
  return {
    ...base,
    stat: (p) => {
      const mode = modes.get(p);
      if (mode !== undefined) return { kind: 'file', mode, size: files[p.replace(/^\/p\//, '')]?.[0].length ?? 0 };
      return base.readDir!(p) ? { kind: 'directory', mode: 0o755, size: 0 } : undefined;
    },
  };
}

const entrypoint = 'services:\n  app:\n    image: app\n    entrypoint: ["/usr/local/bin/start.sh"]\n    volumes:\n      - ./start.sh:/usr/local/bin/start.sh:ro\n';
const initdb = 'services:\n  db:\n    image: postgres:16\n    volumes:\n      - ./initdb:/docker-entrypoint-initdb.d:ro\n';

describe('file modes of bind-mounted project files', () => {
  it('keep an executable entrypoint executable: defaultMode of the file', () => {
    const result = run(withModes({ 'compose.yaml': [entrypoint, 0o644], 'start.sh': ['#!/bin/sh\nexec app\n', 0o755] }));
    expect(pod(result, 'app').volumes).toEqual([{ name: 'config-start-sh', configMap: { name: 'start-sh', defaultMode: 0o755 } }]);
    expect(container(result, 'app').volumeMounts).toEqual([{ name: 'config-start-sh', mountPath: '/usr/local/bin/start.sh', subPath: 'start.sh', readOnly: true }]);
    expect(result.text).toContain('file modes kept: start.sh 0755');
    expect(result.diagnostics.filter((d) => d.code === 'approximate')).toEqual([]);
  });

  it('give a directory the mode most of its files have, and the others a per-item mode', () => {
    const result = run(
      withModes({
        'compose.yaml': [initdb, 0o644],
        'initdb/01-schema.sql': ['create table t (id int);\n', 0o644],
        'initdb/02-extensions.sql': ['create extension pgcrypto;\n', 0o644],
        'initdb/03-seed.sh': ['#!/bin/sh\npsql -c "insert into t values (1)"\n', 0o755],
      }),
    );
    expect(pod(result, 'db').volumes).toEqual([
      {
        name: 'config-initdb',
        configMap: {
          name: 'initdb',
          items: [
            { key: '01-schema.sql', path: '01-schema.sql' },
            { key: '02-extensions.sql', path: '02-extensions.sql' },
            { key: '03-seed.sh', path: '03-seed.sh', mode: 0o755 },
          ],
        },
      },
    ]);
  });

  it('leave the modes of a machine with umask 002 (0664, 0775) as Kubernetes has them: write bits do not matter on a read-only volume', () => {
    const result = run(withModes({ 'compose.yaml': [initdb, 0o664], 'initdb/a.sql': ['select 1;\n', 0o664], 'initdb/b.sh': ['#!/bin/sh\n', 0o775] }));
    expect(pod(result, 'db').volumes).toEqual([
      { name: 'config-initdb', configMap: { name: 'initdb', items: [{ key: 'a.sql', path: 'a.sql' }, { key: 'b.sh', path: 'b.sh', mode: 0o755 }] } },
    ]);
  });

  it('keep the mode of a file in a Secret, and warn that only root can read a file others cannot', () => {
    const compose = 'services:\n  app:\n    image: app\n    volumes:\n      - ./tls/server.key:/etc/tls/server.key:ro\n';
    const result = run(withModes({ 'compose.yaml': [compose, 0o644], 'tls/server.key': ['-----BEGIN PRIVATE KEY-----\n', 0o600] }));
    expect(pod(result, 'app').volumes).toEqual([{ name: 'secret-tls-server-key', secret: { secretName: 'tls-server-key', defaultMode: 0o600 } }]);
    expect(diagnostics(result, 'approximate')).toEqual([
      { line: 5, column: 9, message: expect.stringContaining('./tls/server.key (0600) is not readable by others: in the pod it belongs to root, not to the owner on the Docker host') },
    ]);
  });

  it('warn that setuid, setgid and sticky bits cannot be kept', () => {
    const compose = 'services:\n  app:\n    image: app\n    volumes:\n      - ./bin:/opt/bin:ro\n';
    const result = run(withModes({ 'compose.yaml': [compose, 0o644], 'bin/helper': ['#!/bin/sh\n', 0o4755] }));
    expect(pod(result, 'app').volumes).toEqual([{ name: 'config-bin', configMap: { name: 'bin', defaultMode: 0o755 } }]);
    expect(diagnostics(result, 'approximate')).toEqual([{ line: 5, column: 9, message: expect.stringContaining('the setuid, setgid and sticky bits of ./bin/helper (04755) cannot be kept') }]);
  });

  it('without modes (a reader that only has contents), make scripts and the entrypoint executable, with a warning at the mount', () => {
    const plain = run({ 'compose.yaml': entrypoint.replace('#!/bin/sh', ''), 'start.sh': 'exec app\n' });
    expect(pod(plain, 'app').volumes).toEqual([{ name: 'config-start-sh', configMap: { name: 'start-sh', defaultMode: 0o755 } }]);
    expect(diagnostics(plain, 'approximate')).toEqual([
      { line: 6, column: 9, message: expect.stringContaining("the file modes of ./start.sh are unknown (the files were given without them), so ./start.sh is mounted executable (0755): it is the service's entrypoint or command") },
    ]);
    const scripts = run({ 'compose.yaml': initdb, 'initdb/a.sql': 'select 1;\n', 'initdb/b.sh': '#!/bin/sh\necho hi\n' });
    expect(pod(scripts, 'db').volumes).toEqual([
      { name: 'config-initdb', configMap: { name: 'initdb', items: [{ key: 'a.sql', path: 'a.sql' }, { key: 'b.sh', path: 'b.sh', mode: 0o755 }] } },
    ]);
    expect(diagnostics(scripts, 'approximate')).toEqual([{ line: 5, column: 9, message: expect.stringContaining('./initdb/b.sh is mounted executable (0755): it starts with #!') }]);
  });

  it('say nothing when modes are unknown and nothing needs to be executable', () => {
    const result = run({ 'compose.yaml': 'services:\n  web:\n    image: nginx\n    volumes:\n      - ./nginx.conf:/etc/nginx/nginx.conf:ro\n', 'nginx.conf': 'events {}\n' });
    expect(pod(result, 'web').volumes).toEqual([{ name: 'config-nginx-conf', configMap: { name: 'nginx-conf' } }]);
    expect(result.diagnostics).toEqual([]);
  });
});

describe('keptMode and modeProjection', () => {
  it('keep read and execute bits exactly and give the owner write, for every mode', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 0o7777 }), (mode) => {
        const kept = keptMode(mode);
        expect(kept & 0o555).toBe(mode & 0o555);
        expect(kept & 0o222).toBe(0o200);
        expect(keptMode(kept)).toBe(kept);
      }),
    );
  });

  it('project every file with its kept mode, whatever the mix', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 0o777 }), { minLength: 1, maxLength: 8 }), (modes) => {
        const entries = modes.map((mode, i) => ({ key: `f${i}`, path: `f${i}`, bytes: new Uint8Array(), mode }));
        const p = modeProjection(entries, () => undefined);
        const defaultMode = p.defaultMode ?? 0o644;
        for (const [i, mode] of modes.entries()) {
          const item = p.items?.find((it) => it.key === `f${i}`);
          expect(item?.mode ?? defaultMode).toBe(keptMode(mode));
        }
      }),
    );
  });
});

import { describe, expect, it } from 'vitest';
import { formatDiagnostic } from '../../src/diagnostics/format.js';
import { load } from './helpers.js';

const at = (file: string, line: number, column: number) => ({ file, line, column });

describe('locations survive loading', () => {
  it('after merging: each value points into the file it came from', () => {
    const result = load({
      'compose.yaml': 'services:\n  web:\n    image: web\n    ports:\n      - "8080:80"\n    environment:\n      A: "1"\n      B: "2"\n',
      'compose.override.yaml': 'services:\n  web:\n    ports:\n      - "9090:90"\n      - "8080:80"\n    environment:\n      - B=3\n',
    });
    const web = result.project!.services.web!;
    expect(web.loc).toEqual(at('compose.yaml', 2, 3));
    expect(web.ports.map((p) => p.loc)).toEqual([at('compose.override.yaml', 5, 9), at('compose.override.yaml', 4, 9)]);
    expect(web.environment.map((e) => [e.name, e.value, e.loc])).toEqual([
      ['A', '1', at('compose.yaml', 7, 7)],
      ['B', '3', at('compose.override.yaml', 7, 9)],
    ]);
  });

  it('after merging: a replaced scalar points at the key that replaced it', () => {
    const result = load({ 'compose.yaml': 'services:\n  web:\n    image: web:1\n', 'compose.override.yaml': 'services:\n  web:\n    image: web:2\n' });
    const image = result.project!.services.web!.node.entries.find((e) => e.key === 'image')!;
    expect([image.keyLoc, image.value.loc]).toEqual([at('compose.override.yaml', 3, 5), at('compose.override.yaml', 3, 12)]);
  });

  it('after extends from another file: inherited values point into that file', () => {
    const result = load({
      'compose.yaml': 'services:\n  web:\n    extends:\n      file: base/app.yaml\n      service: app\n    ports: ["80:80"]\n',
      'base/app.yaml': 'services:\n  app:\n    image: app\n    environment:\n      MODE: prod\n    healthcheck:\n      test: [CMD, "true"]\n',
    });
    const web = result.project!.services.web!;
    expect(web.loc).toEqual(at('compose.yaml', 2, 3));
    expect(web.environment[0]!.loc).toEqual(at('base/app.yaml', 5, 7));
    expect(web.healthcheck!.loc).toEqual(at('base/app.yaml', 7, 7));
    expect(web.ports[0]!.loc).toEqual(at('compose.yaml', 6, 13));
  });

  it('after include: the included service points into the included file', () => {
    const result = load({ 'compose.yaml': 'include: [db/compose.yaml]\n', 'db/compose.yaml': 'services:\n  db:\n    image: postgres\n    ports: ["5432:5432"]\n' });
    const db = result.project!.services.db!;
    expect(db.loc).toEqual(at('db/compose.yaml', 2, 3));
    expect(db.ports[0]!.loc).toEqual(at('db/compose.yaml', 4, 13));
  });

  it('after interpolation: the value points at the scalar that held the expression', () => {
    const result = load({ 'compose.yaml': 'services:\n  web:\n    image: web\n    ports:\n      - "${HOST_PORT:-8080}:80"\n' });
    expect(result.project!.services.web!.ports[0]).toMatchObject({ published: '8080', target: 80, loc: at('compose.yaml', 5, 9) });
  });

  it.each([
    ['an extended file', { 'compose.yaml': 'services:\n  web:\n    extends: { file: base.yaml, service: app }\n', 'base.yaml': 'services:\n  app:\n    image: app\n    ports: ["80:80/smtp"]\n' }, 'base.yaml:4:13', '> 4 |     ports: ["80:80/smtp"]'],
    ['an included file', { 'compose.yaml': 'include: [lib/compose.yaml]\n', 'lib/compose.yaml': 'services:\n  lib:\n    image: lib\n    cpus: lots\n' }, 'lib/compose.yaml:4:11', '> 4 |     cpus: lots'],
  ])('gives a code frame for a problem in %s', (_name, files, where, line) => {
    const result = load(files);
    const error = result.diagnostics.find((d) => d.severity === 'error')!;
    const frame = formatDiagnostic(error, result.sources);
    expect(frame.startsWith(`${where}: error:`)).toBe(true);
    expect(frame).toContain(line);
  });
});

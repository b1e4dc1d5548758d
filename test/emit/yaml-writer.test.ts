import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Document, isMap, isScalar, isSeq, type Node as YamlNode } from 'yaml';
import { DOC_OPTIONS, TO_STRING, writeYaml, type FieldComment } from '../../src/emit/yaml-writer.js';

/**
 * The writer must print exactly what the `yaml` library prints for the same data and comments:
 * this is the library's way (a node tree, comments set on the nodes the paths name), the reference.
 */
function libraryYaml(value: unknown, comments: readonly FieldComment[]): string {
  const doc = new Document(value, DOC_OPTIONS);
  for (const { path, text } of comments) {
    const last = path[path.length - 1];
    if (last === undefined) continue;
    const parent = path.length === 1 ? doc.contents : (doc.getIn(path.slice(0, -1), true) as YamlNode | undefined);
    let target: YamlNode | undefined;
    if (typeof last === 'number' && isSeq(parent)) target = parent.items[last] as YamlNode | undefined;
    else if (isMap(parent)) {
      const pair = parent.items.find((p) => (isScalar(p.key) ? p.key.value : p.key) === last);
      target = pair && isScalar(pair.key) ? pair.key : undefined;
    }
    if (!target) continue;
    target.commentBefore = target.commentBefore ? `${target.commentBefore}\n ${text}` : ` ${text}`;
  }
  return doc.toString(TO_STRING);
}

/** Strings a YAML writer has to quote, escape or write as a block, and a few it must not. */
const SPECIAL = [
  '', ' ', 'yes', 'No', 'ON', 'off', 'y', 'n', '~', 'null', 'Null', 'true', '0755', '0x1F', '0b101', '1e3', '.5', '-.inf', '.NaN', '1:20', '190:20:30',
  '1_000', '+1', '2024-01-01', '2001-12-14t21:59:43.10-05:00', '<<', '=', '-', '?', '- a', '? a', 'a: b', 'a:b', 'a:', ':a', '#x', 'x #y', 'x#y', ' lead',
  'trail ', 'tab\tin', '\ttab', 'a\nb', 'a\nb\n', 'a\n\nb\n\n', '\n', '\n\nlead', ' indented\nblock', 'trailing space \nline', 'x\n  ', '"q"',
  "'s'", `both ' and "`, 'back\\slash', '---', '--- x', '...', 'a\n---\nb', 'a\n...\n', '%TAG', '@at', '`tick`', '!tag', '&anchor', '*alias', '|',
  '>', '[a]', '{a}', 'a, b', 'é', 'ünïcödé\nzwei', '😀', '\u0000', '\u0007x', 'a\u0085b', '\u00a0', '\u2028', '\ud800', 'x'.repeat(1100),
  `${'y'.repeat(50)}\n${'z'.repeat(50)}`, 'multi\nline with "quotes"\n', '#!/bin/sh\nset -e\nuntil nc -z db 5432; do sleep 1; done\n',
];

const key = fc.oneof(fc.constantFrom(...SPECIAL, 'apiVersion', 'kind', 'name', 'a', 'b', '0', '1'), fc.string({ maxLength: 8 }));
const str = fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...SPECIAL) }, fc.string({ maxLength: 12 }), fc.string({ unit: 'grapheme', maxLength: 6 }));
const num = fc.oneof(fc.integer(), fc.constantFrom(0, -0, 1.5, -2.25, 1e21, 1e-7, Number.NaN, Infinity, -Infinity, 2 ** 53 + 2), fc.double());
const scalar = fc.oneof(str, num, fc.boolean(), fc.constant(null));

const { value } = fc.letrec((tie) => ({
  value: fc.oneof({ depthSize: 'small', withCrossShrink: true }, scalar, tie('list'), tie('map')),
  list: fc.array(fc.oneof(tie('value'), fc.constant(undefined)), { maxLength: 4 }),
  map: fc.dictionary(key, fc.oneof({ weight: 4, arbitrary: tie('value') }, fc.constant(undefined)), { maxKeys: 5 }),
}));

/** Paths to fields of `root` (and some to nothing), with numeric-string indexes now and then. */
function pathsOf(root: unknown): (string | number)[][] {
  const out: (string | number)[][] = [[]];
  const walk = (node: unknown, path: (string | number)[]) => {
    if (Array.isArray(node)) {
      node.forEach((item, i) => {
        out.push([...path, i], [...path.map(String), i], [...path, String(i)]);
        walk(item, [...path, i]);
      });
    } else if (node !== null && typeof node === 'object') {
      for (const [k, v] of Object.entries(node)) {
        out.push([...path, k]);
        walk(v, [...path, k]);
      }
    }
  };
  walk(root, []);
  return out;
}

const commentText = fc.oneof(fc.constantFrom('a note', 'two\nlines', 'x <- compose.yaml:3:5 (exact): why', '', ' ', 'line\n\nafter blank'), fc.string({ maxLength: 10 }));

const documents = fc
  .oneof(fc.dictionary(key, value, { maxKeys: 6 }), value)
  .chain((root) =>
    fc.tuple(fc.constant(root), fc.array(fc.record({ path: fc.oneof(fc.constantFrom(...pathsOf(root)), fc.array(fc.oneof(key, fc.nat(3)), { maxLength: 3 })), text: commentText }), { maxLength: 6 })),
  );

describe('writeYaml', () => {
  it('prints what the yaml library prints, comments included', () => {
    fc.assert(
      fc.property(documents, ([root, comments]) => {
        expect(writeYaml(root, comments)).toBe(libraryYaml(root, comments));
      }),
      { numRuns: 3000 },
    );
  });

  it.each(SPECIAL.map((s) => [s]))('writes %j like the library, as a key, a value and a list item', (s) => {
    const root = { [s]: s, list: [s, { [s]: [s] }], nested: { deeper: { [s]: s } } };
    const comments = [
      { path: [s], text: 'on the key' },
      { path: ['list', 0], text: 'on an item' },
      { path: ['list', 1, s], text: 'inside an item' },
    ];
    expect(writeYaml(root, comments)).toBe(libraryYaml(root, comments));
  });

  it('writes a Kubernetes object with notes like the library', () => {
    const script = '#!/bin/sh\nuntil nc -z -w 2 db 5432; do\n  echo waiting\n  sleep 2\ndone\n';
    const root = {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'web', labels: { 'app.kubernetes.io/name': 'web' } },
      spec: {
        replicas: 2,
        template: {
          spec: {
            initContainers: [{ name: 'wait-for-db', image: 'busybox:1.36', command: ['/bin/sh', '-c', script] }],
            containers: [{ name: 'web', image: 'nginx', env: [{ name: 'ON', value: 'yes' }, { name: 'EMPTY', value: '' }], ports: [{ containerPort: 80 }] }],
            volumes: [],
            securityContext: {},
          },
        },
      },
    };
    const comments = [
      { path: ['apiVersion'], text: 'Deployment web: from service "web" at compose.yaml:2:3' },
      { path: ['spec', 'template', 'spec', 'initContainers', 0], text: 'depends_on <- compose.yaml:5:7' },
      { path: ['spec', 'template', 'spec', 'containers', 0, 'env', 1], text: 'environment <- compose.yaml:9:9\n second line' },
      { path: ['spec', 'template', 'spec', 'containers', 0, 'env', 1], text: 'another note on the same item' },
      { path: ['spec', 'replicas'], text: 'deploy.replicas <- compose.yaml:12:9' },
      { path: ['spec', 'missing', 'field'], text: 'dropped: the path names nothing' },
    ];
    expect(writeYaml(root, comments)).toBe(libraryYaml(root, comments));
  });
});

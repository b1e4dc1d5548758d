import { describe, expect, it } from 'vitest';
import { codes, load, plainOf, serviceOf } from './helpers.js';

describe('YAML anchors, aliases and merge keys', () => {
  it.each([
    [
      'a << merge key copies an anchored mapping',
      'x-base: &base\n  image: app\n  restart: always\nservices:\n  web:\n    <<: *base\n',
      { image: 'app', restart: 'always' },
    ],
    [
      'keys of the mapping win over merged ones',
      'x-base: &base\n  image: app\n  restart: always\nservices:\n  web:\n    <<: *base\n    restart: "no"\n',
      { restart: 'no', image: 'app' },
    ],
    [
      'with several sources, earlier ones win',
      'x-a: &a\n  image: a\n  user: a\nx-b: &b\n  image: b\n  working_dir: /b\nservices:\n  web:\n    <<: [*a, *b]\n',
      { image: 'a', user: 'a', working_dir: '/b' },
    ],
    [
      'merged mappings are copied whole, not merged deeply',
      'x-env: &env\n  environment:\n    A: "1"\nservices:\n  web:\n    <<: *env\n    environment:\n      B: "2"\n',
      { environment: { B: '2' } },
    ],
    [
      'an alias of a sequence',
      'x-ports: &ports ["80:80", "443:443"]\nservices:\n  web:\n    image: web\n    ports: *ports\n',
      { image: 'web', ports: ['80:80', '443:443'] },
    ],
    [
      'an alias of a scalar',
      'services:\n  web:\n    image: &img nginx:1.27\n    labels:\n      image: *img\n',
      { image: 'nginx:1.27', labels: { image: 'nginx:1.27' } },
    ],
    [
      'an anchor defined inside a service',
      'services:\n  api:\n    image: api\n    environment: &env\n      LOG: debug\n  web:\n    image: web\n    environment: *env\n',
      { image: 'web', environment: { LOG: 'debug' } },
    ],
    [
      'nested merge keys',
      'x-a: &a\n  user: a\nx-b: &b\n  <<: *a\n  image: b\nservices:\n  web:\n    <<: *b\n',
      { image: 'b', user: 'a' },
    ],
  ])('%s', (_name, text, expected) => {
    const result = load({ 'compose.yaml': text });
    expect(codes(result, 'error')).toEqual([]);
    expect(serviceOf(result, 'web')).toEqual(expected);
  });

  it('keeps x- extension fields that hold anchors in the model', () => {
    const result = load({ 'compose.yaml': 'x-defaults: &defaults\n  restart: unless-stopped\nservices:\n  web:\n    <<: *defaults\n    image: web\n' });
    expect(result.project!.extensions).toEqual({ 'x-defaults': { restart: 'unless-stopped' } });
    expect(plainOf(result)['x-defaults']).toEqual({ restart: 'unless-stopped' });
    expect(result.project!.services.web!.restart).toBe('unless-stopped');
  });

  it('points the locations of merged values into the anchored text', () => {
    const text = 'x-env: &env\n  environment:\n    LOG_LEVEL: info\nservices:\n  web:\n    image: web\n    <<: *env\n';
    const web = load({ 'compose.yaml': text }).project!.services.web!;
    expect(web.environment).toEqual([{ name: 'LOG_LEVEL', value: 'info', loc: { file: 'compose.yaml', line: 3, column: 5 }, source: 'environment' }]);
  });

  it('points the items of an aliased sequence at the anchor', () => {
    const text = 'x-ports: &ports\n  - "8080:80"\nservices:\n  web:\n    image: web\n    ports: *ports\n';
    const web = load({ 'compose.yaml': text }).project!.services.web!;
    expect(web.ports[0]!.loc).toEqual({ file: 'compose.yaml', line: 2, column: 5 });
  });

  it('interpolates each use of an anchor', () => {
    const result = load({ 'compose.yaml': 'x-img: &img "app:${TAG:-dev}"\nservices:\n  a:\n    image: *img\n  b:\n    image: *img\n' }, { env: { TAG: '9' } });
    expect([serviceOf(result, 'a').image, serviceOf(result, 'b').image]).toEqual(['app:9', 'app:9']);
  });

  it.each([
    ['an alias of an undefined anchor', 'services:\n  web:\n    image: *nope\n', 'yaml-syntax@compose.yaml:3:12'],
    ['a merge key with a scalar', 'services:\n  web:\n    <<: text\n    image: web\n', 'yaml-syntax@compose.yaml:3:9'],
  ])('reports %s', (_name, text, expected) => {
    const result = load({ 'compose.yaml': text });
    expect(codes(result, 'error')).toEqual([expected]);
  });
});

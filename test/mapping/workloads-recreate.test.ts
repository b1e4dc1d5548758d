import { describe, expect, it } from 'vitest';
import { compose, expectValid, run, spec, workload } from './workloads-support.js';

/** Compose replaces a container stop-first; a pod on an exclusive claim must do the same. */
describe('update strategy without update_config', () => {
  it.each([
    ['a ReadWriteOnce claim: Recreate', ['  db:', '    image: postgres', '    volumes: [data:/var/lib/postgresql/data]', 'volumes:', '  data:'], 'db', { type: 'Recreate' }],
    ['an external claim (access modes unknown): Recreate', ['  db:', '    image: postgres', '    volumes: [data:/d]', 'volumes:', '  data:', '    external: true'], 'db', { type: 'Recreate' }],
    ['no claim: the rolling default', ['  web:', '    image: nginx'], 'web', undefined],
    ['only an anonymous volume: the rolling default', ['  web:', '    image: nginx', '    volumes: [/cache]'], 'web', undefined],
    [
      'a claim shared by two services (ReadWriteMany): the rolling default',
      ['  a:', '    image: x', '    volumes: [shared:/s]', '  b:', '    image: y', '    volumes: [shared:/s]', 'volumes:', '  shared:'],
      'a',
      undefined,
    ],
    [
      'update_config given: it wins',
      ['  db:', '    image: postgres', '    volumes: [data:/d]', '    deploy:', '      update_config: {order: start-first}', 'volumes:', '  data:'],
      'db',
      { type: 'RollingUpdate', rollingUpdate: { maxSurge: 1, maxUnavailable: 0 } },
    ],
  ])('%s', (_what, lines, name, strategy) => {
    const result = run(compose('services:', ...lines));
    expectValid(result);
    expect(spec(workload(result, name)).strategy).toEqual(strategy);
  });

  it('explains the choice in a comment at the volume mount', () => {
    const result = run(compose('services:', '  db:', '    image: postgres', '    volumes: [data:/d]', 'volumes:', '  data:'));
    expect(result.text).toMatch(/# volumes <- compose\.yaml:4:15.*Recreate: the old pod releases the ReadWriteOnce claim data before the new one starts/);
  });

  it('leaves StatefulSets and DaemonSets to their own update strategies', () => {
    const result = run(compose('services:', '  agent:', '    image: x', '    volumes: [data:/d]', '    deploy: {mode: global}', 'volumes:', '  data:'));
    expect(spec(workload(result, 'agent')).strategy).toBeUndefined();
  });
});

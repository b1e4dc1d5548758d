import { describe, expect, it } from 'vitest';
import { codes, load } from './helpers.js';

const svc = (image: string) => `services:\n  app:\n    image: ${image}\n`;

describe('finding the compose files', () => {
  it.each([
    ['compose.yaml is preferred over every other name', ['compose.yaml', 'compose.yml', 'docker-compose.yml'], ['compose.yaml']],
    ['compose.yml comes next', ['compose.yml', 'docker-compose.yaml'], ['compose.yml']],
    ['docker-compose.yml is preferred over docker-compose.yaml', ['docker-compose.yaml', 'docker-compose.yml'], ['docker-compose.yml']],
    ['docker-compose.yaml alone', ['docker-compose.yaml'], ['docker-compose.yaml']],
    ['the matching override file is added', ['compose.yaml', 'compose.override.yaml'], ['compose.yaml', 'compose.override.yaml']],
    ['compose.override.yml is preferred over compose.override.yaml', ['compose.yaml', 'compose.override.yaml', 'compose.override.yml'], ['compose.yaml', 'compose.override.yml']],
    ['the override need not match the main file name', ['compose.yaml', 'docker-compose.override.yml'], ['compose.yaml', 'docker-compose.override.yml']],
    ['docker-compose.override.yaml goes with docker-compose.yml', ['docker-compose.yml', 'docker-compose.override.yaml'], ['docker-compose.yml', 'docker-compose.override.yaml']],
  ])('%s', (_name, present, expected) => {
    const files = Object.fromEntries(present.map((f) => [f, svc(f.replace(/\W/g, '-'))]));
    const result = load(files);
    expect(result.project?.files).toEqual(expected);
  });

  it('warns when several default names exist, like Compose', () => {
    const result = load({ 'compose.yaml': svc('a'), 'docker-compose.yml': svc('b') });
    expect(codes(result)).toEqual(['compose-file-ambiguous@:0:0']);
    expect(result.project?.services.app?.image).toBe('a');
  });

  it('looks in parent directories and takes the project directory from the file found', () => {
    const result = load({ '/p/compose.yaml': svc('up') }, { workingDir: '/p/src/deep' });
    expect(result.project?.files).toEqual(['/p/compose.yaml']);
    expect(result.project?.workingDir).toBe('/p');
    expect(result.project?.name).toBe('p');
  });

  it('reports no-compose-file when nothing is found', () => {
    const result = load({ 'README.md': '# nothing' });
    expect(codes(result)).toEqual(['no-compose-file@:0:0']);
    expect(result.diagnostics[0]!.message).toContain('/p');
    expect(result.project).toBeUndefined();
  });

  it('uses repeated -f files in order, relative to the working directory', () => {
    const result = load({ 'deploy/base.yaml': svc('base'), 'deploy/prod.yaml': 'services:\n  app:\n    image: prod\n' }, { files: ['deploy/base.yaml', 'deploy/prod.yaml'] });
    expect(result.project?.files).toEqual(['deploy/base.yaml', 'deploy/prod.yaml']);
    expect(result.project?.workingDir).toBe('/p/deploy');
    expect(result.project?.services.app?.image).toBe('prod');
  });

  it('does not add the override file when -f is given', () => {
    const result = load({ 'compose.yaml': svc('base'), 'compose.override.yaml': svc('over') }, { files: ['compose.yaml'] });
    expect(result.project?.services.app?.image).toBe('base');
  });

  it('reports a missing -f file', () => {
    const result = load({ 'compose.yaml': svc('a') }, { files: ['compose.yaml', 'missing.yaml'] });
    expect(codes(result)).toEqual(['file-not-found@:0:0']);
    expect(result.diagnostics[0]!.message).toContain('missing.yaml');
  });

  it('reads `-f -` from stdin, with the working directory as project directory', () => {
    const result = load({ '.env': 'TAG=7\n' }, { files: ['-'], stdin: 'services:\n  app:\n    image: app:${TAG}\n' });
    expect(result.project?.services.app?.image).toBe('app:7');
    expect(result.project?.workingDir).toBe('/p');
    expect(result.project?.files).toEqual(['-']);
    expect(result.sources.get('-')).toContain('app:${TAG}');
  });

  it('takes the project directory from a file after stdin', () => {
    const result = load({ 'sub/over.yaml': 'services:\n  app:\n    user: app\n' }, { files: ['-', 'sub/over.yaml'], stdin: svc('std') });
    expect(result.project?.workingDir).toBe('/p/sub');
    expect(result.project?.services.app).toMatchObject({ image: 'std', user: 'app' });
  });

  it.each([
    ['colon-separated COMPOSE_FILE', { COMPOSE_FILE: 'a.yaml:b.yaml' }],
    ['COMPOSE_PATH_SEPARATOR', { COMPOSE_FILE: 'a.yaml;b.yaml', COMPOSE_PATH_SEPARATOR: ';' }],
  ])('reads the files from %s', (_name, env) => {
    const result = load({ 'a.yaml': svc('a'), 'b.yaml': svc('b'), 'compose.yaml': svc('default') }, { env });
    expect(result.project?.files).toEqual(['a.yaml', 'b.yaml']);
    expect(result.project?.services.app?.image).toBe('b');
  });

  it('reads COMPOSE_FILE from the .env of the working directory', () => {
    const result = load({ '.env': 'COMPOSE_FILE=stack/main.yaml\n', 'stack/main.yaml': svc('from-env'), 'compose.yaml': svc('default') });
    expect(result.project?.files).toEqual(['stack/main.yaml']);
    expect(result.project?.services.app?.image).toBe('from-env');
  });

  it('prefers -f over COMPOSE_FILE', () => {
    const result = load({ 'a.yaml': svc('a'), 'b.yaml': svc('b') }, { env: { COMPOSE_FILE: 'a.yaml' }, files: ['b.yaml'] });
    expect(result.project?.services.app?.image).toBe('b');
  });

  it('searches --project-directory and resolves relative paths against it', () => {
    const result = load({ 'app/compose.yaml': 'services:\n  app:\n    build: ./src\n' }, { projectDirectory: 'app' });
    expect(result.project?.workingDir).toBe('/p/app');
    expect(result.project?.files).toEqual(['app/compose.yaml']);
    expect(result.project?.name).toBe('app');
  });

  it('reads the .env of the project directory when the files live elsewhere', () => {
    const result = load(
      { '.env': 'COMPOSE_FILE=stack/compose.yaml\nA=top\n', 'stack/.env': 'A=stack\nB=stack\n', 'stack/compose.yaml': 'services:\n  app:\n    image: ${A}-${B}\n' },
    );
    expect(result.project?.services.app?.image).toBe('top-stack');
  });
});

import { describe, expect, it } from 'vitest';
import { codes, load } from './helpers.js';

const app = 'services:\n  app:\n    image: app\n';

describe('the project name', () => {
  it.each([
    ['-p wins over everything', { projectName: 'cli', env: { COMPOSE_PROJECT_NAME: 'env' } }, { 'compose.yaml': `name: file\n${app}` }, 'cli'],
    ['COMPOSE_PROJECT_NAME wins over name:', { env: { COMPOSE_PROJECT_NAME: 'env' } }, { 'compose.yaml': `name: file\n${app}` }, 'env'],
    ['COMPOSE_PROJECT_NAME may come from .env', {}, { '.env': 'COMPOSE_PROJECT_NAME=dotenv\n', 'compose.yaml': `name: file\n${app}` }, 'dotenv'],
    ['name: wins over the directory', {}, { 'compose.yaml': `name: shop\n${app}` }, 'shop'],
    ['name: is interpolated', { env: { STAGE: 'qa' } }, { 'compose.yaml': `name: shop-\${STAGE}\n${app}` }, 'shop-qa'],
    ['name: is normalized', {}, { 'compose.yaml': `name: "My Shop.v2"\n${app}` }, 'myshopv2'],
    ['the last file with a name wins', { files: ['a.yaml', 'b.yaml', 'c.yaml'] }, { 'a.yaml': `name: first\n${app}`, 'b.yaml': `name: second\n${app}`, 'c.yaml': app }, 'second'],
    ['the directory name, normalized', { workingDir: '/work/My_App' }, { 'compose.yaml': app }, 'my_app'],
  ])('%s', (_name, options, files, expected) => {
    const result = load(files, options);
    expect(codes(result, 'error')).toEqual([]);
    expect(result.project?.name).toBe(expected);
  });

  it('is available to interpolation as COMPOSE_PROJECT_NAME', () => {
    const result = load({ 'compose.yaml': `name: shop\nservices:\n  app:\n    image: app\n    container_name: \${COMPOSE_PROJECT_NAME}-app\n` });
    expect(result.project?.services.app?.containerName).toBe('shop-app');
  });

  it.each([
    ['-p with capitals', { projectName: 'MyApp' }, { 'compose.yaml': app }, 'project-name@:0:0'],
    ['COMPOSE_PROJECT_NAME with a dot', { env: { COMPOSE_PROJECT_NAME: 'my.app' } }, { 'compose.yaml': app }, 'project-name@:0:0'],
    ['a name: with no usable character', {}, { 'compose.yaml': `name: "..."\n${app}` }, 'project-name@compose.yaml:1:7'],
    ['a directory name with no usable character', { workingDir: '/work/___' }, { 'compose.yaml': app }, 'project-name@:0:0'],
  ])('rejects %s', (_name, options, files, expected) => {
    const result = load(files, options);
    expect(codes(result, 'error')).toEqual([expected]);
    expect(result.project).toBeUndefined();
  });
});

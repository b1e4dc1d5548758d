import { describe, expect, it } from 'vitest';
import { envFiles } from '../../src/compose/env-file.js';
import type { ProjectEnv } from '../../src/compose/environment.js';
import { memoryReader } from '../../src/compose/host.js';
import type { EnvVar } from '../../src/compose/model.js';
import { parseYaml } from '../../src/compose/parse.js';
import { at } from '../../src/compose/tree.js';
import { Diagnostics } from '../../src/diagnostics/diagnostic.js';

interface Setup {
  /** The `env_file` value, as YAML under `env_file:` of service web. */
  envFile: string;
  files?: Record<string, string>;
  projectVars?: Record<string, string>;
  environment?: Record<string, string | null>;
  /** The compose file that names the env files (default: the -f file app/compose.yaml). */
  composeFile?: string;
}

const LOC = { file: 'app/compose.yaml', line: 1, column: 1 };

/** Project directory /work/app, command run in /work, -f app/compose.yaml -f app/overrides/extra.yaml. */
function read({ envFile, files = {}, projectVars = {}, environment = {}, composeFile = 'app/compose.yaml' }: Setup) {
  const diags = new Diagnostics();
  const text = `services:\n  web:\n    env_file: ${envFile}\n`;
  const node = at(parseYaml({ path: composeFile, text }, diags), 'services', 'web', 'env_file');
  const env: ProjectEnv = { vars: projectVars, lookup: (n) => projectVars[n] };
  const serviceEnv: EnvVar[] = Object.entries(environment).map(([name, value]) => ({ name, value, loc: LOC, source: 'environment' }));
  const result = envFiles(
    node,
    { workingDir: '/work/app', files: ['app/compose.yaml', 'app/overrides/extra.yaml'], env, reader: memoryReader(files, '/work'), diags, sources: new Map(), cwd: '/work' },
    serviceEnv,
  );
  const merged: Record<string, string> = {};
  for (const f of result) for (const v of f.vars ?? []) merged[v.name] = v.value;
  return { result, merged, diags: diags.items };
}

describe('envFiles: forms and paths', () => {
  it.each<[string, Setup, Record<string, string>]>([
    ['a single path', { envFile: 'web.env', files: { 'app/web.env': 'A=1\n' } }, { A: '1' }],
    ['a list, later files winning', { envFile: '[a.env, b.env]', files: { 'app/a.env': 'X=a\nY=a\n', 'app/b.env': 'X=b\n' } }, { X: 'b', Y: 'a' }],
    ['the long form', { envFile: '[{path: ./conf/web.env}]', files: { 'app/conf/web.env': 'A=1\n' } }, { A: '1' }],
    ['short and long forms mixed', { envFile: '[a.env, {path: b.env, required: true}]', files: { 'app/a.env': 'A=1\n', 'app/b.env': 'B=2\n' } }, { A: '1', B: '2' }],
    ['an absolute path', { envFile: '/etc/app/web.env', files: { '/etc/app/web.env': 'A=abs\n' } }, { A: 'abs' }],
    ['a path from the home directory', { envFile: '~/web.env', files: { '/home/ada/web.env': 'A=home\n' }, projectVars: { HOME: '/home/ada' } }, { A: 'home' }],
    ['a path in an override -f file is relative to the project directory', { envFile: 'web.env', composeFile: 'app/overrides/extra.yaml', files: { 'app/web.env': 'A=project\n', 'app/overrides/web.env': 'A=beside\n' } }, { A: 'project' }],
    ['a path in an included file is relative to that file', { envFile: 'web.env', composeFile: 'app/lib/base.yaml', files: { 'app/lib/web.env': 'A=included\n', 'app/web.env': 'A=project\n' } }, { A: 'included' }],
    ['a missing optional file', { envFile: '[{path: local.env, required: false}, a.env]', files: { 'app/a.env': 'A=1\n' } }, { A: '1' }],
    ['required written as a string', { envFile: '[{path: local.env, required: "false"}]' }, {}],
    ['format raw', { envFile: '[{path: raw.env, format: raw}]', files: { 'app/raw.env': 'Q="as is"\nD=$HOME\n' }, projectVars: { HOME: '/h' } }, { Q: '"as is"', D: '$HOME' }],
  ])('%s', (_what, setup, expected) => {
    const { merged, diags } = read(setup);
    expect(merged).toEqual(expected);
    // A file outside the project directory /work/app is read, and named in a warning.
    const outside = /^(\/|~)/.test(setup.envFile) ? ['outside-project'] : [];
    expect(diags.map((d) => d.code)).toEqual(outside);
  });

  it('keeps each file with its resolved path, declaration and options', () => {
    const { result } = read({ envFile: '[a.env, {path: /opt/b.env, required: false, format: raw}]', files: { 'app/a.env': 'A=1\n' } });
    expect(result.map(({ path, declared, required, format, vars }) => ({ path, declared, required, format, vars }))).toEqual([
      { path: '/work/app/a.env', declared: 'a.env', required: true, format: undefined, vars: [{ name: 'A', value: '1' }] },
      { path: '/opt/b.env', declared: '/opt/b.env', required: false, format: 'raw', vars: undefined },
    ]);
  });

  it('reports a missing required file at the entry that names it', () => {
    const { diags } = read({ envFile: '[ok.env, missing.env]', files: { 'app/ok.env': '' } });
    expect(diags).toMatchObject([
      { code: 'env-file-missing', severity: 'error', file: 'app/compose.yaml', line: 3, column: 24, message: 'env file missing.env not found (looked for app/missing.env)' },
    ]);
  });

  it('reports a missing file in the long form (required by default)', () => {
    const { diags } = read({ envFile: '[{path: gone.env}]' });
    expect(diags).toMatchObject([{ code: 'env-file-missing', line: 3, column: 16 }]);
  });

  it.each([
    ['an unknown format', '[{path: a.env, format: yaml}]', 'unsupported env_file format "yaml"'],
    ['a required that is not a boolean', '[{path: a.env, required: sometimes}]', 'env_file required must be true or false, got "sometimes"'],
  ])('reports %s', (_what, envFile, message) => {
    const { diags } = read({ envFile, files: { 'app/a.env': '' } });
    expect(diags).toMatchObject([{ code: 'invalid-value', severity: 'error', file: 'app/compose.yaml', line: 3, message }]);
  });
});

describe('envFiles: interpolation inside service env files', () => {
  it.each<[string, Setup, Record<string, string>]>([
    ['with the project environment', { envFile: 'a.env', files: { 'app/a.env': 'URL=http://${HOST}:${PORT:-80}\n' }, projectVars: { HOST: 'api' } }, { URL: 'http://api:80' }],
    ['with the service environment', { envFile: 'a.env', files: { 'app/a.env': 'GREETING=hi ${NAME}\n' }, environment: { NAME: 'ada' } }, { GREETING: 'hi ada' }],
    ['project environment before the service environment', { envFile: 'a.env', files: { 'app/a.env': 'V=$NAME\n' }, projectVars: { NAME: 'project' }, environment: { NAME: 'service' } }, { V: 'project' }],
    ['with an earlier env file', { envFile: '[a.env, b.env]', files: { 'app/a.env': 'BASE=/srv\n', 'app/b.env': 'DATA=$BASE/data\n' } }, { BASE: '/srv', DATA: '/srv/data' }],
    ['the file itself before earlier files', { envFile: '[a.env, b.env]', files: { 'app/a.env': 'X=a\n', 'app/b.env': 'X=b\nY=$X\n' } }, { X: 'b', Y: 'b' }],
    ['a name alone from the project environment', { envFile: 'a.env', files: { 'app/a.env': 'TOKEN\n' }, projectVars: { TOKEN: 't0k' } }, { TOKEN: 't0k' }],
    ['a name alone from the service environment', { envFile: 'a.env', files: { 'app/a.env': 'MODE\n' }, environment: { MODE: 'fast' } }, { MODE: 'fast' }],
    ['an unset service variable is not a value', { envFile: 'a.env', files: { 'app/a.env': 'M=${MODE:-none}\n' }, environment: { MODE: null } }, { M: 'none' }],
  ])('%s', (_what, setup, expected) => {
    const { merged, diags } = read(setup);
    expect(merged).toEqual(expected);
    // A file outside the project directory /work/app is read, and named in a warning.
    const outside = /^(\/|~)/.test(setup.envFile) ? ['outside-project'] : [];
    expect(diags.map((d) => d.code)).toEqual(outside);
  });

  it('warns about unset variables at their place in the env file', () => {
    const { diags } = read({ envFile: 'a.env', files: { 'app/a.env': '# header\nURL=http://$HOST/\n' } });
    expect(diags).toMatchObject([{ code: 'interpolation-unset', severity: 'warning', file: 'app/a.env', line: 2, column: 12 }]);
  });

  it('reports env file syntax errors in the env file', () => {
    const { diags } = read({ envFile: 'a.env', files: { 'app/a.env': 'A=1\nB="unterminated\n' } });
    expect(diags).toMatchObject([{ code: 'dotenv-syntax', file: 'app/a.env', line: 2, column: 3 }]);
  });
});

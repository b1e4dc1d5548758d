import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildProgram } from '../../src/cli/main.js';
import { describeProgram } from '../../src/cli/completion.js';
import { runCli } from '../support/cli.js';

const has = (shell: string) => spawnSync(shell, ['-c', 'exit 0']).status === 0;
const BASH = has('bash');
const ZSH = has('zsh');
const FISH = has('fish');

const script = async (shell: string) => {
  const run = await runCli(['completion', shell], { cwd: tmpdir() });
  expect(run.code).toBe(0);
  return run.stdout;
};

/** The long and short flags `--help` of a command lists: what the completion must offer. */
async function helpFlags(command: string): Promise<string[]> {
  const help = (await runCli([command, '--help'], { cwd: tmpdir() })).stdout;
  return [...help.matchAll(/^ {2}(-\w)?(?:, )?(--[\w-]+)?/gm)].flatMap((m) => [m[1], m[2]].filter((f): f is string => f !== undefined));
}

describe('compose2kube completion', () => {
  it('rejects an unknown shell as a usage error', async () => {
    const run = await runCli(['completion', 'powershell'], { cwd: tmpdir() });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/bash, zsh, fish/);
  });

  it('describes every command and every option --help lists (it is generated from the same program)', async () => {
    const spec = describeProgram(buildProgram({ cwd: '/', env: {}, stdout: () => {}, stderr: () => {}, readStdin: () => '' }, () => {}));
    expect(spec.commands.map((c) => c.name)).toEqual(['convert', 'diff', 'config', 'explain', 'completion', 'help']);
    for (const c of spec.commands.filter((x) => x.name !== 'help')) {
      const offered = c.options.flatMap((o) => [o.short, o.long]).filter((f) => f !== undefined);
      for (const flag of await helpFlags(c.name)) expect(offered, `${c.name} ${flag}`).toContain(flag);
    }
    for (const shell of ['bash', 'zsh', 'fish']) {
      const text = await script(shell);
      for (const c of spec.commands) for (const o of c.options) if (o.long) expect(text, `${shell}: ${o.long}`).toContain(shell === 'fish' ? `-l ${o.long.slice(2)}` : o.long);
    }
  });

  describe.runIf(BASH)(`in bash${BASH ? '' : ' (SKIPPED: bash not found)'}`, () => {
    const complete = async (line: string): Promise<string[]> => {
      const file = join(mkdtempSync(join(tmpdir(), 'c2k-completion-')), 'compose2kube.bash');
      writeFileSync(file, await script('bash'));
      const words = line.split(' ');
      const program = `source ${JSON.stringify(file)}\nCOMP_WORDS=(${words.map((w) => `'${w}'`).join(' ')})\nCOMP_CWORD=${words.length - 1}\n_compose2kube\nprintf '%s\\n' "\${COMPREPLY[@]}"`;
      return execFileSync('bash', ['--norc', '--noprofile', '-c', program], { encoding: 'utf8', cwd: tmpdir() }).split('\n').filter(Boolean);
    };

    it('is valid bash', async () => {
      const file = join(mkdtempSync(join(tmpdir(), 'c2k-completion-')), 'compose2kube.bash');
      writeFileSync(file, await script('bash'));
      expect(spawnSync('bash', ['-n', file]).status).toBe(0);
    });

    it.each([
      ['compose2kube ', ['convert', 'diff', 'config', 'explain', 'completion', 'help']],
      ['compose2kube co', ['convert', 'config', 'completion']],
      ['compose2kube diff --ag', ['--against']],
      ['compose2kube convert --serv', ['--service-type']],
      ['compose2kube convert --service-type ', ['ClusterIP', 'NodePort', 'LoadBalancer']],
      ['compose2kube convert --annotate ', ['none', 'brief', 'full']],
      ['compose2kube --color ', ['auto', 'always', 'never']],
      ['compose2kube convert -o out --ann', ['--annotate']],
      ['compose2kube explain cap_', ['cap_add', 'cap_drop']],
      ['compose2kube completion ', ['bash', 'zsh', 'fish']],
      ['compose2kube help ', ['convert', 'diff', 'config', 'explain', 'completion', 'help']],
    ])('completes %j', async (line, expected) => {
      expect((await complete(line)).sort()).toEqual([...expected].sort());
    });
  });

  describe.runIf(ZSH)(`in zsh${ZSH ? '' : ' (SKIPPED: zsh not found)'}`, () => {
    const file = async () => {
      const path = join(mkdtempSync(join(tmpdir(), 'c2k-completion-')), '_compose2kube');
      writeFileSync(path, await script('zsh'));
      return path;
    };

    it('is valid zsh and registers itself with compinit', async () => {
      const path = await file();
      expect(spawnSync('zsh', ['-n', path]).status).toBe(0);
      const registered = execFileSync('zsh', ['-f', '-c', `autoload -U compinit; compinit -u -D; source ${JSON.stringify(path)}; print \${_comps[compose2kube]}`], { encoding: 'utf8' });
      expect(registered.trim()).toBe('_compose2kube');
    });

    it.each([
      ['convert', "--service-type'[Service type for services that publish ports]:value:(ClusterIP NodePort LoadBalancer)"],
      ['explain', '1:argument:('],
      ['completion', '1:argument:(bash zsh fish)'],
    ])('hands _arguments the options of %s', async (command, expected) => {
      // _arguments is stubbed to print its specs: what the function asks zsh to complete.
      const program = `source ${JSON.stringify(await file())} >/dev/null 2>&1 || true; _arguments() { print -rl -- "$@" }; _describe() { print -r -- describe }; words=(compose2kube ${command} ''); CURRENT=3; _compose2kube`;
      const specs = execFileSync('zsh', ['-f', '-c', `compdef() { :; }; ${program}`], { encoding: 'utf8' });
      expect(specs).toContain(expected.replace(/'/g, ''));
    });
  });

  describe.runIf(FISH)(`in fish${FISH ? '' : ' (SKIPPED: fish not found)'}`, () => {
    it.each([
      ['compose2kube ', ['completion', 'config', 'convert', 'diff', 'explain', 'help']],
      ['compose2kube convert --service-type ', ['ClusterIP', 'LoadBalancer', 'NodePort']],
      ['compose2kube convert --ann', ['--annotate']],
      ['compose2kube explain cap_', ['cap_add', 'cap_drop']],
    ])('completes %j', async (line, expected) => {
      const path = join(mkdtempSync(join(tmpdir(), 'c2k-completion-')), 'compose2kube.fish');
      writeFileSync(path, await script('fish'));
      expect(spawnSync('fish', ['--no-execute', path]).status).toBe(0);
      const out = execFileSync('fish', ['--no-config', '-c', `source ${JSON.stringify(path)}; complete -C ${JSON.stringify(line)}`], { encoding: 'utf8', cwd: tmpdir() });
      expect(out.split('\n').filter(Boolean).map((l) => l.split('\t')[0]).sort()).toEqual(expected);
    });
  });
});

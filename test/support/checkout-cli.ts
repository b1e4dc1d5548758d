import { copyFileSync, mkdirSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import ts from 'typescript';
import { ROOT } from './fixtures.js';

function compileSources(dir: string, out: string): void {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) compileSources(path, join(out, name));
    else if (name.endsWith('.ts')) {
      const { outputText } = ts.transpileModule(ts.sys.readFile(path)!, {
        compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022, verbatimModuleSyntax: true },
        fileName: path,
      });
      const target = join(out, relative(dir, path).replace(/\.ts$/, '.js'));
      mkdirSync(dirname(target), { recursive: true });
      writeFileSync(target, outputText);
    }
  }
}

/**
 * The real bin/compose2kube.js, for tests that need a child process (pipes, signals): it runs over
 * the sources of this checkout compiled without type checking to ES modules (fast, and never a
 * stale dist/), in node_modules/.cache/<name> next to the project's node_modules so its packages
 * resolve. Each caller names its own directory, since test files run in parallel. Returns the
 * path of the bin script.
 */
export function buildCheckoutCli(name: string): string {
  const build = join(ROOT, 'node_modules', '.cache', name);
  rmSync(build, { recursive: true, force: true });
  compileSources(join(ROOT, 'src'), join(build, 'dist'));
  mkdirSync(join(build, 'bin'), { recursive: true });
  copyFileSync(join(ROOT, 'bin', 'compose2kube.js'), join(build, 'bin', 'compose2kube.js'));
  // ES modules, as the published package: its package.json says so (and gives --version its number).
  copyFileSync(join(ROOT, 'package.json'), join(build, 'package.json'));
  return join(build, 'bin', 'compose2kube.js');
}

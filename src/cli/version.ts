import { readFileSync } from 'node:fs';

/**
 * The version of the installed package, read from its package.json: two levels above this file
 * both in src/cli/ (tests) and in dist/cli/ (the published CLI), so it can never disagree.
 */
export function packageVersion(): string {
  const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version?: unknown };
  return typeof pkg.version === 'string' ? pkg.version : '0.0.0';
}

import { Option } from 'commander';
import { rowJson, rowText, tableText } from '../../explain/render.js';
import { EQUIVALENCES, type Equivalence } from '../../mapping/equivalences/index.js';
import { closest } from '../../util/suggest.js';
import { EXIT_INVALID, EXIT_OK, type RegisterCommand } from '../program.js';

interface ExplainFlags {
  format: 'text' | 'json';
}

export const registerExplain: RegisterCommand = (program, { io, setExit }) => {
  program
    .command('explain')
    .description('explain how a compose key becomes Kubernetes, with an example converted by the real pipeline (without KEY: the whole table, by fidelity)')
    .argument('[key]', 'a compose key: ports, deploy.resources, services.healthcheck, volumes.driver, x-kubernetes.ingress...')
    .addOption(new Option('--format <format>', 'output format').choices(['text', 'json']).default('text'))
    .action((key: string | undefined, flags: ExplainFlags) => {
      const rows = key === undefined ? [...EQUIVALENCES] : lookup(key);
      if (rows.length === 0) {
        const suggestion = suggest(key!);
        io.stderr(`error: "${key}" is not a compose key in the table [usage]\n`);
        io.stderr(suggestion ? `did you mean "${suggestion}"?\n` : 'run `compose2kube explain` to list every key\n');
        return setExit(EXIT_INVALID);
      }
      if (flags.format === 'json') io.stdout(JSON.stringify(rows.map(rowJson), null, 2) + '\n');
      else io.stdout(key === undefined ? tableText(rows) : rows.map((r) => rowText(r)).join('\n'));
      return setExit(EXIT_OK);
    });
};

/**
 * The rows a key names. Service keys may be written without `services.`; a name that is both a
 * service key and a top-level one (`volumes`) gives both. Any `x-` key is an extension field.
 */
export function lookup(raw: string): Equivalence[] {
  const key = raw.trim().replace(/^\.+|\.+$/g, '');
  const candidates = key.startsWith('services.') ? [key] : [key, `services.${key}`];
  if (/^x-/.test(key) && !key.startsWith('x-kubernetes')) candidates.push('x-*');
  return EQUIVALENCES.filter((e) => candidates.includes(e.key));
}

function suggest(raw: string): string | undefined {
  const names = EQUIVALENCES.flatMap((e) => (e.key.startsWith('services.') ? [e.key, e.key.slice('services.'.length)] : [e.key]));
  const found = closest(raw.trim(), names);
  return found;
}

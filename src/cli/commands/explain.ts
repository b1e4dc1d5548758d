import { Option } from 'commander';
import { EQUIVALENCES, type Equivalence, type Fidelity } from '../../mapping/equivalences/index.js';
import { closest } from '../../util/suggest.js';
import { EXIT_INVALID, EXIT_OK, type RegisterCommand } from '../program.js';

interface ExplainFlags {
  format: 'text' | 'json';
}

const FIDELITIES: readonly Fidelity[] = ['exact', 'approximate', 'unsupported'];

const HEADINGS: Record<Fidelity, string> = {
  exact: 'exact: the app behaves the same',
  approximate: 'approximate: converted, with a difference you are warned about',
  unsupported: 'unsupported: Kubernetes has no equivalent; you are warned and told what to do instead',
};

export const registerExplain: RegisterCommand = (program, { io, setExit }) => {
  program
    .command('explain')
    .description('explain how a compose key becomes Kubernetes (without KEY: the whole table, by fidelity)')
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
      if (flags.format === 'json') io.stdout(JSON.stringify(rows, null, 2) + '\n');
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

function tableText(rows: Equivalence[]): string {
  const width = Math.max(...rows.map((r) => r.key.length));
  const sections = FIDELITIES.map((f) => {
    const group = rows.filter((r) => r.fidelity === f).sort((a, b) => a.key.localeCompare(b.key));
    const lines = group.map((r) => `  ${r.key.padEnd(width)}  ${f === 'exact' ? r.target : (r.reason ?? r.target)}`);
    return `${HEADINGS[f]} (${group.length})\n${lines.join('\n')}\n`;
  });
  return `${sections.join('\n')}\nRun \`compose2kube explain <key>\` for the details of one key.\n`;
}

function rowText(r: Equivalence): string {
  const lines = [`${r.key}`, `  Kubernetes:  ${r.target}`, `  fidelity:    ${r.fidelity}`, `  ${r.explanation}`];
  if (r.reason) lines.push(`  why:         ${r.reason}`);
  if (r.instead) lines.push(`  instead:     ${r.instead}`);
  for (const [value, v] of Object.entries(r.values ?? {})) {
    const why = v.reason ? `: ${v.reason}` : '';
    lines.push(`  when ${JSON.stringify(value)}: ${v.fidelity}${why}${v.instead ? `; instead, ${v.instead}` : ''}`);
  }
  const nested = EQUIVALENCES.filter((e) => e.key.startsWith(`${r.key}.`));
  if (nested.length > 0) {
    lines.push('  keys inside:');
    for (const n of nested) lines.push(`    ${n.key.slice(r.key.length + 1)} (${n.fidelity})`);
  }
  lines.push(`  docs:        ${r.docs}`);
  return lines.join('\n') + '\n';
}

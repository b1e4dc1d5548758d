import type { Diagnostics } from '../diagnostics/diagnostic.js';
import type { ScalarValue, YNode, YScalar } from './tree.js';

type Cast = 'int' | 'float' | 'bool';

/**
 * Paths where Compose turns a string back into the type the schema expects once interpolation is
 * done (compose-go's loader `interpolateTypeCastMapping`), so `replicas: ${N}` is a number and
 * `read_only: ${RO}` a boolean. `*` matches any key, `[]` any list item. secrets/configs `mode`
 * is left out on purpose: a string mode is octal ("0440"), which the normalizer reads.
 */
const CASTS: [string, Cast][] = [
  ['services.*.cpu_count', 'int'],
  ['services.*.cpu_percent', 'float'],
  ['services.*.cpu_period', 'int'],
  ['services.*.cpu_quota', 'int'],
  ['services.*.cpu_rt_period', 'int'],
  ['services.*.cpu_rt_runtime', 'int'],
  ['services.*.cpus', 'float'],
  ['services.*.cpu_shares', 'int'],
  ['services.*.init', 'bool'],
  ['services.*.deploy.replicas', 'int'],
  ['services.*.deploy.update_config.parallelism', 'int'],
  ['services.*.deploy.update_config.max_failure_ratio', 'float'],
  ['services.*.deploy.rollback_config.parallelism', 'int'],
  ['services.*.deploy.rollback_config.max_failure_ratio', 'float'],
  ['services.*.deploy.restart_policy.max_attempts', 'int'],
  ['services.*.deploy.placement.max_replicas_per_node', 'int'],
  ['services.*.healthcheck.retries', 'int'],
  ['services.*.healthcheck.disable', 'bool'],
  ['services.*.oom_kill_disable', 'bool'],
  ['services.*.oom_score_adj', 'int'],
  ['services.*.pids_limit', 'int'],
  ['services.*.ports.[].target', 'int'],
  ['services.*.privileged', 'bool'],
  ['services.*.read_only', 'bool'],
  ['services.*.scale', 'int'],
  ['services.*.stdin_open', 'bool'],
  ['services.*.tty', 'bool'],
  ['services.*.ulimits.*', 'int'],
  ['services.*.ulimits.*.hard', 'int'],
  ['services.*.ulimits.*.soft', 'int'],
  ['services.*.volumes.[].read_only', 'bool'],
  ['services.*.volumes.[].volume.nocopy', 'bool'],
  ['networks.*.external', 'bool'],
  ['networks.*.internal', 'bool'],
  ['networks.*.attachable', 'bool'],
  ['networks.*.enable_ipv6', 'bool'],
  ['volumes.*.external', 'bool'],
  ['secrets.*.external', 'bool'],
  ['configs.*.external', 'bool'],
];

interface Trie {
  cast?: Cast;
  children: Map<string, Trie>;
}

const ROOT: Trie = { children: new Map() };
for (const [path, cast] of CASTS) {
  let t = ROOT;
  for (const part of path.split('.')) {
    let next = t.children.get(part);
    if (!next) t.children.set(part, (next = { children: new Map() }));
    t = next;
  }
  t.cast = cast;
}

/**
 * Cast the string scalars at the typed paths of one interpolated file. Compose interpolates every
 * string, so every string at such a path is cast, whether or not it held a variable; one that is
 * not a valid number or boolean is an error, as with Compose.
 */
export function castTypes(node: YNode, diags: Diagnostics): YNode {
  return walk(node, [ROOT], '', diags);
}

/** `path` is for messages: `services.web.ports[0].target`. */
function walk(node: YNode, tries: Trie[], path: string, diags: Diagnostics): YNode {
  if (tries.length === 0) return node;
  switch (node.kind) {
    case 'scalar': {
      const cast = tries.find((t) => t.cast)?.cast;
      return cast && typeof node.value === 'string' && node.tag !== '!reset' ? castScalar(node, cast, path, diags) : node;
    }
    case 'seq': {
      const next = tries.flatMap((t) => t.children.get('[]') ?? []);
      return { ...node, items: node.items.map((item, i) => walk(item, next, `${path}[${i}]`, diags)) };
    }
    case 'map':
      return {
        ...node,
        entries: node.entries.map((e) => {
          const next = tries.flatMap((t) => [t.children.get(e.key), t.children.get('*')].filter((c): c is Trie => c !== undefined));
          return { ...e, value: walk(e.value, next, path ? `${path}.${e.key}` : e.key, diags) };
        }),
      };
  }
}

function castScalar(node: YScalar, cast: Cast, path: string, diags: Diagnostics): YScalar {
  const value = castValue(node.value as string, cast);
  if (value === undefined) {
    const what = cast === 'bool' ? 'true or false' : cast === 'int' ? 'an integer' : 'a number';
    diags.error('invalid-value', `${path} must be ${what}, got ${JSON.stringify(node.value)}`, node.loc);
    return node;
  }
  return { ...node, value };
}

const INT = /^[+-]?\d+$/;
const FLOAT = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;
const BOOLS: Record<string, boolean> = { true: true, false: false, y: true, yes: true, on: true, n: false, no: false, off: false };

/** The typed value of `text`, or undefined when it is not one (Go's Atoi, ParseFloat and YAML 1.1 booleans). */
export function castValue(text: string, cast: Cast): ScalarValue | undefined {
  if (cast === 'int') return INT.test(text) ? Number(text) : undefined;
  if (cast === 'float') return FLOAT.test(text) ? Number(text) : undefined;
  return BOOLS[text.toLowerCase()];
}

import type { Diagnostics } from '../diagnostics/diagnostic.js';
import type { Loc } from '../util/loc.js';
import type { Project, Service } from './model.js';
import { get, isScalar, isSeq, scalarString } from './tree.js';

/** One service another one needs before it starts, and where the need is written. */
export interface ServiceEdge {
  target: string;
  /** What makes it a dependency: `depends_on`, `links`, `volumes_from`, `network_mode`, `ipc`, `pid`. */
  via: string;
  required: boolean;
  loc: Loc;
}

/**
 * Every service `svc` needs, the way compose-go's loader reads them: `depends_on`, with the
 * entries `links`, `volumes_from` (not `container:`) and `network_mode`, `ipc` and `pid` set to
 * `service:NAME` imply (normalize adds them to the model's dependsOn, each with what implies it).
 */
export function serviceEdges(svc: Service): ServiceEdge[] {
  return Object.entries(svc.dependsOn).map(([target, d]) => ({ target, via: d.implied ?? 'depends_on', required: d.required, loc: d.loc }));
}

/**
 * The checks compose-go makes of every project, whatever the command (its `checkConsistency`):
 * each service a service needs is defined (a `required: false` dependency on a service that only
 * a profile disables is allowed), the needs form no cycle, and each network, volume, secret and
 * config a service uses is declared. Then, as Compose does, the top-level volumes, networks,
 * secrets and configs that no enabled service uses are dropped.
 */
export function checkReferences(project: Project, diags: Diagnostics): Project {
  const disabled = project.disabledServices ?? {};
  for (const svc of Object.values(project.services)) {
    for (const e of serviceEdges(svc)) {
      if (project.services[e.target]) continue;
      // A disabled one that is required was reported by the profile selection.
      if (e.target in disabled) continue;
      diags.error(
        'undefined-reference',
        `service "${svc.name}"${e.via === 'volumes_from' ? ':' : ''} ${describeEdge(e)}, which is not defined`,
        e.loc,
        e.via === 'depends_on' ? `define "${e.target}" under services, or correct the name` : `define "${e.target}" under services, or remove the reference`,
      );
    }
    checkResources(svc, project, diags);
  }
  const cycle = findCycle(project);
  if (cycle) {
    const names = cycle.map((e) => e.from);
    diags.error(
      'dependency-cycle',
      `dependency cycle detected: ${[...names, names[0]!].join(' -> ')}`,
      cycle[0]!.loc,
      'remove one of these dependencies: Docker Compose refuses a cycle, and the pods would wait for each other forever',
    );
  }
  return withoutUnused(project);
}

function describeEdge(e: ServiceEdge): string {
  switch (e.via) {
    case 'depends_on':
      return `depends on service "${e.target}"`;
    case 'links':
      return `links to service "${e.target}"`;
    case 'volumes_from':
      return `volumes_from names service "${e.target}"`;
    default:
      return `uses ${e.via} "service:${e.target}"`;
  }
}

function checkResources(svc: Service, project: Project, diags: Diagnostics): void {
  const undefinedRef = (kind: string, name: string, section: string, loc: Loc) =>
    diags.error('undefined-reference', `service "${svc.name}" ${kind === 'network' ? 'is on' : kind === 'volume' ? 'mounts' : 'refers to'} ${kind} "${name}", which is not declared under the top-level ${section}`, loc, `add \`${name}:\` under \`${section}:\``);
  for (const [name, n] of Object.entries(svc.networks)) {
    if (name !== 'default' && !project.networks[name]) undefinedRef('network', name, 'networks', n.loc);
  }
  for (const m of svc.volumes) {
    if (m.type === 'volume' && m.source && !project.volumes[m.source]) undefinedRef('volume', m.source, 'volumes', m.loc);
  }
  for (const s of svc.secrets) if (!project.secrets[s.source]) undefinedRef('secret', s.source, 'secrets', s.loc);
  for (const c of svc.configs) if (!project.configs[c.source]) undefinedRef('config', c.source, 'configs', c.loc);
  // compose-go: "service "a" refers to undefined build secret npmrc".
  for (const b of buildSecrets(svc)) if (!project.secrets[b.name]) undefinedRef('build secret', b.name, 'secrets', b.loc);
}

interface CycleEdge {
  from: string;
  to: string;
  loc: Loc;
}

/** The first cycle a depth-first walk finds, services taken by name; the edges in order. */
function findCycle(project: Project): CycleEdge[] | undefined {
  const state = new Map<string, 'open' | 'done'>();
  const path: CycleEdge[] = [];
  const visit = (name: string): CycleEdge[] | undefined => {
    state.set(name, 'open');
    const svc = project.services[name]!;
    const seen = new Set<string>();
    for (const e of serviceEdges(svc)) {
      if (!project.services[e.target] || seen.has(e.target)) continue;
      seen.add(e.target);
      path.push({ from: name, to: e.target, loc: e.loc });
      const s = state.get(e.target);
      if (s === 'open') {
        const start = path.findIndex((p) => p.from === e.target);
        return path.slice(start);
      }
      if (s === undefined) {
        const found = visit(e.target);
        if (found) return found;
      }
      path.pop();
    }
    state.set(name, 'done');
    return undefined;
  };
  for (const name of Object.keys(project.services).sort()) {
    if (state.has(name)) continue;
    const found = visit(name);
    if (found) return found;
  }
  return undefined;
}

/** The project without the top-level volumes, networks, secrets and configs no service uses. */
function withoutUnused(project: Project): Project {
  const used = { volumes: new Set<string>(), networks: new Set<string>(), secrets: new Set<string>(), configs: new Set<string>() };
  for (const svc of Object.values(project.services)) {
    for (const name of Object.keys(svc.networks)) used.networks.add(name);
    for (const m of svc.volumes) if (m.type === 'volume' && m.source) used.volumes.add(m.source);
    for (const s of svc.secrets) used.secrets.add(s.source);
    for (const c of svc.configs) used.configs.add(c.source);
    for (const s of buildSecrets(svc)) used.secrets.add(s.name);
  }
  const keep = <T>(defs: Record<string, T>, names: Set<string>) => Object.fromEntries(Object.entries(defs).filter(([name]) => names.has(name)));
  const unusedSecrets = Object.fromEntries(Object.entries(project.secrets).filter(([name]) => !used.secrets.has(name)));
  return {
    ...project,
    ...(Object.keys(unusedSecrets).length > 0 ? { unusedSecrets } : {}),
    volumes: keep(project.volumes, used.volumes),
    networks: keep(project.networks, used.networks),
    secrets: keep(project.secrets, used.secrets),
    configs: keep(project.configs, used.configs),
  };
}

/** The secrets `build.secrets` names (short or long syntax), each where it is named. */
function buildSecrets(svc: Service): { name: string; loc: Loc }[] {
  const list = get(get(svc.node, 'build'), 'secrets');
  if (!isSeq(list)) return [];
  return list.items.flatMap((i) => {
    const s = isScalar(i) ? scalarString(i) : scalarString(get(i, 'source'));
    return s === undefined ? [] : [{ name: s, loc: i.loc }];
  });
}

import type { Diagnostics } from '../diagnostics/diagnostic.js';
import type { Loc } from '../util/loc.js';
import { get, isMap, isSeq, scalarString, withEntry, type YEntry, type YMap, type YNode } from './tree.js';

/**
 * Keep the services Compose would run with these profiles enabled (compose-spec 15-profiles.md):
 * services without `profiles` always, others when one of their profiles is enabled (`*` enables
 * all). As in Compose, a disabled service is not pulled in by the services that need it: a
 * `depends_on` (unless `required: false`, which is then kept but not waited for), `links`, `volumes_from` or
 * `service:NAME` reference to it is an error. A profile no service uses gets a warning (Compose
 * ignores it silently).
 */
export function selectProfiles(tree: YMap, profiles: readonly string[], diags: Diagnostics): YMap {
  const services = get(tree, 'services');
  if (!isMap(services)) return tree;
  const all = profiles.includes('*');
  const isEnabled = (svc: YNode) => {
    const own = profilesOf(svc);
    return own.length === 0 || all || own.some((p) => profiles.includes(p));
  };
  const used = new Set(services.entries.flatMap((e) => profilesOf(e.value)));
  for (const p of profiles) {
    if (p && p !== '*' && !used.has(p)) diags.warn('profile-unknown', `profile "${p}" is not used by any service`, undefined, `the profiles in use are: ${[...used].join(', ') || 'none'}`);
  }
  const disabled = new Map(services.entries.filter((e) => !isEnabled(e.value)).map((e) => [e.key, profilesOf(e.value)]));
  if (disabled.size === 0) return tree;
  const kept = services.entries.filter((e) => !disabled.has(e.key)).map((e) => checkReferences(e, disabled, diags));
  return withEntry(tree, 'services', { ...services, entries: kept });
}

/** The services of `tree` that `selected` (its profile selection) left out, with their profiles. */
export function disabledServices(tree: YMap, selected: YMap): Record<string, string[]> {
  const all = get(tree, 'services');
  const kept = get(selected, 'services');
  if (!isMap(all)) return {};
  const keptNames = new Set(isMap(kept) ? kept.entries.map((e) => e.key) : []);
  return Object.fromEntries(all.entries.filter((e) => !keptNames.has(e.key)).map((e) => [e.key, profilesOf(e.value)]));
}

function profilesOf(svc: YNode): string[] {
  const list = get(svc, 'profiles');
  return isSeq(list) ? list.items.map(scalarString).filter((p): p is string => p !== undefined) : [];
}

function checkReferences(svc: YEntry, disabled: Map<string, string[]>, diags: Diagnostics): YEntry {
  if (!isMap(svc.value)) return svc;
  const name = svc.key;
  const fail = (target: string, how: string, loc: Loc) => {
    const profiles = disabled.get(target)!;
    diags.error(
      'undefined-reference',
      `service "${name}" ${how}, but "${target}" is disabled: none of its profiles (${profiles.join(', ')}) is enabled`,
      loc,
      `enable it with --profile ${profiles[0]} (or COMPOSE_PROFILES)${how.startsWith('depends') ? ', or mark the dependency `required: false`' : ''}`,
    );
  };
  const node: YMap = svc.value;
  const deps = get(node, 'depends_on');
  if (isSeq(deps)) {
    for (const i of deps.items) {
      const dep = scalarString(i);
      if (dep !== undefined && disabled.has(dep)) fail(dep, `depends on "${dep}"`, i.loc);
    }
  } else if (isMap(deps)) {
    for (const e of deps.entries) {
      if (!disabled.has(e.key)) continue;
      // An optional dependency on a service that is not there is kept (Compose prints it) and not waited for.
      if (scalarString(get(e.value, 'required')) !== 'false') fail(e.key, `depends on "${e.key}"`, e.keyLoc);
    }
  }
  const links = get(node, 'links');
  for (const i of isSeq(links) ? links.items : []) {
    const target = scalarString(i)?.split(':')[0];
    if (target !== undefined && disabled.has(target)) fail(target, `links to "${target}"`, i.loc);
  }
  const volumesFrom = get(node, 'volumes_from');
  for (const i of isSeq(volumesFrom) ? volumesFrom.items : []) {
    const target = scalarString(i)?.split(':')[0];
    if (target !== undefined && disabled.has(target)) fail(target, `mounts the volumes of "${target}"`, i.loc);
  }
  for (const key of ['network_mode', 'ipc', 'pid']) {
    const v = get(node, key);
    const target = /^service:(.+)$/.exec(scalarString(v) ?? '')?.[1];
    if (v && target !== undefined && disabled.has(target)) fail(target, `uses ${key} "service:${target}"`, v.loc);
  }
  return svc;
}

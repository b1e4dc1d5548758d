import type { IEnvVar } from 'kubernetes-models/v1/EnvVar';
import type { EnvVar, Service } from '../compose/model.js';
import { note, type ServiceTransform } from './context.js';
import { escapeKubeExpansion } from './escape.js';

/**
 * The variables a container gets from Compose: env_file entries in order (later files win), then
 * `environment` over them. A name declared without a value and unset in the convert environment
 * is not passed at all, as with Compose.
 */
export function effectiveEnvironment(svc: Service): EnvVar[] {
  const byName = new Map<string, EnvVar>();
  svc.envFiles.forEach((f, i) => {
    for (const v of f.vars ?? []) {
      byName.delete(v.name);
      byName.set(v.name, { name: v.name, value: v.value, loc: f.loc, source: { envFile: i } });
    }
  });
  for (const v of svc.environment) {
    byName.delete(v.name);
    byName.set(v.name, v);
  }
  return [...byName.values()].filter((v) => v.value !== null);
}

/** environment, env_file -> env (values exactly as Compose passes them, as strings). */
export const mapEnvironment: ServiceTransform = (draft, ctx) => {
  const svc = draft.service;
  if (svc.environment.length > 0) draft.consumed.add('environment');
  if (svc.envFiles.length > 0) draft.consumed.add('env_file');
  for (const v of svc.environment) {
    if (v.value === null) {
      ctx.diags.add(
        'env-from-process',
        `${v.name} is declared without a value and is not set in the environment of compose2kube, so (as with Compose) the container does not get it`,
        v.loc,
      );
    } else if (v.fromProcess) {
      ctx.diags.add('env-from-process', `${v.name} takes its value from the environment of compose2kube at convert time`, v.loc);
    }
  }
  const vars = effectiveEnvironment(svc);
  if (vars.length === 0) return;
  draft.container.env = vars.map((v): IEnvVar => ({ name: v.name, value: escapeKubeExpansion(v.value ?? '') }));
  vars.forEach((v, i) =>
    note(draft, 'container', ['env', i], v.loc, v.source === 'environment' ? 'services.environment' : 'services.env_file', v.fromProcess ? 'value taken from the convert environment' : undefined),
  );
};

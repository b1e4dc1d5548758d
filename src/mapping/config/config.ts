import { ConfigMap, Secret } from '../kube-models.js';
import type { IEnvFromSource } from 'kubernetes-models/v1/EnvFromSource';
import type { IEnvVar } from 'kubernetes-models/v1/EnvVar';
import type { EnvFile, EnvVar, Service } from '../../compose/model.js';
import { keyLoc } from '../workloads/container.js';
import { note, type KubeObject, type MapContext, type Note, type ServiceDraft, type ServiceTransform } from '../context.js';
import { escapeKubeExpansion } from '../escape.js';
import { isObjectKey, objectKey, uniqueObjectName, utf8, secretContent } from '../storage/file-objects.js';
import { composeFileObject, fileMode, hasKey, mountSingleFile, referencedDef } from '../storage/file-mounts.js';
import { isSecretName } from '../secret-names.js';
import { secretValues } from '../secret-values.js';
import { setOwn } from '../../util/own.js';

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
      byName.set(v.name, { name: v.name, value: v.value, loc: f.loc, source: { envFile: i }, ...(v.uses ? { uses: v.uses } : {}) });
    }
  });
  for (const v of svc.environment) {
    byName.delete(v.name);
    byName.set(v.name, v);
  }
  return [...byName.values()].filter((v) => v.value !== null);
}

/**
 * Names every Kubernetes version accepts, and the kubelet passes from `envFrom` (it skips other
 * keys of a ConfigMap with only an event). Since 1.34 any printable ASCII but '=' is accepted.
 */
export function isPortableEnvName(name: string): boolean {
  return /^[-._a-zA-Z][-._a-zA-Z0-9]*$/.test(name);
}

/**
 * environment, env_file -> the same variables with the same precedence:
 * - each env file becomes a ConfigMap (`<service>-env`, or `<service>-env-<n>` for several) listed
 *   in `envFrom` in file order: for a key in several sources Kubernetes takes the last source, as
 *   Compose takes the last file;
 * - `environment` becomes `env`, which Kubernetes puts above every `envFrom` source, as Compose
 *   puts `environment` above env_file;
 * - variables whose names look secret, or whose values interpolate a secret variable
 *   (`DATABASE_URL=postgres://app:${DB_PASSWORD}@db/app`), go to one Secret
 *   (`<service>-env-secret`) and are read with `secretKeyRef` (unless the secretEnv option is off);
 * - an env file variable whose name envFrom would skip is passed as an `env` entry instead.
 */
export const mapEnvironment: ServiceTransform = (draft, ctx) => {
  const svc = draft.service;
  if (hasKey(draft, 'environment')) draft.consumed.add('environment');
  if (hasKey(draft, 'env_file')) draft.consumed.add('env_file');
  reportProcessValues(svc, ctx);
  const vars = effectiveEnvironment(svc);
  const secrets = secretValues(ctx);
  const isSecret = (v: Pick<EnvVar, 'name' | 'uses'>) => secrets.isSecretEnv(v);
  // Compose removes a variable declared without a value; no env file may bring it back.
  const removed = new Set(svc.environment.filter((v) => v.value === null).map((v) => v.name));
  const viaEnvFrom = (v: Pick<EnvVar, 'name' | 'uses'>) => !isSecret(v) && isPortableEnvName(v.name) && isObjectKey(v.name) && !removed.has(v.name);
  const envFrom = envFileConfigMaps(draft, ctx, viaEnvFrom);

  const secretVars = vars.filter(isSecret);
  const secret = secretVars.length > 0 ? envSecret(draft, ctx, secretVars) : undefined;
  const env: IEnvVar[] = [];
  for (const v of vars) {
    const fromFile = v.source !== 'environment' ? svc.envFiles[v.source.envFile]! : undefined;
    const key = secret?.keys.get(v.name);
    if (secret && key !== undefined) {
      note(draft, 'container', ['env', env.length], v.loc, fromFile ? 'services.env_file' : 'services.environment', `${whySecret(v, secrets)}: the value is in Secret ${secret.name}`);
      env.push({ name: v.name, valueFrom: { secretKeyRef: { name: secret.name, key } } });
      secrets.recordSecretEnv(svc.name, v.name, v.value ?? '');
      continue;
    }
    if (fromFile && viaEnvFrom(v)) continue;
    if (fromFile) {
      note(draft, 'container', ['env', env.length], v.loc, 'services.env_file', `from ${fromFile.declared}: envFrom would skip this name`);
    } else {
      note(draft, 'container', ['env', env.length], v.loc, 'services.environment', v.fromProcess ? `value taken from ${processSource(v)} at convert time` : undefined);
    }
    env.push({ name: v.name, value: escapeKubeExpansion(v.value ?? '') });
  }
  for (const e of env) warnEnvName(draft, ctx, e.name, vars.find((v) => v.name === e.name)!);
  if (envFrom.length > 0) draft.container.envFrom = envFrom;
  if (env.length > 0) draft.container.env = env;
};

/** Why a variable went to the Secret, naming variables, never values. */
function whySecret(v: EnvVar, secrets: ReturnType<typeof secretValues>): string {
  if (isSecretName(v.name)) return 'the name looks secret';
  const names = secrets.secretNames(v.uses);
  return names.length === 1 && names[0] === v.name ? `${v.name} holds a secret` : `the value interpolates ${names.join(', ')}, which ${names.length > 1 ? 'hold secrets' : 'holds a secret'}`;
}

/** Where a `- NAME` value came from: an env file of the project, or the process environment. */
function processSource(v: EnvVar): string {
  return v.fromFile !== undefined ? v.fromFile : 'the environment of compose2kube';
}

function reportProcessValues(svc: Service, ctx: MapContext): void {
  for (const v of svc.environment) {
    if (v.value === null) {
      ctx.diags.add(
        'env-from-process',
        `${v.name} is declared without a value and is set neither in the environment of compose2kube nor in its env file (.env, or --env-file), so (as with Compose) the container does not get it`,
        v.loc,
      );
    } else if (v.fromProcess) {
      ctx.diags.add('env-from-process', `${v.name} takes its value from ${processSource(v)}, read at convert time`, v.loc);
    }
  }
}

/** One ConfigMap per env file with the variables `keep` accepts; the envFrom entries in file order. */
function envFileConfigMaps(draft: ServiceDraft, ctx: MapContext, keep: (v: Pick<EnvVar, 'name' | 'uses'>) => boolean): IEnvFromSource[] {
  const svc = draft.service;
  const envFrom: IEnvFromSource[] = [];
  const several = svc.envFiles.length > 1;
  svc.envFiles.forEach((file, i) => {
    const data: Record<string, string> = {};
    // Within one file, too, the last line for a name wins.
    for (const v of file.vars ?? []) if (keep(v)) setOwn(data, v.name, v.value);
    if (Object.keys(data).length === 0) return;
    const name = uniqueObjectName(ctx, 'ConfigMap', `${draft.name}-env${several ? `-${i + 1}` : ''}`);
    const object = new ConfigMap({ metadata: { name, labels: { ...draft.labels } }, data }).toJSON() as unknown as KubeObject;
    ctx.add(object, { what: `env_file ${file.declared} of service "${svc.name}"`, loc: file.loc }, [
      { path: ['metadata', 'name'], loc: file.loc, key: 'services.env_file', detail: 'values exactly as Compose reads them from the file (envFrom does not expand $(VAR))' },
    ]);
    note(draft, 'container', ['envFrom', envFrom.length], file.loc, 'services.env_file', envFromDetail(file, i, several));
    envFrom.push({ configMapRef: { name } });
  });
  return envFrom;
}

function envFromDetail(file: EnvFile, index: number, several: boolean): string {
  const order = several && index > 0 ? 'wins over the files before it; ' : '';
  return `${file.declared}: ${order}environment (env) wins over it`;
}

/** The Secret that holds the service's secret-looking variables, each under its own name when possible. */
function envSecret(draft: ServiceDraft, ctx: MapContext, vars: EnvVar[]): { name: string; keys: Map<string, string> } {
  const name = uniqueObjectName(ctx, 'Secret', `${draft.name}-env-secret`);
  const keys = new Map<string, string>();
  const taken = new Set<string>();
  for (const v of vars) {
    const key = isObjectKey(v.name) ? v.name : objectKey(v.name, taken);
    taken.add(key);
    keys.set(v.name, key);
  }
  const entries = vars.map((v) => ({ key: keys.get(v.name)!, path: keys.get(v.name)!, bytes: utf8(v.value ?? '') }));
  const object = new Secret({ metadata: { name, labels: { ...draft.labels } }, type: 'Opaque', data: secretContent(entries) }).toJSON() as unknown as KubeObject;
  const notes: Note[] = [
    { path: ['metadata', 'name'], loc: keyLoc(draft, 'environment'), key: 'services.environment', detail: 'variables whose names look secret or whose values interpolate secrets, read with secretKeyRef' },
  ];
  vars.forEach((v) => notes.push({ path: ['data', keys.get(v.name)!], loc: v.loc, key: v.source === 'environment' ? 'services.environment' : 'services.env_file' }));
  ctx.add(object, { what: `secret-looking environment of service "${draft.service.name}"`, loc: keyLoc(draft, 'environment') }, notes);
  return { name, keys };
}

function warnEnvName(draft: ServiceDraft, ctx: MapContext, name: string, v: EnvVar): void {
  if (isPortableEnvName(name)) return;
  const where = v.source === 'environment' ? '' : ` (from ${draft.service.envFiles[v.source.envFile]!.declared})`;
  ctx.diags.warn(
    'env-name',
    `service "${draft.service.name}": variable "${name}"${where} is passed as an env entry: Kubernetes accepts such a name only from version 1.34 on (older API servers reject the workload)`,
    v.loc,
    'rename the variable to letters, digits, "_", "-" and ".", not starting with a digit',
  );
}

/**
 * configs -> one ConfigMap per compose config, each file mounted at its target (default
 * `/<name>`) with subPath, so the directory it lands in keeps the image's other files, as with
 * the bind mount Compose uses.
 */
export const mapConfigs: ServiceTransform = (draft, ctx) => {
  if (!hasKey(draft, 'configs')) return;
  draft.consumed.add('configs');
  for (const ref of draft.service.configs) {
    const def = referencedDef(draft, ctx, 'configs', ref);
    if (!def) continue;
    const obj = composeFileObject(ctx, 'configs', def);
    const mode = fileMode(draft, ctx, 'configs', ref);
    // Compose resolves a relative config target against the root of the container.
    const target = ref.target.startsWith('/') ? ref.target : `/${ref.target}`;
    const source = obj.external ? `the existing ${obj.kind} ${obj.name}` : `${obj.kind} ${obj.name}`;
    mountSingleFile(draft, obj, target, mode, ref.loc, 'services.configs', `${source} at ${target}; a subPath mount sees changes only after a restart`);
  }
};

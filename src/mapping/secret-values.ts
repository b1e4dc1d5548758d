import type { EnvVar, Project, SecretDef } from '../compose/model.js';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { isMap, isScalar, isSeq, type VariableUse, type YNode, type YScalar } from '../compose/tree.js';
import type { KubeObject, MapContext } from './context.js';
import { isSecretName } from './secret-names.js';

/**
 * Which values are secret. A variable is secret when its name says so (DB_PASSWORD, API_KEY), when
 * a compose secret takes its content from it (`secrets: {db: {environment: DB_PASS}}`), or when it
 * was read from an env file and its value interpolated a secret variable (`.env`:
 * `DATABASE_URL=postgres://app:${DB_PASSWORD}@db/app`). A value that interpolated a secret
 * variable is secret too: it goes where secrets go, and is never printed.
 */
export class SecretValues {
  private readonly sources: Set<string>;
  private readonly known = new Map<string, boolean>();
  /** Scalars of the compose tree whose secret a transform kept out of plain objects (or warned about itself). */
  private readonly handled = new Set<YScalar>();
  /** Per compose service: the container variables read from the Secret, and their values. */
  private readonly secretEnv = new Map<string, Map<string, string>>();

  constructor(
    private readonly project: Project,
    /** False with `--no-secret-env`: the user keeps secret-looking values in plain objects. */
    readonly enabled: boolean,
  ) {
    this.sources = new Set(allSecrets(project).flatMap((s) => (s.environment ? [s.environment] : [])));
  }

  isSecretVariable(name: string): boolean {
    const cached = this.known.get(name);
    if (cached !== undefined) return cached;
    // A cycle cannot happen (a variable only reads those defined before it), but a guard costs nothing.
    this.known.set(name, false);
    const secret =
      isSecretName(name) || this.sources.has(name) || (this.project.envFileVariables?.[name]?.uses ?? []).some((u) => this.isSecretVariable(u.name));
    this.known.set(name, secret);
    return secret;
  }

  /**
   * The secret variables among `uses`, with those an env file variable among them interpolated
   * (so their values are known too): the texts to keep out of plain objects.
   */
  secretUses(uses: readonly VariableUse[] | undefined): VariableUse[] {
    if (!this.enabled || !uses) return [];
    const out: VariableUse[] = [];
    const visit = (list: readonly VariableUse[], depth: number) => {
      for (const u of list) {
        if (!this.isSecretVariable(u.name)) continue;
        out.push(u);
        const inner = this.project.envFileVariables?.[u.name]?.uses;
        if (inner && depth < 16) visit(inner, depth + 1);
      }
    };
    visit(uses, 0);
    return out;
  }

  /** Whether an environment variable of a container holds a secret: by its name, or by what its value interpolated. */
  isSecretEnv(v: Pick<EnvVar, 'name' | 'uses'>): boolean {
    return this.enabled && (isSecretName(v.name) || this.secretUses(v.uses).length > 0);
  }

  /** The names of the secret variables a value interpolated, for messages (never the values). */
  secretNames(uses: readonly VariableUse[] | undefined): string[] {
    return [...new Set(this.secretUses(uses).map((u) => u.name))];
  }

  /** The secret texts a value holds, longest first (empty values hide nothing). */
  secretTexts(uses: readonly VariableUse[] | undefined): string[] {
    const texts = this.secretUses(uses).flatMap((u) => (u.value ? [u.value] : []));
    return [...new Set(texts)].sort((a, b) => b.length - a.length);
  }

  /** The scalars under `node` whose value interpolated a secret. */
  taintedScalars(node: YNode | undefined): YScalar[] {
    return this.tainted(node, '').map((t) => t.scalar);
  }

  /** The scalars under `node` whose value interpolated a secret, with their key paths below `path` (list items count as their list). */
  tainted(node: YNode | undefined, path: string): { scalar: YScalar; path: string }[] {
    const out: { scalar: YScalar; path: string }[] = [];
    const walk = (n: YNode | undefined, at: string) => {
      if (n === undefined) return;
      if (isScalar(n)) {
        if (this.secretUses(n.uses).length > 0) out.push({ scalar: n, path: at });
      } else if (isSeq(n)) n.items.forEach((i) => walk(i, at));
      else if (isMap(n)) for (const e of n.entries) walk(e.value, at ? `${at}.${e.key}` : e.key);
    };
    walk(node, path);
    return out;
  }

  /** A transform kept these scalars' secrets out of plain objects, or said itself where they are copied. */
  markHandled(scalars: Iterable<YScalar>): void {
    for (const s of scalars) this.handled.add(s);
  }

  isHandled(scalar: YScalar): boolean {
    return this.handled.has(scalar);
  }

  recordSecretEnv(service: string, name: string, value: string): void {
    const vars = this.secretEnv.get(service) ?? new Map<string, string>();
    vars.set(name, value);
    this.secretEnv.set(service, vars);
  }

  /** The variables of the container of `service` that Kubernetes fills from its Secret, with their values. */
  secretEnvOf(service: string): ReadonlyMap<string, string> {
    return this.secretEnv.get(service) ?? new Map();
  }
}

const byContext = new WeakMap<MapContext, SecretValues>();

/** The secret bookkeeping of one mapping run. */
export function secretValues(ctx: MapContext): SecretValues {
  let known = byContext.get(ctx);
  if (!known) {
    known = new SecretValues(ctx.project, ctx.options.secretEnv !== false);
    byContext.set(ctx, known);
  }
  return known;
}

/** What a message says about a secret value instead of printing it. */
export function secretMention(names: readonly string[]): string {
  return names.length === 1 ? `interpolates ${names[0]}, which holds a secret` : `interpolates ${names.join(', ')}, which hold secrets`;
}

/** Every text of `objects` outside the data of Secrets, to look for copied secrets. */
export function plainTexts(objects: readonly KubeObject[]): string {
  return objects.map((o) => JSON.stringify(o.kind === 'Secret' ? { ...o, data: undefined, stringData: undefined } : o)).join('\n');
}

/** Keys whose secrets other transforms take care of (the environment goes to Secrets), or that nothing converts. */
const SKIPPED_SERVICE_KEYS = new Set(['environment', 'env_file', 'build', 'secrets', 'configs']);

/**
 * The last guard: a value that interpolated a secret and that no transform kept out of plain
 * objects gets a warning at its position when its secret appears in an object outside a Secret's
 * data, so nothing secret reaches a plain object without a word.
 */
export function warnSecretCopies(ctx: MapContext): void {
  const secrets = secretValues(ctx);
  if (!secrets.enabled) return;
  const plain = plainTexts(ctx.objects.map((m) => m.object));
  const check = (subject: string, key: string, node: YNode) => {
    for (const { scalar, path } of secrets.tainted(node, key)) {
      if (secrets.isHandled(scalar)) continue;
      const texts = secrets.secretTexts(scalar.uses).filter((t) => t.length >= 3);
      if (!texts.some((t) => plain.includes(JSON.stringify(t).slice(1, -1)))) continue;
      ctx.diags.warn(
        'secret-in-plain-text',
        `${subject}: ${path} ${secretMention(secrets.secretNames(scalar.uses))}; Kubernetes cannot read this field from a Secret, so the secret is copied in plain text`,
        scalar.loc,
        'keep secrets out of this field: pass them to the container in `environment` or `secrets`, which become Secrets',
      );
    }
  };
  for (const svc of Object.values(ctx.project.services)) {
    for (const e of svc.node.entries) {
      if (SKIPPED_SERVICE_KEYS.has(e.key) || (e.key.startsWith('x-') && e.key !== 'x-kubernetes')) continue;
      check(`service "${svc.name}"`, e.key, e.value);
    }
  }
  for (const e of ctx.project.node.entries) {
    if (e.key === 'services' || (e.key.startsWith('x-') && e.key !== 'x-kubernetes')) continue;
    check(`project "${ctx.project.name}"`, e.key, e.value);
  }
}

/** Every key of the compose tree: the names the user chose, and the attributes. */
function keysOf(node: YNode): string[] {
  const out: string[] = [];
  const walk = (n: YNode) => {
    if (isSeq(n)) n.items.forEach(walk);
    else if (isMap(n)) {
      for (const e of n.entries) {
        out.push(e.key);
        walk(e.value);
      }
    }
  };
  walk(node);
  return out;
}

/** Secrets shorter than this are not looked for in messages: they would match ordinary words. */
const MIN_REDACTED_LENGTH = 4;

/**
 * Messages never carry a secret: any secret text (a secret variable's value, a variable of a
 * service whose name looks secret, a compose secret's content) found in a diagnostic's message or
 * hint is replaced by `***`. Diagnostics name variables, not values; this catches what a value
 * shown for another reason (an invalid hostname that interpolated a password) would leak.
 */
export function redactSecrets(ctx: MapContext, diagnostics: Diagnostic[]): void {
  const secrets = secretValues(ctx);
  const texts = new Set<string>();
  const add = (t: string | undefined) => {
    if (t !== undefined && t.trim().length >= MIN_REDACTED_LENGTH) texts.add(t.trim());
  };
  const project = ctx.project;
  const walkUses = (node: YNode) => {
    for (const s of secrets.taintedScalars(node)) for (const t of secrets.secretTexts(s.uses)) add(t);
  };
  walkUses(project.node);
  for (const svc of Object.values(project.services)) {
    walkUses(svc.node);
    for (const v of svc.environment) if (isSecretName(v.name)) add(v.value ?? undefined);
    for (const f of svc.envFiles) for (const v of f.vars ?? []) if (isSecretName(v.name)) add(v.value);
  }
  for (const def of allSecrets(project)) add(def.data);
  if (texts.size === 0) return;
  // A weak secret that is also part of a name or an image of the project (MYSQL_PASSWORD=wordpress,
  // a volume wordpress_data) is printed as that name anyway: redacting it would garble messages.
  const names = [...keysOf(project.node), ...Object.values(project.services).flatMap((svc) => (svc.image ? [svc.image] : []))];
  const sorted = [...texts].filter((t) => !names.some((n) => n.includes(t))).sort((a, b) => b.length - a.length);
  const redact = (s: string) => sorted.reduce((out, t) => out.split(t).join('***'), s);
  for (const d of diagnostics) {
    d.message = redact(d.message);
    if (d.hint !== undefined) d.hint = redact(d.hint);
  }
}

/** The project's secrets, with those no service uses (the loader leaves them out, as Compose does): their values stay secret. */
export function allSecrets(project: Project): SecretDef[] {
  return [...Object.values(project.secrets), ...Object.values(project.unusedSecrets ?? {})];
}

import type { IProbe } from 'kubernetes-models/v1/Probe';
import { get, type YScalar } from '../../compose/tree.js';
import type { Loc } from '../../util/loc.js';
import { note, type MapContext, type ServiceDraft, type ServiceTransform } from '../context.js';
import { escapeKubeExpansion } from '../escape.js';
import { secretMention, secretValues, type SecretValues } from '../secret-values.js';
import { healthCommand } from '../workloads/probes.js';

/**
 * A secret interpolated into a command or a healthcheck would be copied into the workload in plain
 * text: Kubernetes cannot read those fields from a Secret. But the container has the secret in its
 * environment (from its Secret) when a variable of the service holds it, and a command can refer
 * to that variable instead of the value: Kubernetes expands `$(NAME)` in command and args, and a
 * shell-form healthcheck reads `$NAME` itself. Where no variable holds the secret, or the field
 * cannot refer to one (an exec-form healthcheck), the warning is at the field.
 */
export const protectSecretArguments: ServiceTransform = (draft, ctx) => {
  const secrets = secretValues(ctx);
  if (!secrets.enabled) return;
  const svc = draft.service;
  const env = secretEnvCandidates(secrets.secretEnvOf(svc.name));
  if (svc.entrypoint && draft.container.command) {
    const rewritten = rewriteArgv(draft, ctx, 'entrypoint', svc.entrypoint, env);
    if (rewritten) draft.container.command = rewritten;
  }
  if (svc.command && draft.container.args) {
    const rewritten = rewriteArgv(draft, ctx, 'command', svc.command, env);
    if (rewritten) draft.container.args = rewritten;
  }
  rewriteProbes(draft, ctx, env);
};

/** The variables that may stand for a secret: long enough that replacing their text cannot hit an unrelated word. */
const MIN_REPLACED_LENGTH = 4;

type Candidate = { name: string; value: string };

function secretEnvCandidates(env: ReadonlyMap<string, string>): Candidate[] {
  return [...env]
    .filter(([, value]) => value.length >= MIN_REPLACED_LENGTH)
    .map(([name, value]) => ({ name, value }))
    .sort((a, b) => b.value.length - a.value.length || a.name.localeCompare(b.name));
}

type Part = { literal: string } | { ref: string };

/** `text` cut into literal text and references to the variables whose values it contains. */
function splitOnValues(text: string, env: readonly Candidate[]): Part[] {
  let parts: Part[] = [{ literal: text }];
  for (const { name, value } of env) {
    parts = parts.flatMap((p): Part[] => {
      if (!('literal' in p) || !p.literal.includes(value)) return [p];
      const pieces = p.literal.split(value);
      return pieces.flatMap((piece, i): Part[] => [...(i > 0 ? [{ ref: name }] : []), ...(piece ? [{ literal: piece }] : [])]);
    });
  }
  return parts;
}

function leaks(parts: readonly Part[], texts: readonly string[]): boolean {
  return parts.some((p) => 'literal' in p && texts.some((t) => p.literal.includes(t)));
}

const refersToVariable = (parts: readonly Part[]) => parts.some((p) => 'ref' in p);

/** The secrets interpolated under a top-level key of the service, and the scalars holding them. */
function taintOf(draft: ServiceDraft, secrets: SecretValues, key: string): { scalars: YScalar[]; texts: string[]; names: string[] } {
  const scalars = secrets.taintedScalars(get(draft.service.node, key));
  const texts = [...new Set(scalars.flatMap((s) => secrets.secretTexts(s.uses)))];
  const names = [...new Set(scalars.flatMap((s) => secrets.secretNames(s.uses)))];
  return { scalars, texts, names };
}

/** command / entrypoint: the words with `$(NAME)` where they held the value of a variable from the Secret. */
function rewriteArgv(draft: ServiceDraft, ctx: MapContext, key: 'command' | 'entrypoint', argv: readonly string[], env: readonly Candidate[]): string[] | undefined {
  const secrets = secretValues(ctx);
  const taint = taintOf(draft, secrets, key);
  if (taint.scalars.length === 0) return undefined;
  secrets.markHandled(taint.scalars);
  const words = argv.map((w) => splitOnValues(w, env));
  if (words.some((w) => leaks(w, taint.texts)) || !words.some(refersToVariable)) {
    warnCopied(draft, ctx, key, taint.scalars[0]!.loc, taint.names, holderHint(taint.names, `${key} then reads it as $(NAME), which Kubernetes expands from the container's environment`));
    return undefined;
  }
  const field = key === 'command' ? 'args' : 'command';
  const refs = [...new Set(words.flatMap((w) => w.flatMap((p) => ('ref' in p ? [p.ref] : []))))];
  note(draft, 'container', [field], taint.scalars[0]!.loc, `services.${key}`, `reads ${refs.map((r) => `$(${r})`).join(', ')} from the container's environment (its Secret) instead of the secret value`);
  return words.map((w) => (refersToVariable(w) ? w.map((p) => ('ref' in p ? `$(${p.ref})` : p.literal.replace(/\$/g, '$$$$'))).join('') : escapeKubeExpansion(w.map((p) => ('literal' in p ? p.literal : '')).join(''))));
}

/** A shell-form healthcheck reads the variable from the container's environment; an exec-form one cannot. */
function rewriteProbes(draft: ServiceDraft, ctx: MapContext, env: readonly Candidate[]): void {
  const svc = draft.service;
  const probes = [draft.container.readinessProbe, draft.container.livenessProbe, draft.container.startupProbe].filter((p): p is IProbe => p?.exec !== undefined);
  const secrets = secretValues(ctx);
  const taint = taintOf(draft, secrets, 'healthcheck');
  if (taint.scalars.length === 0) return;
  secrets.markHandled(taint.scalars);
  const command = healthCommand(svc.healthcheck);
  if (!command || probes.length === 0) return;
  const loc = taint.scalars[0]!.loc;
  if (svc.healthcheck?.test?.[0] !== 'CMD-SHELL') {
    warnCopied(draft, ctx, 'healthcheck', loc, taint.names, shellFormHint(command, env, taint.texts) ?? holderHint(taint.names, "healthcheck, written as a shell command (a string), then reads it as $NAME"));
    return;
  }
  const [sh, c, script, ...extra] = command as [string, string, string, ...string[]];
  const parts = splitOnValues(script, env);
  if (leaks(parts, taint.texts) || extra.some((x) => taint.texts.some((t) => x.includes(t))) || !refersToVariable(parts)) {
    warnCopied(draft, ctx, 'healthcheck', loc, taint.names, holderHint(taint.names, 'shell of the healthcheck then reads it as $NAME'));
    return;
  }
  const rewritten = [sh, c, shellWithReferences(parts), ...extra].map(escapeKubeExpansion);
  for (const p of probes) p.exec = { command: [...rewritten] };
  const refs = [...new Set(parts.flatMap((p) => ('ref' in p ? [p.ref] : [])))];
  note(draft, 'container', ['readinessProbe', 'exec', 'command'], loc, 'services.healthcheck.test', `the shell reads ${refs.map((r) => `$${r}`).join(', ')} from the container's environment (its Secret) instead of the secret value`);
}

/**
 * The shell script with each reference written so the shell expands it to exactly the text it
 * replaces: quoted where the text was unquoted (no word splitting of the value), plain inside
 * double quotes, and closing and reopening single quotes, which expand nothing.
 */
function shellWithReferences(parts: readonly Part[]): string {
  let state: 'none' | 'single' | 'double' = 'none';
  let escaped = false;
  let out = '';
  for (const p of parts) {
    if ('ref' in p) {
      out += state === 'double' ? `\${${p.ref}}` : state === 'single' ? `'"\${${p.ref}}"'` : `"\${${p.ref}}"`;
      continue;
    }
    for (const ch of p.literal) {
      out += ch;
      if (escaped) escaped = false;
      else if (state === 'single') state = ch === "'" ? 'none' : 'single';
      else if (ch === '\\') escaped = true;
      else if (ch === '"') state = state === 'double' ? 'none' : 'double';
      else if (ch === "'" && state === 'none') state = 'single';
    }
  }
  return out;
}

/**
 * The exec-form test written as a shell command that reads the variables holding the secrets
 * (`redis-cli -a "$${REDIS_PASSWORD}" ping`, in compose syntax); undefined when no variable holds
 * them all.
 */
function shellFormHint(argv: readonly string[], env: readonly Candidate[], texts: readonly string[]): string | undefined {
  const words = argv.map((w) => splitOnValues(w, env));
  if (words.some((w) => leaks(w, texts)) || !words.some(refersToVariable)) return undefined;
  // In a compose file a literal $ is written $$.
  const compose = (text: string) => text.replace(/\$/g, '$$$$');
  const quote = (w: Part[]) => {
    const plain = w.map((p) => ('literal' in p ? p.literal : '')).join('');
    if (!refersToVariable(w)) return compose(/^[A-Za-z0-9_@%+=:,./-]+$/.test(plain) ? plain : `'${plain.replace(/'/g, "'\\''")}'`);
    const inside = w.map((p) => ('ref' in p ? `$\${${p.ref}}` : compose(p.literal.replace(/["\\$`]/g, '\\$&')))).join('');
    return `"${inside}"`;
  };
  return `write it as a shell command that reads the variable from the container's environment: test: ${words.map(quote).join(' ')}`;
}

/** What to write so that a variable of the container holds the secret, which compose2kube then refers to. */
function holderHint(names: readonly string[], then: string): string {
  const name = names[0] ?? 'PASSWORD';
  return `give the service a variable that holds exactly the secret (environment: ${name}: \${${name}}): it goes to the service's Secret, and the ${then}`;
}

function warnCopied(draft: ServiceDraft, ctx: MapContext, key: string, loc: Loc, names: readonly string[], hint: string): void {
  ctx.diags.warn(
    'secret-in-plain-text',
    `service "${draft.service.name}": ${key} ${secretMention(names)}; Kubernetes cannot read this field from a Secret, so the secret is copied into the workload in plain text`,
    loc,
    hint,
  );
}

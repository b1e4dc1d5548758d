import type { Service } from '../../compose/model.js';
import { at, isMap, isScalar, isSeq, type YNode } from '../../compose/tree.js';
import type { Loc } from '../../util/loc.js';
import { note, type MapContext, type ServiceDraft, type ServiceTransform } from '../context.js';
import { isKomposeLabel, serviceHints } from '../hints/extension.js';
import { isLabelValue } from '../names.js';
import { secretMention, secretValues } from '../secret-values.js';
import { isLabelKey } from './scheduling.js';
import { workloadMetadataOf } from './workloads.js';

/** Pod annotations live in the template's metadata, beside the pod spec (a CronJob's path is remapped). */
function podAnnotationNote(draft: ServiceDraft, key: string, loc: Loc, equivalenceKey: string, detail?: string): void {
  note(draft, 'object', ['spec', 'template', 'metadata', 'annotations', key], loc, equivalenceKey, detail);
}

interface LocatedEntry {
  key: string;
  value: string;
  loc: Loc;
  /** The node the value was written in. */
  node: YNode;
}

/** The entries of a `KEY: value` map or `KEY=value` list at `path` of the service, each with its position. */
function entriesAt(svc: Service, ...path: string[]): LocatedEntry[] {
  const node = at(svc.node, ...path);
  const text = (n: YNode) => (isScalar(n) && n.value !== null ? String(n.value) : '');
  if (isMap(node)) return node.entries.map((e) => ({ key: e.key, value: text(e.value), loc: e.keyLoc, node: e.value }));
  if (!isSeq(node)) return [];
  return node.items.map((i) => {
    const s = text(i);
    const eq = s.indexOf('=');
    return { key: eq < 0 ? s : s.slice(0, eq), value: eq < 0 ? '' : s.slice(eq + 1), loc: i.loc, node: i };
  });
}

/**
 * Labels and annotations are plain metadata anyone who may list the objects can read: a value
 * that interpolated a secret is left out, with a warning at it, never copied.
 */
function holdsSecret(svc: Service, ctx: MapContext, e: LocatedEntry, what: string): boolean {
  const secrets = secretValues(ctx);
  const tainted = secrets.taintedScalars(e.node);
  if (tainted.length === 0) return false;
  secrets.markHandled(tainted);
  const names = [...new Set(tainted.flatMap((t) => secrets.secretNames(t.uses)))];
  ctx.diags.warn(
    'secret-in-plain-text',
    `service "${svc.name}": ${what} ${JSON.stringify(e.key)} ${secretMention(names)}; it is not copied, since Kubernetes metadata cannot come from a Secret and anyone who can list the objects can read it`,
    e.loc,
    'keep secrets out of labels and annotations; pass them in `environment` or `secrets`',
  );
  return true;
}

/**
 * The x-kubernetes labels of a service: on every object made for it (the pod template too), never
 * in the selector. The labels compose2kube sets itself win.
 */
export function hintLabels(svc: Service, ctx: MapContext, own: Record<string, string>): Record<string, string> {
  const hint = serviceHints(svc, ctx.diags).labels;
  if (!hint) return {};
  const secret = new Set(entriesAt(svc, 'x-kubernetes', 'labels').filter((e) => holdsSecret(svc, ctx, e, 'x-kubernetes label')).map((e) => e.key));
  return Object.fromEntries(Object.entries(hint.value).filter(([k]) => own[k] === undefined && !secret.has(k)));
}

/**
 * labels and annotations -> pod annotations; deploy.labels -> labels of the workload object;
 * x-kubernetes annotations, imagePullSecrets and serviceAccountName -> the workload and its pods.
 */
export const mapMetadata: ServiceTransform = (draft, ctx) => {
  const svc = draft.service;
  const meta = workloadMetadataOf(draft);
  const hints = serviceHints(svc, ctx.diags);
  const annotationKey = (e: LocatedEntry, what: string): boolean => {
    if (isLabelKey(e.key)) return true;
    ctx.diags.warn(
      'unsupported',
      `service "${svc.name}": ${what} ${JSON.stringify(e.key)} is not converted: Kubernetes keys are an optional DNS prefix and '/', then at most 63 letters, digits, '-', '_' or '.'`,
      e.loc,
      'rename it, e.g. com.example.my-key',
    );
    return false;
  };

  if (at(svc.node, 'labels') !== undefined) draft.consumed.add('labels');
  if (at(svc.node, 'label_file') !== undefined) draft.consumed.add('label_file');
  // Labels read from label_file, where `labels` does not set them (compose-go: the written ones win).
  const written = new Set(entriesAt(svc, 'labels').map((e) => e.key));
  const fromFiles = new Map<string, { value: string; loc: Loc }>();
  for (const f of svc.labelFiles ?? []) for (const l of f.labels) if (!written.has(l.name)) fromFiles.set(l.name, l);
  for (const [key, l] of fromFiles) {
    if (isKomposeLabel(key) || !annotationKey({ key, value: l.value, loc: l.loc, node: { kind: 'scalar', value: l.value, loc: l.loc } }, 'label')) continue;
    draft.podAnnotations[key] = l.value;
    podAnnotationNote(draft, key, l.loc, 'services.label_file');
  }
  // kompose.* labels are instructions to the converter (read as hints), not metadata.
  for (const e of entriesAt(svc, 'labels')) {
    if (isKomposeLabel(e.key) || !annotationKey(e, 'label') || holdsSecret(svc, ctx, e, 'label')) continue;
    draft.podAnnotations[e.key] = e.value;
    podAnnotationNote(draft, e.key, e.loc, 'services.labels');
  }
  if (at(svc.node, 'annotations') !== undefined) draft.consumed.add('annotations');
  for (const e of entriesAt(svc, 'annotations')) {
    if (!annotationKey(e, 'annotation') || holdsSecret(svc, ctx, e, 'annotation')) continue;
    draft.podAnnotations[e.key] = e.value;
    podAnnotationNote(draft, e.key, e.loc, 'services.annotations');
  }

  for (const e of entriesAt(svc, 'deploy', 'labels')) {
    if (!annotationKey(e, 'deploy label') || holdsSecret(svc, ctx, e, 'deploy label')) continue;
    if (draft.labels[e.key] !== undefined) {
      ctx.diags.warn(
        'approximate',
        `service "${svc.name}": deploy label ${e.key} is not used: compose2kube sets it to ${JSON.stringify(draft.labels[e.key])} on every object of the service`,
        e.loc,
        'use another label key',
      );
      continue;
    }
    if (isLabelValue(e.value)) {
      meta.labels[e.key] = e.value;
      note(draft, 'object', ['metadata', 'labels', e.key], e.loc, 'services.deploy.labels');
    } else {
      meta.annotations[e.key] = e.value;
      note(draft, 'object', ['metadata', 'annotations', e.key], e.loc, 'services.deploy.labels', 'the value is not a valid label value, so it is an annotation');
    }
  }

  if (hints.labels) {
    for (const k of Object.keys(hints.labels.value)) {
      if (draft.labels[k] === hints.labels.value[k]) note(draft, 'object', ['metadata', 'labels', k], hints.labels.loc, hints.labels.key);
    }
  }
  if (hints.annotations) {
    const secretKeys = new Set(entriesAt(svc, 'x-kubernetes', 'annotations').filter((e) => holdsSecret(svc, ctx, e, 'x-kubernetes annotation')).map((e) => e.key));
    for (const [k, v] of Object.entries(hints.annotations.value)) {
      if (secretKeys.has(k)) continue;
      meta.annotations[k] = v;
      draft.podAnnotations[k] = v;
      note(draft, 'object', ['metadata', 'annotations', k], hints.annotations.loc, hints.annotations.key);
      podAnnotationNote(draft, k, hints.annotations.loc, hints.annotations.key);
    }
  }
  if (hints.imagePullSecrets) {
    draft.pod.imagePullSecrets = hints.imagePullSecrets.value.map((name) => ({ name }));
    note(draft, 'pod', ['imagePullSecrets'], hints.imagePullSecrets.loc, hints.imagePullSecrets.key);
  }
  if (hints.serviceAccountName) {
    draft.pod.serviceAccountName = hints.serviceAccountName.value;
    note(draft, 'pod', ['serviceAccountName'], hints.serviceAccountName.loc, hints.serviceAccountName.key);
  }
};

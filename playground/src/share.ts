/** The shareable link: the whole project in the URL hash, so nothing is uploaded anywhere. */
import type { AnnotationLevel, ServiceType } from '../../src/index.js';
import { DEFAULT_STATE, LAYOUTS, type LayoutName, type PlaygroundState } from './state.js';

const ANNOTATION_LEVELS: readonly AnnotationLevel[] = ['full', 'brief', 'none'];

const SERVICE_TYPES: readonly ServiceType[] = ['ClusterIP', 'NodePort', 'LoadBalancer'];

export function toBase64Url(text: string): string {
  const bytes = new TextEncoder().encode(text);
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

export function fromBase64Url(text: string): string | undefined {
  try {
    const binary = atob(text.replace(/-/g, '+').replace(/_/g, '/'));
    return new TextDecoder('utf-8', { fatal: true }).decode(Uint8Array.from(binary, (c) => c.charCodeAt(0)));
  } catch {
    return undefined;
  }
}

/** `compose=<base64url>` and the controls that differ from the defaults; `files=<base64url of JSON>` for the other files. */
export function encodeHash(state: PlaygroundState): string {
  const params = new URLSearchParams();
  params.set('compose', toBase64Url(state.compose));
  if (Object.keys(state.files).length > 0) params.set('files', toBase64Url(JSON.stringify(state.files)));
  if (state.annotate !== DEFAULT_STATE.annotate) params.set('annotate', state.annotate);
  if (state.serviceType !== DEFAULT_STATE.serviceType) params.set('service-type', state.serviceType);
  if (state.namespace.trim()) params.set('namespace', state.namespace.trim());
  if (state.createNamespace) params.set('create-namespace', '1');
  if (state.layout !== DEFAULT_STATE.layout) params.set('layout', state.layout);
  return `#${params.toString()}`;
}

/** The project a hash holds, or undefined when it holds none (no `compose=`, or not base64url of UTF-8). */
export function decodeHash(hash: string): PlaygroundState | undefined {
  const params = new URLSearchParams(hash.replace(/^#/, ''));
  const encoded = params.get('compose');
  const compose = encoded === null ? undefined : fromBase64Url(encoded);
  if (compose === undefined) return undefined;
  let files: Record<string, string> = {};
  const packed = params.get('files');
  if (packed) {
    try {
      const parsed: unknown = JSON.parse(fromBase64Url(packed) ?? '{}');
      if (parsed && typeof parsed === 'object') files = Object.fromEntries(Object.entries(parsed).filter((e): e is [string, string] => typeof e[1] === 'string'));
    } catch {
      files = {};
    }
  }
  const pick = <T extends string>(value: string | null, allowed: readonly T[], fallback: T): T => (allowed.includes(value as T) ? (value as T) : fallback);
  return {
    compose,
    files,
    annotate: pick<AnnotationLevel>(params.get('annotate'), ANNOTATION_LEVELS, DEFAULT_STATE.annotate),
    serviceType: pick<ServiceType>(params.get('service-type'), SERVICE_TYPES, DEFAULT_STATE.serviceType),
    namespace: params.get('namespace') ?? '',
    createNamespace: params.get('create-namespace') === '1',
    layout: pick<LayoutName>(params.get('layout'), LAYOUTS, DEFAULT_STATE.layout),
  };
}

import type { MappedObject } from '../../mapping/context.js';
import type { Layout } from './types.js';

/** The objects as a `v1` `List`, the shape `kubectl get -o json` prints and `kubectl apply -f` reads. */
export function listOf(objects: readonly MappedObject[]): { apiVersion: 'v1'; kind: 'List'; items: unknown[] } {
  return { apiVersion: 'v1', kind: 'List', items: objects.map((o) => o.object) };
}

export function jsonText(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}

/** One JSON file holding a List of every object: `--format json`, or `-o FILE.json`. */
export const jsonLayout: Layout = (objects, options) => [{ path: options.fileName ?? 'manifests.json', content: jsonText(listOf(objects)) }];

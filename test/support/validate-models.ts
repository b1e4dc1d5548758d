import { createRequire } from 'node:module';
import type { KubeObject } from '../../src/mapping/context.js';

const require = createRequire(import.meta.url);

/** kubernetes-models class for a kind: `apps/v1` + `Deployment` -> kubernetes-models/apps/v1/Deployment. */
function modelClass(o: KubeObject): (new (data: unknown) => { validate(): void }) | undefined {
  const group = o.apiVersion.includes('/') ? o.apiVersion : `v1`;
  try {
    const mod = require(`kubernetes-models/${group === 'v1' ? 'v1' : group}/${o.kind}`) as Record<string, unknown>;
    return mod[o.kind] as new (data: unknown) => { validate(): void };
  } catch {
    return undefined;
  }
}

/** Runs kubernetes-models' schema validation on every object; returns the failures. */
export function validateWithModels(objects: readonly KubeObject[]): string[] {
  const problems: string[] = [];
  for (const o of objects) {
    const Cls = modelClass(o);
    if (!Cls) {
      problems.push(`${o.kind}: no kubernetes-models class for ${o.apiVersion}`);
      continue;
    }
    try {
      new Cls(o).validate();
    } catch (e) {
      problems.push(`${o.kind}/${o.metadata.name}: ${(e as Error).message}`);
    }
  }
  return problems;
}

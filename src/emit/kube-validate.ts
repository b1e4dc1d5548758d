import { Diagnostics, type Diagnostic } from '../diagnostics/diagnostic.js';
import type { KubeObject, MappedObject } from '../mapping/context.js';

/** What kubernetes-models' validators throw: ajv errors. */
interface SchemaError {
  instancePath: string;
  message?: string;
  params?: Record<string, unknown>;
}

type ModelClass = new (data: unknown) => { validate(): void };

/**
 * `convert --validate`: each object checked against the Kubernetes OpenAPI schema by the
 * validators of kubernetes-models (the source of truth for the API), one `kubernetes-schema` error
 * per problem at the compose element the object came from. The classes are imported only here,
 * by kind, when asked: a run without --validate does not load them.
 */
export async function validateObjects(objects: readonly MappedObject[]): Promise<Diagnostic[]> {
  const diags = new Diagnostics();
  const classes = new Map<string, Promise<ModelClass | undefined>>();
  for (const mapped of objects) {
    const { object } = mapped;
    const id = `${object.apiVersion}/${object.kind}`;
    if (!classes.has(id)) classes.set(id, modelClass(object));
    const Model = await classes.get(id)!;
    const what = `${object.kind} ${object.metadata.name}`;
    if (!Model) {
      diags.error('kubernetes-schema', `${what}: kubernetes-models has no schema for ${object.apiVersion} ${object.kind}`, mapped.origin.loc);
      continue;
    }
    for (const problem of schemaProblems(Model, object)) diags.error('kubernetes-schema', `${what} (from ${mapped.origin.what}): ${problem}`, mapped.origin.loc);
  }
  return diags.items;
}

/** The problems of one object, as `field: what is wrong` (empty when it matches the schema). */
export function schemaProblems(Model: ModelClass, object: KubeObject): string[] {
  try {
    new Model(object).validate();
    return [];
  } catch (e) {
    const errors = (e as { errors?: SchemaError[] }).errors;
    if (!errors) return [(e as Error).message];
    return errors.map((err) => {
      const path = err.instancePath.split('/').slice(1).map((p) => (/^\d+$/.test(p) ? Number(p) : p.replace(/~1/g, '/').replace(/~0/g, '~')));
      const field = path.map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? p : `.${p}`)).join('');
      return `${field || '(the object)'} ${err.message ?? 'does not match the schema'}`;
    });
  }
}

/** kubernetes-models/apps/v1/Deployment for apps/v1 Deployment; core objects (v1) live in kubernetes-models/v1. */
async function modelClass(object: KubeObject): Promise<ModelClass | undefined> {
  try {
    const module = (await import(`kubernetes-models/${object.apiVersion}/${object.kind}`)) as Record<string, unknown>;
    return module[object.kind] as ModelClass | undefined;
  } catch {
    return undefined;
  }
}

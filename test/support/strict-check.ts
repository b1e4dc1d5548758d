import type TS from 'typescript';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { inject } from 'vitest';
import type { KubeObject } from '../../src/mapping/context.js';

/**
 * A strict check of emitted objects against the Kubernetes API types, the way an API server with
 * strict field validation (`kubectl apply --validate=strict`) rejects them: unknown fields, wrong
 * JSON types, fractions where the API wants an integer, and missing required fields. The types are
 * the OpenAPI-generated TypeScript interfaces of kubernetes-models, read with the TypeScript
 * compiler, so the check knows every field of every kind the tool emits without a hand-written list.
 *
 * Reading the types takes seconds (a TypeScript program), so it happens once per test run: the
 * global setup (test/support/global-setup.ts) turns them into a plain table of shapes and provides
 * it to every test file; outside vitest, or without that setup, the table is built on first use.
 */

/** Kinds the tool can emit -> the module and interface that describe them. */
const KINDS: Record<string, { module: string; iface: string }> = {
  'v1/ConfigMap': { module: 'kubernetes-models/v1/ConfigMap', iface: 'IConfigMap' },
  'v1/Secret': { module: 'kubernetes-models/v1/Secret', iface: 'ISecret' },
  'v1/Service': { module: 'kubernetes-models/v1/Service', iface: 'IService' },
  'v1/PersistentVolumeClaim': { module: 'kubernetes-models/v1/PersistentVolumeClaim', iface: 'IPersistentVolumeClaim' },
  'v1/ServiceAccount': { module: 'kubernetes-models/v1/ServiceAccount', iface: 'IServiceAccount' },
  'v1/Namespace': { module: 'kubernetes-models/v1/Namespace', iface: 'INamespace' },
  'apps/v1/Deployment': { module: 'kubernetes-models/apps/v1/Deployment', iface: 'IDeployment' },
  'apps/v1/DaemonSet': { module: 'kubernetes-models/apps/v1/DaemonSet', iface: 'IDaemonSet' },
  'apps/v1/StatefulSet': { module: 'kubernetes-models/apps/v1/StatefulSet', iface: 'IStatefulSet' },
  'batch/v1/Job': { module: 'kubernetes-models/batch/v1/Job', iface: 'IJob' },
  'batch/v1/CronJob': { module: 'kubernetes-models/batch/v1/CronJob', iface: 'ICronJob' },
  'autoscaling/v2/HorizontalPodAutoscaler': {
    module: 'kubernetes-models/autoscaling/v2/HorizontalPodAutoscaler',
    iface: 'IHorizontalPodAutoscaler',
  },
  'networking.k8s.io/v1/Ingress': { module: 'kubernetes-models/networking.k8s.io/v1/Ingress', iface: 'IIngress' },
  'networking.k8s.io/v1/NetworkPolicy': { module: 'kubernetes-models/networking.k8s.io/v1/NetworkPolicy', iface: 'INetworkPolicy' },
  'rbac.authorization.k8s.io/v1/Role': { module: 'kubernetes-models/rbac.authorization.k8s.io/v1/Role', iface: 'IRole' },
  'rbac.authorization.k8s.io/v1/RoleBinding': {
    module: 'kubernetes-models/rbac.authorization.k8s.io/v1/RoleBinding',
    iface: 'IRoleBinding',
  },
};

/**
 * What a JSON value must look like, as plain data. `name` is how TypeScript writes the type, for
 * messages. Numbers are `integer`: every number field of the Kubernetes API is an int32 or int64
 * except resource.Quantity (test/strict-check.test.ts checks that against kubernetes-models' own
 * schemas), which is a `quantity`: a string or any number.
 */
export type Shape = { name: string } & (
  | { k: 'any' }
  | { k: 'string'; literal?: string }
  | { k: 'integer' }
  | { k: 'quantity' }
  | { k: 'boolean' }
  | { k: 'null' }
  | { k: 'union'; of: number[] }
  | { k: 'array'; of: number }
  | { k: 'object'; props: [name: string, shape: number, optional: boolean][]; index?: number }
);

/** The shapes, and the shape of each kind (`apps/v1/Deployment` -> index into `shapes`). */
export interface StrictTable {
  shapes: Shape[];
  kinds: Record<string, number>;
}

declare module 'vitest' {
  export interface ProvidedContext {
    strictTable: StrictTable;
  }
}

/** Reads the kubernetes-models types of KINDS with the TypeScript compiler (seconds). */
export function buildStrictTable(): StrictTable {
  // Loaded here only: test files that get the table from the global setup never load the compiler.
  const ts = createRequire(import.meta.url)('typescript') as typeof TS;
  const entry = join(dirname(fileURLToPath(import.meta.url)), '__strict_kinds__.ts');
  const source = Object.entries(KINDS)
    .map(([id, { module, iface }], i) => `import type { ${iface} as T${i} } from '${module}';\nexport type K${i} = T${i}; // ${id}`)
    .join('\n');
  const options: TS.CompilerOptions = {
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
    target: ts.ScriptTarget.ES2022,
    strict: true,
    noEmit: true,
    skipLibCheck: true,
    types: [],
  };
  const host = ts.createCompilerHost(options);
  const readFile = host.readFile.bind(host);
  host.readFile = (f) => (f === entry ? source : readFile(f));
  const fileExists = host.fileExists.bind(host);
  host.fileExists = (f) => f === entry || fileExists(f);
  const getSourceFile = host.getSourceFile.bind(host);
  host.getSourceFile = (f, lang, ...rest) => (f === entry ? ts.createSourceFile(f, source, lang, true) : getSourceFile(f, lang, ...rest));
  host.getCurrentDirectory = () => dirname(entry);
  const program = ts.createProgram([entry], options, host);
  const checker = program.getTypeChecker();
  const moduleSymbol = checker.getSymbolAtLocation(program.getSourceFile(entry)!)!;
  const exports = checker.getExportsOfModule(moduleSymbol);

  const shapes: Shape[] = [];
  const seen = new Map<TS.Type, number>();
  const isQuantity = (type: TS.Type) =>
    (type.aliasSymbol?.declarations ?? []).some((d) => d.getSourceFile().fileName.replace(/\\/g, '/').endsWith('/api/resource/Quantity.d.ts'));
  const shapeOf = (type: TS.Type): number => {
    const known = seen.get(type);
    if (known !== undefined) return known;
    const at = shapes.length;
    seen.set(type, at);
    const name = checker.typeToString(type);
    shapes.push({ name, k: 'any' });
    let shape: Shape;
    if (type.flags & (ts.TypeFlags.Any | ts.TypeFlags.Unknown)) shape = { name, k: 'any' };
    else if (isQuantity(type)) shape = { name, k: 'quantity' };
    else if (type.flags & ts.TypeFlags.Boolean) shape = { name, k: 'boolean' };
    else if (type.isUnion()) shape = { name, k: 'union', of: type.types.filter((t) => !(t.flags & ts.TypeFlags.Undefined)).map(shapeOf) };
    else if (type.flags & ts.TypeFlags.StringLike) shape = type.isStringLiteral() ? { name, k: 'string', literal: type.value } : { name, k: 'string' };
    else if (type.flags & ts.TypeFlags.NumberLike) shape = { name, k: 'integer' };
    else if (type.flags & ts.TypeFlags.BooleanLike) shape = { name, k: 'boolean' };
    else if (type.flags & ts.TypeFlags.Null) shape = { name, k: 'null' };
    else if (checker.isArrayType(type)) shape = { name, k: 'array', of: shapeOf(checker.getTypeArguments(type as TS.TypeReference)[0]!) };
    else if (type.flags & ts.TypeFlags.Object) {
      const index = checker.getIndexInfoOfType(type, ts.IndexKind.String);
      shape = {
        name,
        k: 'object',
        props: checker.getPropertiesOfType(type).map((p) => [p.name, shapeOf(checker.getTypeOfSymbol(p)), (p.flags & ts.SymbolFlags.Optional) !== 0]),
        ...(index ? { index: shapeOf(index.type) } : {}),
      };
    } else shape = { name, k: 'any' };
    shapes[at] = shape;
    return at;
  };
  const kinds: Record<string, number> = {};
  Object.keys(KINDS).forEach((id, i) => {
    const sym = exports.find((s) => s.name === `K${i}`);
    if (sym) kinds[id] = shapeOf(checker.getDeclaredTypeOfSymbol(sym));
  });
  return { shapes, kinds };
}

let cached: StrictTable | undefined;

function table(): StrictTable {
  if (cached) return cached;
  let provided: StrictTable | undefined;
  try {
    provided = inject('strictTable');
  } catch {
    // Not in a vitest worker.
  }
  cached = provided ?? buildStrictTable();
  return cached;
}

function describeValue(v: unknown): string {
  return Array.isArray(v) ? 'array' : v === null ? 'null' : typeof v;
}

/** Does `value` fit the shape at `at`? Problems are pushed with their JSON path. */
function check(t: StrictTable, at: number, value: unknown, path: string, problems: string[]): boolean {
  const shape = t.shapes[at]!;
  const fail = (): false => {
    problems.push(`${path}: ${describeValue(value)} does not fit ${shape.name}`);
    return false;
  };
  switch (shape.k) {
    case 'any':
      return true;
    case 'string':
      return (typeof value === 'string' && (shape.literal === undefined || shape.literal === value)) || fail();
    case 'boolean':
      return typeof value === 'boolean' || fail();
    case 'null':
      return value === null || fail();
    case 'quantity':
      return typeof value === 'string' || (typeof value === 'number' && Number.isFinite(value)) || fail();
    case 'integer':
      if (typeof value !== 'number') return fail();
      if (Number.isInteger(value)) return true;
      problems.push(`${path}: ${value} is not an integer (the API's numbers are int32 or int64)`);
      return false;
    case 'union': {
      // Try each member quietly; report against the best match only when none fits.
      for (const m of shape.of) if (check(t, m, value, path, [])) return true;
      // The member of the value's JSON type, when there is one, says what is wrong inside it.
      const json = Array.isArray(value) ? 'array' : value !== null && typeof value === 'object' ? 'object' : typeof value === 'number' ? 'integer' : undefined;
      const same = shape.of.length === 1 ? shape.of : shape.of.filter((m) => t.shapes[m]!.k === json);
      if (same.length === 1) return check(t, same[0]!, value, path, problems);
      return fail();
    }
    case 'array': {
      if (!Array.isArray(value)) return fail();
      let ok = true;
      value.forEach((v, i) => {
        ok = check(t, shape.of, v, `${path}[${i}]`, problems) && ok;
      });
      return ok;
    }
    case 'object': {
      if (!value || typeof value !== 'object' || Array.isArray(value)) return fail();
      const record = value as Record<string, unknown>;
      let ok = true;
      if (shape.props.length === 0 && shape.index !== undefined) {
        for (const [k, v] of Object.entries(record)) ok = check(t, shape.index, v, `${path}.${k}`, problems) && ok;
        return ok;
      }
      const known = new Map(shape.props.map(([name, s]) => [name, s]));
      for (const [k, v] of Object.entries(record)) {
        const prop = known.get(k);
        if (prop === undefined) {
          if (shape.index !== undefined) ok = check(t, shape.index, v, `${path}.${k}`, problems) && ok;
          else {
            problems.push(`${path}.${k}: unknown field`);
            ok = false;
          }
          continue;
        }
        if (v === undefined) continue;
        ok = check(t, prop, v, `${path}.${k}`, problems) && ok;
      }
      for (const [name, , optional] of shape.props) {
        if (!optional && !(name in record)) {
          problems.push(`${path}.${name}: required field is missing`);
          ok = false;
        }
      }
      return ok;
    }
  }
}

/** Problems an API server with strict field validation would report; empty when all is well. */
export function strictProblems(objects: readonly KubeObject[]): string[] {
  const t = table();
  const problems: string[] = [];
  for (const o of objects) {
    const id = `${o.apiVersion}/${o.kind}`;
    const at = t.kinds[id];
    if (at === undefined) {
      problems.push(`${id}: the strict check does not know this kind`);
      continue;
    }
    check(t, at, JSON.parse(JSON.stringify(o)), `${o.kind}/${o.metadata.name}`, problems);
  }
  return problems;
}

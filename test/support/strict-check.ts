import ts from 'typescript';
import { dirname, join } from 'node:path';
import { ROOT } from './fixtures.js';
import type { KubeObject } from '../../src/mapping/context.js';

/**
 * A strict check of emitted objects against the Kubernetes API types, the way an API server with
 * strict field validation (`kubectl apply --validate=strict`) rejects them: unknown fields, wrong
 * JSON types and missing required fields. The types are the OpenAPI-generated TypeScript
 * interfaces of kubernetes-models, read with the TypeScript compiler, so the check knows every
 * field of every kind the tool emits without a hand-written list.
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

interface Checker {
  checker: ts.TypeChecker;
  types: Map<string, ts.Type>;
}

let cached: Checker | undefined;

function load(): Checker {
  if (cached) return cached;
  const entry = join(ROOT, 'test', 'support', '__strict_kinds__.ts');
  const source = Object.entries(KINDS)
    .map(([id, { module, iface }], i) => `import type { ${iface} as T${i} } from '${module}';\nexport type K${i} = T${i}; // ${id}`)
    .join('\n');
  const options: ts.CompilerOptions = {
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
  host.getSourceFile = (f, lang, ...rest) =>
    f === entry ? ts.createSourceFile(f, source, lang, true) : getSourceFile(f, lang, ...rest);
  host.getCurrentDirectory = () => dirname(entry);
  const program = ts.createProgram([entry], options, host);
  const checker = program.getTypeChecker();
  const sf = program.getSourceFile(entry)!;
  const moduleSymbol = checker.getSymbolAtLocation(sf)!;
  const exports = checker.getExportsOfModule(moduleSymbol);
  const types = new Map<string, ts.Type>();
  Object.keys(KINDS).forEach((id, i) => {
    const sym = exports.find((s) => s.name === `K${i}`);
    if (sym) types.set(id, checker.getDeclaredTypeOfSymbol(sym));
  });
  cached = { checker, types };
  return cached;
}

function describeValue(v: unknown): string {
  return Array.isArray(v) ? 'array' : v === null ? 'null' : typeof v;
}

/** Does `value` fit the TypeScript type `type`? Problems are pushed with their JSON path. */
function check(c: Checker, type: ts.Type, value: unknown, path: string, problems: string[]): boolean {
  const { checker } = c;
  if (type.flags & (ts.TypeFlags.Any | ts.TypeFlags.Unknown)) return true;
  if (type.isUnion()) {
    const members = type.types.filter((t) => !(t.flags & ts.TypeFlags.Undefined));
    // Try each member quietly; report against the best match only when none fits.
    for (const m of members) if (check(c, m, value, path, [])) return true;
    const objectMember = members.find((m) => m.flags & ts.TypeFlags.Object);
    if (objectMember && value && typeof value === 'object') return check(c, objectMember, value, path, problems);
    problems.push(`${path}: ${describeValue(value)} does not fit ${checker.typeToString(type)}`);
    return false;
  }
  if (type.flags & ts.TypeFlags.StringLike) {
    if (typeof value !== 'string') return fail();
    if (type.isStringLiteral() && type.value !== value) return fail();
    return true;
  }
  if (type.flags & ts.TypeFlags.NumberLike) return typeof value === 'number' || fail();
  if (type.flags & ts.TypeFlags.BooleanLike) return typeof value === 'boolean' || fail();
  if (type.flags & ts.TypeFlags.Null) return value === null || fail();
  if (checker.isArrayType(type)) {
    if (!Array.isArray(value)) return fail();
    const element = checker.getTypeArguments(type as ts.TypeReference)[0]!;
    let ok = true;
    value.forEach((v, i) => {
      ok = check(c, element, v, `${path}[${i}]`, problems) && ok;
    });
    return ok;
  }
  if (type.flags & ts.TypeFlags.Object) {
    if (!value || typeof value !== 'object' || Array.isArray(value)) return fail();
    const record = value as Record<string, unknown>;
    const index = checker.getIndexInfoOfType(type, ts.IndexKind.String);
    const props = checker.getPropertiesOfType(type);
    let ok = true;
    if (props.length === 0 && index) {
      for (const [k, v] of Object.entries(record)) ok = check(c, index.type, v, `${path}.${k}`, problems) && ok;
      return ok;
    }
    const known = new Map(props.map((p) => [p.name, p]));
    for (const [k, v] of Object.entries(record)) {
      const prop = known.get(k);
      if (!prop) {
        if (index) ok = check(c, index.type, v, `${path}.${k}`, problems) && ok;
        else {
          problems.push(`${path}.${k}: unknown field`);
          ok = false;
        }
        continue;
      }
      if (v === undefined) continue;
      ok = check(c, checker.getTypeOfSymbol(prop), v, `${path}.${k}`, problems) && ok;
    }
    for (const p of props) {
      if (!(p.flags & ts.SymbolFlags.Optional) && !(p.name in record)) {
        problems.push(`${path}.${p.name}: required field is missing`);
        ok = false;
      }
    }
    return ok;
  }
  return true;

  function fail(): false {
    problems.push(`${path}: ${describeValue(value)} does not fit ${checker.typeToString(type)}`);
    return false;
  }
}

/** Problems an API server with strict field validation would report; empty when all is well. */
export function strictProblems(objects: readonly KubeObject[]): string[] {
  const c = load();
  const problems: string[] = [];
  for (const o of objects) {
    const id = `${o.apiVersion}/${o.kind}`;
    const type = c.types.get(id);
    if (!type) {
      problems.push(`${id}: the strict check does not know this kind`);
      continue;
    }
    check(c, type, JSON.parse(JSON.stringify(o)), `${o.kind}/${o.metadata.name}`, problems);
  }
  return problems;
}

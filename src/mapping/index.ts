import { Diagnostics } from '../diagnostics/diagnostic.js';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import type { Project, Service } from '../compose/model.js';
import { mapEnvironment } from './config.js';
import { mapContainer } from './container.js';
import { MapContext, type MapOptions, type MappedObject, type ServiceDraft, type ServiceTransform } from './context.js';
import { equivalence } from './equivalences/index.js';
import { dnsLabel } from './names.js';
import { mapDependencies } from './dependencies.js';
import { mapIngress } from './ingress.js';
import { mapNetwork, mapNetworkPolicies } from './network.js';
import { mapProbes } from './probes.js';
import { mapResources } from './resources.js';
import { mapScheduling } from './scheduling.js';
import { mapSecrets } from './secrets.js';
import { mapSecurity } from './security.js';
import { mapPorts } from './services.js';
import { mapVolumeClaims, mapVolumes } from './storage.js';
import { emitWorkload, mapReplicas } from './workloads.js';

export type { MapOptions, MappedObject, KubeObject, Note, ServiceType } from './context.js';

/** One transform per concern, in the order they fill in a workload. */
const SERVICE_TRANSFORMS: ServiceTransform[] = [
  mapContainer,
  mapEnvironment,
  mapSecrets,
  mapVolumes,
  mapSecurity,
  mapResources,
  mapProbes,
  mapDependencies,
  mapNetwork,
  mapScheduling,
  mapReplicas,
  mapPorts,
  mapIngress,
];

/** Keys that select or describe rather than configure the workload: nothing to convert. */
const ALWAYS_CONSUMED = new Set(['profiles', 'extends', 'x-kubernetes']);

export interface MapResult {
  objects: MappedObject[];
  diagnostics: Diagnostic[];
}

/** The compose model -> Kubernetes objects with notes on where each field came from. */
export function mapProject(project: Project, options: MapOptions = {}): MapResult {
  const diags = new Diagnostics();
  const ctx = new MapContext(project, options, diags);
  assignServiceNames(ctx);
  if (diags.hasErrors) return { objects: [], diagnostics: diags.items };
  mapVolumeClaims(ctx);
  for (const svc of Object.values(project.services)) {
    const draft = newDraft(svc, ctx);
    for (const transform of SERVICE_TRANSFORMS) transform(draft, ctx);
    emitWorkload(draft, ctx);
    warnUnconsumed(draft, ctx);
  }
  mapNetworkPolicies(ctx);
  return { objects: ctx.objects, diagnostics: diags.items };
}

function newDraft(svc: Service, ctx: MapContext): ServiceDraft {
  const name = ctx.serviceNames.get(svc.name)!;
  const container = { name };
  return {
    service: svc,
    name,
    labels: ctx.labelsFor(name),
    selector: ctx.selectorFor(name),
    // Kubernetes would inject <SVC>_PORT=tcp://... variables that can clash with the app's own.
    pod: { enableServiceLinks: false, containers: [container] },
    container,
    podAnnotations: {},
    kind: 'Deployment',
    workloadSpec: {},
    notes: [],
    consumed: new Set(),
  };
}

/** DNS-1035 names for every service; a change is a warning, two services on one name an error. */
function assignServiceNames(ctx: MapContext): void {
  const owners = new Map<string, string>();
  for (const svc of Object.values(ctx.project.services)) {
    const name = dnsLabel(svc.name);
    const other = owners.get(name);
    if (other !== undefined) {
      ctx.diags.error(
        'name-collision',
        `services "${other}" and "${svc.name}" both become "${name}" in Kubernetes`,
        svc.loc,
        'rename one of them in the compose file',
      );
      continue;
    }
    owners.set(name, svc.name);
    ctx.serviceNames.set(svc.name, name);
    if (name !== svc.name) {
      ctx.diags.warn(
        'name-changed',
        `service "${svc.name}" is named "${name}" in Kubernetes (names must be lower-case letters, digits and '-', starting with a letter)`,
        svc.loc,
        `other services must reach it as "${name}" instead of "${svc.name}"`,
      );
    }
  }
}

function warnUnconsumed(draft: ServiceDraft, ctx: MapContext): void {
  for (const e of draft.service.node.entries) {
    if (draft.consumed.has(e.key) || ALWAYS_CONSUMED.has(e.key) || e.key.startsWith('x-')) continue;
    const eq = equivalence(`services.${e.key}`);
    const why = eq?.reason ? `: ${eq.reason}` : '';
    ctx.diags.warn('unmapped-key', `service "${draft.service.name}": "${e.key}" is not converted to Kubernetes yet${why}`, e.keyLoc, eq?.instead);
  }
}

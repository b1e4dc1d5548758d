import { Diagnostics } from '../diagnostics/diagnostic.js';
import { equivalence } from './equivalences/index.js';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import type { Project, Service } from '../compose/model.js';
import { mapConfigs, mapEnvironment } from './config/config.js';
import { protectSecretArguments } from './config/secret-arguments.js';
import { mapContainer } from './workloads/container.js';
import { MapContext, type MapOptions, type MappedObject, type ServiceDraft, type ServiceTransform } from './context.js';
import { readAllHints } from './hints/extension.js';
import { checkKubernetesValues } from './kube-values.js';
import { checkProjectFidelity, checkServiceFidelity, fidelityJudgements, showJudgedFidelity, type Judgement } from './fidelity.js';
import { redactSecrets, warnSecretCopies } from './secret-values.js';
import { reportNothingConverted } from './caveats.js';
import { collapseRepeatedCaveats } from '../diagnostics/repeated.js';
import { dnsLabel } from './names.js';
import { mapDependencies } from './workloads/dependencies.js';
import { mapIngress } from './network/ingress.js';
import { mapNetwork, mapProjectNetwork } from './network/network.js';
import { mapProbes } from './workloads/probes.js';
import { mapResources } from './workloads/resources.js';
import { mapScheduling } from './workloads/scheduling.js';
import { mapAutoscaling } from './workloads/autoscaling.js';
import { mapLifecycle } from './workloads/lifecycle.js';
import { hintLabels, mapMetadata } from './workloads/metadata.js';
import { joinPod, planSharedPods } from './workloads/pod-sharing.js';
import { mapRestart } from './workloads/restart.js';
import { mapRollout } from './workloads/rollout.js';
import { mapSecrets } from './config/secrets.js';
import { mapSecurity } from './security/security.js';
import { mapPorts } from './network/services.js';
import { noteRenamedReferences, recordRewrites, rewriteRenamedReferences } from './network/renamed-references.js';
import { mapVolumeClaims, mapVolumes } from './storage/storage.js';
import { PlaceIndex, attachSubjects } from './subjects.js';
import { awaitedCompletions, emitWorkload, mapReplicas, mapWorkloadKind, setWorkloadKind, workloadKind } from './workloads/workloads.js';

export type { MapOptions, MappedObject, KubeObject, Note, ServiceType } from './context.js';
export type { Judgement } from './fidelity.js';
export { PlaceIndex, type ComposePlace } from './subjects.js';

/** One transform per concern, in the order they fill in a workload. */
const SERVICE_TRANSFORMS: ServiceTransform[] = [
  mapContainer,
  mapWorkloadKind,
  mapEnvironment,
  mapSecrets,
  mapConfigs,
  mapVolumes,
  mapSecurity,
  mapResources,
  mapProbes,
  mapDependencies,
  mapNetwork,
  mapScheduling,
  mapRollout,
  mapRestart,
  mapLifecycle,
  mapMetadata,
  mapReplicas,
  mapPorts,
  mapIngress,
  // It rewrites what mapContainer and mapProbes made, with the variables mapEnvironment put in the Secret.
  protectSecretArguments,
  // Last: it notes the fields the others made from rewritten values.
  noteRenamedReferences,
];

export interface MapResult {
  objects: MappedObject[];
  diagnostics: Diagnostic[];
  /** Every position of the compose tree -> the element and path written there. */
  places: PlaceIndex;
  /** How faithfully each place a compose key is written converts. */
  judgements: Judgement[];
}

/** The compose model -> Kubernetes objects with notes on where each field came from. */
export function mapProject(composeProject: Project, options: MapOptions = {}): MapResult {
  const diags = new Diagnostics();
  const loaded = withoutProviderServices(composeProject, diags);
  const places = new PlaceIndex(composeProject);
  const serviceNames = assignServiceNames(loaded, diags);
  if (diags.hasErrors) return { objects: [], diagnostics: diags.items, places, judgements: [] };
  // Values that still name `my_db` are rewritten to `my-db` before any transform reads them.
  const { project, rewrites } = rewriteRenamedReferences(loaded, serviceNames, diags);
  const ctx = new MapContext(project, options, diags);
  for (const [compose, kube] of serviceNames) ctx.serviceNames.set(compose, kube);
  recordRewrites(ctx, rewrites);
  // Validated up front, so a mistake is reported even where no transform reads the hint.
  readAllHints(ctx.project, diags);
  checkKubernetesValues(ctx);
  mapVolumeClaims(ctx);
  const awaited = awaitedCompletions(project);
  const drafts = Object.values(project.services).map((svc) => newDraft(svc, ctx, awaited));
  // Before the transforms: a service that shares another's pod takes its kind and selector.
  const hostOf = planSharedPods(drafts, ctx);
  // What is reported and made while one service is mapped concerns that service.
  const about = (draft: ServiceDraft, fn: () => void) => diags.about({ section: 'services', name: draft.service.name }, fn);
  for (const draft of drafts) about(draft, () => SERVICE_TRANSFORMS.forEach((transform) => transform(draft, ctx)));
  for (const draft of drafts) {
    if (hostOf.has(draft)) continue;
    about(draft, () => {
      for (const [guest, host] of hostOf) if (host === draft) joinPod(draft, guest, ctx);
      mapAutoscaling(draft, ctx);
      emitWorkload(draft, ctx);
    });
  }
  for (const draft of drafts) about(draft, () => checkServiceFidelity(draft, ctx));
  mapProjectNetwork(ctx);
  warnSecretCopies(ctx);
  checkProjectFidelity(ctx);
  showJudgedFidelity(ctx);
  reportNothingConverted(composeProject, Object.keys(project.services).length, diags);
  redactSecrets(ctx, diags.items);
  attachSubjects(places, ctx.objects, diags.items);
  return { objects: ctx.objects, diagnostics: collapseRepeatedCaveats(diags.items), places, judgements: fidelityJudgements(ctx) };
}

/**
 * A `provider:` service is made by a Compose plugin on the Docker host, not by a container: it has
 * nothing to run in the cluster. It is left out with one warning, and the services that depend on
 * it start without waiting for it (they would otherwise wait for a name that never resolves).
 */
function withoutProviderServices(project: Project, diags: Diagnostics): Project {
  const providers = Object.values(project.services).filter((svc) => svc.node.entries.some((e) => e.key === 'provider'));
  if (providers.length === 0) return project;
  const row = equivalence('services.provider');
  const names = new Set(providers.map((svc) => svc.name));
  const services: Record<string, Service> = {};
  for (const svc of Object.values(project.services)) {
    if (names.has(svc.name)) continue;
    const dependsOn = Object.fromEntries(Object.entries(svc.dependsOn).filter(([dep]) => !names.has(dep)));
    services[svc.name] = Object.keys(dependsOn).length === Object.keys(svc.dependsOn).length ? svc : { ...svc, dependsOn };
  }
  for (const svc of providers) {
    const dependants = Object.values(project.services).filter((s) => s.dependsOn[svc.name] !== undefined).map((s) => s.name);
    const key = svc.node.entries.find((e) => e.key === 'provider')!;
    diags.warn(
      'unsupported',
      `service "${svc.name}" is not converted: ${row?.reason ?? 'a provider service has no container'}${dependants.length > 0 ? `; ${dependants.join(', ')} start without waiting for it` : ''}`,
      key.keyLoc,
      row?.instead,
    );
  }
  return { ...project, services };
}

function newDraft(svc: Service, ctx: MapContext, awaited: ReturnType<typeof awaitedCompletions>): ServiceDraft {
  const name = ctx.serviceNames.get(svc.name)!;
  const container = { name };
  const labels = ctx.labelsFor(name);
  const draft: ServiceDraft = {
    service: svc,
    name,
    labels: { ...labels, ...hintLabels(svc, ctx, labels) },
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
  // Every transform can rely on the kind: it decides where fields go and what they mean.
  setWorkloadKind(draft, workloadKind(svc, ctx, awaited));
  return draft;
}

/**
 * DNS-1035 names for every service; two services on one name are an error. The warning about a
 * changed name comes with the values rewritten to it (renamed-references.ts).
 */
function assignServiceNames(project: Project, diags: Diagnostics): Map<string, string> {
  const names = new Map<string, string>();
  const owners = new Map<string, string>();
  for (const svc of Object.values(project.services)) {
    const name = dnsLabel(svc.name);
    const other = owners.get(name);
    if (other !== undefined) {
      diags.error('name-collision', `services "${other}" and "${svc.name}" both become "${name}" in Kubernetes`, svc.loc, 'rename one of them in the compose file');
      continue;
    }
    owners.set(name, svc.name);
    names.set(svc.name, name);
  }
  return names;
}

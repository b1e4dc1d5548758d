import type { Diagnostics, Subject } from '../diagnostics/diagnostic.js';
import type { Project, Service } from '../compose/model.js';
import type { IContainer } from 'kubernetes-models/v1/Container';
import type { IPodSpec } from 'kubernetes-models/v1/PodSpec';
import type { Loc } from '../util/loc.js';
import type { FileReader } from '../compose/host.js';
import type { Fidelity } from './equivalences/types.js';
import { labelValue } from './names.js';

export type ServiceType = 'ClusterIP' | 'NodePort' | 'LoadBalancer';

/**
 * What a bind mount of a host path (outside the project) becomes: a claim to copy the data into,
 * the node's own path (`hostPath`), or nothing.
 */
export type BindChoice = 'claim' | 'host-path' | 'omit';

export interface MapOptions {
  /** Type of the Services of services that publish ports (`ports:` with a host port). */
  serviceType?: ServiceType;
  /** Size of PersistentVolumeClaims when nothing else says (default 1Gi). */
  volumeSize?: string;
  /**
   * NetworkPolicies that keep the isolation of the compose networks. Undefined: only when the
   * networks keep some services apart (an internal network, services sharing no network).
   */
  networkPolicies?: boolean;
  /** Reads files a mapping needs (bind-mounted files); absent in a browser without them. */
  reader?: FileReader;
  /** Environment variables whose names look secret (PASSWORD, TOKEN, API_KEY...) go to a Secret (default true). */
  secretEnv?: boolean;
  /** What bind mounts of host paths (outside the project) become (default `claim`). */
  bindMounts?: BindChoice;
  /** Kompose's and earlier versions' `--host-path`: the same as `bindMounts: 'host-path'`; `bindMounts` wins. */
  hostPath?: boolean;
  /** depends_on becomes init containers that wait for each dependency to be ready (default true). */
  waitForDependencies?: boolean;
  /**
   * Images of the containers compose2kube adds, for registry mirrors and air-gapped clusters:
   * `wait` (sh, nc, nslookup; default docker.io/library/busybox) and `kubectl` (sh and kubectl,
   * to wait for Jobs). `x-kubernetes.helperImages` of the project or of a service wins.
   */
  helperImages?: { wait?: string; kubectl?: string };
}

/** A field of an output object and the compose source it came from; the emitter prints it. */
export interface Note {
  /** Path of the field inside the object (keys and list indexes). */
  path: (string | number)[];
  loc: Loc;
  /** Key of the equivalence that explains the mapping. */
  key: string;
  /** Extra detail for this occurrence (never a secret value). */
  detail?: string;
  /**
   * How faithful this occurrence is, when it is not what the row says for the key in general
   * (`restart: "no"` on a Deployment is approximate; the row is exact).
   */
  fidelity?: Fidelity;
  /** On the notes of compose mounts: what the mount became and why, for reports. */
  mount?: MountDecision;
}

/** What one compose mount became, as data (the note's `detail` says the same in words). */
export interface MountDecision {
  /** The host path, project path or volume name mounted (absent for anonymous volumes and tmpfs). */
  source?: string;
  target: string;
  as: 'claim' | 'hostPath' | 'ConfigMap' | 'Secret' | 'emptyDir' | 'nfs' | 'omitted';
  /** The claim, ConfigMap or Secret it is mounted from. */
  object?: string;
  why: string;
}

/** A plain Kubernetes object (apiVersion, kind, metadata first). */
export interface KubeObject {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string; labels?: Record<string, string>; annotations?: Record<string, string> };
  [field: string]: unknown;
}

/** An output object, where it came from, and the notes on its fields. */
export interface MappedObject {
  object: KubeObject;
  /** The compose element it was made from (a service, a volume, ...). */
  origin: { what: string; loc: Loc };
  notes: Note[];
  /**
   * The compose element it belongs to (the service, volume, ... its origin is written in), set
   * by the mapper once every object is made; the emitter prints that element's warnings above it.
   */
  subject?: Subject;
}

/** Where inside a workload a note's path starts. */
export type NoteScope = 'object' | 'pod' | 'container';

/**
 * The workload of one compose service while transforms fill it in. Transforms mutate the draft
 * (it is private to the mapping of one service); finalize turns it into objects.
 */
export interface ServiceDraft {
  service: Service;
  /** The Kubernetes name of the service (workload, Service and pod label). */
  name: string;
  labels: Record<string, string>;
  selector: Record<string, string>;
  pod: IPodSpec & { containers: IContainer[] };
  container: IContainer;
  podAnnotations: Record<string, string>;
  replicas?: number;
  /** The workload kind (workloads.ts decides; Deployment by default). */
  kind: WorkloadKind;
  /** Extra fields of the workload's spec (strategy, backoffLimit, schedule, ...), merged in by finalize. */
  workloadSpec: Record<string, unknown>;
  notes: { scope: NoteScope; note: Note }[];
  /** Top-level compose keys of the service that some transform has handled. */
  consumed: Set<string>;
}

export type WorkloadKind = 'Deployment' | 'DaemonSet' | 'StatefulSet' | 'Job' | 'CronJob';

export class MapContext {
  readonly objects: MappedObject[] = [];
  /** compose service name -> Kubernetes name */
  readonly serviceNames = new Map<string, string>();
  /** compose volume name -> claim name */
  readonly claimNames = new Map<string, string>();
  /** The PersistentVolumeClaims added so far by name (the last one of a name wins), indexed as they are added. */
  readonly claimsByName = new Map<string, MappedObject>();

  constructor(
    readonly project: Project,
    readonly options: MapOptions,
    readonly diags: Diagnostics,
  ) {}

  add(object: KubeObject, origin: MappedObject['origin'], notes: Note[] = []): MappedObject {
    const subject = this.diags.subject;
    const mapped: MappedObject = subject ? { object, origin, notes, subject: { ...subject } } : { object, origin, notes };
    this.objects.push(mapped);
    if (object.kind === 'PersistentVolumeClaim') this.claimsByName.set(object.metadata.name, mapped);
    return mapped;
  }

  labelsFor(name: string): Record<string, string> {
    return {
      'app.kubernetes.io/name': name,
      'app.kubernetes.io/part-of': labelValue(this.project.name),
      'app.kubernetes.io/managed-by': 'compose2kube',
    };
  }

  /** Only labels that never change for the life of the workload: a selector is immutable. */
  selectorFor(name: string): Record<string, string> {
    return { 'app.kubernetes.io/name': name, 'app.kubernetes.io/part-of': labelValue(this.project.name) };
  }
}

export function note(draft: ServiceDraft, scope: NoteScope, path: (string | number)[], loc: Loc, key: string, detail?: string): void {
  draft.notes.push({ scope, note: detail === undefined ? { path, loc, key } : { path, loc, key, detail } });
}

/** A transform handles one concern of a service (ports, storage, ...) and marks the keys it used. */
export type ServiceTransform = (draft: ServiceDraft, ctx: MapContext) => void;

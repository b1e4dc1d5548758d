import type { Loc } from '../../util/loc.js';
import type { BindChoice, ServiceType, WorkloadKind } from '../context.js';

/** The typed hints of `x-kubernetes` and `kompose.*` labels, shared by their two readers. */

/** One value and where it was written, so transforms can annotate the field it fills. */
export interface Hint<T> {
  value: T;
  loc: Loc;
  /** Equivalence key that explains it (for notes), e.g. `services.x-kubernetes.workload`. */
  key: string;
  /** As the user wrote it, for messages: `x-kubernetes.workload` or `label kompose.controller.type`. */
  from: string;
}

export interface IngressRule {
  /** No host: the rule matches every host the ingress controller serves. */
  host?: string;
  path: string;
}

export interface IngressHint {
  rules: IngressRule[];
  tlsSecret?: string;
  className?: string;
  /** Which port of the service the Ingress sends traffic to (default: chosen by the ingress mapping). */
  port?: number;
}

export interface AutoscalingHint {
  minReplicas: number;
  maxReplicas: number;
  /** Target average CPU utilization in percent of the request. */
  cpu?: number;
  /** Target average memory utilization in percent of the request. */
  memory?: number;
}

export type AccessMode = 'ReadWriteOnce' | 'ReadOnlyMany' | 'ReadWriteMany' | 'ReadWriteOncePod';

/** What a service's claims default to (Kompose's service labels for volumes). */
export interface ClaimHints {
  size?: Hint<string>;
  storageClassName?: Hint<string>;
  accessModes?: Hint<AccessMode[]>;
}

/** Images for the containers compose2kube adds, instead of its defaults. */
export interface HelperImages {
  wait?: string;
  kubectl?: string;
}

/** The top-level `x-kubernetes` of the project. */
export interface ProjectHints {
  helperImages?: Hint<HelperImages>;
}

export interface KubeHints {
  workload?: Hint<WorkloadKind>;
  /** CronJob schedule; present only when the workload is a CronJob. */
  schedule?: Hint<string>;
  serviceType?: Hint<ServiceType>;
  /** Headless Service (clusterIP: None): DNS answers with the pod addresses. */
  headless?: Hint<boolean>;
  /** Node port of the first port of the Service (NodePort and LoadBalancer types). */
  nodePort?: Hint<number>;
  ingress?: Hint<IngressHint>;
  autoscaling?: Hint<AutoscalingHint>;
  imagePullSecrets?: Hint<string[]>;
  serviceAccountName?: Hint<string>;
  /** Extra labels for every object of the service (not the selector). */
  labels?: Hint<Record<string, string>>;
  /** Extra annotations for the workload and its pods. */
  annotations?: Hint<Record<string, string>>;
  /** Defaults for the claims of the volumes this service mounts. */
  claims: ClaimHints;
  /** What the service's bind mounts of host paths become: one choice, or one per source or target path. */
  bindMounts?: Hint<BindChoice | Record<string, BindChoice>>;
  helperImages?: Hint<HelperImages>;
}

/** `x-kubernetes` on one bind mount (long syntax). */
export interface MountHints {
  bindMount?: Hint<BindChoice>;
  /** Settings of the claim the mount becomes. */
  claims: ClaimHints;
}

export type VolumeHints = ClaimHints;

import type { ModelData } from '@kubernetes-models/base';
import type { IDaemonSet } from 'kubernetes-models/apps/v1/DaemonSet';
import type { IDeployment } from 'kubernetes-models/apps/v1/Deployment';
import type { IStatefulSet } from 'kubernetes-models/apps/v1/StatefulSet';
import type { IHorizontalPodAutoscaler } from 'kubernetes-models/autoscaling/v2/HorizontalPodAutoscaler';
import type { ICronJob } from 'kubernetes-models/batch/v1/CronJob';
import type { IJob } from 'kubernetes-models/batch/v1/Job';
import type { IIngress } from 'kubernetes-models/networking.k8s.io/v1/Ingress';
import type { INetworkPolicy } from 'kubernetes-models/networking.k8s.io/v1/NetworkPolicy';
import type { IRole } from 'kubernetes-models/rbac.authorization.k8s.io/v1/Role';
import type { IRoleBinding } from 'kubernetes-models/rbac.authorization.k8s.io/v1/RoleBinding';
import type { IConfigMap } from 'kubernetes-models/v1/ConfigMap';
import type { INamespace } from 'kubernetes-models/v1/Namespace';
import type { IPersistentVolumeClaim } from 'kubernetes-models/v1/PersistentVolumeClaim';
import type { ISecret } from 'kubernetes-models/v1/Secret';
import type { IService } from 'kubernetes-models/v1/Service';
import type { IServiceAccount } from 'kubernetes-models/v1/ServiceAccount';
import { setOwn } from '../util/own.js';

/**
 * The Kubernetes objects the mapper builds, typed by kubernetes-models (the source of truth for
 * the API: its interfaces type every object, its validators check them in the tests and with
 * `convert --validate`), without importing its classes at run time. A class there only copies its
 * data with `apiVersion` and `kind` first and undefined fields left out; importing the classes
 * cost about a hundred milliseconds of every start (215 modules with their validators). These
 * constructors do the same copy: `new Deployment(data).toJSON()` is the same plain object.
 */
export interface KubeModel<T> {
  new (data: ModelData<T>): { toJSON(): T };
  readonly apiVersion: string;
  readonly kind: string;
}

export function kubeModel<T>(apiVersion: string, kind: string): KubeModel<T> {
  return class {
    static readonly apiVersion = apiVersion;
    static readonly kind = kind;
    readonly #data: T;
    constructor(data: ModelData<T>) {
      this.#data = definedCopy({ apiVersion, kind, ...data }) as T;
    }
    toJSON(): T {
      return definedCopy(this.#data) as T;
    }
  };
}

/** A deep copy of plain data without the properties whose value is undefined (as kubernetes-models copies). */
function definedCopy(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(definedCopy);
  if (!isPlainObject(value)) return value;
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value)) {
    const v = value[key];
    // setOwn: a key `__proto__` (an env file line, a label) is data, not the copy's prototype.
    if (v !== undefined) setOwn(out, key, definedCopy(v));
  }
  return out;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== 'object') return false;
  const proto = Object.getPrototypeOf(value) as unknown;
  return proto === Object.prototype || proto === null;
}

export const Deployment = kubeModel<IDeployment>('apps/v1', 'Deployment');
export const StatefulSet = kubeModel<IStatefulSet>('apps/v1', 'StatefulSet');
export const DaemonSet = kubeModel<IDaemonSet>('apps/v1', 'DaemonSet');
export const Job = kubeModel<IJob>('batch/v1', 'Job');
export const CronJob = kubeModel<ICronJob>('batch/v1', 'CronJob');
export const Service = kubeModel<IService>('v1', 'Service');
export const ConfigMap = kubeModel<IConfigMap>('v1', 'ConfigMap');
export const Secret = kubeModel<ISecret>('v1', 'Secret');
export const PersistentVolumeClaim = kubeModel<IPersistentVolumeClaim>('v1', 'PersistentVolumeClaim');
export const ServiceAccount = kubeModel<IServiceAccount>('v1', 'ServiceAccount');
export const Namespace = kubeModel<INamespace>('v1', 'Namespace');
export const Ingress = kubeModel<IIngress>('networking.k8s.io/v1', 'Ingress');
export const NetworkPolicy = kubeModel<INetworkPolicy>('networking.k8s.io/v1', 'NetworkPolicy');
export const Role = kubeModel<IRole>('rbac.authorization.k8s.io/v1', 'Role');
export const RoleBinding = kubeModel<IRoleBinding>('rbac.authorization.k8s.io/v1', 'RoleBinding');
export const HorizontalPodAutoscaler = kubeModel<IHorizontalPodAutoscaler>('autoscaling/v2', 'HorizontalPodAutoscaler');

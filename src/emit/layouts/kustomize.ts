import { labelValue } from '../../mapping/names.js';
import { writeYaml } from '../yaml-writer.js';
import { annotationLevel } from '../yaml.js';
import { filesLayout } from './files.js';
import type { Layout } from './types.js';

export const KUSTOMIZATION_FILE = 'kustomization.yaml';

/**
 * The files of the per-object layout plus a `kustomization.yaml` that lists them in apply order,
 * so `kubectl apply -k DIR` (or `kustomize build DIR`) takes the directory as one unit, and
 * overlays can patch it. It carries the managed-by label, so a later run recognises it as its own.
 */
export const kustomizeLayout: Layout = (objects, options, context) => {
  const files = filesLayout(objects, options, context);
  const kustomization = {
    apiVersion: 'kustomize.config.k8s.io/v1beta1',
    kind: 'Kustomization',
    metadata: {
      name: options.project ?? 'compose2kube',
      // The labels of every object it lists: a later run recognises it as this project's own.
      labels: { 'app.kubernetes.io/managed-by': 'compose2kube', ...(options.project ? { 'app.kubernetes.io/part-of': labelValue(options.project) } : {}) },
    },
    ...(options.namespace ? { namespace: options.namespace } : {}),
    resources: files.map((f) => f.path),
  };
  const comments =
    annotationLevel(options) === 'none'
      ? []
      : [
          {
            path: ['apiVersion'],
            text: `Kustomization of project "${options.project ?? ''}" by compose2kube: \`kubectl apply -k .\` applies the resources below, in this order`,
          },
        ];
  return [...files, { path: KUSTOMIZATION_FILE, content: writeYaml(kustomization, comments) }];
};

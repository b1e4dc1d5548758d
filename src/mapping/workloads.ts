import { Deployment } from 'kubernetes-models/apps/v1/Deployment';
import { keyLoc } from './container.js';
import { note, type KubeObject, type MapContext, type Note, type NoteScope, type ServiceDraft, type ServiceTransform } from './context.js';

/** deploy.replicas / scale -> replicas. */
export const mapReplicas: ServiceTransform = (draft) => {
  const svc = draft.service;
  if (svc.node.entries.some((e) => e.key === 'scale')) {
    draft.consumed.add('scale');
    note(draft, 'object', ['spec', 'replicas'], keyLoc(draft, 'scale'), 'services.scale');
  }
  if (svc.deploy?.replicas !== undefined) note(draft, 'object', ['spec', 'replicas'], svc.deploy.loc, 'services.deploy.replicas');
  if (svc.replicas !== undefined) draft.replicas = svc.replicas;
};

const POD_PATH = ['spec', 'template', 'spec'];

function scopePath(scope: NoteScope, path: (string | number)[]): (string | number)[] {
  if (scope === 'object') return path;
  if (scope === 'pod') return [...POD_PATH, ...path];
  return [...POD_PATH, 'containers', 0, ...path];
}

/** The finished draft -> a Deployment. */
export function emitWorkload(draft: ServiceDraft, ctx: MapContext): void {
  const svc = draft.service;
  const template = {
    metadata: {
      labels: { ...draft.labels },
      ...(Object.keys(draft.podAnnotations).length > 0 ? { annotations: draft.podAnnotations } : {}),
    },
    spec: draft.pod,
  };
  const deployment = new Deployment({
    metadata: { name: draft.name, labels: { ...draft.labels } },
    spec: {
      ...(draft.replicas !== undefined ? { replicas: draft.replicas } : {}),
      selector: { matchLabels: { ...draft.selector } },
      template,
    },
  });
  const notes: Note[] = [
    { path: ['metadata', 'name'], loc: svc.loc, key: 'services' },
    ...draft.notes.map(({ scope, note: n }) => ({ ...n, path: scopePath(scope, n.path) })),
  ];
  ctx.add(deployment.toJSON() as unknown as KubeObject, { what: `service "${svc.name}"`, loc: svc.loc }, notes);
}

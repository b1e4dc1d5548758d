import { COMPOSE_DOCS, K8S_DOCS as K8S, type Equivalence } from './types.js';

/** Rows for what the loader resolves before anything is mapped, as Docker Compose does. */
export const LOADER_EQUIVALENCES: readonly Equivalence[] = [
  {
    key: 'version',
    target: '(none)',
    fidelity: 'exact',
    explanation: 'Obsolete; Docker Compose ignores it, and so does the conversion.',
    docs: `${COMPOSE_DOCS}/version-and-name/`,
  },
  {
    key: 'name',
    target: 'label app.kubernetes.io/part-of',
    fidelity: 'exact',
    explanation: 'The project name labels every object, as Compose labels its containers with it.',
    docs: `${K8S}/concepts/overview/working-with-objects/common-labels/`,
  },
  {
    key: 'include',
    target: '(resolved while loading)',
    fidelity: 'exact',
    explanation: 'Included projects are loaded and merged as Docker Compose does, then converted with the rest.',
    docs: `${COMPOSE_DOCS}/include/`,
  },
  {
    key: 'include.path',
    target: '(resolved while loading)',
    fidelity: 'exact',
    explanation: 'The compose files of the included project.',
    docs: `${COMPOSE_DOCS}/include/`,
  },
  {
    key: 'include.env_file',
    target: '(resolved while loading)',
    fidelity: 'exact',
    explanation: 'The environment files used to interpolate the included project.',
    docs: `${COMPOSE_DOCS}/include/`,
  },
  {
    key: 'include.project_directory',
    target: '(resolved while loading)',
    fidelity: 'exact',
    explanation: 'The directory relative paths of the included project are resolved against.',
    docs: `${COMPOSE_DOCS}/include/`,
  },
  {
    key: 'services.extends',
    target: '(resolved while loading)',
    fidelity: 'exact',
    mappedBy: 'loader',
    explanation: 'The service is merged with the one it extends, as Docker Compose does, before it is converted.',
    docs: `${COMPOSE_DOCS}/services/#extends`,
  },
  {
    key: 'services.extends.service',
    target: '(resolved while loading)',
    fidelity: 'exact',
    explanation: 'The service to extend.',
    docs: `${COMPOSE_DOCS}/services/#extends`,
  },
  {
    key: 'services.extends.file',
    target: '(resolved while loading)',
    fidelity: 'exact',
    explanation: 'The compose file that defines the service to extend.',
    docs: `${COMPOSE_DOCS}/services/#extends`,
  },
  {
    key: 'x-*',
    target: '(none)',
    fidelity: 'exact',
    explanation: 'Extension fields are ignored, as by Docker Compose (they hold YAML anchors); x-kubernetes is the exception.',
    docs: `${COMPOSE_DOCS}/extension/`,
  },
];

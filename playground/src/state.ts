/** The page's state and what a conversion sends back: plain data, shared by the page and the worker. */
import type { AnnotationLevel, Diagnostic, OutputFile, ServiceType } from '../../src/index.js';
import type { PointedField } from './points.js';

export const LAYOUTS = ['stream', 'json', 'files', 'kustomize', 'helm'] as const;
export type LayoutName = (typeof LAYOUTS)[number];

/** Everything the page needs to convert: the compose text, the other files, the controls. */
export interface PlaygroundState {
  compose: string;
  /** `.env`, env files, secret and config files, by path relative to the project directory. */
  files: Record<string, string>;
  annotate: AnnotationLevel;
  serviceType: ServiceType;
  namespace: string;
  createNamespace: boolean;
  layout: LayoutName;
}

export const DEFAULT_STATE: PlaygroundState = { compose: '', files: {}, annotate: 'full', serviceType: 'ClusterIP', namespace: '', createNamespace: false, layout: 'stream' };

/** What the worker sends the page: plain data. */
export interface Conversion {
  files: OutputFile[];
  spans: PointedField[];
  diagnostics: Diagnostic[];
  failed: boolean;
  /** An output request the layout cannot meet (the CLI's exit 2 usage errors). */
  layoutError?: string;
  objects: number;
  project?: string;
}


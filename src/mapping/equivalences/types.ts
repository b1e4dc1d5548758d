/**
 * One row of the table of documented equivalences between compose keys and Kubernetes fields.
 * The table is data: the mapper reads it to decide what to warn about, the emitter to annotate
 * fields, `explain` to teach, and the README's mapping table is generated from it.
 */
export type Fidelity = 'exact' | 'approximate' | 'unsupported';

export interface Equivalence {
  /** Dotted compose path; service keys are written `services.<key>`, nested ones `services.deploy.replicas`. */
  key: string;
  /** The Kubernetes object and field(s) it becomes. */
  target: string;
  fidelity: Fidelity;
  /** One line: what the mapping does. */
  explanation: string;
  /** Approximate/unsupported: what behaves differently. */
  reason?: string;
  /** Approximate/unsupported: what to do instead. */
  instead?: string;
  /** Fidelity that depends on the value written (e.g. `network_mode: host`), keyed by that value. */
  values?: Record<string, { fidelity: Fidelity; reason?: string; instead?: string }>;
  docs: string;
}

export const K8S_DOCS = 'https://kubernetes.io/docs';

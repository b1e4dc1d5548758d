/**
 * One row of the table of documented equivalences between compose keys and Kubernetes fields.
 * The table is data: the mapper reads it to decide what to warn about, the emitter to annotate
 * fields, `explain` to teach, and the mapping table of docs/reference/mapping.md is generated from it.
 */
export type Fidelity = 'exact' | 'approximate' | 'unsupported';

export interface ValueFidelity {
  fidelity: Fidelity;
  reason?: string;
  instead?: string;
}

export interface Equivalence {
  /**
   * Dotted compose path without the names users choose: service keys are `services.<key>`,
   * nested ones `services.deploy.replicas`, keys of a named network `networks.driver`, keys of
   * list items `services.ports.host_ip`.
   */
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
  /**
   * Fidelity that depends on the value written (e.g. `network_mode: host`), keyed by that value;
   * a `<placeholder>` in a key stands for any text (`service:<name>`, `every_<duration>`).
   */
  values?: Record<string, ValueFidelity>;
  /**
   * Who converts the key when no mapping transform does: the loader (profiles, extends), or
   * nobody because Kubernetes needs nothing for it. Without it, a key no transform handled is
   * reported as not converted.
   */
  mappedBy?: 'loader' | 'nothing';
  /** A kubernetes.io page, or a docs.docker.com page for compose-only concepts. */
  docs: string;
  /**
   * A small compose project that uses the key (examples.ts): `explain` runs the real pipeline on
   * it and shows what it becomes, so the example cannot drift from the tool.
   */
  example?: ExampleFiles;
}

/** An example project: the text of compose.yaml, or several files by path. */
export type ExampleFiles = string | Readonly<Record<string, string>>;

export const K8S_DOCS = 'https://kubernetes.io/docs';
export const COMPOSE_DOCS = 'https://docs.docker.com/reference/compose-file';

// Build time only: the pipeline's ajv, recording every schema it compiles as standalone code
// (validators.js bundles the pipeline for Node with this in place of `ajv`, then converts once).
import { Ajv as RealAjv, _ } from 'ajv';
import standaloneCode from 'ajv/dist/standalone/index.js';
import { schemaKey } from './schema-key.js';

export const recorded = [];

export class Ajv extends RealAjv {
  #options;
  constructor(options = {}) {
    // Format validators are the pipeline's own functions: the generated code takes them as `formatsIn`.
    super({ ...options, code: { ...options.code, source: true, formats: _`formatsIn` } });
    this.#options = options;
  }
  compile(schema, meta) {
    const validate = super.compile(schema, meta);
    recorded.push({ key: schemaKey(this.#options, schema), code: standaloneCode(this, validate) });
    return validate;
  }
}

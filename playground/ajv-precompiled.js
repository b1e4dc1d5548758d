// In the page: the pipeline's ajv, answering each compile with the validator compiled when the
// page was built (validators.js), so opening the page compiles no schema. A schema that was not
// compiled then is an error that says so, never a validator that lets everything through.
import { VALIDATORS } from 'playground:validators';
import { schemaKey } from './schema-key.js';

export class Ajv {
  #options;
  #formats = {};
  constructor(options = {}) {
    this.#options = options;
  }
  addKeyword() {
    return this;
  }
  addFormat(name, format) {
    this.#formats[name] = format;
    return this;
  }
  compile(schema) {
    const make = VALIDATORS[schemaKey(this.#options, schema)];
    if (!make) throw new Error('compose2kube playground: a schema was not precompiled when the page was built (playground/validators.js)');
    return make(this.#formats);
  }
}
export default Ajv;

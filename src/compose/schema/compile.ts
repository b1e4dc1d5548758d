import { _, Ajv } from 'ajv';
import { standaloneModule } from '../../util/standalone.js';
import { FORMATS } from './formats.js';
import { COMPOSE_SCHEMA } from './index.js';

/**
 * The options the compose schema is compiled with. Strict, except that `required` may name keys
 * declared by the enclosing mapping: the rules "a and b cannot be used together" are
 * `not: { required: [a, b] }`. Shared definitions stay functions of their own (inlineRefs: false),
 * which keeps the generated code a quarter smaller.
 */
function composeAjv(): Ajv {
  const ajv = new Ajv({
    allErrors: true,
    verbose: true,
    strict: true,
    strictRequired: false,
    allowUnionTypes: true,
    inlineRefs: false,
    code: { source: true, esm: true, formats: _`FORMAT_DEFINITIONS` },
  });
  ajv.addKeyword('expect');
  for (const [name, validate] of Object.entries(FORMATS)) ajv.addFormat(name, { type: 'string', validate });
  ajv.addSchema(COMPOSE_SCHEMA, 'compose');
  return ajv;
}

/** The module src/compose/schema/compiled.generated.ts: the compose schema's validator, compiled ahead of time. */
export function composeValidatorModule(): string {
  const prelude = [
    "import { FORMATS } from './formats.js';",
    "const FORMAT_DEFINITIONS = Object.fromEntries(Object.entries(FORMATS).map(([name, validate]) => [name, { type: 'string', validate }]));",
  ].join('\n');
  return standaloneModule(composeAjv(), { validateCompose: 'compose' }, prelude, 'src/compose/schema/compile.ts');
}

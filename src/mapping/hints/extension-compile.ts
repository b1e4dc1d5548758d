import { Ajv } from 'ajv';
import { standaloneModule } from '../../util/standalone.js';
import { MOUNT_EXTENSION_SCHEMA, PROJECT_EXTENSION_SCHEMA, SERVICE_EXTENSION_SCHEMA, VOLUME_EXTENSION_SCHEMA } from './extension-schema.js';

/** The module src/mapping/hints/extension-validators.generated.ts: the x-kubernetes validators, compiled ahead of time. */
export function extensionValidatorModule(): string {
  // Values may be strings after interpolation ("3"), and a single item may stand for a list.
  const ajv = new Ajv({ allErrors: true, coerceTypes: 'array', verbose: true, strict: true, code: { source: true, esm: true } });
  ajv.addSchema(SERVICE_EXTENSION_SCHEMA, 'service');
  ajv.addSchema(VOLUME_EXTENSION_SCHEMA, 'volume');
  ajv.addSchema(MOUNT_EXTENSION_SCHEMA, 'mount');
  ajv.addSchema(PROJECT_EXTENSION_SCHEMA, 'project');
  const exports = { validateService: 'service', validateVolume: 'volume', validateMount: 'mount', validateProject: 'project' };
  return standaloneModule(ajv, exports, '', 'src/mapping/hints/extension-compile.ts');
}

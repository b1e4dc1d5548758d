import { dictOf, listOf, RESOURCE_NAME, str, type Schema } from './builders.js';
import { config, include, model, network, secret, volume } from './resources.js';
import { service } from './service.js';
import { SHARED_DEFINITIONS } from './shared.js';

/**
 * The compose file schema of this project, written from the Compose Specification (draft-07 JSON
 * Schema). It is checked against Compose's official schema by test/compose/schema-differential.test.ts;
 * the places where it is deliberately stricter are listed there with the reason.
 */
export const COMPOSE_SCHEMA: Schema = {
  $id: 'compose2kube-compose.json',
  type: 'object',
  properties: {
    version: str,
    name: str,
    include: listOf(include),
    services: dictOf(service, RESOURCE_NAME),
    networks: dictOf(network, RESOURCE_NAME),
    volumes: dictOf(volume, RESOURCE_NAME),
    configs: dictOf(config, RESOURCE_NAME),
    secrets: dictOf(secret, RESOURCE_NAME),
    models: dictOf(model, RESOURCE_NAME),
  },
  patternProperties: { '^x-': {} },
  additionalProperties: false,
  definitions: SHARED_DEFINITIONS,
};

export type { Schema } from './builders.js';

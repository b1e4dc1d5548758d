import { atMostOne, dictOf, flag, integer, listOf, mapping, str, strings, type Schema } from './builders.js';
import { driverOptions, external, listOrDict, stringOrList } from './shared.js';

/** The top-level elements besides services: networks, volumes, configs, secrets, models, include. */

export const network: Schema = mapping(
  {
    name: str,
    driver: str,
    driver_opts: driverOptions,
    ipam: mapping({
      driver: str,
      config: listOf(
        mapping({ subnet: str, ip_range: str, gateway: str, aux_addresses: dictOf(str) }),
      ),
      options: dictOf(str),
    }),
    external,
    internal: flag,
    enable_ipv4: flag,
    enable_ipv6: flag,
    attachable: flag,
    labels: listOrDict,
  },
  { or: ['null'] },
);

/**
 * Compose refuses an external volume that also sets what only a created volume can have (driver,
 * labels...): only `name` and extensions may stand next to `external: true`.
 */
const externalVolumeTakesOnlyName: Schema = {
  if: { properties: { external: { const: true } }, required: ['external'] },
  then: {
    propertyNames: {
      type: 'string',
      pattern: '^(external|name|x-.*)$',
      expect: 'an external volume only takes "name" and x- keys next to "external: true"',
    },
  },
};

export const volume: Schema = mapping(
  { name: str, driver: str, driver_opts: driverOptions, external, labels: listOrDict },
  { or: ['null'], rules: [externalVolumeTakesOnlyName] },
);

/** A secret's content comes from one place: a file, an environment variable, or the platform. */
export const secret: Schema = mapping(
  {
    name: str,
    file: str,
    environment: str,
    external,
    labels: listOrDict,
    driver: str,
    driver_opts: driverOptions,
    template_driver: str,
  },
  { rules: atMostOne('file', 'environment') },
);

export const config: Schema = mapping(
  { name: str, file: str, environment: str, content: str, external, labels: listOrDict, template_driver: str },
  { rules: atMostOne('file', 'environment', 'content') },
);

export const model: Schema = mapping(
  { name: str, model: str, context_size: integer, runtime_flags: strings },
  { required: ['model'] },
);

/** `include`: a path, or `path` (one file or several to merge) with its own project directory and env files. */
export const include: Schema = mapping(
  { path: stringOrList, project_directory: str, env_file: stringOrList },
  { or: ['string'], extensions: false },
);

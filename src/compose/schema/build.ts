import { flag, intOrStr, mapping, str, strings, typed, type Schema } from './builders.js';
import { extraHosts, fileGrants, listOrDict, ulimits } from './shared.js';

/**
 * `build`: a context path or URL, or the detailed build definition of the Compose Build
 * Specification.
 */
export const build: Schema = mapping(
  {
    context: str,
    dockerfile: str,
    dockerfile_inline: str,
    args: listOrDict,
    ssh: listOrDict,
    cache_from: strings,
    cache_to: strings,
    additional_contexts: listOrDict,
    entitlements: strings,
    extra_hosts: extraHosts,
    isolation: str,
    privileged: flag,
    labels: listOrDict,
    no_cache: flag,
    pull: flag,
    network: str,
    shm_size: intOrStr,
    target: str,
    secrets: fileGrants,
    tags: strings,
    ulimits,
    platforms: strings,
    // Attestations handed to BuildKit: on/off or its own option string.
    provenance: typed('string', 'boolean'),
    sbom: typed('string', 'boolean'),
  },
  { or: ['string'] },
);

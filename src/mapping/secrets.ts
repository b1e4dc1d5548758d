import type { ServiceTransform } from './context.js';

/** secrets -> Secret objects mounted as files at /run/secrets/<target>. (Owner: config/secrets/storage work.) */
export const mapSecrets: ServiceTransform = () => {};

/** Names that say their value is a secret; every concern that decides where a value may go reads them. */
const SECRET_WORDS = new Set(['PASSWORD', 'PASSWD', 'PASS', 'PASSPHRASE', 'SECRET', 'SECRETS', 'TOKEN', 'CREDENTIAL', 'CREDENTIALS', 'CREDS', 'APIKEY', 'PRIVATEKEY']);
/** Words that name a secret only at the end of a name: API_KEY, REDIS_AUTH (but not KEY_PREFIX, AUTH_ENABLED). */
const SECRET_LAST_WORDS = new Set(['KEY', 'KEYS', 'AUTH']);
/** A name ending in one of these holds where the secret is, not the secret (POSTGRES_PASSWORD_FILE). */
const LOCATION_WORDS = new Set(['FILE', 'PATH', 'DIR', 'FILENAME']);

/**
 * Whether an environment variable's name says its value is a secret: DB_PASSWORD, API_KEY,
 * GITHUB_TOKEN, dbPassword, CLIENTSECRET; not KEYBOARD_LAYOUT, MAX_TOKENS, PWD or
 * POSTGRES_PASSWORD_FILE.
 */
export function isSecretName(name: string): boolean {
  const words = name
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .toUpperCase()
    .split(/[^A-Z0-9]+/)
    .filter(Boolean);
  const last = words[words.length - 1];
  if (last === undefined || LOCATION_WORDS.has(last)) return false;
  if (SECRET_LAST_WORDS.has(last)) return true;
  // PWD alone is the shell's working directory.
  if (words.length > 1 && words.includes('PWD')) return true;
  return words.some((w) => SECRET_WORDS.has(w) || /(PASSWORD|PASSWD|SECRET|TOKEN|APIKEY)$/.test(w));
}

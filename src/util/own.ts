/**
 * Set `key` of a plain object as its own property, whatever the key. Keys come from compose files,
 * and `out[key] = value` with the key `__proto__` would replace the object's prototype instead of
 * setting a property: the entry would vanish, and the prototype's fields would show through.
 */
export function setOwn<T>(out: Record<string, T>, key: string, value: T): void {
  if (key === '__proto__') Object.defineProperty(out, key, { value, enumerable: true, writable: true, configurable: true });
  else out[key] = value;
}

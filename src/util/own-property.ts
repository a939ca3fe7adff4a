/**
 * @module Writing a key taken from data (a user, group or permission set name, a policy key) into a
 * plain object. `object[key] = value` with key `__proto__` replaces the object's prototype instead of
 * adding a key, so the entry vanishes; defining the property keeps it as ordinary data.
 */

/** Sets `key` on `target` as an own, enumerable property, whatever the key (including `__proto__`). */
export function setOwn<T>(target: Record<string, T>, key: string, value: T): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}

/** Whether `key` is `target`'s own property (never true for inherited `constructor`, `toString`, …). */
export function hasOwn(target: object, key: string): boolean {
  return Object.hasOwn(target, key);
}

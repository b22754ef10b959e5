/**
 * @peculiar/x509 wires its algorithms with tsyringe, which refuses to load unless the (stage-1,
 * never standardised) Reflect metadata API exists. Its README asks for the `reflect-metadata`
 * package; this is the small subset tsyringe calls (define/get/getOwn/has), so the PKI needs no
 * extra dependency. It installs nothing when a full polyfill is already present, and it must be
 * imported before `@peculiar/x509` (see pki.x509.ts).
 */
type MetadataKey = unknown;
type PropertyKey = string | symbol | undefined;

const store = new WeakMap<object, Map<PropertyKey, Map<MetadataKey, unknown>>>();

function own(target: object, property: PropertyKey, create: boolean) {
  let byProperty = store.get(target);
  if (byProperty === undefined) {
    if (!create) return undefined;
    byProperty = new Map();
    store.set(target, byProperty);
  }
  let entries = byProperty.get(property);
  if (entries === undefined && create) {
    entries = new Map();
    byProperty.set(property, entries);
  }
  return entries;
}

function getOwnMetadata(key: MetadataKey, target: object, property?: PropertyKey): unknown {
  return own(target, property, false)?.get(key);
}

function hasOwnMetadata(key: MetadataKey, target: object, property?: PropertyKey): boolean {
  return own(target, property, false)?.has(key) ?? false;
}

function getMetadata(key: MetadataKey, target: object, property?: PropertyKey): unknown {
  // Metadata is inherited along the prototype chain, as in the proposal.
  for (let t: object | null = target; t !== null; t = Object.getPrototypeOf(t) as object | null) {
    const entries = own(t, property, false);
    if (entries?.has(key) === true) return entries.get(key);
  }
  return undefined;
}

function hasMetadata(key: MetadataKey, target: object, property?: PropertyKey): boolean {
  for (let t: object | null = target; t !== null; t = Object.getPrototypeOf(t) as object | null) {
    if (hasOwnMetadata(key, t, property)) return true;
  }
  return false;
}

function defineMetadata(
  key: MetadataKey,
  value: unknown,
  target: object,
  property?: PropertyKey,
): void {
  own(target, property, true)?.set(key, value);
}

function metadata(key: MetadataKey, value: unknown) {
  return (target: object, property?: PropertyKey): void =>
    defineMetadata(key, value, target, property);
}

const reflect = Reflect as unknown as Record<string, unknown>;
if (typeof reflect.getMetadata !== 'function') {
  Object.assign(reflect, {
    defineMetadata,
    getMetadata,
    getOwnMetadata,
    hasMetadata,
    hasOwnMetadata,
    metadata,
  });
}

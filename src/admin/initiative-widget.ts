/**
 * References to initiatives. An initiative lives at `<slug>/index.md`, so Decap's entry
 * slug — what the relation widget stores for `{{slug}}` — is `<slug>/index`, while the
 * content model stores the bare `<slug>`. This widget is the relation widget under its
 * own name, with a value serializer that drops `/index` when saving and restores it when
 * loading (serializers are registered per widget name).
 */
const SUFFIX = '/index';

interface ListLike<T> {
  map(fn: (value: T) => T): ListLike<T>;
}

function convert(value: unknown, one: (text: string) => string): unknown {
  if (typeof value === 'string') return one(value);
  if (value && typeof (value as ListLike<unknown>).map === 'function') {
    return (value as ListLike<unknown>).map((item) =>
      typeof item === 'string' ? one(item) : item,
    );
  }
  return value;
}

export const stripIndex = (text: string) =>
  text.endsWith(SUFFIX) ? text.slice(0, -SUFFIX.length) : text;
export const addIndex = (text: string) => (text && !text.includes('/') ? `${text}${SUFFIX}` : text);

export const initiativeValueSerializer = {
  serialize: (value: unknown) => convert(value, stripIndex),
  deserialize: (value: unknown) => convert(value, addIndex),
};

export const INITIATIVE_WIDGET = 'initiative';

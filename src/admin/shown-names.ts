/**
 * Decap's lists of entries and the cards of its editorial board show an entry by its
 * collection's `summary` template, which can only print stored values: an adoption read
 * "ubnd-xa-gia-huynh", a decision "2024-tanh-linh". A format wrapped here carries, beside
 * the data it reads, the names of the units and campaigns the entry refers to (under
 * SHOWN_NAMES, never written, see formats.ts), so a summary says `{{__names.unit}}`.
 * A list item's summary line (list-widget.ts) is made of the names its fields show.
 * Initiatives are too many to bundle: their titles come from the site (site-names.ts).
 */
import { bundledCampaign, bundledUnit } from './content-data.ts';
import { CARRIED_PREFIX } from './formats.ts';
import { INITIATIVE_WIDGET, stripIndex } from './initiative-widget.ts';
import { initiativeTitle } from './site-names.ts';

/** What a collapsed list item shows while nothing names it yet (list-widget.ts). */
export const UNFILLED = '(chưa điền)';

export const SHOWN_NAMES = `${CARRIED_PREFIX}names`;

type Data = Record<string, unknown>;

interface Format<T> {
  fromFile(content: string): T;
  toFile(data: T, sortedKeys?: string[]): string;
}

/**
 * How a reference is named: a unit by its name, a campaign or an initiative by its title;
 * else the id itself.
 */
export const referenceNames: Record<string, (id: string) => string | undefined> = {
  unit: (id) => bundledUnit(id)?.name,
  organiser: (id) => bundledUnit(id)?.name,
  receivingOffice: (id) => bundledUnit(id)?.name,
  campaign: (id) => bundledCampaign(id)?.title,
  initiative: (id) => initiativeTitle(id),
};

/** The names of the references an entry's data holds, each under its key. */
export function shownNames(data: Data, names = referenceNames): Record<string, string> {
  const shown: Record<string, string> = {};
  for (const [key, name] of Object.entries(names)) {
    const id = data[key];
    if (typeof id === 'string' && id !== '') shown[key] = name(id) ?? id;
  }
  return shown;
}

/** The format, reading into data that also carries the names of what it refers to. */
export function withShownNames<T extends Data>(
  format: Format<T>,
  names = referenceNames,
): Format<T> {
  return {
    fromFile(content) {
      const data = format.fromFile(content);
      return { ...data, [SHOWN_NAMES]: shownNames(data, names) };
    },
    toFile: (data, sortedKeys) => format.toFile(data, sortedKeys),
  };
}

interface ImmutableLike {
  get(key: string | number, fallback?: unknown): unknown;
  set(key: string, value: unknown): ImmutableLike;
  toJS(): unknown;
}

/**
 * The name a select option, a unit or an initiative relation shows for a stored id; undefined
 * for other fields, and for an initiative whose title is not known (yet).
 */
export function shownValue(
  field: Record<string, unknown>,
  value: unknown,
  titleOf: (id: string) => string | undefined = initiativeTitle,
): string | undefined {
  if (typeof value !== 'string') return undefined;
  if (field.widget === 'select' && Array.isArray(field.options)) {
    for (const option of field.options) {
      if (option === value) return value;
      if (option && typeof option === 'object' && (option as { value?: unknown }).value === value) {
        return String((option as { label?: unknown }).label ?? value);
      }
    }
  }
  if (field.widget === 'relation' && field.collection === 'units') return bundledUnit(value)?.name;
  // The form holds `<id>/index` (initiative-widget.ts).
  if (field.widget === INITIATIVE_WIDGET) return titleOf(stripIndex(value));
  return undefined;
}

/** Whether a list's items name initiatives, whose titles come from the site. */
export function namesInitiatives(itemFields: unknown): boolean {
  return (
    Array.isArray(itemFields) &&
    itemFields.some((field) => (field as { widget?: unknown })?.widget === INITIATIVE_WIDGET)
  );
}

/** An item with its ids replaced by the names the form shows for them, for its summary line. */
export function shownItem(
  item: unknown,
  itemFields: unknown,
  titleOf: (id: string) => string | undefined = initiativeTitle,
): unknown {
  const map = item as ImmutableLike | undefined;
  if (!map || typeof map.set !== 'function' || !Array.isArray(itemFields)) return item;
  let shown = map;
  for (const field of itemFields as Record<string, unknown>[]) {
    const name = typeof field.name === 'string' ? field.name : undefined;
    const value = name ? map.get(name) : undefined;
    const label = name ? shownValue(field, value, titleOf) : undefined;
    if (name && label !== undefined) shown = shown.set(name, label);
  }
  return shown;
}

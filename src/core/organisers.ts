/**
 * Dated reach of organisers and units: which units exist on a day, which of them fall in
 * an organiser's scope then, who took over a unit that ended. Shared by the validator, the
 * admin form, the committee's commands and the site, so it stays free of disk and framework.
 */
import type { Campaign, Committee, Organiser, Unit } from '../schemas/index.ts';

interface Dated {
  validFrom?: string | undefined;
  validTo?: string | undefined;
}

/** Whether a dated record holds on `day` (ISO dates compare as text). */
export function validOn(record: Dated, day: string): boolean {
  return (
    (!record.validFrom || record.validFrom <= day) && (!record.validTo || day <= record.validTo)
  );
}

/**
 * The unit that carries on a unit that ended, followed to the one valid on `day` (a commune
 * merged twice names its last successor). Undefined when the unit has no successor.
 */
export function successorOn(
  units: ReadonlyMap<string, Unit>,
  unit: Unit,
  day: string,
): Unit | undefined {
  let current = unit;
  const seen = new Set([unit.id]);
  while (current.successor) {
    const next = units.get(current.successor);
    if (!next || seen.has(next.id)) return undefined;
    if (validOn(next, day)) return next;
    seen.add(next.id);
    current = next;
  }
  return current === unit ? undefined : current;
}

/** Whether `unit` is `root` or lies under it through its parents. */
function under(units: ReadonlyMap<string, Unit>, unit: string, root: string): boolean {
  const seen = new Set<string>();
  let current: string | undefined = unit;
  while (current && !seen.has(current)) {
    if (current === root) return true;
    seen.add(current);
    current = units.get(current)?.parent;
  }
  return false;
}

/** Whether a unit falls within the organiser's scope on `day` (the spans valid that day). */
export function inScope(
  organiser: Organiser,
  units: ReadonlyMap<string, Unit>,
  unit: string,
  day: string,
): boolean {
  return organiser.scope.some((span) => validOn(span, day) && under(units, unit, span.unit));
}

/** The units in the organiser's scope and valid on `day`, in list order. */
export function unitsInScope(
  organiser: Organiser,
  units: ReadonlyMap<string, Unit>,
  day: string,
): Unit[] {
  return [...units.values()].filter(
    (unit) => validOn(unit, day) && inScope(organiser, units, unit.id, day),
  );
}

/** The committee that reviews a campaign: its own, else the organiser's standing one. */
export function committeeOf(
  campaign: Pick<Campaign, 'committee'>,
  organiser: Pick<Organiser, 'committee'> | undefined,
): Committee | undefined {
  return campaign.committee ?? organiser?.committee;
}

/** The organisers a unit's staff submit to on `day`: those whose scope holds the unit then. */
export function organisersOfUnit<T extends { id: string; data: Organiser }>(
  organisers: readonly T[],
  units: ReadonlyMap<string, Unit>,
  unit: string,
  day: string,
): T[] {
  return organisers.filter((organiser) => inScope(organiser.data, units, unit, day));
}

import regionData from './regions-az.json' with { type: 'json' };

/** A city of republican subordination or a rayon, as the State Statistics Committee lists it. */
export interface Region {
  /** Azerbaijani name, unique among the units: what the registers record. */
  readonly name: string;
  /** ISO 3166-2:AZ code; null for Ağdərə (created in 2023, no code yet). */
  readonly iso: string | null;
  readonly kind: 'city' | 'rayon';
  readonly economicRegion: string;
  /** Estimated population: the weight of the unit when places are drawn. */
  readonly population: number;
}

interface UnitRecord {
  readonly iso: string | null;
  readonly nameAz: string;
  readonly type: string;
  readonly economicRegion: string;
  readonly population?: readonly { readonly value: number; readonly asOf: string }[];
}

/**
 * Every unit gets a population estimate, since the reference data gives figures for only some:
 * an economic region holds its published share of the national total (1 Oct 2025). A unit
 * without a figure was under 100,000 in 2020 (the 2020 list names every unit above that), so it
 * gets an equal part of what its region's figured units leave, at most 100,000; whatever still
 * remains is spread over the figured units in proportion, as those figures are years old.
 * Figures of different years are mixed on purpose: they only weight a random choice.
 */
function estimate(): Region[] {
  const totalRecord = regionData.population.total[0];
  if (totalRecord === undefined) throw new Error('regions-az.json: no national total');
  const units: readonly UnitRecord[] = regionData.units;
  const newest = (unit: UnitRecord): number | undefined =>
    [...(unit.population ?? [])].sort((a, b) => b.asOf.localeCompare(a.asOf))[0]?.value;
  const result: Region[] = [];
  for (const economic of regionData.economicRegions) {
    const members = units.filter((unit) => unit.economicRegion === economic.id);
    const regionTotal = (economic.populationSharePct / 100) * totalRecord.value;
    const known = members.reduce((sum, unit) => sum + (newest(unit) ?? 0), 0);
    const unknown = members.filter((unit) => newest(unit) === undefined).length;
    const left = Math.max(regionTotal - known, 0);
    const perUnknown = unknown === 0 ? 0 : Math.min(left / unknown, UNDER_THRESHOLD);
    const scale = known === 0 ? 1 : (known + left - perUnknown * unknown) / known;
    for (const unit of members) {
      const figure = newest(unit);
      result.push({
        name: unit.nameAz,
        iso: unit.iso,
        kind: unit.type === 'city' ? 'city' : 'rayon',
        economicRegion: economic.id,
        population: Math.round(figure === undefined ? perUnknown : figure * scale),
      });
    }
  }
  return result;
}

/** The 2020 list (source pop-2020) names the units above this size. */
const UNDER_THRESHOLD = 100_000;

export const REGIONS: readonly Region[] = estimate();

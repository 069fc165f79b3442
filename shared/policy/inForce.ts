/**
 * Which policy version judges a moment, in memory: the importer, the demo filler and
 * the re-judge each hold the versions already, and ask this for every call. The SQL
 * twin is policyInForceAt (electron/store/policies.ts); the two keep one rule.
 */

/** A version's number and the instant it takes effect (epoch ms). */
export interface VersionStart {
  id: number;
  effectiveFrom: number;
}

/**
 * The version in force at `at`: the latest start at or before it, the newer of two equal
 * starts; before every start, the first version (lowest id). Versions in any order.
 * @example versionInForceAt([{ id: 1, effectiveFrom: 0 }, { id: 2, effectiveFrom: 50 }], 60)?.id === 2
 */
export function versionInForceAt<V extends VersionStart>(versions: readonly V[], at: number): V | undefined {
  let found: V | undefined;
  let first: V | undefined;
  for (const v of versions) {
    if (!first || v.id < first.id) first = v;
    if (v.effectiveFrom <= at && (!found || v.effectiveFrom > found.effectiveFrom || (v.effectiveFrom === found.effectiveFrom && v.id > found.id))) found = v;
  }
  return found ?? first;
}

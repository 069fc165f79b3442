import { useCallback, useEffect, useState } from 'react';

/** The workspace of no call: what is typed while no call is open (a time for the next New call). */
export const NO_CALL = 0;

type Drafts = ReadonlyMap<number, Readonly<Record<string, string>>>;

/**
 * What was typed for each call and is not saved yet, by call id and box: the
 * step box, the transfer target, the time for the next click, a result's
 * follow-up, a reason. Each belongs to its call: opening another call shows
 * that call's drafts, and going back shows these again (issue 12: a step typed
 * during one call was added to the next one). Kept for the shift in the tab's
 * sessionStorage, so a reload (F5, a crash of the page) loses none of it; a
 * phone number typed is never kept there (only its last four digits are ever
 * stored, SPEC Privacy), and the tab's close forgets the rest.
 */
export function useCallDrafts() {
  const [drafts, setDrafts] = useState<Drafts>(readStored);
  useEffect(() => writeStored(drafts), [drafts]);
  const get = useCallback((callId: number, key: string): string | undefined => drafts.get(callId)?.[key], [drafts]);
  /** Sets one box's draft of one call; undefined (or '') drops it: the box shows what is stored. */
  const set = useCallback((callId: number, key: string, value: string | undefined) => {
    setDrafts((prev) => {
      const { [key]: _dropped, ...others } = prev.get(callId) ?? {};
      const next = new Map(prev);
      const kept = value === undefined || value === '' ? others : { ...others, [key]: value };
      if (Object.keys(kept).length === 0) next.delete(callId);
      else next.set(callId, kept);
      return next;
    });
  }, []);
  /** Drops one box's draft if it still holds `used` (what a click sent): anything typed meanwhile, for the next click, stays. */
  const drop = useCallback((callId: number, key: string, used: string) => {
    setDrafts((prev) => {
      if (prev.get(callId)?.[key] !== used) return prev;
      const { [key]: _dropped, ...others } = prev.get(callId)!;
      const next = new Map(prev);
      if (Object.keys(others).length === 0) next.delete(callId);
      else next.set(callId, others);
      return next;
    });
  }, []);
  /** Whether anything typed for a call is still unsaved: a record the phone voids then stays on screen rather than taking it away. */
  const has = useCallback((callId: number): boolean => Object.keys(drafts.get(callId) ?? {}).length > 0, [drafts]);
  return { get, set, drop, has };
}

export type CallDrafts = ReturnType<typeof useCallDrafts>;

const STORAGE_KEY = 'hotline-call-drafts';
/** Boxes whose drafts are never written to the browser's storage. */
const NOT_STORED = new Set(['phone']);

function readStored(): Drafts {
  try {
    const raw = globalThis.sessionStorage?.getItem(STORAGE_KEY);
    if (!raw) return new Map();
    const parsed = JSON.parse(raw) as Array<[number, Record<string, string>]>;
    return new Map(parsed.filter(([id, boxes]) => Number.isInteger(id) && boxes !== null && typeof boxes === 'object'));
  } catch {
    return new Map();
  }
}

function writeStored(drafts: Drafts): void {
  try {
    const kept = [...drafts].map(([id, boxes]) => [id, Object.fromEntries(Object.entries(boxes).filter(([key]) => !NOT_STORED.has(key)))] as const);
    globalThis.sessionStorage?.setItem(STORAGE_KEY, JSON.stringify(kept.filter(([, boxes]) => Object.keys(boxes).length > 0)));
  } catch {
    // Storage full or disabled: the drafts stay in memory for this page.
  }
}

import { useCallback, useEffect, useRef, useState } from 'react';
import type { UpdatePatch } from '../../../../shared/api/contract';
import type { CallRecord, DayList } from '../../../../shared/api/records';
import type { ApiResult } from '../../../../shared/api/result';
import { api } from '../../api';
import { useI18n } from '../../i18n';
import { bringFieldIntoView, fieldSelector, RESULT_FIELDS } from './fieldPlaces';
import { NO_CALL, useCallDrafts } from './useCallDrafts';

export type SaveState = 'idle' | 'saving' | 'saved' | 'failed';

/** The tab's sessionStorage key of the record on screen. */
const OPEN_RECORD_KEY = 'hotline-open-record';

/**
 * An action the store (or the desk) refused, shown beside the button pressed. `field` is the
 * input the cause is in, when there is one on the page: it is focused and carries the message too,
 * and the refusal clears once that field saves.
 */
export interface Refusal {
  action: string;
  field: string | null;
  message: string;
  /** The field shows this very message (and announces it): the refusal then is not a second alert. */
  echoed: boolean;
}

/**
 * The desk's state: the open record, today's list, and errors keyed by the
 * field they belong next to. Every action is saved at once; the record shown
 * is always the one the store returned.
 */
export function useDesk() {
  const { errorText } = useI18n();
  const [record, setRecord] = useState<CallRecord | null>(null);
  const [day, setDay] = useState<DayList | null>(null);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [inFlight, setInFlight] = useState(false);
  const [lastSave, setLastSave] = useState<'idle' | 'saved'>('idle');
  /** Fields whose last save failed: "Not saved" names these, and only these. */
  const [unsaved, setUnsaved] = useState<string[]>([]);
  const [refusal, setRefusal] = useState<Refusal | null>(null);
  /** Counts attempts to close: "required" messages of fields not yet left show from the first one on. */
  const [submitAttempts, setSubmitAttempts] = useState(0);
  const drafts = useCallDrafts();
  /** The record on screen and a count of saves, for a re-read that must not overwrite a newer save (usePhoneNews). */
  const shownId = useRef<number | null>(null);
  const saves = useRef(0);
  useEffect(() => {
    shownId.current = record?.id ?? null;
  }, [record]);
  /** The open call's workspace: its drafts are its own. */
  const callId = record?.id ?? NO_CALL;
  /** Why a signed-off record changes: asked for when the store says the day is archived, then sent with each of its changes. */
  const changeReason = drafts.get(callId, 'changeReason') ?? '';
  const setChangeReason = useCallback((value: string) => drafts.set(callId, 'changeReason', value), [drafts, callId]);
  /** A box's draft for the open call, for SavedTextField: kept when another call is opened, dropped once saved. */
  const keep = useCallback(
    (key: string) => ({ draft: drafts.get(callId, key), onDraft: (value: string | undefined) => drafts.set(callId, key, value) }),
    [drafts, callId],
  );

  const refreshDay = useCallback(async () => {
    const result = await api.listDay({});
    if (result.ok) setDay(result.value);
  }, []);

  useEffect(() => {
    void refreshDay();
  }, [refreshDay]);

  /** Shows an action's refusal beside its button; with a field on the page, the message goes beside it too and it is focused. */
  const refuse = useCallback((action: string, field: string | null, message: string, echoed = false) => {
    const place = field !== null && fieldSelector(field) !== null ? field : null;
    setRefusal({ action, field: place, message, echoed: echoed && place !== null });
    if (action === 'close') setSubmitAttempts((n) => n + 1);
    if (place === null) return;
    // After the render that shows the field's message (and, for a result field, reveals it).
    window.requestAnimationFrame(() => bringFieldIntoView(place));
  }, []);

  /**
   * Runs one request. On success the saved record replaces the shown one and the
   * errors of `fields` are cleared; on failure the error goes next to its field
   * (or `fallbackField`) and nothing typed is touched. With `action` (a button's
   * key) a failure is that action's refusal; without, it is a save that failed.
   */
  const perform = useCallback(
    async (
      fields: string[],
      fallbackField: string,
      request: (changeReason: string | undefined) => Promise<ApiResult<CallRecord>>,
      action?: string,
    ): Promise<CallRecord | null> => {
      setInFlight(true);
      const result = await request(changeReason.trim() === '' ? undefined : changeReason);
      setInFlight(false);
      if (!result.ok) {
        // A field this action does not show (e.g. the schema's name for it) would hide the message: use the action's own.
        const field = result.error.field !== undefined && (fields.includes(result.error.field) || result.error.field === 'changeReason') ? result.error.field : fallbackField;
        const message = errorText(result.error);
        // This request's earlier messages give way to the one the store gives now (it names the first cause it meets).
        const others = (prev: Record<string, string>) => Object.fromEntries(Object.entries(prev).filter(([key]) => !fields.includes(key)));
        setErrors((prev) => (field === 'actions' ? others(prev) : { ...others(prev), [field]: message }));
        if (action !== undefined) refuse(action, field, message, field !== 'actions');
        else {
          // The result group is saved as one: what is not saved is the result, whichever of its fields was refused.
          const what = (RESULT_FIELDS as readonly string[]).includes(field) ? 'result' : field;
          setUnsaved((prev) => (prev.includes(what) ? prev : [...prev, what]));
        }
        return null;
      }
      setLastSave('saved');
      saves.current += 1;
      setRecord(result.value);
      setErrors((prev) => Object.fromEntries(Object.entries(prev).filter(([key]) => !fields.includes(key) && key !== 'changeReason')));
      const cleared = (key: string) => fields.includes(key) || (key === 'result' && fields.some((f) => (RESULT_FIELDS as readonly string[]).includes(f)));
      setUnsaved((prev) => prev.filter((key) => !cleared(key)));
      // The cause is fixed (its field saved), or the action went through after all.
      setRefusal((prev) => (prev === null || action !== undefined || (prev.field !== null && cleared(prev.field)) ? null : prev));
      void refreshDay();
      return result.value;
    },
    [errorText, refreshDay, changeReason, refuse],
  );

  const open = useCallback(async (id: number) => {
    const result = await api.getCall({ id });
    if (result.ok) {
      setRecord(result.value);
      setErrors({});
      setUnsaved([]);
      setRefusal(null);
      setSubmitAttempts(0);
    }
  }, []);

  /**
   * Reads the record on screen again as the store has it now (the phone system changed it): errors,
   * refusals and typing stay. A save that lands meanwhile is newer than what this read started
   * from, so the read is made once more. Returns the record read, or null when another is shown.
   */
  const reread = useCallback(async (id: number): Promise<CallRecord | null> => {
    for (let attempt = 0; attempt < 2; attempt++) {
      const before = saves.current;
      const result = await api.getCall({ id });
      if (!result.ok || shownId.current !== id) return null;
      if (saves.current !== before) continue;
      setRecord(result.value);
      return result.value;
    }
    return null;
  }, []);

  /** Takes the record off the workspace (the phone voided it): the desk shows no call, and a reload does not bring it back. */
  const closeRecord = useCallback(() => {
    setRecord(null);
    setErrors({});
    setUnsaved([]);
    setRefusal(null);
    setSubmitAttempts(0);
    try {
      globalThis.sessionStorage?.removeItem(OPEN_RECORD_KEY);
    } catch {
      // Storage disabled: nothing was kept.
    }
  }, []);

  // The record on screen is remembered for the tab: after a reload the desk shows it again, with its drafts.
  useEffect(() => {
    try {
      if (record) globalThis.sessionStorage?.setItem(OPEN_RECORD_KEY, String(record.id));
    } catch {
      // Storage disabled: a reload then starts on the empty desk.
    }
  }, [record]);
  useEffect(() => {
    const stored = Number(globalThis.sessionStorage?.getItem(OPEN_RECORD_KEY) ?? '');
    if (Number.isInteger(stored) && stored > 0) void open(stored);
  }, [open]);

  /** The person is fixing `key` (typing in it): its message, and a refusal caused there, give way at once. */
  const clearError = useCallback((key: string) => {
    setErrors((prev) => (key in prev ? Object.fromEntries(Object.entries(prev).filter(([k]) => k !== key)) : prev));
    setRefusal((prev) => (prev?.field === key ? null : prev));
  }, []);

  const savePatch = useCallback(
    (field: keyof UpdatePatch & string, patch: UpdatePatch) =>
      record ? perform([field], field, (changeReason) => api.updateCall({ id: record.id, patch, changeReason })) : Promise.resolve(null),
    [perform, record],
  );

  const saveState: SaveState = inFlight ? 'saving' : unsaved.length > 0 ? 'failed' : lastSave;
  return { record, day, errors, saveState, unsaved, refusal, refuse, submitAttempts, perform, open, reread, closeRecord, refreshDay, savePatch, setErrors, changeReason, setChangeReason, drafts, keep, clearError };
}

export type Desk = ReturnType<typeof useDesk>;

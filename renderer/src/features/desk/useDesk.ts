import { useCallback, useEffect, useState } from 'react';
import type { UpdatePatch } from '../../../../shared/api/contract';
import type { CallRecord, DayList } from '../../../../shared/api/records';
import type { ApiResult } from '../../../../shared/api/result';
import { api } from '../../api';
import { useI18n } from '../../i18n';

export type SaveState = 'idle' | 'saving' | 'saved' | 'failed';

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
  const [saveState, setSaveState] = useState<SaveState>('idle');
  /** Why a signed-off record changes: asked for when the store says the day is archived, then sent with each change. */
  const [changeReason, setChangeReason] = useState('');

  const refreshDay = useCallback(async () => {
    const result = await api.listDay({});
    if (result.ok) setDay(result.value);
  }, []);

  useEffect(() => {
    void refreshDay();
  }, [refreshDay]);

  /**
   * Runs one request. On success the saved record replaces the shown one and the
   * errors of `fields` are cleared; on failure the error goes next to its field
   * (or `fallbackField`) and nothing typed is touched.
   */
  const perform = useCallback(
    async (
      fields: string[],
      fallbackField: string,
      request: (changeReason: string | undefined) => Promise<ApiResult<CallRecord>>,
    ): Promise<CallRecord | null> => {
      setSaveState('saving');
      const result = await request(changeReason.trim() === '' ? undefined : changeReason);
      if (!result.ok) {
        setSaveState('failed');
        // A field this action does not show (e.g. the schema's name for it) would hide the message: use the action's own.
        const field = result.error.field !== undefined && (fields.includes(result.error.field) || result.error.field === 'changeReason') ? result.error.field : fallbackField;
        // The store names the first problem it met: what it said before about this action's other fields is stale.
        setErrors((prev) => ({ ...Object.fromEntries(Object.entries(prev).filter(([key]) => !fields.includes(key))), [field]: errorText(result.error) }));
        return null;
      }
      setSaveState('saved');
      setRecord(result.value);
      setErrors((prev) => Object.fromEntries(Object.entries(prev).filter(([key]) => !fields.includes(key) && key !== 'changeReason')));
      void refreshDay();
      return result.value;
    },
    [errorText, refreshDay, changeReason],
  );

  const open = useCallback(async (id: number) => {
    const result = await api.getCall({ id });
    if (result.ok) {
      setRecord(result.value);
      setErrors({});
      setChangeReason('');
    }
  }, []);

  const savePatch = useCallback(
    (field: keyof UpdatePatch & string, patch: UpdatePatch) =>
      record ? perform([field], field, (changeReason) => api.updateCall({ id: record.id, patch, changeReason })) : Promise.resolve(null),
    [perform, record],
  );

  return { record, day, errors, saveState, perform, open, savePatch, setErrors, changeReason, setChangeReason };
}

export type Desk = ReturnType<typeof useDesk>;

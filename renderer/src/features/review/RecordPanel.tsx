import { useEffect, useState } from 'react';
import type { AuditEntry, CallRecord } from '../../../../shared/api/records';
import { api } from '../../api';
import { useI18n } from '../../i18n';
import { RecordView } from './RecordView';

/** One of this desk's records, opened from Review: the whole record, and a way to edit it on the desk. */
export function RecordPanel({ id, onEdit }: { id: number; onEdit: (id: number) => void }) {
  const { t } = useI18n();
  const [record, setRecord] = useState<CallRecord | null>(null);
  const [audit, setAudit] = useState<AuditEntry[]>([]);
  useEffect(() => {
    void api.getCall({ id }).then((r) => r.ok && setRecord(r.value));
    void api.getAudit({ id }).then((r) => r.ok && setAudit(r.value));
  }, [id]);
  if (!record) return null;
  return (
    <RecordView
      record={record}
      audit={audit}
      action={
        <button type="button" onClick={() => onEdit(record.id)}>
          {t('review.openOnDesk')}
        </button>
      }
    />
  );
}

import { Field } from '../../components/Field';
import { useI18n } from '../../i18n';
import type { Desk } from './useDesk';

/** Asked for when a record's day is signed off: every change to it then carries this reason into the audit trail. */
export function ChangeReason({ desk }: { desk: Desk }) {
  const { t } = useI18n();
  if (!desk.errors.changeReason && desk.changeReason === '') return null;
  return (
    <div className="change-reason">
      <Field id="change-reason" label={t('desk.changeReason')} error={desk.errors.changeReason} wide>
        <input id="change-reason" value={desk.changeReason} placeholder={t('desk.changeReasonHint')} onChange={(e) => desk.setChangeReason(e.target.value)} />
      </Field>
    </div>
  );
}

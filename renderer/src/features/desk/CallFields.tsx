import { useState } from 'react';
import type { UpdatePatch } from '../../../../shared/api/contract';
import type { CallRecord } from '../../../../shared/api/records';
import { CATEGORIES, CUSTOMER_TYPES, REQUEST_TYPES } from '../../../../shared/domain/fields';
import type { Policy } from '../../../../shared/policy/schema';
import { Field } from '../../components/Field';
import { api } from '../../api';
import { ChoiceField } from '../../components/ChoiceField';
import { SavedSelect } from '../../components/SavedSelect';
import { SavedTextField } from '../../components/SavedTextField';
import { useI18n } from '../../i18n';
import type { Desk } from './useDesk';

type TextKey = 'salutation' | 'phone' | 'reason' | 'handler';

/** Who called and why (the record sheet's columns), each saved as soon as it is filled in. */
export function CallFields({ record, desk, policy }: { record: CallRecord; desk: Desk; policy: Policy | null }) {
  const { t, lang } = useI18n();
  const { errors, savePatch, keep } = desk;
  const [reasons, setReasons] = useState<string[]>([]);

  const text = (key: TextKey) => async (typed: string) => {
    const saved = await savePatch(key, { [key]: typed } as UpdatePatch);
    if (!saved) return undefined;
    return key === 'phone' ? saved.phoneLast4 : saved[key];
  };
  const choose =
    <K extends 'customerType' | 'requestType' | 'category'>(key: K) =>
    (value: UpdatePatch[K]) =>
      savePatch(key, { [key]: value } as UpdatePatch);
  const suggest = (prefix: string) =>
    void api.suggestReasons({ prefix }).then((r) => {
      if (r.ok) setReasons(r.value);
    });

  return (
    <section className="fields-grid">
      <SavedTextField id="f-salutation" label={t('field.salutation')} placeholder={t('field.salutationHint')} value={record.salutation} error={errors.salutation} onSave={text('salutation')} {...keep('salutation')} />
      <SavedTextField id="f-phone" label={t('field.phone')} value={record.phoneLast4} error={errors.phone} onSave={text('phone')} {...keep('phone')} />
      <ChoiceField id="f-customer-type" label={t('field.customerType')} options={CUSTOMER_TYPES} vocabulary="customerType" value={record.customerType} error={errors.customerType} onChange={choose('customerType')} />
      <ChoiceField id="f-request-type" label={t('field.requestType')} options={REQUEST_TYPES} vocabulary="requestType" value={record.requestType} error={errors.requestType} onChange={choose('requestType')} />
      <ChoiceField id="f-category" label={t('field.category')} options={CATEGORIES} vocabulary="category" value={record.category} error={errors.category} onChange={choose('category')} />
      {/* Priority levels come from the policy the record is judged by. */}
      <Field id="f-priority" label={t('field.priority')} error={errors.priority}>
        <SavedSelect id="f-priority" value={record.priority ?? ''} invalid={Boolean(errors.priority)} onSave={(value) => savePatch('priority', { priority: value === '' ? null : value })}>
          <option value="">{t('field.none')}</option>
          {policy?.priorities.map((level) => (
            <option key={level.key} value={level.key}>
              {level.label[lang]}
            </option>
          ))}
        </SavedSelect>
      </Field>
      <SavedTextField id="f-reason" label={t('field.reason')} placeholder={t('field.reasonHint')} value={record.reason} error={errors.reason} onSave={text('reason')} {...keep('reason')} list="reason-suggestions" onType={suggest} wide />
      <datalist id="reason-suggestions">
        {reasons.map((r) => (
          <option key={r} value={r} />
        ))}
      </datalist>
      <SavedTextField id="f-handler" label={t('field.handler')} value={record.handler} error={errors.handler} onSave={text('handler')} {...keep('handler')} />
    </section>
  );
}

import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { REFUSAL_CODES } from '../../../shared/api/refusals';
import { ERROR_CODES } from '../../../shared/api/result';
import { DICTIONARIES, type MessageKey } from '../../../shared/i18n';
import { refuse } from '../../../shared/i18n/refusals';
import { checkedPolicy } from '../../../electron/records/policies';
import { defaultPolicy } from '../../../shared/policy/defaults';
import { HotlineError } from '../../../shared/api/result';
import { openTestDesk, type TestDesk } from '../../helpers/tempStore';

/** The {placeholders} a text fills, sorted: a translation must fill the same ones. */
const placeholders = (text: string) => [...text.matchAll(/\{(\w+)[|}]/g)].map((m) => m[1]).sort();

describe('every refusal from the main process is said in both languages', () => {
  it.each(ERROR_CODES)('error code %s has a zh and an en text', (code) => {
    const key = `error.${code}` as MessageKey;
    expect(DICTIONARIES.en[key], 'en').toMatch(/\S/);
    expect(DICTIONARIES.zh[key], 'zh').toMatch(/\S/);
  });

  it.each(REFUSAL_CODES)('refusal %s has a zh and an en text with the same placeholders', (code) => {
    const key = `refusal.${code}` as MessageKey;
    expect(DICTIONARIES.en[key], 'en').toMatch(/\S/);
    expect(DICTIONARIES.zh[key], 'zh').toMatch(/\S/);
    expect(placeholders(DICTIONARIES.zh[key])).toEqual(placeholders(DICTIONARIES.en[key]));
  });

  it('refuse() carries the code and its data, and the English text as the message', () => {
    const error = refuse('name_taken', { name: 'Li Na' }, 'name').toApiError();
    expect(error).toEqual({
      code: 'invalid_request',
      message: 'There is already a profile named "Li Na".',
      field: 'name',
      refusal: { code: 'name_taken', params: { name: 'Li Na' } },
    });
  });

  it('no handler refuses a request with English words only: each invalid_request goes through refuse()', () => {
    const offenders: string[] = [];
    const walk = (dir: string) => {
      for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
        const file = path.join(dir, entry.name);
        if (entry.isDirectory()) walk(file);
        else if (file.endsWith('.ts') && /HotlineError\(\s*'invalid_request'\s*,\s*[`'"]/.test(fs.readFileSync(file, 'utf8'))) offenders.push(file);
      }
    };
    walk(path.resolve(__dirname, '../../../electron'));
    expect(offenders).toEqual([]);
  });
});

describe('a refusal crosses the process boundary with its code', () => {
  let desk: TestDesk;
  beforeEach(async () => {
    desk = await openTestDesk();
  });
  afterEach(async () => {
    await desk.close();
  });

  it('a step with no text is refused as step_required, not as an English sentence only', async () => {
    const call = await desk.ok('startCall', {});
    const result = await desk.call('addStep', { id: call.id, text: '  ' });
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid_request', field: 'step', refusal: { code: 'step_required', params: {} } } });
  });

  it('a phone number in a policy label is refused as phone_in_policy, with how many places', () => {
    const policy = defaultPolicy('Asia/Shanghai');
    const labelled = { ...policy, priorities: policy.priorities.map((level, i) => (i === 0 ? { ...level, label: { ...level.label, zh: '紧急 13800138000' } } : level)) };
    let refused: unknown;
    try {
      checkedPolicy(labelled);
    } catch (error) {
      refused = error;
    }
    expect(refused).toBeInstanceOf(HotlineError);
    expect((refused as HotlineError).toApiError()).toMatchObject({ code: 'invalid_policy', refusal: { code: 'phone_in_policy', params: { n: 1 } } });
  });
});

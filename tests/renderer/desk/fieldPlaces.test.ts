import { describe, expect, it } from 'vitest';
import { translate, type MessageKey } from '../../../shared/i18n';
import { fieldSelector, unsavedLabels } from '../../../renderer/src/features/desk/fieldPlaces';

const zh = (key: MessageKey) => translate('zh', key);

describe('where a desk error belongs', () => {
  it('finds the input of a field and of a miss reason row', () => {
    expect(fieldSelector('result')).toBe('#f-result');
    expect(fieldSelector('missReason-secondResponse-1')).toBe('[data-testid="miss-secondResponse-1"] select');
    // The action's own key has no field: the refusal stays beside the button alone.
    expect(fieldSelector('actions')).toBeNull();
  });

  it('names the fields not saved, each once, in the reader\'s language', () => {
    expect(unsavedLabels(['phone', 'result', 'missReason-response-0', 'missReasons'], zh)).toEqual(['联系方式（仅保留后四位）', '处理结果', '未达标原因']);
  });
});

import type { ImportProblem } from '../../../../shared/api/archive';
import type { Lang } from '../../../../shared/i18n';

/** A problem's or note's reason in the screen's language. */
export function reasonText(_lang: Lang, item: ImportProblem): string {
  return item.reason;
}

import { describe, expect, it } from 'vitest';
import { cssString, pageRules } from '../../../renderer/src/features/report/pageFooter';

/** Reads a CSS string literal back the way a CSS tokenizer does (escapes: \\ \" and \A for a line break). */
function readCssString(literal: string): string {
  expect(literal.startsWith('"') && literal.endsWith('"')).toBe(true);
  return literal.slice(1, -1).replace(/\\A ?|\\(.)/g, (whole, ch: string | undefined) => (ch === undefined ? '\n' : ch));
}

describe('the report page’s footer rules', () => {
  it('keeps any profile name as typed: quotes and backslashes cannot end the string or break the rule', () => {
    for (const name of ['郑建国', 'O"Brien', 'back\\slash', 'ends with \\', '"; } @page { margin: 0']) {
      const literal = cssString(name);
      expect(readCssString(literal)).toBe(name);
      // Inside the literal, every quote is escaped: the rule around it stays one declaration.
      expect(literal.slice(1, -1)).not.toMatch(/(^|[^\\])(\\\\)*"/);
    }
    expect(readCssString(cssString('two\nlines'))).toBe('two lines');
  });

  it('puts the page counters where the translated label has them, in either language', () => {
    expect(pageRules(['x'], 'Page {page} / {pages}')).toContain('content: "Page " counter(page) " / " counter(pages);');
    expect(pageRules(['x'], '第 {page} / {pages} 页')).toContain('content: "第 " counter(page) " / " counter(pages) " 页";');
  });

  it('sets A4 and writes the footer lines one under the other', () => {
    const rules = pageRules(['Period 2024-06-01 – 2024-06-30', 'Scope: Desk A03'], 'Page {page} / {pages}');
    expect(rules).toMatch(/size: A4;/);
    expect(rules).toContain('content: "Period 2024-06-01 – 2024-06-30" "\\A" "Scope: Desk A03";');
  });
});

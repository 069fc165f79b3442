/**
 * A customer named as seed 004 names them, "XX公司/张三", reduced to what the
 * app keeps (SPEC: customers are named by salutation only): an enterprise
 * customer when a company is named (the company's name is not kept), and the
 * contact's family name with an asterisk (张*), as the paper sheet writes *女士.
 */

/** Two-character family names: the salutation keeps both characters. */
const COMPOUND_SURNAMES = new Set(['欧阳', '司马', '上官', '诸葛', '东方', '皇甫', '尉迟', '公孙', '慕容', '令狐', '长孙', '宇文', '司徒', '夏侯', '轩辕', '端木', '独孤', '南宫', '西门', '澹台', '公冶', '申屠']);
const COMPANY = /(公司|集团|企业|银行|医院|学校|大学|中心|厂|店|局|所|院|部|有限|股份|co\.?|ltd\.?|inc\.?|corp\.?|gmbh|llc)$/i;
const TITLE = /(先生|女士|小姐|经理|总监|主管|老师|工|总)$/;

/**
 * @example salutationOf('XX公司/张三') // { enterprise: true, salutation: '张*' }
 * @example salutationOf('王女士') // { enterprise: false, salutation: '王女士' }
 */
export function salutationOf(text: string | null): { enterprise: boolean; salutation: string | null } {
  if (text === null) return { enterprise: false, salutation: null };
  const parts = text.split(/[/／\\|｜,，、]/).map((p) => p.trim()).filter((p) => p !== '');
  const company = parts.find((p) => COMPANY.test(p));
  const person = parts.find((p) => p !== company) ?? null;
  return { enterprise: company !== undefined, salutation: person === null ? null : reduce(person) };
}

/** A person's name as a salutation: already masked (张*) or a title (王女士) stays; a full name keeps the family name. */
function reduce(name: string): string {
  if (name.includes('*') || TITLE.test(name)) return name;
  if (/^[\u3400-\u9fff]+$/.test(name)) return `${COMPOUND_SURNAMES.has(name.slice(0, 2)) && name.length > 2 ? name.slice(0, 2) : name.slice(0, 1)}*`;
  // A Latin name: its last word is the family name (Zhang San is written San Zhang as often as not; either way one word is kept).
  const words = name.split(/\s+/);
  return `${words[words.length - 1]} *`;
}

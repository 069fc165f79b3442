/**
 * A value on one line of at most `max` characters: line breaks and runs of spaces
 * become one space, and a longer value is cut with "…". `cut` says whether it was,
 * so the reader is offered the whole.
 * @example oneLine('a\n\nb', 10) // { text: 'a b', cut: false }
 */
export function oneLine(value: string, max: number): { text: string; cut: boolean } {
  const flat = value.replace(/\s+/g, ' ').trim();
  // By code points: a cut never splits a character outside the BMP in two.
  const chars = [...flat];
  if (chars.length <= max) return { text: flat, cut: false };
  return { text: `${chars.slice(0, Math.max(1, max - 1)).join('').trimEnd()}…`, cut: true };
}

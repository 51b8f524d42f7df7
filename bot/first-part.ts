/**
 * The part of a long message that is screened: runs of blanks squeezed (padding cannot push a
 * push out of reach), then the first `max` characters. A message over the size limit is screened
 * on its first part, never skipped.
 */
export function firstPart(text: string, max: number): string {
  if (text.length <= max) return text;
  const squeezed = text.replace(/\s{2,}/g, (run) => (run.includes("\n") ? "\n" : " ")).trim();
  if (squeezed.length <= max) return squeezed;
  const code = squeezed.charCodeAt(max - 1);
  // Never end on half a surrogate pair.
  return squeezed.slice(0, code >= 0xd800 && code <= 0xdbff ? max - 1 : max);
}

/** Inline text safe inside Markdown: one line, punctuation that Markdown reads escaped. */
export function escapeMarkdown(text: string): string {
  // Only at the start of a line does # > + - open a block.
  return escapeInline(text).replace(/^(\s*)([#>+-])/, "$1\\$2");
}

/** As escapeMarkdown, for places no block can start (table cells). */
function escapeInline(text: string): string {
  return text.replace(/\s*[\r\n]+\s*/g, " ").replace(/([\\`*_[\]<>|~])/g, "\\$1");
}

/** A Markdown blockquote of the text, every line prefixed, inline markup escaped. */
export function blockquote(text: string): string {
  return text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line, i, all) => line || (i > 0 && i < all.length - 1))
    .map((line) => `> ${escapeMarkdown(line)}`)
    .join("\n");
}

/** A Markdown table; cells are escaped. */
export function table(header: string[], rows: (string | number)[][], align: ("l" | "r")[] = []): string {
  const cell = (v: string | number) => escapeInline(String(v));
  const sep = header.map((_, i) => (align[i] === "r" ? "---:" : "---"));
  return [header.map(cell), sep, ...rows.map((r) => r.map(cell))].map((r) => `| ${r.join(" | ")} |`).join("\n");
}

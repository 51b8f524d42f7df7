/** The bot's name after @ or a full-width ＠ (as Chinese keyboards type it), followed by `tail`. */
export function mentionOf(botName: string, tail = ""): RegExp {
  const escaped = botName.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  return new RegExp(`[@＠]${escaped}${tail}`, "g");
}

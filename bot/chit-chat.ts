/** Greetings, thanks, acknowledgements, laughter and emoji: nothing a reply is owed for. */
const CHIT_CHAT =
  /^(?:你好|您好|hi|hello|在吗|在不在|早上好|晚上好|谢谢|多谢|感谢|谢了|辛苦了|好的|好|嗯+|哦+|噢|收到|ok|okay|明白|知道了|哈+|呵+|嘿+|[\p{Extended_Pictographic}\u200d\ufe0f]+)[\s。，,.！!？?~～…]*$/iu;

/** True for a message to the bot that is chit-chat, not a question or a command. */
export function isChitChat(text: string): boolean {
  return CHIT_CHAT.test(text.trim());
}

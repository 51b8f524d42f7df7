/** Greetings, thanks, acknowledgements and laughter: nothing a reply is owed for. */
const WORDS = [
  "你好", "您好", "hi", "hello", "在吗", "在不在", "早上好", "晚上好",
  "谢谢", "多谢", "感谢", "谢了", "辛苦了", "好的", "好", "嗯+", "哦+", "噢", "收到",
  "ok", "okay", "明白", "知道了", "哈+", "呵+", "嘿+",
];
const CHIT_CHAT = new RegExp(`^(?:${WORDS.join("|")}|[\\p{Extended_Pictographic}\\u200d\\ufe0f]+)[\\s。，,.！!？?~～…]*$`, "iu");

/** True for a message to the bot that is chit-chat (or only emoji), not a question or a command. */
export function isChitChat(text: string): boolean {
  return CHIT_CHAT.test(text.trim());
}

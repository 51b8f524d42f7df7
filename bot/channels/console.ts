import { randomBytes } from "node:crypto";
import { createInterface } from "node:readline";
import type { Logger } from "../../src/logger.js";
import type { IncomingMessage, OutgoingMessage } from "../../src/types.js";
import type { Channel, MessageHandler, ReplyRoute, SendTarget } from "./channel.js";
import { parseConsoleLine, stripMention } from "./console-line.js";

export interface ConsoleChannelOptions {
  input: NodeJS.ReadableStream & { isTTY?: boolean };
  output: NodeJS.WritableStream;
  botName: string;
  /** Who says a line without `名字:`. Default 社区工作者. */
  defaultMember?: string;
  logger: Logger;
}

/** The console channel; `done` resolves when the input has ended and every line was handled. */
export interface ConsoleChannel extends Channel {
  readonly done: Promise<void>;
}

export const CONSOLE_GROUP_ID = "console";
export const CONSOLE_GROUP_NAME = "控制台群";

/**
 * An interactive terminal "group": each line is a message from a member, replies are printed
 * as the group would see them. With piped input, lines are handled one after another and `done`
 * resolves at the end, so a script can exit.
 */
export function createConsoleChannel(opts: ConsoleChannelOptions): ConsoleChannel {
  const { input, output, botName, logger } = opts;
  const tty = Boolean(input.isTTY);
  let speaker = opts.defaultMember ?? "社区工作者";
  // Ids stay unique across runs: the store remembers handled ids, and a reused one would be dropped.
  const run = `${Date.now().toString(36)}${randomBytes(3).toString("hex")}`;
  let seq = 0;
  let finish: () => void = () => {};
  const done = new Promise<void>((resolve) => (finish = resolve));
  let rl: ReturnType<typeof createInterface> | undefined;

  const print = (text: string): void => void output.write(`${text}\n`);
  const prompt = (): void => {
    if (!tty || !rl) return;
    rl.setPrompt(`${speaker}> `);
    rl.prompt();
  };

  async function handleLine(line: string, handler: MessageHandler): Promise<void> {
    const parsed = parseConsoleLine(line);
    switch (parsed.kind) {
      case "empty":
        return;
      case "help":
        return print(helpText(botName, speaker));
      case "as":
        speaker = parsed.name;
        return print(`（现在以「${speaker}」的身份发言）`);
      case "quit":
        rl?.close();
        return;
      case "unknown":
        return print(`（未知命令：${parsed.command}，输入 /help 查看用法）`);
    }
    const name = parsed.speaker ?? speaker;
    const { text, mentioned } = stripMention(parsed.text, botName);
    if (!text) return;
    const message: IncomingMessage = {
      channel: "console",
      messageId: `console-${run}-${++seq}`,
      groupId: parsed.private ? undefined : CONSOLE_GROUP_ID,
      groupName: parsed.private ? undefined : CONSOLE_GROUP_NAME,
      senderId: name,
      senderName: name,
      text,
      mentionsBot: parsed.private || mentioned,
      time: new Date(),
    };
    const route: ReplyRoute = { private: parsed.private, name };
    try {
      // Lines are answered in order: the next one waits for this one's replies.
      const { answered } = await handler({ message, route, reply: (out) => reply(route, out) });
      await answered;
    } catch (err) {
      logger.error({ err, messageId: message.messageId }, "console handler failed");
      print("（处理出错，详见日志）");
    }
  }

  async function reply(route: ReplyRoute, out: OutgoingMessage): Promise<void> {
    if (route.private) return print(`【私聊 → ${String(route.name)}】${out.text}`);
    const at = (out.atUserIds ?? [String(route.name)]).map((id) => `@${id} `).join("");
    print(`【${botName}】${at}${out.text}`);
  }

  return {
    name: "console",
    maxLength: 100_000,
    markdown: false,
    rateLimited: false,
    connected: true,
    done,
    reply,

    async start(handler) {
      rl = createInterface({ input, output: tty ? output : undefined, terminal: tty });
      if (tty) print(`已进入「${CONSOLE_GROUP_NAME}」。输入 /help 查看用法。`);
      const lines = rl;
      void (async () => {
        try {
          prompt();
          // Lines are handled one at a time, so replies come out in order.
          for await (const line of lines) {
            await handleLine(line, handler);
            prompt();
          }
        } catch (err) {
          logger.error({ err }, "console input failed");
        } finally {
          finish();
        }
      })();
    },

    async send(target: SendTarget, out: OutgoingMessage) {
      const to = target.kind === "user" ? `私聊 → ${target.id}` : `群 → ${target.id === CONSOLE_GROUP_ID ? CONSOLE_GROUP_NAME : target.id}`;
      print(`【${to}】${out.text}`);
    },

    async stop() {
      rl?.close();
      if (rl) await done;
    },
  };
}

function helpText(botName: string, speaker: string): string {
  return [
    "用法：",
    "  张三: 各社区周五前完成商铺燃气检查   以「张三」的身份在群里发言（中英文冒号均可）",
    `  @${botName} 拆违归社区吗？            @机器人提问`,
    `  直接输入文字                        以当前身份「${speaker}」发言`,
    "  /as 李四                            切换当前发言人",
    "  /private 文本（或 /私聊 文本）       私聊机器人",
    "  /help                               显示本说明",
    "  /quit                               退出",
  ].join("\n");
}

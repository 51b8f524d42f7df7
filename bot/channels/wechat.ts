import qrcodeTerminal from "qrcode-terminal";
import { ScanStatus, WechatyBuilder, type Contact, type Message, type Room } from "wechaty";
import type { WechatyOptions } from "wechaty";
import type * as PUPPET from "wechaty-puppet";
import type { Logger } from "../../src/logger.js";
import type { IncomingMessage, OutgoingMessage } from "../../src/types.js";
import { mentionOf } from "../mention.js";
import type { Channel, MessageHandler, ReplyRoute, SendTarget } from "./channel.js";
import { createDeduper } from "./dedupe.js";
import { SendError } from "./send-error.js";
import { createSendQueue } from "./send-queue.js";
import { splitText } from "./split.js";

export interface WechatChannelOptions {
  /** A puppet's npm name (WECHATY_PUPPET, default wechaty-puppet-wechat4u), or a puppet instance (tests). */
  puppet?: string | PUPPET.impls.PuppetInterface;
  /** WECHATY_PUPPET_SERVICE_TOKEN: use wechaty-puppet-service with this token. */
  token?: string;
  /** WECHAT_ROOMS: room topics or ids to serve; empty serves every room. */
  rooms: string[];
  botName: string;
  logger: Logger;
  /** Memory name, so the login survives restarts (a `<name>.memory-card.json` file). None keeps it in memory. */
  name?: string;
  /** Least time between two sends to the same room or contact. Default 1500 ms; tests use 0. */
  minSendGapMs?: number;
  /** Where the login QR code goes. Default: drawn on stdout. */
  onScan?: (qrcode: string, status: ScanStatus) => void;
}

export interface WechatChannel extends Channel {
  /** Whether an account is logged in now. */
  readonly loggedIn: boolean;
}

/** A puppet error that names a timeout may have been sent; others were refused. */
function sendFailure(err: unknown): SendError {
  const text = String(err);
  const outcome = /timeout|timed out|deadline/i.test(text) ? "unknown" : "rejected";
  return new SendError(`微信发送失败：${text}`, outcome, undefined, undefined, { cause: err });
}

/** WeChat shows long messages folded; beyond this they are hard to read and may be refused. */
const MAX_LENGTH = 1800;

/** WeChat through wechaty: every text message of the allowed rooms and private chats. */
export function createWechatChannel(opts: WechatChannelOptions): WechatChannel {
  const { logger, botName } = opts;
  const bot = WechatyBuilder.build(wechatyOptions(opts));
  const queue = createSendQueue(opts.minSendGapMs ?? 1500);
  const dedupe = createDeduper();
  const allowed = new Set(opts.rooms);
  const inFlight = new Set<Promise<void>>();
  let handler: MessageHandler | undefined;
  let loggedIn = false;

  bot.on("scan", (qrcode, status) => (opts.onScan ?? printQr)(qrcode, status));
  bot.on("login", (user) => {
    loggedIn = true;
    logger.info({ user: user.name() }, "wechat logged in");
  });
  bot.on("logout", (user) => {
    loggedIn = false;
    logger.warn({ user: user.name() }, "wechat logged out");
  });
  bot.on("error", (err) => logger.error({ err: String(err) }, "wechaty error"));
  bot.on("message", (msg) => {
    const task = onMessage(msg)
      .catch((err) => logger.error({ err, messageId: msg.id }, "wechat message failed"))
      .finally(() => inFlight.delete(task));
    inFlight.add(task);
  });

  async function roomAllowed(room: Room): Promise<boolean> {
    return allowed.size === 0 || allowed.has(room.id) || allowed.has(await room.topic());
  }

  async function onMessage(msg: Message): Promise<void> {
    if (!handler || msg.self() || msg.type() !== bot.Message.Type.Text) return;
    const room = msg.room();
    if (room && !(await roomAllowed(room))) return;
    const talker = msg.talker();
    if (talker.type() === bot.Contact.Type.Official || dedupe.has(msg.id)) return;

    const { text, mentioned } = await stripBotMention(msg, room);
    if (!text) return;
    const message: IncomingMessage = {
      channel: "wechat",
      messageId: msg.id,
      groupId: room?.id,
      groupName: room ? await room.topic() : undefined,
      senderId: talker.id,
      senderName: (room && (await room.alias(talker))) || talker.name(),
      text,
      mentionsBot: room ? mentioned : true,
      time: msg.date(),
    };
    const route: ReplyRoute = { room: room?.id ?? null, talker: talker.id };
    await handler({ message, route, reply: (out) => reply(route, out) });
    dedupe.seen(msg.id);
  }

  async function reply(route: ReplyRoute, out: OutgoingMessage): Promise<void> {
    const pieces = splitText(out.text, { maxLength: MAX_LENGTH - 40 });
    const talker = await bot.Contact.find({ id: String(route.talker) });
    const room = route.room ? await bot.Room.find({ id: String(route.room) }) : undefined;
    if (route.room ? !room : !talker) throw new SendError(`未找到微信${route.room ? "群" : "联系人"}`, "rejected", 404);
    const mentions = out.atUserIds ? await contacts(out.atUserIds) : talker ? [talker] : [];
    for (const [i, piece] of pieces.entries()) {
      const to = (room ?? talker)!;
      const at = room && i === 0 ? mentions : [];
      await queue.run(to.id, () => (room ? room.say(piece, ...at) : to.say(piece))).catch((err: unknown) => {
        throw sendFailure(err);
      });
    }
  }

  /** The text without the @ of the bot, and whether there was one (wechaty's list, or typed out). */
  async function stripBotMention(msg: Message, room: Room | undefined): Promise<{ text: string; mentioned: boolean }> {
    let text = msg.text().trim();
    if (!room) return { text, mentioned: true };
    let mentioned = await msg.mentionSelf();
    const self = bot.currentUser;
    const names = new Set([botName, self.name(), (await room.alias(self)) ?? ""].filter(Boolean));
    for (const name of names) {
      const re = mentionOf(name, "(?:[\\u2005\\u0020]|$)");
      if (re.test(text)) {
        mentioned = true;
        text = text.replace(re, " ");
      }
    }
    return { text: text.replace(/\s+/g, " ").trim(), mentioned };
  }

  async function contacts(ids: string[]): Promise<Contact[]> {
    const found = await Promise.all(ids.map((id) => bot.Contact.find({ id })));
    return found.filter((c): c is Contact => Boolean(c));
  }

  return {
    name: "wechat",
    maxLength: MAX_LENGTH,
    markdown: false,
    rateLimited: true,
    get loggedIn() {
      return loggedIn;
    },
    get connected() {
      return loggedIn;
    },
    reply,

    async start(h) {
      handler = h;
      await bot.start();
    },

    async send(target: SendTarget, out: OutgoingMessage) {
      if (!loggedIn) throw new SendError("微信尚未登录，无法发送", "rejected");
      const to = target.kind === "group" ? await bot.Room.find({ id: target.id }) : await bot.Contact.find({ id: target.id });
      if (!to) throw new SendError(`未找到微信${target.kind === "group" ? "群" : "联系人"}：${target.id}`, "rejected", 404);
      for (const piece of splitText(out.text, { maxLength: MAX_LENGTH })) {
        await queue.run(to.id, () => to.say(piece)).catch((err: unknown) => {
          throw sendFailure(err);
        });
      }
    },

    async stop() {
      handler = undefined;
      await Promise.allSettled([...inFlight]);
      await queue.idle();
      await bot.stop();
    },
  };
}

function wechatyOptions(opts: WechatChannelOptions): WechatyOptions {
  const base = opts.name ? { name: opts.name } : {};
  if (opts.puppet && typeof opts.puppet !== "string") return { ...base, puppet: opts.puppet };
  if (opts.token) return { ...base, puppet: "wechaty-puppet-service", puppetOptions: { token: opts.token } };
  const puppet = (opts.puppet ?? "wechaty-puppet-wechat4u") as "wechaty-puppet-wechat4u";
  return { ...base, puppet };
}

function printQr(qrcode: string, status: ScanStatus): void {
  if (status !== ScanStatus.Waiting && status !== ScanStatus.Timeout) return;
  qrcodeTerminal.generate(qrcode, { small: true }, (art) => {
    process.stdout.write(`请用微信扫码登录：\n${art}\n也可以打开 https://wechaty.js.org/qrcode/${encodeURIComponent(qrcode)}\n`);
  });
}

import { mkdirSync } from "node:fs";
import type { Config } from "../src/config.js";
import type { Logger } from "../src/logger.js";
import type { Channel } from "./channels/channel.js";
import { createConsoleChannel } from "./channels/console.js";

/** Streams the console channel reads and writes. */
export interface ChannelIo {
  input: NodeJS.ReadableStream;
  output: NodeJS.WritableStream;
}

/**
 * The channels config.channels names, configured from the environment. The DingTalk and WeChat
 * libraries are loaded only when their channel is configured (wechaty alone takes a second).
 */
export async function createChannels(config: Config, logger: Logger, io?: ChannelIo): Promise<Channel[]> {
  const channels: Channel[] = [];
  for (const name of config.channels) {
    const log = logger.child({ channel: name });
    if (name === "dingtalk") {
      const { createDingtalkChannel } = await import("./channels/dingtalk.js");
      channels.push(
        createDingtalkChannel({
          clientId: config.DINGTALK_CLIENT_ID!,
          clientSecret: config.DINGTALK_CLIENT_SECRET!,
          robotCode: config.DINGTALK_ROBOT_CODE,
          gatewayUrl: config.DINGTALK_GATEWAY_URL,
          apiBase: config.DINGTALK_API_BASE,
          botName: config.BOT_NAME,
          logger: log,
        }),
      );
    } else if (name === "wechat") {
      const { createWechatChannel } = await import("./channels/wechat.js");
      // The login is kept in DATA_DIR/wechat.memory-card.json across restarts.
      mkdirSync(config.DATA_DIR, { recursive: true, mode: 0o700 });
      channels.push(
        createWechatChannel({
          puppet: config.WECHATY_PUPPET,
          token: config.WECHATY_PUPPET_SERVICE_TOKEN,
          rooms: config.WECHAT_ROOMS,
          botName: config.BOT_NAME,
          logger: log,
          name: `${config.DATA_DIR}/wechat`,
        }),
      );
    } else {
      channels.push(
        createConsoleChannel({
          input: io?.input ?? process.stdin,
          output: io?.output ?? process.stdout,
          botName: config.BOT_NAME,
          logger: log,
        }),
      );
    }
  }
  return channels;
}

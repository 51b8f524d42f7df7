import { mkdirSync } from "node:fs";
import type { Config } from "../src/config.js";
import type { Logger } from "../src/logger.js";
import type { Channel } from "./channels/channel.js";
import { createConsoleChannel } from "./channels/console.js";
import { createDingtalkChannel } from "./channels/dingtalk.js";
import { createWechatChannel } from "./channels/wechat.js";

/** Streams the console channel reads and writes. */
export interface ChannelIo {
  input: NodeJS.ReadableStream;
  output: NodeJS.WritableStream;
}

/** The channels config.channels names, configured from the environment. */
export function createChannels(config: Config, logger: Logger, io?: ChannelIo): Channel[] {
  return config.channels.map((name) => {
    const log = logger.child({ channel: name });
    switch (name) {
      case "dingtalk":
        return createDingtalkChannel({
          clientId: config.DINGTALK_CLIENT_ID!,
          clientSecret: config.DINGTALK_CLIENT_SECRET!,
          robotCode: config.DINGTALK_ROBOT_CODE,
          gatewayUrl: config.DINGTALK_GATEWAY_URL,
          apiBase: config.DINGTALK_API_BASE,
          botName: config.BOT_NAME,
          logger: log,
        });
      case "wechat":
        // The login is kept in DATA_DIR/wechat.memory-card.json across restarts.
        mkdirSync(config.DATA_DIR, { recursive: true });
        return createWechatChannel({
          puppet: config.WECHATY_PUPPET,
          token: config.WECHATY_PUPPET_SERVICE_TOKEN,
          rooms: config.WECHAT_ROOMS,
          botName: config.BOT_NAME,
          logger: log,
          name: `${config.DATA_DIR}/wechat`,
        });
      default:
        return createConsoleChannel({
          input: io?.input ?? process.stdin,
          output: io?.output ?? process.stdout,
          botName: config.BOT_NAME,
          logger: log,
        });
    }
  });
}

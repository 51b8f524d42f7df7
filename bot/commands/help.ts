import type { BotContext } from "./context.js";

/** The help text, naming the bot as configured. */
export function helpText(botName: string, supervisor: boolean): string {
  const lines = [
    `您好，我是${botName}，帮社区核对哪些工作该做、哪些不该接。可以这样用：`,
    `· 直接提问：@${botName} 街道让我们查商铺燃气，这是社区的事吗？`,
    "· 追问：“那锅炉呢？”（几分钟内接着上一个问题）",
    "· 搜 关键词：查找相关条目，如“搜 证明”",
    "· 清单 负面｜履职｜协助｜证明：查看整张清单",
    "· 查 关键词（或“查：关键词”）：同“搜”",
    "· 看看负面清单、打开证明清单：查看整张清单（按本群地区适用的清单）",
    "· 第7项、第七项：查看清单中的一项（接着上次看的清单，默认负面清单；也可写“负面第7类”“协助清单第二十项”或 gansu/negative/7）",
    "· doc/文件编号#p段号：查看引用的原文段落，如 doc/huanxian-2023#p130",
    "· 地区：查看本群所在地区和适用的清单",
    "· 反馈 意见：对我刚才的答复提意见（如“反馈 这件事其实是协助清单的”），会记下来供复核",
    "· 核查 + 粘贴的通知：帮您判断一条通知是否在给社区派不该派的活，可附“来源：XX群 / 发送人：王某”；转发人默认不出现在汇总里，愿意署名可写“同意署名”",
  ];
  if (supervisor) {
    lines.push(
      "督导可用：",
      "· 汇总：查看待处理的标记",
      "· 确认 12：确认第 12 号标记",
      "· 误报 12 原因：把第 12 号标记为误报",
      "· 为什么 12：第 12 号标记是怎么判断出来的",
      "· 地区 云南省昆明市西山区：设置本群所在地区（“地区 清除”恢复配置）",
    );
  }
  return lines.join("\n");
}

/** `帮助` */
export async function handleHelp(ctx: BotContext, supervisor: boolean): Promise<void> {
  await ctx.replyText(helpText(ctx.deps.config.BOT_NAME, supervisor));
}

import { itemTitle } from "../../src/knowledge/labels.js";
import { UserError } from "../../src/errors.js";
import type { CliCommand } from "./command.js";

const item: CliCommand = {
  name: "item",
  summary: "查看一个条目（如 gansu/negative/7）",
  usage: "item <条目 id>",
  async run(ctx) {
    const id = ctx.args[0];
    const it = id ? (await ctx.engine()).kb.item(id) : undefined;
    if (!it) throw new UserError(`未知的条目：${id ?? "（未给出）"}，条目 id 形如 gansu/negative/7`);
    const lines = [`${it.id}  ${itemTitle(it)}`, it.text];
    if (it.basis) lines.push(`工作依据：${it.basis}`);
    if (it.reason) lines.push(`列入原因：${it.reason}`);
    lines.push(`来源：doc/${it.source}`);
    ctx.stdout.write(lines.join("\n") + "\n");
    return 0;
  },
};

export default item;

import { UserError } from "../../src/errors.js";
import type { CliCommand } from "./command.js";

const list: CliCommand = {
  name: "list",
  summary: "列出一张清单的全部条目",
  usage: "list <清单 id，如 gansu/negative、gansu/duty、gansu/assist、national/no-certificate>",
  async run(ctx) {
    const id = ctx.args[0];
    const kb = (await ctx.engine()).kb;
    const def = id ? kb.list(id) : undefined;
    if (!def) throw new UserError(`未知的清单：${id ?? "（未给出）"}。可选：${kb.lists.map((l) => l.id).join("、")}`);
    ctx.stdout.write(`${def.name}（${def.items.length} 项）\n`);
    for (const it of def.items) ctx.stdout.write(`${it.number}. ${it.type ? `【${it.type}】` : ""}${it.text}\n`);
    for (const [i, n] of def.notes.entries()) ctx.stdout.write(`${i === 0 ? "备注：" : "　　　"}${i + 1}. ${n}\n`);
    return 0;
  },
};

export default list;

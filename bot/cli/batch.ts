import { parseArgs } from "node:util";
import { UserError } from "../../src/errors.js";
import { processBatchLine } from "./batch-line.js";
import type { CliCommand } from "./command.js";
import { useLlm } from "./llm-flag.js";
import { openOutput } from "./output.js";
import { readLines } from "./read-lines.js";

const batch: CliCommand = {
  name: "batch",
  summary: "批量问答/筛查：每行一个 JSON（见 CONTRACT.md）",
  usage: "batch --in CASES.jsonl|- --out PREDICTIONS.jsonl|- [--llm] [--explain]",
  async run(ctx) {
    const { values } = parseArgs({
      args: ctx.args,
      options: { in: { type: "string" }, out: { type: "string" }, llm: { type: "boolean", default: false }, explain: { type: "boolean", default: false } },
    });
    if (!values.in || !values.out) throw new UserError("用法：batch --in CASES.jsonl --out PREDICTIONS.jsonl（- 表示标准输入/输出）");
    const lines = readLines(values.in, ctx.stdin);
    const llm = useLlm(ctx, values.llm);
    const engine = await ctx.engine();
    const out = await openOutput(values.out, ctx.stdout);
    let n = 0;
    for await (const line of lines) {
      n++;
      // A blank line is no case: it gets no output line.
      if (!line.trim()) continue;
      const result = await processBatchLine(engine, line, n, { llm, maxLength: ctx.config.MAX_TEXT_LENGTH, explain: values.explain, botName: ctx.config.BOT_NAME });
      // Written line by line, so a long run can be followed and a crash keeps what was done.
      if (!out.write(JSON.stringify(result) + "\n")) await new Promise((r) => out.once("drain", r));
    }
    if (out !== ctx.stdout) await new Promise<void>((resolve) => out.end(() => resolve()));
    return 0;
  },
};

export default batch;

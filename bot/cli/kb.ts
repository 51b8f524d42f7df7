import { loadKnowledgeBase } from "../../src/knowledge/load.js";
import { UserError } from "../../src/errors.js";
import type { CliCommand } from "./command.js";

const kb: CliCommand = {
  name: "kb",
  summary: "知识库：validate 校验清单、来源和词表",
  usage: "kb validate [目录，默认 KNOWLEDGE_DIR]",
  async run(ctx) {
    const [sub, dir] = ctx.args;
    if (sub !== "validate") throw new UserError("用法：kb validate [目录]");
    // Throws KnowledgeError naming the file and item; the dispatcher prints it and exits 1.
    const loaded = loadKnowledgeBase(dir ?? ctx.config.KNOWLEDGE_DIR);
    const missing = loaded.items.filter((it) => !loaded.doc(it.source)?.text.includes(it.text));
    for (const it of missing) ctx.stderr.write(`条目 ${it.id} 的文字在来源 ${it.source} 中找不到（转录有误？）\n`);
    const counts = loaded.lists.map((l) => `${l.id} ${l.items.length} 项`).join("，");
    ctx.stdout.write(`知识库有效：${counts}；来源 ${loaded.docs.length} 份，段落 ${loaded.passages.length} 段；内容哈希 ${loaded.hash}\n`);
    return missing.length ? 1 : 0;
  },
};

export default kb;

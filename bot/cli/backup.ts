import { chmodSync, existsSync } from "node:fs";
import { UserError } from "../../src/errors.js";
import type { CliCommand } from "./command.js";
import { openOutput } from "./output.js";

/**
 * `backup FILE`: a consistent copy of the database while the bot runs (SQLite's online backup:
 * the bot keeps reading and writing; the copy is the state at one instant). Readable by the owner only.
 */
const backup: CliCommand = {
  name: "backup",
  summary: "在线备份数据库（机器人运行时也可执行），生成一份一致的副本",
  usage: "backup 备份文件.db",
  async run(ctx) {
    const [file, ...rest] = ctx.args;
    if (!file || rest.length) throw new UserError("请给出一个备份文件名，例如：backup backups/jianfu-2026-11-21.db");
    if (existsSync(file)) throw new UserError(`${file} 已存在，请换一个文件名（不会覆盖已有备份）`);
    // Checks the folder the same way `batch --out` does; SQLite writes the file itself.
    (await openOutput(file, ctx.stdout, 0o600)).end();
    const store = ctx.store();
    const { totalPages } = await store.db.backup(file);
    chmodSync(file, 0o600);
    ctx.stdout.write(`已备份 ${store.path} → ${file}（${totalPages} 页）\n`);
    return 0;
  },
};

export default backup;

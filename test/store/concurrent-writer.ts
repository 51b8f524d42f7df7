// Child process for the concurrency test: waits for "go" on stdin, then opens the store (racing
// the other writer on migrations) and adds COUNT flags, one transaction each.
import { createInterface } from "node:readline";
import { openSqliteStore } from "../../src/store/sqlite-store.js";

const [path, name, count] = process.argv.slice(2) as [string, string, string];
process.stdout.write("ready\n");
const rl = createInterface({ input: process.stdin });
rl.once("line", () => {
  rl.close();
  const errors: string[] = [];
  let added = 0;
  try {
    const store = openSqliteStore(path);
    for (let i = 0; i < Number(count); i++) {
      try {
        store.addFlag({
          time: new Date(Date.UTC(2026, 10, 20, 0, 0, i)),
          channel: "wechat",
          groupId: name,
          senderId: `${name}-sender`,
          text: `${name} 第${i}条：请各社区报送燃气检查台账`,
          category: "negative",
          citations: ["gansu/negative/7"],
          confidence: 0.9,
          reason: "test",
          messageId: `${name}-${i}`,
        });
        added++;
      } catch (err) {
        errors.push(String((err as { code?: string }).code ?? err));
      }
    }
    store.close();
  } catch (err) {
    errors.push(String(err));
  }
  process.stdout.write(JSON.stringify({ added, errors }) + "\n");
});

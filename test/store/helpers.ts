import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { FlagInput } from "../../src/store/store.js";

/** A fresh temp directory and a function removing it. */
export function tempDir(): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), "jianfu-store-"));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** A valid flag input; override what the test is about. */
export function flagInput(over: Partial<FlagInput> = {}): FlagInput {
  return {
    time: new Date("2026-11-20T02:00:00Z"),
    channel: "wechat",
    groupId: "g1",
    groupName: "城关街道社区工作群",
    senderId: "u1",
    senderName: "街道安监办 王某",
    text: "各社区：请于周五前完成辖区商铺燃气安全检查，并报送台账。",
    category: "negative",
    citations: ["gansu/negative/7"],
    confidence: 0.93,
    reason: "要求社区开展燃气安全检查，属负面清单事项。",
    ...over,
  };
}

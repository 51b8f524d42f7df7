import { defineRule } from "./rules.js";
import type { Gazetteer } from "./places.js";

/*
 * Where a question says the asker is: "我们是昆明西山区的社区", "湖南这边", "咱天津", "我在张家口
 * 当网格员". A place the question only talks about ("重庆那边的清单", "官渡那份答复") is not where
 * the asker is.
 */

const BEFORE = /(我们|咱们|咱|我|本)(这儿|这里|这边|村|社区)?(是|在|属于)?[^，,。？?！!]{0,4}$/;
const AFTER = /^(市|省|区|县)?[^，,。？?！!]{0,6}?(这边|这里|这儿|本地|当地|的社区|的村|的居委会|的网格员|社区|居委会|村委会)/;
const ELSEWHERE = /^[^，,。？?！!]{0,4}?(那边|那里|那儿|那份|那个|的文件|的清单|的答复|的规定|的做法|的通报|是怎么|怎么规定)/;

const located = defineRule("region.said-in-question", "问题里说了提问人所在的地方（“我们是昆明西山区的社区”“湖南这边”）", (text: string, places: Gazetteer) => {
  let best: { path: string[]; name: string } | undefined;
  for (const p of places.find(text)) {
    const before = text.slice(Math.max(0, p.at - 8), p.at);
    const after = text.slice(p.at + p.name.length, p.at + p.name.length + 12);
    if (ELSEWHERE.test(after)) continue;
    if (!BEFORE.test(before) && !AFTER.test(after)) continue;
    // A district written after its city says more: 昆明西山区, 张家口桥西区.
    const path = places.parse(text.slice(p.at, p.at + 12));
    if (!best || path.length > best.path.length) best = { path, name: p.name };
  }
  return best ? { span: best.name, detail: best.path.join("") } : null;
});

/** The place the question says the asker is in, as a region ("云南省昆明市西山区"), or undefined. */
export function regionSaidIn(text: string, places: Gazetteer): string | undefined {
  return located.fires(text, places)?.detail;
}

import { describe, expect, it } from "vitest";
import { photoQuota, vetoInAssessment, vetoTopicOnly } from "../../src/policy/burden-context.js";
import { splitClauses } from "../../src/policy/clauses.js";
import { setup } from "./fixture.js";

const { screener, cues } = setup();
const flag = (text: string) => screener.screen(text);
const burden = (text: string) => {
  const r = flag(text);
  expect(r.flagged, text).toBe(true);
  expect(r.category, text).toBe("burden");
  return r;
};
const clear = (text: string) => expect(flag(text).flagged, text).toBe(false);

describe("一票否决 needs an assessment of communities", () => {
  it("is a burden when communities are assessed with it", () => {
    burden("社区年度目标责任考核：矛盾纠纷化解不力的，当年评先资格一票否决。");
    burden("各社区注意：辖区出现群体性事件的，一票否决。");
  });

  it("is everyday speech otherwise", () => {
    clear("周末去哪玩的提议被我女儿一票否决了，只好在家看电视");
    clear("装修方案被老伴儿一票否决，说颜色太花哨🙈");
    const cl = splitClauses("爬山计划被我媳妇一票否决了");
    expect(vetoInAssessment(cl, 0, cues)).toBeUndefined();
  });

  it("a topic the veto assesses is no task, a check ordered beside it is", () => {
    expect(vetoTopicOnly("今年市容秩序整治实行一票否决,出问题的社区考核不合格", cues)).toBe(true);
    expect(vetoTopicOnly("各社区要逐店检查燃气,检查不到位的一票否决", cues)).toBe(false);
    const r = burden("考评办：今年城乡环境整治列入社区考核一票否决事项，被曝光的社区不得评优。");
    expect(r.citations[0]).toMatch(/^doc\/huanxian-2023/);
  });
});

describe("photo and check-in quotas", () => {
  it("pictures sent up with a count, a frequency or a ranking are a ledger burden", () => {
    burden("志愿服务要求：每次服务须拍摄工作照并上传“志愿汇”小程序，每人每月不少于8张。");
    burden("各社区：楼道宣传海报张贴后请拍照发到群里，每个小区不少于5张，街道排名。");
    burden("走访慰问须在平台签到并上传合影，每周统计通报上传情况。");
  });

  it("a photo without a quota is no burden", () => {
    clear("今天的义诊活动大家拍的照片可以发到群里，留个纪念");
    clear("请各社区把春节联欢会的照片挑几张发给宣传办");
    const cl = splitClauses("活动照片已上传到相册，欢迎大家下载");
    expect(photoQuota(cl, 0, cues)).toBeUndefined();
  });

  it("reducing photo reports is no burden", () => {
    clear("按照减负要求，减少走访拍照留痕，不再要求每次上传照片不少于3张。");
  });
});

describe("certificates ordered by a department's notice", () => {
  it("a notice header is the sender's, not the community notifying residents", () => {
    const r = burden("公证处通知：居民办理房产继承需社区出具亲属关系证明，请各社区配合及时出具。");
    expect(r.citations[0]).toMatch(/^national\/no-certificate\//);
    burden("车管所提醒：群众办理过户要社区开具亲属关系证明，各社区尽快开具。");
  });

  it("a resident asking for one is a question", () => {
    clear("社区能不能给我出具一个亲属关系证明？银行要的");
  });
});

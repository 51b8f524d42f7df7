import type { Clause } from "./clauses.js";
import { findCue, hasCue, type ScreenCues } from "./cues.js";
import { alt, ORDER_WORDS } from "./vocabulary.js";

/*
 * Context rules for two burdens whose cue words also occur in everyday speech:
 * - 一票否决 is a burden only when communities are assessed with it (考核, 评优, 年度考评 …);
 *   "王阿姨一票否决了我的发型" is a joke.
 * - Photos, 合影 and check-ins are a burden only as a report quota: uploaded or sent up, with a
 *   count (每月不少于100张), a frequency, or a ranking; "活动照片发群里" is no burden.
 */

// What 一票否决 must be about to be an assessment of communities.
const ASSESSMENT = /考核|考评|评优|评先|评比|评选|测评|绩效|目标责任|责任制|责任书|年终|年度|等次|不合格|优秀|先进|创文|创卫|文明城市|社区工作|工作实行|实行[“"]?一票否决|列为[^，,；;]{0,8}一票否决|纳入|列入|事项/;

/** 一票否决 used in assessing communities: the cue, or undefined for everyday speech. */
export function vetoInAssessment(clauses: Clause[], i: number, cues: ScreenCues): string | undefined {
  const cue = findCue(clauses[i].text, cues.veto);
  if (!cue) return undefined;
  const near = clauses.slice(Math.max(0, i - 1), i + 2).map((c) => c.text).join("，");
  if (ASSESSMENT.test(near)) return cue;
  // Addressed to communities: "各社区注意，出一起事故就一票否决".
  return hasCue(clauses[i].text, cues.addressee) ? cue : undefined;
}

// Taking pictures: the photo cue words plus the verbs of taking one.
export const PHOTO_ACT_WORDS = ["合影", "合照", "拍照", "拍摄", "拍张", "拍个", "拍下", "留影", "自拍", "照片", "图片", "工作照", "现场照", "截图", "视频", "打卡", "签到"];
const PHOTO_ACT = new RegExp(PHOTO_ACT_WORDS.join("|"));
// Sent up or put on a platform.
const SENT_UP = /上传|传到|发到|发至|报送|上报|提交|报给|发给|发群|录入|推送|晒到|打卡|签到/;
// Said as a demand: the order words, or 都要.
const DEMANDED = new RegExp(alt(ORDER_WORDS, ["都要"]));
// A count of pictures or check-ins, a minimum, a ranking or an assessment.
const PHOTO_QUOTA =
  /(不少于|不低于|至少|达到|不得少于|每[人户次个月周天日][^，,；;]{0,6}?)\s*\d+\s*(张|条|次|个|篇|组|段)|\d+\s*(张|条|篇|组|段)(以上|及以上)|排名|通报|考核|扣分|积分|计分|自动统计|完成率/;

/**
 * Photo and check-in reports with a quota (huanxian-2023 二(四): 痕迹资料, photo reports outside the
 * agreed table list): a picture taken, sent up or uploaded to a group or 小程序, with a count, a
 * frequency or a ranking nearby. The cue, or undefined.
 */
export function photoQuota(clauses: Clause[], i: number, cues: ScreenCues): string | undefined {
  const t = clauses[i].text;
  const act = PHOTO_ACT.exec(t);
  if (!act) return undefined;
  const near = clauses.slice(i, i + 3).map((c) => c.text).join("，");
  if (!SENT_UP.test(near)) return undefined;
  return PHOTO_QUOTA.test(near) || (hasCue(near, cues.frequency) && DEMANDED.test(near)) ? act[0] : undefined;
}

// The piece of a clause that names what a veto assesses: "人居环境整治实行一票否决", "拆违工作纳入一票否决".
const VETO_TOPIC = /[^，,；;:：]{0,16}?一票否决/g;

/**
 * True when a clause holds 一票否决 and its only enforcement words name the topic the veto
 * assesses ("今年人居环境整治实行一票否决"): the veto is the burden, no task is set. A check
 * ordered beside it ("开展燃气检查，检查不合格的一票否决") still sets one.
 */
export function vetoTopicOnly(text: string, cues: ScreenCues): boolean {
  return hasCue(text, cues.veto) && !hasCue(text.replace(VETO_TOPIC, ""), cues.enforce_verbs);
}

/** A new form or table added on top: 新增《流动摊贩情况周报表》, 另设一张统计表 (paperwork, not a new business). */
export const NEW_FORM = /(新增|新设|另设|增设|增加)[^，,；;]{0,16}?(报表|表格|统计表|台账|表)/;

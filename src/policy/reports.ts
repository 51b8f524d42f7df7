import { hasCue, type ScreenCues } from "./cues.js";
import { baOrder } from "./directive.js";
import { defineRule, patternRule } from "./rules.js";
import { INSPECT } from "./task-definition.js";
import { alt, COMMUNITY, DEPARTMENT_NAMES, DEPARTMENT_UNITS, ORDER_WORDS, REPORT_VERBS } from "./vocabulary.js";

/*
 * A community passing what it found on to a department is doing its own duty (reporting), not
 * being pushed a department's work: 发现…报给城管, 已经报给街道城建办, 请安监站派人来看看.
 */

/** "各社区：" opening a notice: the addressee of the whole message, not of this clause's action. */
export const OPENING = /^(?:[【\[][^】\]]*[】\]])?\s*[^：:，,]{1,20}[：:]/;

const DEPARTMENTS = alt(DEPARTMENT_NAMES, ["有关部门", "相关部门"]);
const VERBS = alt(REPORT_VERBS);

// Seeing it on a round and sending it on (a photo counts): 看到…拍个照发给安监办.
const FOUND = new RegExp(`(发现|看到|见到|遇到|碰到)[^；;]{0,24}?(${VERBS})[^；;]{0,12}?(${DEPARTMENTS})`);
const ORDERED = new RegExp(alt(ORDER_WORDS, ["安排", "组织"]));

// The department, its agencies and its staff (鉴定人员, 检测人员, 特检院).
export const DEPARTMENT = new RegExp(alt(DEPARTMENT_UNITS, ["部门", "执法", "(检查|鉴定|检测|维修|施工|安检)人员"]));

/**
 * True when a piece before a notify or report phrase has the community inspecting (not a
 * department). With `namedOnly` (a department heads the message), only pieces naming the community count.
 */
export function inspectsBefore(before: string, cues: ScreenCues, namedOnly = false): boolean {
  return before
    .split(/[，,]/)
    .some(
      (piece) =>
        (hasCue(piece, cues.enforce_verbs) || INSPECT.test(piece)) &&
        // A department named beside 配合 is one the community works with: 配合拆违办把雨棚拆掉.
        (!DEPARTMENT.test(piece) || /配合|协助|协同/.test(piece)) &&
        !hasCue(piece, cues.self_done) &&
        (!namedOnly || hasCue(piece, cues.addressee)),
    );
}

export const reportCue = defineRule("exclusion.report-up", "社区向部门报告情况（报告街道、请相关部门处理）：这是社区本身的职责", (t: string, cues: ScreenCues) =>
  hasCue(t, cues.report_up) ? { span: t } : null,
);

/** A worker asking a department to send someone; the party asked must not be the community itself. */
export const askDepartment = patternRule(
  "exclusion.ask-department-to-come",
  "社区请部门派人来看、来处理，不是部门派活给社区",
  new RegExp(
    `(请|麻烦)(?![^，,；;]{0,8}?(${alt(COMMUNITY, ["楼栋长"])}))[^，,；;]{0,8}?(派人|安排人员?|派员|来人)[^，,；;]{0,3}?(来|去|过来|过去|前来|到场|现场)?(处理|处置|查看|看看|看一下|看下|看一看|核查|核实|解决|检查|查一下|查一查|查查|查下)`,
  ),
);

/** Reporting what was found, unless the same clause first orders the community to check ("请网格员挨家检查…发现问题上报"). */
export const foundAndReported = defineRule("exclusion.found-and-reported", "看到问题报给部门（可以拍照发过去）：社区在报告，不是在检查", (t: string, cues: ScreenCues) => {
  const m = FOUND.exec(t);
  if (!m) return null;
  const before = t.slice(0, m.index).replace(OPENING, "");
  return (ORDERED.test(before) || baOrder(before)) && inspectsBefore(before, cues) ? null : { span: m[0] };
});

export const alreadyReported = patternRule(
  "exclusion.already-reported",
  "说的是已经报给了部门，请部门来处理",
  new RegExp(`(已经|已)(${VERBS})给?[^，,；;]{0,10}?(${DEPARTMENTS})`),
);

const REFER = new RegExp(`(报|${VERBS}|交给?)(区|街道)?(${DEPARTMENTS})[^，,；;]{0,8}?(处理|处置|查处|依法处理)`);

/** Passes a problem on without checking anything first ("看看…有问题报城管" is still a check). */
export const refersOnly = defineRule("exclusion.refer-to-department", "把问题交给部门处理，前面没有让社区检查", (t: string, cues: ScreenCues, stillDoes: (t: string) => boolean) => {
  const m = REFER.exec(t);
  return m && !stillDoes(t) && !inspectsBefore(t.slice(0, m.index).replace(OPENING, ""), cues) ? { span: m[0] } : null;
});

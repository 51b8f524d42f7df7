import { hasCue, type ScreenCues } from "./cues.js";
import { OPENING } from "./reports.js";
import { defineRule, patternRule } from "./rules.js";
import { alt, COMMUNITY, COMMUNITY_YOU, DEPARTMENT_UNITS, INSPECTION_TEAMS, ORDER_WORDS, DEPARTMENT_NAMES } from "./vocabulary.js";

/*
 * The department doing the work itself: a clause where someone other than the community acts
 * (由执法大队负责实施, 区市场监管局将于下周…, 燃气公司自己派人入户) sets the community no task.
 */

const COMMUNITY_ALT = alt(COMMUNITY, COMMUNITY_YOU);
const UNITS = alt(DEPARTMENT_UNITS, ["团队"]);

// Conclusions and papers issued by the department count too: "鉴定结论由住建局出具". A person or
// post named by a count or a role is the community's own staff: 由一名专职人员负责, 由专人负责.
const BY_OTHERS = new RegExp(
  `由(?!各?(?:${COMMUNITY_ALT})|[^，,；;]{0,6}?(专人|专职|兼职|专干|[一二两三四五\\d]+\\s*名|[一二两三\\d]+\\s*人|本人|书记|主任|楼栋长|志愿者))[^，,；;]{1,16}?(负责(实施|检查|执法|排查|开展|处置|查处)?(?=[，,；;]|$)|负责(实施|检查|执法|排查|开展|处置|查处|清扫|保洁|打扫|清运|维修|入户)|组织实施|实施|开展|执行|上门|处理|处置|查处|出具|作出|认定|鉴定|评定|签发|下达|牵头|洽谈|受理|直接受理|统一(检查|执法|处置|实施))`,
);

// A department as the subject at the start of a clause ("区市场监管局将于下周…", "我所定于…",
// after a start date or a basis: "下周二起，我科联合…", "受区住建局委托，鉴定机构将…"); an
// agency it hired counts as it. A clause opening with 请 or 在 is an order or a place. Sending
// papers (发来名单) hands the work over; a count of work done (我大队共拆除12处) reports its own
// work; commissioning the community (委托各社区…) has the community do it; "按县局安排" is a basis.
const DEPT_SUBJECT = new RegExp(
  `^(?:[【\\[][^】\\]]*[】\\]])?(?:(?:[^，,；;：:]{1,8}?(?:起|开始|期间)|(?:受|经|根据|按照|依据)[^，,；;：:]{1,16})[，,])?(?!根据|按照|按|据|依据|遵照|受|经|应|为|请|在)(?:区|县|市|街道|镇|我)?[^，,；;：:]{0,14}?(${UNITS})[^，,；;]{0,6}?(将|会|拟|定于|计划|近期|下周|明天|后天|统一|负责|牵头|联合|(?<!检查|整治|工作)安排|委托(?![^，,；;]{0,8}?(社区|网格|居委|村))|请(?=第三方|专业|机构|公司|鉴定|检测)|共(?=[^，,；;]{0,4}?(拆除|清理|处罚|查处|检查|整治|取缔|签约|收缴))|组织|派员|派人|已经(?!发|转)|已(?!发|转|经)|进场|进驻|入户|上门|要来|(?<![发转送传寄])来(?!文|电|函|信|通知|人?说|了个))`,
);

// The department's own people do it ("是燃气公司自己的人查", "他们自己来拆"); owners told to do it
// themselves are not the department ("让他们自己拆").
const OWN_PEOPLE = new RegExp(
  `(?<!让|叫|要求|督促|劝|通知|告诉)(${UNITS}|部门|队|他们|(检验|检测|检查|执法)员|(检测|检查|安检|维修|施工|执法)人员|师傅)(自己|自行|亲自)(的人|的工作人员|派人|派员|人员)?(来|去|过来)?[^，,；;]{0,4}?(查|检查|检测|安检|入户|上门|做|弄|负责|实施|处理|维修|抄表|拆|清理|清运|收)`,
);

// The community being inspected ("创卫检查组下周来") is an occasion, not a department doing the task.
const TEAMS = new RegExp(alt(INSPECTION_TEAMS));
const INSPECTED_BY = new RegExp(`[^，,；;：:]{0,8}?(${alt(INSPECTION_TEAMS)})[^，,；;]{0,8}?(来|到|莅临|进驻|检查|督查|暗访|验收|测评)[^，,；;]{0,6}`, "g");

/** The community named as the one in charge: 今后由村委会负责管理, 由各社区负责. */
export const byCommunity = patternRule(
  "exclusion.community-in-charge",
  "写明由社区负责，不是部门自己做",
  new RegExp(`由[^，,；;]{0,6}?(社区|网格|村委|村上|村里|[一二两三四五六七八九十几各\\d]个?村)|由(各?(?:${COMMUNITY_ALT}))`),
);

// The community doing it on its own is no department doing it: 请社区自行组织人员, 各社区自己安排.
const COMMUNITY_ITSELF = new RegExp(`(${COMMUNITY_ALT}|各单位)[^，,；;]{0,4}?(自行|自己|组织实施|负责实施)`, "g");

const selfDoneCue = defineRule("exclusion.department-says-it-does-it", "部门说由自己实施（我局将、统一组织开展）", (t: string, cues: ScreenCues) =>
  hasCue(t.replace(COMMUNITY_ITSELF, ""), cues.self_done) ? { span: t } : null,
);
const doneByOthers = patternRule("exclusion.done-by-others", "写明由部门或其他单位负责实施（由执法大队负责实施）", BY_OTHERS);
const ownPeople = patternRule("exclusion.department-own-people", "部门自己派人来做（燃气公司自己派人入户）", OWN_PEOPLE);
const departmentSubject = defineRule("exclusion.department-as-subject", "句子的主语是部门：部门将要、正在做这件事（区市场监管局将于下周…）", (t: string) => {
  // (The inspected-by pattern backtracks at every position: run it only where a team is named.)
  const afterOpening = TEAMS.test(t) ? t.replace(OPENING, "").replace(INSPECTED_BY, "") : t.replace(OPENING, "");
  return DEPT_SUBJECT.exec(afterOpening)?.[0] ?? null;
});

// An order addressed to a department ("请城管中队本周对…检查"), with no community named before the unit.
const ORDER_TO_UNIT = new RegExp(`^(?:${alt(ORDER_WORDS)})(?:区|县|市|街道|镇)?(?:${alt(DEPARTMENT_NAMES)})[^，,；;社网村居协配各]{0,4}?(${UNITS})`);
const orderToDepartment = defineRule("exclusion.order-to-department", "要求的是部门去做（请城管中队本周对…检查），不是社区", (t: string) =>
  ORDER_TO_UNIT.exec(t.replace(OPENING, ""))?.[0] ?? null,
);

/** True when someone other than the community does the clause's work, by any of the rules above. */
export function othersDo(t: string, cues: ScreenCues): boolean {
  return selfDoneCue.holds(t, cues) || doneByOthers.holds(t) || ownPeople.holds(t) || departmentSubject.holds(t) || orderToDepartment.holds(t);
}

import type { Lexicon } from "../knowledge/lexicon.js";
import { PhraseMatcher } from "../search/phrase-matcher.js";

/** Which kinds of cue words a question carries (see knowledge/lexicon/cues.yaml). */
export interface QuestionCues {
  community: boolean;
  info: boolean;
  assign: boolean;
  unlisted: boolean;
  docref: boolean;
  doubt: boolean;
  /** Speaks of a certificate (证明, 出具, 盖章). */
  certificate: boolean;
  /** Speaks of the burden rules themselves (牌子, 台账, 考核, 准入…). */
  policy: boolean;
  /** Asks what to do about something ("该咋办", "要管吗"): community business only when a listed task is named. */
  handle: boolean;
  /** Short, starts like a follow-up ("那锅炉呢？"). */
  followup: boolean;
  /** How many distinct inspection/enforcement actions (检查, 罚款, 拆除…) it names. */
  enforce: number;
  /** How many distinct organising/publicising/reporting actions (宣传, 调解, 报告…) it names. */
  serve: number;
}

/**
 * "让每个社区…", "叫我们…", "要求各网格…", "让各村…": someone handing a task to the community, in
 * any wording. A village committee (村委会, 两委) is the rural community; sq and wgy are how some
 * type 社区 and 网格员 on a phone.
 */
const ASSIGNMENT =
  /(让|叫|要|要求|安排|派|分给|交给|摊给|压给|布置给|下达给)[^，,。？?！!]{0,4}(社区|我们|咱们|网格|居委|村委|两委|各村|每个村|每村|村里|村上|村干部|sq|wgy)|被(叫|派|要求|安排|拉|抽)|每(人|户|个社区)[^，,。？?！!]{0,4}?(要|得|必须)/;

/** True when someone hands the community a task in the text ("街道让我们…", "要求各网格…"). */
export function assignsTask(text: string): boolean {
  return ASSIGNMENT.test(text.replace(/\s+/g, ""));
}

/** Asking the community to issue a paper: 开个证明, 出个证明, 盖章证明, 这种证明能开吗. */
// The asking may come a clause later: "居住证明，社区这边能开吧", "证明房子是哪年盖的…社区能出吗".
const ISSUE_PAPER = /(开|出|出具|开具)[^，,。？?！!]{0,6}?证明|盖章证明|证明[^。？?！!]{0,24}?(能开|能出|能盖|开吗|出吗|开不开|出不出|能不能开|能不能出|可以开|可以出|给开|给出|开[？?嘛么]|出[？?嘛么])|证明[^。？?！!]{0,20}?(盖章|盖个章|盖公章)/;

export function asksForPaper(norm: string): boolean {
  return ISSUE_PAPER.test(norm);
}

/** A company or its salesperson asking the community for help ("保险公司找到社区", "农商行的客户经理找到我"): commercial, on no list. */
const COMMERCIAL = /(公司|商家|厂家|商场|银行|农商行|信用社|邮储|运营商|开发商|中介|客户经理|业务员)[^，,。？?！!]{0,8}(想|要|让|请|找|叫)/;

const KINDS = ["community", "info", "assign", "unlisted", "docref", "doubt", "certificate", "policy", "handle", "enforce", "serve"] as const;

/** Builds a cue detector over the lexicon's cue lists. */
export function createCueDetector(lexicon: Lexicon): (norm: string) => QuestionCues {
  const matcher = new PhraseMatcher<(typeof KINDS)[number]>();
  const singles = new Map<string, (typeof KINDS)[number]>();
  for (const kind of KINDS) {
    for (const w of lexicon.cues[kind] ?? []) {
      if (w.length === 1) singles.set(w, kind);
      else matcher.add(w, kind);
    }
  }
  const followWords = lexicon.cues.followup ?? [];
  return (norm) => {
    const compact = norm.replace(/\s+/g, "");
    const matches = matcher.match(compact);
    const found = new Set(matches.map((m) => m.value));
    const distinct = (kind: string) => new Set(matches.filter((m) => m.value === kind).map((m) => m.phrase)).size;
    for (const ch of compact) {
      const kind = singles.get(ch);
      if (kind) found.add(kind);
    }
    const short = compact.replace(/[?？。!！,，]/g, "").length <= 14;
    const followup = short && (followWords.some((w) => compact.startsWith(w)) || /呢[?？]?$/.test(compact));
    return {
      community: found.has("community"),
      info: found.has("info"),
      assign: found.has("assign") || ASSIGNMENT.test(compact),
      unlisted: found.has("unlisted") || COMMERCIAL.test(compact),
      docref: found.has("docref"),
      doubt: found.has("doubt"),
      certificate: found.has("certificate"),
      policy: found.has("policy"),
      handle: found.has("handle"),
      followup,
      enforce: distinct("enforce"),
      serve: distinct("serve"),
    };
  };
}

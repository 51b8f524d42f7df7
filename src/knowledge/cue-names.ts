/**
 * Every named word list of knowledge/lexicon/cues.yaml and screen-cues.yaml, with what it means.
 * A key in those files that is not named here is a typo: loading the lexicon fails on it, since a
 * misspelt key would silently leave its list empty.
 */
export const QUESTION_CUES = {
  community: "与社区工作有关的语境词",
  stop: "检索时不计分的泛词",
  info: "事实性提问的说法",
  unlisted: "商业推销、替企业收费之类不在清单上的事",
  assign: "有人把某件事交给社区的说法",
  docref: "点名文件或地区的说法",
  followup: "追问的开头",
  doubt: "“要看情况”的信号",
  enforce: "检查、执法、处罚一类的动作",
  serve: "组织、宣传、报告、服务一类的动作",
  publicity: "宣传、提醒、讲解：把一件事讲给人听",
  certificate: "说到证明",
  policy: "说到减负规则本身的话题",
  handle: "问“碰到这事该怎么办”",
  smalltalk: "寒暄、客套、闲聊",
} as const;

export const SCREEN_CUES = {
  addressee: "点名社区一方的称呼",
  header: "通知抬头",
  directive: "祈使、要求、督办的说法",
  pressure: "督办、考核的后果",
  deadline: "截止时间的说法",
  enforce_verbs: "检查、执法一类的动作",
  business_targets: "被检查的单位、场所、经营者",
  notify_only: "社区只负责通知、转发、带路",
  self_done: "部门自己来做的说法",
  pushback: "用清单顶回去的说法",
  news: "减负政策的消息",
  complaint: "社区工作者吐槽、回顾",
  report_up: "社区向部门报告",
  question: "疑问、咨询",
  negation: "否定：不做了、不许做",
  chat: "闲聊、客套、回执",
  meeting: "会议、学习、活动通知",
  plaque: "挂牌、上墙",
  post: "专人专岗、新设工作机制",
  setup_verbs: "设岗、挂牌、建机制的动作",
  app: "App、公众号、账号",
  app_verbs: "推广的动作",
  quota: "数量指标",
  ledger: "台账、表格、留痕材料",
  photo: "照片、打卡",
  frequency: "频次",
  copies: "纸质电子多份",
  certificate: "证明",
  certificate_verbs: "开证明的动作",
  veto: "一票否决",
  safety_topics: "生产安全、消防的话题",
  hygiene_topics: "卫生、食品的话题",
  hygiene_hints: "卫生检查常到的地方和证件：后厨、证照、过期",
  pollution_topics: "污染的话题：污水、油烟、扬尘",
  equipment_topics: "特种设备",
  street_topics: "街面秩序",
  develop_verbs: "发展、引进的动作",
  vehicle_topics: "非机动车",
  building_topics: "违法建设",
  duplicate: "多头、重复报送",
  road_topics: "市政道路",
  clean_verbs: "清扫保洁的动作",
  tree_topics: "树木",
  tree_cut_verbs: "砍、锯、修剪树木的动作",
} as const;

export type QuestionCueName = keyof typeof QUESTION_CUES;
export type ScreenCueName = keyof typeof SCREEN_CUES;

/** Screen cue lists are written with this prefix in the lexicon files. */
export const SCREEN_PREFIX = "screen_";

/** Every key a cue file may hold. */
export const CUE_KEYS: ReadonlySet<string> = new Set([
  ...Object.keys(QUESTION_CUES),
  ...Object.keys(SCREEN_CUES).map((n) => SCREEN_PREFIX + n),
]);

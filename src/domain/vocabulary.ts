// touyin's vocabulary: every enum once, `as const`, with its Chinese labels typed by it, so a new value without a
// label does not compile. The schema's columns, the request validators, the OpenAPI document, the pages and the
// workbooks all read these.

export const roles = ['admin', 'staff', 'manager', 'leader'] as const;
export type Role = (typeof roles)[number];
export const roleNames = {
  admin: '管理员',
  staff: '平台工作人员',
  manager: '基金管理人',
  leader: '领导',
} as const satisfies Record<Role, string>;
/** Every role reads. */
export const readerRoles = roles;
/** Platform staff (and admin): record, confirm, import and export. */
export const staffRoles = ['admin', 'staff'] as const satisfies Role[];
/** The roles that write projects' leads, progress and 返投 credits: staff, and managers for their own funds (leaders only read). */
export const writerRoles = ['admin', 'staff', 'manager'] as const satisfies Role[];

export const fundLevels = ['mother', 'sub', 'direct'] as const;
export type FundLevel = (typeof fundLevels)[number];
export const levelNames = { mother: '母基金', sub: '子基金', direct: '直投基金' } as const satisfies Record<
  FundLevel,
  string
>;

export const reinvestmentBases = ['parent_committed', 'parent_paid', 'fund_committed', 'fund_paid'] as const;

export const investorTypes = ['fiscal', 'soe', 'social', 'fund'] as const;
export type InvestorType = (typeof investorTypes)[number];
export const investorTypeNames = {
  fiscal: '财政资金',
  soe: '国资',
  social: '社会资本',
  fund: '基金出资',
} as const satisfies Record<InvestorType, string>;

export const investmentKinds = ['new', 'secondary'] as const;

export const sourceTypes = ['fund', 'business', 'ambassador', 'agency', 'other'] as const;
export type SourceType = (typeof sourceTypes)[number];
export const sourceTypeNames = {
  fund: '基金招引',
  business: '以商引商',
  ambassador: '招商大使',
  agency: '中介/委托',
  other: '其他',
} as const satisfies Record<SourceType, string>;

export const chainNodes = ['upstream', 'midstream', 'downstream'] as const;
export type ChainNode = (typeof chainNodes)[number];
export const chainNodeNames = { upstream: '上游', midstream: '中游', downstream: '下游' } as const satisfies Record<
  ChainNode,
  string
>;

export const chainActions = ['fill', 'extend', 'strengthen'] as const;
export type ChainAction = (typeof chainActions)[number];
export const chainActionNames = { fill: '补链', extend: '延链', strengthen: '强链' } as const satisfies Record<
  ChainAction,
  string
>;

/** A project's stages of progress, in order (SPEC §4); a later one implies the earlier ones were reached. */
export const progressStages = ['negotiating', 'signed', 'registered', 'started', 'completed', 'producing'] as const;
export type Stage = (typeof progressStages)[number];
/** What a milestone records: a stage of progress, or 终止. */
export const milestoneStages = [...progressStages, 'dropped'] as const;
export type MilestoneStage = (typeof milestoneStages)[number];
/** A project's stage as lists and pages name it: its last milestone, or 已报送 before the first. */
export const projectStages = [...milestoneStages, 'reported'] as const;
export type ProjectStage = (typeof projectStages)[number];
export const stageNames = {
  reported: '已报送',
  negotiating: '洽谈',
  signed: '签约',
  registered: '注册',
  started: '开工',
  completed: '竣工',
  producing: '投产',
  dropped: '终止',
} as const satisfies Record<ProjectStage, string>;

export const arrivalKinds = ['fixed_asset', 'working', 'fdi'] as const;
export type ArrivalKind = (typeof arrivalKinds)[number];
export const arrivalKindNames = {
  fixed_asset: '固定资产投资',
  working: '流动资金',
  fdi: '外资',
} as const satisfies Record<ArrivalKind, string>;

/** A project's review (认定) status. */
export const reviewStatuses = ['pending', 'confirmed', 'rejected'] as const;
export type ReviewStatus = (typeof reviewStatuses)[number];
/** A 返投 credit's status. */
export const creditStatuses = ['pending', 'approved', 'rejected'] as const;
export type CreditStatus = (typeof creditStatuses)[number];
export const statusNames = {
  pending: '待认定',
  confirmed: '已认定',
  rejected: '已退回',
  approved: '已认定',
} as const satisfies Record<ReviewStatus | CreditStatus, string>;

export const creditCategories = [
  'local_company',
  'relocated',
  'local_subsidiary',
  'sourced_project',
  'secondary',
] as const;
export type CreditCategory = (typeof creditCategories)[number];
export const categoryNames = {
  local_company: '本地注册企业',
  relocated: '迁入本地',
  local_subsidiary: '本地子公司/新增项目',
  sourced_project: '引荐未投项目',
  secondary: '受让老股',
} as const satisfies Record<CreditCategory, string>;

/** A unit report's view: 招引口径 (the introducing unit) or 落地口径 (the landing unit). */
export const unitViews = ['introducing', 'landing'] as const;
export type UnitView = (typeof unitViews)[number];
export const viewNames = { introducing: '招引口径', landing: '落地口径' } as const satisfies Record<UnitView, string>;

/** 擂台赛 boards: 红榜 and 黑榜. */
export const boards = ['red', 'black'] as const;
export type Board = (typeof boards)[number];
export const boardNames = { red: '红榜', black: '黑榜' } as const satisfies Record<Board, string>;

/** The Chinese label of a code read back as plain text (a column, an audit entry); the code itself if it has none. */
export function labelOf<K extends string>(names: Record<K, string>, code: string): string {
  return Object.hasOwn(names, code) ? names[code as K] : code;
}

/** 专人对接/包挂 (SPEC §9): a project owner's duty. At most one current 对接人 per project. */
export const ownerDuties = ['liaison', 'leader', 'member'] as const;
export type OwnerDuty = (typeof ownerDuties)[number];
export const ownerDutyNames = {
  liaison: '对接人',
  leader: '包挂领导',
  member: '专班成员',
} as const satisfies Record<OwnerDuty, string>;

/** The stages a 推进节点 may read its actual date from (SPEC §9): the stage's reached date (§4), never entered twice. */
export const nodeStages = ['registered', 'started', 'completed', 'producing'] as const;
export type NodeStage = (typeof nodeStages)[number];
/** A node's state as of a date D with horizon h (SPEC §9). */
export const nodeStatuses = ['done', 'overdue', 'due', 'open'] as const;
export type NodeStatus = (typeof nodeStatuses)[number];
export const nodeStatusNames = {
  done: '已完成',
  overdue: '滞后',
  due: '临期',
  open: '未到期',
} as const satisfies Record<NodeStatus, string>;

/** 企业诉求 categories (SPEC §9); each has a platform-set number of days to its due date (15 when unset). */
export const requestCategories = ['land', 'labour', 'approval', 'finance', 'utilities', 'policy', 'other'] as const;
export type RequestCategory = (typeof requestCategories)[number];
export const requestCategoryNames = {
  land: '用地',
  labour: '用工',
  approval: '审批',
  finance: '融资',
  utilities: '水电气',
  policy: '政策兑现',
  other: '其他',
} as const satisfies Record<RequestCategory, string>;
/** Days from raised to due when the platform has set none for the category. */
export const defaultRequestDays = 15;

/** A request's states: open → accepted → resolved → closed; resolved or closed may go back to open (reopened). */
export const requestStatuses = ['open', 'accepted', 'resolved', 'closed'] as const;
export type RequestStatus = (typeof requestStatuses)[number];
export const requestStatusNames = {
  open: '待受理',
  accepted: '已受理',
  resolved: '已办结',
  closed: '已回访',
} as const satisfies Record<RequestStatus, string>;
export const requestRatings = ['satisfied', 'basic', 'unsatisfied'] as const;
export type RequestRating = (typeof requestRatings)[number];
export const requestRatingNames = {
  satisfied: '满意',
  basic: '基本满意',
  unsatisfied: '不满意',
} as const satisfies Record<RequestRating, string>;

/** 招商活动 kinds (SPEC §9). */
export const activityKinds = ['outbound', 'inbound', 'visit', 'talks', 'event', 'online'] as const;
export type ActivityKind = (typeof activityKinds)[number];
export const activityKindNames = {
  outbound: '走出去',
  inbound: '请进来',
  visit: '走访拜访',
  talks: '洽谈',
  event: '推介会/展会/沙龙',
  online: '线上对接',
} as const satisfies Record<ActivityKind, string>;
/** How an activity is linked to a project: it produced the lead, or advanced one already there. */
export const activityLinks = ['produced', 'advanced'] as const;
export type ActivityLink = (typeof activityLinks)[number];
export const activityLinkNames = { produced: '促成线索', advanced: '推进项目' } as const satisfies Record<
  ActivityLink,
  string
>;

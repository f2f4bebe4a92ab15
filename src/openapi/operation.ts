// One /api operation as the OpenAPI document describes it, and the tags that group them.
import type { AnswerName } from './answers';

/** The document's tags: one a resource, with its description. */
export const tags = {
  users: '用户：账号、角色与 API 令牌',
  units: '单位：区县、园区等招商单位，项目的招引单位与落地单位',
  funds: '基金：母基金、子基金及其返投规则',
  commitments: '出资：认缴出资与实缴（到位）出资',
  companies: '企业：被投企业与招商企业，按统一社会信用代码去重',
  investments: '投资：基金对企业的投资',
  projects: '招商项目：基金招引项目的登记、进展节点、到资与审核',
  credits: '返投认定：申报与审核',
  reports: '指标与报表：放大倍数、返投完成情况、以投促引成效',
  targets: '目标：单位或基金的年度目标（可设权重）',
  assessment: '考核：序时进度、擂台赛、红黑榜与月度通报',
  audit: '审计日志：谁在何时改了什么',
  performance: '业绩与投向：分配、估值、退出、DPI/TVPI/IRR、投向指标与自评表',
  files: '佐证材料：合同、营业执照、银行回单、验资报告、照片等文件的上传、下载与删除',
  nodes: '推进督办：项目对接人（专人对接、包挂领导、专班）、推进节点计划与我的工作',
  activities: '招商活动：走出去、请进来、走访拜访、洽谈、推介会、线上对接，参与人员、对接企业与关联项目',
  requests: '企业诉求：提出、受理、办结、回访与重新打开，闭环督办',
  settings: '平台设置：诉求各类别的办结时限天数、通报的发文单位',
} as const;
export type Tag = keyof typeof tags;

/** What the document says of one operation beside what its route's validators and roles say. */
export interface Operation {
  tag: Tag;
  summary: string;
  /** Answers 201 (a new record) instead of 200. */
  created?: true;
  /** The success body, a component of its own: a component of answers.ts or components.ts. */
  body?: AnswerName;
  /** The success body is a cursor page of these items. */
  page?: AnswerName;
  /** Honours If-Match: a version that is not the record's current one answers 412 and changes nothing. */
  ifMatch?: true;
  /**
   * The request body is a spreadsheet upload (multipart field `file`, or the raw .xlsx/.csv bytes): it answers 201
   * when written and 200 for ?dryRun=1, both with `body`, and 400 with every problem of the file (ImportRefused).
   */
  upload?: true;
  /** The request body is one evidence file: multipart fields `file` and `subject`. */
  form?: true;
  /** The success body is a file's bytes (its own type), not JSON. */
  binary?: true;
  /** Answers 204 with no body. */
  noContent?: true;
}

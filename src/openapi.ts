import { isCachedApiPath } from './http/read-cache';
import type { RouterRoute } from 'hono/types';
import { z } from 'zod';
import { allowedRoles } from './auth';
import { roles, type Role } from './domain/vocabulary';
import { errorStatus, type ErrorCode } from './errors';
import { validatorSchemas } from './validation';
import { answers, type AnswerName } from './openapi-answers';

type JsonSchema = Record<string, unknown>;
type Tag = keyof typeof tags;

const tags = {
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

interface Operation {
  tag: Tag;
  summary: string;
  /** Answers 201 (a new record) instead of 200. */
  created?: true;
  /** The success body, a component of its own: a component of src/openapi-answers.ts or one written here. */
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

const xlsx = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const file = { type: 'string', format: 'binary' };

/**
 * Every /api operation, keyed "METHOD path" as Hono registers it. test/openapi.test.ts fails when a route has no
 * entry here, so the document stays complete.
 */
export const operations: Record<string, Operation> = {
  'GET /api/me': { tag: 'users', summary: '当前用户（id、用户名、角色、绑定的基金）', body: 'Me' },
  'POST /api/users': {
    tag: 'users',
    summary: '新建用户并签发 API 令牌（令牌只在此时返回一次）',
    created: true,
    body: 'UserWithToken',
  },
  'GET /api/users': { tag: 'users', summary: '用户列表', page: 'User' },
  'POST /api/users/:id/revoke': { tag: 'users', summary: '停用用户，其令牌立即失效', body: 'User' },
  'POST /api/users/:id/token': {
    tag: 'users',
    summary: '为用户重新签发 API 令牌（旧令牌失效）',
    body: 'UserWithToken',
  },
  'POST /api/units': { tag: 'units', summary: '新建单位', created: true, body: 'Unit' },
  'GET /api/units': { tag: 'units', summary: '单位列表', page: 'Unit' },
  'GET /api/units/:id': { tag: 'units', summary: '单位详情', body: 'Unit' },
  'POST /api/funds': { tag: 'funds', summary: '新建基金（母基金或子基金，可带返投规则）', created: true, body: 'Fund' },
  'GET /api/funds': { tag: 'funds', summary: '基金列表', page: 'Fund' },
  'GET /api/funds/:id': { tag: 'funds', summary: '基金详情（含下级基金与出资）', body: 'FundDetail' },
  'PATCH /api/funds/:id': {
    tag: 'funds',
    summary: '修改基金（带 If-Match 时版本不符为 412）',
    body: 'Fund',
    ifMatch: true,
  },
  'POST /api/funds/:id/commitments': {
    tag: 'commitments',
    summary: '登记基金的认缴出资',
    created: true,
    body: 'Commitment',
  },
  'GET /api/commitments/:id': { tag: 'commitments', summary: '认缴出资详情（含累计实缴）', body: 'CommitmentDetail' },
  'POST /api/commitments/:id/contributions': {
    tag: 'commitments',
    summary: '登记实缴出资（累计实缴超过认缴为 409）',
    created: true,
    body: 'Contribution',
  },
  'POST /api/companies': {
    tag: 'companies',
    summary: '新建企业（统一社会信用代码重复为 409）',
    created: true,
    body: 'Company',
  },
  'GET /api/companies': { tag: 'companies', summary: '企业列表（可按名称搜索）', page: 'Company' },
  'GET /api/companies/:id': { tag: 'companies', summary: '企业详情', body: 'Company' },
  'POST /api/funds/:id/investments': {
    tag: 'investments',
    summary: '登记基金对企业的投资',
    created: true,
    body: 'Investment',
  },
  'GET /api/funds/:id/investments': { tag: 'investments', summary: '某基金的投资列表', page: 'InvestmentItem' },
  'GET /api/investments': { tag: 'investments', summary: '投资列表（可按企业筛选）', page: 'Investment' },
  'GET /api/investments/:id': { tag: 'investments', summary: '投资详情', body: 'InvestmentDetail' },
  'POST /api/projects': {
    tag: 'projects',
    summary: '登记招商项目（同一企业已有在办项目为 409）',
    created: true,
    body: 'ProjectDetail',
  },
  'GET /api/projects': {
    tag: 'projects',
    summary: '招商项目列表（按基金、阶段、审核状态、产业链筛选）',
    page: 'Project',
  },
  'GET /api/projects/:id': {
    tag: 'projects',
    summary: '招商项目详情（含全部进展节点与到资记录）',
    body: 'ProjectDetail',
  },
  'POST /api/projects/:id/milestones': {
    tag: 'projects',
    summary: '记录项目进展节点（洽谈、签约、注册、开工、竣工、投产或终止）',
    created: true,
    body: 'Milestone',
  },
  'POST /api/projects/:id/arrivals': {
    tag: 'projects',
    summary: '登记项目到资（项目须已签约；平台工作人员录入即认定，基金管理人报送待认定）',
    created: true,
    body: 'Arrival',
  },
  'GET /api/arrivals': {
    tag: 'projects',
    summary: '到资列表（认定队列：?status=pending；可按基金、单位、到资日期筛选）',
    page: 'ArrivalItem',
  },
  'GET /api/arrivals/:id': { tag: 'projects', summary: '到资详情（含认定状态）', body: 'Arrival' },
  'POST /api/arrivals/:id/confirm': {
    tag: 'projects',
    summary: '认定到资（仅平台工作人员；认定后计入各项指标）',
    body: 'Arrival',
    ifMatch: true,
  },
  'POST /api/requests': {
    tag: 'requests',
    summary:
      '提出企业诉求（涉及项目或企业；平台工作人员，或基金管理人为本基金的项目提出）：办结时限缺省为提出日期加该类别天数（未设置为 15 天）',
    created: true,
    body: 'RequestDetail',
  },
  'GET /api/requests': {
    tag: 'requests',
    summary: '诉求列表（按状态、类别、责任单位（含下级）、基金、承办人、项目、企业、是否超期筛选；超期按 asOf 计）',
    page: 'Request',
  },
  'GET /api/requests/:id': { tag: 'requests', summary: '诉求详情（含办理记录）', body: 'RequestDetail' },
  'POST /api/requests/:id/transitions': {
    tag: 'requests',
    summary:
      '办理诉求（仅平台工作人员）：受理 accepted、办结 resolved（须填办理结果）、回访 closed（须填满意度）、重新打开 open；当前状态不允许的办理为 409',
    body: 'RequestDetail',
    ifMatch: true,
  },
  'GET /api/settings': { tag: 'settings', summary: '平台设置（诉求各类别的办结天数、通报发文单位）', body: 'Settings' },
  'PUT /api/settings': {
    tag: 'settings',
    summary: '修改平台设置（只改请求中给出的项；天数为 1–365 的整数）',
    body: 'Settings',
  },
  'POST /api/files': {
    tag: 'files',
    summary:
      '上传佐证材料（multipart：file 为文件，subject 为 project:N、arrival:N、milestone:N、credit:N 或 request:N）：按内容只接受 PDF、JPEG、PNG、XLSX、DOCX，每个不超过 20 MB；相同内容只存一份',
    created: true,
    body: 'EvidenceFile',
    form: true,
  },
  'GET /api/files': { tag: 'files', summary: '某记录的佐证材料列表（?subject=project:N 等）', page: 'EvidenceFile' },
  'GET /api/files/:id': {
    tag: 'files',
    summary: '下载佐证材料（附原文件名）；看不到所属记录的用户得到 404',
    binary: true,
  },
  'DELETE /api/files/:id': {
    tag: 'files',
    summary: '删除佐证材料（软删除，留在审计日志中）：平台工作人员，或上传者在所属记录待认定时',
    ifMatch: true,
    noContent: true,
  },
  'POST /api/arrivals/:id/reject': {
    tag: 'projects',
    summary: '退回到资（须说明原因；已认定的到资退回后不再计入指标）',
    body: 'Arrival',
    ifMatch: true,
  },
  'POST /api/projects/:id/confirm': {
    tag: 'projects',
    summary: '审核通过基金管理人报送的项目',
    body: 'Project',
    ifMatch: true,
  },
  'POST /api/projects/:id/reject': {
    tag: 'projects',
    summary: '退回基金管理人报送的项目',
    body: 'Project',
    ifMatch: true,
  },
  'POST /api/imports/projects': {
    tag: 'projects',
    summary:
      '从 Excel（.xlsx）或 CSV 批量导入项目（multipart 字段 file 或原始请求体）：逐行校验，任一行有误则全部不写入并逐行列出问题；?dryRun=1 只校验',
    created: true,
    body: 'ProjectImport',
    upload: true,
  },
  'GET /api/imports/projects/template.xlsx': {
    tag: 'projects',
    summary: '下载项目导入模板（.xlsx，含填写说明与示例行）',
  },
  'GET /api/exports/projects.xlsx': {
    tag: 'projects',
    summary: '导出项目清单（.xlsx，筛选条件同项目列表，可直接再导入）',
  },
  'POST /api/funds/:id/reinvestment-credits': {
    tag: 'credits',
    summary: '申报返投认定（审核前为待审核）',
    created: true,
    body: 'Credit',
  },
  'GET /api/funds/:id/reinvestment-credits': { tag: 'credits', summary: '某基金的返投认定列表', page: 'Credit' },
  'GET /api/reinvestment-credits': { tag: 'credits', summary: '返投认定列表', page: 'Credit' },
  'GET /api/reinvestment-credits/:id': { tag: 'credits', summary: '返投认定详情', body: 'Credit' },
  'POST /api/reinvestment-credits/:id/approve': {
    tag: 'credits',
    summary: '审核通过返投认定',
    body: 'Credit',
    ifMatch: true,
  },
  'POST /api/reinvestment-credits/:id/reject': {
    tag: 'credits',
    summary: '驳回返投认定',
    body: 'Credit',
    ifMatch: true,
  },
  'GET /api/funds/:id/metrics': {
    tag: 'reports',
    summary: '基金指标：放大倍数、返投完成情况、以投促引成效',
    body: 'Metrics',
  },
  'GET /api/reports/funds': { tag: 'reports', summary: '当前用户可见的全部基金的指标', body: 'FundsReport' },
  'GET /api/reports/units': {
    tag: 'reports',
    summary: '按单位统计以投促引成效（招引口径或落地口径）',
    body: 'UnitsReport',
  },
  'GET /api/reports/service': {
    tag: 'reports',
    summary:
      '服务督办报表：各单位（含下级，招引或落地口径）与各基金（含下级）在窗口内的招商活动、企业诉求（办结率、按期办结率、中位天数、满意度）与推进节点（按期完成率、滞后、调整计划）',
    body: 'ServiceReport',
  },
  'GET /api/reports/pipeline': {
    tag: 'reports',
    summary: '项目漏斗：按来源基金与所处阶段、按产业链统计的项目数（供图表）',
    body: 'Pipeline',
  },
  'POST /api/funds/:id/distributions': {
    tag: 'performance',
    summary: '登记基金分配（按实缴比例分配给全体出资人）',
    created: true,
    body: 'Distribution',
  },
  'GET /api/funds/:id/distributions': { tag: 'performance', summary: '基金分配记录', page: 'Distribution' },
  'POST /api/funds/:id/valuations': {
    tag: 'performance',
    summary: '登记基金估值（管理人报送的净值 NAV）',
    created: true,
    body: 'Valuation',
  },
  'GET /api/funds/:id/valuations': { tag: 'performance', summary: '基金估值记录', page: 'Valuation' },
  'POST /api/investments/:id/exit': {
    tag: 'performance',
    summary: '登记投资退出（日期与退出回款；再次登记为更正，带 If-Match 时版本不符为 412）',
    body: 'Investment',
    ifMatch: true,
  },
  'PATCH /api/companies/:id': {
    tag: 'companies',
    summary:
      '修改企业（名称、单位、高新/专精特新/中小/民营标记；改为另一企业的名称为 409；带 If-Match 时版本不符为 412）',
    body: 'Company',
    ifMatch: true,
  },
  'POST /api/companies/:id/merge': {
    tag: 'companies',
    summary:
      '合并疑似重复企业（平台工作人员）：把本企业的项目、投资、返投认定、诉求与活动记录转入 intoId 企业并标记本企业已合并，一次写入并记入审计；统一社会信用代码不同、两家各有在途线索、有代码并入无代码为 409；带 If-Match 时版本不符为 412',
    body: 'CompanyMerge',
    ifMatch: true,
  },
  'POST /api/companies/:id/unmerge': {
    tag: 'companies',
    summary: '撤销合并（平台工作人员）：按审计记录把合并时转入的记录转回本企业，恢复其名称匹配；未合并为 409',
    body: 'CompanyMerge',
  },
  'POST /api/indicator-thresholds': {
    tag: 'performance',
    summary: '设定指标阈值（平台自设，≥ 或 ≤）',
    created: true,
    body: 'Threshold',
  },
  'GET /api/indicator-thresholds': { tag: 'performance', summary: '指标阈值列表', page: 'Threshold' },
  'GET /api/funds/:id/performance': {
    tag: 'performance',
    summary: '基金业绩与投向指标：DPI、RVPI、TVPI、IRR、资产增值率，出资人视角的子基金业绩，投向指标与阈值达标情况',
    body: 'FundPerformance',
  },
  'GET /api/exports/self-check.xlsx': {
    tag: 'performance',
    summary:
      '下载年度投向自评表（.xlsx，全部可见基金的业绩与投向指标、阈值与达标情况；平台自查，非官方评分）：?year=2025，往年截至年末，当年截至今日',
  },
  'POST /api/imports/fund-flows': {
    tag: 'performance',
    summary:
      '从 Excel（.xlsx）或 CSV 批量导入基金分配与估值（列：基金、类型、日期、金额（元），可选 记录编号；仅平台工作人员）：逐行校验，任一行有误则全部不写入并逐行列出问题；带记录编号的行修改原记录或跳过；与已有记录完全相同的行在 ?dryRun=1 中列出，须 ?confirmDuplicates=1 才写入，否则 409',
    created: true,
    body: 'FundFlowImport',
    upload: true,
  },
  'GET /api/imports/fund-flows/template.xlsx': {
    tag: 'performance',
    summary: '下载分配与估值导入模板（.xlsx，含填写说明与示例行）',
  },
  'GET /api/exports/fund-flows.xlsx': {
    tag: 'performance',
    summary: '导出可见基金的分配与估值记录（.xlsx，?fundId= 只列一只基金，?asOf= 截至日期；列同导入模板）',
  },
  'GET /api/exports/funds.xlsx': {
    tag: 'reports',
    summary: '导出基金运行情况表（.xlsx，数据同基金指标报表，金额单位万元）',
  },
  'GET /api/alerts': {
    tag: 'reports',
    summary:
      '预警清单：签约未开工、开工未竣工、长期无进展、待认定超期（仅平台工作人员）、节点滞后（可设宽限天数）、诉求超期、无人对接，按已持续天数从长到短',
    body: 'AlertList',
  },
  'GET /api/exports/alerts.xlsx': { tag: 'reports', summary: '导出预警清单（.xlsx，筛选条件同预警清单）' },
  'GET /api/dispatch': {
    tag: 'reports',
    summary:
      '调度：截至 asOf 滞后与临期（asOf + horizonDays 内，默认 14 天）的推进节点和未办结企业诉求，按责任人分组（节点归项目现任对接人，诉求归承办人），其余列入 unowned',
    body: 'Dispatch',
  },
  'GET /api/exports/dispatch.xlsx': {
    tag: 'reports',
    summary: '导出调度清单（.xlsx，参数同调度，按责任人分组，一个工作表）',
  },
  'POST /api/chains': {
    tag: 'reports',
    summary: '登记重点产业链（链长、链主企业；同名产业链，含仅差不可见字符者，为 409）',
    created: true,
    body: 'Chain',
  },
  'GET /api/chains': { tag: 'reports', summary: '重点产业链列表', page: 'Chain' },
  'GET /api/reports/chains': {
    tag: 'reports',
    summary: '产业链图谱：各产业链上中下游的落地与在谈项目、计划与到资、补链延链强链，重点产业链标出缺链环节',
    body: 'ChainMap',
  },
  'POST /api/targets': {
    tag: 'targets',
    summary: '设定单位或基金的年度目标（同一单位或基金、年度、指标已有目标为 409）',
    created: true,
    body: 'Target',
  },
  'GET /api/targets': { tag: 'targets', summary: '年度目标列表', page: 'Target' },
  'GET /api/targets/:id': { tag: 'targets', summary: '年度目标详情', body: 'Target' },
  'PATCH /api/targets/:id': {
    tag: 'targets',
    summary: '修改年度目标的目标值或权重（带 If-Match 时版本不符为 412）',
    body: 'Target',
    ifMatch: true,
  },
  'GET /api/assessment': {
    tag: 'assessment',
    summary: '年度考核：各单位、基金的年度累计指标与目标完成率、序时进度、擂台赛得分、跑道内排名与红黑榜',
    body: 'Assessment',
  },
  'GET /api/bulletins/:month': {
    tag: 'assessment',
    summary: '月度考核通报：本月与年度累计指标、目标、擂台赛排名与红黑榜、各类预警数',
    body: 'Bulletin',
  },
  'GET /api/exports/bulletin.xlsx': {
    tag: 'assessment',
    summary: '下载月度考核通报（.xlsx，?month=YYYY-MM&view=，每部分一个工作表，金额单位万元，A4 横向打印）',
  },
  'POST /api/activities': {
    tag: 'activities',
    summary: '登记招商活动（走出去须填目的地；对接企业按名称对应已登记企业；关联项目须可见；基金管理人须选本基金）',
    created: true,
    body: 'Activity',
  },
  'GET /api/activities': {
    tag: 'activities',
    summary: '招商活动列表（按单位及其下级单位、基金、类型、开始日期筛选）',
    page: 'Activity',
  },
  'POST /api/imports/activities': {
    tag: 'activities',
    summary:
      '从 Excel（.xlsx）或 CSV 批量导入招商活动（每行一次活动；参与人员、对接企业、项目以、分隔，项目按名称或项目编号）：逐行校验，任一行有误则全部不写入并逐行列出问题；?dryRun=1 只校验',
    created: true,
    body: 'ActivityImport',
    upload: true,
  },
  'GET /api/imports/activities/template.xlsx': {
    tag: 'activities',
    summary: '下载招商活动导入模板（.xlsx，含填写说明与示例行）',
  },
  'GET /api/activities/:id': { tag: 'activities', summary: '招商活动详情', body: 'Activity' },
  'GET /api/audit': { tag: 'audit', summary: '审计日志（含修改前后的值）', page: 'AuditEntry' },
  'GET /api/projects/:id/owners': {
    tag: 'nodes',
    summary: '项目的对接人、包挂领导与专班成员（在任在前，含已卸任的历史）',
    page: 'Owner',
  },
  'POST /api/projects/:id/owners': {
    tag: 'nodes',
    summary:
      '安排项目对接人（liaison，每个项目至多一名在任：新对接人在同一次写入中接替原对接人，原对接人的 to 为新对接人的 from）、包挂领导（leader）或专班成员（member）；仅平台工作人员；同一用户已在任同一职责为 409',
    created: true,
    body: 'Owner',
  },
  'DELETE /api/projects/:id/owners/:ownerId': {
    tag: 'nodes',
    summary: '卸任（to 默认今天；记录保留，只设卸任日期）；仅平台工作人员；已卸任为 409',
    body: 'Owner',
    ifMatch: true,
  },
  'POST /api/node-templates': {
    tag: 'nodes',
    summary: '新建推进节点模板（节点：名称、阶段或任务、签约后天数）；仅平台工作人员；同名为 409',
    created: true,
    body: 'NodeTemplate',
  },
  'GET /api/node-templates': { tag: 'nodes', summary: '推进节点模板列表', page: 'NodeTemplate' },
  'POST /api/projects/:id/nodes': {
    tag: 'nodes',
    summary:
      '为项目编排推进节点：{templateId} 应用模板（计划日期 = 基准日期 = 签约日期 + 天数；未签约为 409；答复全部新节点），或 {name, stage?, planned} 追加一个节点（答复该节点）',
    created: true,
    body: 'NodesCreated',
  },
  'GET /api/projects/:id/nodes': {
    tag: 'nodes',
    summary:
      '项目的推进节点计划（?asOf=，?horizonDays= 默认 14）：每个节点的基准、现行计划与完成日期（阶段节点取项目进展），状态 done/overdue/due/open 与是否按期',
    body: 'NodePlan',
  },
  'PATCH /api/nodes/:id': {
    tag: 'nodes',
    summary:
      '调整推进节点：planned 改计划（基准日期不变），actual 记任务节点的完成日期（阶段节点为 400），note 备注；带 If-Match 时版本不符为 412',
    body: 'Node',
    ifMatch: true,
  },
  'POST /api/imports/nodes': {
    tag: 'nodes',
    summary:
      '从 Excel（.xlsx）或 CSV 批量导入推进节点（列：项目编号、节点名称、阶段、计划日期、完成日期、备注说明）：逐行校验，任一行有误则全部不写入并逐行列出问题；?dryRun=1 只校验',
    created: true,
    body: 'NodeImport',
    upload: true,
  },
  'GET /api/imports/nodes/template.xlsx': {
    tag: 'nodes',
    summary: '下载推进节点导入模板（.xlsx，含填写说明与示例行）',
  },
  'GET /api/me/work': {
    tag: 'nodes',
    summary:
      '我的工作：当前用户在任对接的项目（职责、阶段、下一个节点）与分派给自己、尚未回访办结的企业诉求（期限与是否超期）',
    body: 'MyWork',
  },
};

const errorDescriptions: Record<Exclude<ErrorCode, 'internal'>, string> = {
  invalid_request: '请求参数有误；issues 逐项列出字段与原因',
  unauthorized: '未登录、令牌无效或已被吊销',
  forbidden: '当前角色无权执行此操作',
  not_found: '记录不存在，或不在当前用户可见范围内（基金管理人只能看到本基金族）',
  conflict: '与现有数据冲突：重复记录、实缴超过认缴、幂等键配了不同的请求体等',
  precondition_failed: 'If-Match 与记录当前版本不一致，未做任何修改',
  payload_too_large: '请求体过大（上限 1 MB）',
};

const roleNames: Record<Role, string> = {
  admin: '管理员',
  staff: '平台工作人员',
  manager: '基金管理人',
  leader: '领导',
};

function object(properties: Record<string, JsonSchema>): JsonSchema {
  return { type: 'object', properties, required: Object.keys(properties) };
}

const components = {
  securitySchemes: {
    bearer: {
      type: 'http',
      scheme: 'bearer',
      description: 'API 令牌：Authorization: Bearer <token>（新建用户或重新签发时返回）',
    },
  },
  schemas: {
    Error: {
      type: 'object',
      description: '唯一的错误格式；部分错误在 error 旁另有字段，如重复项目的 existingId',
      required: ['error'],
      properties: {
        error: {
          type: 'object',
          required: ['code', 'message'],
          properties: {
            code: { type: 'string', enum: Object.keys(errorStatus) },
            message: { type: 'string', description: '简体中文说明' },
            issues: { type: 'array', description: '仅 invalid_request', items: { $ref: '#/components/schemas/Issue' } },
          },
        },
      },
    },
    Issue: object({
      path: { type: 'string', description: '字段路径，如 company.creditCode；空串指整个请求体' },
      message: { type: 'string' },
    }),
    ...Object.fromEntries(Object.entries(answers).map(([name, schema]) => [name, toJson(schema, 'output')])),
  } as Record<string, JsonSchema>,
  headers: {
    ReportETag: {
      description:
        '报表的强 ETag：数据版本（每次写入都会变化）、调用者的角色与范围、日期与请求的摘要；GET 带 If-None-Match 相同时为 304，不重新计算',
      schema: { type: 'string', examples: ['"rG-WN4xemeRCEAjgZmjT9hVkMb3e"'] },
    },
    ETag: {
      description:
        '记录的版本（version），加引号，如 "3"；GET 带 If-None-Match 相同时为 304，写操作带 If-Match 不符为 412',
      schema: { type: 'string', examples: ['"3"'] },
    },
  },
  // Every error an operation declares; `internal` (500) can follow any request and is declared on none.
  responses: Object.fromEntries(
    (Object.keys(errorDescriptions) as (keyof typeof errorDescriptions)[]).map((code) => [
      code,
      {
        description: errorDescriptions[code],
        content: {
          'application/json': {
            schema: { $ref: '#/components/schemas/Error' },
            example: {
              error: {
                code,
                message: errorDescriptions[code],
                ...(code === 'invalid_request' && {
                  issues: [{ path: 'amount', message: '金额格式不正确，应为元，如 "1234.56"' }],
                }),
              },
            },
          },
        },
      },
    ]),
  ),
};

const description = `touyin（投引）：母基金、子基金、投资与基金招引项目，计算放大倍数、返投与以投促引成效。

- 认证：每个 /api 请求带 \`Authorization: Bearer <令牌>\`。角色：管理员、平台工作人员、基金管理人（只能看到本基金族，其余一律 404）、领导（只读）。
- 金额：以元为单位的十进制字符串，最多两位小数，如 \`"500000000.00"\`；比值为 4 位小数的字符串，分母为 0 时为 \`null\`。
- 日期：\`YYYY-MM-DD\`（中国日期）。
- 列表：\`?limit=\`（默认 50，最大 500）与 \`?cursor=\`，返回 \`{"items":[…],"nextCursor":…}\`。
- 按 id 返回的记录带 \`version\` 与 \`ETag\`；PATCH 带 \`If-Match\` 且版本不符为 412，不做任何修改。
- POST 可带 \`Idempotency-Key\`：同键同请求体返回首次结果，同键不同请求体为 409。
- 错误只有一种格式（见 Error），失败的请求不改变任何数据。`;

function toJson(schema: z.ZodType, io: 'input' | 'output' = 'input'): JsonSchema {
  const { $schema: _drop, ...json } = z.toJSONSchema(schema, { io, unrepresentable: 'any' }) as JsonSchema;
  return json;
}

interface Collected {
  method: string;
  path: string;
  validators: { target: string; schema: z.ZodType }[];
  roles?: readonly Role[];
}

/** The OpenAPI 3.1 document of an API router mounted at `base`, built from the zod schemas its routes validate with. */
export function openApiDocument(routes: readonly RouterRoute[], base = '/api') {
  const collected = new Map<string, Collected>();
  for (const r of routes) {
    if (r.method === 'ALL' || r.path.includes('*')) continue;
    const path = `${base}${r.path === '/' ? '' : r.path}`;
    const key = `${r.method} ${path}`;
    const op = collected.get(key) ?? { method: r.method, path, validators: [] };
    collected.set(key, op);
    const v = validatorSchemas.get(r.handler);
    if (v) op.validators.push(v);
    op.roles ??= allowedRoles.get(r.handler);
  }

  const paths: Record<string, Record<string, unknown>> = {};
  for (const [key, op] of collected) {
    const {
      tag,
      summary,
      created,
      body,
      page: pageOf,
      ifMatch,
      upload,
      form,
      binary,
      noContent,
    } = operations[key] ?? ({ tag: undefined, summary: key } as Partial<Operation>);
    const schemaOf = (target: string) => op.validators.find((v) => v.target === target)?.schema;
    const param = schemaOf('param');
    const query = schemaOf('query');
    const json = schemaOf('json');
    const pathParams = [...op.path.matchAll(/:(\w+)/g)].map((m) => m[1]!);
    const paramSchema = param ? toJson(param) : null;
    const querySchema = query ? toJson(query) : null;

    const parameters: unknown[] = pathParams.map((name) => ({
      name,
      in: 'path',
      required: true,
      schema: (paramSchema?.properties as Record<string, JsonSchema> | undefined)?.[name] ?? { type: 'string' },
    }));
    const queryProps = Object.entries((querySchema?.properties ?? {}) as Record<string, JsonSchema>);
    for (const [name, schema] of queryProps) {
      const required = ((querySchema?.required ?? []) as string[]).includes(name);
      parameters.push({
        name,
        in: 'query',
        required,
        schema,
        ...(typeof schema.description === 'string' && { description: schema.description }),
      });
    }
    if (op.method === 'POST') {
      parameters.push({
        name: 'Idempotency-Key',
        in: 'header',
        required: false,
        schema: { type: 'string' },
        description: '幂等键：同键同请求体返回首次结果，不重复创建',
      });
    }
    if (ifMatch) {
      parameters.push({
        name: 'If-Match',
        in: 'header',
        required: false,
        schema: { type: 'string' },
        description: '记录的 version（ETag），不符为 412',
      });
    }

    const writes = op.method === 'POST' || op.method === 'PATCH' || op.method === 'PUT';
    const errors: ErrorCode[] = ['unauthorized'];
    if (op.validators.length || writes) errors.push('invalid_request');
    if (op.roles && op.roles.length < roles.length) errors.push('forbidden');
    if (pathParams.length || json || queryProps.some(([name]) => name.endsWith('Id'))) errors.push('not_found');
    if (writes) errors.push('conflict');
    if (ifMatch) errors.push('precondition_failed');
    if (writes) errors.push('payload_too_large');

    const okSchema = body ? { $ref: `#/components/schemas/${body}` } : pageOf ? pageSchema(pageOf) : { type: 'object' };
    // A record read or written by id answers its version as the ETag (src/http/responses.ts withEtag).
    const schema = body ? (answers[body] as z.ZodType) : undefined;
    const versioned = (schema instanceof z.ZodObject && 'version' in schema.shape) || undefined;
    // A report, export or alert list answers the data version's tag (src/http/read-cache.ts).
    const etag = versioned ? 'ETag' : op.method === 'GET' && isCachedApiPath(op.path) ? 'ReportETag' : undefined;
    const content = op.path.endsWith('.xlsx')
      ? { [xlsx]: { schema: file } }
      : binary
        ? { 'application/octet-stream': { schema: file } }
        : { 'application/json': { schema: okSchema } };
    const responses: Record<string, unknown> = {
      ...(upload && { '200': { description: '?dryRun=1：逐行校验通过，未写入任何数据', content } }),
      [created ? '201' : noContent ? '204' : '200']: {
        description: upload
          ? '已全部写入（一次原子写入）'
          : created
            ? '已创建'
            : noContent
              ? '成功，无响应体'
              : binary
                ? '文件内容（Content-Type 为其类型，Content-Disposition: attachment 附原文件名）'
                : '成功',
        ...(etag && { headers: { ETag: { $ref: `#/components/headers/${etag}` } } }),
        ...(!noContent && { content }),
      },
    };
    if (etag && op.method === 'GET') {
      responses['304'] = {
        description: 'If-None-Match 与当前版本相同：客户端的副本仍是最新的，无响应体',
        headers: { ETag: { $ref: `#/components/headers/${etag}` } },
      };
      parameters.push({
        name: 'If-None-Match',
        in: 'header',
        required: false,
        schema: { type: 'string' },
        description: '客户端持有的 ETag；与当前版本相同时为 304',
      });
    }
    for (const code of errors.sort((a, b) => errorStatus[a] - errorStatus[b]))
      responses[String(errorStatus[code])] = { $ref: `#/components/responses/${code}` };
    if (upload) Object.assign(responses, uploadErrors);

    const openApiPath = op.path.replace(/:(\w+)(\{[^}]*\})?/g, '{$1}');
    paths[openApiPath] ??= {};
    paths[openApiPath][op.method.toLowerCase()] = {
      operationId: operationId(op.method, op.path),
      summary,
      ...(op.roles && { description: `可调用的角色：${op.roles.map((r) => roleNames[r]).join('、')}` }),
      ...(tag && { tags: [tag] }),
      ...(parameters.length && { parameters }),
      ...(upload && {
        requestBody: {
          required: true,
          content: {
            'multipart/form-data': { schema: { type: 'object', properties: { file }, required: ['file'] } },
            [xlsx]: { schema: file },
            'text/csv': { schema: { type: 'string' } },
          },
        },
      }),
      ...(form && {
        requestBody: {
          required: true,
          content: {
            'multipart/form-data': {
              schema: {
                type: 'object',
                properties: {
                  file,
                  subject: { type: 'string', pattern: '^(project|arrival|milestone|credit|request):[1-9][0-9]*$' },
                },
                required: ['file', 'subject'],
              },
            },
          },
        },
      }),
      ...(json && {
        requestBody: {
          required: !json.safeParse(undefined).success,
          content: { 'application/json': { schema: toJson(json) } },
        },
      }),
      responses,
    };
  }

  return {
    openapi: '3.1.0',
    // package.json is private and names no licence: touyin is not open source. SPDX has no identifier for that; a
    // LicenseRef- is SPDX's way of naming a licence of one's own.
    info: {
      title: 'touyin 投引 API',
      version: '1.0.0',
      description,
      license: { name: 'Proprietary（专有软件，未开源；UNLICENSED）', identifier: 'LicenseRef-Proprietary' },
    },
    servers: [{ url: '/', description: '提供本文档的同一服务（/api 路径相对于它）' }],
    tags: Object.entries(tags).map(([name, text]) => ({ name, description: text })),
    security: [{ bearer: [] }],
    paths,
    components,
  };
}

/** What a spreadsheet upload answers beside the usual errors: every problem of the file, and its own size limit. */
const uploadErrors = {
  '400': {
    description:
      '文件有误：逐行列出全部问题（rows 与 issues），未写入任何数据；无法识别或无法读取的文件（旧版 .xls、空文件、损坏的文件）同样为 400',
    content: { 'application/json': { schema: { $ref: '#/components/schemas/ImportRefused' } } },
  },
  '413': {
    description: '上传文件过大（上限 20 MB），请分批导入',
    content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
  },
};

/** A cursor page of `item` records. */
const pageSchema = (item: AnswerName): JsonSchema =>
  object({
    items: { type: 'array', items: { $ref: `#/components/schemas/${item}` } },
    nextCursor: { type: ['string', 'null'], description: '下一页的 cursor；没有更多时为 null' },
  });

/** "POST /api/funds/:id/commitments" → "postFundsByIdCommitments", "…/template.xlsx" → "…TemplateXlsx": stable, readable in clients. */
function operationId(method: string, path: string): string {
  const words = path
    .replace(/^\/api\//, '')
    .split('/')
    .flatMap((seg) => (seg.startsWith(':') ? ['by', seg.slice(1)] : seg.split(/[-.]/)));
  return method.toLowerCase() + words.map((w) => w.charAt(0).toUpperCase() + w.slice(1)).join('');
}

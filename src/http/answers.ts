// What the API answers for its records, as zod schemas: the records and list items the mappers build. The reports'
// and imports' schemas sit next to their builders; src/openapi/answers.ts names them all as OpenAPI components.
import { z } from 'zod';
import {
  activityKinds,
  activityLinks,
  arrivalKinds,
  chainActions,
  chainNodes,
  creditCategories,
  creditStatuses,
  fundLevels,
  investmentKinds,
  investorTypes,
  milestoneStages,
  nodeStages,
  nodeStatuses,
  ownerDuties,
  progressStages,
  projectStages,
  reinvestmentBases,
  reviewStatuses,
  roles,
  sourceTypes,
} from '../domain/vocabulary';
import { distributionKinds, fileTypes, thresholdComparisons } from '../db/schema';
import {
  dateOrNull,
  decimal,
  id,
  idOrNull,
  isoDate,
  text,
  textOrNull,
  version,
  yuan,
  yuanOrNull,
} from './answer-fields';

export const unitAnswer = z.strictObject({
  id,
  name: text,
  code: textOrNull,
  parentId: idOrNull,
  peerGroup: textOrNull,
  version,
});

export const fundAnswer = z.strictObject({
  id,
  name: text,
  level: z.enum(fundLevels),
  parentId: idOrNull,
  manager: textOrNull,
  homeUnitId: idOrNull,
  establishedOn: dateOrNull,
  reinvestment: z.strictObject({
    multiple: z.string().regex(/^\d+\.\d{4}$/),
    base: z.enum(reinvestmentBases),
    weights: z
      .strictObject(
        Object.fromEntries(creditCategories.map((k) => [k, decimal])) as Record<
          (typeof creditCategories)[number],
          typeof decimal
        >,
      )
      .meta({ description: '返投认定类别的计入权重' }),
  }),
  version,
});

export const commitmentAnswer = z.strictObject({
  id,
  fundId: id,
  investorType: z.enum(investorTypes),
  investorName: textOrNull,
  investorFundId: idOrNull,
  amount: yuan,
  committedOn: dateOrNull,
  version,
});
export const commitmentPaidAnswer = commitmentAnswer.extend({ paidIn: yuan.meta({ description: '累计实缴（元）' }) });

export const fundDetailAnswer = fundAnswer.extend({
  children: z.array(fundAnswer).meta({ description: '当前用户可见的下级基金' }),
  commitments: z.array(commitmentPaidAnswer),
});

export const contributionAnswer = z.strictObject({ id, commitmentId: id, amount: yuan, paidOn: isoDate, version });
export const commitmentDetailAnswer = commitmentPaidAnswer.extend({ contributions: z.array(contributionAnswer) });

export const companyAnswer = z.strictObject({
  id,
  name: text,
  creditCode: textOrNull,
  unitId: idOrNull,
  flags: z.strictObject({ hightech: z.boolean(), specialized: z.boolean(), sme: z.boolean(), private: z.boolean() }),
  version,
});
const companyName = z.strictObject({ name: text, creditCode: textOrNull });

export const investmentAnswer = z.strictObject({
  id,
  fundId: id,
  companyId: id,
  amount: yuan,
  investedOn: isoDate,
  kind: z.enum(investmentKinds),
  round: textOrNull,
  roundSize: yuanOrNull,
  preMoney: yuanOrNull,
  lead: z.boolean(),
  exitedOn: dateOrNull,
  exitProceeds: yuanOrNull,
  version,
});
export const investmentItemAnswer = investmentAnswer.extend({ company: companyName });
export const investmentDetailAnswer = investmentAnswer.extend({ company: companyAnswer });

export const creditAnswer = z.strictObject({
  id,
  fundId: id,
  companyId: idOrNull,
  projectId: idOrNull,
  category: z.enum(creditCategories),
  amount: yuan,
  on: isoDate,
  evidence: textOrNull,
  status: z.enum(creditStatuses),
  statusReason: textOrNull,
  version,
});

export const projectAnswer = z.strictObject({
  id,
  name: text,
  companyId: idOrNull,
  company: companyName.nullable(),
  sourceType: z.enum(sourceTypes),
  sourceFundId: idOrNull,
  investmentId: idOrNull,
  introducer: textOrNull,
  reportedOn: isoDate,
  plannedTotal: yuanOrNull,
  plannedFixedAsset: yuanOrNull,
  foreign: z.boolean(),
  chain: textOrNull,
  chainNode: z.enum(chainNodes).nullable(),
  chainAction: z.enum(chainActions).nullable(),
  introducingUnitId: idOrNull,
  landingUnitId: idOrNull,
  status: z.enum(reviewStatuses),
  statusReason: textOrNull,
  stage: z.enum(projectStages),
  reached: z.strictObject(
    Object.fromEntries(progressStages.map((s) => [s, dateOrNull])) as Record<
      (typeof progressStages)[number],
      typeof dateOrNull
    >,
  ),
  droppedOn: dateOrNull,
  version,
});
export const milestoneAnswer = z.strictObject({
  id,
  projectId: id,
  stage: z.enum(milestoneStages),
  on: isoDate,
  note: textOrNull,
  reason: textOrNull,
  current: z.boolean(),
  recordedAt: text,
  recordedBy: idOrNull,
  version,
});
export const arrivalAnswer = z.strictObject({
  id,
  projectId: id,
  amount: yuan,
  arrivedOn: isoDate,
  kind: z.enum(arrivalKinds),
  currency: textOrNull,
  originalAmount: textOrNull,
  exchangeRate: textOrNull,
  status: z.enum(reviewStatuses).meta({
    description: '到资认定：平台工作人员录入即为 confirmed，基金管理人报送为 pending，待认定；只有 confirmed 计入指标',
  }),
  statusReason: textOrNull.meta({ description: '退回（或认定）时的说明' }),
  reviewedOn: dateOrNull.meta({ description: '认定或退回的日期（平台录入的到资为录入日）' }),
  reviewedBy: idOrNull.meta({ description: '认定或退回的用户' }),
  recordedAt: text,
  version,
});
/** An arrival in the 认定 queue (GET /api/arrivals): with its project's name and source fund. */
export const arrivalItemAnswer = arrivalAnswer.extend({ projectName: text, fundId: idOrNull });
/** A project owner (专人对接/包挂, SPEC §9): current while `to` is null; removing one sets `to`, the row stays. */
export const ownerAnswer = z.strictObject({
  id,
  projectId: id,
  userId: id,
  name: text.meta({ description: '用户的显示名（无则用户名）' }),
  duty: z
    .enum(ownerDuties)
    .meta({ description: 'liaison 对接人（每个项目至多一名在任）、leader 包挂领导、member 专班成员' }),
  from: isoDate,
  to: dateOrNull.meta({ description: '卸任日期；在任为 null' }),
  version,
});
export const projectDetailAnswer = projectAnswer.extend({
  milestones: z.array(milestoneAnswer),
  arrivals: z.array(arrivalAnswer),
  owners: z.array(ownerAnswer).meta({ description: '在任的对接人、包挂领导与专班成员' }),
});

/** A 推进节点计划 template, a platform record: its nodes in order, each a stage or a task, offset from signing. */
export const nodeTemplateAnswer = z.strictObject({
  id,
  name: text,
  nodes: z.array(
    z.strictObject({
      name: text,
      stage: z.enum(nodeStages).nullable(),
      offsetDays: z.int().min(0).meta({ description: '签约日期后的天数' }),
    }),
  ),
  version,
});
/** A project's 推进节点 as of a date: plan in force, baseline (first plan), actual, state. */
export const nodeAnswer = z.strictObject({
  id,
  projectId: id,
  position: z.int().positive().meta({ description: '在计划中的次序' }),
  name: text,
  stage: z.enum(nodeStages).nullable().meta({ description: '阶段节点读取项目该阶段的达成日期；null 为任务节点' }),
  planned: isoDate.meta({ description: '现行计划日期' }),
  baseline: isoDate.meta({ description: '基准日期（首次计划，调整计划后不变）' }),
  actual: dateOrNull.meta({ description: '截至 asOf 的完成日期（阶段节点为该阶段的达成日期）' }),
  status: z.enum(nodeStatuses).meta({
    description:
      'done 已完成（actual ≤ D）、overdue 滞后（未完成且 planned < D）、due 临期（未完成且 planned 在 [D, D+h]）、open 未到期',
  }),
  onTime: z.boolean().meta({ description: '按期完成：已完成且 actual ≤ planned' }),
  replanned: z.boolean().meta({ description: '调整过计划：planned ≠ baseline' }),
  note: textOrNull,
  templateId: idOrNull,
  version,
});

export const userAnswer = z.strictObject({
  id,
  username: text,
  displayName: textOrNull,
  role: z.enum(roles),
  fundIds: z.array(id),
  revoked: z.boolean(),
  version,
});
/** GET /api/me: who the caller is. */
export const meAnswer = z.strictObject({
  id,
  username: text,
  displayName: textOrNull,
  role: z.enum(roles),
  fundIds: z.array(id).meta({ description: '基金管理人绑定的基金' }),
});
export const userTokenAnswer = userAnswer.extend({ token: text.meta({ description: 'API 令牌，只在此时返回一次' }) });

export const auditAnswer = z.strictObject({
  id,
  at: text,
  userId: idOrNull,
  user: z.strictObject({ id, username: text, displayName: textOrNull }).nullable(),
  entity: text,
  entityId: z.int(),
  action: text,
  before: z.record(z.string(), z.unknown()).nullable(),
  after: z.record(z.string(), z.unknown()).nullable(),
});

export const chainAnswer = z.strictObject({
  id,
  name: text,
  leader: textOrNull,
  leadCompanies: z.array(text),
  version,
});
export const targetAnswer = z.strictObject({
  id,
  unitId: idOrNull,
  fundId: idOrNull,
  year: z.int(),
  metric: text,
  value: text,
  weight: decimal,
  version,
});
export const distributionAnswer = z.strictObject({
  id,
  fundId: id,
  amount: yuan,
  paidOn: isoDate,
  kind: z.enum(distributionKinds),
  version,
});
export const valuationAnswer = z.strictObject({ id, fundId: id, nav: yuan, on: isoDate, version });
export const thresholdAnswer = z.strictObject({
  id,
  indicator: text,
  comparison: z.enum(thresholdComparisons),
  value: text,
  label: textOrNull,
  version,
});

/** An evidence file (佐证材料): its bytes are downloaded from GET /api/files/:id by whoever may read its subject. */
export const fileAnswer = z.strictObject({
  id,
  name: text.meta({ description: '上传时的文件名（仅作下载时的名称，从不用作路径）' }),
  type: z.enum(fileTypes).meta({ description: '按文件内容识别的类型' }),
  size: z.int().positive().meta({ description: '字节数' }),
  sha256: text.meta({ description: '内容的 SHA-256（十六进制）；相同内容只存一份' }),
  subject: text.meta({ description: '所属记录：project:N、arrival:N、milestone:N、credit:N 或 request:N' }),
  uploadedBy: id,
  uploadedAt: text,
  version,
});
/** 招商活动 (SPEC §9): who went where, the companies met and the projects it produced or advanced. */
export const activityAnswer = z.strictObject({
  id,
  unitId: id,
  fundId: idOrNull,
  kind: z.enum(activityKinds),
  startedOn: isoDate,
  endedOn: dateOrNull,
  destination: textOrNull,
  topLed: z.boolean().meta({ description: '主要负责人带队' }),
  participantIds: z.array(id).meta({ description: '参与的用户' }),
  participantNames: z.array(text).meta({ description: '没有账号的参与人员' }),
  participants: z
    .array(z.strictObject({ userId: idOrNull, name: text }))
    .meta({ description: '全部参与人员：用户（以显示名称）在前，其余人员在后' }),
  companies: z
    .array(z.strictObject({ name: text, companyId: idOrNull }))
    .meta({ description: '对接的企业：名称如填写，能对应到已登记企业时带其 id' }),
  projects: z
    .array(z.strictObject({ projectId: id, name: text, link: z.enum(activityLinks) }))
    .meta({ description: '关联项目：produced 由本次活动促成的线索，advanced 推进的已有项目' }),
  note: textOrNull,
  version,
});

/** The records' answers by their OpenAPI component names (src/openapi/answers.ts adds the reports' and imports'). */
export const recordAnswers = {
  Unit: unitAnswer,
  Fund: fundAnswer,
  FundDetail: fundDetailAnswer,
  Commitment: commitmentPaidAnswer,
  CommitmentDetail: commitmentDetailAnswer,
  Contribution: contributionAnswer,
  Company: companyAnswer,
  Investment: investmentAnswer,
  InvestmentItem: investmentItemAnswer,
  InvestmentDetail: investmentDetailAnswer,
  Credit: creditAnswer,
  Project: projectAnswer,
  ProjectDetail: projectDetailAnswer,
  Milestone: milestoneAnswer,
  Arrival: arrivalAnswer,
  ArrivalItem: arrivalItemAnswer,
  EvidenceFile: fileAnswer,
  Owner: ownerAnswer,
  NodeTemplate: nodeTemplateAnswer,
  Node: nodeAnswer,
  Activity: activityAnswer,
  User: userAnswer,
  UserWithToken: userTokenAnswer,
  Me: meAnswer,
  AuditEntry: auditAnswer,
  Chain: chainAnswer,
  Target: targetAnswer,
  Distribution: distributionAnswer,
  Valuation: valuationAnswer,
  Threshold: thresholdAnswer,
} satisfies Record<string, z.ZodType>;
export type RecordName = keyof typeof recordAnswers;
/** What a mapper of the read model or of a write builds for record `N`. */
export type Answer<N extends RecordName> = z.input<(typeof recordAnswers)[N]>;

import { sql } from 'drizzle-orm';
import {
  check,
  index,
  integer,
  primaryKey,
  sqliteTable,
  text,
  uniqueIndex,
  type AnySQLiteColumn,
} from 'drizzle-orm/sqlite-core';
import {
  roles,
  fundLevels,
  reinvestmentBases,
  investorTypes,
  investmentKinds,
  sourceTypes,
  chainNodes,
  chainActions,
  reviewStatuses,
  milestoneStages,
  arrivalKinds,
  creditStatuses,
  creditCategories,
  ownerDuties,
  nodeStages,
  requestCategories,
  requestStatuses,
  requestRatings,
  activityKinds,
  activityLinks,
} from '../domain/vocabulary';

// Every audited table carries these. `updatedBy` is the user who made the last write: the audit triggers
// (drizzle/0001_audit_triggers.sql) copy it into audit_log in the same statement, so no write goes unattributed.
const stamps = () => ({
  version: integer().notNull().default(1),
  createdAt: text()
    .notNull()
    .default(sql`(strftime('%Y-%m-%dT%H:%M:%fZ','now'))`),
  updatedAt: text()
    .notNull()
    .default(sql`(strftime('%Y-%m-%dT%H:%M:%fZ','now'))`),
  updatedBy: integer(),
});

export const users = sqliteTable('users', {
  id: integer().primaryKey({ autoIncrement: true }),
  username: text().notNull().unique(),
  displayName: text(),
  role: text({ enum: roles }).notNull(),
  tokenHash: text().unique(),
  passwordHash: text(),
  revokedAt: text(),
  ...stamps(),
});

export const userFunds = sqliteTable(
  'user_funds',
  {
    userId: integer()
      .notNull()
      .references(() => users.id),
    fundId: integer()
      .notNull()
      .references(() => funds.id),
  },
  (t) => [primaryKey({ columns: [t.userId, t.fundId] }), index('user_funds_fund_idx').on(t.fundId)],
);

export const units = sqliteTable('units', {
  id: integer().primaryKey({ autoIncrement: true }),
  name: text().notNull(),
  code: text(),
  parentId: integer().references((): AnySQLiteColumn => units.id),
  peerGroup: text(),
  ...stamps(),
});

export const funds = sqliteTable(
  'funds',
  {
    id: integer().primaryKey({ autoIncrement: true }),
    name: text().notNull(),
    level: text({ enum: fundLevels }).notNull(),
    parentId: integer().references((): AnySQLiteColumn => funds.id),
    manager: text(),
    homeUnitId: integer().references(() => units.id),
    establishedOn: text(),
    // 返投 rule: multiple k as an exact decimal string, base, and category weights as JSON of decimal strings.
    reinvestMultiple: text().notNull().default('0'),
    reinvestBase: text({ enum: reinvestmentBases }).notNull().default('parent_committed'),
    reinvestWeights: text(),
    ...stamps(),
  },
  (t) => [index('funds_parent_idx').on(t.parentId)],
);

export const commitments = sqliteTable(
  'commitments',
  {
    id: integer().primaryKey({ autoIncrement: true }),
    fundId: integer()
      .notNull()
      .references(() => funds.id),
    investorType: text({ enum: investorTypes }).notNull(),
    investorName: text(),
    investorFundId: integer().references(() => funds.id),
    amountFen: integer().notNull(),
    committedOn: text().notNull(),
    ...stamps(),
  },
  (t) => [
    index('commitments_fund_idx').on(t.fundId, t.committedOn),
    index('commitments_investor_fund_idx').on(t.investorFundId),
    check('commitments_amount_nonneg', sql`${t.amountFen} >= 0`),
  ],
);

export const contributions = sqliteTable(
  'contributions',
  {
    id: integer().primaryKey({ autoIncrement: true }),
    commitmentId: integer()
      .notNull()
      .references(() => commitments.id),
    amountFen: integer().notNull(),
    paidOn: text().notNull(),
    ...stamps(),
  },
  (t) => [
    index('contributions_commitment_idx').on(t.commitmentId, t.paidOn),
    check('contributions_amount_nonneg', sql`${t.amountFen} >= 0`),
  ],
);

export const companies = sqliteTable(
  'companies',
  {
    id: integer().primaryKey({ autoIncrement: true }),
    name: text().notNull(),
    nameKey: text().notNull(),
    creditCode: text().unique(),
    unitId: integer().references(() => units.id),
    // Flags the 投向 indicators read (SPEC §8): 高新技术企业, 专精特新, 中小企业, 民营.
    hightech: integer({ mode: 'boolean' }).notNull().default(false),
    specialized: integer({ mode: 'boolean' }).notNull().default(false),
    sme: integer({ mode: 'boolean' }).notNull().default(false),
    private: integer({ mode: 'boolean' }).notNull().default(false),
    ...stamps(),
  },
  (t) => [index('companies_name_key_idx').on(t.nameKey)],
);

export const investments = sqliteTable(
  'investments',
  {
    id: integer().primaryKey({ autoIncrement: true }),
    fundId: integer()
      .notNull()
      .references(() => funds.id),
    companyId: integer()
      .notNull()
      .references(() => companies.id),
    amountFen: integer().notNull(),
    investedOn: text().notNull(),
    kind: text({ enum: investmentKinds }).notNull().default('new'),
    round: text(),
    roundSizeFen: integer(),
    preMoneyFen: integer(),
    lead: integer({ mode: 'boolean' }).notNull().default(false),
    // 退出: when the fund left the company and what it received (SPEC §8); both null while it holds. Added by ALTER
    // (no CHECK: SQLite would rebuild the table); the API refuses negative proceeds like every amount.
    exitedOn: text(),
    exitProceedsFen: integer(),
    ...stamps(),
  },
  (t) => [
    index('investments_fund_idx').on(t.fundId, t.investedOn),
    index('investments_company_idx').on(t.companyId),
    check('investments_amount_nonneg', sql`${t.amountFen} >= 0`),
  ],
);

export const distributionKinds = ['return_of_capital', 'income'] as const;

/** 分配: money a fund paid back to all its LPs, pro rata by paid-in (SPEC §8). */
export const distributions = sqliteTable(
  'distributions',
  {
    id: integer().primaryKey({ autoIncrement: true }),
    fundId: integer()
      .notNull()
      .references(() => funds.id),
    amountFen: integer().notNull(),
    paidOn: text().notNull(),
    kind: text({ enum: distributionKinds }).notNull(),
    ...stamps(),
  },
  (t) => [
    index('distributions_fund_idx').on(t.fundId, t.paidOn, t.amountFen),
    check('distributions_amount_nonneg', sql`${t.amountFen} >= 0`),
  ],
);

/** 估值: a GP's NAV report for a fund; the latest dated ≤ D counts (SPEC §8). */
export const valuations = sqliteTable(
  'valuations',
  {
    id: integer().primaryKey({ autoIncrement: true }),
    fundId: integer()
      .notNull()
      .references(() => funds.id),
    navFen: integer().notNull(),
    valuedOn: text().notNull(),
    ...stamps(),
  },
  (t) => [index('valuations_fund_idx').on(t.fundId, t.valuedOn), check('valuations_nav_nonneg', sql`${t.navFen} >= 0`)],
);

export const projects = sqliteTable(
  'projects',
  {
    id: integer().primaryKey({ autoIncrement: true }),
    name: text().notNull(),
    companyId: integer().references(() => companies.id),
    // Who the lead is about: the credit code, else the normalized company name. One active project per key.
    companyKey: text(),
    sourceType: text({ enum: sourceTypes }).notNull(),
    sourceFundId: integer().references(() => funds.id),
    investmentId: integer().references(() => investments.id),
    introducer: text(),
    reportedOn: text().notNull(),
    plannedTotalFen: integer().notNull(),
    plannedFixedAssetFen: integer(),
    foreign: integer({ mode: 'boolean' }).notNull().default(false),
    chain: text(),
    chainNode: text({ enum: chainNodes }),
    chainAction: text({ enum: chainActions }),
    introducingUnitId: integer().references(() => units.id),
    landingUnitId: integer().references(() => units.id),
    status: text({ enum: reviewStatuses }).notNull(),
    statusReason: text(),
    // The date each stage was reached: the earliest current milestone of that stage or any later one.
    // Kept by the milestone write itself (same atomic batch) so metrics count with plain SQL.
    negotiatingOn: text(),
    signedOn: text(),
    registeredOn: text(),
    startedOn: text(),
    completedOn: text(),
    producingOn: text(),
    droppedOn: text(),
    // The project's arrivals in summary, kept by triggers on arrivals in the same statement as each arrival write
    // (drizzle/0017): the first and last arrival dates and the amounts summed in split parts (queries/sums.ts: exact
    // whatever their number). The outcome pass reads them from the covering indexes below and looks arrivals up
    // only for a project with an arrival after its as-of date. Derived: never written by the app, not audited.
    firstArrivalOn: text(),
    lastArrivalOn: text(),
    arrivedHi: integer().notNull().default(0),
    arrivedLo: integer().notNull().default(0),
    // The latest date of the project's current milestones, kept by triggers on milestones (drizzle/0017): 长期无进展
    // (queries/alerts.ts) reads it instead of looking the milestones up when it is by the alert's date. Derived too.
    lastMilestoneOn: text(),
    // The days from report to signing and from signing to registration (SPEC §4's medians), generated (virtual:
    // computed on write into the covering index below, which the outcome pass reads instead of two julianday() per
    // project). Null until both dates are set.
    signDays: integer().generatedAlwaysAs(sql`cast(round(julianday(signed_on) - julianday(reported_on)) as integer)`, {
      mode: 'virtual',
    }),
    registerDays: integer().generatedAlwaysAs(
      sql`cast(round(julianday(registered_on) - julianday(signed_on)) as integer)`,
      { mode: 'virtual' },
    ),
    ...stamps(),
  },
  // eslint-disable-next-line max-lines-per-function -- a table's indexes and checks, declared with its columns (the schema is excepted)
  (t) => [
    // Covers every column the outcome metrics read (queries/outcomes.ts: counts, its arrivals join and median samples,
    // which name it in INDEXED BY), so a family's figures come from the index alone: table lookups cost 4×.
    index('projects_fund_idx').on(
      t.sourceFundId,
      t.status,
      t.reportedOn,
      t.negotiatingOn,
      t.signedOn,
      t.registeredOn,
      t.startedOn,
      t.completedOn,
      t.producingOn,
      t.droppedOn,
      t.investmentId,
      t.plannedTotalFen,
      t.firstArrivalOn,
      t.lastArrivalOn,
      t.arrivedHi,
      t.arrivedLo,
      t.signDays,
      t.registerDays,
    ),
    index('projects_status_idx').on(t.status, t.id),
    // The regional (招引/落地口径) report reads by unit: covering like projects_fund_idx (plus the source fund, for
    // scope and a family), so it groups projects by unit in index order — no table read, no sort (a third of the cost).
    index('projects_introducing_unit_idx').on(
      t.introducingUnitId,
      t.status,
      t.reportedOn,
      t.negotiatingOn,
      t.signedOn,
      t.registeredOn,
      t.startedOn,
      t.completedOn,
      t.producingOn,
      t.droppedOn,
      t.investmentId,
      t.plannedTotalFen,
      t.sourceFundId,
      t.firstArrivalOn,
      t.lastArrivalOn,
      t.arrivedHi,
      t.arrivedLo,
      t.signDays,
      t.registerDays,
    ),
    index('projects_landing_unit_idx').on(
      t.landingUnitId,
      t.status,
      t.reportedOn,
      t.negotiatingOn,
      t.signedOn,
      t.registeredOn,
      t.startedOn,
      t.completedOn,
      t.producingOn,
      t.droppedOn,
      t.investmentId,
      t.plannedTotalFen,
      t.sourceFundId,
      t.firstArrivalOn,
      t.lastArrivalOn,
      t.arrivedHi,
      t.arrivedLo,
      t.signDays,
      t.registerDays,
    ),
    // The 产业链 map and the pipeline's chain counts group by chain in this order, covered (no table read, no sort).
    index('projects_chain_idx').on(
      t.chain,
      t.chainNode,
      t.chainAction,
      t.status,
      t.reportedOn,
      t.registeredOn,
      t.droppedOn,
      t.plannedTotalFen,
      t.sourceFundId,
      t.introducingUnitId,
      t.landingUnitId,
      t.firstArrivalOn,
      t.lastArrivalOn,
      t.arrivedHi,
      t.arrivedLo,
    ),
    uniqueIndex('projects_active_company_uq')
      .on(t.companyKey)
      .where(sql`${t.status} <> 'rejected' AND ${t.droppedOn} IS NULL AND ${t.companyKey} IS NOT NULL`),
    check('projects_planned_nonneg', sql`${t.plannedTotalFen} >= 0`),
  ],
);

export const milestones = sqliteTable(
  'milestones',
  {
    id: integer().primaryKey({ autoIncrement: true }),
    projectId: integer()
      .notNull()
      .references(() => projects.id),
    stage: text({ enum: milestoneStages }).notNull(),
    happenedOn: text().notNull(),
    note: text(),
    reason: text(),
    // 1 for the entry in force for its stage; a later entry of the same stage is a correction and clears it.
    current: integer({ mode: 'boolean' }).notNull().default(true),
    ...stamps(),
  },
  (t) => [index('milestones_project_idx').on(t.projectId, t.stage)],
);

export const arrivals = sqliteTable(
  'arrivals',
  {
    id: integer().primaryKey({ autoIncrement: true }),
    projectId: integer()
      .notNull()
      .references(() => projects.id),
    amountFen: integer().notNull(),
    arrivedOn: text().notNull(),
    kind: text({ enum: arrivalKinds }).notNull(),
    currency: text(),
    originalAmount: text(),
    exchangeRate: text(),
    // 到资认定 (SPEC §9): staff entries are confirmed on entry, a manager's are pending until staff confirm them.
    // Only confirmed arrivals count in any figure; the project's arrival summary (drizzle/0022) follows the status.
    // Existing rows (and bulk SQL inserts that name no status) are confirmed.
    status: text({ enum: reviewStatuses }).notNull().default('confirmed'),
    statusReason: text(),
    // The China day it was entered, and the day and user of its last 认定 or 退回 (a staff entry: its entry), so the
    // 通报 tells what was confirmed in a month and what was still pending at its end.
    enteredOn: text(),
    reviewedOn: text(),
    reviewedBy: integer(),
    ...stamps(),
  },
  (t) => [
    // status and amount_fen too, so the confirmed arrived sum reads the index without a table lookup per arrival.
    index('arrivals_project_idx').on(t.projectId, t.status, t.arrivedOn, t.amountFen),
    // The 认定 queue (GET /api/arrivals?status=pending), and the 通报's confirmed-by-date and pending figures (covered).
    index('arrivals_status_idx').on(t.status, t.reviewedOn, t.enteredOn, t.arrivedOn, t.amountFen, t.projectId),
    check('arrivals_amount_nonneg', sql`${t.amountFen} >= 0`),
  ],
);

export const reinvestmentCredits = sqliteTable(
  'reinvestment_credits',
  {
    id: integer().primaryKey({ autoIncrement: true }),
    fundId: integer()
      .notNull()
      .references(() => funds.id),
    companyId: integer().references(() => companies.id),
    projectId: integer().references(() => projects.id),
    category: text({ enum: creditCategories }).notNull(),
    amountFen: integer().notNull(),
    datedOn: text().notNull(),
    evidence: text(),
    status: text({ enum: creditStatuses }).notNull().default('pending'),
    statusReason: text(),
    ...stamps(),
  },
  (t) => [
    index('credits_fund_idx').on(t.fundId, t.status, t.datedOn),
    check('credits_amount_nonneg', sql`${t.amountFen} >= 0`),
    check('credits_one_subject', sql`(${t.companyId} IS NULL) <> (${t.projectId} IS NULL)`),
  ],
);

export const targets = sqliteTable(
  'targets',
  {
    id: integer().primaryKey({ autoIncrement: true }),
    unitId: integer().references(() => units.id),
    fundId: integer().references(() => funds.id),
    year: integer().notNull(),
    metric: text().notNull(),
    value: text().notNull(),
    /** 擂台赛 weight, a decimal string ≥ 0 (0 = listed, not scored). */
    weight: text().notNull().default('1'),
    ...stamps(),
  },
  (t) => [
    // One target per (unit or fund, year, metric): a second would count twice in the 擂台赛 score. A unit target's
    // fund_id is NULL (and a fund target's unit_id), and NULLs never collide in SQLite, so each index covers its kind.
    uniqueIndex('targets_unit_year_metric_uq').on(t.unitId, t.year, t.metric),
    uniqueIndex('targets_fund_year_metric_uq').on(t.fundId, t.year, t.metric),
  ],
);

/**
 * 重点产业链: a key chain of the region, with its 链长 (the leader answering for it) and its 链主 companies (JSON
 * array of names). Projects name their chain as text; the 产业链 map matches them by this name.
 */
export const chains = sqliteTable('chains', {
  id: integer().primaryKey({ autoIncrement: true }),
  name: text().notNull().unique(),
  leader: text(),
  leadCompanies: text(),
  ...stamps(),
});

export const thresholdComparisons = ['gte', 'lte'] as const;

/** A platform-set threshold on a performance figure or 投向 indicator (SPEC §8); a self-check, not an official score. */
export const indicatorThresholds = sqliteTable('indicator_thresholds', {
  id: integer().primaryKey({ autoIncrement: true }),
  indicator: text().notNull(),
  comparison: text({ enum: thresholdComparisons }).notNull(),
  value: text().notNull(),
  label: text(),
  ...stamps(),
});

export const fileSubjects = ['project', 'arrival', 'milestone', 'credit', 'request'] as const;
export const fileTypes = [
  'application/pdf',
  'image/jpeg',
  'image/png',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
] as const;

/**
 * 佐证材料 (SPEC §9): a file (合同, 营业执照, 银行回单, 验资报告, 照片) carried by a project, an arrival, a milestone, a
 * 返投 credit or a request. The bytes are stored content-addressed by their SHA-256 (data/files/ on Node, R2 on
 * Workers): the same file twice is stored once. `name` is the uploaded name, never used as a path. Deleting is soft
 * (`deletedAt`, audited); the bytes stay, as other rows may share them.
 */
export const files = sqliteTable(
  'files',
  {
    id: integer().primaryKey({ autoIncrement: true }),
    subjectType: text({ enum: fileSubjects }).notNull(),
    subjectId: integer().notNull(),
    name: text().notNull(),
    type: text({ enum: fileTypes }).notNull(),
    size: integer().notNull(),
    sha256: text().notNull(),
    uploadedBy: integer().notNull(),
    deletedAt: text(),
    ...stamps(),
  },
  (t) => [
    index('files_subject_idx').on(t.subjectType, t.subjectId, t.deletedAt),
    check('files_size_positive', sql`${t.size} > 0`),
  ],
);

// ── The service loop (SPEC §9, second half): owners, node plans, 企业诉求, 招商活动, platform settings ──────────────

/**
 * 专人对接/包挂: who answers for a project, with its history. A row is current while `toOn` is null; removing an owner
 * sets `toOn` (never a delete), and a second 对接人 ends the first in the same write, so a project has at most one
 * current 对接人 (the partial unique index holds it).
 */
export const projectOwners = sqliteTable(
  'project_owners',
  {
    id: integer().primaryKey({ autoIncrement: true }),
    projectId: integer()
      .notNull()
      .references(() => projects.id),
    userId: integer()
      .notNull()
      .references(() => users.id),
    duty: text({ enum: ownerDuties }).notNull(),
    fromOn: text().notNull(),
    toOn: text(),
    ...stamps(),
  },
  (t) => [
    index('project_owners_project_idx').on(t.projectId, t.toOn, t.duty, t.userId),
    index('project_owners_user_idx').on(t.userId, t.toOn, t.projectId),
    uniqueIndex('project_owners_current_liaison_uq')
      .on(t.projectId)
      .where(sql`${t.duty} = 'liaison' AND ${t.toOn} IS NULL`),
  ],
);

/**
 * A 推进节点计划 template, a platform record: its nodes as a JSON array of `{name, stage?, offsetDays}` (stage one of
 * nodeStages; offsetDays from the signing date), in order. Applying it copies the nodes into project_nodes.
 */
export const nodeTemplates = sqliteTable('node_templates', {
  id: integer().primaryKey({ autoIncrement: true }),
  name: text().notNull().unique(),
  nodes: text().notNull(),
  ...stamps(),
});

/**
 * A project's 推进节点: `plannedOn` is the plan in force, `baselineOn` the first plan (kept on every re-plan). A stage
 * node reads its actual date from the project's reached date for that stage (projects.registeredOn …); a task node
 * (stage null) has its own `actualOn`.
 */
export const projectNodes = sqliteTable(
  'project_nodes',
  {
    id: integer().primaryKey({ autoIncrement: true }),
    projectId: integer()
      .notNull()
      .references(() => projects.id),
    position: integer().notNull(),
    name: text().notNull(),
    stage: text({ enum: nodeStages }),
    plannedOn: text().notNull(),
    baselineOn: text().notNull(),
    actualOn: text(),
    note: text(),
    templateId: integer().references(() => nodeTemplates.id),
    ...stamps(),
  },
  (t) => [
    index('project_nodes_project_idx').on(t.projectId, t.position),
    // 调度 and the node_overdue alert read nodes by planned date, covered.
    index('project_nodes_planned_idx').on(t.plannedOn, t.projectId, t.stage, t.actualOn, t.baselineOn),
    check('project_nodes_task_actual', sql`${t.stage} IS NULL OR ${t.actualOn} IS NULL`),
  ],
);

/**
 * 企业诉求: about a project or a company (at least one), handled by a unit and optionally a user. `status` is the
 * state in force; `resolvedOn` the date of its last resolution while it is resolved or closed (null once reopened),
 * kept by the transition write with its history row (request_events) in one atomic write.
 */
export const serviceRequests = sqliteTable(
  'service_requests',
  {
    id: integer().primaryKey({ autoIncrement: true }),
    projectId: integer().references(() => projects.id),
    companyId: integer().references(() => companies.id),
    category: text({ enum: requestCategories }).notNull(),
    unitId: integer()
      .notNull()
      .references(() => units.id),
    assigneeId: integer().references(() => users.id),
    raisedOn: text().notNull(),
    dueOn: text().notNull(),
    description: text().notNull(),
    status: text({ enum: requestStatuses }).notNull().default('open'),
    resolvedOn: text(),
    resolution: text(),
    rating: text({ enum: requestRatings }),
    closedOn: text(),
    raisedBy: integer(),
    ...stamps(),
  },
  (t) => [
    index('service_requests_unit_idx').on(t.unitId, t.raisedOn, t.status, t.resolvedOn, t.dueOn, t.rating),
    index('service_requests_project_idx').on(t.projectId, t.raisedOn),
    index('service_requests_company_idx').on(t.companyId, t.raisedOn),
    index('service_requests_assignee_idx').on(t.assigneeId, t.status, t.dueOn),
    index('service_requests_due_idx').on(t.status, t.dueOn),
    check('service_requests_subject', sql`${t.projectId} IS NOT NULL OR ${t.companyId} IS NOT NULL`),
  ],
);

/** A request's history: each state it entered, on which date, with the resolution text or the rating. */
export const requestEvents = sqliteTable(
  'request_events',
  {
    id: integer().primaryKey({ autoIncrement: true }),
    requestId: integer()
      .notNull()
      .references(() => serviceRequests.id),
    status: text({ enum: requestStatuses }).notNull(),
    happenedOn: text().notNull(),
    text: text(),
    rating: text({ enum: requestRatings }),
    ...stamps(),
  },
  (t) => [index('request_events_request_idx').on(t.requestId, t.id)],
);

/** 招商活动: a trip out, a visit in, a meeting or an event, by a unit (and optionally for a fund). */
export const activities = sqliteTable(
  'activities',
  {
    id: integer().primaryKey({ autoIncrement: true }),
    unitId: integer()
      .notNull()
      .references(() => units.id),
    fundId: integer().references(() => funds.id),
    kind: text({ enum: activityKinds }).notNull(),
    startedOn: text().notNull(),
    endedOn: text(),
    destination: text(),
    topLed: integer({ mode: 'boolean' }).notNull().default(false),
    note: text(),
    ...stamps(),
  },
  (t) => [
    index('activities_unit_idx').on(t.unitId, t.startedOn, t.kind, t.topLed),
    index('activities_fund_idx').on(t.fundId, t.startedOn),
  ],
);

/** Who went: a user, or a name (someone without an account). */
export const activityParticipants = sqliteTable(
  'activity_participants',
  {
    id: integer().primaryKey({ autoIncrement: true }),
    activityId: integer()
      .notNull()
      .references(() => activities.id),
    userId: integer().references(() => users.id),
    name: text(),
    ...stamps(),
  },
  (t) => [
    index('activity_participants_activity_idx').on(t.activityId),
    index('activity_participants_user_idx').on(t.userId),
    check('activity_participants_who', sql`${t.userId} IS NOT NULL OR ${t.name} IS NOT NULL`),
  ],
);

/** The companies an activity met: the name as written, its key (domain/names.ts), and the company when known. */
export const activityCompanies = sqliteTable(
  'activity_companies',
  {
    id: integer().primaryKey({ autoIncrement: true }),
    activityId: integer()
      .notNull()
      .references(() => activities.id),
    name: text().notNull(),
    nameKey: text().notNull(),
    companyId: integer().references(() => companies.id),
    ...stamps(),
  },
  (t) => [index('activity_companies_activity_idx').on(t.activityId, t.nameKey, t.companyId)],
);

/** The projects an activity produced (the lead came from it) or advanced. */
export const activityProjects = sqliteTable(
  'activity_projects',
  {
    id: integer().primaryKey({ autoIncrement: true }),
    activityId: integer()
      .notNull()
      .references(() => activities.id),
    projectId: integer()
      .notNull()
      .references(() => projects.id),
    link: text({ enum: activityLinks }).notNull(),
    ...stamps(),
  },
  (t) => [
    index('activity_projects_activity_idx').on(t.activityId, t.link, t.projectId),
    index('activity_projects_project_idx').on(t.projectId),
  ],
);

/**
 * Platform settings, one row per key: `requestDays.<category>` (days from raised to due for a 诉求 category, SPEC §9),
 * `bulletin.issuer` (the 通报's 发文单位). Values are text; each key's reader validates its own.
 */
export const settings = sqliteTable('settings', {
  id: integer().primaryKey({ autoIncrement: true }),
  key: text().notNull().unique(),
  value: text().notNull(),
  ...stamps(),
});

export const auditLog = sqliteTable(
  'audit_log',
  {
    id: integer().primaryKey({ autoIncrement: true }),
    at: text()
      .notNull()
      .default(sql`(strftime('%Y-%m-%dT%H:%M:%fZ','now'))`),
    userId: integer(),
    entity: text().notNull(),
    entityId: integer().notNull(),
    action: text().notNull(),
    before: text(),
    after: text(),
  },
  (t) => [index('audit_entity_idx').on(t.entity, t.entityId)],
);

export const idempotencyKeys = sqliteTable(
  'idempotency_keys',
  {
    userId: integer().notNull(),
    key: text().notNull(),
    requestHash: text().notNull(),
    status: integer().notNull(),
    body: text().notNull(),
    createdAt: text()
      .notNull()
      .default(sql`(strftime('%Y-%m-%dT%H:%M:%fZ','now'))`),
  },
  // created_at: rows older than a day are deleted on the next keyed POST (src/idempotency.ts).
  (t) => [primaryKey({ columns: [t.userId, t.key] }), index('idempotency_created_idx').on(t.createdAt)],
);

/**
 * Tables whose every insert and update lands in audit_log (through triggers), with the columns never copied there:
 * `secret` ones (hashes), and `derived` ones that touyin computes itself (kept by triggers from other tables, or
 * generated from the row) — an update of only those is not a change anybody made, so the update trigger fires on the
 * other columns only (`AFTER UPDATE OF …`).
 */
export const audited = {
  users: { table: users, secret: ['tokenHash', 'passwordHash'], derived: [] },
  units: { table: units, secret: [], derived: [] },
  funds: { table: funds, secret: [], derived: [] },
  commitments: { table: commitments, secret: [], derived: [] },
  contributions: { table: contributions, secret: [], derived: [] },
  companies: { table: companies, secret: [], derived: [] },
  investments: { table: investments, secret: [], derived: [] },
  projects: {
    table: projects,
    secret: [],
    derived: [
      'firstArrivalOn',
      'lastArrivalOn',
      'arrivedHi',
      'arrivedLo',
      'lastMilestoneOn',
      'signDays',
      'registerDays',
    ],
  },
  milestones: { table: milestones, secret: [], derived: [] },
  arrivals: { table: arrivals, secret: [], derived: [] },
  reinvestment_credits: { table: reinvestmentCredits, secret: [], derived: [] },
  targets: { table: targets, secret: [], derived: [] },
  chains: { table: chains, secret: [], derived: [] },
  distributions: { table: distributions, secret: [], derived: [] },
  valuations: { table: valuations, secret: [], derived: [] },
  indicator_thresholds: { table: indicatorThresholds, secret: [], derived: [] },
  files: { table: files, secret: [], derived: [] },
  project_owners: { table: projectOwners, secret: [], derived: [] },
  node_templates: { table: nodeTemplates, secret: [], derived: [] },
  project_nodes: { table: projectNodes, secret: [], derived: [] },
  service_requests: { table: serviceRequests, secret: [], derived: [] },
  request_events: { table: requestEvents, secret: [], derived: [] },
  activities: { table: activities, secret: [], derived: [] },
  activity_participants: { table: activityParticipants, secret: [], derived: [] },
  activity_companies: { table: activityCompanies, secret: [], derived: [] },
  activity_projects: { table: activityProjects, secret: [], derived: [] },
  settings: { table: settings, secret: [], derived: [] },
} as const;

/** Web sessions: the cookie holds a random id, only its SHA-256 is stored; `csrf` guards every form and fetch. */
export const sessions = sqliteTable(
  'sessions',
  {
    idHash: text().primaryKey(),
    userId: integer()
      .notNull()
      .references(() => users.id),
    csrf: text().notNull(),
    createdAt: text()
      .notNull()
      .default(sql`(strftime('%Y-%m-%dT%H:%M:%fZ','now'))`),
    expiresAt: text().notNull(),
  },
  // expires_at: expired sessions are deleted at the next login.
  (t) => [index('sessions_user_idx').on(t.userId), index('sessions_expires_idx').on(t.expiresAt)],
);

/**
 * Password login attempts, for throttling guessing: each is recorded before its password is checked (in the same
 * statement that counts the recent ones, see src/web/login.tsx) and deleted again by a success. `source` is the
 * client address ('' when unknown). Rows older than the window are deleted at the next attempt.
 */
export const loginFailures = sqliteTable(
  'login_failures',
  {
    id: integer().primaryKey({ autoIncrement: true }),
    username: text().notNull(),
    source: text().notNull().default(''),
    failedAt: text().notNull(),
  },
  (t) => [
    index('login_failures_user_idx').on(t.username, t.failedAt),
    index('login_failures_source_idx').on(t.source, t.failedAt),
    index('login_failures_at_idx').on(t.failedAt),
  ],
);

/**
 * The fund tree as data (a closure table): one row per (ancestor, descendant) pair, the fund itself at depth 0.
 * Kept by triggers on `funds` (drizzle/0009_fund_unit_closure.sql) in the same statement as the tree change, so
 * every insert path — API, import, bulk SQL — keeps it, and a family is a join: no id list is ever bound.
 */
export const fundTree = sqliteTable(
  'fund_tree',
  {
    ancestorId: integer().notNull(),
    descendantId: integer().notNull(),
    depth: integer().notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.ancestorId, t.descendantId] }),
    index('fund_tree_descendant_idx').on(t.descendantId, t.ancestorId),
  ],
);

/** The unit tree as data, like fund_tree: a unit with all its sub-units, kept by triggers on `units`. */
export const unitTree = sqliteTable(
  'unit_tree',
  {
    ancestorId: integer().notNull(),
    descendantId: integer().notNull(),
    depth: integer().notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.ancestorId, t.descendantId] }),
    index('unit_tree_descendant_idx').on(t.descendantId, t.ancestorId),
  ],
);

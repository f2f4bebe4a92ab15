// 调度 (SPEC §9): what is due and late as of D, grouped by who answers for it — every 推进节点 not done whose plan falls
// by D + h, under its project's current 对接人, and every 企业诉求 not resolved by D that is due by D + h, under its
// assignee; the rest under `unowned`. Two statements whatever the data: one over the nodes, one over the requests.
import { sql, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '../db';
import {
  companies,
  projectNodes as n,
  projectOwners as o,
  projects as p,
  serviceRequests as r,
  units,
  users,
} from '../db/schema';
import { addDays, daysBetween } from '../domain/dates';
import {
  nodeStages,
  requestCategories,
  requestStatuses,
  type NodeStage,
  type RequestCategory,
} from '../domain/vocabulary';
import * as out from '../http/answer-fields';
import { isoDate } from '../validation';
import { taskNotDone } from './nodes';
import { requestStateOn } from './requests';
import { inScope, type Scope } from './trees';

/** 调度's horizon when a request names none: 14 days (SPEC §9). */
export const DISPATCH_HORIZON_DAYS = 14;

const horizonMessage = 'horizonDays 须为 0–366 的整数（天）';
/** The query of GET /api/dispatch, its export and the /dispatch page. */
export const dispatchQuery = z.object({
  asOf: isoDate.optional(),
  horizonDays: z
    .string({ error: horizonMessage })
    .regex(/^\d{1,3}$/, horizonMessage)
    .transform(Number)
    .refine((d) => d <= 366, horizonMessage)
    .optional()
    .meta({ description: '临期范围（天）：计划或到期日在 [asOf, asOf + horizonDays] 内为临期，默认 14' }),
});
export type DispatchQuery = z.output<typeof dispatchQuery>;

/** Where an item stands as of D: 滞后 (its date is before D) or 临期 (its date is in [D, D + h]). */
export const dispatchStatuses = ['overdue', 'due'] as const;
export type DispatchStatus = (typeof dispatchStatuses)[number];
export const dispatchStatusNames = { overdue: '滞后', due: '临期' } as const satisfies Record<DispatchStatus, string>;

const status = z.enum(dispatchStatuses).meta({ description: 'overdue 滞后（日期早于 asOf）；due 临期' });
const daysLate = out.count.meta({ description: '滞后天数：asOf − 日期；临期为 0' });
const unitFields = {
  unitId: out.idOrNull,
  unit: out.textOrNull.meta({ description: '单位名称' }),
};

/** A node on the 调度 list: its project and company, the project's landing unit (else introducing), plan and state. */
const dispatchNodeAnswer = z.strictObject({
  nodeId: out.id,
  projectId: out.id,
  project: out.text.meta({ description: '项目名称' }),
  company: out.textOrNull.meta({ description: '企业名称' }),
  ...unitFields,
  name: out.text.meta({ description: '节点名称' }),
  stage: z.enum(nodeStages).nullable().meta({ description: '阶段节点的阶段；任务节点为 null' }),
  planned: out.isoDate.meta({ description: '计划日期（现行计划）' }),
  baseline: out.isoDate.meta({ description: '基线日期（首次计划）' }),
  status,
  daysLate,
});
export type DispatchNode = z.output<typeof dispatchNodeAnswer>;

/** A request on the 调度 list: its subject (project, else company), responsible unit, category, dates and state. */
const dispatchRequestAnswer = z.strictObject({
  requestId: out.id,
  projectId: out.idOrNull,
  project: out.textOrNull.meta({ description: '项目名称；关于企业的诉求为 null' }),
  companyId: out.idOrNull,
  company: out.textOrNull.meta({ description: '企业名称' }),
  ...unitFields,
  category: z.enum(requestCategories),
  description: out.text,
  raisedOn: out.isoDate,
  dueOn: out.isoDate,
  state: z.enum(requestStatuses).meta({ description: 'asOf 时的办理状态：open 待受理或 accepted 已受理' }),
  status,
  daysLate,
});
export type DispatchRequest = z.output<typeof dispatchRequestAnswer>;

const itemsAnswer = {
  nodes: z.array(dispatchNodeAnswer).meta({ description: '滞后与临期的推进节点，按计划日期（滞后在前）' }),
  requests: z.array(dispatchRequestAnswer).meta({ description: '滞后与临期的未办结诉求，按到期日期（超期在前）' }),
};

/** The body of GET /api/dispatch. */
export const dispatchAnswer = z.strictObject({
  asOf: out.isoDate,
  horizonDays: out.count,
  owners: z
    .array(
      z.strictObject({
        userId: out.id,
        name: out.text.meta({ description: '责任人（显示名，否则用户名）' }),
        ...itemsAnswer,
      }),
    )
    .meta({ description: '按责任人：节点归项目的现任对接人，诉求归其承办人；滞后多者在前' }),
  unowned: z.strictObject(itemsAnswer).meta({ description: '无现任对接人的项目的节点与无承办人的诉求' }),
});
export type Dispatch = z.output<typeof dispatchAnswer>;
export type DispatchOwner = Dispatch['owners'][number];

export interface DispatchRequestOf {
  db: Db;
  scope: Scope;
  asOf: string;
  horizonDays?: number;
}

/** A stage node's actual date is its project's reached date of that stage (SPEC §9); a task node has its own. */
const nodeActual = sql.raw(
  `case n.stage ${nodeStages.map((s: NodeStage) => `when '${s}' then p.${s}_on`).join(' ')} else n.actual_on end`,
);

interface NodeRow {
  id: number;
  project_id: number;
  project: string;
  company: string | null;
  unit_id: number | null;
  unit: string | null;
  name: string;
  stage: NodeStage | null;
  planned_on: string;
  baseline_on: string;
  owner_id: number | null;
  owner: string | null;
}

/**
 * The nodes not done by D and planned by D + h, of the confirmed projects not dropped by D that the scope sees,
 * each with its project's current 对接人 (one at most: the partial unique index holds it).
 */
function nodeRows(q: Required<DispatchRequestOf>, until: string) {
  const scope = inScope(q.scope, sql`p.source_fund_id`);
  return q.db.all<NodeRow>(sql`
    select n.id, n.project_id, p.name as project, co.name as company, un.id as unit_id, un.name as unit, n.name, n.stage,
      n.planned_on, n.baseline_on, u.id as owner_id, coalesce(u.display_name, u.username) as owner
    from ${n} n indexed by project_nodes_planned_idx
    join ${p} p on p.id = n.project_id
    left join ${companies} co on co.id = p.company_id
    left join ${units} un on un.id = coalesce(p.landing_unit_id, p.introducing_unit_id)
    left join ${o} o on o.project_id = p.id and o.duty = 'liaison' and o.to_on is null
    left join ${users} u on u.id = o.user_id
    where n.planned_on <= ${until} and ${taskNotDone(sql`n.stage`, sql`n.actual_on`, q.asOf)}
      and coalesce(${nodeActual} <= ${q.asOf}, 0) = 0
      and p.status = 'confirmed' and coalesce(p.dropped_on <= ${q.asOf}, 0) = 0${scope ? sql` and ${scope}` : sql``}
    order by n.planned_on, n.project_id, n.position, n.id`);
}

interface RequestRow {
  id: number;
  project_id: number | null;
  project: string | null;
  company_id: number | null;
  company: string | null;
  unit_id: number;
  unit: string;
  category: RequestCategory;
  description: string;
  raised_on: string;
  due_on: string;
  state: 'open' | 'accepted';
  owner_id: number | null;
  owner: string | null;
}

/**
 * The requests the scope sees (by their project; a company's by a project of that company the scope sees) raised by D
 * and due by D + h whose state on D, from their history (`requestStateOn`, the rule the service report and 诉求超期
 * read), is still 待受理 or 已受理. A request resolved by D and not reopened since is settled from its own row, without
 * reading its history.
 */
function requestRows(q: Required<DispatchRequestOf>, until: string) {
  const D = q.asOf;
  const visible: SQL | undefined = q.scope.all
    ? undefined
    : sql`(case when r.project_id is not null then ${inScope(q.scope, sql`rp.source_fund_id`)} else exists (select 1 from ${p} cp where cp.company_id = r.company_id and ${inScope(q.scope, sql`cp.source_fund_id`)}) end)`;
  return q.db.all<RequestRow>(sql`
    select * from (
      select r.id, r.project_id, rp.name as project, r.company_id, coalesce(co.name, pco.name) as company, r.unit_id,
        un.name as unit, r.category, r.description, r.raised_on, r.due_on,
        coalesce(${requestStateOn(sql`r.id`, D)}, 'open') as state,
        u.id as owner_id, coalesce(u.display_name, u.username) as owner
      from ${r} r
      left join ${p} rp on rp.id = r.project_id
      left join ${companies} co on co.id = r.company_id
      left join ${companies} pco on pco.id = rp.company_id
      join ${units} un on un.id = r.unit_id
      left join ${users} u on u.id = r.assignee_id
      where r.due_on <= ${until} and r.raised_on <= ${D}
        and not (r.status in ('resolved', 'closed') and r.resolved_on <= ${D})${visible ? sql` and ${visible}` : sql``}
    ) where state in ('open', 'accepted')
    order by due_on, id`);
}

const statusOf = (date: string, asOf: string): DispatchStatus => (date < asOf ? 'overdue' : 'due');
const lateBy = (date: string, asOf: string) => Math.max(0, daysBetween(date, asOf));

/**
 * 调度 as of D with horizon h (default 14): each owner with its late and due nodes and requests (owners with more
 * 滞后 items first, then more items, then by id), and the items no one owns. Two statements.
 */
export async function dispatchReport(req: DispatchRequestOf): Promise<Dispatch> {
  const q = { ...req, horizonDays: req.horizonDays ?? DISPATCH_HORIZON_DAYS };
  const until = addDays(q.asOf, q.horizonDays);
  const [nodeList, requestList] = await Promise.all([nodeRows(q, until), requestRows(q, until)]);
  const owners = new Map<number, DispatchOwner>();
  const unowned: Dispatch['unowned'] = { nodes: [], requests: [] };
  const holder = (id: number | null, name: string | null) => {
    if (id === null) return unowned;
    let h = owners.get(id);
    if (!h) owners.set(id, (h = { userId: id, name: name ?? String(id), nodes: [], requests: [] }));
    return h;
  };
  for (const row of nodeList)
    holder(row.owner_id, row.owner).nodes.push({
      nodeId: row.id,
      projectId: row.project_id,
      project: row.project,
      company: row.company,
      unitId: row.unit_id,
      unit: row.unit,
      name: row.name,
      stage: row.stage,
      planned: row.planned_on,
      baseline: row.baseline_on,
      status: statusOf(row.planned_on, q.asOf),
      daysLate: lateBy(row.planned_on, q.asOf),
    });
  for (const row of requestList)
    holder(row.owner_id, row.owner).requests.push({
      requestId: row.id,
      projectId: row.project_id,
      project: row.project,
      companyId: row.company_id,
      company: row.company,
      unitId: row.unit_id,
      unit: row.unit,
      category: row.category,
      description: row.description,
      raisedOn: row.raised_on,
      dueOn: row.due_on,
      state: row.state,
      status: statusOf(row.due_on, q.asOf),
      daysLate: lateBy(row.due_on, q.asOf),
    });
  const late = (h: DispatchOwner) =>
    h.nodes.filter((x) => x.status === 'overdue').length + h.requests.filter((x) => x.status === 'overdue').length;
  const sorted = [...owners.values()].sort(
    (a, b) =>
      late(b) - late(a) ||
      b.nodes.length + b.requests.length - (a.nodes.length + a.requests.length) ||
      a.userId - b.userId,
  );
  return { asOf: q.asOf, horizonDays: q.horizonDays, owners: sorted, unowned };
}

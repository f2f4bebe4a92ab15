// 调度 (SPEC §9): what is due and late as of D, grouped by who answers for it — every 推进节点 not done whose plan falls
// by D + h, under its project's current 对接人, and every 企业诉求 not resolved by D that is due by D + h, under its
// assignee; the rest under `unowned`. Optionally one unit (with its sub-units, in one view) or one owner; paged by
// owners. One statement whatever the data or the page: the nodes and requests of the filter are read once, ranked by
// owner in SQL, and only the page's owners' items (with the totals) come back.
import { asc, sql, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '../db';
import {
  companies,
  projectNodes as n,
  projectOwners as o,
  projects as p,
  serviceRequests as r,
  units,
  unitTree,
  users,
} from '../db/schema';
import { addDays, daysBetween } from '../domain/dates';
import {
  nodeStages,
  requestCategories,
  requestStatuses,
  unitViews,
  type NodeStage,
  type RequestCategory,
  type UnitView,
} from '../domain/vocabulary';
import { notFound } from '../errors';
import * as out from '../http/answer-fields';
import { isoDate, unitView } from '../validation';
import { taskNotDone } from './nodes';
import { requestStateOn } from './requests';
import { inScope, type Scope } from './trees';

/** 调度's horizon when a request names none: 14 days (SPEC §9). */
export const DISPATCH_HORIZON_DAYS = 14;

const horizonMessage = 'horizonDays 须为 0–366 的整数（天）';
const unitMessage = 'unit 须为单位编号（正整数）';
const ownerMessage = 'owner 须为用户编号（正整数）、me（本人）或 none（未落实责任人）';
const limitMessage = `limit 须为 1–${200} 的整数（每页责任人数）`;
const cursorMessage = 'cursor 无效：请使用上一页答复中的 next';

/** Owners on one page of GET /api/dispatch when the request names no `limit`, and the most it may name. */
export const DISPATCH_PAGE_OWNERS = 50;
export const DISPATCH_MAX_PAGE_OWNERS = 200;

const unitParam = z
  .string({ error: unitMessage })
  .regex(/^[1-9]\d{0,14}$/, unitMessage)
  .transform(Number)
  .meta({
    description:
      '单位编号：只列该单位及其下级单位的事项（节点按项目在 view 口径下的单位；诉求按承办单位、项目单位或企业单位）',
  });

/** The fields of the query of GET /api/dispatch, its export and the /dispatch page. */
const dispatchFields = z.object({
  asOf: isoDate.optional(),
  horizonDays: z
    .string({ error: horizonMessage })
    .regex(/^\d{1,3}$/, horizonMessage)
    .transform(Number)
    .refine((d) => d <= 366, horizonMessage)
    .optional()
    .meta({ description: '临期范围（天）：计划或到期日在 [asOf, asOf + horizonDays] 内为临期，默认 14' }),
  unit: unitParam.optional(),
  unitId: unitParam.optional().meta({ description: '同 unit（与其他清单的参数名一致）' }),
  view: unitView.meta({ description: 'unit 的口径：introducing 招引单位（默认）或 landing 落地单位' }),
  owner: z
    .string({ error: ownerMessage })
    .regex(/^(me|none|[1-9]\d{0,14})$/, ownerMessage)
    .transform((v): number | 'me' | 'none' => (v === 'me' || v === 'none' ? v : Number(v)))
    .optional()
    .meta({ description: '责任人：用户编号、me（本人）或 none（只看未落实责任人的事项）' }),
  limit: z
    .string({ error: limitMessage })
    .regex(/^\d{1,3}$/, limitMessage)
    .transform(Number)
    .refine((n) => n >= 1 && n <= DISPATCH_MAX_PAGE_OWNERS, limitMessage)
    .optional()
    .meta({ description: `每页责任人数，1–${DISPATCH_MAX_PAGE_OWNERS}，默认 ${DISPATCH_PAGE_OWNERS}（导出不分页）` }),
  cursor: z
    .string({ error: cursorMessage })
    .regex(/^\d{1,9}$/, cursorMessage)
    .transform(Number)
    .optional()
    .meta({ description: '翻页：上一页答复的 next；不给为第一页' }),
});
/** `unitId` is another name of `unit`. */
const oneUnit = <T extends { unit?: number; unitId?: number }>({ unitId, unit, ...q }: T) => ({
  ...q,
  unit: unit ?? unitId,
});
/** The query of GET /api/dispatch and its export. */
export const dispatchQuery = dispatchFields.transform(oneUnit);
/** The /dispatch page's: `all=1` shows every owner of the filter on one page (to print it whole). */
export const dispatchPageQuery = dispatchFields
  .extend({ all: z.literal('1', { error: 'all 只能为 1（全部责任人，用于打印）' }).optional() })
  .transform(oneUnit);
export type DispatchPageQuery = z.output<typeof dispatchPageQuery>;
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
/** The body of GET /api/dispatch. */
export const dispatchAnswer = z.strictObject({
  asOf: out.isoDate,
  horizonDays: out.count,
  unitId: out.idOrNull.meta({ description: '所筛选的单位（含下级单位）；未筛选为 null' }),
  view: z.enum(unitViews).meta({ description: '单位筛选的口径' }),
  owner: z
    .union([out.id, z.literal('none')])
    .nullable()
    .meta({ description: '所筛选的责任人（me 已换为本人编号）；none 为未落实责任人；未筛选为 null' }),
  limit: out.count.meta({ description: '每页责任人数' }),
  offset: out.count.meta({ description: '本页第一位责任人之前的责任人数' }),
  next: z.string().nullable().meta({ description: '下一页的 cursor；已是最后一页为 null' }),
  total: z
    .strictObject({
      owners: out.count.meta({ description: '筛选范围内有事项的责任人数（各页合计）' }),
      nodes: out.count.meta({ description: '筛选范围内的节点数（含未落实责任人）' }),
      requests: out.count.meta({ description: '筛选范围内的诉求数（含未落实责任人）' }),
      late: out.count.meta({ description: '其中滞后（超期）的节点与诉求数' }),
      nodesLate: out.count.meta({ description: '滞后节点数' }),
      requestsLate: out.count.meta({ description: '超期诉求数' }),
      unowned: out.count.meta({ description: '未落实责任人的事项数' }),
    })
    .meta({ description: '整个筛选范围（不分页）的合计' }),
  owners: z
    .array(
      z.strictObject({
        userId: out.id,
        name: out.text.meta({ description: '责任人（显示名，否则用户名）' }),
        ...itemsAnswer,
      }),
    )
    .meta({ description: '本页的责任人：节点归项目的现任对接人，诉求归其承办人；滞后多者在前，再按事项多少、编号' }),
  unowned: z
    .strictObject(itemsAnswer)
    .meta({ description: '无现任对接人的项目的节点与无承办人的诉求；只在最后一页（其余页为空）' }),
});
export type Dispatch = z.output<typeof dispatchAnswer>;
export type DispatchOwner = Dispatch['owners'][number];
export type DispatchTotal = Dispatch['total'];

export interface DispatchRequestOf {
  db: Db;
  scope: Scope;
  asOf: string;
  horizonDays?: number;
  /** Only this unit and its sub-units, in `view` (default introducing). */
  unit?: number;
  view?: UnitView;
  /** Only this owner's items (a user id), or only the unowned ones. */
  owner?: number | 'none';
  /** Owners per page (default 50), or every owner (the export, the printed list). */
  limit?: number | 'all';
  /** Owners before the page. */
  offset?: number;
}

/** A stage node's actual date is its project's reached date of that stage (SPEC §9); a task node has its own. */
const nodeActual = sql.raw(
  `case n.stage ${nodeStages.map((s: NodeStage) => `when '${s}' then p.${s}_on`).join(' ')} else n.actual_on end`,
);

const inUnit = (col: SQL, unitId: number) =>
  sql`${col} in (select descendant_id from ${unitTree} where ancestor_id = ${unitId})`;

/** One row of the statement: the totals (t), an owner of the page (o), a node (n) or a request (r) of the page. */
interface Row {
  kind: 't' | 'o' | 'n' | 'r';
  owner_id: number | null;
  owner: string | null;
  id: number | null;
  project_id: number | null;
  project: string | null;
  company_id: number | null;
  company: string | null;
  unit_id: number | null;
  unit: string | null;
  name: string | null;
  stage: NodeStage | null;
  on_date: string | null;
  baseline_on: string | null;
  raised_on: string | null;
  category: RequestCategory | null;
  state: 'open' | 'accepted' | null;
  owners: number | null;
  nodes: number | null;
  requests: number | null;
  nodes_late: number | null;
  requests_late: number | null;
  unowned: number | null;
  unit_found: number | null;
}

/**
 * The one statement of 调度. `nd`: the nodes not done by D and planned by D + h, of the confirmed projects not
 * dropped by D that the scope sees, each with its project's current 对接人 (one at most: the partial unique index
 * holds it). `rq`: the requests the scope sees (by their project; a company's by a project of that company the scope
 * sees) raised by D and due by D + h whose state on D, from their history (`requestStateOn`, the rule the service
 * report and 诉求超期 read), is still 待受理 or 已受理 — one resolved by D and not reopened since is settled from its
 * own row, without reading its history. Both narrowed by the unit (the service report's rule: a node by its project's
 * unit in the view; a request by its responsible unit, its project's unit in the view or its company's unit, each
 * with sub-units) and the owner. `og` counts per owner, `ranked` orders the owners (most 滞后 first, then most items,
 * then id), `pg` holds the page's owners (and the unowned, on the last page); the answer is the totals, the page's
 * owners and their items, by date.
 */
// eslint-disable-next-line max-lines-per-function -- reason: one statement read top to bottom (its CTEs); split with the file next (issue 17)
function dispatchRows(q: Required<Omit<DispatchRequestOf, 'unit' | 'owner'>> & DispatchRequestOf, until: string) {
  const D = q.asOf;
  const projectUnit = q.view === 'landing' ? sql`p.landing_unit_id` : sql`p.introducing_unit_id`;
  const requestUnit = q.view === 'landing' ? sql`rp.landing_unit_id` : sql`rp.introducing_unit_id`;
  const nodeScope = inScope(q.scope, sql`p.source_fund_id`);
  const requestScope: SQL | undefined = q.scope.all
    ? undefined
    : sql`(case when r.project_id is not null then ${inScope(q.scope, sql`rp.source_fund_id`)} else exists (select 1 from ${p} cp where cp.company_id = r.company_id and ${inScope(q.scope, sql`cp.source_fund_id`)}) end)`;
  const U = q.unit;
  const ownedBy = (col: SQL) =>
    q.owner === undefined ? undefined : q.owner === 'none' ? sql`${col} is null` : sql`${col} = ${q.owner}`;
  const where = (parts: (SQL | undefined)[]) =>
    sql.join(
      parts.filter((x): x is SQL => x !== undefined).map((x) => sql` and ${x}`),
      sql``,
    );
  const offset = q.offset;
  const end = q.limit === 'all' ? Number.MAX_SAFE_INTEGER : offset + q.limit;
  const none = sql`null as project_id, null as project, null as company_id, null as company, null as unit_id,
    null as unit, null as name, null as stage, null as on_date, null as baseline_on, null as raised_on, null as category,
    null as description, null as state`;
  const noCounts = sql`null as owners, null as nodes, null as requests, null as nodes_late, null as requests_late,
    null as unowned, null as unit_found`;
  return q.db.all<Row & { description: string | null; position: number | null }>(sql`
    with nd as materialized (
      select n.id, n.project_id, p.name as project, co.name as company, un.id as unit_id, un.name as unit, n.name,
        n.stage, n.planned_on, n.baseline_on, n.position, o.user_id as owner_id
      from ${n} n indexed by project_nodes_planned_idx
      join ${p} p on p.id = n.project_id
      left join ${companies} co on co.id = p.company_id
      left join ${units} un on un.id = coalesce(p.landing_unit_id, p.introducing_unit_id)
      left join ${o} o on o.project_id = p.id and o.duty = 'liaison' and o.to_on is null
      where n.planned_on <= ${until} and ${taskNotDone(sql`n.stage`, sql`n.actual_on`, D)}
        and coalesce(${nodeActual} <= ${D}, 0) = 0
        and p.status = 'confirmed' and coalesce(p.dropped_on <= ${D}, 0) = 0${where([
          nodeScope,
          U ? inUnit(projectUnit, U) : undefined,
          ownedBy(sql`o.user_id`),
        ])}),
    rq as materialized (
      select * from (
        select r.id, r.project_id, rp.name as project, r.company_id, coalesce(co.name, pco.name) as company,
          r.unit_id, un.name as unit, r.category, r.description, r.raised_on, r.due_on,
          coalesce(${requestStateOn(sql`r.id`, D)}, 'open') as state, r.assignee_id as owner_id
        from ${r} r
        left join ${p} rp on rp.id = r.project_id
        left join ${companies} co on co.id = r.company_id
        left join ${companies} pco on pco.id = rp.company_id
        join ${units} un on un.id = r.unit_id
        where r.due_on <= ${until} and r.raised_on <= ${D}
          and not (r.status in ('resolved', 'closed') and r.resolved_on <= ${D})${where([
            requestScope,
            U
              ? sql`(${inUnit(sql`r.unit_id`, U)} or ${inUnit(requestUnit, U)} or ${inUnit(sql`co.unit_id`, U)})`
              : undefined,
            ownedBy(sql`r.assignee_id`),
          ])}
      ) where state in ('open', 'accepted')),
    og as materialized (
      select owner_id, count(*) filter (where k = 'n') as nodes, count(*) filter (where k = 'r') as requests,
        count(*) filter (where k = 'n' and late) as nodes_late, count(*) filter (where k = 'r' and late) as requests_late
      from (select 'n' as k, owner_id, planned_on < ${D} as late from nd
        union all select 'r' as k, owner_id, due_on < ${D} as late from rq)
      group by owner_id),
    ranked as materialized (
      select og.*, row_number() over (order by nodes_late + requests_late desc, nodes + requests desc, owner_id) as rank
      from og where owner_id is not null),
    pg as (
      select owner_id from ranked where rank > ${offset} and rank <= ${end}
      union all select 0 where (select count(*) from ranked) <= ${end}
        and (${offset} = 0 or ${offset} < (select count(*) from ranked)))
    select 't' as kind, null as owner_id, null as owner, null as id, ${none},
      (select count(*) from ranked) as owners, coalesce(sum(nodes), 0) as nodes, coalesce(sum(requests), 0) as requests,
      coalesce(sum(nodes_late), 0) as nodes_late, coalesce(sum(requests_late), 0) as requests_late,
      coalesce(sum(nodes + requests) filter (where owner_id is null), 0) as unowned,
      ${U ? sql`(select count(*) from ${units} where id = ${U})` : sql`1`} as unit_found,
      null as sort1, null as sort2
    from og
    union all
    select 'o', g.owner_id, coalesce(u.display_name, u.username), g.rank, ${none},
      null, g.nodes, g.requests, g.nodes_late, g.requests_late, null, null, null, null
    from ranked g join ${users} u on u.id = g.owner_id
    where g.rank > ${offset} and g.rank <= ${end}
    union all
    select 'o', null, null, null, ${none}, null, g.nodes, g.requests, g.nodes_late, g.requests_late, null, null, null,
      null
    from og g where g.owner_id is null and 0 in (select owner_id from pg)
    union all
    select 'n', owner_id, null, id, project_id, project, null, company, unit_id, unit, name, stage, planned_on,
      baseline_on, null, null, null, null, ${noCounts}, project_id, position
    from nd where coalesce(owner_id, 0) in (select owner_id from pg)
    union all
    select 'r', owner_id, null, id, project_id, project, company_id, company, unit_id, unit, null, null, due_on, null,
      raised_on, category, description, state, ${noCounts}, null, null
    from rq where coalesce(owner_id, 0) in (select owner_id from pg)
    order by kind desc, on_date, sort1, sort2, id`);
}

const statusOf = (date: string, asOf: string): DispatchStatus => (date < asOf ? 'overdue' : 'due');
const lateBy = (date: string, asOf: string) => Math.max(0, daysBetween(date, asOf));

/**
 * 调度 as of D with horizon h (default 14), for one unit or owner or the whole scope: the totals of the filter, one
 * page of owners (default 50; `limit: 'all'` every owner) each with its late and due nodes and requests (owners with
 * more 滞后 items first, then more items, then by id), and on the last page the items no one owns. One statement.
 * A unit that does not exist is 404 (units are not scoped); an owner who owns nothing the scope sees answers an empty
 * list, as one who does not exist.
 */
// eslint-disable-next-line max-lines-per-function -- reason: landed at the session's end; split with the file next (issue 17)
export async function dispatchReport(req: DispatchRequestOf): Promise<Dispatch> {
  const q = {
    ...req,
    horizonDays: req.horizonDays ?? DISPATCH_HORIZON_DAYS,
    view: req.view ?? 'introducing',
    limit: req.limit ?? DISPATCH_PAGE_OWNERS,
    offset: req.offset ?? 0,
  };
  const until = addDays(q.asOf, q.horizonDays);
  const rows = await dispatchRows(q, until);
  const totals = rows.find((row) => row.kind === 't')!;
  if (q.unit && !totals.unit_found) throw notFound('单位', q.unit);
  const owners = new Map<number, DispatchOwner & { rank: number }>();
  const unowned: Dispatch['unowned'] = { nodes: [], requests: [] };
  for (const row of rows)
    if (row.kind === 'o' && row.owner_id !== null)
      owners.set(row.owner_id, {
        userId: row.owner_id,
        name: row.owner ?? String(row.owner_id),
        nodes: [],
        requests: [],
        rank: row.id!,
      });
  const holder = (id: number | null) => (id === null ? unowned : owners.get(id)!);
  for (const row of rows) {
    if (row.kind === 'n')
      holder(row.owner_id).nodes.push({
        nodeId: row.id!,
        projectId: row.project_id!,
        project: row.project!,
        company: row.company,
        unitId: row.unit_id,
        unit: row.unit,
        name: row.name!,
        stage: row.stage,
        planned: row.on_date!,
        baseline: row.baseline_on!,
        status: statusOf(row.on_date!, q.asOf),
        daysLate: lateBy(row.on_date!, q.asOf),
      });
    else if (row.kind === 'r')
      holder(row.owner_id).requests.push({
        requestId: row.id!,
        projectId: row.project_id,
        project: row.project,
        companyId: row.company_id,
        company: row.company,
        unitId: row.unit_id!,
        unit: row.unit!,
        category: row.category!,
        description: row.description!,
        raisedOn: row.raised_on!,
        dueOn: row.on_date!,
        state: row.state!,
        status: statusOf(row.on_date!, q.asOf),
        daysLate: lateBy(row.on_date!, q.asOf),
      });
  }
  const total: DispatchTotal = {
    owners: Number(totals.owners),
    nodes: Number(totals.nodes),
    requests: Number(totals.requests),
    late: Number(totals.nodes_late) + Number(totals.requests_late),
    nodesLate: Number(totals.nodes_late),
    requestsLate: Number(totals.requests_late),
    unowned: Number(totals.unowned),
  };
  const limit = q.limit === 'all' ? Math.max(total.owners, 1) : q.limit;
  const sorted = [...owners.values()].sort((a, b) => a.rank - b.rank).map(({ rank: _rank, ...o }) => o);
  return {
    asOf: q.asOf,
    horizonDays: q.horizonDays,
    unitId: q.unit ?? null,
    view: q.view,
    owner: q.owner ?? null,
    limit,
    offset: q.offset,
    next: q.limit !== 'all' && q.offset + q.limit < total.owners ? String(q.offset + q.limit) : null,
    total,
    owners: sorted,
    unowned,
  };
}

/**
 * 调度 as the query asks it, for the caller: `owner=me` is the caller; `cursor` is the owners before the page; with
 * `limit: 'all'` (the export, the printed page) every owner of the filter.
 */
export const dispatchFor = (
  v: { db: Db; scope: Scope; today: string; user: { id: number } },
  q: DispatchQuery,
  limit?: DispatchRequestOf['limit'],
) =>
  dispatchReport({
    db: v.db,
    scope: v.scope,
    asOf: q.asOf ?? v.today,
    horizonDays: q.horizonDays,
    unit: q.unit,
    view: q.view,
    owner: q.owner === 'me' ? v.user.id : q.owner,
    limit: limit ?? q.limit,
    offset: limit === 'all' ? 0 : q.cursor,
  });

/** The units a 调度 may be narrowed to (every unit: units are not scoped), in tree order, each with its depth. */
export async function dispatchUnits(db: Db): Promise<{ id: number; name: string; depth: number }[]> {
  const rows = await db
    .select({ id: units.id, name: units.name, parentId: units.parentId })
    .from(units)
    .orderBy(asc(units.id));
  const ids = new Set(rows.map((u) => u.id));
  const children = new Map<number | null, typeof rows>();
  for (const u of rows) {
    const parent = u.parentId !== null && ids.has(u.parentId) ? u.parentId : null;
    const siblings = children.get(parent);
    if (siblings) siblings.push(u);
    else children.set(parent, [u]);
  }
  const out: { id: number; name: string; depth: number }[] = [];
  const walk = (parent: number | null, depth: number) => {
    for (const u of children.get(parent) ?? []) {
      out.push({ id: u.id, name: u.name, depth });
      walk(u.id, depth + 1);
    }
  };
  walk(null, 0);
  return out;
}

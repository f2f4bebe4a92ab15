// A project's 推进节点计划 read as of a date (SPEC §9): each node with its actual date (a stage node's from the
// project's reached dates), its state and whether it was on time; and the node templates.
import { asc, eq, gt, sql, type SQL, type SQLWrapper } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '../db';
import { nodeTemplates, projectNodes, users } from '../db/schema';
import { nodeActual, nodeOnTime, nodeReplanned, nodeStatus, type ReachedDates } from '../domain/nodes';
import { nodeAnswer, type Answer } from '../http/answers';
import { id, isoDate } from '../http/answer-fields';
import type { TemplateNode } from '../http/node-input';
import type { Slice } from './records';

type NodeRow = typeof projectNodes.$inferSelect;
type TemplateRow = typeof nodeTemplates.$inferSelect;

/**
 * A task node not done by D, read from the node alone (`stage` null and its actual date, if any, after D); any stage
 * node passes. Implied by "not done by D", so adding it changes no answer: it lets SQLite drop the done task nodes
 * while it walks project_nodes_planned_idx (which holds both columns), before it looks their projects up.
 */
export const taskNotDone = (stage: SQLWrapper, actualOn: SQLWrapper, asOf: string): SQL =>
  sql`(${stage} is not null or coalesce(${actualOn} > ${asOf}, 1))`;

/** As of which date, and with which horizon h of 临期, nodes are read. */
export interface NodeView {
  asOf: string;
  horizonDays: number;
}

/** What a node's answer is built from: its stored columns but the stamps. */
export type NodeFields = Pick<
  NodeRow,
  | 'id'
  | 'projectId'
  | 'position'
  | 'name'
  | 'stage'
  | 'plannedOn'
  | 'baselineOn'
  | 'actualOn'
  | 'note'
  | 'templateId'
  | 'version'
>;

export const nodeJson = (n: NodeFields, reached: ReachedDates, view: NodeView): Answer<'Node'> => {
  const actual = nodeActual({ stage: n.stage, actual: n.actualOn }, reached, view.asOf);
  const dates = { planned: n.plannedOn, actual };
  return {
    id: n.id,
    projectId: n.projectId,
    position: n.position,
    name: n.name,
    stage: n.stage,
    planned: n.plannedOn,
    baseline: n.baselineOn,
    actual,
    status: nodeStatus(dates, view.asOf, view.horizonDays),
    onTime: nodeOnTime(dates, view.asOf),
    replanned: nodeReplanned({ planned: n.plannedOn, baseline: n.baselineOn }),
    note: n.note,
    templateId: n.templateId,
    version: n.version,
  };
};

/** The reached dates a stage node reads, from the project record. */
export const reachedOf = (p: {
  registeredOn: string | null;
  startedOn: string | null;
  completedOn: string | null;
  producingOn: string | null;
}): ReachedDates => ({
  registered: p.registeredOn,
  started: p.startedOn,
  completed: p.completedOn,
  producing: p.producingOn,
});

/** GET /api/projects/:id/nodes: the project's nodes in plan order, as of a date. */
export const nodePlanAnswer = z.strictObject({
  projectId: id,
  asOf: isoDate,
  horizonDays: z.int().min(0),
  items: z.array(nodeAnswer),
  nextCursor: z.null(),
});

/** The project's nodes in plan order (one statement), as of `view`. */
export async function projectNodeList(db: Db, projectId: number, reached: ReachedDates, view: NodeView) {
  const rows = await db
    .select()
    .from(projectNodes)
    .where(eq(projectNodes.projectId, projectId))
    .orderBy(asc(projectNodes.position), asc(projectNodes.id));
  return rows.map((n) => nodeJson(n, reached, view));
}

export async function nodePlan(
  db: Db,
  projectId: number,
  reached: ReachedDates,
  view: NodeView,
): Promise<z.input<typeof nodePlanAnswer>> {
  return { projectId, ...view, items: await projectNodeList(db, projectId, reached, view), nextCursor: null };
}

/** A template's nodes as stored (JSON of `{name, stage?, offsetDays}`). */
export const templateNodes = (t: TemplateRow): TemplateNode[] =>
  (JSON.parse(t.nodes) as { name: string; stage?: TemplateNode['stage']; offsetDays: number }[]).map((n) => ({
    name: n.name,
    stage: n.stage ?? null,
    offsetDays: n.offsetDays,
  }));

export const nodeTemplateJson = (t: TemplateRow): Answer<'NodeTemplate'> => ({
  id: t.id,
  name: t.name,
  nodes: templateNodes(t).map((n) => ({ name: n.name, stage: n.stage ?? null, offsetDays: n.offsetDays })),
  version: t.version,
});

/** Every node template, by id (a platform keeps a handful). */
export async function nodeTemplateList(db: Db, s: Slice) {
  return db
    .select()
    .from(nodeTemplates)
    .where(gt(nodeTemplates.id, s.after))
    .orderBy(asc(nodeTemplates.id))
    .limit(s.take);
}

/** A person staff may make an owner: an active user, by name. */
export interface Assignable {
  id: number;
  name: string;
  role: string;
}

/**
 * The project page's node plan and the choices of its forms in one statement (D1 holds a page to 10): the project's
 * nodes as of `view`, the templates (for whoever may apply one) and the active users (for staff assigning owners).
 */
export async function projectPlanPage(
  db: Db,
  projectId: number,
  reached: ReachedDates,
  view: NodeView,
  choices: { templates: boolean; users: boolean },
) {
  const rows = await db.all<{ kind: 'node' | 'template' | 'user'; row: string }>(sql`
    select 'node' as kind, json_object('id', id, 'projectId', project_id, 'position', position, 'name', name,
      'stage', stage, 'plannedOn', planned_on, 'baselineOn', baseline_on, 'actualOn', actual_on, 'note', note,
      'templateId', template_id, 'version', version) as row, position as o1, id as o2
    from ${projectNodes} where project_id = ${projectId}
    union all
    select 'template', json_object('id', id, 'name', name), 0, id from ${nodeTemplates} where ${choices.templates ? 1 : 0}
    union all
    select 'user', json_object('id', id, 'name', coalesce(display_name, username), 'role', role), 0, id
    from ${users} where revoked_at is null and ${choices.users ? 1 : 0}
    order by kind, o1, o2`);
  const of = <T>(kind: string) => rows.filter((r) => r.kind === kind).map((r) => JSON.parse(r.row) as T);
  return {
    nodes: of<NodeFields>('node').map((n) => nodeJson(n, reached, view)),
    templates: of<{ id: number; name: string }>('template'),
    users: of<Assignable>('user'),
  };
}

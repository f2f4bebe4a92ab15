// A project's 推进节点计划 read as of a date (SPEC §9): each node with its actual date (a stage node's from the
// project's reached dates), its state and whether it was on time; and the node templates.
import { asc, eq, gt } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '../db';
import { nodeTemplates, projectNodes } from '../db/schema';
import { nodeActual, nodeOnTime, nodeReplanned, nodeStatus, type ReachedDates } from '../domain/nodes';
import { nodeAnswer, type Answer } from '../http/answers';
import { id, isoDate } from '../http/answer-fields';
import type { TemplateNode } from '../http/node-input';
import type { Slice } from './records';

type NodeRow = typeof projectNodes.$inferSelect;
type TemplateRow = typeof nodeTemplates.$inferSelect;

/** As of which date, and with which horizon h of 临期, nodes are read. */
export interface NodeView {
  asOf: string;
  horizonDays: number;
}

export const nodeJson = (n: NodeRow, reached: ReachedDates, view: NodeView): Answer<'Node'> => {
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

// 推进节点计划 writes (SPEC §9): applying a template to a signed project, appending a node, re-planning a node or
// recording a task node's actual date. The API and the spreadsheet import share these rules and statements.
import { and, eq, max } from 'drizzle-orm';
import { touched, type Db } from '../db';
import { projectNodes } from '../db/schema';
import { plannedFromSigning } from '../domain/nodes';
import type { NodeStage } from '../domain/vocabulary';
import type { TemplateNode } from '../http/node-input';
import type { Issue } from '../errors';
import { chunks } from './bulk-insert';

type NodeRow = typeof projectNodes.$inferSelect;

/** What decides whether a project may take nodes. */
export interface NodeProject {
  id: number;
  status: string;
  signedOn: string | null;
}

/** Why no node may be added to or changed on this project (a 409), or null. */
export const nodeProjectProblem = (p: NodeProject): string | null =>
  p.status === 'rejected' ? `项目 ${p.id} 已被退回，不能再编排推进节点` : null;

/** Why a template may not be applied to this project (a 409): its nodes are dated from the signing date. */
export const templateProblem = (p: NodeProject, templateName: string): string | null =>
  nodeProjectProblem(p) ??
  (p.signedOn === null ? `项目 ${p.id} 尚未签约，不能应用节点模板“${templateName}”（计划日期按签约日期推算）` : null);

/** A node as one write adds it. */
export interface NewNode {
  name: string;
  stage: NodeStage | null;
  planned: string;
  note?: string | null;
  templateId?: number | null;
  /** A task node's actual date, when it is recorded with the node (the import). */
  actual?: string | null;
}

/** A template's nodes for a signed project: planned = baseline = signed + offsetDays, in the template's order. */
export const templatedNodes = (signedOn: string, templateId: number, nodes: TemplateNode[]): NewNode[] =>
  nodes.map((n) => ({
    name: n.name,
    stage: n.stage ?? null,
    planned: plannedFromSigning(signedOn, n.offsetDays),
    templateId,
  }));

/** The next free position of a project's plan (nodes are appended after the last). */
export async function nextPosition(db: Db, projectId: number): Promise<number> {
  const [row] = await db
    .select({ last: max(projectNodes.position) })
    .from(projectNodes)
    .where(eq(projectNodes.projectId, projectId));
  return (row?.last ?? 0) + 1;
}

/** The row of a new node: its baseline is its first plan. */
export const nodeValues = (projectId: number, position: number, n: NewNode, userId: number) => ({
  projectId,
  position,
  name: n.name,
  stage: n.stage,
  plannedOn: n.planned,
  baselineOn: n.planned,
  actualOn: n.actual ?? null,
  note: n.note ?? null,
  templateId: n.templateId ?? null,
  updatedBy: userId,
});

/** Rows of nodes per insert: each binds about 14 values, D1 binds at most 100 a statement. */
const NODES_PER_INSERT = 6;

/** The inserts of a project's new nodes from `position` on, in order; each answers its rows. */
export function nodeInserts(db: Db, projectId: number, position: number, nodes: NewNode[], userId: number) {
  const rows = nodes.map((n, i) => nodeValues(projectId, position + i, n, userId));
  return chunks(rows, NODES_PER_INSERT).map((part) => db.insert(projectNodes).values(part).returning());
}

/** A change of one node: a re-plan, a task node's actual date (null clears it), a note. */
export interface NodeChange {
  planned?: string;
  actual?: string | null;
  note?: string | null;
}

/** Why this change may not be made to this node (a 400 naming the field), or null. */
export function nodeChangeProblem(node: { stage: NodeStage | null }, change: NodeChange, today: string): Issue | null {
  if (change.actual !== undefined && node.stage !== null)
    return {
      path: 'actual',
      message: '阶段节点的完成日期取自项目该阶段的达成日期（进展节点），不能直接填写；请记录项目进展',
    };
  if (change.actual && change.actual > today)
    return { path: 'actual', message: `完成日期 ${change.actual} 晚于今天 ${today}` };
  return null;
}

/** The update of a node at `version` (If-Match, or the version read): the baseline never changes. */
export function nodeUpdate(db: Db, node: NodeRow, change: NodeChange, version: number, userId: number) {
  return db
    .update(projectNodes)
    .set({
      ...(change.planned !== undefined ? { plannedOn: change.planned } : {}),
      ...(change.actual !== undefined ? { actualOn: change.actual } : {}),
      ...(change.note !== undefined ? { note: change.note } : {}),
      ...touched(projectNodes, userId),
    })
    .where(and(eq(projectNodes.id, node.id), eq(projectNodes.version, version)))
    .returning();
}

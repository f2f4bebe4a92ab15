// 我的工作 (SPEC §9): what a user answers for — the projects it owns now (对接人, 包挂领导, 专班成员), each with its
// next node, and the 企业诉求 assigned to it that are not closed, with their due dates. Three statements, whatever
// the user owns, binding only the user's id.
import { and, asc, eq, isNull, ne, or, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '../db';
import { companies, projectNodes, projectOwners, projects, serviceRequests, units } from '../db/schema';
import { daysBetween } from '../domain/dates';
import { nodeActual, nodeStatus } from '../domain/nodes';
import {
  nodeStages,
  nodeStatuses,
  ownerDuties,
  projectStages,
  requestCategories,
  requestStatuses,
  reviewStatuses,
} from '../domain/vocabulary';
import { count, dateOrNull, id, idOrNull, isoDate, text, textOrNull } from '../http/answer-fields';
import { currentStage } from './projects';
import { reachedOf, type NodeView } from './nodes';
import { inScope, type Scope } from './trees';

const nextNode = z
  .strictObject({
    id,
    name: text,
    stage: z.enum(nodeStages).nullable(),
    planned: isoDate,
    status: z.enum(nodeStatuses),
  })
  .nullable()
  .meta({ description: '计划中第一个未完成的节点（按计划日期）；全部完成或没有节点为 null' });

export const myWorkAnswer = z.strictObject({
  userId: id,
  asOf: isoDate,
  horizonDays: z.int().min(0),
  projects: z.array(
    z.strictObject({
      ownerId: id.meta({ description: '对接记录的 id（DELETE /api/projects/:id/owners/:ownerId）' }),
      projectId: id,
      name: text,
      duty: z.enum(ownerDuties),
      from: isoDate,
      stage: z.enum(projectStages),
      status: z.enum(reviewStatuses),
      nextNode,
      nodesOverdue: count.meta({ description: '滞后的节点数' }),
    }),
  ),
  requests: z.array(
    z.strictObject({
      id,
      projectId: idOrNull,
      projectName: textOrNull,
      companyId: idOrNull,
      companyName: textOrNull,
      category: z.enum(requestCategories),
      unitId: id,
      unitName: text,
      description: text,
      raisedOn: isoDate,
      dueOn: isoDate,
      status: z.enum(requestStatuses),
      resolvedOn: dateOrNull,
      overdue: z.boolean().meta({ description: '超期：未办结且 dueOn 早于今天' }),
      daysLeft: z.int().meta({ description: '距办理期限的天数（今天到 dueOn；超期为负）' }),
    }),
  ),
});
export type MyWork = z.input<typeof myWorkAnswer>;

/** The user's current projects (within the scope it reads) with their next node, and its requests not closed. */
// eslint-disable-next-line max-lines-per-function -- not split yet (issue 17): the projects with their next node and the open requests are the parts
export async function myWork(db: Db, scope: Scope, userId: number, view: NodeView): Promise<MyWork> {
  const mine = and(eq(projectOwners.userId, userId), isNull(projectOwners.toOn));
  const [owned, nodes, requests] = await Promise.all([
    db
      .select({ o: projectOwners, p: projects })
      .from(projectOwners)
      .innerJoin(projects, eq(projects.id, projectOwners.projectId))
      .where(and(mine, inScope(scope, projects.sourceFundId)))
      .orderBy(asc(projectOwners.projectId), asc(projectOwners.id)),
    db
      .select({
        projectId: projectNodes.projectId,
        id: projectNodes.id,
        name: projectNodes.name,
        stage: projectNodes.stage,
        plannedOn: projectNodes.plannedOn,
        actualOn: projectNodes.actualOn,
      })
      .from(projectNodes)
      .where(sql`${projectNodes.projectId} in (select ${projectOwners.projectId} from ${projectOwners} where ${mine})`)
      .orderBy(asc(projectNodes.plannedOn), asc(projectNodes.position), asc(projectNodes.id)),
    db
      .select({
        r: serviceRequests,
        projectName: projects.name,
        companyName: companies.name,
        unitName: units.name,
      })
      .from(serviceRequests)
      .leftJoin(projects, eq(projects.id, serviceRequests.projectId))
      .leftJoin(companies, eq(companies.id, serviceRequests.companyId))
      .innerJoin(units, eq(units.id, serviceRequests.unitId))
      .where(
        and(
          eq(serviceRequests.assigneeId, userId),
          ne(serviceRequests.status, 'closed'),
          // A manager reads the requests of its funds' projects (and those it raised itself about a company).
          scope.all
            ? undefined
            : or(
                inScope(scope, projects.sourceFundId),
                and(isNull(serviceRequests.projectId), eq(serviceRequests.raisedBy, userId)),
              ),
        ),
      )
      .orderBy(asc(serviceRequests.dueOn), asc(serviceRequests.id)),
  ]);
  const reached = new Map(owned.map((r) => [r.p.id, reachedOf(r.p)]));
  const next = new Map<number, MyWork['projects'][number]['nextNode']>();
  const overdue = new Map<number, number>();
  for (const n of nodes) {
    const dates = reached.get(n.projectId);
    if (!dates) continue;
    const actual = nodeActual({ stage: n.stage, actual: n.actualOn }, dates, view.asOf);
    const status = nodeStatus({ planned: n.plannedOn, actual }, view.asOf, view.horizonDays);
    if (status === 'done') continue;
    if (status === 'overdue') overdue.set(n.projectId, (overdue.get(n.projectId) ?? 0) + 1);
    if (!next.has(n.projectId))
      next.set(n.projectId, { id: n.id, name: n.name, stage: n.stage, planned: n.plannedOn, status });
  }
  const projectsOwned = owned.map((r) => ({
    ownerId: r.o.id,
    projectId: r.p.id,
    name: r.p.name,
    duty: r.o.duty,
    from: r.o.fromOn,
    stage: currentStage(r.p),
    status: r.p.status,
    nextNode: next.get(r.p.id) ?? null,
    nodesOverdue: overdue.get(r.p.id) ?? 0,
  }));
  // The most pressing first: the earliest next node, then the projects with nothing planned.
  projectsOwned.sort(
    (a, b) => (a.nextNode?.planned ?? '9999').localeCompare(b.nextNode?.planned ?? '9999') || a.projectId - b.projectId,
  );
  return {
    userId,
    ...view,
    projects: projectsOwned,
    requests: requests.map(({ r, projectName, companyName, unitName }) => {
      const pending = r.status === 'open' || r.status === 'accepted';
      return {
        id: r.id,
        projectId: r.projectId,
        projectName,
        companyId: r.companyId,
        companyName,
        category: r.category,
        unitId: r.unitId,
        unitName,
        description: r.description,
        raisedOn: r.raisedOn,
        dueOn: r.dueOn,
        status: r.status,
        resolvedOn: r.resolvedOn,
        overdue: pending && r.dueOn < view.asOf,
        daysLeft: daysBetween(view.asOf, r.dueOn),
      };
    }),
  };
}

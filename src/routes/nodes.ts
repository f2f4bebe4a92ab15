// 推进节点计划 (SPEC §9): the platform's node templates, a project's nodes (a template applied, or one appended), a
// node's re-plan or actual date, and the plan read as of a date with each node's state.
import { Hono } from 'hono';
import { and, eq } from 'drizzle-orm';
import { allow, assertFund } from '../auth';
import { readerRoles, staffRoles, writerRoles } from '../domain/vocabulary';
import { nodeTemplates, projectNodes, projects } from '../db/schema';
import type { AppEnv } from '../app-types';
import { ApiError, invalid, notFound } from '../errors';
import { idParam, listQuery, validate } from '../validation';
import { ifMatchVersion, page, withEtag } from '../http/responses';
import { nodeCreateBody, nodeListQuery, nodePatchBody, nodeTemplateBody } from '../http/node-input';
import { defaultHorizonDays } from '../domain/nodes';
import { nodeJson, nodePlan, nodeTemplateJson, nodeTemplateList, reachedOf, templateNodes } from '../queries/nodes';
import {
  nextPosition,
  nodeChangeProblem,
  nodeInserts,
  nodeProjectProblem,
  nodeUpdate,
  templatedNodes,
  templateProblem,
} from '../records/nodes';
import { visibleProject } from '../records/projects';
import { answered } from '../idempotency';

export const nodes = new Hono<AppEnv>()
  .post('/node-templates', allow(...staffRoles), validate('json', nodeTemplateBody), async (c) => {
    const body = c.req.valid('json');
    const [same] = await c.var.db
      .select({ id: nodeTemplates.id })
      .from(nodeTemplates)
      .where(eq(nodeTemplates.name, body.name));
    if (same) throw new ApiError('conflict', `节点模板“${body.name}”已存在（编号 ${same.id}）`);
    const nodesJson = JSON.stringify(
      body.nodes.map((n) => ({ name: n.name, stage: n.stage ?? null, offsetDays: n.offsetDays })),
    );
    const template = await answered(
      c,
      [
        c.var.db
          .insert(nodeTemplates)
          .values({ name: body.name, nodes: nodesJson, updatedBy: c.var.user.id })
          .returning(),
      ],
      ([[row]]) => nodeTemplateJson(row!),
    );
    return withEtag(c, template, 201);
  })
  .get('/node-templates', allow(...readerRoles), validate('query', listQuery), async (c) =>
    c.json(
      await page(c.req.valid('query'), (after, take) => nodeTemplateList(c.var.db, { after, take }), nodeTemplateJson),
    ),
  )
  .post(
    '/projects/:id/nodes',
    allow(...writerRoles),
    validate('param', idParam),
    validate('json', nodeCreateBody),
    async (c) => {
      const db = c.var.db;
      const p = await visibleProject(c, c.req.valid('param').id);
      const body = c.req.valid('json');
      const view = { asOf: c.var.today, horizonDays: defaultHorizonDays };
      const reached = reachedOf(p);
      const position = await nextPosition(db, p.id);
      if ('templateId' in body) {
        const [template] = await db.select().from(nodeTemplates).where(eq(nodeTemplates.id, body.templateId));
        if (!template) throw notFound('节点模板', body.templateId);
        const problem = templateProblem(p, template.name);
        if (problem) throw new ApiError('conflict', problem);
        const [applied] = await db
          .select({ id: projectNodes.id })
          .from(projectNodes)
          .where(and(eq(projectNodes.projectId, p.id), eq(projectNodes.templateId, template.id)))
          .limit(1);
        if (applied) throw new ApiError('conflict', `项目 ${p.id} 已应用过节点模板“${template.name}”`);
        const added = templatedNodes(p.signedOn!, template.id, templateNodes(template));
        const plan = await answered(c, nodeInserts(db, p.id, position, added, c.var.user.id), (parts) => ({
          projectId: p.id,
          ...view,
          items: parts.flat().map((n) => nodeJson(n, reached, view)),
          nextCursor: null,
        }));
        return c.json(plan, 201);
      }
      const problem = nodeProjectProblem(p);
      if (problem) throw new ApiError('conflict', problem);
      const node = await answered(
        c,
        nodeInserts(
          db,
          p.id,
          position,
          [{ name: body.name, stage: body.stage ?? null, planned: body.planned, note: body.note }],
          c.var.user.id,
        ),
        (parts) => nodeJson(parts[0]![0]!, reached, view),
      );
      // Not by withEtag: this route answers one node or a template's nodes, so no single version tags it.
      return c.json(node, 201);
    },
  )
  .get(
    '/projects/:id/nodes',
    allow(...readerRoles),
    validate('param', idParam),
    validate('query', nodeListQuery),
    async (c) => {
      const p = await visibleProject(c, c.req.valid('param').id);
      const q = c.req.valid('query');
      const view = { asOf: q.asOf ?? c.var.today, horizonDays: q.horizonDays ?? defaultHorizonDays };
      return c.json(await nodePlan(c.var.db, p.id, reachedOf(p), view));
    },
  )
  .patch(
    '/nodes/:id',
    allow(...writerRoles),
    validate('param', idParam),
    validate('json', nodePatchBody),
    async (c) => {
      const nodeId = c.req.valid('param').id;
      const [row] = await c.var.db
        .select({ n: projectNodes, p: projects })
        .from(projectNodes)
        .innerJoin(projects, eq(projects.id, projectNodes.projectId))
        .where(eq(projectNodes.id, nodeId));
      if (!row) throw notFound('推进节点', nodeId);
      assertFund(c, row.p.sourceFundId, '推进节点', nodeId);
      const expected = ifMatchVersion(c);
      const change = c.req.valid('json');
      const issue = nodeChangeProblem(row.n, change, c.var.today);
      if (issue) throw invalid(issue.path, issue.message);
      const problem = nodeProjectProblem(row.p);
      if (problem) throw new ApiError('conflict', problem);
      const unchanged = change.planned === undefined && change.actual === undefined && change.note === undefined;
      if (unchanged && expected !== null && expected !== row.n.version)
        throw new ApiError('precondition_failed', `推进节点 ${nodeId} 已被他人修改，请刷新后重试`);
      // Nothing asked: the node as it is, nothing written.
      const [updated] = unchanged
        ? [row.n]
        : await nodeUpdate(c.var.db, row.n, change, expected ?? row.n.version, c.var.user.id);
      if (!updated) throw new ApiError('precondition_failed', `推进节点 ${nodeId} 已被他人修改，请刷新后重试`);
      return withEtag(c, nodeJson(updated, reachedOf(row.p), { asOf: c.var.today, horizonDays: defaultHorizonDays }));
    },
  );

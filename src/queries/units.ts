import { and, asc } from 'drizzle-orm';
import { z } from 'zod';
import { projects, units, unitTree } from '../db/schema';
import { outcomes } from '../domain/outcomes';
import type { ReadContext } from './funds';
import { noOutcomes, outcomeAggregatesByNode, outcomesAnswer } from './outcomes';
import * as out from '../http/answer-fields';
import { unitViews } from '../domain/vocabulary';
import { inFamily, inScope } from './trees';
import type { UnitView } from '../domain/vocabulary';

/** GET /api/reports/units: each unit's 以投促引成效 in one view (SPEC §4 regions); the OpenAPI component `UnitsReport`. */
export const unitsReportAnswer = z.strictObject({
  asOf: out.isoDate,
  view: z.enum(unitViews),
  units: z.array(
    z.strictObject({
      unitId: out.id,
      name: out.text,
      code: out.textOrNull,
      parentId: out.idOrNull,
      peerGroup: out.textOrNull,
      outcomes: outcomesAnswer.omit({ attractionMultiple: true }),
    }),
  ),
});

type UnitRow = Pick<typeof units.$inferSelect, 'id' | 'name' | 'code' | 'parentId' | 'peerGroup'>;

/**
 * 招商口径 by region for every unit at once: a project counts for its introducing unit (招引口径) or its landing
 * unit (落地口径), and for every unit above it, each project once; within what the scope sees and, with `fundId`,
 * only that fund family's projects. Three statements whatever the number of units.
 */
export async function unitReport(
  ctx: ReadContext,
  opts: { view: UnitView; fundId?: number },
  /** Every unit, already read (by id), so the report does not read them again. */
  rows?: UnitRow[],
): Promise<z.input<typeof unitsReportAnswer>['units']> {
  const unitRows = rows ?? (await ctx.db.select().from(units).orderBy(asc(units.id)));
  const agg = await outcomeAggregatesByNode(
    ctx.db,
    {
      node: opts.view === 'introducing' ? projects.introducingUnitId : projects.landingUnitId,
      tree: unitTree,
      read: opts.view === 'introducing' ? 'projects_introducing_unit_idx' : 'projects_landing_unit_idx',
      projects: and(
        inScope(ctx.scope, projects.sourceFundId),
        opts.fundId ? inFamily(projects.sourceFundId, opts.fundId) : undefined,
      ),
    },
    ctx,
  );
  return unitRows.map((u) => {
    const { attractionMultiple: _none, ...figures } = outcomes(agg.get(u.id) ?? noOutcomes(), '0');
    return {
      unitId: u.id,
      name: u.name,
      code: u.code,
      parentId: u.parentId,
      peerGroup: u.peerGroup,
      outcomes: figures,
    };
  });
}
export type UnitFigures = Awaited<ReturnType<typeof unitReport>>[number];

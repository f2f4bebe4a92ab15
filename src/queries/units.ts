import { and, asc } from 'drizzle-orm';
import { projects, units, unitTree } from '../db/schema';
import { outcomes } from '../domain/outcomes';
import type { ReadContext } from './funds';
import { noOutcomes, outcomeAggregatesByNode } from './outcomes';
import { inFamily, inScope } from './trees';
import type { UnitView } from '../domain/vocabulary';


/**
 * 招商口径 by region for every unit at once: a project counts for its introducing unit (招引口径) or its landing
 * unit (落地口径), and for every unit above it, each project once; within what the scope sees and, with `fundId`,
 * only that fund family's projects. Three statements whatever the number of units.
 */
export async function unitReport(ctx: ReadContext, opts: { view: UnitView; fundId?: number }) {
  const unitRows = await ctx.db.select().from(units).orderBy(asc(units.id));
  const agg = await outcomeAggregatesByNode(
    ctx.db,
    {
      node: opts.view === 'introducing' ? projects.introducingUnitId : projects.landingUnitId,
      tree: unitTree,
      read: opts.view === 'introducing' ? 'projects_introducing_unit_idx' : 'projects_landing_unit_idx',
      projects: and(inScope(ctx.scope, projects.sourceFundId), opts.fundId ? inFamily(projects.sourceFundId, opts.fundId) : undefined),
    },
    ctx,
  );
  return unitRows.map((u) => {
    const { attractionMultiple: _none, ...figures } = outcomes(agg.get(u.id) ?? noOutcomes(), '0');
    return { unitId: u.id, name: u.name, code: u.code, parentId: u.parentId, peerGroup: u.peerGroup, outcomes: figures };
  });
}
export type UnitFigures = Awaited<ReturnType<typeof unitReport>>[number];

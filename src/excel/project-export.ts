import type { Context } from 'hono';
import { and, asc, between, eq, gt, type SQL } from 'drizzle-orm';
import { companies, funds, milestones, projects, units } from '../db/schema';
import { Dec } from '../domain/decimal';
import { fenToYuan } from '../domain/money';
import type { AppEnv } from '../app-types';
import { confirmedArrivalsOf, currentStage } from '../queries/projects';
import {
  stageNames,
  statusNames,
  labelOf,
  arrivalKindNames,
  chainActionNames,
  chainNodeNames,
  sourceTypeNames,
} from '../domain/vocabulary';
import { projectColumns } from './project-columns';
import { dateCell, formats, headerStyle, wanNumber, wanText } from '../xlsx/workbook';
import { Workbook, type StyleId } from '../xlsx/writer';
import { groupBy } from '../domain/groups';

/** The single-arrival columns are for typing one arrival by hand; the export writes every arrival in 到资记录. */
const singleArrival = new Set(['arrivalAmount', 'arrivalOn', 'arrivalKind', 'arrivalCurrency', 'arrivalOriginal']);
export const exportColumns = projectColumns.filter((c) => !singleArrival.has(c.key));

/**
 * 项目清单: one row per project that `conds` selects (the filters of GET /api/projects, within the caller's funds),
 * with the current date of each stage and every confirmed arrival (到资认定: the others count nowhere), laid out so that the sheet imports back unchanged.
 *
 * Projects are read and written a page at a time (options.exportPage, by id), each page with its milestones and
 * arrivals: what an export of a province's 200,000 projects holds is one page of rows and the compressed sheet, and
 * on D1 it costs 3 statements a page of 10,000 (60 for 200,000 projects), binding no list of ids.
 */
// eslint-disable-next-line max-lines-per-function -- not split yet (issue 17): the paging read and the sheet writer are the parts
export async function projectExportWorkbook(c: Context<AppEnv>, conds: (SQL | undefined)[]): Promise<Workbook> {
  const db = c.var.db;
  const page = c.var.options.exportPage;
  const where = and(...conds);
  const fundNames = new Map(
    (await db.select({ id: funds.id, name: funds.name }).from(funds)).map((f) => [f.id, f.name]),
  );
  const unitNames = new Map(
    (await db.select({ id: units.id, name: units.name }).from(units)).map((u) => [u.id, u.name]),
  );

  const wb = new Workbook(c.var.options.now());
  // Money in 万元 and dates in their formats: on each figure, and on the columns (a date typed there later shows as one).
  const wanStyle = wb.style({ numFmt: formats.wan });
  const dateStyle = wb.style({ numFmt: formats.date });
  const styles: (StyleId | undefined)[] = exportColumns.map((col) =>
    col.kind === 'money' || col.key === 'arrivedTotal' ? wanStyle : col.kind === 'date' ? dateStyle : undefined,
  );
  const ws = wb.sheet({
    name: '项目清单',
    columns: exportColumns.map((col, i) => ({ width: col.width, style: styles[i] })),
    frozen: { rows: 1, columns: 2 },
    print: { title: '项目清单', asOf: c.var.today },
  });
  const header = wb.style(headerStyle());
  ws.row(
    exportColumns.map((col) => ({ v: col.header, s: header })),
    { height: 32 },
  );

  let count = 0;
  for (let after = 0; ;) {
    const rows = await db
      .select({ p: projects, co: { name: companies.name, creditCode: companies.creditCode } })
      .from(projects)
      .leftJoin(companies, eq(companies.id, projects.companyId))
      .where(and(where, gt(projects.id, after)))
      .orderBy(asc(projects.id))
      .limit(page);
    if (rows.length === 0) break;
    const [first, last] = [rows[0]!.p.id, rows.at(-1)!.p.id];
    const current = await db
      .select({
        projectId: milestones.projectId,
        stage: milestones.stage,
        on: milestones.happenedOn,
        reason: milestones.reason,
      })
      .from(milestones)
      .innerJoin(projects, eq(projects.id, milestones.projectId))
      .leftJoin(companies, eq(companies.id, projects.companyId))
      .where(and(eq(milestones.current, true), between(milestones.projectId, first, last), where));
    const money = await confirmedArrivalsOf(db, conds, first, last);

    const stageOf = new Map<number, Map<string, { on: string; reason: string | null }>>();
    for (const m of current) {
      const byStage = stageOf.get(m.projectId) ?? new Map<string, { on: string; reason: string | null }>();
      byStage.set(m.stage, { on: m.on, reason: m.reason });
      stageOf.set(m.projectId, byStage);
    }
    const arrivalsOf = groupBy(money, (a) => a.projectId);
    for (const { p, co } of rows) {
      const byStage = stageOf.get(p.id) ?? new Map<string, { on: string; reason: string | null }>();
      const paid = arrivalsOf.get(p.id) ?? [];
      const values: Record<string, string | number | Date | null> = {
        projectId: p.id,
        name: p.name,
        companyName: co?.name ?? null,
        creditCode: co?.creditCode ?? null,
        sourceType: sourceTypeNames[p.sourceType],
        sourceFund: p.sourceFundId === null ? null : (fundNames.get(p.sourceFundId) ?? String(p.sourceFundId)),
        investmentId: p.investmentId,
        introducer: p.introducer,
        reportedOn: dateCell(p.reportedOn),
        plannedTotal: wanNumber(fenToYuan(p.plannedTotalFen)),
        plannedFixedAsset: wanNumber(fenToYuan(p.plannedFixedAssetFen)),
        foreign: p.foreign ? '是' : '否',
        chain: p.chain,
        chainNode: p.chainNode ? chainNodeNames[p.chainNode] : null,
        chainAction: p.chainAction ? chainActionNames[p.chainAction] : null,
        introducingUnit: p.introducingUnitId === null ? null : (unitNames.get(p.introducingUnitId) ?? null),
        landingUnit: p.landingUnitId === null ? null : (unitNames.get(p.landingUnitId) ?? null),
        stage: labelOf(stageNames, currentStage(p)),
        status: statusNames[p.status] ?? p.status,
        ...Object.fromEntries([...byStage].map(([stage, m]) => [stage, dateCell(m.on)])),
        dropReason: byStage.get('dropped')?.reason ?? null,
        arrivals: paid.length ? paid.map(compactArrival).join(';') : null,
        arrivedTotal: wanNumber(fenToYuan(paid.reduce((a, x) => a.plus(x.amountFen), new Dec(0)))),
      };
      ws.row(
        exportColumns.map((col, i) => {
          const v = values[col.key] ?? null;
          const s = styles[i];
          return s === undefined || v === null ? v : { v, s };
        }),
      );
    }
    count += rows.length;
    if (rows.length < page) break;
    after = last;
  }
  ws.autoFilter(1, 1, 1 + count, exportColumns.length);
  return wb;
}

/** One arrival as the import's compact form, in 万元: "6000@2024-05-01@固定资产投资" (外资 adds "@USD@原币金额"). */
function compactArrival(a: {
  amountFen: number;
  on: string;
  kind: keyof typeof arrivalKindNames;
  currency: string | null;
  originalAmount: string | null;
}): string {
  const parts = [wanText(fenToYuan(a.amountFen)), a.on, arrivalKindNames[a.kind]];
  if (a.kind === 'fdi' || (a.currency && a.currency !== 'CNY')) parts.push(a.currency ?? '', a.originalAmount ?? '');
  return parts.join('@');
}

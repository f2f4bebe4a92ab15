// 驾驶舱: KPI tiles, the fund-to-project Sankey, the stage funnel, the fund table, projects by 产业链.
import type { FC } from 'hono/jsx';
import { childrenOf, familyOf } from '../../auth';
import {
  progressStages,
  labelOf,
  levelNames,
  stageNames,
  type ProjectStage,
  projectStages,
} from '../../domain/vocabulary';
import { Dec } from '../../domain/decimal';
import { Card, jsonScript, Kpis } from '../components';
import type { CockpitData } from '../data';
import type { FundFigures, Pipeline } from '../data-types';
import { readableMoney, pct, times, wan } from '../format';

/** The stages in the Sankey's order: 洽谈 → 投产, then 终止, then 已报送 (no milestone yet). */
const sankeyStages = projectStages;

interface SankeyNode {
  /** `fund:12` or `stage:signed`: a fund may be named like a stage (or like another fund), so links use these. */
  id: string;
  /** What the chart shows. */
  name: string;
}

/**
 * Sankey: each top fund → its direct sub-funds (their families' projects) → the stage each project had reached.
 * Nodes are keyed by id, never by name, so no name can join two nodes into a cycle.
 */
function sankeySpec(top: FundFigures[], funds: FundFigures[], pipeline: Pipeline) {
  const byId = new Map(funds.map((f) => [f.fundId, f]));
  const children = childrenOf(funds.map((f) => ({ id: f.fundId, parentId: f.parentId })));
  const stageCounts = (ids: number[]) => {
    const family = new Set(ids);
    const out = new Map<ProjectStage, number>();
    for (const r of pipeline.funds)
      if (r.fundId !== null && family.has(r.fundId)) out.set(r.stage, (out.get(r.stage) ?? 0) + r.count);
    return out;
  };
  const fundNodes = new Map<string, SankeyNode>();
  const stagesUsed = new Set<ProjectStage>();
  const links: { source: string; target: string; value: number }[] = [];
  const fundNode = (f: FundFigures) => {
    const id = `fund:${f.fundId}`;
    if (!fundNodes.has(id)) fundNodes.set(id, { id, name: f.name });
    return id;
  };
  const toStages = (from: string, counts: Map<ProjectStage, number>) => {
    for (const [s, n] of counts) {
      if (n <= 0) continue;
      stagesUsed.add(s);
      links.push({ source: from, target: `stage:${s}`, value: n });
    }
  };
  for (const t of top) {
    const own = stageCounts([t.fundId]);
    if ([...own.values()].some((n) => n > 0)) toStages(fundNode(t), own);
    for (const ch of children.get(t.fundId) ?? []) {
      const child = byId.get(ch);
      if (!child) continue;
      const counts = stageCounts(familyOf(children, ch));
      const total = [...counts.values()].reduce((a, b) => a + b, 0);
      if (total <= 0) continue;
      links.push({ source: fundNode(t), target: fundNode(child), value: total });
      toStages(fundNode(child), counts);
    }
  }
  const nodes: SankeyNode[] = [
    ...fundNodes.values(),
    ...sankeyStages.filter((s) => stagesUsed.has(s)).map((s) => ({ id: `stage:${s}`, name: stageNames[s] ?? s })),
  ];
  return {
    tooltip: { trigger: 'item', triggerOn: 'mousemove' },
    series: [
      {
        type: 'sankey',
        // Funds in tree order, then the stages in their own order, kept as given.
        data: nodes,
        links,
        layoutIterations: 0,
        emphasis: { focus: 'adjacency' },
        nodeAlign: 'left',
        label: { fontSize: 12 },
      },
    ],
  };
}

const ratio = (a: Dec, b: Dec) => (b.isZero() ? null : a.div(b).toFixed(4));

/** Up to this many funds the cockpit's table lists them all. */
export const COCKPIT_ALL_FUNDS = 200;

/** How many levels below a top fund of the reader's (one without a visible parent) a fund sits. */
function levelsBelowTop(f: FundFigures, byId: Map<number, FundFigures>): number {
  let n = 0;
  for (let p = f.parentId; p !== null && byId.has(p); p = byId.get(p)!.parentId) n++;
  return n;
}

/** `performance`: TVPI and IRR of each fund over its own capital (SPEC §8), by fund id; absent columns show "—". */
export const Cockpit: FC<CockpitData & { performance?: Map<number, { tvpi: string | null; irr: string | null }> }> = ({
  asOf,
  funds,
  pipeline,
  performance,
  // eslint-disable-next-line max-lines-per-function -- not split yet (issue 17): its sections (charts, fund table, alerts) are the parts
}) => {
  const byId = new Map(funds.map((f) => [f.fundId, f]));
  const top = funds.filter((f) => f.parentId === null || !byId.has(f.parentId));
  // At a glance: every fund while there are few; a province's thousands are listed to two levels below the top
  // (the rest on each fund's page and in the export), so the table stays a table one reads.
  const listed = funds.length <= COCKPIT_ALL_FUNDS ? funds : funds.filter((f) => levelsBelowTop(f, byId) <= 1);
  const sum = (pick: (f: FundFigures) => string) => top.reduce((a, f) => a.plus(pick(f)), new Dec(0));
  const count = (pick: (f: FundFigures) => number) => top.reduce((a, f) => a + pick(f), 0);
  const committed = sum((f) => f.capital.committed);
  const fiscal = sum((f) => f.capital.fiscalIn);
  const planned = sum((f) => f.outcomes.plannedTotal);
  const arrived = sum((f) => f.outcomes.arrived);
  const leads = count((f) => f.outcomes.leads);
  const tiles: [string, string][] = [
    ['基金数', `${funds.length} 只`],
    ['认缴规模', readableMoney(committed.toFixed(2))],
    ['实缴', readableMoney(sum((f) => f.capital.paidIn).toFixed(2))],
    ['财政放大倍数', times(ratio(committed, fiscal))],
    ['项目线索', `${leads} 个`],
    ['落地项目数', `${count((f) => f.outcomes.landed)} 个`],
    ['计划总投资', readableMoney(planned.toFixed(2))],
    ['实际到资', readableMoney(arrived.toFixed(2))],
    ['到资率', pct(ratio(arrived, planned))],
  ];
  const funnel = {
    tooltip: { trigger: 'item' },
    series: [
      {
        type: 'funnel',
        sort: 'none',
        label: { formatter: '{b}：{c}' },
        data: [
          { name: '线索', value: leads },
          ...progressStages.map((s) => ({ name: stageNames[s], value: count((f) => f.outcomes.reached[s]) })),
        ],
      },
    ],
  };
  const chains = {
    tooltip: { trigger: 'axis' },
    legend: { data: ['项目数', '已落地'], top: 0 },
    grid: { left: 100, right: 20, top: 30, bottom: 24 },
    xAxis: { type: 'value' },
    yAxis: { type: 'category', data: pipeline.chains.map((r) => r.chain).reverse() },
    series: [
      { name: '项目数', type: 'bar', data: pipeline.chains.map((r) => r.count).reverse() },
      { name: '已落地', type: 'bar', data: pipeline.chains.map((r) => r.landed).reverse() },
    ],
  };
  return (
    <>
      <form class="inline" method="get" action="/" style="justify-content:space-between;margin-bottom:10px">
        <h1 style="margin:0">以投促引驾驶舱</h1>
        <span class="inline" style="display:flex;gap:8px;align-items:flex-end">
          <label>
            截至日期
            <input type="date" name="asOf" value={asOf} />
          </label>
          <button class="primary" type="submit">
            查看
          </button>
          <a href={`/api/exports/funds.xlsx?asOf=${asOf}`} id="export-funds">
            导出基金运行情况表
          </a>
        </span>
      </form>
      <Kpis id="kpis" tiles={tiles} />
      <section class="grid two" style="margin-top:12px">
        <div class="card">
          <h2>基金—项目转化（项目数）</h2>
          <div class="chart" id="chart-sankey" data-chart="spec-sankey"></div>
        </div>
        <div class="card">
          <h2>项目推进漏斗</h2>
          <div class="chart" id="chart-funnel" data-chart="spec-funnel"></div>
        </div>
      </section>
      <Card title="各基金运行情况（点击表头排序）">
        {listed.length < funds.length && (
          <p class="muted" id="fund-table-note">
            共 {funds.length} 只基金，此处列出顶层基金及其直接下级基金共 {listed.length}{' '}
            只；其余基金见各基金页面，全部基金见
            <a href={`/api/exports/funds.xlsx?asOf=${asOf}`}>基金运行情况表</a>。
          </p>
        )}
        <div class="scroll">
          <table id="fund-table">
            <thead>
              <tr>
                <th data-sort>基金</th>
                <th data-sort>层级</th>
                <th data-sort class="num">
                  认缴（万元）
                </th>
                <th data-sort class="num">
                  母基金放大
                </th>
                <th data-sort class="num">
                  财政放大
                </th>
                <th data-sort class="num">
                  返投完成率
                </th>
                <th data-sort>进度</th>
                <th data-sort class="num">
                  落地项目
                </th>
                <th data-sort class="num">
                  实际到资（万元）
                </th>
                <th data-sort class="num">
                  到资率
                </th>
                <th data-sort class="num">
                  超期未开工
                </th>
                <th data-sort class="num">
                  TVPI
                </th>
                <th data-sort class="num">
                  IRR
                </th>
              </tr>
            </thead>
            <tbody>
              {listed.map((f) => (
                <tr>
                  <td data-v={f.name}>
                    <a href={`/funds/${f.fundId}?asOf=${asOf}`}>{f.name}</a>
                  </td>
                  <td>{labelOf(levelNames, f.level)}</td>
                  <td class="num" data-v={f.capital.committed}>
                    {wan(f.capital.committed)}
                  </td>
                  <td class="num" data-v={f.leverage.parent.committed ?? ''}>
                    {times(f.leverage.parent.committed)}
                  </td>
                  <td class="num" data-v={f.leverage.fiscal.committed ?? ''}>
                    {times(f.leverage.fiscal.committed)}
                  </td>
                  <td class="num" data-v={f.reinvestment.rate ?? ''}>
                    {f.reinvestment.rate === null ? '不考核' : pct(f.reinvestment.rate)}
                  </td>
                  <td>
                    {f.reinvestment.paceOk === null ? (
                      <span class="muted">—</span>
                    ) : f.reinvestment.paceOk ? (
                      <span class="tag good">正常</span>
                    ) : (
                      <span class="tag bad">滞后</span>
                    )}
                  </td>
                  <td class="num">{f.outcomes.landed}</td>
                  <td class="num" data-v={f.outcomes.arrived}>
                    {wan(f.outcomes.arrived)}
                  </td>
                  <td class="num" data-v={f.outcomes.rates.arrival ?? ''}>
                    {pct(f.outcomes.rates.arrival)}
                  </td>
                  <td class="num">{f.outcomes.overdue}</td>
                  <td class="num" data-v={performance?.get(f.fundId)?.tvpi ?? ''}>
                    {times(performance?.get(f.fundId)?.tvpi)}
                  </td>
                  <td class="num" data-v={performance?.get(f.fundId)?.irr ?? ''}>
                    {pct(performance?.get(f.fundId)?.irr)}
                  </td>
                </tr>
              ))}
            </tbody>
            <tfoot>
              {/* The top funds' families hold every fund listed: their sum counts each figure once, as the tiles do. */}
              <tr id="fund-table-total">
                <th colspan={2}>合计（{top.length === 1 ? top[0]!.name : `${top.length} 只顶层基金`}）</th>
                <th class="num">{wan(committed.toFixed(2))}</th>
                <th colspan={4}></th>
                <th class="num">{count((f) => f.outcomes.landed)}</th>
                <th class="num">{wan(arrived.toFixed(2))}</th>
                <th class="num">{pct(ratio(arrived, planned))}</th>
                <th class="num">{count((f) => f.outcomes.overdue)}</th>
                <th colspan={2}></th>
              </tr>
            </tfoot>
          </table>
        </div>
      </Card>
      <Card title="按产业链分布">
        <div class="chart" id="chart-chains" data-chart="spec-chains"></div>
      </Card>
      {jsonScript('spec-sankey', sankeySpec(top, funds, pipeline))}
      {jsonScript('spec-funnel', funnel)}
      {jsonScript('spec-chains', chains)}
    </>
  );
};

// 考核: the year's 擂台赛 (units by peer group with score, rank and 红黑榜) and every target against 序时进度; the
// tables the 通报 page reuses. Read straight from src/queries/assessment.ts, as the visitor's scope allows.
import type { FC } from 'hono/jsx';
import {
  periodMetricKind,
  periodMetricLabels,
  periodMetrics,
  type PeriodFigures,
  metricLabel,
} from '../../domain/assessment';
import type { Assessment } from '../../queries/assessment';
import { pct, times, wan } from '../format';
import { boardNames, viewNames, unitViews } from '../../domain/vocabulary';

type UnitRow = Assessment['units'][number] & { month?: PeriodFigures };
type FundRow = Assessment['funds'][number] & { month?: PeriodFigures };
type Target = UnitRow['targets'][number];

const figure = (f: PeriodFigures | undefined, m: (typeof periodMetrics)[number]) => {
  if (!f) return '—';
  const v = f[m];
  return periodMetricKind[m] === 'money' ? wan(String(v)) : String(v);
};
const periodHeads = (group: string) =>
  periodMetrics.map((m) => (
    <th class="num" title={group}>
      {periodMetricLabels[m]}
      {periodMetricKind[m] === 'money' ? '（万元）' : ''}
    </th>
  ));
const periodCells = (f: PeriodFigures | undefined) => periodMetrics.map((m) => <td class="num">{figure(f, m)}</td>);

export const BoardTag: FC<{ board: 'red' | 'black' | null }> = ({ board }) =>
  board ? <span class={`tag board-${board}`}>{boardNames[board]}</span> : <span class="muted">—</span>;

/** 擂台赛: one row per unit, by peer group then rank; month figures beside YTD when a bulletin has them. */
export const UnitTable: FC<{ units: UnitRow[]; withMonth: boolean }> = ({ units, withMonth }) => (
  <div class="scroll">
    <table id="units">
      <thead>
        {withMonth ? (
          <tr>
            <th colspan={5}></th>
            <th colspan={7} class="group">
              本月
            </th>
            <th colspan={7} class="group">
              年度累计
            </th>
          </tr>
        ) : null}
        <tr>
          <th>排名</th>
          <th>单位</th>
          <th>分组</th>
          <th class="num">得分</th>
          <th>红黑榜</th>
          {withMonth ? periodHeads('本月') : null}
          {periodHeads('年度累计')}
        </tr>
      </thead>
      <tbody>
        {units.map((u) => (
          <tr class={u.board ? `board-${u.board}` : ''} data-unit={u.unitId}>
            <td class="num">{u.rank ?? '—'}</td>
            <td>{u.name}</td>
            <td>{u.peerGroup ?? '—'}</td>
            <td class="num">{pct(u.score)}</td>
            <td>
              <BoardTag board={u.board} />
            </td>
            {withMonth ? periodCells(u.month) : null}
            {periodCells(u.ytd)}
          </tr>
        ))}
      </tbody>
    </table>
  </div>
);

export const FundTable: FC<{ funds: FundRow[]; withMonth: boolean }> = ({ funds, withMonth }) => (
  <div class="scroll">
    <table id="funds">
      <thead>
        {withMonth ? (
          <tr>
            <th></th>
            <th colspan={7} class="group">
              本月
            </th>
            <th colspan={7} class="group">
              年度累计
            </th>
          </tr>
        ) : null}
        <tr>
          <th>基金</th>
          {withMonth ? periodHeads('本月') : null}
          {periodHeads('年度累计')}
        </tr>
      </thead>
      <tbody>
        {funds.map((f) => (
          <tr data-fund={f.fundId}>
            <td>
              <a href={`/funds/${f.fundId}`}>{f.name}</a>
            </td>
            {withMonth ? periodCells(f.month) : null}
            {periodCells(f.ytd)}
          </tr>
        ))}
      </tbody>
    </table>
  </div>
);

/** Target metrics counted in 元: shown, target and actual alike, in 万元. */
const moneyMetrics: ReadonlySet<string> = new Set([
  'arrived',
  'signedPlanned',
  'capital.committed',
  'capital.paidIn',
  'capital.invested',
  'outcomes.plannedTotal',
  'outcomes.arrived',
]);
/** Target metrics that are ratios: rates read as percentages, leverage as multiples, like every other figure on screen. */
const rateMetrics: ReadonlySet<string> = new Set([
  'reinvestment.rate',
  'outcomes.rates.registration',
  'outcomes.rates.arrival',
]);
const multipleMetrics: ReadonlySet<string> = new Set(['leverage.fiscal', 'leverage.investment']);
const figureText = (metric: string, v: string | number) => {
  if (typeof v === 'number') return String(v);
  if (moneyMetrics.has(metric)) return `${wan(v)} 万元`;
  if (rateMetrics.has(metric)) return pct(v);
  if (multipleMetrics.has(metric)) return times(v);
  return v;
};
const actualText = (t: Target) => (t.actual === null ? '—' : figureText(t.metric, t.actual));

/** Every target of the units and funds: value, weight, actual, completion and 超序时. */
export const TargetTable: FC<{ units: UnitRow[]; funds: FundRow[]; schedule: string | null }> = ({
  units,
  funds,
  schedule,
}) => {
  const lines = [
    ...units.map((u) => ({ owner: u.name, targets: u.targets })),
    ...funds.map((f) => ({ owner: f.name, targets: f.targets })),
  ].flatMap((o) => o.targets.map((t) => ({ owner: o.owner, t })));
  return (
    <div class="scroll">
      <table id="targets">
        <thead>
          <tr>
            <th>单位或基金</th>
            <th>指标</th>
            <th class="num">年度目标</th>
            <th class="num">权重</th>
            <th class="num">累计完成</th>
            <th class="num">完成率</th>
            <th class="num">序时进度</th>
            <th class="num">超序时</th>
          </tr>
        </thead>
        <tbody>
          {lines.length === 0 ? (
            <tr>
              <td colspan={8} class="muted">
                本年度尚未设定目标。
              </td>
            </tr>
          ) : null}
          {lines.map(({ owner, t }) => (
            <tr>
              <td>{owner}</td>
              <td>{metricLabel(t.metric)}</td>
              <td class="num">{figureText(t.metric, t.value)}</td>
              <td class="num">{t.weight}</td>
              <td class="num">{actualText(t)}</td>
              <td class="num">{pct(t.completion)}</td>
              <td class="num">{pct(schedule)}</td>
              <td class={`num ${t.ahead?.startsWith('-') ? 'behind' : ''}`}>{pct(t.ahead)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
};

export const AssessmentPage: FC<{ a: Assessment }> = ({ a }) => (
  <>
    <h1>
      {a.year} 年度考核（{viewNames[a.view]}，截至 {a.asOf}）
    </h1>
    <form class="inline noprint" method="get" action="/assessment">
      <label>
        年度
        <input type="number" name="year" value={String(a.year)} min="2000" max="2100" />
      </label>
      <label>
        截至
        <input type="date" name="asOf" value={a.asOf} />
      </label>
      <label>
        口径
        <select name="view">
          {unitViews.map((v) => (
            <option value={v} selected={v === a.view}>
              {viewNames[v]}
            </option>
          ))}
        </select>
      </label>
      <button class="primary" type="submit">
        查看
      </button>
      <a href={`/bulletins/${a.asOf.slice(0, 7)}?view=${a.view}`}>本月通报</a>
    </form>
    <p>
      序时进度 <strong id="schedule">{pct(a.schedule)}</strong>。得分 = Σ 权重 × min(完成率, 120%) / Σ 权重；得分 ≥
      序时进度为红榜，低于序时进度的 80% 为黑榜；同一分组内排名。
    </p>
    <section class="card">
      <h2>擂台赛</h2>
      <UnitTable units={a.units} withMonth={false} />
    </section>
    <section class="card" style="margin-top:12px">
      <h2>目标完成情况</h2>
      <TargetTable units={a.units} funds={a.funds} schedule={a.schedule} />
    </section>
    <section class="card" style="margin-top:12px">
      <h2>基金</h2>
      <FundTable funds={a.funds} withMonth={false} />
    </section>
  </>
);

// 基金: capital by investor type, leverage on both bases, 返投 against the requirement, investments, the pipeline.
import type { Child, FC } from 'hono/jsx';
import { Dec } from '../../domain/decimal';
import { Card, EmptyRow, jsonScript, Kpis, ProjectTable } from '../components';
import type { FundPageData } from '../data';
import type { RatioPair } from '../data-types';
import { readableMoney, pct, times, wan } from '../format';
import { investorTypeNames, levelNames, labelOf } from '../../domain/vocabulary';

const Pair: FC<{ label: string; pair: RatioPair }> = ({ label, pair }) => (
  <tr>
    <td>{label}</td>
    <td class="num">{times(pair.committed)}</td>
    <td class="num">{times(pair.paidIn)}</td>
  </tr>
);

/** `performance`: the 业绩与投向 panel (web/performance-panel.tsx), shown after the capital and 返投 row. */
export const FundPage: FC<FundPageData & { performance?: Child }> = ({
  asOf,
  fund,
  parent,
  metrics: m,
  investments,
  projects,
  performance,
}) => {
  const byType = new Map<string, Dec>();
  for (const cm of fund.commitments)
    byType.set(cm.investorType, (byType.get(cm.investorType) ?? new Dec(0)).plus(cm.amount));
  const pie = {
    tooltip: { trigger: 'item', formatter: '{b}：{c} 万元（{d}%）' },
    legend: { bottom: 0 },
    series: [
      {
        type: 'pie',
        radius: ['35%', '65%'],
        data: [...byType].map(([t, v]) => ({
          name: labelOf(investorTypeNames, t),
          value: Number(v.div(1e4).toFixed(2)),
        })),
      },
    ],
  };
  const r = m.reinvestment;
  const progress = r.rate === null ? 0 : Math.min(100, Number(new Dec(r.rate).mul(100).toFixed(1)));
  return (
    <>
      <h1>
        {fund.name} <span class="tag">{labelOf(levelNames, fund.level)}</span>
      </h1>
      <p class="muted">
        截至 {asOf} · 管理人 {fund.manager ?? '—'} · 成立 {fund.establishedOn ?? '—'}
        {parent ? (
          <>
            {' '}
            · 上级基金 <a href={`/funds/${parent.id}?asOf=${asOf}`}>{parent.name}</a>
          </>
        ) : null}
      </p>
      <Kpis
        tiles={[
          ['认缴', readableMoney(m.capital.committed)],
          ['实缴', readableMoney(m.capital.paidIn)],
          ['穿透财政出资', readableMoney(m.capital.fiscalIn)],
          ['已投资', readableMoney(m.capital.invested)],
          ['落地项目', `${m.outcomes.landed} 个`],
          ['以投促引倍数', times(m.outcomes.attractionMultiple)],
        ]}
      />
      <section class="grid two" style="margin-top:12px">
        <div class="card">
          <h2>出资结构（认缴，按出资人类型）</h2>
          <div class="chart" id="chart-capital" data-chart="spec-capital"></div>
        </div>
        <div class="card">
          <h2>放大倍数</h2>
          <table>
            <thead>
              <tr>
                <th>指标</th>
                <th class="num">认缴口径</th>
                <th class="num">实缴口径</th>
              </tr>
            </thead>
            <tbody>
              <Pair label="母基金出资放大倍数" pair={m.leverage.parent} />
              <Pair label="财政资金放大倍数" pair={m.leverage.fiscal} />
              <Pair label="子基金放大倍数" pair={m.leverage.subFunds} />
              <Pair label="穿透财政放大倍数" pair={m.leverage.subFundsFiscal} />
              <tr>
                <td>带动投资倍数</td>
                <td class="num" colspan={2}>
                  {times(m.leverage.investment)}
                </td>
              </tr>
            </tbody>
          </table>
          <h2 style="margin-top:14px">返投</h2>
          {r.rate === null && r.required === null ? (
            <p class="muted">本基金不设返投要求（倍数 {r.multiple}）。</p>
          ) : (
            <>
              <p>
                要求 {readableMoney(r.required)}（{r.multiple} 倍）· 已认定 {readableMoney(r.credited)} · 缺口{' '}
                {readableMoney(r.gap)} · 完成率 {pct(r.rate)}{' '}
                {r.paceOk ? <span class="tag good">进度正常</span> : <span class="tag bad">进度滞后</span>}
              </p>
              <div class="bar" title={pct(r.rate)}>
                <span style={`width:${progress}%`}></span>
              </div>
            </>
          )}
        </div>
      </section>
      {performance}
      <Card title={`投资（${investments.length} 笔）`}>
        <div class="scroll">
          <table>
            <thead>
              <tr>
                <th>企业</th>
                <th>日期</th>
                <th>方式</th>
                <th>轮次</th>
                <th class="num">投资额（万元）</th>
                <th class="num">本轮融资总额（万元）</th>
              </tr>
            </thead>
            <tbody>
              {investments.length === 0 ? <EmptyRow columns={6} text="暂无投资" /> : null}
              {investments.map((i) => (
                <tr>
                  <td>{i.company?.name ?? '—'}</td>
                  <td>{i.investedOn}</td>
                  <td>{i.kind === 'secondary' ? '受让老股' : '新股'}</td>
                  <td>{i.round ?? '—'}</td>
                  <td class="num">{wan(i.amount)}</td>
                  <td class="num">{wan(i.roundSize)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </Card>
      <Card title={`项目（含下级基金，${projects.length} 个）`}>
        <ProjectTable items={projects} />
      </Card>
      {jsonScript('spec-capital', pie)}
    </>
  );
};

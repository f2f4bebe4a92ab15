// The fund page's 业绩与投向 panel (SPEC §8): the cash-flow chart and the figures against the platform's thresholds.
import type { FC } from 'hono/jsx';
import { Dec } from '../domain/decimal';
import { indicatorLabels, type Indicator } from '../domain/performance';
import type { PerformancePanelData } from '../queries/performance';
import { Card, jsonScript, Kpis } from './components';
import { readableMoney, pct, times } from './format';

const multiples = new Set<string>(['dpi', 'rvpi', 'tvpi', 'reinvestmentMultiple']);
/** A figure as the page reads it: multiples as 倍, rates and shares as percentages. */
const shown = (indicator: string, v: string | null) => (multiples.has(indicator) ? times(v) : pct(v));
const sign = { gte: '≥', lte: '≤' } as const;
const wanValue = (yuan: string) => Number(new Dec(yuan).div(1e4).toFixed(2));

export const PerformancePanel: FC<PerformancePanelData> = ({ asOf, body, labels, childNames, series }) => {
  const line = (name: string, pick: (p: (typeof series)[number]) => string) => ({
    name,
    type: 'line',
    step: 'end',
    showSymbol: false,
    data: [
      ...series.map((p) => [p.on, wanValue(pick(p))]),
      ...(series.length ? [[asOf, wanValue(pick(series.at(-1)!))]] : []),
    ],
  });
  const chart = {
    tooltip: { trigger: 'axis' },
    legend: { top: 0 },
    grid: { left: 70, right: 20, top: 30, bottom: 30 },
    xAxis: { type: 'time' },
    yAxis: { type: 'value', name: '万元' },
    series: [
      line('累计实缴', (p) => p.paidIn),
      line('累计分配', (p) => p.distributed),
      line('估值（NAV）', (p) => p.nav),
    ],
  };
  const figures: [Indicator, string | null][] = [
    ['dpi', body.dpi],
    ['rvpi', body.rvpi],
    ['tvpi', body.tvpi],
    ['irr', body.irr],
    ['appreciation', body.appreciation],
    ...(Object.entries(body.indicators) as [Indicator, string | null][]),
  ];
  return (
    <section id="performance">
      <Kpis
        tiles={[
          ['实缴', readableMoney(body.paidIn)],
          ['累计分配', readableMoney(body.distributed)],
          ['最新估值', readableMoney(body.nav)],
          ['DPI', times(body.dpi)],
          ['TVPI', times(body.tvpi)],
          ['IRR', pct(body.irr)],
        ]}
      />
      <section class="grid two" style="margin-top:12px">
        <div class="card">
          <h2>现金流（累计实缴、分配与估值，万元）</h2>
          {series.length ? (
            <div class="chart" id="chart-cashflow" data-chart="spec-cashflow"></div>
          ) : (
            <p class="muted">截至 {asOf} 尚无实缴、分配或估值记录。</p>
          )}
        </div>
        <div class="card">
          <h2>业绩与投向指标（平台自设阈值，自查参考）</h2>
          <table id="indicator-table">
            <thead>
              <tr>
                <th>指标</th>
                <th class="num">数值</th>
                <th>阈值</th>
                <th>结果</th>
              </tr>
            </thead>
            <tbody>
              {figures.map(([indicator, value]) => {
                const checks = body.checks
                  .map((c, i) => ({ ...c, label: labels[i] ?? null }))
                  .filter((c) => c.indicator === indicator);
                return (
                  <tr data-indicator={indicator}>
                    <td>{indicatorLabels[indicator]}</td>
                    <td class="num">{shown(indicator, value)}</td>
                    <td>
                      {checks.length ? (
                        checks
                          .map(
                            (c) =>
                              `${sign[c.comparison]} ${shown(indicator, c.value)}${c.label ? `（${c.label}）` : ''}`,
                          )
                          .join('；')
                      ) : (
                        <span class="muted">未设定</span>
                      )}
                    </td>
                    <td>
                      {checks.map((c) =>
                        c.met === null ? (
                          <span class="muted">—</span>
                        ) : c.met ? (
                          <span class="tag good">达标</span>
                        ) : (
                          <span class="tag bad">未达标</span>
                        ),
                      )}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      </section>
      {body.children.length ? (
        <Card title="出资人视角：本基金在各直接子基金上的业绩">
          <div class="scroll">
            <table id="child-performance">
              <thead>
                <tr>
                  <th>子基金</th>
                  <th class="num">本基金出资</th>
                  <th class="num">所获分配</th>
                  <th class="num">所占估值</th>
                  <th class="num">DPI</th>
                  <th class="num">TVPI</th>
                  <th class="num">IRR</th>
                </tr>
              </thead>
              <tbody>
                {body.children.map((ch) => (
                  <tr>
                    <td>
                      <a href={`/funds/${ch.fundId}?asOf=${asOf}`}>{childNames[ch.fundId] ?? `基金 #${ch.fundId}`}</a>
                    </td>
                    <td class="num">{readableMoney(ch.contributed)}</td>
                    <td class="num">{readableMoney(ch.distributed)}</td>
                    <td class="num">{readableMoney(ch.nav)}</td>
                    <td class="num">{times(ch.dpi)}</td>
                    <td class="num">{times(ch.tvpi)}</td>
                    <td class="num">{pct(ch.irr)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </Card>
      ) : null}
      {series.length ? jsonScript('spec-cashflow', chart) : null}
    </section>
  );
};

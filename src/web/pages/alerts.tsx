// 预警: the alerts of the visitor's scope as of a date, by kind, fund and unit, longest waiting first, with an export;
// and the strip of counts the cockpit shows, linking here.
import type { FC } from 'hono/jsx';
import { alertKindLabels, alertRuleText, type AlertKind } from '../../domain/alerts';
import type { AlertsPageData, Named } from '../assessment-data';
import { ALERTS_ON_PAGE } from '../assessment-data';
import { EmptyRow } from '../components';

/** The query as a string, without empty fields; `kind` replaced when given. */
const queryOf = (q: Record<string, string | number | undefined>, kind?: AlertKind | null) => {
  const out = new URLSearchParams();
  for (const [k, v] of Object.entries({ ...q, ...(kind !== undefined ? { kind: kind ?? undefined } : {}) }))
    if (v !== undefined && String(v) !== '') out.set(k, String(v));
  return out.toString();
};

/** A filter choosing one named record (a fund, a unit) by id, or all. */
export const NamedSelect: FC<{ name: string; label: string; items: Named[]; selected?: number }> = ({
  name,
  label,
  items,
  selected,
}) => (
  <label>
    {label}
    <select name={name}>
      <option value="">全部</option>
      {items.map((x) => (
        <option value={String(x.id)} selected={selected === x.id}>
          {x.name}
        </option>
      ))}
    </select>
  </label>
);

export const AlertsPage: FC<AlertsPageData> = ({ query, asOf, days, kinds, counts, items, more, funds, units }) => {
  const fundName = new Map(funds.map((f) => [f.id, f.name]));
  const unitName = new Map(units.map((u) => [u.id, u.name]));
  const q = { ...query, asOf };
  return (
    <>
      <h1>预警</h1>
      <form class="inline card" method="get" action="/alerts" id="alert-filters">
        <label>
          截至日期
          <input type="date" name="asOf" value={asOf} />
        </label>
        <label>
          预警类型
          <select name="kind">
            <option value="">全部</option>
            {kinds.map((k) => (
              <option value={k} selected={query.kind === k}>
                {alertKindLabels[k]}
              </option>
            ))}
          </select>
        </label>
        <NamedSelect name="fundId" label="基金" items={funds} selected={query.fundId} />
        <NamedSelect name="unitId" label="单位（招引或落地，含下级）" items={units} selected={query.unitId} />
        <button class="primary" type="submit">
          筛选
        </button>
        <a href={`/api/exports/alerts.xlsx?${queryOf(q)}`} id="export-alerts">
          导出 Excel
        </a>
      </form>
      <section class="grid kpis" id="alert-counts" style="margin-top:12px">
        {kinds.map((k) => (
          <a
            class="card kpi"
            href={`/alerts?${queryOf(q, k)}`}
            style={query.kind === k ? 'outline:2px solid #b91c1c' : ''}
          >
            <div class="label">
              {alertKindLabels[k]}
              {alertRuleText(k, days) ? `（${alertRuleText(k, days)}）` : ''}
            </div>
            <div class="value">{counts[k]} 个</div>
          </a>
        ))}
      </section>
      <section class="card scroll" style="margin-top:12px">
        <table id="alerts">
          <thead>
            <tr>
              <th>预警类型</th>
              <th>项目 / 认定对象</th>
              <th>节点 / 诉求</th>
              <th>基金</th>
              <th>招引单位</th>
              <th>落地单位</th>
              <th>起算日期</th>
              <th class="num">已持续天数</th>
            </tr>
          </thead>
          <tbody>
            {items.length === 0 ? <EmptyRow columns={8} text="暂无预警" /> : null}
            {items.map((a) => (
              <tr data-kind={a.kind}>
                <td>
                  <span class={`tag ${a.kind === 'pending_review' ? 'pending' : 'bad'}`}>
                    {alertKindLabels[a.kind]}
                  </span>
                </td>
                <td>
                  {a.projectId !== null ? (
                    <a href={`/projects/${a.projectId}`}>{a.name}</a>
                  ) : a.creditId !== null ? (
                    <a href="/review">
                      {a.name}（返投认定 {a.creditId}）
                    </a>
                  ) : (
                    a.name
                  )}
                </td>
                <td>{a.detail ?? '—'}</td>
                <td>{a.fundId !== null ? (fundName.get(a.fundId) ?? '—') : '—'}</td>
                <td>{a.introducingUnitId !== null ? (unitName.get(a.introducingUnitId) ?? '—') : '—'}</td>
                <td>{a.landingUnitId !== null ? (unitName.get(a.landingUnitId) ?? '—') : '—'}</td>
                <td>{a.since}</td>
                <td class="num">{a.days}</td>
              </tr>
            ))}
          </tbody>
        </table>
        {items.length === 0 ? <p>截至 {asOf} 没有符合条件的预警。</p> : null}
        {more ? <p>仅显示持续最久的 {ALERTS_ON_PAGE} 条，全部预警请导出 Excel。</p> : null}
      </section>
    </>
  );
};

/** The cockpit's alert counts, each linking to the alerts page of that kind as of the cockpit's date. */
export const AlertStrip: FC<{ asOf: string; counts: Record<AlertKind, number>; kinds: readonly AlertKind[] }> = ({
  asOf,
  counts,
  kinds,
}) => (
  <section
    class="card"
    id="cockpit-alerts"
    style="margin-bottom:12px;display:flex;gap:16px;flex-wrap:wrap;align-items:center"
  >
    <strong>
      <a href={`/alerts?asOf=${asOf}`}>预警</a>
    </strong>
    {kinds.map((k) => (
      <a href={`/alerts?asOf=${asOf}&kind=${k}`} data-kind={k}>
        {alertKindLabels[k]} <span class={`tag ${counts[k] > 0 ? 'bad' : 'good'}`}>{counts[k]}</span>
      </a>
    ))}
  </section>
);

// 招商活动: the list, the newest first, with its filters (unit with its sub-units, kind, month); companies and projects
// by name, 主要负责人带队 marked.
import type { FC } from 'hono/jsx';
import { activityKindNames, activityKinds, activityLinkNames } from '../../domain/vocabulary';
import { EmptyRow, filterQuery, FundOptions } from '../components';
import type { ActivitiesPageData, ActivityItem } from '../activity-data';

const dates = (a: ActivityItem) =>
  a.endedOn && a.endedOn !== a.startedOn ? `${a.startedOn} 至 ${a.endedOn.slice(5)}` : a.startedOn;

/** A company met: linked to the projects of that company when it is a registered one. */
const Company: FC<{ c: ActivityItem['companies'][number] }> = ({ c }) =>
  c.companyId ? <a href={`/projects?q=${encodeURIComponent(c.name)}`}>{c.name}</a> : <span>{c.name}</span>;

const ActivityRow: FC<{ a: ActivityItem; units: Map<number, string>; funds: Map<number, string> }> = ({
  a,
  units,
  funds,
}) => (
  <tr id={`a${a.id}`}>
    <td data-v={a.startedOn} data-label="日期">
      {dates(a)}
    </td>
    <td data-label="类型">
      <span class={`tag kind-${a.kind}`}>{activityKindNames[a.kind]}</span>
      {a.topLed ? <span class="tag top-led">主要负责人带队</span> : null}
    </td>
    <td data-label="单位">
      {units.get(a.unitId) ?? '—'}
      {a.fundId ? <div class="muted">{funds.get(a.fundId) ?? '—'}</div> : null}
    </td>
    <td data-label="目的地">{a.destination ?? '—'}</td>
    <td class="wrap" data-label="参与人员">
      {a.participants.map((p) => p.name).join('、') || '—'}
    </td>
    <td class="wrap" data-label="对接企业">
      {a.companies.length
        ? a.companies.map((c, i) => (
            <>
              {i ? '、' : ''}
              <Company c={c} />
            </>
          ))
        : '—'}
    </td>
    <td class="wrap" data-label="关联项目">
      {a.projects.length
        ? a.projects.map((p) => (
            <div>
              <span class={`tag ${p.link === 'produced' ? 'good' : ''}`}>{activityLinkNames[p.link]}</span>{' '}
              <a href={`/projects/${p.projectId}`}>{p.name}</a>
            </div>
          ))
        : '—'}
    </td>
    <td class="wrap" data-label="备注">
      {a.note ?? ''}
    </td>
  </tr>
);

export const ActivitiesPage: FC<ActivitiesPageData & { writer: boolean }> = ({
  filters,
  activities,
  nextCursor,
  units,
  funds,
  writer,
}) => {
  const unitNames = new Map(units.map((u) => [u.id, u.name]));
  const fundNames = new Map(funds.map((f) => [f.id, f.name]));
  return (
    <>
      <h1>招商活动</h1>
      <form class="inline card" method="get" action="/activities" id="activity-filters">
        <label>
          单位（含下级）
          <select name="unitId">
            <option value="">全部</option>
            {units.map((u) => (
              <option value={String(u.id)} selected={filters.unitId === u.id}>
                {u.name}
              </option>
            ))}
          </select>
        </label>
        <label>
          基金
          <select name="fundId">
            <option value="">全部</option>
            <FundOptions funds={funds} selected={filters.fundId} />
          </select>
        </label>
        <label>
          类型
          <select name="kind">
            <option value="">全部</option>
            {activityKinds.map((k) => (
              <option value={k} selected={filters.kind === k}>
                {activityKindNames[k]}
              </option>
            ))}
          </select>
        </label>
        <label>
          月份
          <input name="month" type="month" value={filters.month ?? ''} />
        </label>
        <button class="primary" type="submit">
          筛选
        </button>
        {writer ? (
          <a class="button" href="/activities/new">
            + 登记活动
          </a>
        ) : null}
      </form>
      <section class="card" style="margin-top:12px">
        <div class="scroll">
          <table class="activities">
            <thead>
              <tr>
                <th data-sort>日期</th>
                <th data-sort>类型</th>
                <th data-sort>单位 / 基金</th>
                <th data-sort>目的地</th>
                <th>参与人员</th>
                <th>对接企业</th>
                <th>关联项目</th>
                <th>备注</th>
              </tr>
            </thead>
            <tbody>
              {activities.length === 0 ? <EmptyRow columns={8} text="暂无招商活动" /> : null}
              {activities.map((a) => (
                <ActivityRow a={a} units={unitNames} funds={fundNames} />
              ))}
            </tbody>
            {activities.length ? (
              <tfoot>
                <tr class="total">
                  <th colspan={8}>
                    {nextCursor ? '本页' : ''}共 {activities.length} 次活动，其中走出去{' '}
                    {activities.filter((a) => a.kind === 'outbound').length} 次、主要负责人带队{' '}
                    {activities.filter((a) => a.topLed).length} 次
                  </th>
                </tr>
              </tfoot>
            ) : null}
          </table>
        </div>
        {nextCursor ? (
          <p class="right">
            <a href={`/activities?${filterQuery(filters, nextCursor)}`}>更早的活动 →</a>
          </p>
        ) : null}
      </section>
    </>
  );
};

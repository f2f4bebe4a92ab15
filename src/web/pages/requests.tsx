// 企业诉求 list: filters (state, category, unit with its sub-units, handler, 超期), each request with its state and a
// 超期 mark; a card per request on a phone.
import type { FC } from 'hono/jsx';
import { requestCategoryNames, requestStatusNames } from '../../domain/vocabulary';
import type { RequestListData } from '../request-data';
import { RequestTable } from '../request-parts';

/** A filter's `<select>`: 全部, then each option as [value, its name]. */
const Choice: FC<{ label: string; name: string; options: [string, string][]; selected?: string | number }> = ({
  label,
  name,
  options,
  selected,
}) => (
  <label>
    {label}
    <select name={name}>
      <option value="">全部</option>
      {options.map(([value, text]) => (
        <option value={value} selected={String(selected) === value}>
          {text}
        </option>
      ))}
    </select>
  </label>
);
const named = (refs: { id: number; name: string }[]): [string, string][] => refs.map((r) => [String(r.id), r.name]);

export const RequestsPage: FC<RequestListData> = ({
  filters: f,
  items,
  nextCursor,
  units,
  handlers,
  today,
  raises,
}) => {
  const query = new URLSearchParams(
    Object.entries({ ...f, cursor: undefined }).flatMap(([k, v]) => (v === undefined ? [] : [[k, String(v)]])),
  );
  const overdue = items.filter((r) => r.overdue).length;
  return (
    <>
      <h1>
        企业诉求{' '}
        {raises ? (
          <a href="/requests/new" style="font-size:14px;font-weight:400" id="new-request">
            + 提出诉求
          </a>
        ) : null}
      </h1>
      <form class="card inline" method="get" action="/requests" id="request-filters">
        <Choice label="状态" name="status" options={Object.entries(requestStatusNames)} selected={f.status} />
        <Choice label="类别" name="category" options={Object.entries(requestCategoryNames)} selected={f.category} />
        <Choice label="责任单位（含下级）" name="unitId" options={named(units)} selected={f.unitId} />
        <Choice label="承办人" name="assigneeId" options={named(handlers)} selected={f.assigneeId} />
        <label style="flex-direction:row;align-items:center;gap:6px">
          <input type="checkbox" name="overdue" value="1" checked={f.overdue === '1'} /> 只看超期
        </label>
        <button class="primary" type="submit">
          筛选
        </button>
        <a href="/requests">清除</a>
      </form>
      <section class="card" style="margin-top:12px">
        <p class="muted" style="margin:0 0 8px" id="request-count">
          {items.length} 条{nextCursor ? '（本页）' : ''}，其中超期 {overdue} 条（截至 {today}：未办结且已过办结时限）
        </p>
        <RequestTable items={items} />
        {nextCursor ? (
          <p>
            <a href={`/requests?${query.toString()}${query.size ? '&' : ''}cursor=${nextCursor}`}>下一页 →</a>
          </p>
        ) : null}
      </section>
    </>
  );
};

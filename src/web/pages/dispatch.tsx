// 调度: what is late and due as of a date, owner by owner — the list a 督办 clerk prints for the monthly 调度 meeting.
// Each owner's nodes and requests in one table, 滞后 first (most days late first), then 临期 by date; the items no one
// owns last. Narrowed to one unit (with its sub-units) or to the visitor's own items, paged by owners with the totals
// of the whole filter; `all=1` shows every owner of the filter, to print it whole. Prints A4 landscape without the
// navigation; on a phone each item reads as a card.
import type { FC } from 'hono/jsx';
import { requestCategoryNames, requestStatusNames, stageNames } from '../../domain/vocabulary';
import { viewNames, unitViews } from '../../domain/vocabulary';
import type { Db } from '../../db';
import type { Scope } from '../../queries/trees';
import type { Dispatch, DispatchNode, DispatchPageQuery, DispatchRequest } from '../../queries/dispatch';
import { DISPATCH_PAGE_OWNERS, dispatchFor, dispatchStatusNames, dispatchUnits } from '../../queries/dispatch';
import { EmptyRow, Kpis } from '../components';

type Line = { kind: 'node'; x: DispatchNode; date: string } | { kind: 'request'; x: DispatchRequest; date: string };

/** An owner's items as one list: 滞后 first, most days late first; then 临期 by date. */
const linesOf = (g: { nodes: DispatchNode[]; requests: DispatchRequest[] }): Line[] =>
  [
    ...g.nodes.map((x): Line => ({ kind: 'node', x, date: x.planned })),
    ...g.requests.map((x): Line => ({ kind: 'request', x, date: x.dueOn })),
  ].sort((a, b) => b.x.daysLate - a.x.daysLate || a.date.localeCompare(b.date));

const overdueOf = (lines: Line[]) => lines.filter((l) => l.x.status === 'overdue').length;

const ItemRow: FC<{ line: Line }> = ({ line }) => {
  const { x } = line;
  const subject = x.projectId !== null ? <a href={`/projects/${x.projectId}`}>{x.project}</a> : (x.company ?? '—');
  return (
    <tr data-status={x.status} data-kind={line.kind}>
      <td data-label="状态">
        <span class={`tag ${x.status === 'overdue' ? 'bad' : 'pending'}`}>{dispatchStatusNames[x.status]}</span>
        {x.status === 'overdue' ? ` ${x.daysLate} 天` : ''}
      </td>
      <td data-label="事项">{line.kind === 'node' ? '推进节点' : '企业诉求'}</td>
      <td class="what" data-label={line.kind === 'node' ? '节点' : '诉求'}>
        {line.kind === 'node' ? (
          <>
            {line.x.name}
            {line.x.stage ? <span class="muted">（{stageNames[line.x.stage]}）</span> : null}
          </>
        ) : (
          <>
            {requestCategoryNames[line.x.category]}：{line.x.description}
            <span class="muted">（{requestStatusNames[line.x.state]}）</span>
          </>
        )}
      </td>
      <td class="what" data-label={x.projectId !== null ? '项目' : '企业'}>
        {subject}
      </td>
      <td data-label="单位">{x.unit ?? '—'}</td>
      <td data-label={line.kind === 'node' ? '计划' : '到期'}>
        {line.date}
        {line.kind === 'node' && line.x.baseline !== line.x.planned ? (
          <span class="muted">（基线 {line.x.baseline}）</span>
        ) : null}
      </td>
    </tr>
  );
};

const OwnerCard: FC<{ id: string; name: string; lines: Line[] }> = ({ id, name, lines }) => {
  const overdue = overdueOf(lines);
  return (
    <section class="card dispatch-owner" id={id} style="margin-top:12px">
      <h2>
        {name} <span class={`tag ${overdue ? 'bad' : 'good'}`}>滞后 {overdue}</span>{' '}
        <span class="tag pending">临期 {lines.length - overdue}</span>
      </h2>
      <div class="scroll">
        <table class="dispatch cards">
          <thead>
            <tr>
              <th>状态</th>
              <th>事项</th>
              <th>节点 / 诉求</th>
              <th>项目 / 企业</th>
              <th>单位</th>
              <th>计划 / 到期</th>
            </tr>
          </thead>
          <tbody>
            {lines.length === 0 ? <EmptyRow columns={6} text="暂无" /> : null}
            {lines.map((line) => (
              <ItemRow line={line} />
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
};

export interface DispatchPageData {
  d: Dispatch;
  units: { id: number; name: string; depth: number }[];
  /** Every owner of the filter on one page (to print it whole). */
  all: boolean;
  /** The visitor: 只看我的 is its own items. */
  userId: number;
}

/** The page's 调度 (one page of owners, or all of them) and the units its picker offers: two statements. */
export async function dispatchPageData(
  v: { db: Db; scope: Scope; today: string; user: { id: number } },
  q: DispatchPageQuery,
): Promise<DispatchPageData> {
  const [d, units] = await Promise.all([dispatchFor(v, q, q.all ? 'all' : undefined), dispatchUnits(v.db)]);
  return { d, units, all: Boolean(q.all), userId: v.user.id };
}

/** The filter as a query string (today's fields only, as given), with `more` replacing fields. */
const queryOf = (d: Dispatch, userId: number, more: Record<string, string | number | null> = {}) => {
  const out = new URLSearchParams({ asOf: d.asOf, horizonDays: String(d.horizonDays) });
  if (d.unitId !== null) out.set('unit', String(d.unitId));
  if (d.unitId !== null && d.view !== 'introducing') out.set('view', d.view);
  if (d.owner !== null) out.set('owner', d.owner === userId ? 'me' : String(d.owner));
  for (const [k, v] of Object.entries(more))
    if (v === null) out.delete(k);
    else out.set(k, String(v));
  return out.toString();
};

const Pager: FC<{ d: Dispatch; userId: number }> = ({ d, userId }) => {
  const pages = Math.max(1, Math.ceil(d.total.owners / d.limit));
  const at = Math.min(pages, Math.floor(d.offset / d.limit) + 1);
  const limit: Record<string, number> = d.limit === DISPATCH_PAGE_OWNERS ? {} : { limit: d.limit };
  const prev = d.offset > 0 ? Math.max(0, d.offset - d.limit) : null;
  return (
    <nav class="pager noprint" id="dispatch-pager" style="margin-top:12px">
      {prev !== null ? (
        <a href={`/dispatch?${queryOf(d, userId, { ...limit, cursor: prev || null })}`} rel="prev">
          ← 上一页
        </a>
      ) : (
        <span class="muted">← 上一页</span>
      )}{' '}
      <span class="page-of">
        第 {at} / {pages} 页
      </span>{' '}
      {d.next !== null ? (
        <a href={`/dispatch?${queryOf(d, userId, { ...limit, cursor: d.next })}`} rel="next">
          下一页 →
        </a>
      ) : (
        <span class="muted">下一页 →</span>
      )}
    </nav>
  );
};

export const DispatchPage: FC<DispatchPageData> = ({ d, units, all, userId }) => {
  const owners = d.owners.map((o) => ({ ...o, lines: linesOf(o) }));
  const unowned = linesOf(d.unowned);
  const t = d.total;
  const query = queryOf(d, userId);
  const unitName = units.find((u) => u.id === d.unitId)?.name;
  const whose = d.owner === null ? null : d.owner === 'none' ? '未落实责任人' : d.owner === userId ? '我的' : null;
  const paged = !all && (d.offset > 0 || d.next !== null);
  return (
    <article class="dispatch-page">
      <h1>
        调度清单{unitName ? `：${unitName}（含下级）` : ''}
        {whose ? ` · ${whose}` : ''}
      </h1>
      <p class="muted">
        截至 {d.asOf}；临期：计划或到期日在 {d.horizonDays} 天内。节点归项目现任对接人，诉求归承办人。
        {unitName ? `单位按${viewNames[d.view]}，诉求按承办、项目或企业所在单位。` : ''}
      </p>
      <form class="inline card noprint" method="get" action="/dispatch" id="dispatch-filters">
        <label>
          截至日期
          <input type="date" name="asOf" value={d.asOf} />
        </label>
        <label>
          临期天数
          <input type="number" name="horizonDays" min="0" max="366" value={String(d.horizonDays)} />
        </label>
        <label>
          单位（含下级）
          <select name="unit" id="dispatch-unit">
            <option value="">全部</option>
            {units.map((u) => (
              <option value={String(u.id)} selected={u.id === d.unitId}>
                {'\u3000'.repeat(Math.min(u.depth, 6))}
                {u.name}
              </option>
            ))}
          </select>
        </label>
        <label>
          口径
          <select name="view">
            {unitViews.map((v) => (
              <option value={v} selected={v === d.view}>
                {viewNames[v]}
              </option>
            ))}
          </select>
        </label>
        {d.owner !== null ? (
          <input type="hidden" name="owner" value={d.owner === userId ? 'me' : String(d.owner)} />
        ) : null}
        <button class="primary" type="submit">
          查看
        </button>
        <span id="dispatch-owner-links">
          {d.owner === userId ? (
            <a href={`/dispatch?${queryOf(d, userId, { owner: null })}`}>全部责任人</a>
          ) : (
            <a href={`/dispatch?${queryOf(d, userId, { owner: 'me' })}`} id="dispatch-mine">
              只看我的
            </a>
          )}
          {' · '}
          {d.owner === 'none' ? (
            <a href={`/dispatch?${queryOf(d, userId, { owner: null })}`}>全部责任人</a>
          ) : (
            <a href={`/dispatch?${queryOf(d, userId, { owner: 'none' })}`}>只看未落实责任人</a>
          )}
        </span>
        <a href={`/api/exports/dispatch.xlsx?${query}`} id="export-dispatch">
          导出 Excel
        </a>
        {paged ? (
          <a href={`/dispatch?${queryOf(d, userId, { all: 1 })}`} id="dispatch-print-all">
            打印版（全部 {t.owners} 人）
          </a>
        ) : null}
        <span class="muted">打印：使用浏览器的“打印”（A4 横向）{paged ? '，分页时请先打开打印版' : ''}</span>
      </form>
      <p id="dispatch-totals" style="margin:12px 0 0">
        <strong>
          共 {t.owners} 人 · 滞后 {t.late} 项
        </strong>
        <span class="muted">
          （节点 {t.nodesLate} · 诉求 {t.requestsLate}）· 临期 {t.nodes + t.requests - t.late} 项 · 未落实责任人{' '}
          {t.unowned} 项{all ? ' · 全部责任人' : paged ? ` · 本页 ${owners.length} 人` : ''}
        </span>
      </p>
      <div style="margin-top:12px">
        <Kpis
          id="dispatch-counts"
          tiles={[
            ['责任人', `${t.owners} 人`],
            ['滞后节点', `${t.nodesLate} 个`],
            ['超期诉求', `${t.requestsLate} 件`],
            ['临期事项', `${t.nodes + t.requests - t.late} 项`],
            ['未落实责任人', `${t.unowned} 项`],
          ]}
        />
      </div>
      {paged ? <Pager d={d} userId={userId} /> : null}
      {owners.length === 0 && unowned.length === 0 ? (
        <p class="card" style="margin-top:12px">
          {t.owners + t.unowned > 0 ? '本页没有责任人，请翻回前页。' : `截至 ${d.asOf} 没有滞后或临期的节点与诉求。`}
        </p>
      ) : null}
      {owners.map((o) => (
        <OwnerCard id={`owner-${o.userId}`} name={o.name} lines={o.lines} />
      ))}
      {unowned.length ? <OwnerCard id="unowned" name="未落实责任人" lines={unowned} /> : null}
      {paged ? <Pager d={d} userId={userId} /> : null}
    </article>
  );
};

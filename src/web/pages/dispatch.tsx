// 调度: what is late and due as of a date, owner by owner — the list a 督办 clerk prints for the monthly 调度 meeting.
// Each owner's nodes and requests in one table, 滞后 first (most days late first), then 临期 by date; the items no one
// owns last. Prints A4 landscape without the navigation; on a phone each item reads as a card.
import type { FC } from 'hono/jsx';
import { requestCategoryNames, requestStatusNames, stageNames } from '../../domain/vocabulary';
import type { Dispatch, DispatchNode, DispatchRequest } from '../../queries/dispatch';
import { dispatchStatusNames } from '../../queries/dispatch';
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

export const DispatchPage: FC<{ d: Dispatch }> = ({ d }) => {
  const owners = d.owners.map((o) => ({ ...o, lines: linesOf(o) }));
  const unowned = linesOf(d.unowned);
  const all = [...owners.flatMap((o) => o.lines), ...unowned];
  const late = (kind: Line['kind']) => all.filter((l) => l.kind === kind && l.x.status === 'overdue').length;
  const query = `asOf=${d.asOf}&horizonDays=${d.horizonDays}`;
  return (
    <article class="dispatch-page">
      <h1>调度清单</h1>
      <p class="muted">
        截至 {d.asOf}；临期：计划或到期日在 {d.horizonDays} 天内。节点归项目现任对接人，诉求归承办人。
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
        <button class="primary" type="submit">
          查看
        </button>
        <a href={`/api/exports/dispatch.xlsx?${query}`} id="export-dispatch">
          导出 Excel
        </a>
        <span class="muted">打印：使用浏览器的“打印”（A4 横向）</span>
      </form>
      <div style="margin-top:12px">
        <Kpis
          id="dispatch-counts"
          tiles={[
            ['责任人', `${owners.length} 人`],
            ['滞后节点', `${late('node')} 个`],
            ['超期诉求', `${late('request')} 件`],
            ['临期事项', `${all.filter((l) => l.x.status === 'due').length} 项`],
            ['未落实责任人', `${unowned.length} 项`],
          ]}
        />
      </div>
      {owners.length === 0 && unowned.length === 0 ? (
        <p class="card" style="margin-top:12px">
          截至 {d.asOf} 没有滞后或临期的节点与诉求。
        </p>
      ) : null}
      {owners.map((o) => (
        <OwnerCard id={`owner-${o.userId}`} name={o.name} lines={o.lines} />
      ))}
      {unowned.length ? <OwnerCard id="unowned" name="未落实责任人" lines={unowned} /> : null}
    </article>
  );
};

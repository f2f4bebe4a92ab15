// The project page's service loop (SPEC §9): who answers for the project (对接人, 包挂领导, 专班成员, with staff's
// forms to assign and remove), and the 推进节点计划 as a timeline of plan against actual, with its forms.
import type { FC } from 'hono/jsx';
import { daysBetween } from '../domain/dates';
import {
  labelOf,
  nodeStages,
  nodeStatusNames,
  ownerDutyNames,
  roleNames,
  stageNames,
  type NodeStatus,
  type Stage,
} from '../domain/vocabulary';
import type { Answer } from '../http/answers';
import type { Assignable } from '../queries/nodes';
import { Card, EmptyRow, Msg, NameOptions } from './components';

type Owner = Answer<'Owner'>;
type PlanNode = Answer<'Node'>;

/** The tag class of a node's state: 已完成 green, 滞后 red, 临期 amber, 未到期 plain. */
const statusClass: Record<NodeStatus, string> = { done: 'good', overdue: 'bad', due: 'pending', open: '' };

export const OwnersCard: FC<{
  projectId: number;
  owners: Owner[];
  people: Assignable[];
  staff: boolean;
  today: string;
}> = ({ projectId, owners, people, staff, today }) => {
  const current = owners.filter((o) => o.to === null);
  const former = owners.filter((o) => o.to !== null);
  return (
    <Card title="对接人 · 包挂领导 · 专班">
      <div class="scroll">
        <table id="owners">
          <thead>
            <tr>
              <th>职责</th>
              <th>姓名 · 起始日期</th>
              {staff ? <th>卸任</th> : null}
            </tr>
          </thead>
          <tbody>
            {current.length === 0 ? <EmptyRow columns={staff ? 3 : 2} text="暂无对接人（无人对接）" /> : null}
            {current.map((o) => (
              <tr>
                <td>{ownerDutyNames[o.duty]}</td>
                <td>
                  {o.name}
                  <br />
                  <span class="muted">自 {o.from}</span>
                </td>
                {staff ? (
                  <td>
                    {/* Folded, so the table fits a phone: the date and button open under 卸任… */}
                    <details class="owner-end">
                      <summary>卸任…</summary>
                      <form
                        data-api={`/api/projects/${projectId}/owners/${o.id}`}
                        data-method="DELETE"
                        data-reload
                        data-ok="已卸任"
                        id={`owner-end-${o.id}`}
                      >
                        <label>
                          卸任日期
                          <input type="date" name="to" value={today} min={o.from} style="max-width:8.5em" />
                        </label>
                        <button class="bad" type="submit">
                          确认卸任
                        </button>
                        <Msg />
                      </form>
                    </details>
                  </td>
                ) : null}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {former.length ? (
        <details style="margin-top:8px">
          <summary>历任（{former.length}）</summary>
          <ul class="timeline">
            {former.map((o) => (
              <li class="old-owner">
                {ownerDutyNames[o.duty]} {o.name}：{o.from} 至 {o.to}
              </li>
            ))}
          </ul>
        </details>
      ) : null}
      {staff ? (
        <form
          class="inline"
          data-api={`/api/projects/${projectId}/owners`}
          data-reload
          data-ok="已安排"
          id="owner-form"
          style="margin-top:10px"
        >
          <label>
            人员
            <select name="userId" data-type="int" required>
              <option value="">请选择</option>
              {people.map((u) => (
                <option value={String(u.id)}>
                  {u.name}（{labelOf(roleNames, u.role)}）
                </option>
              ))}
            </select>
          </label>
          <label>
            职责
            <select name="duty">
              <NameOptions names={ownerDutyNames} />
            </select>
          </label>
          <label>
            起始日期
            <input type="date" name="from" value={today} />
          </label>
          <button class="primary" type="submit">
            安排
          </button>
          <Msg />
        </form>
      ) : null}
      {staff ? <p class="muted">新安排的对接人接替现任对接人（同一天卸任），历任记录保留。</p> : null}
    </Card>
  );
};

/** Where a date falls on the plan's span, in percent. */
const place = (from: string, span: number, d: string) => `${((daysBetween(from, d) / span) * 100).toFixed(2)}%`;

/** The days an actual date lies after (positive) or before the plan, in words. */
function lateness(n: PlanNode): string {
  if (!n.actual) return '';
  const d = daysBetween(n.planned, n.actual);
  return d > 0 ? `（晚 ${d} 天）` : d < 0 ? `（提前 ${-d} 天）` : '（按期）';
}

export const NodePlanCard: FC<{
  projectId: number;
  nodes: PlanNode[];
  templates: { id: number; name: string }[];
  signedOn: string | null;
  /** The stages reached on a later stage's date, not entered (SPEC §4): their nodes' 完成 says so. */
  implied?: Partial<Record<Stage, Stage>>;
  writes: boolean;
  today: string;
  // eslint-disable-next-line max-lines-per-function -- not split yet (issue 17): the node table and its forms are the parts
}> = ({ projectId, nodes, templates, signedOn, implied = {}, writes, today }) => {
  const dates = [today, ...nodes.flatMap((n) => [n.planned, n.baseline, ...(n.actual ? [n.actual] : [])])].sort();
  const first = dates[0]!;
  const span = Math.max(1, daysBetween(first, dates.at(-1)!));
  const counts = { done: 0, overdue: 0, due: 0, open: 0 } as Record<NodeStatus, number>;
  for (const n of nodes) counts[n.status]++;
  return (
    <Card title="推进节点计划">
      {nodes.length ? (
        <p class="muted" id="node-summary">
          {(Object.keys(counts) as NodeStatus[]).map((s) => `${nodeStatusNames[s]} ${counts[s]}`).join(' · ')}
          {' · '}今天 {today}
        </p>
      ) : null}
      <ol class="nodes" id="nodes">
        {nodes.length === 0 ? <li class="muted">暂无推进节点{signedOn ? '' : '（项目签约后可应用模板）'}</li> : null}
        {nodes.map((n) => (
          <li class={`node ${n.status}`}>
            <div class="node-head">
              <b>{n.name}</b> <span class="tag">{n.stage ? `阶段 · ${stageNames[n.stage]}` : '任务'}</span>{' '}
              <span class={`tag ${statusClass[n.status]}`}>{nodeStatusNames[n.status]}</span>
              {n.replanned ? (
                <>
                  {' '}
                  <span class="tag replanned" title={`基准 ${n.baseline}，现计划 ${n.planned}`}>
                    调整过计划
                  </span>
                </>
              ) : null}
              {n.onTime ? <span class="muted"> · 按期完成</span> : null}
            </div>
            <div class="node-dates">
              <span>基准 {n.baseline}</span>
              <span>计划 {n.planned}</span>
              <span>
                完成 {n.actual ?? '—'}
                {n.actual && n.stage && implied[n.stage as Stage] ? (
                  <span class="muted implied">（由{stageNames[implied[n.stage as Stage]!]}推定）</span>
                ) : null}
                {lateness(n)}
              </span>
            </div>
            <div class="track" aria-hidden="true">
              <i class="mk today" style={`left:${place(first, span, today)}`}></i>
              <i class="mk baseline" style={`left:${place(first, span, n.baseline)}`}></i>
              <i class="mk planned" style={`left:${place(first, span, n.planned)}`}></i>
              {n.actual ? <i class="mk actual" style={`left:${place(first, span, n.actual)}`}></i> : null}
            </div>
            {n.note ? <div class="muted">备注：{n.note}</div> : null}
            {writes ? (
              <details>
                <summary>调整</summary>
                <form
                  class="inline"
                  data-api={`/api/nodes/${n.id}`}
                  data-method="PATCH"
                  data-reload
                  data-ok="已保存节点"
                  id={`node-form-${n.id}`}
                >
                  <label>
                    计划日期
                    <input type="date" name="planned" value={n.planned} />
                  </label>
                  {n.stage ? null : (
                    <label>
                      完成日期
                      <input type="date" name="actual" value={n.actual ?? ''} max={today} />
                    </label>
                  )}
                  <label>
                    备注
                    <input name="note" value={n.note ?? ''} maxlength={500} />
                  </label>
                  <button class="primary" type="submit">
                    保存
                  </button>
                  <Msg />
                </form>
                {n.stage ? (
                  <p class="muted">阶段节点的完成日期取自项目进展（记录「{stageNames[n.stage]}」即可）。</p>
                ) : null}
              </details>
            ) : null}
          </li>
        ))}
      </ol>
      {nodes.length ? (
        <p class="muted legend">
          <i class="mk baseline"></i> 基准 <i class="mk planned"></i> 计划 <i class="mk actual"></i> 完成{' '}
          <i class="mk today"></i> 今天
        </p>
      ) : null}
      {writes && signedOn && templates.length && !nodes.some((n) => n.templateId !== null) ? (
        <form
          class="inline"
          data-api={`/api/projects/${projectId}/nodes`}
          data-reload
          data-ok="已应用模板"
          id="template-form"
          style="margin-top:10px"
        >
          <label>
            节点模板（按签约日期 {signedOn} 推算）
            <select name="templateId" data-type="int" required>
              {templates.map((t) => (
                <option value={String(t.id)}>{t.name}</option>
              ))}
            </select>
          </label>
          <button class="primary" type="submit">
            应用模板
          </button>
          <Msg />
        </form>
      ) : null}
      {writes ? (
        <form
          class="inline"
          data-api={`/api/projects/${projectId}/nodes`}
          data-reload
          data-ok="已追加节点"
          id="node-add-form"
          style="margin-top:10px"
        >
          <label>
            节点名称
            <input name="name" maxlength={100} required />
          </label>
          <label>
            类型
            <select name="stage">
              <option value="">任务节点</option>
              {nodeStages.map((s) => (
                <option value={s}>阶段 · {stageNames[s]}</option>
              ))}
            </select>
          </label>
          <label>
            计划日期
            <input type="date" name="planned" required />
          </label>
          <button class="primary" type="submit">
            追加节点
          </button>
          <Msg />
        </form>
      ) : null}
    </Card>
  );
};

// 我的工作 (SPEC §9): the projects the visitor answers for now — duty, stage, the next node and how late the plan
// runs — and the 企业诉求 assigned to it that are not closed, the overdue first by due date. A list, not a wide
// table: a 对接人 reads it on a phone.
import type { FC } from 'hono/jsx';
import {
  labelOf,
  nodeStatusNames,
  ownerDutyNames,
  requestCategoryNames,
  requestStatusNames,
  stageNames,
  statusNames,
} from '../../domain/vocabulary';
import type { MyWorkData } from '../data';

const nodeTag = { done: 'good', overdue: 'bad', due: 'pending', open: '' } as const;

function dueWords(daysLeft: number, overdue: boolean): string {
  if (overdue) return `超期 ${-daysLeft} 天`;
  if (daysLeft === 0) return '今天到期';
  return daysLeft > 0 ? `剩 ${daysLeft} 天` : `期限已过 ${-daysLeft} 天`;
}

export const MyWorkPage: FC<MyWorkData & { name: string }> = ({ projects, requests, asOf, horizonDays, name }) => {
  const overdueRequests = requests.filter((r) => r.overdue).length;
  const lateProjects = projects.filter((p) => p.nodesOverdue > 0).length;
  return (
    <>
      <h1>我的工作</h1>
      <p class="muted">
        {name} · 截至 {asOf}：对接项目 {projects.length} 个（节点滞后 {lateProjects} 个）· 待办诉求 {requests.length}{' '}
        件（超期 {overdueRequests} 件）· 临期为 {horizonDays} 天内
      </p>
      <section class="card" style="margin-top:12px">
        <h2>我对接的项目</h2>
        <ul class="work" id="my-projects">
          {projects.length === 0 ? <li class="muted">暂无：平台工作人员可在项目页安排对接人</li> : null}
          {projects.map((p) => (
            <li>
              <div>
                <a href={`/projects/${p.projectId}`}>
                  <b>{p.name}</b>
                </a>{' '}
                <span class="tag">{ownerDutyNames[p.duty]}</span>{' '}
                <span class={`tag ${p.stage}`}>{labelOf(stageNames, p.stage)}</span>
                {p.status !== 'confirmed' ? (
                  <span class={`tag ${p.status}`}> {labelOf(statusNames, p.status)}</span>
                ) : null}
              </div>
              <div class="muted">
                自 {p.from} ·{' '}
                {p.nextNode ? (
                  <>
                    下一节点：{p.nextNode.name} {p.nextNode.planned}{' '}
                    <span class={`tag ${nodeTag[p.nextNode.status]}`}>{nodeStatusNames[p.nextNode.status]}</span>
                  </>
                ) : (
                  '暂无待办节点'
                )}
                {p.nodesOverdue > 0 ? <span class="tag bad"> 滞后节点 {p.nodesOverdue}</span> : null}
              </div>
            </li>
          ))}
        </ul>
      </section>
      <section class="card" style="margin-top:12px">
        <h2>分派给我的企业诉求</h2>
        <ul class="work" id="my-requests">
          {requests.length === 0 ? <li class="muted">暂无待办诉求</li> : null}
          {requests.map((r) => (
            <li class={r.overdue ? 'late' : ''}>
              <div>
                <b>{r.description}</b> <span class="tag">{requestCategoryNames[r.category]}</span>{' '}
                <span class="tag">{requestStatusNames[r.status]}</span>{' '}
                {r.status === 'resolved' ? null : (
                  <span class={`tag ${r.overdue ? 'bad' : r.daysLeft <= horizonDays ? 'pending' : ''}`}>
                    {dueWords(r.daysLeft, r.overdue)}
                  </span>
                )}
              </div>
              <div class="muted">
                {r.projectId ? <a href={`/projects/${r.projectId}`}>{r.projectName}</a> : (r.companyName ?? '—')} ·{' '}
                {r.unitName} · 提出 {r.raisedOn} · 期限 {r.dueOn}
                {r.resolvedOn ? ` · 办结 ${r.resolvedOn}（待回访）` : ''}
              </div>
            </li>
          ))}
        </ul>
      </section>
    </>
  );
};

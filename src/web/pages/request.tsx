// 诉求详情: the facts, the history (each state entered, when, by whom, with the resolution text or the rating), the
// evidence files, and staff's next steps — 受理, 办结 with its result, 回访 with a rating, 重新打开 — each sending the
// version the page was drawn from, so a request changed meanwhile is refused, not overwritten.
import type { FC } from 'hono/jsx';
import {
  labelOf,
  requestCategoryNames,
  requestRatingNames,
  requestStatusNames,
  type RequestStatus,
  type Role,
} from '../../domain/vocabulary';
import { requestTransitions, transitionNames } from '../../domain/requests';
import { Card, Msg, NameOptions } from '../components';
import { Evidence } from '../evidence';
import type { RequestPageData } from '../request-data';
import { RequestState } from '../request-parts';

/** One step's form: its date, and what the step needs (a result for 办结, a rating for 回访, a reason to reopen). */
const StepForm: FC<{ id: number; version: number; to: RequestStatus; today: string; lastOn: string }> = ({
  id,
  version,
  to,
  today,
  lastOn,
}) => (
  <form
    class="inline step"
    id={`step-${to}`}
    data-api={`/api/requests/${id}/transitions`}
    data-if-match={String(version)}
    data-reload
    data-ok={`已${transitionNames[to]}`}
    style="margin-top:8px"
  >
    <input type="hidden" name="to" value={to} />
    <label>
      {transitionNames[to]}日期
      <input type="date" name="on" value={today} min={lastOn} max={today} required />
    </label>
    {to === 'resolved' ? (
      <label style="flex:1 1 260px">
        办理结果 *<textarea name="text" rows={2} maxlength={2000} required></textarea>
      </label>
    ) : to === 'closed' ? (
      <>
        <label>
          满意度 *
          <select name="rating" required>
            <NameOptions names={requestRatingNames} />
          </select>
        </label>
        <label style="flex:1 1 200px">
          回访情况
          <input name="text" maxlength={2000} />
        </label>
      </>
    ) : (
      <label style="flex:1 1 200px">
        {to === 'open' ? '重新打开的原因' : '说明'}
        <input name="text" maxlength={2000} />
      </label>
    )}
    <button class={to === 'open' ? 'bad' : 'primary'} type="submit">
      {transitionNames[to]}
    </button>
    <Msg />
  </form>
);

export const RequestPage: FC<RequestPageData & { visitor: { id: number; role: Role } }> = ({
  request: r,
  files,
  today,
  visitor,
}) => {
  const staff = visitor.role === 'admin' || visitor.role === 'staff';
  const lastOn = r.history.at(-1)?.on ?? r.raisedOn;
  return (
    <>
      <p>
        <a href="/requests">← 企业诉求</a>
      </p>
      <h1>
        诉求 #{r.id} {labelOf(requestCategoryNames, r.category)} <RequestState r={r} />
      </h1>
      <section class="grid two">
        <div class="card">
          <h2>诉求</h2>
          <p style="white-space:pre-wrap;margin-top:0" id="request-description">
            {r.description}
          </p>
          <table>
            <tbody>
              <tr>
                <td>项目</td>
                <td>{r.projectId ? <a href={`/projects/${r.projectId}`}>{r.projectName}</a> : '—'}</td>
              </tr>
              <tr>
                <td>企业</td>
                <td>{r.companyName ?? '—'}</td>
              </tr>
              <tr>
                <td>责任单位</td>
                <td>{r.unitName}</td>
              </tr>
              <tr>
                <td>承办人</td>
                <td>{r.assigneeName ?? '—'}</td>
              </tr>
              <tr>
                <td>提出日期</td>
                <td>{r.raisedOn}</td>
              </tr>
              <tr>
                <td>办结时限</td>
                <td class={r.overdue ? 'behind' : ''}>
                  {r.dueOn}
                  {r.overdue ? '（已超期）' : ''}
                </td>
              </tr>
              <tr>
                <td>办结</td>
                <td>{r.resolvedOn ? `${r.resolvedOn}：${r.resolution ?? ''}` : '—'}</td>
              </tr>
              <tr>
                <td>回访</td>
                <td>{r.closedOn ? `${r.closedOn}：${labelOf(requestRatingNames, r.rating ?? '')}` : '—'}</td>
              </tr>
            </tbody>
          </table>
        </div>
        <div class="card">
          <h2>办理记录</h2>
          <ul class="timeline" id="request-history">
            {r.history.map((e) => (
              <li>
                {e.on} {e.status !== 'open' ? requestStatusNames[e.status] : e === r.history[0] ? '提出' : '重新打开'}
                {e.rating ? `（${labelOf(requestRatingNames, e.rating)}）` : ''}
                {e.text ? ` · ${e.text}` : ''}
                <span class="muted"> · 记录于 {e.recordedAt.slice(0, 10)}</span>
              </li>
            ))}
          </ul>
          {staff ? (
            <div id="request-steps" style="margin-top:10px">
              {requestTransitions[r.status].map((to) => (
                <StepForm id={r.id} version={r.version} to={to} today={today} lastOn={lastOn} />
              ))}
            </div>
          ) : null}
        </div>
      </section>
      <Card title="佐证材料">
        <Evidence subject={`request:${r.id}`} files={files} visitor={visitor} pending={r.status === 'open'} />
      </Card>
    </>
  );
};

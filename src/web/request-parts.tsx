// 企业诉求 pieces more than one page shows: a request's state and 超期 mark, a table of requests (the /requests list and
// the project page's card), and the staff's settings card on /records.
import type { FC } from 'hono/jsx';
import {
  labelOf,
  requestCategories,
  requestCategoryNames,
  requestStatusNames,
  type RequestStatus,
} from '../domain/vocabulary';
import type { RequestItem } from '../queries/requests';
import type { Settings } from '../queries/settings';
import { REQUEST_DAYS } from '../domain/requests';
import { Card, EmptyRow, Msg } from './components';

const statusTags: Record<RequestStatus, string> = {
  open: 'pending',
  accepted: 'accepted',
  resolved: 'confirmed',
  closed: 'approved',
};

/** The state in force, and 超期 beside it when the request is overdue. */
export const RequestState: FC<{ r: Pick<RequestItem, 'status' | 'overdue'> }> = ({ r }) => (
  <>
    <span class={`tag ${statusTags[r.status]}`}>{requestStatusNames[r.status]}</span>
    {r.overdue ? <span class="tag bad overdue"> 超期</span> : null}
  </>
);

/** What a request is about: its project (linked) and company, or the company alone. */
const Subject: FC<{ r: RequestItem }> = ({ r }) =>
  r.projectId ? (
    <>
      <a href={`/projects/${r.projectId}`}>{r.projectName}</a>
      {r.companyName ? <span class="muted">（{r.companyName}）</span> : null}
    </>
  ) : (
    <>{r.companyName ?? '—'}</>
  );

/** Requests as a table (cards on a phone); `project` leaves out the project column (the project page's card). */
export const RequestTable: FC<{ items: RequestItem[]; project?: boolean }> = ({ items, project }) => (
  <div class="scroll">
    <table class="cards requests">
      <thead>
        <tr>
          <th>编号</th>
          <th>提出日期</th>
          <th>类别</th>
          <th>诉求内容</th>
          {project ? null : <th>项目 / 企业</th>}
          <th>责任单位</th>
          <th>承办人</th>
          <th>办结时限</th>
          <th>状态</th>
        </tr>
      </thead>
      <tbody>
        {items.length === 0 ? <EmptyRow columns={project ? 8 : 9} text="暂无诉求" /> : null}
        {items.map((r) => (
          <tr class={r.overdue ? 'request overdue' : 'request'} data-id={String(r.id)}>
            <td data-label="编号">
              <a href={`/requests/${r.id}`}>#{r.id}</a>
            </td>
            <td data-label="提出日期">{r.raisedOn}</td>
            <td data-label="类别">{labelOf(requestCategoryNames, r.category)}</td>
            <td data-label="诉求内容" class="text">
              <a href={`/requests/${r.id}`}>
                {r.description.length > 60 ? `${r.description.slice(0, 60)}…` : r.description}
              </a>
            </td>
            {project ? null : (
              <td data-label="项目 / 企业">
                <Subject r={r} />
              </td>
            )}
            <td data-label="责任单位">{r.unitName}</td>
            <td data-label="承办人">{r.assigneeName ?? '—'}</td>
            <td data-label="办结时限" class={r.overdue ? 'behind' : ''}>
              {r.dueOn}
            </td>
            <td data-label="状态">
              <RequestState r={r} />
              {r.resolvedOn ? <span class="muted"> {r.resolvedOn} 办结</span> : null}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  </div>
);

/** The project page's 企业诉求 card: its requests and, for whoever may, the link that raises one. */
export const ProjectRequests: FC<{ projectId: number; items: RequestItem[]; raises: boolean }> = ({
  projectId,
  items,
  raises,
}) => (
  <Card
    title={
      <>
        企业诉求（{items.length}）
        {raises ? (
          <>
            {' '}
            <a href={`/requests/new?projectId=${projectId}`} id="raise-request" style="font-size:14px;font-weight:400">
              + 提出诉求
            </a>
          </>
        ) : null}
      </>
    }
  >
    <div id="project-requests">
      <RequestTable items={items} project />
    </div>
  </Card>
);

/** Staff's settings card: each category's days from raised to due, and the 通报's 发文单位. */
export const SettingsCard: FC<{ settings: Settings }> = ({ settings }) => (
  <Card title="平台设置">
    <form id="settings-form" data-api="/api/settings" data-method="PUT" data-reload data-ok="已保存设置">
      <p class="muted" style="margin:0 0 8px">
        诉求从提出到办结时限的天数（{REQUEST_DAYS.min}–{REQUEST_DAYS.max} 天，未设置为 15
        天）；提出诉求时未填办结时限的，按此计算。
      </p>
      <div class="form-grid">
        {requestCategories.map((c) => (
          <label>
            {requestCategoryNames[c]}（天）
            <input
              name={`requestDays.${c}`}
              data-type="int"
              type="number"
              min={REQUEST_DAYS.min}
              max={REQUEST_DAYS.max}
              step={1}
              value={String(settings.requestDays[c])}
              inputmode="numeric"
            />
          </label>
        ))}
        <label>
          通报发文单位
          <input
            name="bulletinIssuer"
            maxlength={100}
            value={settings.bulletinIssuer ?? ''}
            placeholder="如 某区投资促进局"
          />
        </label>
      </div>
      <Msg />
      <button class="primary" type="submit" style="margin-top:8px">
        保存设置
      </button>
    </form>
  </Card>
);

// 提出诉求: a request about a project (a manager: only its funds' projects) or, for staff, a company alone; the
// responsible unit defaults to the project's landing unit; the due date, left empty, is the category's days.
import type { FC } from 'hono/jsx';
import { requestCategories, requestCategoryNames } from '../../domain/vocabulary';
import { Msg } from '../components';
import type { RequestFormData } from '../request-data';

export const RequestForm: FC<RequestFormData> = ({
  projects,
  projectId,
  units,
  handlers,
  companies,
  settings,
  today,
  staff,
}) => {
  const chosen = projects.find((p) => p.id === projectId);
  const days = requestCategories.map((c) => `${requestCategoryNames[c]} ${settings.requestDays[c]} 天`).join('、');
  return (
    <>
      {chosen ? (
        <p>
          <a href={`/projects/${chosen.id}`}>← {chosen.name}</a>
        </p>
      ) : null}
      <h1>提出企业诉求</h1>
      <p class="muted">
        {staff
          ? '诉求可涉及一个项目，或（无项目时）一家企业。'
          : '基金管理人可为本基金的项目提出诉求，由平台工作人员受理、办结并回访。'}
      </p>
      <form class="card" id="request-form" data-api="/api/requests" data-then="/requests/:id" data-ok="已提出">
        <div class="form-grid">
          <label>
            项目{staff ? '' : ' *'}
            <select name="projectId" data-type="int" required={!staff}>
              {staff || !chosen ? <option value="">{staff ? '（无，仅涉及企业）' : '请选择'}</option> : null}
              {projects.map((p) => (
                <option value={String(p.id)} selected={p.id === projectId}>
                  {p.name}
                  {p.companyName ? `（${p.companyName}）` : ''}
                </option>
              ))}
            </select>
          </label>
          {staff ? (
            <label>
              企业（无项目时选择）
              <select name="companyId" data-type="int">
                <option value="">（有项目时不选）</option>
                {companies.map((co) => (
                  <option value={String(co.id)}>
                    {co.name}
                    {co.creditCode ? `（${co.creditCode}）` : ''}
                  </option>
                ))}
              </select>
            </label>
          ) : null}
          <label>
            类别 *
            <select name="category" required>
              {requestCategories.map((c) => (
                <option value={c}>{requestCategoryNames[c]}</option>
              ))}
            </select>
          </label>
          <label>
            责任单位 *
            <select name="unitId" data-type="int" required>
              <option value="">请选择</option>
              {units.map((u) => (
                <option value={String(u.id)} selected={u.id === chosen?.landingUnitId}>
                  {u.name}
                </option>
              ))}
            </select>
          </label>
          {staff ? (
            <label>
              承办人
              <select name="assigneeId" data-type="int">
                <option value="">（暂不指定）</option>
                {handlers.map((u) => (
                  <option value={String(u.id)}>{u.name}</option>
                ))}
              </select>
            </label>
          ) : null}
          <label>
            提出日期 *
            <input type="date" name="raisedOn" value={today} max={today} required />
          </label>
          <label>
            办结时限
            <input type="date" name="dueOn" />
          </label>
        </div>
        <p class="muted" style="font-size:12px">
          办结时限留空时，按类别自提出日期起计：{days}。
        </p>
        <label>
          诉求内容 *
          <textarea
            name="description"
            rows={4}
            maxlength={2000}
            required
            placeholder="如：项目二期用地指标尚未落实，请协调"
          ></textarea>
        </label>
        <Msg />
        <button class="primary" type="submit" style="margin-top:10px">
          提出诉求
        </button>
      </form>
    </>
  );
};

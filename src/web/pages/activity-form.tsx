// 登记招商活动: the quick form, made to be filled on a phone in under a minute — the kind as big buttons, today's
// date, the visitor's usual unit, 目的地 only for 走出去, companies one a line, people picked or typed.
import type { FC } from 'hono/jsx';
import { activityKindNames, activityKinds, type ActivityLink } from '../../domain/vocabulary';
import { FundOptions, Msg } from '../components';
import type { ActivityFormData } from '../activity-data';

const NamedOptions: FC<{ people: { id: number; name: string }[] }> = ({ people }) => (
  <>
    {people.map((p) => (
      <option value={String(p.id)}>{p.name}</option>
    ))}
  </>
);

/** Projects to link, chosen by name: each chosen one goes into `projects` with this link. */
const ProjectPicker: FC<{ label: string; link: ActivityLink; projects: { id: number; name: string }[] }> = ({
  label,
  link,
  projects,
}) => (
  <label>
    {label}
    <select
      name="projects"
      data-type="ints"
      data-wrap="projectId"
      data-extra={JSON.stringify({ link })}
      multiple
      size={4}
    >
      <NamedOptions people={projects} />
    </select>
  </label>
);

export const ActivityForm: FC<ActivityFormData & { manager: boolean; today: string; fundIds: number[] }> = ({
  units,
  funds,
  users,
  projects,
  unitId,
  manager,
  today,
  fundIds,
}) => (
  <>
    <h1>登记招商活动</h1>
    <form
      class="card quick"
      id="activity-form"
      data-api="/api/activities"
      data-then="/activities#a:id"
      data-ok="已登记"
    >
      <fieldset class="kinds">
        <legend>活动类型 *</legend>
        {activityKinds.map((k) => (
          <label>
            <input type="radio" name="kind" value={k} required />
            {activityKindNames[k]}
          </label>
        ))}
      </fieldset>
      <div class="pair">
        <label>
          开始日期 *
          <input name="startedOn" type="date" value={today} required />
        </label>
        <label>
          结束日期
          <input name="endedOn" type="date" />
        </label>
      </div>
      <label class="dest">
        目的地 *
        <input name="destination" maxlength={100} placeholder="如 深圳、上海张江" />
      </label>
      <label class="check">
        <input type="checkbox" name="topLed" /> 主要负责人带队
      </label>
      <label>
        单位 *
        <select name="unitId" data-type="int" required>
          <option value="">请选择</option>
          {units.map((u) => (
            <option value={String(u.id)} selected={u.id === unitId}>
              {u.name}
            </option>
          ))}
        </select>
      </label>
      <label>
        基金{manager ? ' *' : ''}
        <select name="fundId" data-type="int" required={manager}>
          {manager ? null : <option value="">（不属某只基金）</option>}
          <FundOptions funds={funds} selected={manager ? fundIds[0] : undefined} />
        </select>
      </label>
      <label>
        对接企业（每行一家）
        <textarea
          name="companies"
          data-type="lines"
          data-wrap="name"
          rows={3}
          placeholder="如&#10;深圳云帆机器人有限公司"
        ></textarea>
      </label>
      <label>
        参与人员（可多选）
        <select name="participantIds" data-type="ints" multiple size={4}>
          <NamedOptions people={users} />
        </select>
      </label>
      <label>
        其他参与人员（无账号者，每行一人或以、分隔）
        <textarea name="participantNames" data-type="lines" rows={2} placeholder="如 区招商局 李明"></textarea>
      </label>
      <ProjectPicker label="促成的项目线索（可多选）" link="produced" projects={projects} />
      <ProjectPicker label="推进的项目（可多选）" link="advanced" projects={projects} />
      <label>
        备注
        <textarea name="note" rows={2} maxlength={1000}></textarea>
      </label>
      <Msg />
      <button class="primary big" type="submit">
        保存
      </button>
      <a href="/activities" style="margin-left:12px">
        查看活动列表
      </a>
    </form>
  </>
);

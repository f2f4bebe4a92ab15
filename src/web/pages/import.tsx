// 导入: a sheet of projects (or of 推进节点, or of distributions and NAV reports) is checked row by row first (校验)
// and written only when every row is right.
import type { FC } from 'hono/jsx';

/**
 * A file form posting to `url` (the upload script in web/assets.ts), its progress, message and problem table;
 * with `confirm`, a checkbox that writes rows repeating an existing record (?confirmDuplicates=1).
 */
const Upload: FC<{ id: string; url: string; confirm?: boolean }> = ({ id, url, confirm }) => (
  <>
    <form id={`${id}-form`} class="inline" data-import={url}>
      <label>
        文件
        <input type="file" name="file" accept=".xlsx,.csv" required />
      </label>
      {confirm ? (
        <label>
          <input type="checkbox" name="confirmDuplicates" value="1" data-query />{' '}
          确认重复记录（与已有记录完全相同的行也写入）
        </label>
      ) : null}
      <button class="bad" type="submit" value="check">
        只校验
      </button>
      <button class="primary" type="submit" value="import">
        校验并导入
      </button>
    </form>
    <progress id={`${id}-progress`} max={100} value={0} style="width:100%;display:none"></progress>
    <div class="msg" id={`${id}-msg`} role="status"></div>
    <div class="scroll">
      <table id={`${id}-problems`} style="display:none">
        <thead>
          <tr>
            <th>行</th>
            <th>列</th>
            <th>原因</th>
          </tr>
        </thead>
        <tbody></tbody>
      </table>
    </div>
  </>
);

export const ImportPage: FC<{ manager: boolean }> = ({ manager }) => (
  <>
    <h1>从 Excel 导入项目</h1>
    <div class="card">
      <p>
        先下载 <a href="/api/imports/projects/template.xlsx">导入模板</a>，按“填写说明”填写后上传（.xlsx 或
        .csv）。所有行都校验通过才会写入； 有任何问题时一行也不写入，并逐行列出原因。
        {manager ? '导入的项目待平台认定。' : ''}
      </p>
      <Upload id="import" url="/api/imports/projects" />
    </div>
    <h2>导入推进节点计划</h2>
    <div class="card">
      <p>
        下载 <a href="/api/imports/nodes/template.xlsx">推进节点导入模板</a>，每行填
        项目编号、节点名称、阶段（任务节点留空）、
        计划日期，任务节点可填完成日期；节点追加在项目已有节点之后，计划日期即基准日期。所有行都校验通过才会写入。
        {manager ? '只能导入本基金的项目。' : ''}
      </p>
      <Upload id="nodes" url="/api/imports/nodes" />
    </div>
    <h2>导入招商活动</h2>
    <div class="card">
      <p>
        下载 <a href="/api/imports/activities/template.xlsx">招商活动导入模板</a>
        ，每行一次活动（参与人员、对接企业、项目以、分隔）后上传；所有行都校验通过才会写入。
        {manager ? '基金管理人须填本基金。' : ''}
      </p>
      <Upload id="activities" url="/api/imports/activities" />
    </div>
    {manager ? null : (
      <>
        <h2>导入基金分配与估值</h2>
        <div class="card">
          <p>
            管理人报送的分配与估值（净值 NAV）表：下载{' '}
            <a href="/api/imports/fund-flows/template.xlsx">分配与估值导入模板</a>，每行填
            基金、类型、日期、金额（元）后上传； 所有行都校验通过才会写入。已登记的记录可{' '}
            <a href="/api/exports/fund-flows.xlsx">导出</a>
            ，改后再导入：带“记录编号”的行修改原记录（未改的跳过），不会重复登记；
            没有记录编号而与已有记录完全相同（基金、类型、日期、金额）的行在校验时列出，须勾选“确认重复记录”才会写入。
          </p>
          <Upload id="fund-flows" url="/api/imports/fund-flows" confirm />
        </div>
      </>
    )}
  </>
);

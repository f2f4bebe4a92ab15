// 导入: a sheet of projects is checked row by row first (校验) and written only when every row is right.
import type { FC } from 'hono/jsx';

export const ImportPage: FC<{ manager: boolean }> = ({ manager }) => (
  <>
    <h1>从 Excel 导入项目</h1>
    <div class="card">
      <p>
        先下载 <a href="/api/imports/projects/template.xlsx">导入模板</a>，按“填写说明”填写后上传（.xlsx 或 .csv）。所有行都校验通过才会写入；
        有任何问题时一行也不写入，并逐行列出原因。{manager ? '导入的项目待平台认定。' : ''}
      </p>
      <form id="import-form" class="inline">
        <label>
          文件
          <input type="file" name="file" accept=".xlsx,.csv" required />
        </label>
        <button class="bad" type="submit" value="check">
          只校验
        </button>
        <button class="primary" type="submit" value="import">
          校验并导入
        </button>
      </form>
      <progress id="import-progress" max={100} value={0} style="width:100%;display:none"></progress>
      <div class="msg" id="import-msg" role="status"></div>
      <div class="scroll">
        <table id="import-problems" style="display:none">
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
    </div>
  </>
);

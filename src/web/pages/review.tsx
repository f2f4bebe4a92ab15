// 认定: pending arrivals (到资认定, with their 银行回单), projects and 返投 credits, each confirmed (认定) or sent back
// (退回) with a reason. On a phone each table reads as a list of cards.
import type { FC } from 'hono/jsx';
import { Card, EmptyRow, Msg, ReviewForms } from '../components';
import type { ReviewData } from '../data';
import { Evidence } from '../evidence';
import { wan } from '../format';
import { arrivalKindNames, categoryNames, labelOf, type Role } from '../../domain/vocabulary';

export const ReviewPage: FC<ReviewData & { visitor: { id: number; role: Role } }> = ({
  projects,
  arrivals,
  credits,
  funds,
  files,
  suspects,
  visitor,
}) => {
  const fundName = (id: number) => funds.find((f) => f.id === id)?.name ?? '—';
  const evidence = (subject: string) => <Evidence subject={subject} files={files} visitor={visitor} pending />;
  return (
    <>
      <h1>待认定</h1>
      <Card title={`到资认定（${arrivals.length}）`}>
        <p class="muted">基金管理人报送的到资认定后才计入到资；请先查看银行回单等佐证材料。</p>
        <div class="scroll">
          <table id="pending-arrivals" class="cards">
            <thead>
              <tr>
                <th>项目</th>
                <th>来源基金</th>
                <th class="num">金额（万元）</th>
                <th>到资日期</th>
                <th>类型</th>
                <th>报送人</th>
                <th>佐证材料</th>
                <th>认定</th>
              </tr>
            </thead>
            <tbody>
              {arrivals.map((a) => (
                <tr data-arrival={String(a.id)}>
                  <td data-label="项目">
                    <a href={`/projects/${a.projectId}`}>{a.projectName}</a>
                    {a.companyName ? <div class="muted">{a.companyName}</div> : null}
                  </td>
                  <td data-label="来源基金">{a.fundName ?? '—'}</td>
                  <td data-label="金额（万元）" class="num">
                    {wan(a.amount)}
                    {a.currency && a.currency !== 'CNY' ? `（${a.originalAmount} ${a.currency}）` : ''}
                  </td>
                  <td data-label="到资日期">{a.arrivedOn}</td>
                  <td data-label="类型">{labelOf(arrivalKindNames, a.kind)}</td>
                  <td data-label="报送人">
                    {a.enteredBy ?? '—'}
                    <div class="muted">{a.recordedAt.slice(0, 10)}</div>
                  </td>
                  <td data-label="佐证材料" style="white-space:normal;min-width:220px">
                    {evidence(`arrival:${a.id}`)}
                  </td>
                  <td data-label="认定">
                    <ReviewForms kind="arrivals" id={a.id} approve="confirm" version={a.version} />
                  </td>
                </tr>
              ))}
              {arrivals.length === 0 ? <EmptyRow columns={8} text="暂无待认定的到资" /> : null}
            </tbody>
          </table>
        </div>
      </Card>
      <Card title={`项目线索（${projects.length}）`}>
        <div class="scroll">
          <table id="pending-projects" class="cards">
            <thead>
              <tr>
                <th>项目</th>
                <th>来源基金</th>
                <th>企业</th>
                <th>报送日期</th>
                <th class="num">计划总投资（万元）</th>
                <th>佐证材料</th>
                <th>认定</th>
              </tr>
            </thead>
            <tbody>
              {projects.map((p) => (
                <tr>
                  <td data-label="项目">
                    <a href={`/projects/${p.id}`}>{p.name}</a>
                  </td>
                  <td data-label="来源基金">{p.sourceFundId ? fundName(p.sourceFundId) : '—'}</td>
                  <td data-label="企业">{p.company?.name ?? '—'}</td>
                  <td data-label="报送日期">{p.reportedOn}</td>
                  <td data-label="计划总投资（万元）" class="num">
                    {wan(p.plannedTotal)}
                  </td>
                  <td data-label="佐证材料" style="white-space:normal;min-width:220px">
                    {evidence(`project:${p.id}`)}
                  </td>
                  <td data-label="认定">
                    <ReviewForms kind="projects" id={p.id} approve="confirm" />
                  </td>
                </tr>
              ))}
              {projects.length === 0 ? <EmptyRow columns={7} text="暂无待认定的项目" /> : null}
            </tbody>
          </table>
        </div>
      </Card>
      <Card title={`返投认定申请（${credits.length}）`}>
        <div class="scroll">
          <table id="pending-credits" class="cards">
            <thead>
              <tr>
                <th>基金</th>
                <th>类别</th>
                <th>对象</th>
                <th>日期</th>
                <th class="num">金额（万元）</th>
                <th>依据</th>
                <th>佐证材料</th>
                <th>认定</th>
              </tr>
            </thead>
            <tbody>
              {credits.map((r) => (
                <tr>
                  <td data-label="基金">{fundName(r.fundId)}</td>
                  <td data-label="类别">{labelOf(categoryNames, r.category)}</td>
                  <td data-label="对象">
                    {r.companyId ? (
                      (r.companyName ?? '—')
                    ) : (
                      <a href={`/projects/${r.projectId}`}>{r.projectName ?? '—'}</a>
                    )}
                  </td>
                  <td data-label="日期">{r.on}</td>
                  <td data-label="金额（万元）" class="num">
                    {wan(r.amount)}
                  </td>
                  <td data-label="依据" style="white-space:normal">
                    {r.evidence ?? '—'}
                  </td>
                  <td data-label="佐证材料" style="white-space:normal;min-width:220px">
                    {evidence(`credit:${r.id}`)}
                  </td>
                  <td data-label="认定">
                    <ReviewForms kind="reinvestment-credits" id={r.id} approve="approve" />
                  </td>
                </tr>
              ))}
              {credits.length === 0 ? <EmptyRow columns={8} text="暂无待认定的返投申请" /> : null}
            </tbody>
          </table>
        </div>
      </Card>
      <Suspects groups={suspects} />
    </>
  );
};

/**
 * 疑似重复: companies whose names differ only by legal form (有限公司, （集团）…), spacing or punctuation. Staff merge one
 * into another: its projects, investments, credits, requests and activities move (audited; undone from the audit
 * log with POST /api/companies/:id/unmerge).
 */
const Suspects: FC<{ groups: ReviewData['suspects'] }> = ({ groups }) => (
  <Card title={`疑似重复企业（${groups.length} 组）`}>
    <p class="muted">
      名称仅差“有限公司”“（集团）”等组织形式、空格或标点的企业。确认为同一企业后，将一方并入另一方：其项目、投资、返投认定、诉求与活动记录一并转入，操作记入变更记录，可据以撤销。
    </p>
    <div class="scroll">
      <table id="suspects" class="cards">
        <thead>
          <tr>
            <th>组</th>
            <th>企业</th>
            <th>统一社会信用代码</th>
            <th class="num">项目</th>
            <th class="num">投资</th>
            <th class="num">返投</th>
            <th>合并</th>
          </tr>
        </thead>
        <tbody>
          {groups.flatMap((group, g) =>
            group.map((co) => (
              <tr data-company={String(co.id)}>
                <td data-label="组">{g + 1}</td>
                <td data-label="企业">{co.name}</td>
                <td data-label="统一社会信用代码">{co.creditCode ?? '—'}</td>
                <td data-label="项目" class="num">
                  {co.projects}
                </td>
                <td data-label="投资" class="num">
                  {co.investments}
                </td>
                <td data-label="返投" class="num">
                  {co.credits}
                </td>
                <td data-label="合并">
                  <form
                    class="inline"
                    data-api={`/api/companies/${co.id}/merge`}
                    data-if-match={String(co.version)}
                    data-confirm={`将“${co.name}”并入所选企业？其项目、投资与返投将转入该企业。`}
                    data-reload
                    data-ok="已合并"
                  >
                    <label>
                      并入
                      <select name="intoId" data-type="int" required>
                        {group
                          .filter((other) => other.id !== co.id)
                          .map((other) => (
                            <option value={String(other.id)}>{other.name}</option>
                          ))}
                      </select>
                    </label>
                    <button class="bad" type="submit">
                      合并
                    </button>
                    <Msg />
                  </form>
                </td>
              </tr>
            )),
          )}
          {groups.length === 0 ? <EmptyRow columns={7} text="暂无疑似重复的企业" /> : null}
        </tbody>
      </table>
    </div>
  </Card>
);

// 认定: pending arrivals (到资认定, with their 银行回单), projects and 返投 credits, each confirmed (认定) or sent back
// (退回) with a reason. On a phone each table reads as a list of cards.
import type { FC } from 'hono/jsx';
import { Card, EmptyRow, Msg, ReviewForms } from '../components';
import type { ReviewData } from '../data';
import type { ProjectItem } from '../data-types';
import { Evidence } from '../evidence';
import { wan } from '../format';
import { neighbourMedian, unitSlipWarning, versusPlannedTotal } from '../../domain/magnitude';
import { yuanToFen } from '../../domain/money';
import { arrivalKindNames, categoryNames, labelOf, type Role } from '../../domain/vocabulary';

const fenOf = (yuan: string | null | undefined) => (yuan == null ? null : BigInt(yuanToFen(yuan)));

/** 千倍之差 on the queue, as the import warns of it: staff see a likely 元/万元 slip before they 认定. */
const SlipWarning: FC<{ messages: (string | null)[] }> = ({ messages }) => {
  const shown = messages.filter((m): m is string => m !== null);
  return shown.length ? (
    <div class="slip-warning" role="note">
      {shown.map((m) => (
        <div>⚠ {m}</div>
      ))}
    </div>
  ) : null;
};

/** A lead's planned total against the other leads in the queue, its fixed-asset investment against its total. */
const leadWarnings = (projects: ProjectItem[]) => {
  const totals = projects.map((p) => fenOf(p.plannedTotal));
  return projects.map((p, i) => {
    const total = totals[i] ?? null;
    if (total === null) return [];
    const fixed = fenOf(p.plannedFixedAsset);
    return [
      unitSlipWarning('计划总投资', total, neighbourMedian(totals, i), (m) => `队列中相邻线索（中位数 ${m}）`),
      fixed === null ? null : unitSlipWarning('计划固定资产投资', fixed, total, versusPlannedTotal),
    ];
  });
};

export const ReviewPage: FC<ReviewData & { visitor: { id: number; role: Role } }> = ({
  projects,
  arrivals,
  credits,
  funds,
  files,
  suspects,
  merged,
  visitor,
  // eslint-disable-next-line max-lines-per-function -- not split yet (issue 17): one section per queue (leads, arrivals, credits, companies) are the parts
}) => {
  const leadSlips = leadWarnings(projects);
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
                    <SlipWarning
                      messages={[
                        unitSlipWarning('到资', BigInt(yuanToFen(a.amount)), fenOf(a.plannedTotal), versusPlannedTotal),
                      ]}
                    />
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
              {projects.map((p, i) => (
                <tr data-project={String(p.id)}>
                  <td data-label="项目">
                    <a href={`/projects/${p.id}`}>{p.name}</a>
                  </td>
                  <td data-label="来源基金">{p.sourceFundId ? fundName(p.sourceFundId) : '—'}</td>
                  <td data-label="企业">{p.company?.name ?? '—'}</td>
                  <td data-label="报送日期">{p.reportedOn}</td>
                  <td data-label="计划总投资（万元）" class="num">
                    {wan(p.plannedTotal)}
                    <SlipWarning messages={leadSlips[i] ?? []} />
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
      <Merged companies={merged} />
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

/** 已合并的企业: each merge can be undone (撤销合并), after a confirm; the audit log says which records move back. */
const Merged: FC<{ companies: ReviewData['merged'] }> = ({ companies }) => (
  <Card title={`已合并的企业（${companies.length}）`}>
    <p class="muted">
      撤销合并：合并时转入的项目、投资、返投认定、诉求与活动记录（按变更记录，仍在并入企业名下的）转回原企业，原企业恢复为独立企业。
    </p>
    <div class="scroll">
      <table id="merged" class="cards">
        <thead>
          <tr>
            <th>企业</th>
            <th>统一社会信用代码</th>
            <th>并入</th>
            <th>合并时间</th>
            <th>撤销</th>
          </tr>
        </thead>
        <tbody>
          {companies.map((co) => (
            <tr data-merged={String(co.id)}>
              <td data-label="企业">{co.name}</td>
              <td data-label="统一社会信用代码">{co.creditCode ?? '—'}</td>
              <td data-label="并入">{co.intoName ?? '—'}</td>
              <td data-label="合并时间">{co.mergedAt?.slice(0, 16).replace('T', ' ') ?? '—'}</td>
              <td data-label="撤销">
                <form
                  class="inline"
                  data-api={`/api/companies/${co.id}/unmerge`}
                  data-confirm={`撤销“${co.name}”并入“${co.intoName ?? '—'}”的合并？合并时转入的记录将转回“${co.name}”。`}
                  data-reload
                  data-ok="已撤销合并"
                >
                  <button class="primary" type="submit">
                    撤销合并
                  </button>
                  <Msg />
                </form>
              </td>
            </tr>
          ))}
          {companies.length === 0 ? <EmptyRow columns={5} text="暂无已合并的企业" /> : null}
        </tbody>
      </table>
    </div>
  </Card>
);

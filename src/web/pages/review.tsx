// 认定: pending arrivals (到资认定, with their 银行回单), projects and 返投 credits, each confirmed (认定) or sent back
// (退回) with a reason. On a phone each table reads as a list of cards.
import type { FC } from 'hono/jsx';
import { Card, EmptyRow, ReviewForms } from '../components';
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
    </>
  );
};

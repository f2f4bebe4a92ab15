// 认定: pending projects and 返投 credits, each confirmed (认定) or sent back (退回) with a reason.
import type { FC } from 'hono/jsx';
import { Card, EmptyRow, ReviewForms } from '../components';
import type { ReviewData } from '../data';
import { wan } from '../format';
import { categoryNames, labelOf } from '../../domain/vocabulary';

export const ReviewPage: FC<ReviewData> = ({ projects, credits, funds }) => {
  const fundName = (id: number) => funds.find((f) => f.id === id)?.name ?? `#${id}`;
  return (
    <>
      <h1>待认定</h1>
      <section class="card">
        <h2>项目线索（{projects.length}）</h2>
        <div class="scroll">
          <table id="pending-projects">
            <thead>
              <tr>
                <th>项目</th>
                <th>来源基金</th>
                <th>企业</th>
                <th>报送日期</th>
                <th class="num">计划总投资（万元）</th>
                <th>认定</th>
              </tr>
            </thead>
            <tbody>
              {projects.map((p) => (
                <tr>
                  <td>
                    <a href={`/projects/${p.id}`}>{p.name}</a>
                  </td>
                  <td>{p.sourceFundId ? fundName(p.sourceFundId) : '—'}</td>
                  <td>{p.company?.name ?? '—'}</td>
                  <td>{p.reportedOn}</td>
                  <td class="num">{wan(p.plannedTotal)}</td>
                  <td>
                    <ReviewForms kind="projects" id={p.id} approve="confirm" />
                  </td>
                </tr>
              ))}
              {projects.length === 0 ? <EmptyRow columns={6} text="暂无待认定的项目" /> : null}
            </tbody>
          </table>
        </div>
      </section>
      <Card title={`返投认定申请（${credits.length}）`}>
        <div class="scroll">
          <table id="pending-credits">
            <thead>
              <tr>
                <th>基金</th>
                <th>类别</th>
                <th>对象</th>
                <th>日期</th>
                <th class="num">金额（万元）</th>
                <th>依据</th>
                <th>认定</th>
              </tr>
            </thead>
            <tbody>
              {credits.map((r) => (
                <tr>
                  <td>{fundName(r.fundId)}</td>
                  <td>{labelOf(categoryNames, r.category)}</td>
                  <td>
                    {r.companyId ? (
                      (r.companyName ?? '—')
                    ) : (
                      <a href={`/projects/${r.projectId}`}>{r.projectName ?? '—'}</a>
                    )}
                  </td>
                  <td>{r.on}</td>
                  <td class="num">{wan(r.amount)}</td>
                  <td style="white-space:normal">{r.evidence ?? '—'}</td>
                  <td>
                    <ReviewForms kind="reinvestment-credits" id={r.id} approve="approve" />
                  </td>
                </tr>
              ))}
              {credits.length === 0 ? <EmptyRow columns={7} text="暂无待认定的返投申请" /> : null}
            </tbody>
          </table>
        </div>
      </Card>
    </>
  );
};

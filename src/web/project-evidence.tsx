// The project page's 到资认定 and 佐证材料 (SPEC §9): each arrival's status in words (a pending one does not count
// yet, a rejected one says why), the totals that count and those that wait, and the files of the project, of each
// arrival and of each milestone with their upload forms.
import type { FC } from 'hono/jsx';
import { arrivalKindNames, labelOf, stageNames, type Role } from '../domain/vocabulary';
import type { NamedFile } from '../queries/files';
import { ReviewForms, sumYuan } from './components';
import type { Arrival, ProjectDetail } from './data-types';
import { Evidence } from './evidence';
import { wan } from './format';

/** What a pending arrival says wherever it is listed: it does not count until staff confirm it. */
export const pendingArrivalText = '待认定 — 认定后计入到资';

/** An arrival's 认定 in words; staff may confirm or send back a pending one here as on /review. */
export const ArrivalStatus: FC<{ arrival: Arrival; staff: boolean }> = ({ arrival: a, staff }) => {
  if (a.status === 'confirmed') return <span class="tag confirmed">已认定</span>;
  if (a.status === 'rejected')
    return (
      <span class="arrival-status">
        <span class="tag rejected">已退回</span> 原因：{a.statusReason ?? '—'}（不计入到资）
      </span>
    );
  return (
    <span class="arrival-status">
      <span class="tag pending">{pendingArrivalText}</span>
      {staff ? <ReviewForms kind="arrivals" id={a.id} approve="confirm" version={a.version} /> : null}
    </span>
  );
};

/** The arrivals' totals: what counts (confirmed) and, apart, what waits for 认定. */
export const ArrivalTotals: FC<{ arrivals: Arrival[] }> = ({ arrivals }) => {
  if (arrivals.length === 0) return null;
  const of = (status: Arrival['status']) => arrivals.filter((a) => a.status === status);
  const pending = of('pending');
  return (
    <tfoot>
      <tr class="total" id="arrived-confirmed">
        <th colspan={2}>计入到资（已认定）</th>
        <th class="num">{wan(sumYuan(of('confirmed'), (a) => a.amount))}</th>
        <th></th>
      </tr>
      {pending.length ? (
        <tr class="total" id="arrived-pending">
          <th colspan={2}>待认定，未计入（{pending.length} 笔）</th>
          <th class="num">{wan(sumYuan(pending, (a) => a.amount))}</th>
          <th></th>
        </tr>
      ) : null}
    </tfoot>
  );
};

/** The 佐证材料 card: the project's own files, each arrival's (the 银行回单), each current milestone's (and a corrected one's that has files). */
export const ProjectEvidence: FC<{
  project: ProjectDetail;
  files: NamedFile[];
  visitor: { id: number; role: Role };
}> = ({ project: p, files, visitor }) => {
  const pending = p.status === 'pending';
  return (
    <section class="card" style="margin-top:12px" id="evidence">
      <h2>佐证材料</h2>
      <div class="evidence-group">
        <h3>项目（合同、营业执照等）</h3>
        <Evidence
          subject={`project:${p.id}`}
          files={files}
          visitor={visitor}
          pending={pending}
          hint="上传合同、营业执照等"
        />
      </div>
      {p.arrivals.map((a) => (
        <div class="evidence-group">
          <h3>
            到资 {a.arrivedOn} · {wan(a.amount)} 万元 · {labelOf(arrivalKindNames, a.kind)}{' '}
            {a.status === 'pending' ? <span class="tag pending">待认定</span> : null}
            {a.status === 'rejected' ? <span class="tag rejected">已退回</span> : null}
          </h3>
          <Evidence
            subject={`arrival:${a.id}`}
            files={files}
            visitor={visitor}
            pending={a.status === 'pending'}
            hint="上传银行回单、验资报告等"
          />
        </div>
      ))}
      {p.milestones
        .filter((m) => m.current || files.some((f) => f.subject === `milestone:${m.id}`))
        .map((m) => (
          <div class="evidence-group">
            <h3>
              进展 {m.on} {labelOf(stageNames, m.stage)}
            </h3>
            <Evidence
              subject={`milestone:${m.id}`}
              files={files}
              visitor={visitor}
              pending={pending}
              hint="上传照片、批文等"
            />
          </div>
        ))}
    </section>
  );
};

// 项目详情: the facts, the milestone timeline with corrections, arrivals, owners and the 推进节点计划, the change
// history (staff), progress forms.
import type { FC } from 'hono/jsx';
import type { Role, Stage } from '../../domain/vocabulary';
import {
  progressStages,
  labelOf,
  arrivalKindNames,
  chainActionNames,
  chainNodeNames,
  sourceTypeNames,
  stageNames,
  statusNames,
} from '../../domain/vocabulary';
import { impliedStages } from '../../domain/projects';
import { Card, EmptyRow, investmentLabel, Msg, NameOptions, ReviewForms } from '../components';
import type { ProjectPageData } from '../data';
import type { AuditEntry } from '../data-types';
import { readableMoney, wan } from '../format';
import { ArrivalStatus, ArrivalTotals, ProjectEvidence } from '../project-evidence';
import { NodePlanCard, OwnersCard } from '../node-plan';

const fieldNames: Record<string, string> = {
  status: '认定状态',
  statusReason: '认定意见',
  name: '名称',
  plannedTotalFen: '计划总投资（分）',
  signedOn: '签约日期',
  registeredOn: '注册日期',
  startedOn: '开工日期',
  completedOn: '竣工日期',
  producingOn: '投产日期',
  negotiatingOn: '洽谈日期',
  droppedOn: '终止日期',
};

/** An audit value as it reads: text and numbers as they are, anything else (a JSON object) as JSON. */
const scalar = (v: unknown): string =>
  typeof v === 'string' ? v : typeof v === 'number' || typeof v === 'boolean' ? String(v) : JSON.stringify(v);

/**
 * What changed between two audit snapshots, in words (version and timestamps left out). A stage date the same write
 * filled from a later stage (注册 by 开工, SPEC §4) says so, as the 阶段日期 row does, so a clerk does not read it as
 * entered: it is implied when no current milestone of its own holds that date and a later stage's does.
 */
function describeChange({ before, after }: AuditEntry, milestones: ProjectPageData['project']['milestones']): string {
  if (!before)
    return `创建：${after?.name ? scalar(after.name) : ''}（${after?.status ? labelOf(statusNames, scalar(after.status)) : ''}）`;
  const skip = new Set(['version', 'updatedAt', 'updatedBy', 'createdAt']);
  const changed = (k: string) => !skip.has(k) && before[k] !== after?.[k];
  const newDates = Object.fromEntries(
    progressStages.filter((s) => changed(`${s}On`)).map((s) => [s, after?.[`${s}On`] as string | null]),
  );
  const implied = impliedStages(milestones, newDates);
  const parts: string[] = [];
  for (const k of Object.keys(after ?? {})) {
    if (!changed(k)) continue;
    const show = (v: unknown) =>
      v === null || v === undefined ? '空' : k === 'status' ? labelOf(statusNames, scalar(v)) : scalar(v);
    const by = implied[k.replace(/On$/, '') as Stage];
    parts.push(
      `${fieldNames[k] ?? k}：${show(before[k])} → ${show(after?.[k])}${by ? `（由${stageNames[by]}推定）` : ''}`,
    );
  }
  return parts.join('；') || '—';
}

export const ProjectPage: FC<ProjectPageData & { role: Role; visitor: { id: number; role: Role }; today: string }> = ({
  project: p,
  units,
  funds,
  history,
  files,
  owners,
  investment,
  nodes,
  templates,
  people,
  role,
  visitor,
  today,
  // eslint-disable-next-line max-lines-per-function -- not split yet (issue 17): its sections (record, stages, arrivals, owners, history) are the parts
}) => {
  const staff = role === 'admin' || role === 'staff';
  const writes = role !== 'leader' && p.status !== 'rejected';
  const unitName = (uid: number | null) => units.find((u) => u.id === uid)?.name ?? '—';
  const fund = funds.find((f) => f.id === p.sourceFundId);
  const implied = impliedStages(p.milestones, p.reached);
  const reachedStages = progressStages.filter((s) => p.reached[s]);
  return (
    <>
      <h1>
        {p.name} <span class={`tag ${p.status}`}>{labelOf(statusNames, p.status)}</span>{' '}
        <span class={`tag ${p.stage}`}>{labelOf(stageNames, p.stage)}</span>
      </h1>
      {p.statusReason ? <p class="muted">认定意见：{p.statusReason}</p> : null}
      <section class="grid two">
        <div class="card">
          <h2>基本信息</h2>
          <table>
            <tbody>
              <tr>
                <td>项目编号</td>
                <td>#{p.id}</td>
              </tr>
              <tr>
                <td>投资企业</td>
                <td>
                  {p.company ? `${p.company.name}${p.company.creditCode ? `（${p.company.creditCode}）` : ''}` : '—'}
                </td>
              </tr>
              <tr>
                <td>来源</td>
                <td>
                  {labelOf(sourceTypeNames, p.sourceType)}
                  {fund ? (
                    <>
                      {' '}
                      · <a href={`/funds/${fund.id}`}>{fund.name}</a>
                    </>
                  ) : null}
                </td>
              </tr>
              <tr>
                <td>驱动投资</td>
                <td id="driving-investment">
                  {investment
                    ? `${investment.fundName} 投资 ${investmentLabel(investment)}`
                    : p.investmentId
                      ? '上级或关联基金的一笔投资'
                      : '—'}
                </td>
              </tr>
              <tr>
                <td>报送日期</td>
                <td>{p.reportedOn}</td>
              </tr>
              <tr>
                <td>阶段日期</td>
                <td id="reached-dates">
                  {reachedStages.length
                    ? reachedStages.map((s) => {
                        const by = implied[s];
                        return (
                          <div class={by ? 'implied' : ''} data-stage={s}>
                            {stageNames[s]} {p.reached[s]}
                            {by ? <span class="muted">（由{stageNames[by]}推定）</span> : null}
                          </div>
                        );
                      })
                    : '—'}
                </td>
              </tr>
              <tr>
                <td>计划总投资</td>
                <td>
                  {readableMoney(p.plannedTotal)}（固定资产 {readableMoney(p.plannedFixedAsset)}）
                </td>
              </tr>
              <tr>
                <td>产业链</td>
                <td>
                  {p.chain ?? '—'} {p.chainNode ? labelOf(chainNodeNames, p.chainNode) : ''}{' '}
                  {p.chainAction ? labelOf(chainActionNames, p.chainAction) : ''}
                </td>
              </tr>
              <tr>
                <td>招引 / 落地单位</td>
                <td>
                  {unitName(p.introducingUnitId)} / {unitName(p.landingUnitId)}
                </td>
              </tr>
              <tr>
                <td>外资</td>
                <td>{p.foreign ? '是' : '否'}</td>
              </tr>
            </tbody>
          </table>
          {staff ? (
            <ReviewForms kind="projects" id={p.id} approve="confirm" rejectOnly={p.status === 'confirmed'} />
          ) : null}
        </div>
        <div class="card">
          <h2>进展时间线</h2>
          <ul class="timeline" id="timeline">
            <li>{p.reportedOn} 报送</li>
            {p.milestones.map((m) => (
              <li class={m.current ? '' : 'old'} title={m.current ? '' : '已被更正'}>
                {m.on} {labelOf(stageNames, m.stage)}
                {m.reason ? `（原因：${m.reason}）` : ''}
                {m.note ? ` · ${m.note}` : ''}
                <span class="muted"> · 记录于 {m.recordedAt.slice(0, 10)}</span>
              </li>
            ))}
          </ul>
          {writes ? (
            <form
              class="inline"
              data-api={`/api/projects/${p.id}/milestones`}
              data-reload
              data-ok="已记录进展"
              id="milestone-form"
              style="margin-top:10px"
            >
              <label>
                阶段
                <select name="stage">
                  {[...progressStages, 'dropped' as const].map((s) => (
                    <option value={s}>{stageNames[s]}</option>
                  ))}
                </select>
              </label>
              <label>
                日期
                <input type="date" name="on" value={today} max={today} required />
              </label>
              <label>
                说明
                <input name="note" maxlength={500} />
              </label>
              <label>
                终止原因（终止时必填）
                <input name="reason" maxlength={500} />
              </label>
              <button class="primary" type="submit">
                记录进展
              </button>
              <Msg />
            </form>
          ) : null}
          <h2 style="margin-top:14px">到资</h2>
          <table>
            <thead>
              <tr>
                <th>日期</th>
                <th>类型</th>
                <th class="num">金额（万元）</th>
                <th>认定</th>
              </tr>
            </thead>
            <tbody>
              {p.arrivals.length === 0 ? <EmptyRow columns={4} text="暂无到资" /> : null}
              {p.arrivals.map((a) => (
                <tr class={`arrival ${a.status}`}>
                  <td>{a.arrivedOn}</td>
                  <td>
                    {labelOf(arrivalKindNames, a.kind)}
                    {a.currency && a.currency !== 'CNY' ? `（${a.originalAmount} ${a.currency}）` : ''}
                  </td>
                  <td class="num">{wan(a.amount)}</td>
                  <td style="white-space:normal">
                    <ArrivalStatus arrival={a} staff={staff} />
                  </td>
                </tr>
              ))}
            </tbody>
            <ArrivalTotals arrivals={p.arrivals} />
          </table>
          {writes ? (
            <form
              class="inline"
              data-api={`/api/projects/${p.id}/arrivals`}
              data-reload
              data-ok="已记录到资"
              id="arrival-form"
              style="margin-top:10px"
            >
              <label>
                金额（万元）
                <input name="amount" data-type="wan" inputmode="decimal" required />
              </label>
              <label>
                日期
                <input type="date" name="arrivedOn" value={today} max={today} required />
              </label>
              <label>
                类型
                <select name="kind">
                  <NameOptions names={arrivalKindNames} />
                </select>
              </label>
              <label>
                原币种
                <input name="currency" maxlength={3} placeholder="USD" size={4} />
              </label>
              <label>
                原币金额
                <input name="originalAmount" inputmode="decimal" size={10} />
              </label>
              <button class="primary" type="submit">
                记录到资
              </button>
              <Msg />
            </form>
          ) : null}
        </div>
      </section>
      <ProjectEvidence project={p} files={files} visitor={visitor} />
      <OwnersCard projectId={p.id} owners={owners} people={people} staff={staff} today={today} />
      <NodePlanCard
        projectId={p.id}
        nodes={nodes}
        templates={templates}
        signedOn={p.reached.signed}
        implied={implied}
        writes={writes}
        today={today}
      />
      {history ? (
        <Card title="变更记录">
          <div class="scroll">
            <table>
              <thead>
                <tr>
                  <th>时间</th>
                  <th>操作人</th>
                  <th>操作</th>
                  <th>变更内容</th>
                </tr>
              </thead>
              <tbody>
                {history.map((h) => (
                  <tr>
                    <td>{h.at.replace('T', ' ').slice(0, 19)}</td>
                    <td>
                      {h.user
                        ? h.user.displayName
                          ? `${h.user.displayName}（${h.user.username}）`
                          : h.user.username
                        : h.userId
                          ? `用户 #${h.userId}`
                          : '系统'}
                    </td>
                    <td>{h.action === 'create' ? '创建' : '修改'}</td>
                    <td style="white-space:normal">{describeChange(h, p.milestones)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </Card>
      ) : null}
    </>
  );
};

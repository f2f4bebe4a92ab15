// 项目台账: the projects of /projects' filters as a sheet to print and file — A4 landscape at 8 pt, the heading row on
// every page, names not ids, money in 万元, and each confirmed arrival in words rather than the import's syntax.
import type { FC } from 'hono/jsx';
import { arrivalKindNames, labelOf, stageNames, statusNames } from '../../domain/vocabulary';
import { chineseDate } from '../../xlsx/worksheet';
import { EmptyRow, filterQuery, sumYuan } from '../components';
import type { LedgerArrival, LedgerData } from '../data';
import { wan } from '../format';

/** The stage dates the ledger prints, in order (注册 and 竣工 are on the project's page and in the export). */
const ledgerStages = [
  ['signed', '签约'],
  ['started', '开工'],
  ['producing', '投产'],
] as const;

/** "2026-03-14 到资 1.48 万元（固定资产投资）"; a foreign-currency arrival adds its original amount. */
export function arrivalInWords(a: LedgerArrival): string {
  const original = a.currency && a.currency !== 'CNY' ? `，原币 ${a.currency} ${a.originalAmount ?? '—'}` : '';
  return `${a.on} 到资 ${wan(a.amount)} 万元（${labelOf(arrivalKindNames, a.kind)}${original}）`;
}

export const LedgerPage: FC<LedgerData> = ({ filters, projects, nextCursor, funds, units, asOf }) => {
  const fundName = (id: number | null) => (id === null ? '—' : (funds.find((f) => f.id === id)?.name ?? '—'));
  const unitName = (id: number | null) => (id === null ? '—' : (units.find((u) => u.id === id)?.name ?? '—'));
  const chosen = [
    filters.fundId ? `基金：${fundName(filters.fundId)}` : '',
    filters.stage ? `阶段：${stageNames[filters.stage]}` : '',
    filters.status ? `认定状态：${statusNames[filters.status]}` : '',
    filters.chain ? `产业链：${filters.chain}` : '',
    filters.q ? `搜索：${filters.q}` : '',
  ].filter(Boolean);
  const query = filterQuery(filters);
  return (
    <article class="ledger">
      <h1>项目台账</h1>
      <p class="muted" id="ledger-scope">
        截至 {chineseDate(asOf)}；{chosen.length ? chosen.join('，') : '全部项目'}；共 {projects.length} 个项目
        {nextCursor ? '（本页）' : ''}；金额单位：万元，到资为已认定的到资
      </p>
      <p class="noprint">
        <a href={`/projects?${query}`}>返回项目列表</a>
        {' · '}
        <a href={`/api/exports/projects.xlsx?${query}`}>导出 Excel</a>
        {' · '}打印：使用浏览器的“打印”（A4 横向）
      </p>
      <div class="scroll">
        <table id="ledger">
          <thead>
            <tr>
              <th class="num">序号</th>
              <th>项目名称</th>
              <th>企业名称</th>
              <th>来源基金</th>
              <th>招引 / 落地单位</th>
              <th>阶段</th>
              <th>报送日期</th>
              {ledgerStages.map(([, name]) => (
                <th>{name}日期</th>
              ))}
              <th class="num">计划总投资（万元）</th>
              <th class="num">实际到资（万元）</th>
              <th>到资记录</th>
            </tr>
          </thead>
          <tbody>
            {projects.length === 0 ? <EmptyRow columns={13} text="暂无项目" /> : null}
            {projects.map((p, i) => (
              <tr data-project={String(p.id)}>
                <td class="num">{i + 1}</td>
                <td>{p.name}</td>
                <td>{p.company?.name ?? '—'}</td>
                <td>{fundName(p.sourceFundId)}</td>
                <td>
                  {p.introducingUnitId === p.landingUnitId
                    ? unitName(p.introducingUnitId)
                    : `${unitName(p.introducingUnitId)} / ${unitName(p.landingUnitId)}`}
                </td>
                <td>
                  {stageNames[p.stage]}
                  {p.status === 'confirmed' ? '' : `（${labelOf(statusNames, p.status)}）`}
                </td>
                <td class="date">{p.reportedOn}</td>
                {ledgerStages.map(([stage]) => (
                  <td class="date">{p.reached[stage] ?? ''}</td>
                ))}
                <td class="num">{wan(p.plannedTotal)}</td>
                <td class="num">{wan(p.arrived)}</td>
                <td class="arrivals">
                  {p.arrivals.map((a) => (
                    <div>{arrivalInWords(a)}</div>
                  ))}
                </td>
              </tr>
            ))}
          </tbody>
          {projects.length ? (
            <tfoot>
              <tr class="total">
                <th colspan={10}>
                  {nextCursor ? '本页' : ''}合计（{projects.length} 个项目）
                </th>
                <th class="num">{wan(sumYuan(projects, (p) => p.plannedTotal))}</th>
                <th class="num">{wan(sumYuan(projects, (p) => p.arrived))}</th>
                <th></th>
              </tr>
            </tfoot>
          ) : null}
        </table>
      </div>
      {nextCursor ? (
        <p class="right noprint">
          <a href={`/projects/ledger?${filterQuery(filters, nextCursor)}`}>下一页 →</a>
        </p>
      ) : null}
    </article>
  );
};

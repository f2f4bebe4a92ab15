// 考核通报: the document a platform sends its leaders after each month — prints from the browser (print stylesheet:
// A4 landscape, no navigation) and downloads as .xlsx.
import type { FC } from 'hono/jsx';
import { alertKindLabels, alertKinds } from '../../domain/alerts';
import { serviceColumns, type Bulletin } from '../../queries/assessment';
import { pct } from '../format';
import { viewNames } from '../../domain/vocabulary';
import { chineseDate } from '../../xlsx/worksheet';
import { FundTable, TargetTable, UnitTable } from './assessment';

/** A section of at most this many rows is kept on one page (it moves whole to the next); a longer one flows on. */
const KEEP_ROWS = 16;
const keep = (rows: number) => (rows <= KEEP_ROWS ? 'card keep' : 'card');

/** The 通报, signed by `issuer` (发文单位) and dated `issuedOn` (印发日期); printed pages carry their numbers. */
export const BulletinPage: FC<{ b: Bulletin; issuer: string; issuedOn: string }> = ({ b, issuer, issuedOn }) => {
  const [y, m] = b.month.split('-');
  const red = b.units.filter((u) => u.board === 'red');
  const black = b.units.filter((u) => u.board === 'black');
  return (
    <article class="bulletin">
      <h1>
        {y}年{Number(m)}月以投促引考核通报
      </h1>
      <p class="issuer" id="issuer">
        <span>发文单位：{issuer}</span>
        <span>印发日期：{chineseDate(issuedOn)}</span>
      </p>
      <p class="muted">
        {viewNames[b.view]}；本月 {b.from} 至 {b.to}，年度累计截至 {b.to}；序时进度{' '}
        <strong id="schedule">{b.schedule ? `${(Number(b.schedule) * 100).toFixed(2)}%` : '—'}</strong>
      </p>
      <p class="noprint">
        <a href={`/api/exports/bulletin.xlsx?month=${b.month}&view=${b.view}`}>下载 Excel</a>
        {' · '}
        <a href={`/bulletins/${b.month}?view=${b.view === 'introducing' ? 'landing' : 'introducing'}`}>
          切换为{viewNames[b.view === 'introducing' ? 'landing' : 'introducing']}
        </a>
        {' · '}
        <a href={`/assessment?year=${y}&asOf=${b.to}&view=${b.view}`}>年度考核</a>
        {' · '}打印：使用浏览器的“打印”（A4 横向）
      </p>
      <section class="card keep">
        <h2>红黑榜</h2>
        <p id="red-board">
          <span class="tag board-red">红榜</span> {red.length ? red.map((u) => u.name).join('、') : '无'}
        </p>
        <p id="black-board">
          <span class="tag board-black">黑榜</span> {black.length ? black.map((u) => u.name).join('、') : '无'}
        </p>
      </section>
      <section class={keep(b.units.length)} style="margin-top:12px">
        <h2>一、单位擂台赛</h2>
        <UnitTable units={b.units} withMonth />
      </section>
      <section class="card" style="margin-top:12px">
        <h2>二、目标完成情况</h2>
        <TargetTable units={b.units} funds={b.funds} schedule={b.schedule} />
      </section>
      <section class={keep(b.funds.length)} style="margin-top:12px" id="section-funds">
        <h2>三、基金</h2>
        <FundTable funds={b.funds} withMonth />
      </section>
      <section class="card" style="margin-top:12px">
        <h2>四、招商服务</h2>
        <p class="muted">招商活动按开始日期、企业诉求按提出日期计入；超期未办结与滞后节点为截至期末（含下级单位）。</p>
        <ServiceTable id="service-month" title={`本月（${b.from} 至 ${b.to}）`} units={b.units} window="month" />
        <ServiceTable id="service-ytd" title={`年度累计（截至 ${b.to}）`} units={b.units} window="ytd" />
      </section>
      <section class="card keep" style="margin-top:12px">
        <h2>五、预警（截至 {b.to}）</h2>
        <table id="alerts">
          <tbody>
            {alertKinds.map((k) => (
              <tr>
                <th>{alertKindLabels[k]}</th>
                <td class="num">{b.alerts[k] ?? '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
    </article>
  );
};

/** 招商服务 of every unit in one window: activities by kind, 带队, leads, requests and nodes (SPEC §9). */
const ServiceTable: FC<{ id: string; title: string; units: Bulletin['units']; window: 'month' | 'ytd' }> = ({
  id,
  title,
  units,
  window,
}) => (
  <>
    <h3>{title}</h3>
    <div class="scroll">
      <table id={id} class="service">
        <thead>
          <tr>
            <th>单位</th>
            {serviceColumns.map((c) => (
              <th class="num">{c.label}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          {units.map((u) => (
            <tr data-unit={u.unitId}>
              <td>{u.name}</td>
              {serviceColumns.map((c) => {
                const v = c.value(u.service[window]);
                return <td class="num">{c.kind === 'percent' ? pct(v as string | null) : String(v)}</td>;
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  </>
);

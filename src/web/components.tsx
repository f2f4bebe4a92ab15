// Pieces more than one page shows.
import type { Child, FC } from 'hono/jsx';
import { raw } from 'hono/html';
import type { FundRef, ProjectItem, UnitRef } from './data-types';
import { wan } from './format';
import { Dec } from '../domain/decimal';
import { fenToYuan } from '../domain/money';
import { stageNames, statusNames, labelOf } from '../domain/vocabulary';

/** JSON for a <script type="application/json"> block: `<` escaped so no data can close the tag. */
export const jsonScript = (id: string, data: unknown) =>
  raw(`<script type="application/json" id="${id}">${JSON.stringify(data).replace(/</g, '\\u003c')}</script>`);

/** A list page's filters as a query string: the given ones, without the cursor unless `cursor` is passed. */
export const filterQuery = (
  { cursor: _cursor, ...filters }: { cursor?: number; [field: string]: string | number | undefined },
  cursor?: string,
) => {
  const out = new URLSearchParams();
  for (const [k, v] of Object.entries(filters)) if (v !== undefined && v !== '') out.set(k, String(v));
  if (cursor) out.set('cursor', cursor);
  return out.toString();
};

/** Where a form's answer shows (filled by touyin.js). */
export const Msg: FC<{ id?: string }> = ({ id }) => <div class="msg" id={id} role="status"></div>;

/** A row of KPI tiles: label over value. */
export const Kpis: FC<{ tiles: [string, string][]; id?: string }> = ({ tiles, id }) => (
  <section class="grid kpis" id={id}>
    {tiles.map(([label, value]) => (
      <div class="card kpi">
        <div class="label">{label}</div>
        <div class="value">{value}</div>
      </div>
    ))}
  </section>
);

/** A card below the page's first row, with its heading. */
export const Card: FC<{ title: Child; children?: Child }> = ({ title, children }) => (
  <section class="card" style="margin-top:12px">
    <h2>{title}</h2>
    {children}
  </section>
);

/** The end of every record form: where its answer shows, and the save button. */
export const FormEnd: FC = () => (
  <>
    <Msg />
    <button class="primary" type="submit" style="margin-top:8px">
      保存
    </button>
  </>
);

/** `<option>`s of a vocabulary: each value with its Chinese name. */
export const NameOptions: FC<{ names: Record<string, string> }> = ({ names }) => (
  <>
    {Object.entries(names).map(([k, v]) => (
      <option value={k}>{v}</option>
    ))}
  </>
);

/** `<option>`s of funds, by id. */
export const FundOptions: FC<{ funds: FundRef[]; selected?: number }> = ({ funds, selected }) => (
  <>
    {funds.map((f) => (
      <option value={String(f.id)} selected={selected === f.id}>
        {f.name}
      </option>
    ))}
  </>
);

export const UnitSelect: FC<{ name: string; label: string; units: UnitRef[]; optional?: boolean }> = ({
  name,
  label,
  units,
  optional,
}) => (
  <label>
    {label}
    <select name={name} data-type="int" required={!optional}>
      <option value="">请选择</option>
      {units.map((u) => (
        <option value={String(u.id)}>{u.name}</option>
      ))}
    </select>
  </label>
);

/** The value of the 产业链 picker's 其他 option: the typed name beside it is sent instead (touyin.js). */
export const OTHER_CHAIN = '__other__';

/**
 * 产业链: one of the platform's key chains (重点产业链), so spelling variants cannot split the map; 其他 opens a field
 * for a chain that is not a key chain (SPEC §7 maps those too, without gaps). `selected`: the chain now set.
 */
export const ChainPicker: FC<{ chains: string[]; selected?: string | null }> = ({ chains, selected }) => {
  const other = !!selected && !chains.includes(selected);
  return (
    <label class="chain-picker">
      产业链
      <select name="chain" data-other="chain-other">
        <option value="">（不填）</option>
        {chains.map((name) => (
          <option value={name} selected={selected === name}>
            {name}
          </option>
        ))}
        <option value={OTHER_CHAIN} selected={other}>
          其他（非重点产业链，手填）
        </option>
      </select>
      <input
        name="chain"
        id="chain-other"
        maxlength={50}
        placeholder="填写产业链名称"
        value={other ? (selected ?? '') : ''}
        disabled={!other}
        hidden={!other}
        title="产业链"
      />
    </label>
  );
};

/** An investment as a picker names it: the company, the date and the amount in 万元. */
export const investmentLabel = (i: { companyName: string; investedOn: string; amount: number }) =>
  `${i.companyName}（${i.investedOn}，${wan(fenToYuan(i.amount))} 万元）`;

/** 驱动投资: an investment of the visitor's funds, grouped by fund, or none. */
export const InvestmentPicker: FC<{
  investments: { id: number; fundName: string; companyName: string; investedOn: string; amount: number }[];
}> = ({ investments }) => {
  const byFund = new Map<string, typeof investments>();
  for (const i of investments) byFund.set(i.fundName, [...(byFund.get(i.fundName) ?? []), i]);
  return (
    <label class="span2">
      驱动投资
      <select name="investmentId" data-type="int">
        <option value="">（无）</option>
        {[...byFund].map(([fund, list]) => (
          <optgroup label={fund}>
            {list.map((i) => (
              <option value={String(i.id)}>{investmentLabel(i)}</option>
            ))}
          </optgroup>
        ))}
      </select>
    </label>
  );
};

/**
 * 认定 and 退回 for a pending project, arrival or credit (`rejectOnly`: a confirmed project can still be sent back).
 * With `version`, each form sends it as If-Match: a record someone changed since the page was drawn is refused.
 */
export const ReviewForms: FC<{
  kind: 'projects' | 'reinvestment-credits' | 'arrivals';
  id: number;
  approve: 'confirm' | 'approve';
  rejectOnly?: boolean;
  version?: number;
}> = ({ kind, id, approve, rejectOnly, version }) => (
  <div style="display:flex;gap:6px;flex-wrap:wrap;margin-top:6px">
    <form
      class="inline"
      data-api={`/api/${kind}/${id}/${approve}`}
      data-if-match={version === undefined ? undefined : String(version)}
      data-reload
      data-ok="已认定"
      style={rejectOnly ? 'display:none' : ''}
    >
      <input name="reason" placeholder="意见（可选）" maxlength={500} size={10} />
      <button class="ok" type="submit">
        认定
      </button>
      <Msg />
    </form>
    <form
      class="inline"
      data-api={`/api/${kind}/${id}/reject`}
      data-if-match={version === undefined ? undefined : String(version)}
      data-reload
      data-ok="已退回"
    >
      <input name="reason" placeholder="退回原因" maxlength={500} size={10} required />
      <button class="bad" type="submit">
        退回
      </button>
      <Msg />
    </form>
  </div>
);

/** A table's body when it has no rows: one row saying so across its columns. */
export const EmptyRow: FC<{ columns: number; text?: string }> = ({ columns, text }) => (
  <tr class="empty">
    <td colspan={columns} class="muted">
      {text ?? '暂无'}
    </td>
  </tr>
);

/** Money in 元 summed exactly (display only: the figures come from the read model). */
export const sumYuan = <T,>(rows: T[], pick: (r: T) => string | null | undefined) =>
  rows.reduce((a, r) => a.plus(pick(r) ?? 0), new Dec(0)).toFixed(2);

/** Projects as a sortable table with 到资 and a totals row; with `funds`, a column names each project's source fund. */
export const ProjectTable: FC<{ items: ProjectItem[]; funds?: FundRef[]; partial?: boolean }> = ({
  items,
  funds,
  partial,
}) => (
  <div class="scroll">
    <table class="projects">
      <thead>
        <tr>
          <th data-sort>编号</th>
          <th data-sort>项目</th>
          <th data-sort>企业</th>
          {funds ? <th data-sort>来源基金</th> : null}
          <th data-sort>阶段</th>
          <th data-sort>认定</th>
          <th data-sort>报送日期</th>
          <th data-sort class="num">
            计划总投资（万元）
          </th>
          <th data-sort class="num">
            实际到资（万元）
          </th>
          <th data-sort>产业链</th>
        </tr>
      </thead>
      <tbody>
        {items.length === 0 ? <EmptyRow columns={funds ? 10 : 9} text="暂无项目" /> : null}
        {items.map((p) => (
          <tr>
            <td data-v={String(p.id)}>#{p.id}</td>
            <td>
              <a href={`/projects/${p.id}`}>{p.name}</a>
            </td>
            <td>{p.company?.name ?? '—'}</td>
            {funds ? <td>{funds.find((f) => f.id === p.sourceFundId)?.name ?? '—'}</td> : null}
            <td>
              <span class={`tag ${p.stage}`}>{stageNames[p.stage]}</span>
            </td>
            <td>
              <span class={`tag ${p.status}`}>{labelOf(statusNames, p.status)}</span>
            </td>
            <td>{p.reportedOn}</td>
            <td class="num" data-v={p.plannedTotal}>
              {wan(p.plannedTotal)}
            </td>
            <td class="num" data-v={p.arrived ?? ''}>
              {wan(p.arrived)}
            </td>
            <td>{p.chain ?? '—'}</td>
          </tr>
        ))}
      </tbody>
      {items.length ? (
        <tfoot>
          <tr class="total">
            <th colspan={funds ? 7 : 6}>
              {partial ? '本页' : ''}合计（{items.length} 个项目）
            </th>
            <th class="num">{wan(sumYuan(items, (p) => p.plannedTotal))}</th>
            <th class="num">{wan(sumYuan(items, (p) => p.arrived))}</th>
            <th></th>
          </tr>
        </tfoot>
      ) : null}
    </table>
  </div>
);

/** The page shown instead of one that cannot be: bad input (400), a role that may not (403), nothing there (404). */
export const Refusal: FC<{ status: number; message: string }> = ({ status, message }) => (
  <div class="card" id="refusal" data-status={String(status)}>
    <h1>{refusalTitles[status] ?? '出错了'}</h1>
    <p>{message}</p>
    <a href="/">返回驾驶舱</a>
  </div>
);
const refusalTitles: Partial<Record<number, string>> = { 400: '请求有误', 403: '无权查看', 404: '未找到' };

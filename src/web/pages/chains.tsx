// 产业链图谱: each chain × 上游/中游/下游(/未指定): landed and pipeline counts, planned and arrived in 万元, 补链/延链/强链,
// the links of a key chain with nothing landed or under way marked as gaps (缺链); by fund, unit and view.
import type { FC } from 'hono/jsx';
import type { ChainNodeFigures } from '../../domain/chains';
import type { ChainsPageData } from '../assessment-data';
import { NamedSelect } from './alerts';
import { EmptyRow } from '../components';
import { wan } from '../format';
import { chainActionNames, chainActions, chainNodeNames, chainNodes } from '../../domain/vocabulary';

const nodeNames: Record<string, string> = { ...chainNodeNames, unspecified: '未指定环节' };

const Cell: FC<{ n: ChainNodeFigures | undefined }> = ({ n }) => {
  if (!n) return <td style="color:#9ca3af">—</td>;
  return (
    <td
      class={n.gap ? 'gap' : ''}
      data-node={n.node}
      style={`vertical-align:top;white-space:normal;${n.gap ? 'background:#fee2e2' : ''}`}
    >
      {n.gap ? (
        <div>
          <span class="tag bad">缺链</span>
        </div>
      ) : null}
      <div>
        落地 <b>{n.landed}</b> · 在谈 <b>{n.pipeline}</b>
      </div>
      <div>计划 {wan(n.planned)} 万元</div>
      <div>到资 {wan(n.arrived)} 万元</div>
      <div style="color:#6b7280;font-size:12px">
        {chainActions.map((a) => `${chainActionNames[a]} ${n.actions[a]}`).join(' · ')}
      </div>
    </td>
  );
};

export const ChainsPage: FC<ChainsPageData> = ({ query, asOf, chains, funds, units }) => {
  const withUnspecified = chains.some((c) => c.nodes.some((n) => n.node === 'unspecified'));
  const columns = [...chainNodes, ...(withUnspecified ? (['unspecified'] as const) : [])];
  return (
    <>
      <h1>产业链图谱</h1>
      <form class="inline card" method="get" action="/chains" id="chain-filters">
        <label>
          截至日期
          <input type="date" name="asOf" value={asOf} />
        </label>
        <NamedSelect name="fundId" label="基金" items={funds} selected={query.fundId} />
        <NamedSelect name="unitId" label="单位（含下级）" items={units} selected={query.unitId} />
        <label>
          口径
          <select name="view">
            <option value="introducing" selected={query.view === 'introducing'}>
              招引口径
            </option>
            <option value="landing" selected={query.view === 'landing'}>
              落地口径
            </option>
          </select>
        </label>
        <button class="primary" type="submit">
          查看
        </button>
      </form>
      <section class="card scroll" style="margin-top:12px">
        <table id="chain-map">
          <thead>
            <tr>
              <th>产业链</th>
              {columns.map((n) => (
                <th>{nodeNames[n]}</th>
              ))}
            </tr>
          </thead>
          <tbody>
            {chains.map((ch) => (
              <tr data-chain={ch.chain}>
                <th style="vertical-align:top;white-space:normal">
                  <div>
                    {ch.chain} {ch.key ? <span class="tag">重点产业链</span> : null}
                  </div>
                  {ch.leader ? <div style="font-weight:400;font-size:12px">链长：{ch.leader}</div> : null}
                  {ch.leadCompanies.length ? (
                    <div style="font-weight:400;font-size:12px">链主：{ch.leadCompanies.join('、')}</div>
                  ) : null}
                </th>
                {columns.map((n) => (
                  <Cell n={ch.nodes.find((x) => x.node === n)} />
                ))}
              </tr>
            ))}
            {chains.length === 0 ? (
              <EmptyRow columns={columns.length + 1} text="暂无：尚无重点产业链，也没有标注产业链的项目" />
            ) : null}
          </tbody>
        </table>
        <p style="color:#6b7280;font-size:12px">
          落地：截至 {asOf}{' '}
          已注册（此后终止仍计）；在谈：未落地且未终止；计划与到资为已落地项目的计划总投资与截至当日的实际到资。重点产业链中没有落地或在谈项目的环节标为缺链。
        </p>
      </section>
    </>
  );
};

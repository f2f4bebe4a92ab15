// 录入 for 业绩与投向 (SPEC §8): distributions (分配), NAV reports (估值) and exits (退出), posted to the same /api.
import type { FC } from 'hono/jsx';
import type { InvestmentChoice } from '../queries/investments';
import { wan } from './format';
import { fenToYuan } from '../domain/money';
import { FormEnd } from './components';
import type { FundRef } from './data-types';
import { FundField } from './pages/records';

export const PerformanceForms: FC<{ funds: FundRef[]; investments: InvestmentChoice[]; today: string }> = ({
  funds,
  investments,
  today,
}) => (
  <section class="grid two" style="margin-top:12px">
    <form
      class="card"
      data-api="/api/funds/{fundId}/distributions"
      data-reload
      data-ok="分配已记录"
      id="distribution-form"
    >
      <h2>基金分配</h2>
      <div class="form-grid">
        <FundField funds={funds} />
        <label>
          金额（万元）*
          <input name="amount" data-type="wan" inputmode="decimal" required />
        </label>
        <label>
          分配日期 *<input type="date" name="paidOn" value={today} max={today} required />
        </label>
        <label>
          类型 *
          <select name="kind">
            <option value="return_of_capital">返还本金</option>
            <option value="income">收益分配</option>
          </select>
        </label>
      </div>
      <FormEnd />
    </form>
    <form class="card" data-api="/api/funds/{fundId}/valuations" data-reload data-ok="估值已记录" id="valuation-form">
      <h2>基金估值（管理人报送的净值）</h2>
      <div class="form-grid">
        <FundField funds={funds} />
        <label>
          净值 NAV（万元）*
          <input name="nav" data-type="wan" inputmode="decimal" required />
        </label>
        <label>
          估值日期 *<input type="date" name="on" value={today} max={today} required />
        </label>
      </div>
      <FormEnd />
    </form>
    <form class="card" data-api="/api/investments/{investmentId}/exit" data-reload data-ok="退出已记录" id="exit-form">
      <h2>投资退出</h2>
      <div class="form-grid">
        <label>
          投资 *
          <select name="investmentId" title="投资" required>
            <option value="">请选择</option>
            {investments.map((i) => (
              <option value={String(i.id)}>
                {i.fundName} → {i.companyName}（{i.investedOn}，{wan(fenToYuan(i.amount))} 万
                {i.exitedOn ? `，已于 ${i.exitedOn} 退出` : ''}）
              </option>
            ))}
          </select>
        </label>
        <label>
          退出日期 *<input type="date" name="exitedOn" value={today} max={today} required />
        </label>
        <label>
          退出回款（万元）*
          <input name="exitProceeds" data-type="wan" inputmode="decimal" required />
        </label>
      </div>
      <FormEnd />
    </form>
  </section>
);

// 录入: staff's forms for funds, commitments (认缴), contributions (实缴) and investments.
import type { Child, FC } from 'hono/jsx';
import { FormEnd, FundOptions, NameOptions, UnitSelect } from '../components';
import type { RecordsData } from '../data';
import type { FundRef } from '../data-types';
import { wan } from '../format';
import { investorTypeNames, levelNames, labelOf } from '../../domain/vocabulary';

/** The fund a commitment or an investment is recorded for (its id goes into the form's API path). */
export const FundField: FC<{ funds: FundRef[] }> = ({ funds }) => (
  <label>
    基金 *
    <select name="fundId" title="基金" required>
      <option value="">请选择</option>
      <FundOptions funds={funds} />
    </select>
  </label>
);

/** `performance`: the forms for distributions, valuations and exits (web/performance-forms.tsx), after these. */
/** `today`: what each date field starts with (a clerk records what happened today more than anything else). */
export const RecordsPage: FC<RecordsData & { performance?: Child; today: string }> = ({
  funds,
  units,
  performance,
  today,
  // eslint-disable-next-line max-lines-per-function -- not split yet (issue 17): one form per record kind are the parts
}) => (
  <>
    <h1>录入</h1>
    <section class="grid two">
      <form class="card" data-api="/api/funds" data-reload data-ok="基金已创建" id="fund-form">
        <h2>新建基金</h2>
        <div class="form-grid">
          <label>
            名称 *<input name="name" required maxlength={100} />
          </label>
          <label>
            层级 *
            <select name="level">
              <NameOptions names={levelNames} />
            </select>
          </label>
          <label>
            上级基金
            <select name="parentId" data-type="int">
              <option value="">（无）</option>
              <FundOptions funds={funds} />
            </select>
          </label>
          <label>
            管理人
            <input name="manager" maxlength={100} />
          </label>
          <UnitSelect name="homeUnitId" label="所属单位" units={units} optional />
          <label>
            成立日期
            <input type="date" name="establishedOn" max={today} />
          </label>
          <label>
            返投倍数
            <input name="reinvestment.multiple" placeholder="0 表示不考核" />
          </label>
          <label>
            返投基数
            <select name="reinvestment.base">
              <option value="parent_committed">母基金认缴</option>
              <option value="parent_paid">母基金实缴</option>
              <option value="fund_committed">本基金认缴</option>
              <option value="fund_paid">本基金实缴</option>
            </select>
          </label>
        </div>
        <FormEnd />
      </form>
      <form
        class="card"
        data-api="/api/funds/{fundId}/commitments"
        data-reload
        data-ok="认缴已记录"
        id="commitment-form"
      >
        <h2>认缴出资</h2>
        <div class="form-grid">
          <FundField funds={funds} />
          <label>
            出资人类型 *
            <select name="investorType">
              <NameOptions names={investorTypeNames} />
            </select>
          </label>
          <label>
            出资人名称
            <input name="investorName" maxlength={100} />
          </label>
          <label>
            出资基金（类型为基金出资时）
            <select name="investorFundId" data-type="int">
              <option value="">—</option>
              <FundOptions funds={funds} />
            </select>
          </label>
          <label>
            金额（万元）*
            <input name="amount" data-type="wan" inputmode="decimal" required />
          </label>
          <label>
            认缴日期 *<input type="date" name="committedOn" value={today} max={today} required />
          </label>
        </div>
        <FormEnd />
      </form>
      <form
        class="card"
        data-api="/api/commitments/{commitmentId}/contributions"
        data-reload
        data-ok="实缴已记录"
        id="contribution-form"
      >
        <h2>实缴出资</h2>
        <div class="form-grid">
          <label>
            认缴记录 *
            <select name="commitmentId" title="认缴记录" required>
              <option value="">请选择</option>
              {funds.flatMap((f) =>
                f.commitments.map((m) => (
                  <option value={String(m.id)}>
                    {f.name} ← {m.investorName ?? labelOf(investorTypeNames, m.investorType)}（认缴 {wan(m.amount)}{' '}
                    万，已缴 {wan(m.paidIn)} 万）
                  </option>
                )),
              )}
            </select>
          </label>
          <label>
            金额（万元）*
            <input name="amount" data-type="wan" inputmode="decimal" required />
          </label>
          <label>
            实缴日期 *<input type="date" name="paidOn" value={today} max={today} required />
          </label>
        </div>
        <FormEnd />
      </form>
      <form
        class="card"
        data-api="/api/funds/{fundId}/investments"
        data-reload
        data-ok="投资已记录"
        id="investment-form"
      >
        <h2>对外投资</h2>
        <div class="form-grid">
          <FundField funds={funds} />
          <label>
            企业名称 *<input name="company.name" required maxlength={200} />
          </label>
          <label>
            统一社会信用代码
            <input name="company.creditCode" maxlength={18} />
          </label>
          <label>
            投资额（万元）*
            <input name="amount" data-type="wan" inputmode="decimal" required />
          </label>
          <label>
            投资日期 *<input type="date" name="investedOn" value={today} max={today} required />
          </label>
          <label>
            方式
            <select name="kind">
              <option value="new">新股</option>
              <option value="secondary">受让老股</option>
            </select>
          </label>
          <label>
            轮次
            <input name="round" maxlength={50} placeholder="如 A" />
          </label>
          <label>
            本轮融资总额（万元）
            <input name="roundSize" data-type="wan" inputmode="decimal" />
          </label>
          <label style="flex-direction:row;align-items:center;gap:6px">
            <input type="checkbox" name="lead" /> 领投
          </label>
        </div>
        <FormEnd />
      </form>
    </section>
    {performance}
  </>
);

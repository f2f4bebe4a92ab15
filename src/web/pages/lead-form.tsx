// 报送线索: the lead form. A manager's lead waits for staff to confirm it; staff's is confirmed at once.
import type { FC } from 'hono/jsx';
import { ChainPicker, FundOptions, InvestmentPicker, Msg, NameOptions, UnitSelect } from '../components';
import type { LeadFormData } from '../lead-data';
import { chainActionNames, chainNodeNames, sourceTypeNames } from '../../domain/vocabulary';

export const LeadForm: FC<LeadFormData & { manager: boolean; today: string }> = ({
  funds,
  units,
  chains,
  investments,
  manager,
  today,
}) => (
  <>
    <h1>报送项目线索</h1>
    <p class="muted">
      {manager
        ? '报送后由平台工作人员认定；同一企业只能有一个在办项目，先报者保留归属。'
        : '平台工作人员录入的项目直接认定。'}
    </p>
    <form class="card" id="lead-form" data-api="/api/projects" data-then="/projects/:id" data-ok="已报送">
      <div class="form-grid">
        <label>
          项目名称 *
          <input name="name" required maxlength={200} />
        </label>
        <label>
          投资企业名称
          <input name="company.name" maxlength={200} />
        </label>
        <label>
          统一社会信用代码
          <input name="company.creditCode" maxlength={18} pattern="[0-9A-HJ-NPQRTUWXYa-hj-npqrtuwxy]{18}" />
        </label>
        <label>
          来源类型 *
          <select name="sourceType">
            <NameOptions names={sourceTypeNames} />
          </select>
        </label>
        <label>
          来源基金{manager ? ' *' : ''}
          <select name="sourceFundId" data-type="int" required={manager}>
            {manager ? null : <option value="">（无）</option>}
            <FundOptions funds={funds} />
          </select>
        </label>
        <InvestmentPicker investments={investments} />
        <label>
          引荐人
          <input name="introducer" maxlength={100} />
        </label>
        <label>
          报送日期 *
          <input name="reportedOn" type="date" value={today} max={today} required />
        </label>
        <label>
          计划总投资（万元）*
          <input name="plannedTotal" data-type="wan" inputmode="decimal" required placeholder="如 30000" />
        </label>
        <label>
          其中固定资产投资（万元）
          <input name="plannedFixedAsset" data-type="wan" inputmode="decimal" />
        </label>
        <ChainPicker chains={chains} />
        <label>
          链上环节
          <select name="chainNode">
            <option value="">—</option>
            <NameOptions names={chainNodeNames} />
          </select>
        </label>
        <label>
          补链/延链/强链
          <select name="chainAction">
            <option value="">—</option>
            <NameOptions names={chainActionNames} />
          </select>
        </label>
        <UnitSelect name="introducingUnitId" label="招引单位 *" units={units} />
        <UnitSelect name="landingUnitId" label="落地单位 *" units={units} />
        <label style="flex-direction:row;align-items:center;gap:6px">
          <input type="checkbox" name="foreign" /> 外资项目
        </label>
      </div>
      <Msg />
      <button class="primary" type="submit" style="margin-top:10px">
        提交
      </button>
    </form>
  </>
);

// The data of the lead form (报送线索): the funds and units to pick, the key chains (重点产业链) for its 产业链 picker
// and the investments of the visitor's funds for its 驱动投资 picker, read in the visitor's scope.
import { readContext } from '../queries/read-context';
import { keyChainNames } from '../queries/chains';
import { investmentChoices, type InvestmentChoice } from '../queries/investments';
import { fundList, unitList } from '../queries/records';
import type { FundRef, Page, UnitRef } from './data-types';

/** What the form's pickers offer (as many as a province holds). */
const pickable = { after: 0, take: 5_000 };

export interface LeadFormData {
  funds: FundRef[];
  units: UnitRef[];
  /** The key chains' names; a project may still name another chain (SPEC §7), typed under 其他. */
  chains: string[];
  /** The latest investments of the funds the visitor sees (a manager: its own funds' only). */
  investments: InvestmentChoice[];
}

export async function leadFormData(c: Page): Promise<LeadFormData> {
  const [funds, units, chains, investments] = await Promise.all([
    fundList(c.var.db, c.var.scope, {}, pickable),
    unitList(c.var.db, pickable),
    keyChainNames(c.var.db),
    investmentChoices(readContext(c, {})),
  ]);
  return { funds, units, chains, investments };
}

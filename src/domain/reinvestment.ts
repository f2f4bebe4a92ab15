import { Dec, ratio, type DecInput } from './decimal';
import { fenToYuan } from './money';

export const categoryWeightDefaults = {
  local_company: '1',
  relocated: '1.5',
  local_subsidiary: '1',
  sourced_project: '0.3',
  secondary: '0',
} as const;
export type CreditCategory = keyof typeof categoryWeightDefaults;
export type Weights = Record<CreditCategory, string>;

export type ReinvestmentBase = 'parent_committed' | 'parent_paid' | 'fund_committed' | 'fund_paid';

export interface Rule {
  multiple: string;
  base: ReinvestmentBase;
  weights: Weights;
}

/** A fund's stored 返投 rule (k as a decimal string, base, weights as JSON over the defaults) as a Rule. */
export function fundRule(f: { reinvestMultiple: string; reinvestBase: ReinvestmentBase; reinvestWeights: string | null }): Rule {
  const stored = f.reinvestWeights ? (JSON.parse(f.reinvestWeights) as Partial<Weights>) : {};
  return { multiple: f.reinvestMultiple, base: f.reinvestBase, weights: { ...categoryWeightDefaults, ...stored } };
}

/** Approved credits of one subject in one category, summed in fen. */
export interface SubjectCredit {
  subject: string;
  category: CreditCategory;
  amount: string | number;
}

/**
 * 返投认定金额: Σ over subjects of max over categories of (weight × Σ approved amounts, rounded half up to the fen).
 * One subject is never counted twice; a subject moved to a higher-weighted category adds only the difference.
 */
export function creditedAmount(credits: SubjectCredit[], weights: Weights): Dec {
  const best = new Map<string, Dec>();
  for (const c of credits) {
    const weighted = new Dec(c.amount).mul(weights[c.category]).toDecimalPlaces(0);
    const prev = best.get(c.subject);
    if (!prev || weighted.gt(prev)) best.set(c.subject, weighted);
  }
  let total = new Dec(0);
  for (const v of best.values()) total = total.plus(v);
  return total;
}

export interface ReinvestmentFigures {
  multiple: string;
  base: ReinvestmentBase;
  required: string | null;
  credited: string | null;
  rate: string | null;
  gap: string | null;
  paceOk: boolean | null;
}

/**
 * 返投: required = k × base; rate = credited / required; gap = max(0, required − credited);
 * paceOk (进度) = rate ≥ 0.5 once invested/committed ≥ 0.5. Everything but k and base is null when k = 0.
 */
export function reinvestment(
  rule: Rule,
  base: DecInput,
  credited: DecInput,
  invested: DecInput,
  committed: DecInput,
): ReinvestmentFigures {
  const k = new Dec(rule.multiple);
  const multiple = k.toFixed(4);
  if (k.isZero()) {
    return { multiple, base: rule.base, required: null, credited: null, rate: null, gap: null, paceOk: null };
  }
  const [baseFen, creditedFen, investedFen, committedFen] = [base, credited, invested, committed].map((x) => new Dec(x)) as [Dec, Dec, Dec, Dec];
  const required = k.mul(baseFen);
  const rate = ratio(creditedFen, required);
  const gap = Dec.max(0, required.minus(creditedFen));
  const deployed = committedFen.isZero() ? null : investedFen.div(committedFen);
  const paceOk = deployed !== null && deployed.gte(0.5) ? required.isZero() || creditedFen.div(required).gte(0.5) : true;
  return { multiple, base: rule.base, required: fenToYuan(required), credited: fenToYuan(creditedFen), rate, gap: fenToYuan(gap), paceOk };
}

import type { DecInput } from './decimal';
import { Fraction, integerOf, integerQuotient, ratio, roundedQuotient } from './fraction';
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
export function fundRule(f: {
  reinvestMultiple: string;
  reinvestBase: ReinvestmentBase;
  reinvestWeights: string | null;
}): Rule {
  const stored = f.reinvestWeights ? (JSON.parse(f.reinvestWeights) as Partial<Weights>) : {};
  return { multiple: f.reinvestMultiple, base: f.reinvestBase, weights: { ...categoryWeightDefaults, ...stored } };
}

/** Approved credits of one subject in one category, summed in fen. */
export interface SubjectCredit {
  subject: string;
  category: CreditCategory;
  amount: bigint | string | number;
}

/**
 * 返投认定金额: Σ over subjects of max over categories of (weight × Σ approved amounts, rounded half up to the fen).
 * One subject is never counted twice; a subject moved to a higher-weighted category adds only the difference.
 * Exact in BigInt: amounts are whole fen, weights decimal strings.
 */
export function creditedAmount(credits: SubjectCredit[], weights: Weights): bigint {
  const w = new Map<string, Fraction>();
  const best = new Map<string, bigint>();
  for (const c of credits) {
    let weight = w.get(c.category);
    if (!weight) w.set(c.category, (weight = Fraction.from(weights[c.category])));
    const weighted = roundedQuotient(wholeFen(c.amount) * weight.n, weight.d);
    const prev = best.get(c.subject);
    if (prev === undefined || weighted > prev) best.set(c.subject, weighted);
  }
  let total = 0n;
  for (const v of best.values()) total += v;
  return total;
}

/** An amount summed from records: whole fen. */
function wholeFen(x: DecInput): bigint {
  const fen = integerOf(x);
  if (fen === null) throw new Error(`not a whole amount in fen: ${String(x)}`);
  return fen;
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
 * Amounts are whole fen and k a decimal string K / D, so every figure is an exact fraction over D, in BigInt:
 * required = K × base / D is rounded (half up, to the fen) only for output; rate and pace use it exactly.
 */
export function reinvestment(
  rule: Rule,
  base: DecInput,
  credited: DecInput,
  invested: DecInput,
  committed: DecInput,
): ReinvestmentFigures {
  const k = Fraction.from(rule.multiple);
  const multiple = integerQuotient(k.n, k.d, 4);
  if (k.n === 0n) {
    return { multiple, base: rule.base, required: null, credited: null, rate: null, gap: null, paceOk: null };
  }
  const [baseFen, creditedFen, investedFen, committedFen] = [base, credited, invested, committed].map(wholeFen) as [
    bigint,
    bigint,
    bigint,
    bigint,
  ];
  // Over the common denominator k.d: required = K × base, credited = credited × D.
  const required = k.n * baseFen;
  const creditedD = creditedFen * k.d;
  const gap = required > creditedD ? required - creditedD : 0n;
  const deployedHalf = committedFen !== 0n && 2n * investedFen >= committedFen;
  const paceOk = deployedHalf ? required === 0n || 2n * creditedD >= required : true;
  return {
    multiple,
    base: rule.base,
    required: fenToYuan(roundedQuotient(required, k.d)),
    credited: fenToYuan(creditedFen),
    rate: ratio(creditedD, required),
    gap: fenToYuan(roundedQuotient(gap, k.d)),
    paceOk,
  };
}

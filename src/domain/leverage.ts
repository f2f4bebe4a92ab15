import type { Dec, DecInput } from './decimal';
import { Fraction, ratio } from './fraction';
import { pushTo } from './groups';

/** Money into one fund from one kind of investor (aggregated commitments and their paid amounts, in fen). */
export interface Inflow {
  fundId: number;
  investorType: 'fiscal' | 'soe' | 'social' | 'fund';
  investorFundId: number | null;
  committed: bigint | string | number;
  paid: bigint | string | number;
}

export interface FiscalShare {
  committed: Fraction;
  paid: Fraction;
}

const NONE = Fraction.of(0);

/**
 * 财政资金穿透: fiscalIn(f) = Σ fiscal commitments into f + Σ over fund investors p of
 * commitment(p→f) × fiscalIn(p) / committed(p); the paid basis uses paid amounts and paid shares.
 * Money flows down any number of levels; an investment cycle (which writes refuse) contributes nothing.
 * Exact fractions of whole fen (BigInt): a share is rounded to the fen only for output (SPEC §5).
 */
export function fiscalFlows(inflows: Inflow[]): Map<number, FiscalShare> {
  const into = new Map<number, Inflow[]>();
  const totals = new Map<number, { committed: bigint; paid: bigint }>();
  for (const i of inflows) {
    pushTo(into, i.fundId, i);
    const t = totals.get(i.fundId);
    if (t) {
      t.committed += BigInt(i.committed);
      t.paid += BigInt(i.paid);
    } else totals.set(i.fundId, { committed: BigInt(i.committed), paid: BigInt(i.paid) });
  }
  // amount × share / total, exact (total ≠ 0).
  const through = (amount: bigint, share: Fraction, total: bigint): Fraction =>
    share.times(Fraction.from(amount)).div(Fraction.from(total));
  const done = new Map<number, FiscalShare>();
  const visiting = new Set<number>();
  const visit = (f: number): FiscalShare => {
    const known = done.get(f);
    if (known) return known;
    if (visiting.has(f)) return { committed: NONE, paid: NONE };
    visiting.add(f);
    let committed = NONE;
    let paid = NONE;
    for (const i of into.get(f) ?? []) {
      if (i.investorType === 'fiscal') {
        committed = committed.plus(Fraction.from(BigInt(i.committed)));
        paid = paid.plus(Fraction.from(BigInt(i.paid)));
      } else if (i.investorType === 'fund' && i.investorFundId !== null) {
        const up = visit(i.investorFundId);
        const upTotal = totals.get(i.investorFundId);
        if (upTotal && upTotal.committed !== 0n)
          committed = committed.plus(through(BigInt(i.committed), up.committed, upTotal.committed));
        if (upTotal && upTotal.paid !== 0n) paid = paid.plus(through(BigInt(i.paid), up.paid, upTotal.paid));
      }
    }
    visiting.delete(f);
    const share = { committed, paid };
    done.set(f, share);
    return share;
  };
  for (const f of into.keys()) visit(f);
  return done;
}

/** An amount in fen: exact (BigInt, as summed from records) or derived (a fiscal share: an exact fraction). */
export type Amount = bigint | Fraction | Dec;

export interface CapitalFigures {
  committed: Amount;
  paidIn: Amount;
  parentCommitted: Amount | null;
  parentPaidIn: Amount | null;
  fiscalIn: Amount;
  fiscalPaidIn: Amount;
  invested: Amount;
}

export interface ChildFigures {
  committed: Amount;
  paidIn: Amount;
  fromParentCommitted: Amount;
  fromParentPaidIn: Amount;
  fiscalIn: Amount;
  fiscalPaidIn: Amount;
}

export interface Pair {
  committed: string | null;
  paidIn: string | null;
}

const pair = (num: [Amount, Amount], den: [Amount | null, Amount | null]): Pair => ({
  committed: den[0] === null ? null : ratio(num[0], den[0]),
  paidIn: den[1] === null ? null : ratio(num[1], den[1]),
});
/** Σ of amounts, exact: BigInt while every one is whole, else a fraction. */
const sum = (xs: Amount[]): Amount =>
  xs.every((x): x is bigint => typeof x === 'bigint')
    ? xs.reduce((a, b) => a + b, 0n)
    : xs.reduce((a: Fraction, b) => a.plus(Fraction.from(b)), NONE);

/** 母基金出资放大倍数: committed(f) / parentCommitted(f); null for a fund without a parent. */
export function parentLeverage(c: CapitalFigures): Pair {
  return pair([c.committed, c.paidIn], [c.parentCommitted, c.parentPaidIn]);
}

/** 财政资金放大倍数: committed(f) / fiscalIn(f). */
export function fiscalLeverage(c: CapitalFigures): Pair {
  return pair([c.committed, c.paidIn], [c.fiscalIn, c.fiscalPaidIn]);
}

/** 子基金放大倍数: Σ committed(c) / Σ committed(f→c) over the direct children c; null without children. */
export function subFundLeverage(children: ChildFigures[]): Pair {
  if (children.length === 0) return { committed: null, paidIn: null };
  return pair(
    [sum(children.map((c) => c.committed)), sum(children.map((c) => c.paidIn))],
    [sum(children.map((c) => c.fromParentCommitted)), sum(children.map((c) => c.fromParentPaidIn))],
  );
}

/** 穿透财政放大倍数: Σ committed(c) / Σ fiscalIn(c) over the direct children c; null without children. */
export function subFundFiscalLeverage(children: ChildFigures[]): Pair {
  if (children.length === 0) return { committed: null, paidIn: null };
  return pair(
    [sum(children.map((c) => c.committed)), sum(children.map((c) => c.paidIn))],
    [sum(children.map((c) => c.fiscalIn)), sum(children.map((c) => c.fiscalPaidIn))],
  );
}

/** 带动投资倍数: Σ round sizes over the distinct rounds the family joined / invested(f). */
export function investmentLeverage(roundSizes: DecInput, invested: DecInput): string | null {
  return ratio(roundSizes, invested);
}

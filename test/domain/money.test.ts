import { describe, expect, it } from 'vitest';
import { moneyProblem, yuanToFen } from '../../src/domain/money';

describe('moneyProblem: which wire amounts (元, decimal string) are refused, and why', () => {
  it.each([
    ['500000000'], // integer 元
    ['500000000.00'], // two decimals
    ['1234.5'], // one decimal
    ['0'], // zero is an amount (a project with no planned figure yet)
    ['0.01'], // one fen
    [' 12.50 '], // surrounding spaces are trimmed
    ['9999999999999.99'], // just under the cap
    ['10000000000000'], // the cap, 10^13 元
    ['10000000000000.00'], // the cap with zero decimals
  ])('%j is accepted', (value) => {
    expect(moneyProblem(value)).toBeNull();
  });

  it.each([
    [500, /字符串/], // a JSON number could be a float: refused
    [null, /字符串/],
    [undefined, /字符串/],
    ['-1', /负数/],
    ['-0.01', /负数/],
    ['1.234', /两位小数/], // 3 decimals: below the fen
    ['0.001', /两位小数/],
    ['', /格式/],
    ['01', /格式/], // a leading zero
    ['.5', /格式/],
    ['1.', /格式/],
    ['1e3', /格式/],
    ['1,000', /格式/],
    ['１２３', /格式/], // full-width digits
    ['10000000000000.01', /不能超过/], // one fen over 10^13 元
    ['10000000000001', /不能超过/], // one 元 over
    ['99999999999999', /不能超过/], // 14 digits
    ['123456789012345', /不能超过/], // 15 digits
  ])('%j is refused (%s)', (value, message) => {
    expect(moneyProblem(value)).toMatch(message);
  });
});

describe('yuanToFen: an accepted 元 string → integer fen', () => {
  it.each([
    ['0', 0],
    ['0.01', 1],
    ['0.1', 10], // one decimal means 角: 10 fen
    ['1234.5', 123450],
    ['1234.56', 123456],
    [' 12.50 ', 1250],
    ['500000000', 50000000000], // 5亿元 × 100
    ['9999999999999.99', 999999999999999], // 10^15 − 1 fen, still an exact JS integer (< 2^53)
    ['10000000000000', 1000000000000000], // 10^13 元 = 10^15 fen
  ] as const)('%j → %d fen', (value, fen) => {
    expect(yuanToFen(value)).toBe(fen);
  });
});

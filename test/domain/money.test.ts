import { describe, expect, it } from 'vitest';
import { moneyProblem, parseAmount, yuanToFen } from '../../src/domain/money';

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

describe('parseAmount: amounts as people in China type them, to exact 元', () => {
  it.each([
    ['100万', 'yuan', '1000000'], // 100 × 10^4
    ['1.5亿', 'yuan', '150000000'], // 1.5 × 10^8
    ['1.5 亿元', 'yuan', '150000000'], // a space and 亿元
    ['1,234.56', 'yuan', '1234.56'], // thousands grouped with commas
    ['１２３４', 'yuan', '1234'], // full-width digits (NFKC)
    ['１，２３４．５', 'yuan', '1234.5'], // full-width comma and point
    ['12345.6元', 'yuan', '12345.6'], // 元 written out
    ['0.01万元', 'yuan', '100'], // 0.01 × 10^4
    ['0.000001万', 'yuan', '0.01'], // 10^-6 × 10^4 = 0.01 元: one fen, the smallest amount
    ['1.2345万元', 'wan', '12345'], // 1.2345 × 10^4
    ['1234.56', 'yuan', '1234.56'], // the plain form
    [' 500000000.00 ', 'yuan', '500000000'], // trimmed; trailing zeros are not decimals
    ['12.300', 'yuan', '12.3'], // as many zeros as you like
    ['6000', 'wan', '60000000'], // a bare number in a 万元 column: 6000 × 10^4
    ['0.000001', 'wan', '0.01'], // 6 decimals of 万元 = 2 of 元
    ['1.5亿', 'wan', '150000000'], // a written unit wins over the column's
    ['12345.6元', 'wan', '12345.6'],
    ['2万', 'wan', '20000'],
    ['9,999,999,999,999.99', 'yuan', '9999999999999.99'],
  ] as const)('%j in a %s column is %s 元', (text, unit, yuan) => {
    expect(parseAmount(text, unit)).toEqual({ yuan });
  });

  it.each([
    ['1万2', 'yuan', /格式/], // 1万2千 is not a number
    ['万', 'yuan', /格式/], // a unit with no number
    ['-5万', 'yuan', /负数/],
    ['－5', 'yuan', /负数/], // full-width minus
    ['1e5', 'yuan', /格式/], // no exponents
    ['1.234', 'yuan', /两位小数/], // below the fen
    ['0.0000001万', 'yuan', /两位小数/], // 0.001 元
    ['0.0000001', 'wan', /两位小数/],
    ['1,23', 'yuan', /格式/], // commas only between groups of three
    ['1,2345.6', 'yuan', /格式/],
    ['.5万', 'yuan', /格式/],
    ['5.万', 'yuan', /格式/],
    ['100千', 'yuan', /格式/], // 千 is not a unit touyin reads
    ['100万万', 'yuan', /格式/],
    ['', 'yuan', /格式/],
    ['一百万', 'yuan', /格式/],
    ['1'.repeat(30), 'yuan', /不能超过/],
  ] as const)('%j in a %s column is refused', (text, unit, message) => {
    const result = parseAmount(text, unit);
    expect('problem' in result && result.problem).toMatch(message);
  });

  it("the format message names the forms it accepts, in the column's unit", () => {
    expect(parseAmount('abc', 'yuan')).toEqual({
      problem: '金额格式不正确：应为数字，单位元，也可写明单位，如 1234.56、1,234.56、100万、1.5亿、12345.6元',
    });
    expect(parseAmount('abc', 'wan')).toMatchObject({ problem: expect.stringContaining('单位万元') });
  });
});

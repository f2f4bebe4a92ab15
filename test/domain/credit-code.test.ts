import { describe, expect, it } from 'vitest';
import { creditCodeCheckChar, creditCodeProblem } from '../../src/domain/credit-code';

// GB 32100-2015: check = CHARS[(31 − Σ value(c_i) × w_i mod 31) mod 31], CHARS = 0-9 then ABCDEFGHJKLMNPQRTUWXY (10…30),
// w = 1 3 9 27 19 26 16 17 20 29 25 13 8 24 10 30 28.
describe('creditCodeCheckChar', () => {
  it.each([
    // 9·1 + 1·3 + 4·9 + 4·27 + 0 + 3·26 + 0 + 0 + 7·20 + 0 + 8·25 + 4·13 + 6·8 + 1·24 + 1·10 + 3·30 + 6·28 = 966;
    // 966 mod 31 = 5; 31 − 5 = 26 → 'T' (the published code of 深圳市腾讯计算机系统有限公司)
    ['91440300708461136', 'T'],
    // 9 + 3 + 36 + 108 + 0 + 78 + 0 + 0 + 1·20 + 9·29 + 2·25 + 2·13 + 0 + 3·24 + 8·10 + 2·30 + 1·28 = 831;
    // 831 mod 31 = 25; 31 − 25 = 6 → '6' (the published code of 华为技术有限公司)
    ['91440300192203821', '6'],
    // as the first row but J (18) at position 17: 966 − 6·28 + 18·28 = 1302 = 42 × 31 → mod 31 = 0 → (31 − 0) mod 31 = 0 → '0'
    ['9144030070846113J', '0'],
  ])('%s → %s', (first17, check) => {
    expect(creditCodeCheckChar(first17)).toBe(check);
  });

  it.each([
    ['9144030070846113I'],
    ['9144030070846113O'],
    ['9144030070846113S'],
    ['9144030070846113V'],
    ['9144030070846113Z'],
    ['9144030070846113a'],
  ])('%s has a character the standard does not use → null', (first17) => {
    expect(creditCodeCheckChar(first17)).toBeNull();
  });
});

describe('creditCodeProblem', () => {
  it.each([['91440300708461136T'], ['914403001922038216'], ['9144030070846113J0']])('%s is valid', (code) => {
    expect(creditCodeProblem(code)).toBeNull();
  });

  it.each([
    ['91440300708461136', /18 位/], // 17 characters
    ['91440300708461136TT', /18 位/], // 19 characters
    ['', /18 位/],
    ['91440300708461136t', /不允许的字符/], // lower case is not in the character set
    ['9144030070846113I6', /不允许的字符/], // I is never used
    ['91A40300708461136T', /行政区划代码/], // positions 3–8 must be digits
    ['91440300708461136U', /校验位/], // check should be T
    ['914403001922038217', /校验位/], // check should be 6
  ])('%j is refused (%s)', (code, message) => {
    expect(creditCodeProblem(code)).toMatch(message);
  });
});

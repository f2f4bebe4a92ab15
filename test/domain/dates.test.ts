import { describe, expect, it } from 'vitest';
import { addDays, chinaToday, daysBetween, isIsoDate } from '../../src/domain/dates';

describe('isIsoDate', () => {
  it.each([
    ['2024-12-31', true],
    ['2024-02-29', true], // 2024 is a leap year
    ['2000-02-29', true], // divisible by 400: leap
    ['1900-01-01', true], // the earliest accepted
    ['2023-02-29', false], // 2023 is not a leap year
    ['1900-02-29', false], // divisible by 100, not by 400: not leap
    ['2024-02-30', false],
    ['2024-04-31', false],
    ['2024-13-01', false],
    ['2024-00-10', false],
    ['2024-01-00', false],
    ['1899-12-31', false], // before 1900
    ['2024-1-01', false], // not zero-padded
    ['24-01-01', false],
    ['2024/01/01', false],
    ['2024-01-01T00:00:00Z', false], // a timestamp, not a date
    ['', false],
  ])('%j → %s', (s, expected) => {
    expect(isIsoDate(s)).toBe(expected);
  });
});

describe('addDays', () => {
  it.each([
    ['2024-02-28', 1, '2024-02-29'], // leap day
    ['2023-02-28', 1, '2023-03-01'], // no leap day in 2023
    ['2024-12-31', 1, '2025-01-01'],
    ['2024-03-01', -1, '2024-02-29'],
    // overdue cut-offs (SPEC §4: on or before D − 180):
    ['2025-06-30', -180, '2025-01-01'], // Jan 31 + Feb 28 + Mar 31 + Apr 30 + May 31 = 151 → Jun 1; + 29 → Jun 30: 180
    ['2024-12-31', -180, '2024-07-04'], // Jul 4 → Aug 4 (31) → Sep 4 (62) → Oct 4 (92) → Nov 4 (123) → Dec 4 (153) → Dec 31 (180)
    ['2024-06-30', -180, '2024-01-02'], // 2024 is leap: Jan 2 → Jun 2 is 31+29+31+30+31 = 152; + 28 = 180
    ['2024-01-10', 0, '2024-01-10'],
  ] as const)('%s %+d days → %s', (iso, days, expected) => {
    expect(addDays(iso, days)).toBe(expected);
  });
});

describe('daysBetween: whole days from one date to another', () => {
  it.each([
    ['2024-01-01', '2024-12-31', 365], // 366 days in 2024, the last one 365 after the first
    ['2023-01-01', '2023-12-31', 364],
    ['2024-01-01', '2025-01-01', 366],
    ['2024-02-28', '2024-03-01', 2], // through Feb 29
    ['2023-02-28', '2023-03-01', 1],
    ['2025-01-01', '2025-06-30', 180], // SPEC §4 overdue: D − 180
    ['2024-06-30', '2024-01-01', -181], // backwards is negative
    ['2024-06-30', '2024-06-30', 0],
    ['2024-03-30', '2024-03-31', 1], // no daylight-saving hour in UTC dates
  ] as const)('%s → %s: %i', (from, to, expected) => {
    expect(daysBetween(from, to)).toBe(expected);
  });
});

describe('chinaToday: the date in Asia/Shanghai (UTC+8)', () => {
  it.each([
    ['2026-11-21T15:59:59Z', '2026-11-21'], // 23:59:59 in China
    ['2026-11-21T16:00:00Z', '2026-11-22'], // midnight in China, still the 21st in UTC
    ['2026-11-22T04:00:00Z', '2026-11-22'], // noon in China (the test clock)
    ['2024-12-31T16:00:00Z', '2025-01-01'], // new year in China first
  ])('%s → %s', (instant, expected) => {
    expect(chinaToday(new Date(instant))).toBe(expected);
  });
});

// One date and amount rule for 分配, 估值 and 退出 on the API and the fund-flows import (issue 21.5): not after today,
// not before the fund's establishment (or its first commitment when none is recorded), and distributions and NAV
// more than zero. The same message on both paths, as the rule is one function (fundFlowDateProblem).
import { beforeEach, describe, expect, it } from 'vitest';
import { TODAY, testApp, type TestApp } from '../helpers';
import { csvOf, upload } from '../excel/fixtures';

const TOMORROW = '2026-11-23'; // TODAY + 1

let t: TestApp;
let established: number;
let committedOnly: number;
let bare: number;
let investment: number;
beforeEach(async () => {
  t = await testApp();
  established = (
    await t.create<{ id: number }>('/api/funds', { name: '成立基金', level: 'mother', establishedOn: '2020-03-01' })
  ).id;
  committedOnly = (await t.create<{ id: number }>('/api/funds', { name: '认缴基金', level: 'mother' })).id;
  await t.create(`/api/funds/${committedOnly}/commitments`, {
    investorType: 'social',
    investorName: '甲',
    amount: '1000000',
    committedOn: '2021-05-10',
  });
  await t.create(`/api/funds/${committedOnly}/commitments`, {
    investorType: 'social',
    investorName: '乙',
    amount: '1000000',
    committedOn: '2022-01-01',
  });
  bare = (await t.create<{ id: number }>('/api/funds', { name: '空白基金', level: 'mother' })).id;
  investment = (
    await t.create<{ id: number }>(`/api/funds/${established}/investments`, {
      company: { name: '芜湖被投科技有限公司' },
      amount: '100000',
      investedOn: '2020-01-15',
    })
  ).id;
});

/** The message of the 400's only issue, which names `field`. */
async function refusal(method: string, path: string, body: unknown, field: string) {
  const r = await t.call(method, path, body);
  expect(r.status, JSON.stringify(r.body)).toBe(400);
  expect(r.body.error.issues).toHaveLength(1);
  expect(r.body.error.issues[0].path).toBe(field);
  return r.body.error.issues[0].message as string;
}

describe('the API', () => {
  it('refuses a distribution, a valuation or an exit dated after today or before the fund began', async () => {
    for (const on of ['9999-12-31', TOMORROW]) {
      expect(
        await refusal(
          'POST',
          `/api/funds/${established}/distributions`,
          { amount: '100', paidOn: on, kind: 'income' },
          'paidOn',
        ),
      ).toBe(`日期不能晚于今天（${TODAY}）`);
      expect(await refusal('POST', `/api/funds/${established}/valuations`, { nav: '100', on }, 'on')).toBe(
        `日期不能晚于今天（${TODAY}）`,
      );
      expect(
        await refusal('POST', `/api/investments/${investment}/exit`, { exitedOn: on, exitProceeds: '100' }, 'exitedOn'),
      ).toBe(`日期不能晚于今天（${TODAY}）`);
    }
    const beforeEstablished = '日期不能早于基金的成立日 2020-03-01';
    expect(
      await refusal(
        'POST',
        `/api/funds/${established}/distributions`,
        { amount: '100', paidOn: '2020-02-29', kind: 'income' },
        'paidOn',
      ),
    ).toBe(beforeEstablished);
    expect(await refusal('POST', `/api/funds/${established}/valuations`, { nav: '100', on: '1900-01-01' }, 'on')).toBe(
      beforeEstablished,
    );
    expect(
      await refusal(
        'POST',
        `/api/investments/${investment}/exit`,
        { exitedOn: '2020-02-01', exitProceeds: '100' },
        'exitedOn',
      ),
    ).toBe(beforeEstablished);
    // No establishment date: the first commitment (the earlier of two) is the start.
    expect(
      await refusal(
        'POST',
        `/api/funds/${committedOnly}/distributions`,
        { amount: '100', paidOn: '2021-05-09', kind: 'income' },
        'paidOn',
      ),
    ).toBe('日期不能早于基金的首笔认缴日（未登记成立日） 2021-05-10');
    expect((await t.get(`/api/funds/${established}/distributions`)).body.items).toEqual([]);
  });

  it('takes the fund’s first day, today, and any date for a fund with neither start', async () => {
    await t.create(`/api/funds/${established}/distributions`, { amount: '100', paidOn: '2020-03-01', kind: 'income' });
    await t.create(`/api/funds/${established}/valuations`, { nav: '100', on: TODAY });
    await t.create(`/api/funds/${committedOnly}/valuations`, { nav: '100', on: '2021-05-10' });
    await t.create(`/api/funds/${bare}/valuations`, { nav: '100', on: '2001-01-01' });
    expect(
      (await t.call('POST', `/api/investments/${investment}/exit`, { exitedOn: '2020-03-01', exitProceeds: '0' }))
        .status,
    ).toBe(200);
  });

  it('refuses a zero distribution or NAV', async () => {
    expect(
      await refusal(
        'POST',
        `/api/funds/${established}/distributions`,
        { amount: '0.00', paidOn: '2024-01-01', kind: 'income' },
        'amount',
      ),
    ).toBe('金额须大于 0');
    expect(await refusal('POST', `/api/funds/${established}/valuations`, { nav: '0', on: '2024-01-01' }, 'nav')).toBe(
      '金额须大于 0',
    );
  });
});

describe('the fund-flows import', () => {
  it('refuses the same rows with the same messages, and writes nothing', async () => {
    const csv = csvOf([
      ['基金', '类型', '日期', '金额（元）'],
      ['成立基金', '分配-收益', '2020-02-29', '100'],
      ['认缴基金', '估值', '2021-05-09', '100'],
      ['成立基金', '估值', '2024-01-01', '0'],
      ['成立基金', '分配-返还本金', '9999-12-31', '100'],
      ['空白基金', '估值', '2001-01-01', '100'],
      ['成立基金', '分配-收益', '2020-03-01', '100'],
    ]);
    const r = await upload(t, csv, { path: '/api/imports/fund-flows', query: '?dryRun=1' });
    expect(r.status, JSON.stringify(r.body)).toBe(400);
    const problems = (r.body.rows as { row: number; column: string; message: string }[]).map((p) => [
      p.row,
      p.column,
      p.message,
    ]);
    expect(problems).toEqual([
      [2, '日期', '日期不能早于基金的成立日 2020-03-01'],
      [3, '日期', '日期不能早于基金的首笔认缴日（未登记成立日） 2021-05-10'],
      [4, '金额（元）', '金额须大于 0'],
      [5, '日期', `日期不能晚于今天（${TODAY}）`],
    ]);
    const counts = t.sqlite
      .prepare('select (select count(*) from distributions) + (select count(*) from valuations) as n')
      .get() as { n: number };
    expect(counts.n).toBe(0);
  });
});

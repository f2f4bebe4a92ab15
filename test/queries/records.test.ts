// The record reads that GET /api/funds/:id and the fund and records pages share: each fund carries its own
// commitments (read in the fund's row by a correlated subquery), and a manager's session carries its scope.
import { describe, expect, it } from 'vitest';
import { testApp } from '../helpers';

describe('a fund with its commitments', () => {
  it('lists the commitments into that fund only, with what was paid into each, also where a commitment id equals another fund id', async () => {
    const t = await testApp();
    const mother = await t.create('/api/funds', { name: '承诺测试母基金', level: 'mother' });
    const sub = await t.create('/api/funds', { name: '承诺测试子基金', level: 'sub', parentId: mother.id });
    const other = await t.create('/api/funds', { name: '无认缴基金', level: 'mother' });
    // Both commitments go into the sub-fund; a subquery not tied to the fund's own row would list one under every fund.
    const fromMother = await t.create(`/api/funds/${sub.id}/commitments`, {
      investorType: 'fund',
      investorFundId: mother.id,
      amount: '100000000',
      committedOn: '2024-01-01',
    });
    const social = await t.create(`/api/funds/${sub.id}/commitments`, {
      investorType: 'social',
      investorName: '社会出资人',
      amount: '300000000.50',
      committedOn: '2024-01-02',
    });
    await t.create(`/api/commitments/${fromMother.id}/contributions`, { amount: '40000000', paidOn: '2024-02-01' });
    await t.create(`/api/commitments/${fromMother.id}/contributions`, { amount: '10000000.25', paidOn: '2024-03-01' });

    const bodyOf = async (id: number) =>
      (await t.ok('GET', `/api/funds/${id}`)) as {
        commitments: { id: number; amount: string; paidIn: string }[];
        children: { id: number }[];
      };
    expect((await bodyOf(mother.id)).commitments).toEqual([]);
    expect((await bodyOf(other.id)).commitments).toEqual([]);
    const detail = await bodyOf(sub.id);
    expect(detail.commitments.map((m) => [m.id, m.amount, m.paidIn])).toEqual([
      [fromMother.id, '100000000.00', '50000000.25'], // 40,000,000 + 10,000,000.25
      [social.id, '300000000.50', '0.00'],
    ]);
    expect((await bodyOf(mother.id)).children.map((c) => c.id)).toEqual([sub.id]);

    // The records page lists each fund's commitments in its picker: the two of the sub-fund, under the sub-fund.
    const html = await (await t.app.request('/records', { headers: { cookie: await login(t) } })).text();
    expect(html.match(/承诺测试子基金 ← /g)).toHaveLength(2);
    expect(html).not.toMatch(/承诺测试母基金 ← |无认缴基金 ← /);
  });
});

async function login(t: Awaited<ReturnType<typeof testApp>>) {
  await t.create('/api/users', { username: 'records-staff', role: 'staff', password: 'secret-pass-1' });
  const page = await t.app.request('/login');
  const csrf = /name="csrf" value="([^"]+)"/.exec(await page.text())![1]!;
  const res = await t.app.request('/login', {
    method: 'POST',
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      cookie: page.headers
        .getSetCookie()
        .map((c) => c.split(';')[0])
        .join('; '),
    },
    body: new URLSearchParams({ csrf, username: 'records-staff', password: 'secret-pass-1', next: '/' }).toString(),
  });
  return res.headers
    .getSetCookie()
    .find((c) => c.startsWith('touyin_session='))!
    .split(';')[0]!;
}

import { describe, expect, it } from 'vitest';
import { prng } from '../../seed/random';
import { testApp, type Reply } from '../helpers';

// Property: every money field of every write route, given edge amounts (0, one fen, the 10^13 元 maximum, just over
// it, negative, malformed) over and over, never answers 5xx; a refusal changes nothing; and afterwards every report
// still answers with exactly the sum of what was accepted — also once the sums pass int64 (9.2 × 10^18 fen).

const edges = [
  '10000000000000',
  '10000000000000.00',
  '9999999999999.99',
  '0',
  '0.01',
  '10000000000000.01',
  '100000000000000',
  '-1',
  '1e13',
  '',
  '0.001',
];
const yuan = (fen: bigint) => `${fen / 100n}.${String(fen % 100n).padStart(2, '0')}`;
const fenOf = (amount: string) => {
  const [i = '0', f = ''] = amount.split('.');
  return BigInt(i) * 100n + BigInt(f.padEnd(2, '0'));
};

describe('huge amounts through every money field', () => {
  it('no 5xx, refusals change nothing, reports stay exact', async () => {
    const t = await testApp();
    const r = prng(20261122);
    const unit = await t.create('/api/units', { name: '测试区' });
    const mother = await t.create('/api/funds', { name: '母基金', level: 'mother' });
    const fund = await t.create('/api/funds', {
      name: '子基金',
      level: 'sub',
      parentId: mother.id,
      reinvestment: { multiple: '1', base: 'fund_committed' },
    });
    const total = { committed: 0n, paid: 0n, invested: 0n, planned: 0n, arrived: 0n, credited: 0n };
    const commitments: { id: number; left: bigint }[] = [];
    const projects: number[] = [];
    let n = 0;
    const statuses = new Map<number, number>();
    const send = async (path: string, body: unknown): Promise<Reply> => {
      const res = await t.call('POST', path, body);
      statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
      expect(res.status, `${path} ${JSON.stringify(body)} → ${JSON.stringify(res.body)}`).toBeLessThan(500);
      return res;
    };
    const amount = () => r.pick(edges);

    for (let i = 0; i < 240; i++) {
      const a = amount();
      switch (r.int(0, 5)) {
        case 0: {
          const res = await send(`/api/funds/${fund.id}/commitments`, {
            investorType: 'social',
            investorName: '社会出资人',
            amount: a,
            committedOn: '2024-01-01',
          });
          if (res.status === 201) {
            total.committed += fenOf(a);
            commitments.push({ id: res.body.id, left: fenOf(a) });
          }
          break;
        }
        case 1: {
          const m = commitments.length ? r.pick(commitments) : null;
          if (!m) break;
          const res = await send(`/api/commitments/${m.id}/contributions`, { amount: a, paidOn: '2024-01-02' });
          if (res.status === 201) {
            total.paid += fenOf(a);
            m.left -= fenOf(a);
          } else if (res.status === 409) expect(fenOf(a)).toBeGreaterThan(m.left); // beyond the commitment
          break;
        }
        case 2: {
          const res = await send(`/api/funds/${fund.id}/investments`, {
            company: { name: `被投企业${++n}` },
            amount: a,
            investedOn: '2024-01-03',
            round: 'A',
            roundSize: r.chance(0.5) ? amount() : null,
            preMoney: r.chance(0.5) ? amount() : null,
          });
          if (res.status === 201) total.invested += fenOf(a);
          break;
        }
        case 3: {
          const res = await send('/api/projects', {
            name: `项目${++n}`,
            sourceType: 'fund',
            sourceFundId: fund.id,
            reportedOn: '2024-01-01',
            plannedTotal: a,
            plannedFixedAsset: r.chance(0.5) ? amount() : null,
            introducingUnitId: unit.id,
            landingUnitId: unit.id,
          });
          if (res.status === 201) {
            projects.push(res.body.id);
            expect(
              (await send(`/api/projects/${res.body.id}/milestones`, { stage: 'signed', on: '2024-02-01' })).status,
            ).toBe(201);
            total.planned += fenOf(a);
          }
          break;
        }
        case 4: {
          const p = projects.length ? r.pick(projects) : null;
          if (!p) break;
          const res = await send(`/api/projects/${p}/arrivals`, {
            amount: a,
            arrivedOn: '2024-06-01',
            kind: 'fixed_asset',
          });
          if (res.status === 201) total.arrived += fenOf(a);
          break;
        }
        case 5: {
          const p = projects.length ? r.pick(projects) : null;
          if (!p) break;
          // Each credit on its own project subject, weight 1: credited is their plain sum.
          const res = await send(`/api/funds/${fund.id}/reinvestment-credits`, {
            category: 'local_company',
            amount: a,
            on: '2024-01-04',
            projectId: p,
          });
          if (res.status === 201) {
            expect((await send(`/api/reinvestment-credits/${res.body.id}/approve`, {})).status).toBe(200);
            projects.splice(projects.indexOf(p), 1);
            total.credited += fenOf(a);
          }
          break;
        }
      }
    }
    expect(statuses.get(201)).toBeGreaterThan(40);
    expect(statuses.get(400)).toBeGreaterThan(40);

    const check = async () => {
      for (const id of [fund.id, mother.id]) {
        const m = await t.ok('GET', `/api/funds/${id}/metrics?asOf=2024-12-31`);
        expect(m.capital.invested).toBe(yuan(total.invested));
        expect(m.outcomes.plannedTotal).toBe(yuan(total.planned));
        expect(m.outcomes.arrived).toBe(yuan(total.arrived));
        if (id === fund.id) {
          expect(m.capital).toMatchObject({ committed: yuan(total.committed), paidIn: yuan(total.paid) });
          expect(m.reinvestment.credited).toBe(yuan(total.credited));
        }
      }
      const units = await t.ok('GET', '/api/reports/units?asOf=2024-12-31');
      expect(units.units[0].outcomes).toMatchObject({
        plannedTotal: yuan(total.planned),
        arrived: yuan(total.arrived),
      });
      for (const path of ['/api/reports/funds', '/api/reports/pipeline', '/api/exports/funds.xlsx'])
        expect((await t.get(path)).status, path).toBe(200);
    };
    await check();

    // The same reports once the arrivals of one project pass int64: 9,300 more of 10^15 fen each, in bulk.
    const target =
      projects[0] ??
      (
        await t.create('/api/projects', {
          name: '到资项目',
          sourceType: 'fund',
          sourceFundId: fund.id,
          reportedOn: '2024-01-01',
          plannedTotal: '1',
          introducingUnitId: unit.id,
          landingUnitId: unit.id,
        })
      ).id;
    if (!projects.length) {
      await t.create(`/api/projects/${target}/milestones`, { stage: 'signed', on: '2024-02-01' });
      total.planned += 100n;
    }
    const insert = t.sqlite.prepare(
      `insert into arrivals (project_id, amount_fen, arrived_on, kind) values (?, 1000000000000000, '2024-06-01', 'fixed_asset')`,
    );
    t.sqlite.transaction(() => {
      for (let i = 0; i < 9_300; i++) insert.run(target);
    })();
    total.arrived += 9_300n * 10n ** 15n;
    await check();
  }, 60_000);
});

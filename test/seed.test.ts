import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, demoUsers, seed } from '../seed';
import { verifyPassword } from '../src/auth';
import { users } from '../src/db/schema';
import { creditCodeProblem } from '../src/domain/credit-code';
import { TODAY, testApp, type TestApp } from './helpers';

const clock = { now: () => new Date(`${TODAY}T04:00:00Z`) };

/** Every item of a list endpoint (one page is enough below 500, but follow the cursor anyway). */
async function all<T = any>(t: TestApp, path: string, token?: string): Promise<T[]> {
  const out: T[] = [];
  let cursor: string | null = null;
  do {
    const sep = path.includes('?') ? '&' : '?';
    const page: { items: T[]; nextCursor: string | null } = await t.ok(
      'GET',
      `${path}${sep}limit=500${cursor ? `&cursor=${cursor}` : ''}`,
      undefined,
      token,
    );
    out.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor);
  return out;
}

/** The number the summary puts before `label`, e.g. "6 只基金" → 6. */
function countIn(summary: string, label: string): number {
  const m = new RegExp(`(\\d+) ${label}`).exec(summary);
  if (!m) throw new Error(`summary has no "${label}": ${summary}`);
  return Number(m[1]);
}

describe('demo data (seed) through the API', () => {
  let t: TestApp;
  let summary: string;
  let funds: any[];
  let projects: any[];
  const details = new Map<number, any>();

  beforeAll(async () => {
    t = await testApp();
    const started = performance.now();
    summary = await seed(t.db, clock);
    console.log(`seed: ${summary}，用时 ${Math.round(performance.now() - started)} ms`);
    funds = await all(t, '/api/funds');
    projects = await all(t, '/api/projects');
    for (const p of projects) details.set(p.id, await t.ok('GET', `/api/projects/${p.id}`));
  }, 120_000);

  it('answers a summary whose counts are what the API lists', async () => {
    const companies = await all(t, '/api/companies');
    const investments = await all(t, '/api/investments');
    const credits = await all(t, '/api/reinvestment-credits');
    const arrivals = [...details.values()].reduce((n, p) => n + p.arrivals.length, 0);
    const investees = new Set(investments.map((i) => i.companyId));
    expect(countIn(summary, '个单位')).toBe((await all(t, '/api/units')).length);
    expect(countIn(summary, '只基金')).toBe(funds.length);
    expect(countIn(summary, '家企业')).toBe(companies.length);
    expect(countIn(summary, '家被投企业')).toBe(investees.size);
    expect(countIn(summary, '笔投资')).toBe(investments.length);
    expect(countIn(summary, '个项目')).toBe(projects.length);
    expect(countIn(summary, '个待认定')).toBe(projects.filter((p) => p.status === 'pending').length);
    expect(countIn(summary, '笔到资')).toBe(arrivals);
    expect(countIn(summary, '条返投认定')).toBe(credits.length);
    expect(countIn(summary, '条待审核')).toBe(credits.filter((c) => c.status === 'pending').length);
    expect(countIn(summary, '个演示账号')).toBe(demoUsers.length);

    // The sizes the demo promises.
    expect(investees.size).toBeGreaterThanOrEqual(20);
    expect(investees.size).toBeLessThanOrEqual(40);
    expect(projects.length).toBeGreaterThanOrEqual(60);
    expect(projects.length).toBeLessThanOrEqual(120);
  });

  it('has one 10亿元 mother fund, 3–4 sub-funds under it and a fund two levels down', async () => {
    const mothers = funds.filter((f) => f.level === 'mother');
    expect(mothers).toHaveLength(1);
    const M = mothers[0];
    const subs = funds.filter((f) => f.parentId === M.id);
    expect(subs.length).toBeGreaterThanOrEqual(3);
    expect(subs.length).toBeLessThanOrEqual(4);
    expect(funds.some((f) => subs.some((s) => s.id === f.parentId))).toBe(true);
    const m = await t.ok('GET', `/api/funds/${M.id}`);
    expect(m.commitments.reduce((a: number, c: any) => a + Number(c.amount), 0)).toBe(1_000_000_000);
    expect(new Set(m.commitments.map((c: any) => c.investorType))).toEqual(new Set(['fiscal', 'soe']));
    // Partly paid: something paid, not everything.
    const paid = m.commitments.reduce((a: number, c: any) => a + Number(c.paidIn), 0);
    expect(paid).toBeGreaterThan(0);
    expect(paid).toBeLessThan(1_000_000_000);
  });

  it('gives the funds varied 返投 rules: one k = 0, the others 1.0–1.5 on several bases, one with its own weights', () => {
    const ks = funds.map((f) => Number(f.reinvestment.multiple));
    expect(ks.filter((k) => k === 0)).toHaveLength(1);
    for (const k of ks.filter((k) => k !== 0)) {
      expect(k).toBeGreaterThanOrEqual(1);
      expect(k).toBeLessThanOrEqual(1.5);
    }
    expect(
      new Set(funds.filter((f) => f.reinvestment.multiple !== '0.0000').map((f) => f.reinvestment.base)).size,
    ).toBeGreaterThanOrEqual(3);
    const defaults = {
      local_company: '1',
      relocated: '1.5',
      local_subsidiary: '1',
      sourced_project: '0.3',
      secondary: '0',
    }; // SPEC §3
    expect(
      funds.filter((f) => JSON.stringify(f.reinvestment.weights) !== JSON.stringify(defaults)).length,
    ).toBeGreaterThanOrEqual(1);
  });

  it('registers companies with valid 统一社会信用代码 and invests in rounds, co-invested, unsized and secondary', async () => {
    const companies = await all(t, '/api/companies');
    const investments = await all(t, '/api/investments');
    const codes = companies.map((c) => c.creditCode).filter((c): c is string => c !== null);
    for (const code of codes) expect(creditCodeProblem(code), code).toBeNull();
    expect(new Set(codes).size).toBe(codes.length);
    // Every portfolio company has a code (foreign investors of leads may not).
    const byId = new Map(companies.map((c) => [c.id, c]));
    for (const i of investments) expect(byId.get(i.companyId)?.creditCode).toMatch(/^[0-9A-HJ-NPQRTUWXY]{18}$/);

    const rounds = new Map<string, Set<number>>();
    for (const i of investments.filter((i) => i.round)) {
      const key = `${i.companyId}/${i.round}`;
      rounds.set(key, (rounds.get(key) ?? new Set()).add(i.fundId));
    }
    expect([...rounds.values()].some((s) => s.size >= 2)).toBe(true);
    expect(investments.some((i) => i.kind === 'new' && i.roundSize === null)).toBe(true);
    expect(investments.some((i) => i.kind === 'secondary')).toBe(true);
  });

  it('has leads at every stage, dropped with reasons, big, foreign, 飞地, pending and rejected ones, all dated in the past', () => {
    const stages = new Set(projects.map((p) => p.stage));
    for (const s of ['reported', 'negotiating', 'signed', 'registered', 'started', 'completed', 'producing', 'dropped'])
      expect(stages).toContain(s);
    for (const p of projects.filter((p) => p.stage === 'dropped')) {
      expect(details.get(p.id).milestones.find((m: any) => m.stage === 'dropped' && m.current).reason).toBeTruthy();
    }
    expect(projects.some((p) => Number(p.plannedTotal) >= 100_000_000)).toBe(true);
    const foreign = projects.filter((p) => p.foreign);
    expect(foreign.length).toBeGreaterThan(0);
    const fdi = foreign.flatMap((p) => details.get(p.id).arrivals).filter((a: any) => a.kind === 'fdi');
    expect(fdi.length).toBeGreaterThan(0);
    for (const a of fdi) expect(a.currency).toBe('USD');
    expect(projects.filter((p) => p.introducingUnitId !== p.landingUnitId).length).toBeGreaterThanOrEqual(2);
    for (const p of projects.filter((p) => p.sourceType === 'fund')) {
      expect([p.chain, p.chainNode, p.chainAction].every(Boolean), p.name).toBe(true);
    }
    expect(projects.filter((p) => p.status === 'pending').length).toBeGreaterThanOrEqual(2);
    expect(projects.filter((p) => p.status === 'rejected')).toHaveLength(1);
    expect(projects.some((p) => p.sourceType !== 'fund')).toBe(true);
    // A correction keeps the first entry in the history.
    expect([...details.values()].some((p) => p.milestones.some((m: any) => !m.current))).toBe(true);

    const dates = [...details.values()].flatMap((p) => [
      p.reportedOn,
      ...p.milestones.map((m: any) => m.on),
      ...p.arrivals.map((a: any) => a.arrivedOn),
    ]);
    for (const d of dates) {
      expect(d >= '2023-01-01' && d <= TODAY, d).toBe(true);
    }
  });

  it('has 返投 credits of every category, mostly approved, some pending and one rejected', async () => {
    const credits = await all(t, '/api/reinvestment-credits');
    expect(new Set(credits.map((c) => c.category))).toEqual(
      new Set(['local_company', 'relocated', 'local_subsidiary', 'sourced_project', 'secondary']),
    );
    const by = (s: string) => credits.filter((c) => c.status === s).length;
    expect(by('approved')).toBeGreaterThan(credits.length / 2);
    expect(by('pending')).toBeGreaterThanOrEqual(1);
    expect(by('rejected')).toBe(1);
  });

  it("answers every fund's metrics with non-null key figures", async () => {
    for (const f of funds) {
      const r = await t.get(`/api/funds/${f.id}/metrics`);
      expect(r.status, f.name).toBe(200);
      const m = r.body;
      const hasChildren = funds.some((c) => c.parentId === f.id);
      expect(m.leverage.fiscal.committed, f.name).not.toBeNull();
      expect(m.leverage.fiscal.paidIn, f.name).not.toBeNull();
      expect(m.leverage.investment, f.name).not.toBeNull();
      expect(m.leverage.parent.committed === null, f.name).toBe(f.parentId === null);
      expect(m.leverage.subFunds.committed === null, f.name).toBe(!hasChildren);
      expect(m.leverage.subFundsFiscal.committed === null, f.name).toBe(!hasChildren);
      if (f.reinvestment.multiple === '0.0000') {
        expect(m.reinvestment.rate).toBeNull();
      } else {
        expect(Number(m.reinvestment.required), f.name).toBeGreaterThan(0);
        expect(Number(m.reinvestment.rate), f.name).toBeGreaterThan(0);
        expect(typeof m.reinvestment.paceOk).toBe('boolean');
      }
      const o = m.outcomes;
      expect(o.leads, f.name).toBeGreaterThan(0);
      for (const [rate, v] of Object.entries(o.rates)) expect(Number(v), `${f.name} ${rate}`).toBeGreaterThan(0);
      expect(o.medianDaysToSign, f.name).not.toBeNull();
      expect(o.medianDaysToRegister, f.name).not.toBeNull();
      expect(Number(o.attractionMultiple), f.name).toBeGreaterThan(0);
    }
  });

  it("counts in the mother fund's outcomes every confirmed lead sourced by any fund (穿透)", async () => {
    const M = funds.find((f) => f.level === 'mother');
    const m = await t.ok('GET', `/api/funds/${M.id}/metrics`);
    // Every fund is in M's family, so its leads are the confirmed projects that name a source fund.
    expect(m.outcomes.leads).toBe(projects.filter((p) => p.status === 'confirmed' && p.sourceFundId !== null).length);
    expect(m.outcomes.bigSigned).toBeGreaterThan(0);
    expect(m.outcomes.overdue).toBeGreaterThan(0);
  });

  it('creates one demo user per role whose password verifies', async () => {
    expect(new Set(demoUsers.map((u) => u.role))).toEqual(new Set(['leader', 'staff', 'manager']));
    for (const u of demoUsers) {
      const [row] = await t.db.select().from(users).where(eq(users.username, u.username));
      expect(row?.role, u.username).toBe(u.role);
      expect(u.password).toBe(DEMO_PASSWORD);
      expect(await verifyPassword(DEMO_PASSWORD, row!.passwordHash), u.username).toBe(true);
      expect(await verifyPassword('wrong-password', row!.passwordHash)).toBe(false);
    }
  });

  it('leaves the seed user without a usable token', async () => {
    const [row] = await t.db.select().from(users).where(eq(users.username, 'seed'));
    expect(row).toBeDefined();
    expect(row!.tokenHash).toBeNull();
    expect(row!.revokedAt).not.toBeNull();
    const listed = (await all(t, '/api/users')).find((u) => u.username === 'seed');
    expect(listed.revoked).toBe(true);
    // Its writes are attributed to it in the audit log.
    const audit = await t.ok('GET', `/api/audit?userId=${row!.id}&limit=1`);
    expect(audit.items.length).toBe(1);
  });

  it('lets each manager see only its own fund family', async () => {
    const listed = await all(t, '/api/users');
    for (const u of demoUsers.filter((u) => u.role === 'manager')) {
      const id = listed.find((x) => x.username === u.username).id;
      const { token } = await t.ok('POST', `/api/users/${id}/token`, {});
      const own = funds.find((f) => f.name === u.fundName);
      const family = new Set<number>([own.id]);
      for (let grew = true; grew;) {
        grew = false;
        for (const f of funds) if (family.has(f.parentId) && !family.has(f.id)) grew = Boolean(family.add(f.id));
      }
      const seen = await all(t, '/api/funds', token);
      expect(new Set(seen.map((f) => f.id))).toEqual(family);
      const theirs = await all(t, '/api/projects', token);
      expect(theirs.length).toBeGreaterThan(0);
      for (const p of theirs) expect(family.has(p.sourceFundId)).toBe(true);
      // Leads the manager submitted itself are waiting to be confirmed (认定).
      expect(theirs.some((p) => p.status === 'pending')).toBe(true);
      const other = funds.find((f) => !family.has(f.id));
      expect((await t.call('GET', `/api/funds/${other.id}/metrics`, undefined, { token })).status).toBe(404);
    }
  });

  it('gives the 通报 of the month before TODAY a ranked 擂台赛 with a 红榜 and a 黑榜 in each peer group of districts and parks', async () => {
    const b = await t.ok('GET', '/api/bulletins/2026-10');
    expect(b.schedule).toBe('0.8329'); // 304 / 365
    for (const group of ['县区', '开发园区']) {
      const units = b.units.filter((u: any) => u.peerGroup === group);
      expect(
        units.every((u: any) => u.rank !== null),
        group,
      ).toBe(true);
      expect(
        units.map((u: any) => u.board),
        group,
      ).toEqual(expect.arrayContaining(['red', 'black']));
    }
    // weights and period targets are there, and the figures are not all zero
    const targets = b.units.flatMap((u: any) => u.targets);
    expect(targets.some((x: any) => x.weight !== '1')).toBe(true);
    expect(targets.filter((x: any) => x.completion !== null && x.completion !== '0.0000').length).toBeGreaterThan(5);
    expect(b.units.some((u: any) => u.month.signed > 0)).toBe(true);
    expect(b.alerts.signed_not_started).toBeGreaterThan(0);
    expect(b.alerts.pending_review).toBeGreaterThan(0);
  });

  it('builds the same district every time', async () => {
    const again = await testApp();
    expect(await seed(again.db, clock)).toBe(summary);
    expect(await all(again, '/api/projects')).toEqual(projects);
    expect(await all(again, '/api/companies')).toEqual(await all(t, '/api/companies'));
  }, 120_000);
  it('raises every alert kind as of the demo day, and the 产业链 map has key chains with 链长 and gaps', async () => {
    const alerts = await all<{ kind: string }>(t, '/api/alerts');
    // SPEC §7's four kinds; the service loop's (§9) follow the demo's owners, nodes and requests.
    const section7 = ['signed_not_started', 'started_not_completed', 'stale', 'pending_review'];
    expect(new Set(alerts.map((a) => a.kind).filter((k) => section7.includes(k)))).toEqual(new Set(section7));
    const map = await t.ok('GET', '/api/reports/chains');
    const key = map.chains.filter((c: { key: boolean }) => c.key);
    expect(key.length).toBeGreaterThanOrEqual(3);
    expect(key.every((c: { leader: string | null }) => c.leader)).toBe(true);
    const gapped = key.filter((c: { nodes: { gap: boolean }[] }) => c.nodes.some((n) => n.gap));
    // one chain with nothing yet, one with landed links and gaps beside them
    expect(gapped.some((c: { nodes: { gap: boolean }[] }) => c.nodes.every((n) => n.gap))).toBe(true);
    expect(
      gapped.some(
        (c: { nodes: { gap: boolean; landed: number }[] }) =>
          c.nodes.some((n) => n.gap) && c.nodes.some((n) => n.landed > 0),
      ),
    ).toBe(true);
    expect(map.chains.some((c: { key: boolean }) => !c.key)).toBe(true);
  });

  it('has 企业诉求 through their whole loop: on time and late, reopened, rated, past due, due soon, raised by a manager', async () => {
    const requests = await all(t, '/api/requests');
    expect(new Set(requests.map((r) => r.status))).toEqual(new Set(['open', 'accepted', 'resolved', 'closed']));
    const details = await Promise.all(requests.map((r) => t.ok('GET', `/api/requests/${r.id}`)));
    const reopened = details.filter((r) =>
      r.history.some((h: { status: string }, i: number) => i > 0 && h.status === 'open'),
    );
    expect(reopened.length).toBeGreaterThanOrEqual(1);
    expect(new Set(details.map((r) => r.rating).filter(Boolean))).toEqual(
      new Set(['satisfied', 'basic', 'unsatisfied']),
    );
    const late = details.filter((r) => r.resolvedOn && r.resolvedOn > r.dueOn);
    expect(late.length).toBeGreaterThanOrEqual(1);
    expect(requests.some((r) => r.projectId === null && r.companyId !== null)).toBe(true);
    // A manager raised one for its own fund's project and sees it; the other manager does not.
    const ai = demoUsers.find((u) => u.username === 'manager-ai')!;
    const raisedBy = (await t.ok('GET', '/api/users')).items.find(
      (u: { username: string }) => u.username === ai.username,
    );
    expect(details.some((r) => r.raisedBy === raisedBy.id)).toBe(true);
    // As of the demo day some are past due (诉求超期) and the service report counts the year's.
    const overdue = (await t.ok('GET', `/api/alerts?asOf=${TODAY}&kind=request_overdue`)).items;
    expect(overdue.length).toBeGreaterThanOrEqual(2);
    const year = await t.ok('GET', `/api/reports/service?from=2026-01-01&to=${TODAY}`);
    const region = year.units.find((u: { requests: { raised: number } }) => u.requests.raised === requests.length);
    expect(region.requests.resolved).toBeGreaterThanOrEqual(4);
    expect(region.requests.satisfaction).not.toBeNull();
  });
});

import { eq, sql } from 'drizzle-orm';
import { createApp } from '../src/app';
import { hashToken, newToken } from '../src/auth';
import type { Db } from '../src/db';
import { users } from '../src/db/schema';
import { addDays } from '../src/domain/dates';
import { Dec } from '../src/domain/decimal';
import type { AppOptions } from '../src/app-types';
import { seedWatch } from './assessment';
import { seedNodePlans, seedRequests } from './service';
import { seedActivities } from './activities';
import * as district from './district';
import type { ChainNode, ChainAction, FinalStage, FundKey, UnitKey } from './district';
import { creditCode, daysBetween, prng, type Prng } from './random';

export const DEMO_PASSWORD = 'touyin-demo';

export interface DemoUser {
  username: string;
  role: 'admin' | 'staff' | 'manager' | 'leader';
  password: string;
  displayName: string;
  description: string;
  /** The fund a manager is bound to (its family is what the manager sees). */
  fundName?: string;
}

const fundName = (key: FundKey) => district.fundList.find((f) => f.key === key)!.name;
const managerFund: Record<string, FundKey> = { 'manager-ai': 'B', 'manager-culture': 'C' };

/** The accounts the demo comes with, one per role (README and browser tests list them). */
export const demoUsers: DemoUser[] = [
  {
    username: 'leader',
    role: 'leader',
    password: DEMO_PASSWORD,
    displayName: '区分管领导',
    description: '领导：只读，查看全部基金的放大倍数、返投进度和以投促引成效',
  },
  {
    username: 'staff',
    role: 'staff',
    password: DEMO_PASSWORD,
    displayName: '基金管理中心工作人员',
    description: '平台工作人员：录入基金、出资、投资和项目进展，认定管理人报送的项目与返投',
  },
  {
    username: 'manager-ai',
    role: 'manager',
    password: DEMO_PASSWORD,
    displayName: '人工智能子基金管理人',
    fundName: fundName('B'),
    description: `基金管理人：只看到${fundName('B')}及其下设的${fundName('B1')}，报送的项目待平台认定`,
  },
  {
    username: 'manager-culture',
    role: 'manager',
    password: DEMO_PASSWORD,
    displayName: '文化创意子基金管理人',
    fundName: fundName('C'),
    description: `基金管理人：只看到${fundName('C')}，报送的项目与返投待平台认定`,
  },
];

const SEED_USERNAME = 'seed';
const wan = (n: number) => String(n * 10_000);
const minDate = (a: string, b: string) => (a < b ? a : b);
const maxDate = (a: string, b: string) => (a > b ? a : b);

type Call = <T = { id: number }>(
  method: 'GET' | 'POST' | 'PATCH' | 'PUT',
  path: string,
  body?: unknown,
  token?: string,
) => Promise<T>;

/** Requests through the app itself, so every record is checked as a user's would be; anything but 2xx stops the seed. */
function client(app: ReturnType<typeof createApp>, seedToken: string): Call {
  return async (method, path, body, token = seedToken) => {
    const headers: Record<string, string> = { authorization: `Bearer ${token}` };
    if (body !== undefined) headers['content-type'] = 'application/json';
    const res = await app.request(path, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    if (res.status < 200 || res.status > 299)
      throw new Error(`演示数据载入失败：${method} ${path} 返回 ${res.status}：${text}`);
    return (text ? JSON.parse(text) : null) as never;
  };
}

/** The system user the seed writes as (audit rows name it); its token lives only while the seed runs. */
async function openSeedUser(db: Db, tokenHash: string): Promise<number> {
  const [existing] = await db.select({ id: users.id }).from(users).where(eq(users.username, SEED_USERNAME));
  if (existing) {
    await db
      .update(users)
      .set({ tokenHash, revokedAt: null, role: 'admin', version: sql`${users.version} + 1`, updatedBy: existing.id })
      .where(eq(users.id, existing.id));
    return existing.id;
  }
  const [row] = await db
    .insert(users)
    .values({ username: SEED_USERNAME, displayName: '演示数据载入（系统）', role: 'admin', tokenHash })
    .returning({ id: users.id });
  return row!.id;
}

async function closeSeedUser(db: Db, id: number) {
  await db
    .update(users)
    .set({
      tokenHash: null,
      revokedAt: sql`(strftime('%Y-%m-%dT%H:%M:%fZ','now'))`,
      version: sql`${users.version} + 1`,
      updatedBy: id,
    })
    .where(eq(users.id, id));
}

/**
 * Loads the demo district (鸠江区: a 10亿元 母基金, its industry sub-funds, their portfolio and 招商 leads) into an
 * empty database through the app's own API, so every record is valid by construction. Same data on every run.
 * Answers a one-line summary in Chinese.
 */
export async function seed(db: Db, options: AppOptions = {}): Promise<string> {
  const token = newToken();
  const seedUserId = await openSeedUser(db, await hashToken(token));
  try {
    const counts = await buildDistrict(
      client(
        createApp(() => db, options),
        token,
      ),
    );
    return [
      `${counts.units} 个单位`,
      `${counts.funds} 只基金`,
      `${counts.companies} 家企业（${counts.investees} 家被投企业）`,
      `${counts.investments} 笔投资`,
      `${counts.projects} 个项目（${counts.pendingProjects} 个待认定）`,
      `${counts.arrivals} 笔到资`,
      `${counts.credits} 条返投认定（${counts.pendingCredits} 条待审核）`,
      `${counts.users} 个演示账号`,
    ].join('、');
  } finally {
    await closeSeedUser(db, seedUserId);
  }
}

interface Plan {
  reportedOn: string;
  events: { stage: string; on: string }[];
  /** The date the lead reached 签约 (its signing, or a later stage when signing was not recorded). */
  signedOn: string | null;
  registeredOn: string | null;
  last: string;
}

const gapRange: Record<string, [number, number]> = {
  negotiating: [7, 40],
  signed: [30, 150],
  registered: [15, 60],
  started: [30, 150],
  completed: [120, 360],
  producing: [20, 90],
  dropped: [30, 150],
};

const stagesTo: Record<FinalStage, string[]> = {
  reported: [],
  negotiating: ['negotiating'],
  signed: ['negotiating', 'signed'],
  signed_old: ['negotiating', 'signed'],
  registered: ['negotiating', 'signed', 'registered'],
  registered_old: ['negotiating', 'signed', 'registered'],
  started: ['negotiating', 'signed', 'registered', 'started'],
  completed: ['negotiating', 'signed', 'registered', 'started', 'completed'],
  producing: ['negotiating', 'signed', 'registered', 'started', 'completed', 'producing'],
  dropped: ['negotiating', 'dropped'],
  dropped_signed: ['negotiating', 'signed', 'dropped'],
};

// When the last milestone falls. `_old` signings are over 180 days before 2026-11-22 with no start (逾期未开工);
// fresh ones are recent enough not to be.
const lastWindow: Record<FinalStage, [string, string]> = {
  reported: ['2026-08-01', district.LAST_DAY],
  negotiating: ['2026-04-01', district.LAST_DAY],
  signed: ['2026-06-01', district.LAST_DAY],
  signed_old: ['2025-03-01', '2026-04-30'],
  registered: ['2026-08-01', district.LAST_DAY],
  registered_old: ['2025-06-01', '2026-04-30'],
  started: ['2024-09-01', district.LAST_DAY],
  completed: ['2025-06-01', district.LAST_DAY],
  producing: ['2025-09-01', district.LAST_DAY],
  dropped: ['2024-06-01', district.LAST_DAY],
  dropped_signed: ['2025-01-01', district.LAST_DAY],
};

/** Dates of a lead's milestones ending in `final`, reported no earlier than `lower` and nothing after LAST_DAY. */
function planLead(r: Prng, final: FinalStage, lower: string, opts: { skipSigning?: boolean } = {}): Plan {
  const stages = [...stagesTo[final]];
  if (stages.length > 1 && stages[0] === 'negotiating' && r.chance(0.2)) stages.shift();
  if (opts.skipSigning && stages.includes('registered')) stages.splice(stages.indexOf('signed'), 1);
  let gaps = stages.map((s) => r.int(...gapRange[s]!));
  const total = gaps.reduce((a, b) => a + b, 0);
  const [from, to] = lastWindow[final];
  let reportedOn: string;
  const earliestLast = maxDate(from, addDays(lower, total));
  if (earliestLast <= to) {
    reportedOn = addDays(r.date(earliestLast, to), -total);
  } else {
    reportedOn = lower;
    const room = daysBetween(lower, district.LAST_DAY);
    if (total > room) gaps = gaps.map((g) => Math.max(1, Math.floor((g * room) / total)));
  }
  const events: Plan['events'] = [];
  let on = reportedOn;
  for (const [i, stage] of stages.entries()) {
    on = addDays(on, gaps[i]!);
    events.push({ stage, on });
  }
  // A stage is reached on the first milestone of it or of any later stage (SPEC §4); `dropped` is none of them.
  const order = stagesTo.producing;
  const reachedAt = (stage: string) => events.find((e) => order.indexOf(e.stage) >= order.indexOf(stage))?.on ?? null;
  return { reportedOn, events, signedOn: reachedAt('signed'), registeredOn: reachedAt('registered'), last: on };
}

// 到资: installments and the share of the planned total arrived by each final stage.
const arrivalShare: Partial<Record<FinalStage, [number, number, number]>> = {
  registered: [1, 10, 25],
  registered_old: [1, 10, 30],
  started: [2, 25, 45],
  completed: [3, 50, 75],
  producing: [3, 65, 95],
};
const usdRates = ['7.1268', '7.2035', '7.0950', '7.1884'];

function planArrivals(r: Prng, final: FinalStage, plan: Plan, plannedYuan: number, foreign: boolean) {
  const share = arrivalShare[final];
  if (!share || !plan.signedOn) return [];
  const [n, lo, hi] = share;
  const total = Math.floor((plannedYuan * r.int(lo, hi)) / 100);
  const from = minDate(addDays(plan.signedOn, 10), district.LAST_DAY);
  const to = maxDate(from, minDate(addDays(plan.last, 120), district.LAST_DAY));
  const dates = Array.from({ length: n }, () => r.date(from, to)).sort();
  const weights = dates.map(() => r.int(2, 5));
  const sum = weights.reduce((a, b) => a + b, 0);
  return dates.map((arrivedOn, i) => {
    const yuan = Math.max(100_000, Math.round((total * weights[i]!) / sum / 100_000) * 100_000);
    if (foreign) {
      const rate = r.pick(usdRates);
      const perWanUsd = Number(rate.replace('.', '')); // 元 per 万美元
      const wanUsd = Math.max(10, Math.round(yuan / perWanUsd));
      return {
        amount: String(wanUsd * perWanUsd),
        arrivedOn,
        kind: 'fdi',
        currency: 'USD',
        originalAmount: String(wanUsd * 10_000),
        exchangeRate: rate,
      };
    }
    return { amount: String(yuan), arrivedOn, kind: i === n - 1 && n > 1 && r.chance(0.4) ? 'working' : 'fixed_asset' };
  });
}

async function buildDistrict(call: Call) {
  const r = prng(20_230_315);
  const counts = {
    units: 0,
    funds: 0,
    companies: 0,
    investees: 0,
    investments: 0,
    projects: 0,
    pendingProjects: 0,
    arrivals: 0,
    credits: 0,
    pendingCredits: 0,
    users: 0,
  };
  // A credit code names one company: never hand out the same one twice.
  const usedCodes = new Set<string>();
  const uniqueCode = (area: string) => {
    for (;;) {
      const code = creditCode(r, area);
      if (!usedCodes.has(code)) {
        usedCodes.add(code);
        return code;
      }
    }
  };

  // 单位
  const unitId = {} as Record<UnitKey, number>;
  for (const u of district.unitList) {
    const row = await call('POST', '/api/units', {
      name: u.name,
      code: u.code ?? null,
      parentId: u.parent ? unitId[u.parent] : null,
      peerGroup: u.peerGroup,
    });
    unitId[u.key] = row.id;
    counts.units++;
  }

  // 基金, 认缴, 实缴
  const fundId = {} as Record<FundKey, number>;
  for (const f of district.fundList) {
    const row = await call('POST', '/api/funds', {
      name: f.name,
      level: f.level,
      parentId: f.parent ? fundId[f.parent] : null,
      manager: f.manager,
      homeUnitId: unitId.jiujiang,
      establishedOn: f.establishedOn,
      reinvestment: f.reinvestment,
    });
    fundId[f.key] = row.id;
    counts.funds++;
    for (const m of f.commitments) {
      const commitment = await call('POST', `/api/funds/${row.id}/commitments`, {
        investorType: m.type,
        investorName: m.name ?? null,
        investorFundId: m.fund ? fundId[m.fund] : null,
        amount: wan(m.amount),
        committedOn: m.on,
      });
      for (const [amount, paidOn] of m.paid)
        await call('POST', `/api/commitments/${commitment.id}/contributions`, { amount: wan(amount), paidOn });
    }
  }
  await call('PATCH', `/api/funds/${fundId[district.lowerToZero]}`, { reinvestment: { multiple: '0' } });

  // 演示账号
  const tokenOf: Record<string, string> = {};
  const userIdOf: Record<string, number> = {};
  for (const u of demoUsers) {
    const fund = managerFund[u.username];
    const row = await call<{ id: number; token: string }>('POST', '/api/users', {
      username: u.username,
      displayName: u.displayName,
      role: u.role,
      password: u.password,
      ...(fund && { fundIds: [fundId[fund]] }),
    });
    tokenOf[u.username] = row.token;
    userIdOf[u.username] = row.id;
    counts.users++;
  }

  // 被投企业与投资
  const companyId: Record<string, number> = {};
  for (const co of district.investeeList) {
    const row = await call('POST', '/api/companies', {
      name: co.name,
      creditCode: uniqueCode(co.area),
      unitId: co.unit ? unitId[co.unit] : null,
      flags: district.investeeFlags[co.key] ?? {},
    });
    companyId[co.key] = row.id;
    counts.investees++;
  }
  const investments: { fund: FundKey; company: string; id: number; on: string }[] = [];
  for (const inv of district.investmentList) {
    const row = await call('POST', `/api/funds/${fundId[inv.fund]}/investments`, {
      companyId: companyId[inv.company],
      amount: wan(inv.amount),
      investedOn: inv.on,
      kind: inv.secondary ? 'secondary' : 'new',
      round: inv.round ?? null,
      roundSize: inv.roundSize ? wan(inv.roundSize) : null,
      lead: inv.lead ?? false,
    });
    investments.push({ fund: inv.fund, company: inv.company, id: row.id, on: inv.on });
    counts.investments++;
  }
  const investmentOf = (fund: FundKey, company: string, nth = 0) => {
    const found = investments.filter((i) => i.fund === fund && i.company === company)[nth];
    if (!found) throw new Error(`演示数据有误：基金 ${fund} 没有对企业 ${company} 的第 ${nth + 1} 笔投资`);
    return found;
  };

  // 项目: each created, then its milestones and arrivals, as platform staff would record them.
  interface Lead {
    name: string;
    company: { id: number } | { name: string; creditCode: string | null; unitId: number | null };
    sourceType: 'fund' | 'business' | 'ambassador' | 'agency' | 'other';
    fund?: FundKey;
    investmentId?: number;
    introducer: string;
    planned: number;
    foreign: boolean;
    chain: string;
    node: ChainNode;
    action: ChainAction;
    introducing: UnitKey;
    landing: UnitKey;
    final: FinalStage;
    plan: Plan;
    correctSigning?: boolean;
  }
  const landed: { fund?: FundKey; key?: string; id: number; plan: Plan; linked: boolean }[] = [];

  async function record(lead: Lead, linkKey?: string) {
    const plannedYuan = lead.planned * 10_000;
    const fixedWan = Math.max(100, Math.round((lead.planned * r.int(50, 85)) / 100 / 100) * 100);
    const p = await call('POST', '/api/projects', {
      name: lead.name,
      ...('id' in lead.company ? { companyId: lead.company.id } : { company: lead.company }),
      sourceType: lead.sourceType,
      sourceFundId: lead.fund ? fundId[lead.fund] : null,
      investmentId: lead.investmentId ?? null,
      introducer: lead.introducer,
      reportedOn: lead.plan.reportedOn,
      plannedTotal: String(plannedYuan),
      plannedFixedAsset: wan(Math.min(fixedWan, lead.planned)),
      foreign: lead.foreign,
      chain: lead.chain,
      chainNode: lead.node,
      chainAction: lead.action,
      introducingUnitId: unitId[lead.introducing],
      landingUnitId: unitId[lead.landing],
    });
    counts.projects++;
    for (const e of lead.plan.events) {
      const body: Record<string, string> = { stage: e.stage, on: e.on };
      if (e.stage === 'dropped') body.reason = r.pick(district.dropReasons);
      else body.note = r.pick(district.stageNotes[e.stage]!);
      if (e.stage === 'signed' && lead.correctSigning) {
        // A first entry with the wrong date, then the correction: both stay in the history.
        await call('POST', `/api/projects/${p.id}/milestones`, {
          ...body,
          on: minDate(addDays(e.on, 6), district.LAST_DAY),
        });
        body.note = '更正：以正式合同落款日期为准';
      }
      await call('POST', `/api/projects/${p.id}/milestones`, body);
    }
    for (const a of planArrivals(r, lead.final, lead.plan, plannedYuan, lead.foreign)) {
      await call('POST', `/api/projects/${p.id}/arrivals`, a);
      counts.arrivals++;
    }
    if (lead.plan.registeredOn)
      landed.push({
        fund: lead.fund,
        key: linkKey,
        id: p.id,
        plan: lead.plan,
        linked: lead.investmentId !== undefined,
      });
    return p;
  }

  // A brand names one company: not one of the portfolio's, not one already given to a lead's investor.
  const takenNames = [...district.investeeList.map((c) => c.name), ...district.managerLeads.map((m) => m.company.name)];
  const usedBrands = new Set<string>();
  const brand = () => {
    for (;;) {
      const b = r.pick(district.brandFirst) + r.pick(district.brandSecond);
      if (!usedBrands.has(b) && !takenNames.some((n) => n.includes(b))) {
        usedBrands.add(b);
        return b;
      }
    }
  };
  const planned = (range: [number, number]) => {
    const v = range[0] * (range[1] / range[0]) ** r.next();
    return v >= 10_000 ? Math.round(v / 1000) * 1000 : Math.round(v / 100) * 100;
  };
  const foreignLeft = Object.fromEntries(Object.entries(district.foreignInvestors).map(([k, v]) => [k, [...v]]));
  const shortName = (f: FundKey) => fundName(f).replace('鸠江区', '').replace('产业', '');
  const enclaveLanding: Partial<Record<FundKey, UnitKey>> = { A: 'fanchang', C: 'wanzhi', D: 'wetdz' };

  /** A lead from a chain: an investor company from elsewhere (or abroad) and its product. */
  function newLead(chainKey: keyof typeof district.chains, foreign: boolean) {
    const chain = district.chains[chainKey]!;
    const [product, node, action] = r.pick(chain.products);
    const abroad = foreign ? foreignLeft[chainKey]?.shift() : undefined;
    if (abroad) {
      return {
        name: `${abroad.brand}${product}项目`,
        company: { name: abroad.name, creditCode: null, unitId: null },
        foreign: true,
        chain,
        node,
        action,
      };
    }
    const b = brand();
    const [city, area] = r.pick(district.cities);
    const company = {
      name: `${city}${b}${r.pick(chain.industries)}有限公司`,
      creditCode: uniqueCode(area),
      unitId: area === '340207' ? unitId.jiujiang : null,
    };
    return { name: `${b}${product}项目`, company, foreign: false, chain, node, action };
  }

  for (const link of district.linkedProjectList) {
    const inv = investmentOf(link.fund, link.company);
    const introducing: UnitKey = r.chance(0.3) ? 'jjkfq' : 'jiujiang';
    const plan = planLead(r, link.stage, maxDate(addDays(inv.on, 15), addDays(establishedOn(link.fund), 30)));
    await record(
      {
        name: link.name,
        company: { id: companyId[link.company]! },
        sourceType: 'fund',
        fund: link.fund,
        investmentId: inv.id,
        introducer: `${shortName(link.fund)} ${r.pick(teamOf(link.fund))}`,
        planned: link.planned,
        foreign: false,
        chain: link.chain,
        node: link.node,
        action: link.action,
        introducing,
        landing: link.landing ?? introducing,
        final: link.stage,
        plan,
        correctSigning: link.company === 'junkong' || link.company === 'chiyuan',
      },
      link.company,
    );
  }

  for (const g of district.generatedLeads) {
    // Stages are shuffled, so the first leads (the foreign ones, the 飞地 ones) end anywhere.
    for (const [i, final] of r.shuffle(district.stagePattern.slice(0, g.count)).entries()) {
      const lead = newLead(r.pick(g.chains), i < g.foreign);
      const introducing: UnitKey = r.chance(0.3) ? 'jjkfq' : 'jiujiang';
      const landing = i < g.enclaves ? enclaveLanding[g.fund]! : introducing;
      const plan = planLead(r, final, addDays(establishedOn(g.fund), 30), { skipSigning: r.chance(0.1) });
      await record({
        name: lead.name,
        company: lead.company,
        sourceType: 'fund',
        fund: g.fund,
        introducer: `${shortName(g.fund)} ${r.pick(teamOf(g.fund))}`,
        planned: planned(lead.foreign ? [10_000, 60_000] : lead.chain.planned),
        foreign: lead.foreign,
        chain: lead.chain.chain,
        node: lead.node,
        action: lead.action,
        introducing,
        landing,
        final,
        plan,
      });
    }
  }

  const otherFinals = r.shuffle(district.stagePattern.slice(0, district.otherLeads.length));
  for (const [i, o] of district.otherLeads.entries()) {
    const final = otherFinals[i]!;
    const lead = newLead(o.chain, o.chain === 'material' && i === district.otherLeads.length - 1);
    await record({
      name: lead.name,
      company: lead.company,
      sourceType: o.sourceType,
      introducer: o.introducer,
      planned: planned(lead.foreign ? [10_000, 60_000] : lead.chain.planned),
      foreign: lead.foreign,
      chain: lead.chain.chain,
      node: lead.node,
      action: lead.action,
      introducing: o.unit,
      landing: o.landing ?? o.unit,
      final,
      plan: planLead(r, final, '2023-06-01'),
    });
  }

  // 管理人报送: pending until staff confirm (认定); one is sent back (退回).
  for (const m of district.managerLeads) {
    const chain = district.chains[m.chain]!;
    const as = tokenOf[m.by]!;
    const p = await call(
      'POST',
      '/api/projects',
      {
        name: m.name,
        company: { name: m.company.name, creditCode: uniqueCode(m.company.area) },
        sourceType: 'fund',
        sourceFundId: fundId[m.fund],
        introducer: `${shortName(m.fund)}管理人`,
        reportedOn: m.reportedOn,
        plannedTotal: wan(m.planned),
        plannedFixedAsset: wan(Math.round(m.planned * 0.6)),
        chain: chain.chain,
        chainNode: m.node,
        chainAction: m.action,
        introducingUnitId: unitId.jiujiang,
        landingUnitId: unitId.jiujiang,
      },
      as,
    );
    counts.projects++;
    if (m.fate === 'confirmed') await call('POST', `/api/projects/${p.id}/confirm`, { reason: '经核实属基金招引项目' });
    if (m.fate === 'rejected') await call('POST', `/api/projects/${p.id}/reject`, { reason: m.reason });
    if (m.fate === 'pending') counts.pendingProjects++;
    for (const [stage, on] of m.milestones) {
      await call(
        'POST',
        `/api/projects/${p.id}/milestones`,
        { stage, on, note: district.stageNotes[stage]?.[0] ?? null },
        as,
      );
    }
    if (m.arrival) {
      await call(
        'POST',
        `/api/projects/${p.id}/arrivals`,
        { amount: wan(m.arrival[0]), arrivedOn: m.arrival[1], kind: 'fixed_asset' },
        as,
      );
      counts.arrivals++;
    }
  }

  // 返投认定: most approved by staff, some left pending, one rejected.
  for (const c of district.creditList) {
    let subject: { companyId: number } | { projectId: number };
    let on: string;
    if (c.company) {
      subject = { companyId: companyId[c.company]! };
      on = addDays(investmentOf(c.fund, c.company, c.nth).on, r.int(30, 120));
      if (c.category === 'relocated') on = addDays(on, r.int(120, 300));
    } else {
      const p = c.sourced
        ? landed.find((l) => l.fund === c.fund && !l.linked)
        : landed.find((l) => l.fund === c.fund && l.key === c.project);
      if (!p)
        throw new Error(`演示数据有误：基金 ${c.fund} 没有可作返投认定对象的已落地项目 ${c.project ?? '（引荐未投）'}`);
      subject = { projectId: p.id };
      on = addDays(p.plan.registeredOn!, r.int(20, 90));
    }
    const row = await call(
      'POST',
      `/api/funds/${fundId[c.fund]}/reinvestment-credits`,
      {
        category: c.category,
        amount: wan(c.amount),
        on: minDate(on, district.LAST_DAY),
        evidence: c.evidence,
        ...subject,
      },
      c.by ? tokenOf[c.by] : undefined,
    );
    counts.credits++;
    if (c.status === 'approved') await call('POST', `/api/reinvestment-credits/${row.id}/approve`, {});
    if (c.status === 'rejected') await call('POST', `/api/reinvestment-credits/${row.id}/reject`, { reason: c.reason });
    if (c.status === 'pending') counts.pendingCredits++;
  }

  // 年度目标
  for (const t of district.targetList) {
    await call('POST', '/api/targets', {
      year: 2026,
      metric: t.metric,
      value: t.value,
      weight: t.weight,
      fundId: t.fund ? fundId[t.fund] : null,
      unitId: t.unit ? unitId[t.unit] : null,
    });
  }

  // 重点产业链 and the long-running project of the 预警 list (seed/assessment.ts).
  const watch = await seedWatch(call, fundId, unitId);
  counts.projects += watch.projects;
  counts.arrivals += watch.arrivals;
  // 招商活动: trips out, visits, 客商 received, a 推介会 that produced a lead (seed/activities.ts).
  await seedActivities(call, fundId, unitId, tokenOf);
  // 业绩与投向: distributions, NAV reports, exits, the platform's thresholds.
  for (const d of district.distributionList) {
    await call('POST', `/api/funds/${fundId[d.fund]}/distributions`, {
      amount: wan(d.amount),
      paidOn: d.on,
      kind: d.kind,
    });
  }
  for (const v of district.valuationList) {
    await call('POST', `/api/funds/${fundId[v.fund]}/valuations`, { nav: navOn(v.fund, v.on, v.ofPaidIn), on: v.on });
  }
  for (const e of district.exitList) {
    await call('POST', `/api/investments/${investmentOf(e.fund, e.company).id}/exit`, {
      exitedOn: e.on,
      exitProceeds: wan(e.proceeds),
    });
  }
  for (const t of district.thresholdList) await call('POST', '/api/indicator-thresholds', t);
  // 推进节点计划 and 专人对接 on some signed projects, and 企业诉求 on them (seed/service.ts).
  const withPlans = await seedNodePlans(call, { staff: userIdOf.staff!, leader: userIdOf.leader! });
  const managers = Object.entries(managerFund).map(([username, f]) => ({
    token: tokenOf[username]!,
    fundIds: familyOf(f).map((k) => fundId[k]),
  }));
  await seedRequests(call, withPlans, { staff: userIdOf.staff! }, managers);

  // Investor companies of the leads were created with their projects; count every company once.
  counts.companies = (await call<{ items: unknown[] }>('GET', '/api/companies?limit=500')).items.length;
  return counts;
}

/** A NAV report of `ofPaidIn` times the fund's paid-in on that day, in 元 (whole 万元). */
function navOn(f: FundKey, on: string, ofPaidIn: number): string {
  const paid = district.fundList
    .find((x) => x.key === f)!
    .commitments.flatMap((m) => m.paid)
    .filter(([, paidOn]) => paidOn <= on)
    .reduce((a, [amount]) => a + amount, 0);
  return new Dec(paid).mul(ofPaidIn).toDecimalPlaces(0).mul(10_000).toFixed(0);
}

/** A fund and every fund below it: what its manager sees. */
function familyOf(f: FundKey): FundKey[] {
  const below = district.fundList.filter((x) => x.parent === f).flatMap((x) => familyOf(x.key));
  return [f, ...below];
}

function establishedOn(f: FundKey) {
  return district.fundList.find((x) => x.key === f)!.establishedOn;
}

function teamOf(f: FundKey) {
  return district.fundList.find((x) => x.key === f)!.team;
}

/**
 * touyin's benchmark (`npm run bench`): a mother fund family with 100,000 sourced projects, then the time of the
 * metrics routes and the throughput of the HTTP server on 127.0.0.1.
 *
 *   npm run bench [-- --projects 100000 --runs 10 --seconds 5 --explain --keep]
 *   npm run bench -- --db /tmp/bench.db    build that file once (kept), reuse it on later runs; new migrations
 *                                          are applied to it on open, so a schema change can be timed before/after
 *   npm run bench -- --province [--json] [--db FILE] [--runs 5]
 *                                          a province: 300 units in three levels, 2,000 funds four levels deep,
 *                                          200,000 projects, 2026 targets with weights on every unit and fund, the
 *                                          key chains; times every report (the assessment, the 通报, alerts and the
 *                                          chain map too) against a single-pass SQL floor
 *                                          and the service loop of SPEC §9 (owners, ~8 nodes for every signed
 *                                          project, 50,000 requests with their history, 20,000 activities): on a
 *                                          file without it, the calls it adds to are timed first without its
 *                                          records, then it is written and every call is timed with them
 *   npm run bench -- --province --no-service   the same, never writing the service loop (a file to time without it)
 *   npm run bench -- --province --explain  also the slowest statements of the service loop's calls, with their plans
 *   npm run bench -- --province --db FILE --only export
 *                                          only the calls whose label holds one of these comma-separated words (no
 *                                          cross-checks then): the RSS of serving just those, e.g. the .xlsx exports
 *
 * Times are wall-clock and CPU (user + system of this process) per call: on a busy machine the CPU time is the
 * steadier figure.
 *
 * The database is built through the real migrations in a temporary file, filled in bulk with prepared statements
 * in one transaction (the audit triggers fire as they do in production), and cross-checked: each project's
 * reached-stage dates must equal what its current milestones say, and the mother's lead count must equal a plain
 * SQL count, or the benchmark stops (exit 1).
 */
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { Worker } from 'node:worker_threads';
import { serve } from '@hono/node-server';
import type Database from 'better-sqlite3';
import { prng } from '../seed/random';
import { defaultNodeTemplate } from '../seed/service';
import { createApp } from '../src/app';
import { hashToken } from '../src/auth';
import { ensureAdmin } from '../src/bootstrap';
import { chainActions, chainNodes, progressStages, type RequestCategory } from '../src/domain/vocabulary';
import { fenToYuan } from '../src/domain/money';
import { companyNameKey } from '../src/domain/names';
import { openDatabase } from '../src/node';

const { values: args } = parseArgs({
  options: {
    projects: { type: 'string' },
    runs: { type: 'string' },
    seconds: { type: 'string', default: '5' },
    explain: { type: 'boolean', default: false },
    keep: { type: 'boolean', default: false },
    db: { type: 'string' },
    province: { type: 'boolean', default: false },
    json: { type: 'boolean', default: false },
    only: { type: 'string' },
    'no-service': { type: 'boolean', default: false },
  },
});
const PROJECTS = Math.max(100, Math.min(1_000_000, Number(args.projects ?? (args.province ? 200_000 : 100_000))));
// Province calls: 9 timed runs, so one slow moment of the machine (±15% here from run to run) moves the median less.
const RUNS = Math.max(3, Math.min(100, Number(args.runs ?? (args.province ? 9 : 10))));
const SECONDS = Math.max(1, Math.min(30, Number(args.seconds)));
const TOKEN = 'bench-admin-token-0123456789';
/** The benchmark's clock, like the tests': today is 2026-11-22 in China. */
const TODAY = '2026-11-22';
const SUB_FUNDS = 10;
/** The province of `--province`: units (the province, its cities, their counties) and funds below the mother, by level. */
const PROVINCE = { units: 300, cities: 16, levels: [20, 200, 1_779] } as const;
const PROVINCE_NAME = '安徽省';
const PROVINCE_MOTHER = '省级政府引导母基金';
/** The as-of date every province call asks for. */
const AS_OF = '2026-10-31';

// ---------------------------------------------------------------------------------------------------------------
// Deterministic data

// Seeded: the same database on every run.
const rand = prng(20261122);
const { int, pick } = rand;

const DAY = 86_400_000;
const dayOf = (iso: string) => Date.parse(`${iso}T00:00:00Z`) / DAY;
const isoOf = (day: number) => new Date(day * DAY).toISOString().slice(0, 10);
const todayDay = dayOf(TODAY);
const YI = 100 * 100_000_000; // 1 亿元 in fen

/** The prepared inserts of the bulk build, and what they have written. */
function inserts(sqlite: Database.Database, adminId: number) {
  const run = (sql: string) => sqlite.prepare(sql);
  const s = {
    unit: run(`insert into units (name, code, parent_id, peer_group, updated_by) values (?, ?, ?, ?, ?)`),
    fund: run(
      `insert into funds (name, level, parent_id, manager, home_unit_id, established_on, reinvest_multiple, reinvest_base, updated_by) values (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ),
    commitment: run(
      `insert into commitments (fund_id, investor_type, investor_name, investor_fund_id, amount_fen, committed_on, updated_by) values (?, ?, ?, ?, ?, ?, ?)`,
    ),
    contribution: run(`insert into contributions (commitment_id, amount_fen, paid_on, updated_by) values (?, ?, ?, ?)`),
    company: run(`insert into companies (name, name_key, unit_id, updated_by) values (?, ?, ?, ?)`),
    investment: run(
      `insert into investments (fund_id, company_id, amount_fen, invested_on, kind, round, round_size_fen, lead, updated_by) values (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ),
    project: run(
      `insert into projects (name, company_id, company_key, source_type, source_fund_id, investment_id, reported_on, planned_total_fen,
         chain, chain_node, chain_action, introducing_unit_id, landing_unit_id, status, negotiating_on, signed_on, registered_on, started_on, completed_on, producing_on,
         dropped_on, updated_by)
       values (?, ?, ?, 'fund', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ),
    milestone: run(
      `insert into milestones (project_id, stage, happened_on, reason, current, updated_by) values (?, ?, ?, ?, ?, ?)`,
    ),
    arrival: run(
      `insert into arrivals (project_id, amount_fen, arrived_on, kind, currency, status, updated_by) values (?, ?, ?, 'fixed_asset', 'CNY', ?, ?)`,
    ),
    distribution: run(
      `insert into distributions (fund_id, amount_fen, paid_on, kind, updated_by) values (?, ?, ?, ?, ?)`,
    ),
    valuation: run(`insert into valuations (fund_id, nav_fen, valued_on, updated_by) values (?, ?, ?, ?)`),
    credit: run(
      `insert into reinvestment_credits (fund_id, company_id, category, amount_fen, dated_on, status, updated_by) values (?, ?, ?, ?, ?, ?, ?)`,
    ),
  };
  const counts = {
    units: 0,
    funds: 0,
    commitments: 0,
    companies: 0,
    investments: 0,
    projects: 0,
    milestones: 0,
    arrivals: 0,
    credits: 0,
  };
  const id = (r: Database.RunResult) => Number(r.lastInsertRowid);
  const unit = (name: string, code: string | null, parent: number | null, peerGroup: string | null = null) => {
    counts.units++;
    return id(s.unit.run(name, code, parent, peerGroup, adminId));
  };
  const fund = (
    name: string,
    level: string,
    parent: number | null,
    manager: string | null,
    home: number,
    on: string,
    multiple: string,
    base: string,
  ) => {
    counts.funds++;
    return id(s.fund.run(name, level, parent, manager, home, on, multiple, base, adminId));
  };
  /** A commitment and one contribution of 40% of it. */
  const commit = (
    fundId: number,
    type: string,
    name: string | null,
    investorFund: number | null,
    fen: number,
    on: string,
    paidOn: string,
  ) => {
    counts.commitments++;
    const commitment = id(s.commitment.run(fundId, type, name, investorFund, fen, on, adminId));
    s.contribution.run(commitment, Math.floor(fen * 0.4), paidOn, adminId);
  };
  return { s, counts, id, unit, fund, commit };
}
type Inserts = ReturnType<typeof inserts>;
/** A built region: its units, the mother fund and every other fund (sub-funds at any depth). */
interface Tree {
  unitIds: number[];
  mother: number;
  subs: number[];
}

/** The district of the default mode: 9 units, a mother fund, 10 sub-funds and two of their own. */
function buildDistrict(b: Inserts): Tree {
  const district = b.unit('鸠江区', '340207', null);
  const towns = Array.from({ length: 8 }, (_, i) => b.unit(`鸠江区第${i + 1}街道`, null, district));
  const unitIds = [district, ...towns];

  const mother = b.fund(
    '鸠江区区级母基金',
    'mother',
    null,
    '鸠江区投资集团',
    district,
    '2020-06-01',
    '0',
    'parent_committed',
  );
  for (const [type, name, fen] of [
    ['fiscal', '区财政局', 60 * YI],
    ['soe', '区建投集团', 40 * YI],
  ] as const) {
    b.commit(mother, type, name, null, fen, '2020-06-01', '2020-09-01');
  }
  const subs: number[] = [];
  for (let i = 0; i < SUB_FUNDS; i++) {
    const sub = b.fund(
      `产业子基金${i + 1}号`,
      'sub',
      mother,
      `基金管理人${i + 1}`,
      district,
      '2021-01-01',
      '1.2',
      'parent_committed',
    );
    subs.push(sub);
    const fromMother = int(3, 8) * YI;
    for (const [type, name, investorFund, fen] of [
      ['fund', null, mother, fromMother],
      ['social', `社会出资人${i + 1}`, null, fromMother * 3],
      ['soe', `市国投${i + 1}`, null, fromMother],
    ] as const) {
      b.commit(sub, type, name, investorFund, fen, '2021-01-01', '2021-06-01');
    }
  }
  // Two sub-funds have a fund of their own (a third level), so families are trees, not just stars.
  for (const parent of subs.slice(0, 2)) {
    const grand = b.fund(`专项子基金（${parent}）`, 'sub', parent, null, district, '2022-01-01', '1', 'fund_committed');
    subs.push(grand);
    b.commit(grand, 'fund', null, parent, 2 * YI, '2022-01-01', '2022-03-01');
    b.commit(grand, 'social', '社会出资人', null, 3 * YI, '2022-01-01', '2022-03-01');
  }
  return { unitIds, mother, subs };
}

/**
 * The province of `--province`: 300 units in three levels (the province, 16 cities, 283 counties with peer groups)
 * and 2,000 funds four levels deep (the provincial mother, 20 sub-funds, 200 under them, 1,779 under those), each
 * with a commitment from its parent fund and one from society, each paid 40%.
 */
function buildProvince(b: Inserts): Tree {
  const province = b.unit(PROVINCE_NAME, '340000', null, null);
  const cities = Array.from({ length: PROVINCE.cities }, (_, i) => b.unit(`第${i + 1}市`, null, province, '地市'));
  const counties = Array.from({ length: PROVINCE.units - 1 - PROVINCE.cities }, (_, i) =>
    b.unit(
      `第${(i % PROVINCE.cities) + 1}市第${Math.floor(i / PROVINCE.cities) + 1}县区`,
      null,
      cities[i % PROVINCE.cities]!,
      ['县', '区', '开发区'][i % 3],
    ),
  );
  const unitIds = [province, ...cities, ...counties];

  const mother = b.fund(PROVINCE_MOTHER, 'mother', null, '省投资集团', province, '2019-01-01', '0', 'parent_committed');
  b.commit(mother, 'fiscal', '省财政厅', null, 500 * YI, '2019-01-01', '2019-06-01');
  b.commit(mother, 'soe', '省国投集团', null, 300 * YI, '2019-01-01', '2019-06-01');
  const subs: number[] = [];
  let level = [mother];
  for (const [depth, count] of PROVINCE.levels.entries()) {
    const next: number[] = [];
    for (let i = 0; i < count; i++) {
      const parent = level[i % level.length]!;
      const fen = (int(1, 20) * YI) / 10 ** depth;
      const f = b.fund(
        `省级子基金L${depth + 2}-${i + 1}`,
        'sub',
        parent,
        `基金管理人L${depth + 2}-${i + 1}`,
        pick(unitIds),
        '2021-01-01',
        '1.2',
        'parent_committed',
      );
      b.commit(f, 'fund', null, parent, fen, '2021-01-01', '2021-06-01');
      b.commit(f, 'social', `社会出资人L${depth + 2}-${i + 1}`, null, fen * 2, '2021-01-01', '2021-06-01');
      next.push(f);
    }
    subs.push(...next);
    level = next;
  }
  return { unitIds, mother, subs };
}

/** Investments, 返投 credits and `projects` projects with milestones and arrivals, over a built tree. */
function buildActivity(b: Inserts, { unitIds, mother, subs }: Tree, projects: number, adminId: number) {
  const { s, counts, id } = b;
  const sourceFunds = [mother, ...subs];

  // Investments: one company each, rounds sized 2–6× the fund's amount.
  const investmentsOf = new Map<number, number[]>(subs.map((f) => [f, []]));
  const investedCompanies: { fund: number; company: number }[] = [];
  for (let i = 0; i < Math.max(50, projects / 20); i++) {
    const fund = pick(subs);
    const company = id(
      s.company.run(`被投企业${i}有限公司`, companyNameKey(`被投企业${i}有限公司`), pick(unitIds), adminId),
    );
    const amount = int(5, 200) * 100_000 * 100; // 50万–2000万元
    const inv = id(
      s.investment.run(
        fund,
        company,
        amount,
        isoOf(int(dayOf('2021-03-01'), todayDay)),
        'new',
        pick(['天使', 'A', 'B', 'C']),
        amount * int(2, 6),
        int(0, 1),
        adminId,
      ),
    );
    investmentsOf.get(fund)!.push(inv);
    investedCompanies.push({ fund, company });
    counts.companies++;
    counts.investments++;
  }
  // 业绩: every fund reports its NAV each half year from 2021 and makes one to three distributions.
  for (const fund of sourceFunds) {
    for (let year = 2021; year <= 2026; year++) {
      for (const day of ['06-30', '12-31']) {
        if (`${year}-${day}` <= AS_OF) s.valuation.run(fund, int(50, 300) * 1_000_000 * 100, `${year}-${day}`, adminId);
      }
    }
    for (let i = int(1, 3); i > 0; i--)
      s.distribution.run(
        fund,
        int(1, 50) * 100_000 * 100,
        isoOf(int(dayOf('2022-01-01'), dayOf(AS_OF))),
        pick(['return_of_capital', 'income']),
        adminId,
      );
  }
  // Reinvestment credits on invested companies: mostly approved.
  for (let i = 0; i < Math.max(20, projects / 40); i++) {
    const { fund, company } = pick(investedCompanies);
    const status = rand.next() < 0.8 ? 'approved' : pick(['pending', 'rejected'] as const);
    s.credit.run(
      fund,
      company,
      pick(['local_company', 'relocated', 'local_subsidiary']),
      int(10, 500) * 100_000 * 100,
      isoOf(int(dayOf('2021-06-01'), todayDay)),
      status,
      adminId,
    );
    counts.credits++;
  }

  const chains = ['新能源汽车', '智能装备', '新材料', '集成电路', '生物医药', null] as const;
  for (let i = 0; i < projects; i++) {
    const fund = rand.next() < 0.05 ? mother : pick(sourceFunds);
    const reported = int(dayOf('2020-09-01'), todayDay - 10);
    const status = rand.next() < 0.92 ? 'confirmed' : rand.next() < 0.6 ? 'pending' : 'rejected';
    // The furthest stage it gets to (-1: none), each step 10–200 days after the one before, never after today.
    const target = [-1, -1, 0, 0, 1, 1, 2, 2, 3, 3, 4, 5][int(0, 11)]!;
    const dates: (number | null)[] = progressStages.map(() => null);
    let day = reported;
    for (let st = 0; st <= target; st++) {
      const next = day + int(10, 200);
      if (next > todayDay) break;
      // A fifth of the projects that sign skip the recorded negotiation.
      if (st === 0 && target >= 1 && rand.next() < 0.2) continue;
      dates[st] = day = next;
    }
    const droppedDay = rand.next() < 0.08 && day + 30 <= todayDay ? int(day + 1, Math.min(todayDay, day + 300)) : null;
    // Reached dates: the earliest current milestone of that stage or any later one.
    const reached = dates.map((_, st) => dates.slice(st).find((d) => d !== null) ?? null);
    const hasCompany = rand.next() < 0.5;
    const companyName = `项目企业${i}有限公司`;
    const company = hasCompany
      ? id(s.company.run(companyName, companyNameKey(companyName), pick(unitIds), adminId))
      : null;
    if (hasCompany) counts.companies++;
    const invs = investmentsOf.get(fund);
    const investment = invs?.length && rand.next() < 0.1 ? pick(invs) : null;
    const planned = int(1, 2000) * 1_000_000 * 100; // 100万–20亿元
    const chain = pick(chains);
    const project = id(
      s.project.run(
        `招引项目${i}`,
        company,
        hasCompany ? `name:${companyNameKey(companyName)}` : null,
        fund,
        investment,
        isoOf(reported),
        planned,
        chain,
        chain === null ? null : chainNodes[i % 3]!,
        chain === null || i % 4 === 3 ? null : chainActions[(i >> 2) % 3]!,
        pick(unitIds),
        pick(unitIds),
        status,
        ...reached.map((d) => (d === null ? null : isoOf(d))),
        droppedDay === null ? null : isoOf(droppedDay),
        adminId,
      ),
    );
    counts.projects++;
    dates.forEach((d, st) => {
      if (d === null) return;
      // 2% of milestones were corrected: the first entry stays, no longer current, with an earlier date.
      if (rand.next() < 0.02) {
        s.milestone.run(project, progressStages[st], isoOf(Math.max(reported, d - int(1, 9))), null, 0, adminId);
        counts.milestones++;
      }
      s.milestone.run(project, progressStages[st], isoOf(d), null, 1, adminId);
      counts.milestones++;
    });
    if (droppedDay !== null) {
      s.milestone.run(project, 'dropped', isoOf(droppedDay), '企业选址改至外省', 1, adminId);
      counts.milestones++;
    }
    const signed = reached[1];
    if (signed !== null && signed !== undefined) {
      for (let k = int(0, 3); k > 0; k--) {
        // 到资认定: about one arrival in ten still pending, one in twenty rejected (they count nowhere).
        const review = int(1, 20);
        s.arrival.run(
          project,
          Math.floor((planned * int(5, 30)) / 100),
          isoOf(int(signed, todayDay)),
          review <= 2 ? 'pending' : review === 3 ? 'rejected' : 'confirmed',
          adminId,
        );
        counts.arrivals++;
      }
    }
  }
}

/** The key chains of the province (the names its projects use) with their 链长 and 链主. */
const PROVINCE_CHAINS = [
  ['新能源汽车', '副省长（新能源汽车）', ['第1市整车制造有限公司']],
  ['智能装备', '副省长（智能装备）', ['第2市智能装备集团有限公司']],
  ['新材料', '副省长（新材料）', []],
  ['集成电路', '副省长（集成电路）', ['第3市晶圆制造有限公司', '第4市封测有限公司']],
  ['生物医药', '副省长（生物医药）', ['第5市生物医药有限公司']],
] as const;

/**
 * 考核 of the province, written in bulk like the rest: the key chains, and 2026 targets with weights — three per unit
 * (of newLeads, signed, signedPlanned, started, arrived) and two per fund (signedPlanned, arrived, outcomes.landed).
 * Each value is a yearly figure for the unit's sub-tree or the fund's family, scaled by its size and by a factor of
 * 0.7–1.5 from its own seeded generator, so that at 序时进度 some run ahead (红榜) and some fall behind (黑榜).
 * Runs at build time, and on a reused file that has no targets yet. Answers the number of targets written.
 */
function buildAssessment(sqlite: Database.Database, adminId: number) {
  const r = prng(20261031);
  const chain = sqlite.prepare(`insert into chains (name, leader, lead_companies, updated_by) values (?, ?, ?, ?)`);
  const target = sqlite.prepare(
    `insert into targets (unit_id, fund_id, year, metric, value, weight, updated_by) values (?, ?, 2026, ?, ?, ?, ?)`,
  );
  /** How many nodes of each tree hang at or below each id (a unit's sub-tree, a fund's family). */
  const sizes = (table: 'units' | 'funds') => {
    const rows = sqlite.prepare(`select id, parent_id as parent from ${table} order by id desc`).all() as {
      id: number;
      parent: number | null;
    }[];
    const size = new Map<number, number>();
    // Children have larger ids than their parents here (built top-down), so one pass from the largest id adds up.
    for (const { id, parent } of rows) {
      const own = (size.get(id) ?? 0) + 1;
      size.set(id, own);
      if (parent !== null) size.set(parent, (size.get(parent) ?? 0) + own);
    }
    return rows.map(({ id }) => [id, size.get(id)!] as const).reverse();
  };
  // Yearly figures of one county or one fund's own projects at this size of province (about 0.83 of them by October).
  const unitBase = {
    newLeads: 100,
    signed: 65,
    signedPlanned: 65_000_000_000,
    started: 33,
    arrived: 50_000_000_000,
  } as const;
  const unitWeights = { newLeads: '1', signed: '2', signedPlanned: '1', started: '0.5', arrived: '1' } as const;
  const fundBase = { signedPlanned: 8_000_000_000, arrived: 6_000_000_000, 'outcomes.landed': 40 } as const;
  const fundWeights = { signedPlanned: '1', arrived: '2', 'outcomes.landed': '1' } as const;
  let n = 0;
  const value = (base: number, size: number) =>
    String(Math.max(1, Math.round(base * size * (0.7 + r.int(0, 80) / 100))));
  sqlite.transaction(() => {
    if ((sqlite.prepare('select count(*) as n from chains').get() as { n: number }).n === 0) {
      for (const [name, leader, companies] of PROVINCE_CHAINS)
        chain.run(name, leader, JSON.stringify(companies), adminId);
    }
    for (const [unitId, size] of sizes('units')) {
      for (const metric of r.shuffle(Object.keys(unitBase) as (keyof typeof unitBase)[]).slice(0, 3)) {
        target.run(unitId, null, metric, value(unitBase[metric], size), unitWeights[metric], adminId);
        n++;
      }
    }
    for (const [fundId, size] of sizes('funds')) {
      for (const metric of r.shuffle(Object.keys(fundBase) as (keyof typeof fundBase)[]).slice(0, 2)) {
        target.run(null, fundId, metric, value(fundBase[metric], size), fundWeights[metric], adminId);
        n++;
      }
    }
  })();
  return n;
}

/** The bench's 对接人 with an API token (the busiest one's 我的工作 is timed). */
const SERVICE_STAFF_TOKEN = 'bench-staff-token-0123456789';
/** The service loop at province size: the numbers of SPEC §9's records `buildService` writes. */
const SERVICE = { staff: 600, leaders: 80, requests: 50_000, activities: 20_000 } as const;
/** Days from raised to due by category, as the platform sets them (settings `requestDays.<category>`). */
const SERVICE_REQUEST_DAYS = {
  land: 60,
  labour: 20,
  approval: 30,
  finance: 30,
  utilities: 15,
  policy: 20,
  other: 15,
} as const satisfies Record<RequestCategory, number>;

/**
 * The service loop of the province (SPEC §9), written in bulk like the rest from its own seeded generator, over what
 * the file holds (so a reused file gets it too): 600 staff and 80 leaders, each of a unit; the default node template;
 * for every signed project its 8 nodes (stage nodes read the milestones; task nodes planned from the signing, done a
 * few days early or late, some re-planned with the baseline kept, some late) and, for about nine in ten, a 对接人 of
 * its landing unit (some after an earlier one, the history kept), for some a 包挂领导 and a 专班成员; 50,000 requests
 * over 2024–2026 with their history (受理, 办结 early or late, 回访 with a rating, some reopened and resolved again,
 * the recent ones open, some overdue), on projects or companies, handled by the project's unit or another (飞地);
 * 20,000 activities of 2025–2026 with participants, companies met (registered ones linked) and linked projects.
 * Answers what it wrote.
 */
function buildService(sqlite: Database.Database, adminId: number) {
  const r = prng(20261207);
  const run = (sql: string) => sqlite.prepare(sql);
  const s = {
    user: run(`insert into users (username, display_name, role, token_hash, updated_by) values (?, ?, ?, ?, ?)`),
    setting: run(`insert into settings (key, value, updated_by) values (?, ?, ?)`),
    template: run(`insert into node_templates (name, nodes, updated_by) values (?, ?, ?)`),
    owner: run(
      `insert into project_owners (project_id, user_id, duty, from_on, to_on, updated_by) values (?, ?, ?, ?, ?, ?)`,
    ),
    node: run(
      `insert into project_nodes (project_id, position, name, stage, planned_on, baseline_on, actual_on, note, template_id, updated_by)
       values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ),
    request: run(
      `insert into service_requests (project_id, company_id, category, unit_id, assignee_id, raised_on, due_on, description,
         status, resolved_on, resolution, rating, closed_on, raised_by, updated_by)
       values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ),
    event: run(
      `insert into request_events (request_id, status, happened_on, text, rating, updated_by) values (?, ?, ?, ?, ?, ?)`,
    ),
    activity: run(
      `insert into activities (unit_id, fund_id, kind, started_on, ended_on, destination, top_led, note, updated_by)
       values (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ),
    participant: run(`insert into activity_participants (activity_id, user_id, name, updated_by) values (?, ?, ?, ?)`),
    met: run(
      `insert into activity_companies (activity_id, name, name_key, company_id, updated_by) values (?, ?, ?, ?, ?)`,
    ),
    linked: run(`insert into activity_projects (activity_id, project_id, link, updated_by) values (?, ?, ?, ?)`),
  };
  const id = (res: Database.RunResult) => Number(res.lastInsertRowid);
  const counts = {
    users: 0,
    owners: 0,
    nodes: 0,
    requests: 0,
    requestEvents: 0,
    activities: 0,
    participants: 0,
    companiesMet: 0,
    activityProjects: 0,
  };
  const unitIds = (sqlite.prepare('select id from units order by id').all() as { id: number }[]).map((u) => u.id);
  const fundIds = (sqlite.prepare('select id from funds order by id').all() as { id: number }[]).map((f) => f.id);
  const companyRows = sqlite.prepare('select id, name, unit_id as unit from companies order by id').all() as {
    id: number;
    name: string;
    unit: number | null;
  }[];
  interface Signed {
    id: number;
    status: string;
    company: number | null;
    unit: number;
    reported: string;
    signed: string;
    registered: string | null;
    started: string | null;
    completed: string | null;
    producing: string | null;
    dropped: string | null;
  }
  const signed = sqlite
    .prepare(
      `select id, status, company_id as company, coalesce(landing_unit_id, introducing_unit_id) as unit, reported_on as reported,
         signed_on as signed, registered_on as registered, started_on as started, completed_on as completed,
         producing_on as producing, dropped_on as dropped
       from projects where signed_on is not null order by id`,
    )
    .all() as Signed[];
  const confirmed = signed.filter((p) => p.status === 'confirmed');
  const day = (iso: string) => dayOf(iso);
  const clampToday = (d: number) => Math.min(d, todayDay);

  sqlite.transaction(() => {
    // People: staff of every unit (two each, some three), leaders of the province and the cities; the first staff
    // member has a token (its 我的工作 is timed).
    const staffOf = new Map<number, number[]>();
    const staff: number[] = [];
    for (let i = 0; i < SERVICE.staff; i++) {
      const unit = unitIds[i % unitIds.length]!;
      const user = id(
        s.user.run(
          `bench-staff-${i + 1}`,
          `对接专员${i + 1}`,
          'staff',
          i === 0 ? hashToken(SERVICE_STAFF_TOKEN) : null,
          adminId,
        ),
      );
      staff.push(user);
      staffOf.set(unit, [...(staffOf.get(unit) ?? []), user]);
      counts.users++;
    }
    const leaders = Array.from({ length: SERVICE.leaders }, (_, i) => {
      counts.users++;
      return id(s.user.run(`bench-leader-${i + 1}`, `包挂领导${i + 1}`, 'leader', null, adminId));
    });
    const staffIn = (unit: number) => r.pick(staffOf.get(unit) ?? staff);
    for (const [category, days] of Object.entries(SERVICE_REQUEST_DAYS))
      s.setting.run(`requestDays.${category}`, String(days), adminId);
    const template = id(s.template.run(defaultNodeTemplate.name, JSON.stringify(defaultNodeTemplate.nodes), adminId));

    // Owners and node plans of every signed project.
    for (const p of signed) {
      const from = day(p.signed);
      const end = p.dropped === null ? todayDay : day(p.dropped);
      if (r.chance(0.9)) {
        // A 对接人 from the signing; one in six was handed over to another later (the first ended that day).
        let start = from;
        if (r.chance(1 / 6) && end - from > 60) {
          const handover = r.int(from + 30, end - 1);
          s.owner.run(p.id, staffIn(p.unit), 'liaison', isoOf(from), isoOf(handover), adminId);
          counts.owners++;
          start = handover;
        }
        s.owner.run(p.id, staffIn(p.unit), 'liaison', isoOf(start), null, adminId);
        counts.owners++;
      }
      if (r.chance(0.4)) {
        s.owner.run(p.id, r.pick(leaders), 'leader', isoOf(from), null, adminId);
        counts.owners++;
      }
      if (r.chance(0.15)) {
        s.owner.run(p.id, r.pick(staff), 'member', isoOf(from), null, adminId);
        counts.owners++;
      }
      const reached: Record<string, string | null> = {
        registered: p.registered,
        started: p.started,
        completed: p.completed,
        producing: p.producing,
      };
      // A node that fell behind is re-planned by the clerk for most projects (from about today on, in order, the
      // baseline kept; a few land a little before the as-of date); one project in seven is left late.
      const keptUp = r.chance(6 / 7);
      let replanFrom = todayDay + r.int(-30, 60);
      defaultNodeTemplate.nodes.forEach((n, position) => {
        const baseline = from + n.offsetDays;
        let planned = baseline;
        let actual: number | null = null;
        const stage = ('stage' in n ? n.stage : null) ?? null;
        const done = stage === null ? null : reached[stage];
        if (stage === null) {
          // A task: done a few days early or late (by the start when the project started), else open.
          const at = baseline + r.int(-10, 25);
          const by = p.started === null ? todayDay : day(p.started);
          if (p.started !== null || (at <= todayDay && r.chance(0.6))) actual = Math.min(at, by, todayDay);
          if (actual !== null && actual < from) actual = from;
        }
        const isDone = stage === null ? actual !== null : done !== null;
        let note: string | null = null;
        if (!isDone && planned < todayDay && keptUp) {
          planned = replanFrom;
          replanFrom += r.int(15, 120);
          note = '项目推进受阻，计划顺延';
        } else if (r.chance(0.05)) {
          planned += r.int(10, 60);
          note = '用地指标调整，计划顺延';
        }
        s.node.run(
          p.id,
          position + 1,
          n.name,
          stage,
          isoOf(planned),
          isoOf(baseline),
          actual === null ? null : isoOf(actual),
          note,
          template,
          adminId,
        );
        counts.nodes++;
      });
    }

    // Requests: three in four from 2026, the rest from 2024–2025; most on a signed project, some on a company alone.
    const categories = Object.keys(SERVICE_REQUEST_DAYS) as RequestCategory[];
    const categoryWeights = [25, 15, 25, 10, 10, 10, 5];
    const category = () => {
      let x = r.int(1, 100);
      for (const [i, w] of categoryWeights.entries()) if ((x -= w) <= 0) return categories[i]!;
      return 'other';
    };
    const ratings = () => (r.chance(0.7) ? 'satisfied' : r.chance(0.67) ? 'basic' : 'unsatisfied');
    for (let i = 0; i < SERVICE.requests; i++) {
      const cat = category();
      const raised = r.chance(0.75) ? r.int(day('2026-01-01'), todayDay) : r.int(day('2024-01-01'), day('2025-12-31'));
      const onProject = r.chance(0.85);
      const p = onProject ? r.pick(confirmed) : null;
      const company = p ? null : r.pick(companyRows);
      const ownUnit = p ? p.unit : (company!.unit ?? r.pick(unitIds));
      // One in ten is handled by another unit than the project's (飞地, a city's bureau).
      const unit = r.chance(0.9) ? ownUnit : r.pick(unitIds);
      const assignee = r.chance(0.85) ? staffIn(unit) : null;
      const due = raised + SERVICE_REQUEST_DAYS[cat];
      // The history: open, accepted within days, resolved (a quarter of them late), rated on 回访; one in twelve
      // reopened and handled again. Nothing dated after today.
      const events: [string, number, string | null, string | null][] = [['open', raised, null, null]];
      let at = raised;
      let rounds = r.chance(1 / 12) ? 2 : 1;
      while (rounds-- > 0) {
        const accepted = at + r.int(0, 5);
        if (accepted > todayDay || !r.chance(0.97)) break;
        events.push(['accepted', accepted, null, null]);
        const span = SERVICE_REQUEST_DAYS[cat];
        const resolved = accepted + (r.chance(0.75) ? r.int(1, span) : r.int(span, span * 3));
        if (resolved > todayDay || !r.chance(0.92)) break;
        events.push(['resolved', resolved, `已协调办结（${i + 1}）`, null]);
        at = resolved;
        if (r.chance(0.7)) {
          const closed = resolved + r.int(1, 20);
          if (closed <= todayDay) {
            events.push(['closed', closed, null, ratings()]);
            at = closed;
          }
        }
        if (rounds > 0) {
          const reopened = at + r.int(1, 30);
          if (reopened > todayDay) break;
          events.push(['open', reopened, '企业反映问题未解决，重新打开', null]);
          at = reopened;
        }
      }
      const last = events.at(-1)!;
      const lastResolved = [...events].reverse().find((e) => e[0] === 'resolved');
      const settled = last[0] === 'resolved' || last[0] === 'closed';
      const request = id(
        s.request.run(
          p?.id ?? null,
          company?.id ?? null,
          cat,
          unit,
          assignee,
          isoOf(raised),
          isoOf(due),
          `${cat}诉求${i + 1}：请协调解决`,
          last[0],
          settled ? isoOf(lastResolved![1]) : null,
          settled ? lastResolved![2] : null,
          last[0] === 'closed' ? last[3] : null,
          last[0] === 'closed' ? isoOf(last[1]) : null,
          assignee ?? adminId,
          adminId,
        ),
      );
      counts.requests++;
      for (const [status, on, text, rating] of events) {
        s.event.run(request, status, isoOf(on), text, rating, adminId);
        counts.requestEvents++;
      }
    }

    // Activities: 2025 and 2026 (to today), every unit, a third for a fund.
    const kinds = ['outbound', 'inbound', 'visit', 'visit', 'talks', 'event', 'online'] as const;
    const places = ['上海', '深圳', '北京', '苏州', '杭州', '广州', '南京', '合肥', '成都', '武汉'];
    for (let i = 0; i < SERVICE.activities; i++) {
      const kind = r.pick(kinds);
      const started = r.int(day('2025-01-01'), todayDay);
      const away = kind === 'outbound' || kind === 'event';
      const unit = r.pick(unitIds);
      const activity = id(
        s.activity.run(
          unit,
          r.chance(1 / 3) ? r.pick(fundIds) : null,
          kind,
          isoOf(started),
          kind === 'outbound' ? isoOf(clampToday(started + r.int(1, 4))) : null,
          away ? r.pick(places) : null,
          r.chance(away ? 0.3 : 0.05) ? 1 : 0,
          `招商活动${i + 1}`,
          adminId,
        ),
      );
      counts.activities++;
      for (let k = r.int(1, 4); k > 0; k--) {
        if (r.chance(0.5)) s.participant.run(activity, staffIn(unit), null, adminId);
        else s.participant.run(activity, null, `随行人员${r.int(1, 5000)}`, adminId);
        counts.participants++;
      }
      const met = new Set<string>();
      for (let k = r.int(1, 5); k > 0; k--) {
        const known = r.chance(0.4) ? r.pick(companyRows) : null;
        const name = known?.name ?? `${r.pick(places)}某企业${r.int(1, 30_000)}`;
        const key = companyNameKey(name);
        if (met.has(key)) continue;
        met.add(key);
        s.met.run(activity, name, key, known?.id ?? null, adminId);
        counts.companiesMet++;
      }
      if (r.chance(0.3)) {
        const linked = new Set<number>();
        for (let k = r.int(1, 2); k > 0; k--) {
          const p = r.pick(confirmed);
          if (linked.has(p.id)) continue;
          linked.add(p.id);
          s.linked.run(activity, p.id, day(p.reported) >= started && r.chance(0.6) ? 'produced' : 'advanced', adminId);
          counts.activityProjects++;
        }
      }
    }
  })();
  return counts;
}

/** Builds the district (default) or the province in one transaction; answers the mother fund and what was written. */
function build(sqlite: Database.Database, adminId: number, shape: 'district' | 'province') {
  const started = performance.now();
  const b = inserts(sqlite, adminId);
  // A 512 MB page cache while building, so the one big transaction does not spill pages to the WAL as it goes; the
  // timed calls run with the default cache again.
  const cacheSize = sqlite.pragma('cache_size', { simple: true });
  sqlite.pragma('cache_size = -524288');
  const mother = sqlite.transaction(() => {
    const tree = shape === 'province' ? buildProvince(b) : buildDistrict(b);
    buildActivity(b, tree, PROJECTS, adminId);
    return tree.mother;
  })();
  sqlite.pragma(`cache_size = ${Number(cacheSize)}`);
  return { mother, counts: b.counts, ms: performance.now() - started };
}

/** Stops the benchmark when the bulk data breaks the rule the app keeps: reached dates follow current milestones. */
function crossCheck(sqlite: Database.Database) {
  const differing = (column: string, derived: string) =>
    (
      sqlite
        .prepare(`select count(*) as n from projects p where coalesce(p.${column}, '') <> coalesce((${derived}), '')`)
        .get() as { n: number }
    ).n;
  const current = `from milestones m where m.project_id = p.id and m.current = 1`;
  const mismatches = [
    ...progressStages.map((stage, s) => {
      const later = progressStages
        .slice(s)
        .map((x) => `'${x}'`)
        .join(', ');
      return [stage, differing(`${stage}_on`, `select min(happened_on) ${current} and m.stage in (${later})`)] as const;
    }),
    ['dropped', differing('dropped_on', `select max(happened_on) ${current} and m.stage = 'dropped'`)] as const,
  ];
  const bad = mismatches.filter(([, n]) => n > 0);
  if (bad.length) throw new Error(`reached dates disagree with milestones: ${JSON.stringify(Object.fromEntries(bad))}`);
  // Everything is in the mother's family, so its leads are all confirmed projects reported by today.
  return (
    sqlite.prepare(`select count(*) as n from projects where status = 'confirmed' and reported_on <= ?`).get(TODAY) as {
      n: number;
    }
  ).n;
}

// ---------------------------------------------------------------------------------------------------------------
// Measuring

/** Nearest-rank quantile of sorted values. */
const quantile = (sorted: number[], q: number) =>
  sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)]!;
function summary(ms: number[]) {
  const s = [...ms].sort((a, b) => a - b);
  return { median: quantile(s, 0.5), p95: quantile(s, 0.95), min: s[0]!, max: s.at(-1)! };
}
const fmt = (n: number) => n.toFixed(1);

/**
 * Times `runs` calls of a GET after one warm-up call, each to the last byte of its body: reading what the server
 * sent is its cost, parsing it is the client's (a browser, a spreadsheet). Only the warm-up's body is decoded (the
 * checks read it), after its clock stops, so no parsed copy's garbage lands in a timed call. Answers wall and CPU
 * summaries and the warm-up's body (parsed JSON, the text of a page, or the size of a file); a failed call's body
 * is decoded for its error. `after` runs after each call (the RSS sampler).
 */
async function timeRoute(
  app: ReturnType<typeof createApp>,
  path: string,
  runs: number,
  headers: Record<string, string> = { authorization: `Bearer ${TOKEN}` },
  after: () => void = () => {},
  alongside: (() => number)[] = [],
) {
  const once = async (keep: boolean) => {
    const cpu = process.cpuUsage();
    const t = performance.now();
    const res = await app.request(path, { headers });
    const bytes = await res.arrayBuffer();
    const ms = performance.now() - t;
    const used = process.cpuUsage(cpu);
    const type = res.headers.get('content-type') ?? '';
    const text = () => new TextDecoder().decode(bytes);
    const decoded = () =>
      type.includes('json') ? JSON.parse(text()) : type.includes('text') ? text() : bytes.byteLength;
    if (res.status !== 200) throw new Error(`GET ${path} → ${res.status} ${JSON.stringify(decoded()).slice(0, 500)}`);
    after();
    return { ms, cpu: (used.user + used.system) / 1000, body: keep ? decoded() : undefined };
  };
  const warm = await once(true);
  const wall: number[] = [];
  const cpu: number[] = [];
  const beside: number[][] = alongside.map(() => []);
  for (let i = 0; i < runs; i++) {
    alongside.forEach((time, k) => beside[k]!.push(time()));
    const r = await once(false);
    wall.push(r.ms);
    cpu.push(r.cpu);
  }
  return { wall: summary(wall), cpu: summary(cpu), body: warm.body, alongside: beside.map(summary) };
}

/** A bounded fetch loop in a worker thread (so the client does not share the server's event loop). */
const loadWorker = `
const { parentPort, workerData } = require('node:worker_threads');
const { url, headers, connections, durationMs, maxRequests } = workerData;
const latencies = [];
const statuses = {};
let errors = 0, sent = 0;
const started = performance.now();
const end = Date.now() + durationMs;
Promise.all(Array.from({ length: connections }, async () => {
  while (Date.now() < end && sent < maxRequests) {
    sent++;
    const t = performance.now();
    try {
      const res = await fetch(url, { headers });
      await res.arrayBuffer();
      statuses[res.status] = (statuses[res.status] || 0) + 1;
      latencies.push(performance.now() - t);
    } catch { errors++; }
  }
})).then(() => parentPort.postMessage({ latencies, statuses, errors, elapsed: performance.now() - started }));
`;

interface Throughput {
  tool: string;
  requests: number;
  rps: number;
  median: number;
  p95: number;
  statuses: Record<string, number>;
  errors: number;
}

async function throughput(url: string, connections: number, seconds: number): Promise<Throughput> {
  const headers = { authorization: `Bearer ${TOKEN}` };
  const name = 'autocannon';
  const autocannon = await import(name).then((m) => m.default ?? m).catch(() => null);
  if (autocannon) {
    const r: any = await autocannon({ url, connections, duration: seconds, headers });
    return {
      tool: 'autocannon',
      requests: r.requests.total,
      rps: r.requests.average,
      median: r.latency.p50,
      p95: r.latency.p97_5 ?? r.latency.p99,
      statuses: { '2xx': r['2xx'], non2xx: r.non2xx },
      errors: r.errors,
    };
  }
  const result = await new Promise<{
    latencies: number[];
    statuses: Record<string, number>;
    errors: number;
    elapsed: number;
  }>((ok, fail) => {
    const w = new Worker(loadWorker, {
      eval: true,
      workerData: { url, headers, connections, durationMs: seconds * 1000, maxRequests: 200_000 },
    });
    w.once('message', ok);
    w.once('error', fail);
  });
  const s = summary(result.latencies.length ? result.latencies : [0]);
  return {
    tool: 'fetch loop (worker thread)',
    requests: result.latencies.length,
    rps: (result.latencies.length * 1000) / result.elapsed,
    median: s.median,
    p95: s.p95,
    statuses: result.statuses,
    errors: result.errors,
  };
}

/** Runs one call with every SQL statement timed (by wrapping this connection's prepare): its statements in order. */
async function statementsOf(
  sqlite: Database.Database,
  app: ReturnType<typeof createApp>,
  path: string,
  headers: Record<string, string> = { authorization: `Bearer ${TOKEN}` },
) {
  const seen: { sql: string; params: unknown[]; ms: number }[] = [];
  const prepare = sqlite.prepare;
  sqlite.prepare = ((source: string) => {
    const stmt = prepare.call(sqlite, source) as Database.Statement;
    for (const method of ['all', 'get', 'run', 'iterate'] as const) {
      const original = stmt[method].bind(stmt) as (...p: unknown[]) => unknown;
      (stmt as any)[method] = (...params: unknown[]) => {
        const t = performance.now();
        try {
          return original(...params);
        } finally {
          seen.push({ sql: source, params, ms: performance.now() - t });
        }
      };
    }
    return stmt;
  }) as typeof sqlite.prepare;
  try {
    const res = await app.request(path, { headers });
    await res.arrayBuffer();
  } finally {
    sqlite.prepare = prepare;
  }
  return seen;
}

/** Runs one call through statementsOf, then prints the slowest statements with their EXPLAIN QUERY PLAN and the same parameters. */
async function explainCall(
  sqlite: Database.Database,
  app: ReturnType<typeof createApp>,
  path: string,
  headers?: Record<string, string>,
) {
  const seen = await statementsOf(sqlite, app, path, headers);
  console.log(
    `\nslowest statements of GET ${path} (${seen.length} statements, ${fmt(seen.reduce((a, q) => a + q.ms, 0))} ms in SQLite):`,
  );
  for (const q of seen.sort((a, b) => b.ms - a.ms).slice(0, 6)) {
    console.log(`  ${fmt(q.ms)} ms  ${q.sql.replace(/\s+/g, ' ').slice(0, 160)}…`);
    for (const row of sqlite.prepare(`explain query plan ${q.sql}`).all(...q.params) as { detail: string }[])
      console.log(`      ${row.detail}`);
  }
}

// ---------------------------------------------------------------------------------------------------------------
// --province

/** The outcome counts the metrics report, in one plain SQL pass over the projects `where` selects (named @asOf, @big). */
const floorColumns = `count(*) as leads,
  ${progressStages.map((st) => `coalesce(sum(${st}_on <= @asOf), 0) as ${st}`).join(',\n  ')},
  coalesce(sum(dropped_on <= @asOf), 0) as dropped,
  coalesce(sum(registered_on <= @asOf and investment_id is not null), 0) as investment_linked,
  coalesce(sum(signed_on <= @asOf and planned_total_fen >= @big), 0) as big_signed,
  cast(sum(case when signed_on <= @asOf then planned_total_fen end) as text) as planned`;
const confirmedBy = `status = 'confirmed' and reported_on <= @asOf`;
/** The ids of a fund family (@root and every fund below it) and of a unit sub-tree, as plain recursive SQL. */
const familySql = `with recursive family(id) as (select @root union all select f.id from funds f join family on f.parent_id = family.id)`;
const subtreeSql = `with recursive subtree(id) as (select @root union all select u.id from units u join subtree on u.parent_id = subtree.id)`;

/** Median and p95 of a raw statement's time over `runs` runs after one warm-up. */
function timeSql(stmt: Database.Statement, params: Record<string, unknown>, runs: number) {
  const first = stmt.get(params) as Record<string, number | string | null>;
  const once = timedRun(stmt, params);
  return { row: first, ...summary(Array.from({ length: runs }, once)) };
}

/** One run of a raw statement, as a function answering its time in ms. */
const timedRun = (stmt: Database.Statement, params: Record<string, unknown>) => () => {
  const t = performance.now();
  stmt.get(params);
  return performance.now() - t;
};

/** Logs in through /login as the admin and answers the session cookie, as a browser would get it. */
async function sessionCookie(app: ReturnType<typeof createApp>, password: string) {
  const page = await app.request('/login');
  const csrf = /name="csrf" value="([^"]+)"/.exec(await page.text())![1]!;
  const loginCookie = page.headers
    .getSetCookie()
    .find((c) => c.startsWith('touyin_login_csrf='))!
    .split(';')[0]!;
  const res = await app.request('/login', {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: loginCookie },
    body: new URLSearchParams({ csrf, username: 'admin', password, next: '/' }).toString(),
  });
  const session = res.headers.getSetCookie().find((c) => c.startsWith('touyin_session='));
  if (!session) throw new Error(`login → ${res.status} without a session cookie`);
  return session.split(';')[0]!;
}

/**
 * The service loop's figures against plain SQL: the province's row of the service report over 2026 to AS_OF (every
 * request and activity of the window is the province's, whatever its units) — requests raised, resolved by the
 * window's end (by their last resolution), open and overdue then, activities by kind, 主要负责人带队, companies met,
 * leads produced, nodes due — and the number of nodes and requests on the 调度 list.
 */
function serviceChecks(sqlite: Database.Database, report: any, dispatch: any) {
  const one = <T>(sql: string) =>
    sqlite.prepare(sql).get({ from: '2026-01-01', to: AS_OF, until: isoOf(dayOf(AS_OF) + 14) }) as T;
  const root = one<{ id: number }>('select id from units where parent_id is null order by id limit 1').id;
  const row = report.units.find((u: any) => u.unitId === root);
  const requests = one<Record<string, number>>(
    `select count(*) filter (where raised_on between @from and @to) as raised,
       count(*) filter (where raised_on between @from and @to and resolved_on <= @to) as resolved,
       count(*) filter (where raised_on <= @to and (resolved_on is null or resolved_on > @to) and due_on < @to) as openOverdue
     from service_requests`,
  );
  expectSame(
    'the province’s requests in the service report (raised, resolved, open and overdue)',
    { raised: row.requests.raised, resolved: row.requests.resolved, openOverdue: row.requests.openOverdue },
    requests,
  );
  const kinds = Object.fromEntries(
    (
      sqlite
        .prepare(`select kind, count(*) as n from activities where started_on between ? and ? group by kind`)
        .all('2026-01-01', AS_OF) as { kind: string; n: number }[]
    ).map((k) => [k.kind, k.n]),
  );
  expectSame(
    'the province’s activities by kind in the service report',
    Object.fromEntries(Object.entries(row.activities).filter(([, n]) => n !== 0)),
    Object.fromEntries(Object.keys(row.activities).flatMap((k) => (kinds[k] ? [[k, kinds[k]]] : []))),
  );
  const activities = one<Record<string, number>>(
    `select (select count(*) from activities where started_on between @from and @to and top_led) as topLed,
       (select count(distinct coalesce('c' || ac.company_id, 'n' || ac.name_key)) from activity_companies ac
         join activities a on a.id = ac.activity_id where a.started_on between @from and @to) as companiesMet,
       (select count(distinct ap.project_id) from activity_projects ap join activities a on a.id = ap.activity_id
         join projects p on p.id = ap.project_id
         where a.started_on between @from and @to and ap.link = 'produced' and p.status = 'confirmed') as leadsProduced`,
  );
  expectSame(
    'the province’s 主要负责人带队, companies met and leads produced',
    { topLed: row.topLed, companiesMet: row.companiesMet, leadsProduced: row.leadsProduced },
    activities,
  );
  const stageActual = `case n.stage ${['registered', 'started', 'completed', 'producing'].map((s) => `when '${s}' then p.${s}_on`).join(' ')} else n.actual_on end`;
  const nodes = one<{ due: number }>(
    `select count(*) as due from project_nodes n join projects p on p.id = n.project_id
     where p.status = 'confirmed' and (p.dropped_on is null or p.dropped_on > @to) and n.planned_on <= @to`,
  );
  expectSame('the province’s nodes due in the service report', row.nodes.nodesDue, nodes.due);
  if (!row.requests.raised || !row.nodes.nodesOverdue || !row.requests.openOverdue)
    throw new Error('the service report of the province has no requests, late nodes or overdue requests');
  // 调度 is paged by owners: its totals count the whole list.
  const listed = (key: 'nodes' | 'requests') => dispatch.total[key] as number;
  const onList = one<{ nodes: number; requests: number }>(
    `select (select count(*) from project_nodes n join projects p on p.id = n.project_id
        where p.status = 'confirmed' and (p.dropped_on is null or p.dropped_on > @to) and n.planned_on <= @until
          and not coalesce(${stageActual} <= @to, 0)) as nodes,
      (select count(*) from service_requests r where r.raised_on <= @to and r.due_on <= @until
        and coalesce((select e.status from request_events e where e.request_id = r.id and e.happened_on <= @to
          order by e.happened_on desc, e.id desc limit 1), 'open') in ('open', 'accepted')) as requests`,
  );
  expectSame('nodes and requests on the 调度 list', { nodes: listed('nodes'), requests: listed('requests') }, onList);
}

/** Each call timed both without the service records and with them: cold wall and CPU medians, warm, statements. */
function serviceComparison(
  before: Record<
    string,
    { wall: { median: number }; cpu: { median: number }; warm: { median: number }; statements: number }
  > | null,
  after: Record<
    string,
    { wall: { median: number }; cpu: { median: number }; warm: { median: number }; statements: number }
  >,
) {
  const side = (t: NonNullable<typeof before>[string]) => ({
    median: t.wall.median,
    cpu: t.cpu.median,
    warm: t.warm.median,
    statements: t.statements,
  });
  return Object.entries(before ?? {}).flatMap(([label, t]) => {
    const w = after[label];
    if (!w) return [];
    return [
      {
        label,
        without: side(t),
        with: side(w),
        ratio: Number((w.wall.median / t.wall.median).toFixed(2)),
        cpuRatio: Number((w.cpu.median / Math.max(0.001, t.cpu.median)).toFixed(2)),
      },
    ];
  });
}

/** Stops the province benchmark (exit 1) when a figure the app answers differs from plain SQL. */
function expectSame(what: string, app: unknown, plain: unknown) {
  if (JSON.stringify(app) !== JSON.stringify(plain))
    throw new Error(`cross-check failed: ${what}: app ${JSON.stringify(app)} ≠ SQL ${JSON.stringify(plain)}`);
}

/**
 * How `npm start` runs the server, read from package.json's start script (`… && VAR=value node --flag dist/node.mjs`):
 * its environment variables and node flags, so the bench starts it the same way and nobody keeps two copies.
 */
function startCommand(): { env: Record<string, string>; flags: string[] } {
  const start = (JSON.parse(readFileSync('package.json', 'utf8')) as { scripts: { start: string } }).scripts.start;
  const m = /(?:^|&&)\s*((?:\w+=\S+\s+)*)node\s+((?:--\S+\s+)*)dist\/node\.mjs\s*$/.exec(start);
  if (!m) throw new Error(`package.json's start script does not end in "node … dist/node.mjs": ${start}`);
  const env = Object.fromEntries(
    m[1]!
      .trim()
      .split(/\s+/)
      .filter(Boolean)
      .map((a) => a.split('=') as [string, string]),
  );
  return { env, flags: m[2]!.trim().split(/\s+/).filter(Boolean) };
}

/**
 * The server's own memory at province size: touyin started as `npm start` starts it (the bundle of src/node.ts, its own process, on the
 * same file), then every report and page of `calls` answered `runs` times over HTTP, then every export; the kernel's
 * high-water mark of the server's resident set (VmHWM) after each phase. The bench process itself (which holds the
 * bodies it checks) is not counted.
 */
async function serverMemory(
  file: string,
  password: string,
  calls: [string, string, Record<string, string>?][],
  runs: number,
  load: LoadSetup,
) {
  execFileSync('npm', ['run', '-s', 'build'], { stdio: 'inherit' });
  const { env, flags } = startCommand();
  const child = spawn(process.execPath, [...flags, 'dist/node.mjs'], {
    env: {
      ...process.env,
      ...env,
      TOUYIN_DB: file,
      TOUYIN_DEMO: '0',
      PORT: '0',
      HOST: '127.0.0.1',
      TOUYIN_ADMIN_TOKEN: TOKEN,
      TOUYIN_ADMIN_PASSWORD: password,
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const mb = (field: 'VmHWM' | 'VmRSS') => {
    const kb = new RegExp(`${field}:\\s+(\\d+) kB`).exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'))?.[1];
    return Math.round(Number(kb) / 1024);
  };
  try {
    const base = await new Promise<string>((ok, fail) => {
      let out = '';
      child.stdout.on('data', (d: Buffer) => {
        out += d.toString();
        const m = /http:\/\/localhost:(\d+)/.exec(out);
        if (m) ok(`http://127.0.0.1:${m[1]}`);
      });
      child.once('exit', (code) => fail(new Error(`the server stopped (${code}) before it listened`)));
    });
    const started = mb('VmHWM');
    const cookie = await serverSession(base, 'admin', password);
    const phase = async (which: typeof calls) => {
      for (const [label, path, headers] of which) {
        for (let i = 0; i < runs; i++) {
          const res = await fetch(`${base}${path}`, {
            headers: headers?.cookie ? { cookie } : { authorization: `Bearer ${TOKEN}` },
          });
          if (res.status !== 200) throw new Error(`server memory: ${label} → ${res.status}`);
          await res.arrayBuffer();
        }
      }
      return mb('VmHWM');
    };
    const isExport = ([, path]: (typeof calls)[number]) => path.includes('.xlsx');
    const reports = await phase(calls.filter((c) => !isExport(c)));
    const exports = await phase(calls.filter(isExport));
    const afterServing = mb('VmRSS');
    const loads = [];
    for (const clients of LOAD_CLIENTS)
      loads.push({ ...(await loadLevel(base, password, load, clients)), loadAverage: loadavg()[0]!.toFixed(2) });
    return {
      afterStart: started,
      peakServingReports: reports,
      peakServingExports: exports,
      afterServing,
      load: loads,
      peakAfterLoad: mb('VmHWM'),
    };
  } finally {
    child.kill('SIGTERM');
  }
}

/** What the load phase needs: a fund a manager reports leads for, a unit, a project to read by id. */
interface LoadSetup {
  fundId: number;
  unitId: number;
  projectId: number;
}
/** Cockpit clients of each load level, and its length. */
const LOAD_CLIENTS = [0, 1, 2, 4, 8];
const LOAD_SECONDS = 10;

const pct = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;

/** Logs a user in on the server through the login form and answers its session cookie. */
async function serverSession(base: string, username: string, password: string) {
  const page = await fetch(`${base}/login`);
  const csrf = /name="csrf" value="([^"]+)"/.exec(await page.text())![1]!;
  const loginCookie = page.headers
    .getSetCookie()
    .find((c) => c.startsWith('touyin_login_csrf='))!
    .split(';')[0]!;
  const login = await fetch(`${base}/login`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: loginCookie },
    body: new URLSearchParams({ csrf, username, password, next: '/' }).toString(),
  });
  return login.headers
    .getSetCookie()
    .find((c) => c.startsWith('touyin_session='))!
    .split(';')[0]!;
}

/**
 * One load level: small requests at 20 a second, open loop (one every 50 ms whether or not the last was answered),
 * in turn GET /health, a project by id, and a manager's lead POST (each a write, so the cockpit is never kept for
 * long), while `clients` leaders, each with a session of its own, reload the cockpit in a bounded loop. Answers the
 * small requests' p50/p99 (an unanswered one counts at the level's end plus 15 s), how many were still unanswered
 * 15 s after the level, and the cockpit reloads' count and median.
 */
async function loadLevel(base: string, password: string, setup: LoadSetup, clients: number) {
  const admin = { authorization: `Bearer ${TOKEN}` };
  const manager = await fetch(`${base}/api/users`, {
    method: 'POST',
    headers: { ...admin, 'content-type': 'application/json' },
    body: JSON.stringify({
      username: `bench-manager-${clients}-${Date.now()}`,
      role: 'manager',
      fundIds: [setup.fundId],
    }),
  }).then((r) => r.json() as Promise<{ token: string }>);
  const leaders = await Promise.all(
    Array.from({ length: clients }, async (_, i) => {
      const username = `bench-leader-${clients}-${i}-${Date.now()}`;
      await fetch(`${base}/api/users`, {
        method: 'POST',
        headers: { ...admin, 'content-type': 'application/json' },
        body: JSON.stringify({ username, role: 'leader', password }),
      });
      return serverSession(base, username, password);
    }),
  );
  const end = performance.now() + LOAD_SECONDS * 1000;
  const cockpit: number[] = [];
  const reloads = leaders.map(async (cookie) => {
    for (let n = 0; performance.now() < end && n < 1000; n++) {
      const t = performance.now();
      const res = await fetch(`${base}/?asOf=${AS_OF}`, { headers: { cookie } });
      await res.arrayBuffer();
      if (res.status !== 200) throw new Error(`cockpit under load → ${res.status}`);
      cockpit.push(performance.now() - t);
    }
  });
  const small: Promise<number>[] = [];
  let lead = 0;
  for (let i = 0; performance.now() < end; i++) {
    const t = performance.now();
    const kind = i % 3;
    const request =
      kind === 0
        ? fetch(`${base}/health`)
        : kind === 1
          ? fetch(`${base}/api/projects/${setup.projectId}`, { headers: admin })
          : fetch(`${base}/api/projects`, {
              method: 'POST',
              headers: { authorization: `Bearer ${manager.token}`, 'content-type': 'application/json' },
              body: JSON.stringify({
                name: `压测线索${clients}-${++lead}`,
                sourceType: 'fund',
                sourceFundId: setup.fundId,
                reportedOn: AS_OF,
                plannedTotal: '1000000',
                introducingUnitId: setup.unitId,
                landingUnitId: setup.unitId,
              }),
            });
    small.push(
      request.then(async (res) => {
        await res.arrayBuffer();
        if (res.status >= 300) throw new Error(`small request under load → ${res.status}`);
        return performance.now() - t;
      }),
    );
    await new Promise((ok) => setTimeout(ok, Math.max(0, t + 50 - performance.now())));
  }
  const deadline = performance.now() + 15_000;
  const latencies = await Promise.all(
    small.map((p) =>
      Promise.race([
        p,
        new Promise<number>((ok) => setTimeout(() => ok(Infinity), Math.max(0, deadline - performance.now()))),
      ]),
    ),
  );
  await Promise.all(reloads);
  const answered = latencies.filter(Number.isFinite).sort((a, b) => a - b);
  const all = latencies.map((l) => (Number.isFinite(l) ? l : deadline)).sort((a, b) => a - b);
  const c = [...cockpit].sort((a, b) => a - b);
  return {
    clients,
    small: latencies.length,
    unanswered15s: latencies.length - answered.length,
    p50: Number(pct(all, 50).toFixed(1)),
    p99: Number(pct(all, 99).toFixed(1)),
    cockpitReloads: c.length,
    cockpitMedian: c.length ? Number(pct(c, 50).toFixed(0)) : null,
  };
}

async function provinceMain() {
  const log = (line: string) => (args.json ? console.error(line) : console.log(line));
  const password = 'bench-admin-password';
  const dir = args.db ? null : mkdtempSync(join(tmpdir(), 'touyin-bench-'));
  const file = args.db ?? join(dir!, 'province.db');
  const { sqlite, db } = openDatabase(file);
  const one = <T>(sql: string, ...params: unknown[]) => sqlite.prepare(sql).get(...params) as T;
  try {
    await ensureAdmin(db, TOKEN, password);
    const adminId = one<{ id: number }>(`select id from users where username = 'admin'`).id;
    const environment = {
      node: process.version,
      sqlite: one<{ v: string }>('select sqlite_version() as v').v,
      loadAverage: loadavg().map((x) => Number(x.toFixed(2))),
    };
    log(
      `touyin province bench: Node ${environment.node}, SQLite ${environment.sqlite}, load average ${environment.loadAverage.join(' ')}`,
    );
    const existing = one<{ id: number } | undefined>(
      `select id from funds where name = ? and parent_id is null`,
      PROVINCE_MOTHER,
    );
    let mother: number;
    let buildMs: number | null = null;
    if (existing) {
      mother = existing.id;
      log(`reusing ${file} (${(statSync(file).size / 1024 / 1024).toFixed(1)} MB)`);
    } else {
      if (one<{ n: number }>('select count(*) as n from funds').n > 0)
        throw new Error(`${file} holds funds but not the province: use another --db file`);
      const built = build(sqlite, adminId, 'province');
      mother = built.mother;
      buildMs = built.ms;
      sqlite.pragma('wal_checkpoint(TRUNCATE)');
      log(
        `built ${file} in ${fmt(built.ms)} ms (${(statSync(file).size / 1024 / 1024).toFixed(1)} MB): ${JSON.stringify(built.counts)}`,
      );
    }
    if (one<{ n: number }>('select count(*) as n from targets').n === 0) {
      const t = performance.now();
      log(
        `wrote ${buildAssessment(sqlite, adminId)} targets of 2026 and the key chains in ${fmt(performance.now() - t)} ms`,
      );
    }
    sqlite.pragma('optimize');
    crossCheck(sqlite);
    const size = {
      funds: one<{ n: number }>('select count(*) as n from funds').n,
      units: one<{ n: number }>('select count(*) as n from units').n,
      projects: one<{ n: number }>('select count(*) as n from projects').n,
      milestones: one<{ n: number }>('select count(*) as n from milestones').n,
      arrivals: one<{ n: number }>('select count(*) as n from arrivals').n,
    };
    // A grandchild: a fund two levels below the mother, with funds of its own below it.
    const grandchild = one<{ id: number }>(
      `select g.id from funds g join funds c on c.id = g.parent_id where c.parent_id = ? and exists (select 1 from funds x where x.parent_id = g.id) order by g.id limit 1`,
      mother,
    ).id;
    const city = one<{ id: number }>(
      `select id from units where parent_id = (select id from units where parent_id is null order by id limit 1) order by id limit 1`,
    ).id;
    const county = one<{ id: number }>('select id from units where parent_id = ? order by id limit 1', city).id;
    const params = { asOf: AS_OF, big: 10_000_000_000 };

    // The floors: one aggregate over every project, and one over a family's projects.
    const floorStmt = sqlite.prepare(`select ${floorColumns} from projects where ${confirmedBy}`);
    const floor = timeSql(floorStmt, params, RUNS * 2);
    const familyFloor = sqlite.prepare(
      `${familySql} select ${floorColumns} from projects where source_fund_id in (select id from family) and ${confirmedBy}`,
    );
    const provinceFloor = timeSql(familyFloor, { ...params, root: mother }, RUNS * 2);
    const grandchildFloor = timeSql(familyFloor, { ...params, root: grandchild }, RUNS * 2);

    // Cold: an app that keeps nothing, so each run computes. Warm: the same call answered again from the read cache.
    const app = createApp(() => db, { now: () => new Date(`${TODAY}T04:00:00Z`), cacheBytes: 0 });
    const warmApp = createApp(() => db, { now: () => new Date(`${TODAY}T04:00:00Z`) });
    const cookie = await sessionCookie(app, password);
    let peakRss = process.memoryUsage().rss;
    const sample = () => {
      peakRss = Math.max(peakRss, process.memoryUsage().rss);
    };
    const sampler = setInterval(sample, 25);
    const staffAuth = { authorization: `Bearer ${SERVICE_STAFF_TOKEN}` };
    const month = AS_OF.slice(0, 7);
    const calls: [string, string, Record<string, string>?][] = [
      ['province family metrics', `/api/funds/${mother}/metrics?asOf=${AS_OF}`],
      ['funds report', `/api/reports/funds?asOf=${AS_OF}`],
      ['units report', `/api/reports/units?asOf=${AS_OF}`],
      ['grandchild fund metrics', `/api/funds/${grandchild}/metrics?asOf=${AS_OF}`],
      ['cockpit page', `/?asOf=${AS_OF}`, { cookie }],
      ['funds export', `/api/exports/funds.xlsx?asOf=${AS_OF}`],
      ['province mother performance', `/api/funds/${mother}/performance?asOf=${AS_OF}`],
      ['self-check export', `/api/exports/self-check.xlsx?year=2025`],
      ['assessment', `/api/assessment?year=2026&asOf=${AS_OF}`],
      ['bulletin', `/api/bulletins/${month}`],
      ['bulletin page', `/bulletins/${month}`, { cookie }],
      ['bulletin export', `/api/exports/bulletin.xlsx?month=${month}`],
      ['alerts', `/api/alerts?asOf=${AS_OF}`],
      ['service report', `/api/reports/service?from=2026-01-01&to=${AS_OF}`],
      [
        'service report of a city, landing view',
        `/api/reports/service?from=2026-01-01&to=${AS_OF}&view=landing&unitId=${city}`,
      ],
      ['dispatch', `/api/dispatch?asOf=${AS_OF}`],
      ['dispatch export', `/api/exports/dispatch.xlsx?asOf=${AS_OF}`],
      ['dispatch page', `/dispatch?asOf=${AS_OF}`, { cookie }],
      ['dispatch of a city', `/api/dispatch?asOf=${AS_OF}&unit=${city}`],
      ['dispatch of a county', `/api/dispatch?asOf=${AS_OF}&unit=${county}`],
      ['dispatch of an owner', `/api/dispatch?asOf=${AS_OF}&owner=me`, staffAuth],
      ['dispatch second page', `/api/dispatch?asOf=${AS_OF}&cursor=50`],
      ['my work of a 对接人', `/api/me/work?asOf=${AS_OF}`, staffAuth],
      ['chains report', `/api/reports/chains?asOf=${AS_OF}`],
    ];
    /** The calls the service loop (SPEC §9) adds to: timed without its records too, before they are written. */
    const serviceLabels = [
      'cockpit page',
      'assessment',
      'bulletin',
      'bulletin page',
      'bulletin export',
      'alerts',
      'service report',
      'service report of a city, landing view',
      'dispatch',
      'dispatch export',
      'dispatch page',
    ];
    const only =
      args.only
        ?.split(',')
        .map((w) => w.trim())
        .filter(Boolean) ?? [];
    const selected = only.length ? calls.filter(([label]) => only.some((w) => label.includes(w))) : calls;
    if (!selected.length) throw new Error(`--only ${args.only}: no call's label holds it`);
    type Timed = Record<
      string,
      Awaited<ReturnType<typeof timeRoute>> & {
        path: string;
        warm: ReturnType<typeof summary>;
        warmCpu: ReturnType<typeof summary>;
        statements: number;
      }
    >;
    // Each call's runs alternate with runs of the floor (and, for a fund's metrics, of its family's floor), so a
    // ratio compares times taken under the same conditions: this machine's speed drifts by ±15% over a minute.
    const familyRoot: Record<string, number> = {
      'province family metrics': mother,
      'grandchild fund metrics': grandchild,
    };
    const timeCalls = async (which: typeof calls, phase: string) => {
      const out: Timed = {};
      for (const [label, path, headers] of which) {
        log(`timing ${label}${phase}: GET ${path}`);
        const root = familyRoot[label];
        const beside = [
          timedRun(floorStmt, params),
          ...(root === undefined ? [] : [timedRun(familyFloor, { ...params, root })]),
        ];
        const warm = await timeRoute(warmApp, path, RUNS, headers, sample);
        out[label] = {
          path,
          ...(await timeRoute(app, path, RUNS, headers, sample, beside)),
          warm: warm.wall,
          warmCpu: warm.cpu,
          statements: (await statementsOf(sqlite, app, path, headers)).length,
        };
      }
      return out;
    };
    let timed: Timed = {};
    /** The service loop's calls timed before its records were written (null: the file had them already). */
    let before: Timed | null = null;
    let serviceBuild: { ms: number; counts: ReturnType<typeof buildService> } | null = null;
    try {
      if (one<{ n: number }>('select count(*) as n from service_requests').n === 0) {
        before = await timeCalls(
          selected.filter(([label]) => serviceLabels.includes(label)),
          ' (without the service records)',
        );
        if (!args['no-service']) {
          const t = performance.now();
          const counts = buildService(sqlite, adminId);
          // Statistics of every table that grew (users too, which no statement of this connection has read yet).
          sqlite.pragma('optimize = 0x10002');
          sqlite.pragma('wal_checkpoint(TRUNCATE)');
          serviceBuild = { ms: performance.now() - t, counts };
          log(`wrote the service loop in ${fmt(serviceBuild.ms)} ms: ${JSON.stringify(counts)}`);
        }
      }
      const withService = one<{ n: number }>('select count(*) as n from service_requests').n > 0;
      timed = await timeCalls(
        selected.filter(([label]) => withService || !label.startsWith('my work')),
        withService ? '' : ' (without the service records)',
      );
    } finally {
      clearInterval(sampler);
    }
    sample();

    if (args.explain) {
      // The slowest statements of the service loop's calls, with their plans.
      for (const [label, path, headers] of selected.filter(
        ([l]) => serviceLabels.includes(l) || l.startsWith('my work'),
      ))
        if (!headers?.cookie && !path.includes('.xlsx')) {
          log(`\n${label}:`);
          await explainCall(sqlite, app, path, headers);
        }
    }

    // Cross-checks of the app's figures against plain SQL (when every call ran).
    let counts: { assessmentTargets: number; red: number; black: number; alertsFirstPage: number } | null = null;
    if (selected === calls) {
      const plain = (root: number) => {
        const r = familyFloor.get({ ...params, root }) as Record<string, number>;
        const arrived = sqlite
          .prepare(
            `${familySql} select cast(coalesce(sum(a.amount_fen), 0) as text) as fen from arrivals a join projects p on p.id = a.project_id
             where p.source_fund_id in (select id from family) and p.${confirmedBy.replace(' and ', ' and p.')} and p.signed_on <= @asOf and a.arrived_on <= @asOf and a.status = 'confirmed'`,
          )
          .get({ asOf: AS_OF, root }) as { fen: string };
        return {
          leads: r.leads,
          reached: Object.fromEntries(progressStages.map((st) => [st, r[st]])),
          arrived: fenToYuan(arrived.fen),
        };
      };
      const figures = (m: any) => ({
        leads: m.outcomes.leads,
        reached: m.outcomes.reached,
        arrived: m.outcomes.arrived,
      });
      const motherMetrics = timed['province family metrics']!.body;
      const grandchildMetrics = timed['grandchild fund metrics']!.body;
      expectSame('province family leads, reached stages and arrivals', figures(motherMetrics), plain(mother));
      expectSame('grandchild family leads, reached stages and arrivals', figures(grandchildMetrics), plain(grandchild));
      expectSame(
        'province family leads = every confirmed project reported by asOf',
        motherMetrics.outcomes.leads,
        floor.row.leads,
      );
      const report = timed['funds report']!.body;
      expectSame('funds in the funds report', report.funds.length, size.funds);
      expectSame(
        'the funds report’s grandchild row',
        figures(report.funds.find((f: any) => f.fundId === grandchild)),
        figures(grandchildMetrics),
      );
      const units = timed['units report']!.body;
      expectSame('units in the units report', units.units.length, size.units);
      const cityLeads = one<{ n: number }>(
        `${subtreeSql} select count(*) as n from projects where introducing_unit_id in (select id from subtree) and ${confirmedBy}`,
        { root: city, asOf: AS_OF },
      ).n;
      expectSame(
        `city ${city}'s leads (introducing view)`,
        units.units.find((u: any) => u.unitId === city).outcomes.leads,
        cityLeads,
      );
      if (!String(timed['cockpit page']!.body).includes('以投促引驾驶舱'))
        throw new Error('the cockpit page does not show the cockpit');
      const motherPaid = one<{ fen: string }>(
        `select cast(coalesce(sum(p.amount_fen), 0) as text) as fen from contributions p join commitments m on m.id = p.commitment_id
         where m.fund_id = @root and p.paid_on <= @asOf and m.committed_on <= @asOf`,
        { root: mother, asOf: AS_OF },
      ).fen;
      const motherPerformance = timed['province mother performance']!.body;
      expectSame('the mother’s paid-in in its performance body', motherPerformance.paidIn, fenToYuan(motherPaid));
      expectSame(
        'the mother’s children in its performance body',
        motherPerformance.children.length,
        one<{ n: number }>('select count(*) as n from funds where parent_id = @root', { root: mother }).n,
      );

      // The assessment: every unit and fund listed, every target scored, and both boards hold units.
      const assessment = timed['assessment']!.body;
      const targetCount = one<{ n: number }>('select count(*) as n from targets where year = 2026').n;
      expectSame('units in the assessment', assessment.units.length, size.units);
      expectSame('funds in the assessment', assessment.funds.length, size.funds);
      expectSame(
        'targets in the assessment',
        [...assessment.units, ...assessment.funds].reduce((a: number, o: any) => a + o.targets.length, 0),
        targetCount,
      );
      const boards = (units: any[]) => ({
        red: units.some((u) => u.board === 'red'),
        black: units.some((u) => u.board === 'black'),
      });
      expectSame('the assessment has a 红榜 and a 黑榜', boards(assessment.units), { red: true, black: true });
      const bulletin = timed['bulletin']!.body;
      expectSame(
        'the bulletin’s year-to-date figures = the assessment’s',
        bulletin.units.map((u: any) => u.ytd),
        assessment.units.map((u: any) => u.ytd),
      );
      const provinceYtd = one<{ n: number }>(
        `select count(*) as n from projects where status = 'confirmed' and reported_on <= @asOf and signed_on between '2026-01-01' and @asOf`,
        { asOf: AS_OF },
      ).n;
      expectSame(
        'the province’s signed projects of 2026 (introducing view)',
        assessment.units.find((u: any) => u.parentId === null).ytd.signed,
        provinceYtd,
      );
      const alertItems = timed['alerts']!.body.items as unknown[];
      if (!alertItems.length) throw new Error('the alerts list is empty');
      const chainsReport = timed['chains report']!.body;
      expectSame('chains in the chains report', chainsReport.chains.length, PROVINCE_CHAINS.length);
      if (timed['my work of a 对接人']) serviceChecks(sqlite, timed['service report']!.body, timed['dispatch']!.body);
      counts = {
        assessmentTargets: targetCount,
        red: assessment.units.filter((u: any) => u.board === 'red').length,
        black: assessment.units.filter((u: any) => u.board === 'black').length,
        alertsFirstPage: alertItems.length,
      };
    }

    const ratio = (ms: number, to: number) => Number((ms / to).toFixed(2));
    const result = {
      environment,
      database: {
        file: args.db ?? null,
        buildMs: buildMs === null ? null : Math.round(buildMs),
        ...size,
        grandchild,
        mother,
      },
      runs: RUNS,
      floor: {
        sql: 'one aggregate over all confirmed projects reported by asOf',
        median: floor.median,
        p95: floor.p95,
      },
      familyFloors: {
        province: { median: provinceFloor.median, p95: provinceFloor.p95 },
        grandchild: { median: grandchildFloor.median, p95: grandchildFloor.p95 },
      },
      calls: Object.fromEntries(
        Object.entries(timed).map(([label, t]) => {
          const [floorBeside, familyFloorBeside] = t.alongside;
          return [
            label,
            {
              path: t.path,
              median: t.wall.median,
              p95: t.wall.p95,
              cpuMedian: t.cpu.median,
              warmMedian: t.warm.median,
              warmCpuMedian: t.warmCpu.median,
              statements: t.statements,
              floorMedian: floorBeside!.median,
              toFloor: ratio(t.wall.median, floorBeside!.median),
              ...(familyFloorBeside && {
                familyFloorMedian: familyFloorBeside.median,
                toFamilyFloor: ratio(t.wall.median, familyFloorBeside.median),
              }),
            },
          ];
        }),
      ),
      serviceLoop: {
        build: serviceBuild && { ms: Math.round(serviceBuild.ms), ...serviceBuild.counts },
        calls: serviceComparison(before, timed),
      },
      assessment: counts,
      grandchildToProvince:
        counts && ratio(timed['grandchild fund metrics']!.wall.median, timed['province family metrics']!.wall.median),
      rssMb: {
        peakWhileServing: Math.round(peakRss / 1024 / 1024),
        afterServing: Math.round(process.memoryUsage().rss / 1024 / 1024),
        // The kernel's high-water mark of the whole process (the sampler above misses peaks inside synchronous work).
        maxRss: Math.round(process.resourceUsage().maxRSS / 1024),
      },
      serverRssMb: await serverMemory(file, password, selected, 2, {
        fundId: grandchild,
        unitId: city,
        projectId: one<{ id: number }>(
          'select id from projects where source_fund_id = ? order by id limit 1',
          grandchild,
        ).id,
      }),
    };
    if (args.json) {
      console.log(JSON.stringify(result, null, 2));
    } else {
      console.log(
        `\n${size.funds} funds, ${size.units} units, ${size.projects} projects, ${size.milestones} milestones, ${size.arrivals} arrivals; ` +
          `asOf ${AS_OF}; ${RUNS} runs after one warm-up (ms)`,
      );
      const ms = (n: number) => n.toFixed(2);
      console.log(
        `floor (one SQL aggregate over all projects): median ${ms(floor.median)}, p95 ${ms(floor.p95)}; each call's ratio is to the floor timed in turn with its runs (floor beside)`,
      );
      console.log(
        `family floors (the same aggregate over a family's projects): province ${ms(provinceFloor.median)}, grandchild ${grandchild} ${ms(grandchildFloor.median)}`,
      );
      console.table(
        Object.fromEntries(
          Object.entries(result.calls).map(([label, c]) => [
            label,
            {
              'cold median': fmt(c.median),
              p95: fmt(c.p95),
              'cpu median': fmt(c.cpuMedian),
              'warm median': fmt(c.warmMedian),
              'warm cpu': fmt(c.warmCpuMedian),
              statements: c.statements,
              'floor beside': fmt(c.floorMedian),
              '× floor': c.toFloor,
              '× family floor': 'toFamilyFloor' in c ? `${c.toFamilyFloor} (of ${fmt(c.familyFloorMedian!)})` : '',
            },
          ]),
        ),
      );
      if (result.serviceLoop.calls.length) {
        console.log(
          `the service loop's calls without its records and with them${serviceBuild ? ` (written in ${fmt(serviceBuild.ms)} ms: ${JSON.stringify(serviceBuild.counts)})` : ''} (cold medians, ms):`,
        );
        console.table(
          Object.fromEntries(
            result.serviceLoop.calls.map((c) => [
              c.label,
              {
                without: fmt(c.without.median),
                'cpu without': fmt(c.without.cpu),
                with: fmt(c.with.median),
                'cpu with': fmt(c.with.cpu),
                '× (cpu)': c.cpuRatio,
                'warm with': fmt(c.with.warm),
                'statements without': c.without.statements,
                'statements with': c.with.statements,
              },
            ]),
          ),
        );
      }
      if (counts) {
        console.log(`grandchild metrics / province metrics: ${result.grandchildToProvince}`);
        console.log(
          `assessment: ${counts.assessmentTargets} targets of 2026, 红榜 ${counts.red} units, 黑榜 ${counts.black} units; ${counts.alertsFirstPage} alerts on the first page`,
        );
      }
      console.log(
        `RSS of this bench process (it also holds every body it checks): peak ${result.rssMb.peakWhileServing} MB, after ${result.rssMb.afterServing} MB; its high-water mark ${result.rssMb.maxRss} MB`,
      );
      const srv = result.serverRssMb;
      console.log(
        `RSS of the server in its own process (npm start's dist/node.mjs, each call twice over HTTP; kernel high-water mark): ` +
          `after start ${srv.afterStart} MB, peak serving reports and pages ${srv.peakServingReports} MB, then exports ${srv.peakServingExports} MB, after ${srv.afterServing} MB; ` +
          `peak after the load levels (cache full) ${srv.peakAfterLoad} MB`,
      );
      console.log(
        `small requests at 20/s (GET /health, GET a project, a manager's lead POST) while N leaders reload the cockpit, ${LOAD_SECONDS} s a level (ms):`,
      );
      console.table(
        Object.fromEntries(
          srv.load.map((l) => [
            `${l.clients} cockpit clients`,
            {
              p50: l.p50,
              p99: l.p99,
              'unanswered 15 s after': l.unanswered15s,
              small: l.small,
              'cockpit reloads': l.cockpitReloads,
              'cockpit median': l.cockpitMedian,
              'load average': l.loadAverage,
            },
          ]),
        ),
      );
    }
  } finally {
    sqlite.close();
    if (dir && !args.keep) rmSync(dir, { recursive: true, force: true });
    else log(`kept ${file}`);
  }
}

async function main() {
  const dir = args.db ? null : mkdtempSync(join(tmpdir(), 'touyin-bench-'));
  const file = args.db ?? join(dir!, 'bench.db');
  const { sqlite, db } = openDatabase(file);
  try {
    await ensureAdmin(db, TOKEN);
    const adminId = (sqlite.prepare(`select id from users where username = 'admin'`).get() as { id: number }).id;
    console.log(
      `touyin bench: Node ${process.version}, SQLite ${(sqlite.prepare('select sqlite_version() as v').get() as { v: string }).v}, ` +
        `load average ${loadavg()
          .map((x) => x.toFixed(2))
          .join(' ')}`,
    );
    const existing = sqlite.prepare(`select id from funds where level = 'mother' order by id limit 1`).get() as
      { id: number } | undefined;
    let mother: number;
    if (existing) {
      mother = existing.id;
      console.log(`reusing ${file} (${(statSync(file).size / 1024 / 1024).toFixed(1)} MB)`);
    } else {
      const built = build(sqlite, adminId, 'district');
      mother = built.mother;
      sqlite.pragma('wal_checkpoint(TRUNCATE)');
      console.log(
        `built ${file} in ${fmt(built.ms)} ms (${(statSync(file).size / 1024 / 1024).toFixed(1)} MB): ${JSON.stringify(built.counts)}`,
      );
    }
    const leads = crossCheck(sqlite);

    const app = createApp(() => db, { now: () => new Date(`${TODAY}T04:00:00Z`) });
    const sub = (
      sqlite.prepare(`select id from funds where parent_id = ? order by id limit 1`).get(mother) as { id: number }
    ).id;
    const results: Record<string, Awaited<ReturnType<typeof timeRoute>>> = {};
    const m = await timeRoute(app, `/api/funds/${mother}/metrics`, RUNS);
    if (m.body.outcomes.leads !== leads) throw new Error(`mother leads ${m.body.outcomes.leads} ≠ SQL count ${leads}`);
    results[`GET /api/funds/${mother}/metrics (mother, ${m.body.outcomes.leads} leads)`] = m;
    const s = await timeRoute(app, `/api/funds/${sub}/metrics`, RUNS);
    results[`GET /api/funds/${sub}/metrics (sub-fund, ${s.body.outcomes.leads} leads)`] = s;
    const r = await timeRoute(app, '/api/reports/funds', Math.max(3, Math.ceil(RUNS / 2)));
    results[`GET /api/reports/funds (${r.body.funds.length} funds)`] = r;
    console.log(
      `\nmetrics over app.request, ${RUNS} runs after one warm-up call (ms; cpu = user + system time of this process):`,
    );
    console.table(
      Object.fromEntries(
        Object.entries(results).map(([k, v]) => [
          k,
          {
            median: fmt(v.wall.median),
            p95: fmt(v.wall.p95),
            min: fmt(v.wall.min),
            'cpu median': fmt(v.cpu.median),
            'cpu p95': fmt(v.cpu.p95),
          },
        ]),
      ),
    );
    console.log(
      `mother: leads ${m.body.outcomes.leads}, signed ${m.body.outcomes.reached.signed}, arrived ${m.body.outcomes.arrived}, ` +
        `medianDaysToSign ${m.body.outcomes.medianDaysToSign}, reinvestment rate of sub-fund ${sub}: ${s.body.reinvestment.rate}`,
    );
    if (args.explain) await explainCall(sqlite, app, `/api/funds/${mother}/metrics`);

    const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' });
    await new Promise<void>((ok) => (server.listening ? ok() : server.once('listening', () => ok())));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      const rows: Record<string, unknown> = {};
      for (const [label, path, connections] of [
        ['GET /health', '/health', 32],
        [`GET /api/funds/${sub}/metrics`, `/api/funds/${sub}/metrics`, 8],
        [`GET /api/funds/${mother}/metrics`, `/api/funds/${mother}/metrics`, 4],
      ] as const) {
        const t = await throughput(base + path, connections, SECONDS);
        rows[`${label} ×${connections}`] = {
          tool: t.tool,
          requests: t.requests,
          'req/s': fmt(t.rps),
          'median ms': fmt(t.median),
          'p95 ms': fmt(t.p95),
          statuses: JSON.stringify(t.statuses),
          errors: t.errors,
        };
      }
      console.log(`\nthroughput against ${base} (${SECONDS} s each):`);
      console.table(rows);
    } finally {
      await new Promise<void>((ok) => server.close(() => ok()));
    }
  } finally {
    sqlite.close();
    if (dir && !args.keep) rmSync(dir, { recursive: true, force: true });
    else console.log(`kept ${file}`);
  }
}

(args.province ? provinceMain() : main()).catch((err: unknown) => {
  console.error('touyin bench failed:', err);
  process.exit(1);
});

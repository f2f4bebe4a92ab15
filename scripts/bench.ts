/**
 * touyin's benchmark (`npm run bench`): a mother fund family with 100,000 sourced projects, then the time of the
 * metrics routes and the throughput of the HTTP server on 127.0.0.1.
 *
 *   npm run bench [-- --projects 100000 --runs 10 --seconds 5 --explain --keep]
 *   npm run bench -- --db /tmp/bench.db    build that file once (kept), reuse it on later runs; new migrations
 *                                          are applied to it on open, so a schema change can be timed before/after
 *
 * Times are wall-clock and CPU (user + system of this process) per call: on a busy machine the CPU time is the
 * steadier figure.
 *
 * The database is built through the real migrations in a temporary file, filled in bulk with prepared statements
 * in one transaction (the audit triggers fire as they do in production), and cross-checked: each project's
 * reached-stage dates must equal what its current milestones say, and the mother's lead count must equal a plain
 * SQL count, or the benchmark stops (exit 1).
 */
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { Worker } from 'node:worker_threads';
import { serve } from '@hono/node-server';
import type Database from 'better-sqlite3';
import { prng } from '../seed/random';
import { createApp } from '../src/app';
import { ensureAdmin } from '../src/bootstrap';
import { progressStages } from '../src/db/schema';
import { companyNameKey } from '../src/domain/names';
import { openDatabase } from '../src/node';

const { values: args } = parseArgs({
  options: {
    projects: { type: 'string', default: '100000' },
    runs: { type: 'string', default: '10' },
    seconds: { type: 'string', default: '5' },
    explain: { type: 'boolean', default: false },
    keep: { type: 'boolean', default: false },
    db: { type: 'string' },
  },
});
const PROJECTS = Math.max(100, Math.min(1_000_000, Number(args.projects)));
const RUNS = Math.max(3, Math.min(100, Number(args.runs)));
const SECONDS = Math.max(1, Math.min(30, Number(args.seconds)));
const TOKEN = 'bench-admin-token-0123456789';
/** The benchmark's clock, like the tests': today is 2026-11-22 in China. */
const TODAY = '2026-11-22';
const SUB_FUNDS = 10;

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

function build(sqlite: Database.Database, adminId: number) {
  const started = performance.now();
  const run = (sql: string) => sqlite.prepare(sql);
  const insUnit = run(`insert into units (name, code, parent_id, updated_by) values (?, ?, ?, ?)`);
  const insFund = run(
    `insert into funds (name, level, parent_id, manager, home_unit_id, established_on, reinvest_multiple, reinvest_base, updated_by) values (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const insCommitment = run(
    `insert into commitments (fund_id, investor_type, investor_name, investor_fund_id, amount_fen, committed_on, updated_by) values (?, ?, ?, ?, ?, ?, ?)`,
  );
  const insContribution = run(`insert into contributions (commitment_id, amount_fen, paid_on, updated_by) values (?, ?, ?, ?)`);
  const insCompany = run(`insert into companies (name, name_key, unit_id, updated_by) values (?, ?, ?, ?)`);
  const insInvestment = run(
    `insert into investments (fund_id, company_id, amount_fen, invested_on, kind, round, round_size_fen, lead, updated_by) values (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const insProject = run(
    `insert into projects (name, company_id, company_key, source_type, source_fund_id, investment_id, reported_on, planned_total_fen,
       chain, introducing_unit_id, landing_unit_id, status, negotiating_on, signed_on, registered_on, started_on, completed_on, producing_on,
       dropped_on, updated_by)
     values (?, ?, ?, 'fund', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const insMilestone = run(`insert into milestones (project_id, stage, happened_on, reason, current, updated_by) values (?, ?, ?, ?, ?, ?)`);
  const insArrival = run(`insert into arrivals (project_id, amount_fen, arrived_on, kind, currency, updated_by) values (?, ?, ?, 'fixed_asset', 'CNY', ?)`);
  const insCredit = run(
    `insert into reinvestment_credits (fund_id, company_id, category, amount_fen, dated_on, status, updated_by) values (?, ?, ?, ?, ?, ?, ?)`,
  );
  const id = (r: Database.RunResult) => Number(r.lastInsertRowid);
  const counts = { units: 0, funds: 0, commitments: 0, companies: 0, investments: 0, projects: 0, milestones: 0, arrivals: 0, credits: 0 };

  const tx = sqlite.transaction(() => {
    const district = id(insUnit.run('鸠江区', '340207', null, adminId));
    const towns = Array.from({ length: 8 }, (_, i) => id(insUnit.run(`鸠江区第${i + 1}街道`, null, district, adminId)));
    const unitIds = [district, ...towns];
    counts.units = unitIds.length;

    const mother = id(insFund.run('鸠江区区级母基金', 'mother', null, '鸠江区投资集团', district, '2020-06-01', '0', 'parent_committed', adminId));
    const contribute = (commitmentId: number, committedFen: number, paidOn: string) => insContribution.run(commitmentId, Math.floor(committedFen * 0.4), paidOn, adminId);
    for (const [type, name, fen] of [['fiscal', '区财政局', 60 * YI], ['soe', '区建投集团', 40 * YI]] as const) {
      contribute(id(insCommitment.run(mother, type, name, null, fen, '2020-06-01', adminId)), fen, '2020-09-01');
      counts.commitments++;
    }
    const subs: number[] = [];
    for (let i = 0; i < SUB_FUNDS; i++) {
      const sub = id(insFund.run(`产业子基金${i + 1}号`, 'sub', mother, `基金管理人${i + 1}`, district, '2021-01-01', '1.2', 'parent_committed', adminId));
      subs.push(sub);
      const fromMother = int(3, 8) * YI;
      for (const [type, name, investorFund, fen] of [
        ['fund', null, mother, fromMother],
        ['social', `社会出资人${i + 1}`, null, fromMother * 3],
        ['soe', `市国投${i + 1}`, null, fromMother],
      ] as const) {
        contribute(id(insCommitment.run(sub, type, name, investorFund, fen, '2021-01-01', adminId)), fen, '2021-06-01');
        counts.commitments++;
      }
    }
    // Two sub-funds have a fund of their own (a third level), so families are trees, not just stars.
    for (const parent of subs.slice(0, 2)) {
      const grand = id(insFund.run(`专项子基金（${parent}）`, 'sub', parent, null, district, '2022-01-01', '1', 'fund_committed', adminId));
      subs.push(grand);
      contribute(id(insCommitment.run(grand, 'fund', null, parent, 2 * YI, '2022-01-01', adminId)), 2 * YI, '2022-03-01');
      contribute(id(insCommitment.run(grand, 'social', '社会出资人', null, 3 * YI, '2022-01-01', adminId)), 3 * YI, '2022-03-01');
      counts.commitments += 2;
    }
    counts.funds = 1 + subs.length;
    const sourceFunds = [mother, ...subs];

    // Investments: one company each, rounds sized 2–6× the fund's amount.
    const investmentsOf = new Map<number, number[]>(subs.map((s) => [s, []]));
    const investedCompanies: { fund: number; company: number }[] = [];
    for (let i = 0; i < Math.max(50, PROJECTS / 20); i++) {
      const fund = pick(subs);
      const company = id(insCompany.run(`被投企业${i}有限公司`, companyNameKey(`被投企业${i}有限公司`), pick(unitIds), adminId));
      const amount = int(5, 200) * 100_000 * 100; // 50万–2000万元
      const inv = id(insInvestment.run(fund, company, amount, isoOf(int(dayOf('2021-03-01'), todayDay)), 'new', pick(['天使', 'A', 'B', 'C']), amount * int(2, 6), int(0, 1), adminId));
      investmentsOf.get(fund)!.push(inv);
      investedCompanies.push({ fund, company });
      counts.companies++;
      counts.investments++;
    }
    // Reinvestment credits on invested companies: mostly approved.
    for (let i = 0; i < Math.max(20, PROJECTS / 40); i++) {
      const { fund, company } = pick(investedCompanies);
      const status = rand.next() < 0.8 ? 'approved' : pick(['pending', 'rejected'] as const);
      insCredit.run(fund, company, pick(['local_company', 'relocated', 'local_subsidiary']), int(10, 500) * 100_000 * 100, isoOf(int(dayOf('2021-06-01'), todayDay)), status, adminId);
      counts.credits++;
    }

    const chains = ['新能源汽车', '智能装备', '新材料', '集成电路', '生物医药', null] as const;
    for (let i = 0; i < PROJECTS; i++) {
      const fund = rand.next() < 0.05 ? mother : pick(sourceFunds);
      const reported = int(dayOf('2020-09-01'), todayDay - 10);
      const status = rand.next() < 0.92 ? 'confirmed' : rand.next() < 0.6 ? 'pending' : 'rejected';
      // The furthest stage it gets to (-1: none), each step 10–200 days after the one before, never after today.
      const target = [-1, -1, 0, 0, 1, 1, 2, 2, 3, 3, 4, 5][int(0, 11)]!;
      const dates: (number | null)[] = progressStages.map(() => null);
      let day = reported;
      for (let s = 0; s <= target; s++) {
        const next = day + int(10, 200);
        if (next > todayDay) break;
        // A fifth of the projects that sign skip the recorded negotiation.
        if (s === 0 && target >= 1 && rand.next() < 0.2) continue;
        dates[s] = day = next;
      }
      const droppedDay = rand.next() < 0.08 && day + 30 <= todayDay ? int(day + 1, Math.min(todayDay, day + 300)) : null;
      // Reached dates: the earliest current milestone of that stage or any later one.
      const reached = dates.map((_, s) => dates.slice(s).find((d) => d !== null) ?? null);
      const hasCompany = rand.next() < 0.5;
      const companyName = `项目企业${i}有限公司`;
      const company = hasCompany ? id(insCompany.run(companyName, companyNameKey(companyName), pick(unitIds), adminId)) : null;
      if (hasCompany) counts.companies++;
      const invs = investmentsOf.get(fund);
      const investment = invs?.length && rand.next() < 0.1 ? pick(invs) : null;
      const planned = int(1, 2000) * 1_000_000 * 100; // 100万–20亿元
      const project = id(
        insProject.run(
          `招引项目${i}`, company, hasCompany ? `name:${companyNameKey(companyName)}` : null, fund, investment, isoOf(reported), planned,
          pick(chains), pick(unitIds), pick(unitIds), status,
          ...reached.map((d) => (d === null ? null : isoOf(d))), droppedDay === null ? null : isoOf(droppedDay), adminId,
        ),
      );
      counts.projects++;
      dates.forEach((d, s) => {
        if (d === null) return;
        // 2% of milestones were corrected: the first entry stays, no longer current, with an earlier date.
        if (rand.next() < 0.02) {
          insMilestone.run(project, progressStages[s], isoOf(Math.max(reported, d - int(1, 9))), null, 0, adminId);
          counts.milestones++;
        }
        insMilestone.run(project, progressStages[s], isoOf(d), null, 1, adminId);
        counts.milestones++;
      });
      if (droppedDay !== null) {
        insMilestone.run(project, 'dropped', isoOf(droppedDay), '企业选址改至外省', 1, adminId);
        counts.milestones++;
      }
      const signed = reached[1];
      if (signed !== null && signed !== undefined) {
        for (let k = int(0, 3); k > 0; k--) {
          insArrival.run(project, Math.floor(planned * int(5, 30) / 100), isoOf(int(signed, todayDay)), adminId);
          counts.arrivals++;
        }
      }
    }
    return mother;
  });
  const mother = tx();
  return { mother, counts, ms: performance.now() - started };
}

/** Stops the benchmark when the bulk data breaks the rule the app keeps: reached dates follow current milestones. */
function crossCheck(sqlite: Database.Database) {
  const differing = (column: string, derived: string) =>
    (sqlite.prepare(`select count(*) as n from projects p where coalesce(p.${column}, '') <> coalesce((${derived}), '')`).get() as { n: number }).n;
  const current = `from milestones m where m.project_id = p.id and m.current = 1`;
  const mismatches = [
    ...progressStages.map((stage, s) => {
      const later = progressStages.slice(s).map((x) => `'${x}'`).join(', ');
      return [stage, differing(`${stage}_on`, `select min(happened_on) ${current} and m.stage in (${later})`)] as const;
    }),
    ['dropped', differing('dropped_on', `select max(happened_on) ${current} and m.stage = 'dropped'`)] as const,
  ];
  const bad = mismatches.filter(([, n]) => n > 0);
  if (bad.length) throw new Error(`reached dates disagree with milestones: ${JSON.stringify(Object.fromEntries(bad))}`);
  // Everything is in the mother's family, so its leads are all confirmed projects reported by today.
  return (sqlite.prepare(`select count(*) as n from projects where status = 'confirmed' and reported_on <= ?`).get(TODAY) as { n: number }).n;
}

// ---------------------------------------------------------------------------------------------------------------
// Measuring

/** Nearest-rank quantile of sorted values. */
const quantile = (sorted: number[], q: number) => sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)]!;
function summary(ms: number[]) {
  const s = [...ms].sort((a, b) => a - b);
  return { median: quantile(s, 0.5), p95: quantile(s, 0.95), min: s[0]!, max: s.at(-1)! };
}
const fmt = (n: number) => n.toFixed(1);

async function timeRoute(app: ReturnType<typeof createApp>, path: string, runs: number) {
  const once = async () => {
    const cpu = process.cpuUsage();
    const t = performance.now();
    const res = await app.request(path, { headers: { authorization: `Bearer ${TOKEN}` } });
    const body = (await res.json()) as any;
    if (res.status !== 200) throw new Error(`GET ${path} → ${res.status} ${JSON.stringify(body)}`);
    const used = process.cpuUsage(cpu);
    return { ms: performance.now() - t, cpu: (used.user + used.system) / 1000, body };
  };
  const warm = await once();
  const wall: number[] = [];
  const cpu: number[] = [];
  for (let i = 0; i < runs; i++) {
    const r = await once();
    wall.push(r.ms);
    cpu.push(r.cpu);
  }
  return { wall: summary(wall), cpu: summary(cpu), body: warm.body };
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
      tool: 'autocannon', requests: r.requests.total, rps: r.requests.average, median: r.latency.p50, p95: r.latency.p97_5 ?? r.latency.p99,
      statuses: { '2xx': r['2xx'], non2xx: r.non2xx }, errors: r.errors,
    };
  }
  const result = await new Promise<{ latencies: number[]; statuses: Record<string, number>; errors: number; elapsed: number }>((ok, fail) => {
    const w = new Worker(loadWorker, { eval: true, workerData: { url, headers, connections, durationMs: seconds * 1000, maxRequests: 200_000 } });
    w.once('message', ok);
    w.once('error', fail);
  });
  const s = summary(result.latencies.length ? result.latencies : [0]);
  return {
    tool: 'fetch loop (worker thread)', requests: result.latencies.length, rps: (result.latencies.length * 1000) / result.elapsed,
    median: s.median, p95: s.p95, statuses: result.statuses, errors: result.errors,
  };
}

/**
 * Runs one call with every SQL statement timed (by wrapping this connection's prepare), then prints the slowest
 * statements with their EXPLAIN QUERY PLAN and the same parameters.
 */
async function explainCall(sqlite: Database.Database, app: ReturnType<typeof createApp>, path: string) {
  const seen: { sql: string; params: unknown[]; ms: number }[] = [];
  const prepare = sqlite.prepare;
  sqlite.prepare = ((source: string) => {
    const stmt = prepare.call(sqlite, source) as Database.Statement;
    for (const method of ['all', 'get', 'run'] as const) {
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
    await app.request(path, { headers: { authorization: `Bearer ${TOKEN}` } });
  } finally {
    sqlite.prepare = prepare;
  }
  console.log(`\nslowest statements of GET ${path} (${seen.length} statements, ${fmt(seen.reduce((a, q) => a + q.ms, 0))} ms in SQLite):`);
  for (const q of seen.sort((a, b) => b.ms - a.ms).slice(0, 6)) {
    console.log(`  ${fmt(q.ms)} ms  ${q.sql.replace(/\s+/g, ' ').slice(0, 160)}…`);
    for (const row of sqlite.prepare(`explain query plan ${q.sql}`).all(...q.params) as { detail: string }[]) console.log(`      ${row.detail}`);
  }
}

async function main() {
  const dir = args.db ? null : mkdtempSync(join(tmpdir(), 'touyin-bench-'));
  const file = args.db ?? join(dir!, 'bench.db');
  const { sqlite, db } = openDatabase(file);
  try {
    await ensureAdmin(db, TOKEN);
    const adminId = (sqlite.prepare(`select id from users where username = 'admin'`).get() as { id: number }).id;
    console.log(`touyin bench: Node ${process.version}, SQLite ${(sqlite.prepare('select sqlite_version() as v').get() as { v: string }).v}, ` +
      `load average ${loadavg().map((x) => x.toFixed(2)).join(' ')}`);
    const existing = sqlite.prepare(`select id from funds where level = 'mother' order by id limit 1`).get() as { id: number } | undefined;
    let mother: number;
    if (existing) {
      mother = existing.id;
      console.log(`reusing ${file} (${(statSync(file).size / 1024 / 1024).toFixed(1)} MB)`);
    } else {
      const built = build(sqlite, adminId);
      mother = built.mother;
      sqlite.pragma('wal_checkpoint(TRUNCATE)');
      console.log(`built ${file} in ${fmt(built.ms)} ms (${(statSync(file).size / 1024 / 1024).toFixed(1)} MB): ${JSON.stringify(built.counts)}`);
    }
    const leads = crossCheck(sqlite);

    const app = createApp(() => db, { now: () => new Date(`${TODAY}T04:00:00Z`) });
    const sub = (sqlite.prepare(`select id from funds where parent_id = ? order by id limit 1`).get(mother) as { id: number }).id;
    const results: Record<string, Awaited<ReturnType<typeof timeRoute>>> = {};
    const m = await timeRoute(app, `/api/funds/${mother}/metrics`, RUNS);
    if (m.body.outcomes.leads !== leads) throw new Error(`mother leads ${m.body.outcomes.leads} ≠ SQL count ${leads}`);
    results[`GET /api/funds/${mother}/metrics (mother, ${m.body.outcomes.leads} leads)`] = m;
    const s = await timeRoute(app, `/api/funds/${sub}/metrics`, RUNS);
    results[`GET /api/funds/${sub}/metrics (sub-fund, ${s.body.outcomes.leads} leads)`] = s;
    const r = await timeRoute(app, '/api/reports/funds', Math.max(3, Math.ceil(RUNS / 2)));
    results[`GET /api/reports/funds (${r.body.funds.length} funds)`] = r;
    console.log(`\nmetrics over app.request, ${RUNS} runs after one warm-up call (ms; cpu = user + system time of this process):`);
    console.table(
      Object.fromEntries(
        Object.entries(results).map(([k, v]) => [
          k,
          { 'median': fmt(v.wall.median), 'p95': fmt(v.wall.p95), 'min': fmt(v.wall.min), 'cpu median': fmt(v.cpu.median), 'cpu p95': fmt(v.cpu.p95) },
        ]),
      ),
    );
    console.log(`mother: leads ${m.body.outcomes.leads}, signed ${m.body.outcomes.reached.signed}, arrived ${m.body.outcomes.arrived}, ` +
      `medianDaysToSign ${m.body.outcomes.medianDaysToSign}, reinvestment rate of sub-fund ${sub}: ${s.body.reinvestment.rate}`);
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
          tool: t.tool, requests: t.requests, 'req/s': fmt(t.rps), 'median ms': fmt(t.median), 'p95 ms': fmt(t.p95),
          statuses: JSON.stringify(t.statuses), errors: t.errors,
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

main().catch((err: unknown) => {
  console.error('touyin bench failed:', err);
  process.exit(1);
});

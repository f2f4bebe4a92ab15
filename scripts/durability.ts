/**
 * Crash safety of touyin's write path (`npm run test:durability`).
 *
 * Starts the real server (`npx tsx src/node.ts`) on a database in a temporary directory, drives writes at it over
 * 127.0.0.1, SIGKILLs it mid-load, restarts it on the same file and checks that every write the server had
 * acknowledged (2xx) is still there and `PRAGMA integrity_check` is ok. Several rounds; exits non-zero on any loss.
 *
 *   npm run test:durability [-- --rounds 4 --writers 16]
 *
 * A SIGKILL loses the process, not the machine: committed WAL frames are in the OS page cache and survive. With
 * `synchronous = NORMAL` (src/node.ts) a power cut or kernel crash may still lose the last transactions; this
 * script does not simulate that.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import Database from 'better-sqlite3';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const { values: args } = parseArgs({
  options: {
    rounds: { type: 'string', default: '4' },
    writers: { type: 'string', default: '16' },
    keep: { type: 'boolean', default: false },
  },
});
const ROUNDS = Math.max(1, Math.min(20, Number(args.rounds)));
const WRITERS = Math.max(1, Math.min(64, Number(args.writers)));
/** Each writer stops after this many requests in a round even if the kill never came. */
const MAX_REQUESTS_PER_WRITER = 400;
const STARTUP_TIMEOUT_MS = 60_000;

const dir = mkdtempSync(join(tmpdir(), 'touyin-durability-'));
const file = join(dir, 'touyin.db');
const token = randomBytes(24).toString('hex');

interface Server {
  child: ChildProcess;
  base: string;
  exited: Promise<void>;
}

/** The server this script started and has not stopped yet, so an error never leaves it running. */
let live: Server | null = null;

/** Starts `npx tsx src/node.ts` in its own process group (so one SIGKILL reaches npx, tsx and the server alike). */
function startServer(): Promise<Server> {
  const child = spawn('npx', ['tsx', 'src/node.ts'], {
    cwd: root,
    env: { ...process.env, PORT: '0', TOUYIN_DB: file, TOUYIN_DEMO: '0', TOUYIN_ADMIN_TOKEN: token },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  const exited = new Promise<void>((ok) => child.once('exit', () => ok()));
  let log = '';
  return new Promise((ok, fail) => {
    const timer = setTimeout(
      () => fail(new Error(`服务 ${STARTUP_TIMEOUT_MS} ms 内未启动：${log}`)),
      STARTUP_TIMEOUT_MS,
    );
    const onData = (d: Buffer) => {
      log += d.toString();
      const port = /http:\/\/[^\s:]+:(\d+)/.exec(log)?.[1];
      if (port) {
        clearTimeout(timer);
        live = { child, base: `http://127.0.0.1:${port}`, exited };
        ok(live);
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', (d: Buffer) => (log += d.toString()));
    child.once('exit', (code) => {
      clearTimeout(timer);
      fail(new Error(`服务启动失败（退出码 ${code}）：${log}`));
    });
  });
}

/** SIGKILL to the server's whole process group, then wait until it is gone. */
async function kill(server: Server, signal: NodeJS.Signals = 'SIGKILL') {
  try {
    process.kill(-server.child.pid!, signal);
  } catch {
    /* already gone */
  }
  await server.exited;
  if (live === server) live = null;
}

async function call(base: string, method: string, path: string, body?: unknown) {
  const res = await fetch(base + path, {
    method,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as any };
}

async function mustCreate(base: string, path: string, body: unknown) {
  const r = await call(base, 'POST', path, body);
  if (r.status !== 201) throw new Error(`POST ${path} → ${r.status} ${JSON.stringify(r.body)}`);
  return r.body;
}

// What the server acknowledged, across all rounds.
const projects = new Map<number, { name: string; company: string | null }>();
const milestones = new Map<number, number>(); // milestone id → project id
const arrivals = new Map<number, { projectId: number; amountFen: number }>();
const ackedWrites = () => projects.size + milestones.size + arrivals.size;

interface RoundLoad {
  acknowledged: number;
  failed: number;
  statuses: Record<number, number>;
}

/**
 * Writers that each create projects (half with a new company), sign every other one and record an arrival on it,
 * until a request fails (the kill) or their bound is reached. Answers once the load is running.
 */
function driveLoad(base: string, round: number, fundIds: number[], unitId: number) {
  const load: RoundLoad = { acknowledged: 0, failed: 0, statuses: {} };
  let stopped = false;
  const tally = (status: number) => {
    load.statuses[status] = (load.statuses[status] ?? 0) + 1;
    if (status >= 200 && status < 300) load.acknowledged++;
  };
  const writer = async (w: number) => {
    for (let n = 0, j = 0; n < MAX_REQUESTS_PER_WRITER && !stopped; j++) {
      try {
        const name = `耐久项目-${round}-${w}-${j}`;
        const company = j % 2 === 0 ? `耐久测试企业${round}轮${w}号${j}有限公司` : null;
        n++;
        const p = await call(base, 'POST', '/api/projects', {
          name,
          sourceType: 'fund',
          sourceFundId: fundIds[j % fundIds.length],
          reportedOn: '2024-01-10',
          plannedTotal: '150000000',
          introducingUnitId: unitId,
          landingUnitId: unitId,
          ...(company && { company: { name: company } }),
        });
        tally(p.status);
        if (p.status !== 201) continue;
        projects.set(p.body.id, { name, company });
        if (j % 2 === 1) continue;
        n++;
        const m = await call(base, 'POST', `/api/projects/${p.body.id}/milestones`, {
          stage: 'signed',
          on: '2024-03-01',
        });
        tally(m.status);
        if (m.status !== 201) continue;
        milestones.set(m.body.id, p.body.id);
        const amountFen = 100_000 * (j + 1) + w; // 元 amounts with 分: (1000·(j+1)).0w 元
        n++;
        const a = await call(base, 'POST', `/api/projects/${p.body.id}/arrivals`, {
          amount: (amountFen / 100).toFixed(2),
          arrivedOn: '2024-04-01',
          kind: 'fixed_asset',
        });
        tally(a.status);
        if (a.status === 201) arrivals.set(a.body.id, { projectId: p.body.id, amountFen });
      } catch {
        load.failed++; // the connection died with the server: not acknowledged, maybe committed
        return;
      }
    }
  };
  const done = Promise.all(Array.from({ length: WRITERS }, (_, w) => writer(w)));
  return { load, done, stop: () => (stopped = true) };
}

interface Check {
  integrity: string;
  found: number;
  lost: string[];
  unacknowledgedKept: number;
}

/** Looks for every acknowledged write in the file (through a second connection) and checks its integrity. */
function verify(): Check {
  const db = new Database(file, { fileMustExist: true });
  try {
    db.pragma('busy_timeout = 5000');
    const integrity = (db.pragma('integrity_check') as { integrity_check: string }[])
      .map((r) => r.integrity_check)
      .join('; ');
    const lost: string[] = [];
    let found = 0;
    const projectRow = db.prepare(
      `select p.name, c.name as company, p.signed_on as signedOn from projects p left join companies c on c.id = p.company_id where p.id = ?`,
    );
    const milestoneRow = db.prepare(`select project_id as projectId from milestones where id = ? and stage = 'signed'`);
    const arrivalRow = db.prepare(`select project_id as projectId, amount_fen as amountFen from arrivals where id = ?`);
    for (const [id, want] of projects) {
      const r = projectRow.get(id) as { name: string; company: string | null } | undefined;
      if (r && r.name === want.name && r.company === want.company) found++;
      else lost.push(`项目 ${id}（${want.name}）`);
    }
    for (const [id, projectId] of milestones) {
      const r = milestoneRow.get(id) as { projectId: number } | undefined;
      const p = projectRow.get(projectId) as { signedOn: string | null } | undefined;
      if (r?.projectId === projectId && p?.signedOn === '2024-03-01') found++;
      else lost.push(`进展 ${id}（项目 ${projectId} 签约）`);
    }
    for (const [id, want] of arrivals) {
      const r = arrivalRow.get(id) as { projectId: number; amountFen: number } | undefined;
      if (r?.projectId === want.projectId && r.amountFen === want.amountFen) found++;
      else lost.push(`到资 ${id}（项目 ${want.projectId}）`);
    }
    const total = (sql: string) => (db.prepare(sql).get() as { n: number }).n;
    const kept =
      total(`select count(*) as n from projects where name like '耐久项目-%'`) +
      total('select count(*) as n from milestones') +
      total('select count(*) as n from arrivals');
    return { integrity, found, lost, unacknowledgedKept: kept - found };
  } finally {
    db.close();
  }
}

const sleep = (ms: number) => new Promise((ok) => setTimeout(ok, ms));

async function main() {
  console.log(`touyin 崩溃安全测试：${ROUNDS} 轮，每轮 ${WRITERS} 个并发写入者，数据库 ${file}`);
  let server = await startServer();
  const unit = await mustCreate(server.base, '/api/units', { name: '鸠江区' });
  const mother = await mustCreate(server.base, '/api/funds', {
    name: '鸠江区区级母基金',
    level: 'mother',
    homeUnitId: unit.id,
  });
  const subs = [
    await mustCreate(server.base, '/api/funds', { name: '智能制造产业子基金', level: 'sub', parentId: mother.id }),
    await mustCreate(server.base, '/api/funds', { name: '人工智能产业子基金', level: 'sub', parentId: mother.id }),
  ];
  const fundIds = subs.map((f: { id: number }) => f.id);
  const rows: Record<string, string | number>[] = [];
  let failed = false;

  for (let round = 1; round <= ROUNDS; round++) {
    const before = ackedWrites();
    const { load, done, stop } = driveLoad(server.base, round, fundIds, unit.id);
    // Kill once the load is well under way: after 100 acknowledged writes of this round, plus 0–400 ms.
    const started = Date.now();
    while (ackedWrites() - before < 100 && Date.now() - started < 30_000) await sleep(5);
    await sleep(Math.floor(Math.random() * 400));
    await kill(server);
    stop();
    await done;

    server = await startServer();
    const check = verify();
    const health = await call(server.base, 'GET', '/health');
    const lastProject = [...projects.keys()].at(-1);
    const served =
      lastProject === undefined ? { status: 0 } : await call(server.base, 'GET', `/api/projects/${lastProject}`);
    const ok =
      check.lost.length === 0 &&
      check.integrity === 'ok' &&
      health.status === 200 &&
      served.status === 200 &&
      load.acknowledged > 0;
    failed ||= !ok;
    rows.push({
      轮次: round,
      本轮确认写入: load.acknowledged,
      被杀时在途请求: load.failed,
      累计确认写入: ackedWrites(),
      找到: check.found,
      丢失: check.lost.length,
      累计未确认但已提交: check.unacknowledgedKept,
      integrity_check: check.integrity,
      重启后可读: served.status === 200 ? '是' : `否（${served.status}）`,
      状态码: JSON.stringify(load.statuses),
    });
    if (check.lost.length)
      console.error(`第 ${round} 轮丢失：${check.lost.slice(0, 20).join('，')}${check.lost.length > 20 ? ' …' : ''}`);
  }
  await kill(server, 'SIGTERM');
  const final = verify();
  failed ||= final.lost.length > 0 || final.integrity !== 'ok';

  console.table(rows);
  console.log(
    `合计：确认写入 ${ackedWrites()}（项目 ${projects.size}、进展 ${milestones.size}、到资 ${arrivals.size}），` +
      `找到 ${final.found}，丢失 ${final.lost.length}，integrity_check ${final.integrity}`,
  );
  console.log(failed ? '结果：失败' : '结果：通过（每一次被确认的写入在强杀重启后都在，数据库完整）');
  return failed ? 1 : 0;
}

// The server runs in its own process group, so an interrupted run must stop it itself.
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    if (live) process.kill(-live.child.pid!, 'SIGKILL');
    rmSync(dir, { recursive: true, force: true });
    process.exit(130);
  });
}

void main()
  .catch((err: unknown) => {
    console.error('touyin 崩溃安全测试出错：', err);
    return 1;
  })
  .then(async (code) => {
    if (live) await kill(live);
    if (!args.keep) rmSync(dir, { recursive: true, force: true });
    else console.log(`保留了数据库目录 ${dir}`);
    process.exit(code);
  });

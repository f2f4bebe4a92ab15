import { Hono, type Context, type MiddlewareHandler } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { and, count, eq, gt, lte } from 'drizzle-orm';
import { childrenOf, createSession, endSession, familyOf, loadSession, newToken, scopeOf, SESSION_COOKIE, verifyPassword } from '../auth';
import { loginFailures, users } from '../db/schema';
import { Dec } from '../domain/decimal';
import type { AppEnv } from '../env';
import { ApiError } from '../errors';
import type { FundMetrics } from '../queries/funds';
import { css, script } from './assets';
import {
  arrivalKindNames,
  categoryNames,
  chainActionNames,
  chainNodeNames,
  investorTypeNames,
  levelNames,
  money,
  pct,
  sourceTypeNames,
  stageNames,
  statusNames,
  times,
  wan,
} from './format';
import { jsonScript, Layout, Msg } from './layout';

const LOGIN_CSRF = 'touyin_login_csrf';
const LOGIN_MAX_FAILURES = 5;
const LOGIN_WINDOW_MS = 15 * 60_000;
const stageOrder = ['negotiating', 'signed', 'registered', 'started', 'completed', 'producing'] as const;

/** A page that cannot be shown: an ApiError (so nothing logs it as unexpected) that the session middleware renders. */
class PageError extends ApiError {
  constructor(
    readonly status: 403 | 404,
    message: string,
  ) {
    super(status === 404 ? 'not_found' : 'forbidden', message);
  }
}

type Page = Context<AppEnv>;
type Json = any;

/**
 * The web pages. Every figure and every list comes from touyin's own /api (called in-process with the visitor's
 * session), so a page shows exactly what the API lets its role see; forms post to the same /api with the CSRF token.
 */
export function webPages(root: () => { request: (path: string, init: RequestInit, env?: Record<string, unknown>) => Response | Promise<Response> }) {
  async function api<T = Json>(c: Page, path: string): Promise<T> {
    const res = await root().request(path, { headers: { cookie: c.req.header('cookie') ?? '' } }, c.env);
    if (res.status === 404) throw new PageError(404, '您要查看的记录不存在，或您无权查看。');
    if (res.status === 403) throw new PageError(403, '您的角色无权查看此页面。');
    if (!res.ok) throw new Error(`内部接口 ${path} 返回 ${res.status}`);
    return (await res.json()) as T;
  }

  /** Pages need a live session; without one the visitor is sent to /login and brought back after. */
  const session: MiddlewareHandler<AppEnv> = async (c, next) => {
    const cookie = getCookie(c, SESSION_COOKIE);
    const s = cookie ? await loadSession(c.var.db, cookie, c.var.options.now()) : null;
    if (!s) return c.redirect(`/login?next=${encodeURIComponent(c.req.path + (new URL(c.req.url).search || ''))}`);
    c.set('user', s.user);
    c.set('csrf', s.csrf);
    c.set('scope', await scopeOf(c.var.db, s.user));
    await next();
    // Hono hands a thrown error to onError before control returns here; a PageError becomes an HTML page instead.
    const err = c.error;
    if (err instanceof PageError) {
      c.error = undefined;
      c.res = await c.html(
        <Layout title="无法查看" user={s.user} csrf={s.csrf}>
          <div class="card">
            <h1>{err.status === 404 ? '未找到' : '无权查看'}</h1>
            <p>{err.message}</p>
            <a href="/">返回驾驶舱</a>
          </div>
        </Layout>,
        err.status,
      );
    }
  };

  const staffOnly: MiddlewareHandler<AppEnv> = async (c, next) => {
    if (!['admin', 'staff'].includes(c.var.user.role)) throw new PageError(403, '只有平台工作人员可以使用此页面。');
    await next();
  };
  const writers: MiddlewareHandler<AppEnv> = async (c, next) => {
    if (c.var.user.role === 'leader') throw new PageError(403, '领导账号只读，不能报送或修改数据。');
    await next();
  };

  const shell = (c: Page, title: string, body: unknown, charts = false) =>
    c.html(
      <Layout title={title} user={c.var.user} csrf={c.var.csrf} path={c.req.path} charts={charts}>
        {body as any}
      </Layout>,
    );

  const asOfOf = (c: Page) => {
    const q = c.req.query('asOf');
    return q && /^\d{4}-\d{2}-\d{2}$/.test(q) ? q : c.var.today;
  };

  return new Hono<AppEnv>()
    .get('/assets/touyin.css', (c) => c.body(css, 200, { 'content-type': 'text/css; charset=utf-8', 'cache-control': 'public, max-age=300' }))
    .get('/assets/touyin.js', (c) => c.body(script, 200, { 'content-type': 'text/javascript; charset=utf-8', 'cache-control': 'public, max-age=300' }))
    .get('/login', (c) => {
      const token = newToken();
      setCookie(c, LOGIN_CSRF, token, { httpOnly: true, sameSite: 'Lax', path: '/login' });
      const failed = c.req.query('failed') === '1';
      return c.html(
        <Layout title="登录">
          <div class="card login">
            <h1>投引 touyin · 登录</h1>
            <p class="muted">政府引导基金放大倍数、返投与以投促引成效</p>
            {failed ? <div class="msg show error">用户名或密码不正确，或页面已过期，请重试。</div> : null}
            {c.req.query('locked') === '1' ? <div class="msg show error">该账号登录失败次数过多，请 15 分钟后再试。</div> : null}
            <form method="post" action="/login" class="grid">
              <input type="hidden" name="csrf" value={token} />
              <input type="hidden" name="next" value={c.req.query('next') ?? '/'} />
              <label>
                用户名
                <input name="username" autocomplete="username" required autofocus />
              </label>
              <label>
                密码
                <input name="password" type="password" autocomplete="current-password" required />
              </label>
              <button class="primary" type="submit">
                登录
              </button>
            </form>
          </div>
        </Layout>,
      );
    })
    .post('/login', async (c) => {
      const form = await c.req.parseBody();
      const next = typeof form.next === 'string' && form.next.startsWith('/') && !form.next.startsWith('//') ? form.next : '/';
      const fail = () => c.redirect(`/login?failed=1&next=${encodeURIComponent(next)}`, 303);
      if (!form.csrf || form.csrf !== getCookie(c, LOGIN_CSRF)) return fail();
      const db = c.var.db;
      const username = String(form.username ?? '').slice(0, 100);
      const now = c.var.options.now();
      // Guessing is throttled per username: after 5 failures in 15 minutes, no password is even checked.
      const since = new Date(now.getTime() - LOGIN_WINDOW_MS).toISOString();
      const recent = and(eq(loginFailures.username, username), gt(loginFailures.failedAt, since));
      const [{ failures } = { failures: 0 }] = await db.select({ failures: count() }).from(loginFailures).where(recent);
      if (failures >= LOGIN_MAX_FAILURES) return c.redirect(`/login?locked=1&next=${encodeURIComponent(next)}`, 303);
      const [u] = await db.select().from(users).where(eq(users.username, username));
      if (!u || u.revokedAt || !(await verifyPassword(String(form.password ?? ''), u.passwordHash))) {
        await db.delete(loginFailures).where(and(eq(loginFailures.username, username), lte(loginFailures.failedAt, since)));
        await db.insert(loginFailures).values({ username, failedAt: now.toISOString() });
        return fail();
      }
      await db.delete(loginFailures).where(eq(loginFailures.username, username));
      const s = await createSession(db, u.id, now);
      deleteCookie(c, LOGIN_CSRF, { path: '/login' });
      setCookie(c, SESSION_COOKIE, s.id, { httpOnly: true, sameSite: 'Lax', path: '/', maxAge: s.maxAge, secure: new URL(c.req.url).protocol === 'https:' });
      return c.redirect(next, 303);
    })
    .post('/logout', async (c) => {
      const cookie = getCookie(c, SESSION_COOKIE);
      const form = await c.req.parseBody();
      const s = cookie ? await loadSession(c.var.db, cookie, c.var.options.now()) : null;
      if (cookie && s && form.csrf === s.csrf) {
        await endSession(c.var.db, cookie);
        deleteCookie(c, SESSION_COOKIE, { path: '/' });
      }
      return c.redirect('/login', 303);
    })

    // 驾驶舱: KPI tiles, the fund-to-project Sankey, the stage funnel, the fund table, projects by 产业链.
    .get('/', session, async (c) => {
      const asOf = asOfOf(c);
      const [report, pipeline] = await Promise.all([
        api<{ funds: FundMetrics[] }>(c, `/api/reports/funds?asOf=${asOf}`),
        api<{ funds: { fundId: number; stage: string; count: number; plannedTotal: string }[]; chains: { chain: string; count: number; landed: number }[] }>(
          c,
          `/api/reports/pipeline?asOf=${asOf}`,
        ),
      ]);
      const funds = report.funds;
      const byId = new Map(funds.map((f) => [f.fundId, f]));
      const top = funds.filter((f) => f.parentId === null || !byId.has(f.parentId));
      const sum = (pick: (f: FundMetrics) => string) => top.reduce((a, f) => a.plus(pick(f)), new Dec(0));
      const committed = sum((f) => f.capital.committed);
      const fiscal = sum((f) => f.capital.fiscalIn);
      const planned = sum((f) => f.outcomes.plannedTotal);
      const arrived = sum((f) => f.outcomes.arrived);
      const landed = top.reduce((a, f) => a + f.outcomes.landed, 0);
      const ratio = (a: Dec, b: Dec) => (b.isZero() ? null : a.div(b).toFixed(4));
      const tiles: [string, string][] = [
        ['基金数', `${funds.length} 只`],
        ['认缴规模', money(committed.toFixed(2))],
        ['实缴', money(sum((f) => f.capital.paidIn).toFixed(2))],
        ['财政放大倍数', times(ratio(committed, fiscal))],
        ['项目线索', `${top.reduce((a, f) => a + f.outcomes.leads, 0)} 个`],
        ['落地项目数', `${landed} 个`],
        ['计划总投资', money(planned.toFixed(2))],
        ['实际到资', money(arrived.toFixed(2))],
        ['到资率', pct(ratio(arrived, planned))],
      ];

      // Sankey: each top fund → its direct sub-funds (their families' projects) → the stage each project had reached.
      const children = childrenOf(funds.map((f) => ({ id: f.fundId, parentId: f.parentId })));
      const stageCounts = (ids: number[]) => {
        const out = new Map<string, number>();
        for (const r of pipeline.funds) if (r.fundId !== null && ids.includes(r.fundId)) out.set(r.stage, (out.get(r.stage) ?? 0) + r.count);
        return out;
      };
      const nodes = new Set<string>();
      const links: { source: string; target: string; value: number }[] = [];
      const link = (source: string, target: string, value: number) => {
        if (value <= 0) return;
        nodes.add(source);
        nodes.add(target);
        links.push({ source, target, value });
      };
      const stageNode = (s: string) => `${stageNames[s] ?? s}`;
      const stageSequence = [...stageOrder, 'dropped', 'reported'].map(stageNode);
      const stageRank = (name: string) => (stageSequence.includes(name) ? 1 + stageSequence.indexOf(name) : 0);
      for (const t of top) {
        const tName = t.name;
        for (const [s, n] of stageCounts([t.fundId])) link(tName, stageNode(s), n);
        for (const ch of children.get(t.fundId) ?? []) {
          const chName = byId.get(ch)!.name;
          const counts = stageCounts(familyOf(children, ch));
          link(tName, chName, [...counts.values()].reduce((a, b) => a + b, 0));
          for (const [s, n] of counts) link(chName, stageNode(s), n);
        }
      }
      const sankey = {
        tooltip: { trigger: 'item', triggerOn: 'mousemove' },
        series: [
          {
            type: 'sankey',
            // Funds in tree order, then the stages in their own order (洽谈 → 投产, 终止, 已报送), kept as given.
            data: [...nodes]
              .sort((a, b) => stageRank(a) - stageRank(b))
              .map((name) => ({ name })),
            links,
            layoutIterations: 0,
            emphasis: { focus: 'adjacency' },
            nodeAlign: 'left',
            label: { fontSize: 12 },
          },
        ],
      };
      const reachedTotal = (s: (typeof stageOrder)[number]) => top.reduce((a, f) => a + f.outcomes.reached[s], 0);
      const funnel = {
        tooltip: { trigger: 'item' },
        series: [
          {
            type: 'funnel',
            sort: 'none',
            label: { formatter: '{b}：{c}' },
            data: [
              { name: '线索', value: top.reduce((a, f) => a + f.outcomes.leads, 0) },
              ...stageOrder.map((s) => ({ name: stageNames[s], value: reachedTotal(s) })),
            ],
          },
        ],
      };
      const chains = {
        tooltip: { trigger: 'axis' },
        legend: { data: ['项目数', '已落地'], top: 0 },
        grid: { left: 100, right: 20, top: 30, bottom: 24 },
        xAxis: { type: 'value' },
        yAxis: { type: 'category', data: pipeline.chains.map((r) => r.chain).reverse() },
        series: [
          { name: '项目数', type: 'bar', data: pipeline.chains.map((r) => r.count).reverse() },
          { name: '已落地', type: 'bar', data: pipeline.chains.map((r) => r.landed).reverse() },
        ],
      };
      return shell(
        c,
        '驾驶舱',
        <>
          <form class="inline" method="get" action="/" style="justify-content:space-between;margin-bottom:10px">
            <h1 style="margin:0">以投促引驾驶舱</h1>
            <span class="inline" style="display:flex;gap:8px;align-items:flex-end">
              <label>
                截至日期
                <input type="date" name="asOf" value={asOf} />
              </label>
              <button class="primary" type="submit">
                查看
              </button>
              <a href={`/api/exports/funds.xlsx?asOf=${asOf}`} id="export-funds">
                导出基金运行情况表
              </a>
            </span>
          </form>
          <section class="grid kpis" id="kpis">
            {tiles.map(([label, value]) => (
              <div class="card kpi">
                <div class="label">{label}</div>
                <div class="value">{value}</div>
              </div>
            ))}
          </section>
          <section class="grid two" style="margin-top:12px">
            <div class="card">
              <h2>基金—项目转化（项目数）</h2>
              <div class="chart" id="chart-sankey" data-chart="spec-sankey"></div>
            </div>
            <div class="card">
              <h2>项目推进漏斗</h2>
              <div class="chart" id="chart-funnel" data-chart="spec-funnel"></div>
            </div>
          </section>
          <section class="card" style="margin-top:12px">
            <h2>各基金运行情况（点击表头排序）</h2>
            <div class="scroll">
              <table id="fund-table">
                <thead>
                  <tr>
                    <th data-sort>基金</th>
                    <th data-sort>层级</th>
                    <th data-sort class="num">认缴（万元）</th>
                    <th data-sort class="num">母基金放大</th>
                    <th data-sort class="num">财政放大</th>
                    <th data-sort class="num">返投完成率</th>
                    <th data-sort>进度</th>
                    <th data-sort class="num">落地项目</th>
                    <th data-sort class="num">到资率</th>
                    <th data-sort class="num">超期未开工</th>
                  </tr>
                </thead>
                <tbody>
                  {funds.map((f) => (
                    <tr>
                      <td data-v={f.name}>
                        <a href={`/funds/${f.fundId}?asOf=${asOf}`}>{f.name}</a>
                      </td>
                      <td>{levelNames[f.level]}</td>
                      <td class="num" data-v={f.capital.committed}>
                        {wan(f.capital.committed)}
                      </td>
                      <td class="num" data-v={f.leverage.parent.committed ?? ''}>
                        {times(f.leverage.parent.committed)}
                      </td>
                      <td class="num" data-v={f.leverage.fiscal.committed ?? ''}>
                        {times(f.leverage.fiscal.committed)}
                      </td>
                      <td class="num" data-v={f.reinvestment.rate ?? ''}>
                        {f.reinvestment.rate === null ? '不考核' : pct(f.reinvestment.rate)}
                      </td>
                      <td>
                        {f.reinvestment.paceOk === null ? (
                          <span class="muted">—</span>
                        ) : f.reinvestment.paceOk ? (
                          <span class="tag good">正常</span>
                        ) : (
                          <span class="tag bad">滞后</span>
                        )}
                      </td>
                      <td class="num">{f.outcomes.landed}</td>
                      <td class="num" data-v={f.outcomes.rates.arrival ?? ''}>
                        {pct(f.outcomes.rates.arrival)}
                      </td>
                      <td class="num">{f.outcomes.overdue}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </section>
          <section class="card" style="margin-top:12px">
            <h2>按产业链分布</h2>
            <div class="chart" id="chart-chains" data-chart="spec-chains"></div>
          </section>
          {jsonScript('spec-sankey', sankey)}
          {jsonScript('spec-funnel', funnel)}
          {jsonScript('spec-chains', chains)}
        </>,
        true,
      );
    })

    .get('/funds/:id{[0-9]+}', session, async (c) => {
      const id = c.req.param('id');
      const asOf = asOfOf(c);
      const [fund, m, inv, projects] = await Promise.all([
        api(c, `/api/funds/${id}`),
        api<FundMetrics>(c, `/api/funds/${id}/metrics?asOf=${asOf}`),
        api(c, `/api/funds/${id}/investments?limit=500`),
        api(c, `/api/projects?fundId=${id}&limit=500`),
      ]);
      const byType = new Map<string, Dec>();
      for (const cm of fund.commitments as Json[]) byType.set(cm.investorType, (byType.get(cm.investorType) ?? new Dec(0)).plus(cm.amount));
      const pie = {
        tooltip: { trigger: 'item', formatter: '{b}：{c} 万元（{d}%）' },
        legend: { bottom: 0 },
        series: [
          {
            type: 'pie',
            radius: ['35%', '65%'],
            data: [...byType].map(([t, v]) => ({ name: investorTypeNames[t] ?? t, value: Number(v.div(1e4).toFixed(2)) })),
          },
        ],
      };
      const r = m.reinvestment;
      const progress = r.rate === null ? 0 : Math.min(100, Number(new Dec(r.rate).mul(100).toFixed(1)));
      const pair = (label: string, p: { committed: string | null; paidIn: string | null }) => (
        <tr>
          <td>{label}</td>
          <td class="num">{times(p.committed)}</td>
          <td class="num">{times(p.paidIn)}</td>
        </tr>
      );
      return shell(
        c,
        fund.name,
        <>
          <h1>
            {fund.name} <span class="tag">{levelNames[fund.level]}</span>
          </h1>
          <p class="muted">
            截至 {asOf} · 管理人 {fund.manager ?? '—'} · 成立 {fund.establishedOn ?? '—'}
            {fund.parentId ? (
              <>
                {' '}
                · 上级基金 <a href={`/funds/${fund.parentId}`}>#{fund.parentId}</a>
              </>
            ) : null}
          </p>
          <section class="grid kpis">
            {(
              [
                ['认缴', money(m.capital.committed)],
                ['实缴', money(m.capital.paidIn)],
                ['穿透财政出资', money(m.capital.fiscalIn)],
                ['已投资', money(m.capital.invested)],
                ['落地项目', `${m.outcomes.landed} 个`],
                ['以投促引倍数', times(m.outcomes.attractionMultiple)],
              ] as [string, string][]
            ).map(([label, value]) => (
              <div class="card kpi">
                <div class="label">{label}</div>
                <div class="value">{value}</div>
              </div>
            ))}
          </section>
          <section class="grid two" style="margin-top:12px">
            <div class="card">
              <h2>出资结构（认缴，按出资人类型）</h2>
              <div class="chart" id="chart-capital" data-chart="spec-capital"></div>
            </div>
            <div class="card">
              <h2>放大倍数</h2>
              <table>
                <thead>
                  <tr>
                    <th>指标</th>
                    <th class="num">认缴口径</th>
                    <th class="num">实缴口径</th>
                  </tr>
                </thead>
                <tbody>
                  {pair('母基金出资放大倍数', m.leverage.parent)}
                  {pair('财政资金放大倍数', m.leverage.fiscal)}
                  {pair('子基金放大倍数', m.leverage.subFunds)}
                  {pair('穿透财政放大倍数', m.leverage.subFundsFiscal)}
                  <tr>
                    <td>带动投资倍数</td>
                    <td class="num" colspan={2}>
                      {times(m.leverage.investment)}
                    </td>
                  </tr>
                </tbody>
              </table>
              <h2 style="margin-top:14px">返投</h2>
              {r.rate === null && r.required === null ? (
                <p class="muted">本基金不设返投要求（倍数 {r.multiple}）。</p>
              ) : (
                <>
                  <p>
                    要求 {money(r.required)}（{r.multiple} 倍）· 已认定 {money(r.credited)} · 缺口 {money(r.gap)} · 完成率 {pct(r.rate)}{' '}
                    {r.paceOk ? <span class="tag good">进度正常</span> : <span class="tag bad">进度滞后</span>}
                  </p>
                  <div class="bar" title={pct(r.rate)}>
                    <span style={`width:${progress}%`}></span>
                  </div>
                </>
              )}
            </div>
          </section>
          <section class="card" style="margin-top:12px">
            <h2>投资（{inv.items.length} 笔）</h2>
            <div class="scroll">
              <table>
                <thead>
                  <tr>
                    <th>企业</th>
                    <th>日期</th>
                    <th>方式</th>
                    <th>轮次</th>
                    <th class="num">投资额（万元）</th>
                    <th class="num">本轮融资总额（万元）</th>
                  </tr>
                </thead>
                <tbody>
                  {(inv.items as Json[]).map((i) => (
                    <tr>
                      <td>{i.company?.name ?? `企业 #${i.companyId}`}</td>
                      <td>{i.investedOn}</td>
                      <td>{i.kind === 'secondary' ? '受让老股' : '新股'}</td>
                      <td>{i.round ?? '—'}</td>
                      <td class="num">{wan(i.amount)}</td>
                      <td class="num">{wan(i.roundSize)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </section>
          <section class="card" style="margin-top:12px">
            <h2>项目（含下级基金，{projects.items.length} 个）</h2>
            <ProjectTable items={projects.items} />
          </section>
          {jsonScript('spec-capital', pie)}
        </>,
        true,
      );
    })

    .get('/projects', session, async (c) => {
      const q = c.req.query();
      const params = new URLSearchParams();
      for (const k of ['fundId', 'stage', 'status', 'chain', 'q', 'sourceType', 'cursor']) if (q[k]) params.set(k, q[k]);
      params.set('limit', '100');
      const [list, funds] = await Promise.all([api(c, `/api/projects?${params}`), api(c, '/api/funds?limit=500')]);
      const next = new URLSearchParams(params);
      if (list.nextCursor) next.set('cursor', list.nextCursor);
      next.delete('limit');
      const exportParams = new URLSearchParams(params);
      exportParams.delete('cursor');
      exportParams.delete('limit');
      return shell(
        c,
        '项目',
        <>
          <h1>项目</h1>
          <form class="inline card" method="get" action="/projects" id="project-filters">
            <label>
              基金
              <select name="fundId">
                <option value="">全部</option>
                {(funds.items as Json[]).map((f) => (
                  <option value={String(f.id)} selected={q.fundId === String(f.id)}>
                    {f.name}
                  </option>
                ))}
              </select>
            </label>
            <label>
              阶段
              <select name="stage">
                <option value="">全部</option>
                {Object.entries(stageNames).map(([k, v]) => (
                  <option value={k} selected={q.stage === k}>
                    {v}
                  </option>
                ))}
              </select>
            </label>
            <label>
              认定状态
              <select name="status">
                <option value="">全部</option>
                {['pending', 'confirmed', 'rejected'].map((k) => (
                  <option value={k} selected={q.status === k}>
                    {statusNames[k]}
                  </option>
                ))}
              </select>
            </label>
            <label>
              产业链
              <input name="chain" value={q.chain ?? ''} placeholder="如 新能源汽车" />
            </label>
            <label>
              搜索
              <input name="q" value={q.q ?? ''} placeholder="项目或企业名称" />
            </label>
            <button class="primary" type="submit">
              筛选
            </button>
            <a href={`/api/exports/projects.xlsx?${exportParams}`}>导出 Excel</a>
          </form>
          <section class="card" style="margin-top:12px">
            <ProjectTable items={list.items} funds={funds.items} />
            {list.nextCursor ? (
              <p class="right">
                <a href={`/projects?${next}`}>下一页 →</a>
              </p>
            ) : null}
          </section>
        </>,
      );
    })

    .get('/projects/new', session, writers, async (c) => {
      const [funds, units] = await Promise.all([api(c, '/api/funds?limit=500'), api(c, '/api/units?limit=500')]);
      const manager = c.var.user.role === 'manager';
      return shell(
        c,
        '报送项目线索',
        <>
          <h1>报送项目线索</h1>
          <p class="muted">{manager ? '报送后由平台工作人员认定；同一企业只能有一个在办项目，先报者保留归属。' : '平台工作人员录入的项目直接认定。'}</p>
          <form class="card" id="lead-form" data-api="/api/projects" data-then="/projects/:id" data-ok="已报送">
            <div class="form-grid">
              <label>
                项目名称 *
                <input name="name" required maxlength={200} />
              </label>
              <label>
                投资企业名称
                <input name="company.name" maxlength={200} />
              </label>
              <label>
                统一社会信用代码
                <input name="company.creditCode" maxlength={18} pattern="[0-9A-HJ-NPQRTUWXYa-hj-npqrtuwxy]{18}" />
              </label>
              <label>
                来源类型 *
                <select name="sourceType">
                  {Object.entries(sourceTypeNames).map(([k, v]) => (
                    <option value={k}>{v}</option>
                  ))}
                </select>
              </label>
              <label>
                来源基金{manager ? ' *' : ''}
                <select name="sourceFundId" data-type="int" required={manager}>
                  {manager ? null : <option value="">（无）</option>}
                  {(funds.items as Json[]).map((f) => (
                    <option value={String(f.id)}>{f.name}</option>
                  ))}
                </select>
              </label>
              <label>
                驱动投资编号
                <input name="investmentId" data-type="int" inputmode="numeric" />
              </label>
              <label>
                引荐人
                <input name="introducer" maxlength={100} />
              </label>
              <label>
                报送日期 *
                <input name="reportedOn" type="date" value={c.var.today} max={c.var.today} required />
              </label>
              <label>
                计划总投资（元）*
                <input name="plannedTotal" inputmode="decimal" required placeholder="如 300000000" />
              </label>
              <label>
                其中固定资产投资（元）
                <input name="plannedFixedAsset" inputmode="decimal" />
              </label>
              <label>
                产业链
                <input name="chain" maxlength={50} placeholder="如 智能制造" />
              </label>
              <label>
                链上环节
                <select name="chainNode">
                  <option value="">—</option>
                  {Object.entries(chainNodeNames).map(([k, v]) => (
                    <option value={k}>{v}</option>
                  ))}
                </select>
              </label>
              <label>
                补链/延链/强链
                <select name="chainAction">
                  <option value="">—</option>
                  {Object.entries(chainActionNames).map(([k, v]) => (
                    <option value={k}>{v}</option>
                  ))}
                </select>
              </label>
              <UnitSelect name="introducingUnitId" label="招引单位 *" units={units.items} />
              <UnitSelect name="landingUnitId" label="落地单位 *" units={units.items} />
              <label style="flex-direction:row;align-items:center;gap:6px">
                <input type="checkbox" name="foreign" /> 外资项目
              </label>
            </div>
            <Msg />
            <button class="primary" type="submit" style="margin-top:10px">
              提交
            </button>
          </form>
        </>,
      );
    })

    .get('/projects/:id{[0-9]+}', session, async (c) => {
      const id = c.req.param('id');
      const role = c.var.user.role;
      const staff = role === 'admin' || role === 'staff';
      const [p, units, funds] = await Promise.all([api(c, `/api/projects/${id}`), api(c, '/api/units?limit=500'), api(c, '/api/funds?limit=500')]);
      const history = staff ? await api(c, `/api/audit?entity=projects&id=${id}&limit=500`) : null;
      const unitName = (uid: number | null) => (units.items as Json[]).find((u) => u.id === uid)?.name ?? '—';
      const fund = (funds.items as Json[]).find((f) => f.id === p.sourceFundId);
      return shell(
        c,
        p.name,
        <>
          <h1>
            {p.name} <span class={`tag ${p.status}`}>{statusNames[p.status]}</span> <span class={`tag ${p.stage}`}>{stageNames[p.stage]}</span>
          </h1>
          {p.statusReason ? <p class="muted">认定意见：{p.statusReason}</p> : null}
          <section class="grid two">
            <div class="card">
              <h2>基本信息</h2>
              <table>
                <tbody>
                  <tr><td>项目编号</td><td>#{p.id}</td></tr>
                  <tr><td>投资企业</td><td>{p.company ? `${p.company.name}${p.company.creditCode ? `（${p.company.creditCode}）` : ''}` : '—'}</td></tr>
                  <tr><td>来源</td><td>{sourceTypeNames[p.sourceType]}{fund ? <> · <a href={`/funds/${fund.id}`}>{fund.name}</a></> : null}</td></tr>
                  <tr><td>驱动投资</td><td>{p.investmentId ? `#${p.investmentId}` : '—'}</td></tr>
                  <tr><td>报送日期</td><td>{p.reportedOn}</td></tr>
                  <tr><td>计划总投资</td><td>{money(p.plannedTotal)}（固定资产 {money(p.plannedFixedAsset)}）</td></tr>
                  <tr><td>产业链</td><td>{p.chain ?? '—'} {p.chainNode ? chainNodeNames[p.chainNode] : ''} {p.chainAction ? chainActionNames[p.chainAction] : ''}</td></tr>
                  <tr><td>招引 / 落地单位</td><td>{unitName(p.introducingUnitId)} / {unitName(p.landingUnitId)}</td></tr>
                  <tr><td>外资</td><td>{p.foreign ? '是' : '否'}</td></tr>
                </tbody>
              </table>
              {staff && p.status !== 'confirmed' ? (
                <ReviewForms kind="projects" id={p.id} approve="confirm" approveLabel="认定" />
              ) : staff && p.status === 'confirmed' ? (
                <ReviewForms kind="projects" id={p.id} rejectOnly approve="confirm" approveLabel="认定" />
              ) : null}
            </div>
            <div class="card">
              <h2>进展时间线</h2>
              <ul class="timeline" id="timeline">
                <li>
                  {p.reportedOn} 报送
                </li>
                {(p.milestones as Json[]).map((m) => (
                  <li class={m.current ? '' : 'old'} title={m.current ? '' : '已被更正'}>
                    {m.on} {stageNames[m.stage]}
                    {m.reason ? `（原因：${m.reason}）` : ''}
                    {m.note ? ` · ${m.note}` : ''}
                    <span class="muted"> · 记录于 {m.recordedAt.slice(0, 10)}</span>
                  </li>
                ))}
              </ul>
              {role !== 'leader' && p.status !== 'rejected' ? (
                <form class="inline" data-api={`/api/projects/${p.id}/milestones`} data-reload data-ok="已记录进展" id="milestone-form" style="margin-top:10px">
                  <label>
                    阶段
                    <select name="stage">
                      {[...stageOrder, 'dropped'].map((s) => (
                        <option value={s}>{stageNames[s]}</option>
                      ))}
                    </select>
                  </label>
                  <label>
                    日期
                    <input type="date" name="on" max={c.var.today} required />
                  </label>
                  <label>
                    说明
                    <input name="note" maxlength={500} />
                  </label>
                  <label>
                    终止原因（终止时必填）
                    <input name="reason" maxlength={500} />
                  </label>
                  <button class="primary" type="submit">
                    记录进展
                  </button>
                  <Msg />
                </form>
              ) : null}
              <h2 style="margin-top:14px">到资</h2>
              <table>
                <thead>
                  <tr><th>日期</th><th>类型</th><th class="num">金额（万元）</th></tr>
                </thead>
                <tbody>
                  {(p.arrivals as Json[]).map((a) => (
                    <tr>
                      <td>{a.arrivedOn}</td>
                      <td>{arrivalKindNames[a.kind]}{a.currency && a.currency !== 'CNY' ? `（${a.originalAmount} ${a.currency}）` : ''}</td>
                      <td class="num">{wan(a.amount)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
              {role !== 'leader' && p.status !== 'rejected' ? (
                <form class="inline" data-api={`/api/projects/${p.id}/arrivals`} data-reload data-ok="已记录到资" style="margin-top:10px">
                  <label>
                    金额（元）
                    <input name="amount" inputmode="decimal" required />
                  </label>
                  <label>
                    日期
                    <input type="date" name="arrivedOn" max={c.var.today} required />
                  </label>
                  <label>
                    类型
                    <select name="kind">
                      {Object.entries(arrivalKindNames).map(([k, v]) => (
                        <option value={k}>{v}</option>
                      ))}
                    </select>
                  </label>
                  <label>
                    原币种
                    <input name="currency" maxlength={3} placeholder="USD" size={4} />
                  </label>
                  <label>
                    原币金额
                    <input name="originalAmount" inputmode="decimal" size={10} />
                  </label>
                  <button class="primary" type="submit">
                    记录到资
                  </button>
                  <Msg />
                </form>
              ) : null}
            </div>
          </section>
          {history ? (
            <section class="card" style="margin-top:12px">
              <h2>变更记录</h2>
              <div class="scroll">
                <table>
                  <thead>
                    <tr><th>时间</th><th>操作人</th><th>操作</th><th>变更内容</th></tr>
                  </thead>
                  <tbody>
                    {(history.items as Json[]).map((h) => (
                      <tr>
                        <td>{h.at.replace('T', ' ').slice(0, 19)}</td>
                        <td>{h.userId ? `用户 #${h.userId}` : '系统'}</td>
                        <td>{h.action === 'create' ? '创建' : '修改'}</td>
                        <td style="white-space:normal">{describeChange(h.before, h.after)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            </section>
          ) : null}
        </>,
      );
    })

    // 导入: a sheet of projects is checked row by row first (校验) and written only when every row is right.
    .get('/import', session, writers, (c) =>
      shell(
        c,
        '导入项目',
        <>
          <h1>从 Excel 导入项目</h1>
          <div class="card">
            <p>
              先下载 <a href="/api/imports/projects/template.xlsx">导入模板</a>，按“填写说明”填写后上传（.xlsx 或 .csv）。所有行都校验通过才会写入；
              有任何问题时一行也不写入，并逐行列出原因。{c.var.user.role === 'manager' ? '导入的项目待平台认定。' : ''}
            </p>
            <form id="import-form" class="inline">
              <label>
                文件
                <input type="file" name="file" accept=".xlsx,.csv" required />
              </label>
              <button class="bad" type="submit" value="check">
                只校验
              </button>
              <button class="primary" type="submit" value="import">
                校验并导入
              </button>
            </form>
            <progress id="import-progress" max={100} value={0} style="width:100%;display:none"></progress>
            <div class="msg" id="import-msg" role="status"></div>
            <div class="scroll">
              <table id="import-problems" style="display:none">
                <thead>
                  <tr>
                    <th>行</th>
                    <th>列</th>
                    <th>原因</th>
                  </tr>
                </thead>
                <tbody></tbody>
              </table>
            </div>
          </div>
        </>,
      ),
    )

    .get('/review', session, staffOnly, async (c) => {
      const [projects, credits, funds] = await Promise.all([
        api(c, '/api/projects?status=pending&limit=500'),
        api(c, '/api/reinvestment-credits?status=pending&limit=500'),
        api(c, '/api/funds?limit=500'),
      ]);
      const fundName = (id: number) => (funds.items as Json[]).find((f) => f.id === id)?.name ?? `#${id}`;
      return shell(
        c,
        '认定',
        <>
          <h1>待认定</h1>
          <section class="card">
            <h2>项目线索（{projects.items.length}）</h2>
            <div class="scroll">
              <table id="pending-projects">
                <thead>
                  <tr><th>项目</th><th>来源基金</th><th>企业</th><th>报送日期</th><th class="num">计划总投资（万元）</th><th>认定</th></tr>
                </thead>
                <tbody>
                  {(projects.items as Json[]).map((p) => (
                    <tr>
                      <td><a href={`/projects/${p.id}`}>{p.name}</a></td>
                      <td>{p.sourceFundId ? fundName(p.sourceFundId) : '—'}</td>
                      <td>{p.company?.name ?? '—'}</td>
                      <td>{p.reportedOn}</td>
                      <td class="num">{wan(p.plannedTotal)}</td>
                      <td><ReviewForms kind="projects" id={p.id} approve="confirm" approveLabel="认定" /></td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </section>
          <section class="card" style="margin-top:12px">
            <h2>返投认定申请（{credits.items.length}）</h2>
            <div class="scroll">
              <table id="pending-credits">
                <thead>
                  <tr><th>基金</th><th>类别</th><th>对象</th><th>日期</th><th class="num">金额（万元）</th><th>依据</th><th>认定</th></tr>
                </thead>
                <tbody>
                  {(credits.items as Json[]).map((r) => (
                    <tr>
                      <td>{fundName(r.fundId)}</td>
                      <td>{categoryNames[r.category]}</td>
                      <td>{r.companyId ? `企业 #${r.companyId}` : <a href={`/projects/${r.projectId}`}>项目 #{r.projectId}</a>}</td>
                      <td>{r.on}</td>
                      <td class="num">{wan(r.amount)}</td>
                      <td style="white-space:normal">{r.evidence ?? '—'}</td>
                      <td><ReviewForms kind="reinvestment-credits" id={r.id} approve="approve" approveLabel="认定" /></td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </section>
        </>,
      );
    })

    .get('/records', session, staffOnly, async (c) => {
      const [funds, units] = await Promise.all([api(c, '/api/funds?limit=500'), api(c, '/api/units?limit=500')]);
      const details = await Promise.all((funds.items as Json[]).map((f) => api(c, `/api/funds/${f.id}`)));
      const fundOptions = (
        <>
          <option value="">请选择</option>
          {(funds.items as Json[]).map((f) => (
            <option value={String(f.id)}>{f.name}</option>
          ))}
        </>
      );
      return shell(
        c,
        '录入',
        <>
          <h1>录入</h1>
          <section class="grid two">
            <form class="card" data-api="/api/funds" data-reload data-ok="基金已创建" id="fund-form">
              <h2>新建基金</h2>
              <div class="form-grid">
                <label>名称 *<input name="name" required maxlength={100} /></label>
                <label>
                  层级 *
                  <select name="level">
                    {Object.entries(levelNames).map(([k, v]) => (
                      <option value={k}>{v}</option>
                    ))}
                  </select>
                </label>
                <label>
                  上级基金
                  <select name="parentId" data-type="int">
                    <option value="">（无）</option>
                    {(funds.items as Json[]).map((f) => (
                      <option value={String(f.id)}>{f.name}</option>
                    ))}
                  </select>
                </label>
                <label>管理人<input name="manager" maxlength={100} /></label>
                <UnitSelect name="homeUnitId" label="所属单位" units={units.items} optional />
                <label>成立日期<input type="date" name="establishedOn" /></label>
                <label>返投倍数<input name="reinvestment.multiple" placeholder="0 表示不考核" /></label>
                <label>
                  返投基数
                  <select name="reinvestment.base">
                    <option value="parent_committed">母基金认缴</option>
                    <option value="parent_paid">母基金实缴</option>
                    <option value="fund_committed">本基金认缴</option>
                    <option value="fund_paid">本基金实缴</option>
                  </select>
                </label>
              </div>
              <FormEnd />
            </form>
            <form class="card" data-api="/api/funds/{fundId}/commitments" data-reload data-ok="认缴已记录" id="commitment-form">
              <h2>认缴出资</h2>
              <div class="form-grid">
                <label>基金 *<select name="fundId" title="基金" required>{fundOptions}</select></label>
                <label>
                  出资人类型 *
                  <select name="investorType">
                    {Object.entries(investorTypeNames).map(([k, v]) => (
                      <option value={k}>{v}</option>
                    ))}
                  </select>
                </label>
                <label>出资人名称<input name="investorName" maxlength={100} /></label>
                <label>
                  出资基金（类型为基金出资时）
                  <select name="investorFundId" data-type="int">
                    <option value="">—</option>
                    {(funds.items as Json[]).map((f) => (
                      <option value={String(f.id)}>{f.name}</option>
                    ))}
                  </select>
                </label>
                <label>金额（元）*<input name="amount" inputmode="decimal" required /></label>
                <label>认缴日期 *<input type="date" name="committedOn" required /></label>
              </div>
              <FormEnd />
            </form>
            <form class="card" data-api="/api/commitments/{commitmentId}/contributions" data-reload data-ok="实缴已记录" id="contribution-form">
              <h2>实缴出资</h2>
              <div class="form-grid">
                <label>
                  认缴记录 *
                  <select name="commitmentId" title="认缴记录" required>
                    <option value="">请选择</option>
                    {details.flatMap((f: Json) =>
                      (f.commitments as Json[]).map((m) => (
                        <option value={String(m.id)}>
                          {f.name} ← {m.investorName ?? investorTypeNames[m.investorType]}（认缴 {wan(m.amount)} 万，已缴 {wan(m.paidIn)} 万）
                        </option>
                      )),
                    )}
                  </select>
                </label>
                <label>金额（元）*<input name="amount" inputmode="decimal" required /></label>
                <label>实缴日期 *<input type="date" name="paidOn" required /></label>
              </div>
              <FormEnd />
            </form>
            <form class="card" data-api="/api/funds/{fundId}/investments" data-reload data-ok="投资已记录" id="investment-form">
              <h2>对外投资</h2>
              <div class="form-grid">
                <label>基金 *<select name="fundId" title="基金" required>{fundOptions}</select></label>
                <label>企业名称 *<input name="company.name" required maxlength={200} /></label>
                <label>统一社会信用代码<input name="company.creditCode" maxlength={18} /></label>
                <label>投资额（元）*<input name="amount" inputmode="decimal" required /></label>
                <label>投资日期 *<input type="date" name="investedOn" required /></label>
                <label>
                  方式
                  <select name="kind">
                    <option value="new">新股</option>
                    <option value="secondary">受让老股</option>
                  </select>
                </label>
                <label>轮次<input name="round" maxlength={50} placeholder="如 A" /></label>
                <label>本轮融资总额（元）<input name="roundSize" inputmode="decimal" /></label>
                <label style="flex-direction:row;align-items:center;gap:6px"><input type="checkbox" name="lead" /> 领投</label>
              </div>
              <FormEnd />
            </form>
          </section>
        </>,
      );
    });
}

/** The end of every record form: where its answer shows, and the save button. */
const FormEnd = () => (
  <>
    <Msg />
    <button class="primary" type="submit" style="margin-top:8px">
      保存
    </button>
  </>
);

const UnitSelect = ({ name, label, units, optional }: { name: string; label: string; units: Json[]; optional?: boolean }) => (
  <label>
    {label}
    <select name={name} data-type="int" required={!optional}>
      <option value="">请选择</option>
      {units.map((u) => (
        <option value={String(u.id)}>{u.name}</option>
      ))}
    </select>
  </label>
);

const ReviewForms = ({ kind, id, approve, approveLabel, rejectOnly }: { kind: string; id: number; approve: string; approveLabel: string; rejectOnly?: boolean }) => (
  <div style="display:flex;gap:6px;flex-wrap:wrap;margin-top:6px">
    <form class="inline" data-api={`/api/${kind}/${id}/${approve}`} data-reload data-ok="已认定" style={rejectOnly ? 'display:none' : ''}>
      <input name="reason" placeholder="意见（可选）" maxlength={500} size={10} />
      <button class="ok" type="submit">{approveLabel}</button>
      <Msg />
    </form>
    <form class="inline" data-api={`/api/${kind}/${id}/reject`} data-reload data-ok="已退回">
      <input name="reason" placeholder="退回原因" maxlength={500} size={10} required />
      <button class="bad" type="submit">退回</button>
      <Msg />
    </form>
  </div>
);

const ProjectTable = ({ items, funds }: { items: Json[]; funds?: Json[] }) => (
  <div class="scroll">
    <table class="projects">
      <thead>
        <tr>
          <th data-sort>编号</th>
          <th data-sort>项目</th>
          <th data-sort>企业</th>
          {funds ? <th data-sort>来源基金</th> : null}
          <th data-sort>阶段</th>
          <th data-sort>认定</th>
          <th data-sort>报送日期</th>
          <th data-sort class="num">计划总投资（万元）</th>
          <th data-sort>产业链</th>
        </tr>
      </thead>
      <tbody>
        {items.map((p) => (
          <tr>
            <td data-v={String(p.id)}>#{p.id}</td>
            <td>
              <a href={`/projects/${p.id}`}>{p.name}</a>
            </td>
            <td>{p.company?.name ?? '—'}</td>
            {funds ? <td>{funds.find((f) => f.id === p.sourceFundId)?.name ?? '—'}</td> : null}
            <td>
              <span class={`tag ${p.stage}`}>{stageNames[p.stage]}</span>
            </td>
            <td>
              <span class={`tag ${p.status}`}>{statusNames[p.status]}</span>
            </td>
            <td>{p.reportedOn}</td>
            <td class="num" data-v={p.plannedTotal}>
              {wan(p.plannedTotal)}
            </td>
            <td>{p.chain ?? '—'}</td>
          </tr>
        ))}
      </tbody>
    </table>
  </div>
);

const fieldNames: Record<string, string> = {
  status: '认定状态',
  statusReason: '认定意见',
  name: '名称',
  plannedTotalFen: '计划总投资（分）',
  signedOn: '签约日期',
  registeredOn: '注册日期',
  startedOn: '开工日期',
  completedOn: '竣工日期',
  producingOn: '投产日期',
  negotiatingOn: '洽谈日期',
  droppedOn: '终止日期',
};

/** What changed between two audit snapshots, in words (version and timestamps left out). */
function describeChange(before: Json, after: Json): string {
  if (!before) return `创建：${after?.name ?? ''}（${statusNames[after?.status] ?? ''}）`;
  const skip = new Set(['version', 'updatedAt', 'updatedBy', 'createdAt']);
  const parts: string[] = [];
  for (const k of Object.keys(after ?? {})) {
    if (skip.has(k) || before[k] === after[k]) continue;
    const show = (v: unknown) => (v === null || v === undefined ? '空' : k === 'status' ? (statusNames[String(v)] ?? String(v)) : String(v));
    parts.push(`${fieldNames[k] ?? k}：${show(before[k])} → ${show(after[k])}`);
  }
  return parts.join('；') || '—';
}

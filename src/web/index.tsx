// The web pages: each page checks who may see it and its own query string, loads its typed data from ./data, and
// renders its component (./pages/*) in the layout. Anything a page cannot show is a page too, in Chinese: bad input
// 400, a role that may not 403, a missing or invisible record 404.
import { Hono, type Context, type MiddlewareHandler } from 'hono';
import { every } from 'hono/combine';
import { getCookie } from 'hono/cookie';
import { z } from 'zod';
import { loadSession, scopeOf, SESSION_COOKIE } from '../auth';
import type { Role } from '../db/schema';
import type { AppEnv } from '../env';
import { ApiError, errorStatus, toApiError } from '../errors';
import { idParam, validate } from '../validation';
import { css, script } from './assets';
import { Refusal } from './components';
import {
  asOfQuery,
  cockpitData,
  fundData,
  leadFormData,
  projectData,
  projectFilters,
  projectList,
  recordsData,
  reviewData,
  type InnerRequest,
  type PageEnv,
} from './data';
import { exitCandidates, fundPerformancePanel, tvpiAndIrr } from '../queries/performance';
import type { ReadContext } from '../queries/funds';
import { Layout, renderer } from './layout';
import { PerformanceForms } from './performance-forms';
import { PerformancePanel } from './performance-panel';
import { Cockpit } from './pages/cockpit';
import { FundPage } from './pages/fund';
import { ImportPage } from './pages/import';
import { LeadForm } from './pages/lead-form';
import { ProjectPage } from './pages/project';
import { ProjectsPage } from './pages/projects';
import { RecordsPage } from './pages/records';
import { ReviewPage } from './pages/review';

/** A page's query string through zod; an empty field of a GET form (`?stage=`) means the field was not given. */
const pageQuery = <S extends z.ZodType>(schema: S) =>
  validate('query', z.preprocess((q) => (q && typeof q === 'object' ? Object.fromEntries(Object.entries(q).filter(([, v]) => v !== '')) : q), schema));

/** Only these roles may open the page; any other gets a 403 page saying why. */
const onlyFor = (roles: Role[], message: string): MiddlewareHandler<PageEnv> => async (c, next) => {
  if (!roles.includes(c.var.user.role)) throw new ApiError('forbidden', message);
  await next();
};
const staffPage = onlyFor(['admin', 'staff'], '只有平台工作人员可以使用此页面。');
const writerPage = onlyFor(['admin', 'staff', 'manager'], '领导账号只读，不能报送或修改数据。');

/** The read model's context for a page: the visitor's scope, the page's as-of date. */
const pageContext = (c: Context<PageEnv>, asOf: string): ReadContext => ({ db: c.var.db, scope: c.var.scope, asOf, bigProjectFen: c.var.options.bigProjectFen });

/** The page shown instead: a Chinese page with the status of the refusal, or a 500 page for a fault. */
function refusalPage(err: Error, c: Context<PageEnv>) {
  const refused = toApiError(err);
  if (refused?.code === 'unauthorized') return c.redirect('/login');
  if (!refused) console.error('touyin: unexpected error on a page', err);
  const status = refused ? errorStatus[refused.code] : 500;
  const message = refused?.message ?? '服务器内部错误，请稍后再试。';
  return c.html(
    <Layout title="无法查看" user={c.get('user')} csrf={c.get('csrf')}>
      <Refusal status={status} message={message} />
    </Layout>,
    status,
  );
}

/** An unknown page path (outside /api): a 404 page in Chinese. */
export const pageNotFound = (c: Context<AppEnv>) =>
  c.html(
    <Layout title="未找到">
      <Refusal status={404} message={`页面 ${c.req.path} 不存在。`} />
    </Layout>,
    404,
  );

/** The pages; `root` is the whole app, whose /api the data functions read in-process for now. */
export function webPages(root: () => { request: (path: string, init: RequestInit, env: Record<string, unknown>) => Response | Promise<Response> }) {
  const inner: InnerRequest = (path, env) => root().request(path, {}, env as Record<string, unknown>);

  /** Pages need a live session, loaded once per page; without one the visitor is sent to /login and brought back after. */
  const session: MiddlewareHandler<PageEnv> = async (c, next) => {
    const cookie = getCookie(c, SESSION_COOKIE);
    const s = cookie ? await loadSession(c.var.db, cookie, c.var.options.now()) : null;
    if (!s) return c.redirect(`/login?next=${encodeURIComponent(c.req.path + (new URL(c.req.url).search || ''))}`);
    c.set('user', s.user);
    c.set('csrf', s.csrf);
    c.set('scope', await scopeOf(c.var.db, s.user));
    c.set('inner', inner);
    await next();
  };
  const signedIn = every(renderer, session);

  return new Hono<PageEnv>()
    .get('/assets/touyin.css', (c) => c.body(css, 200, { 'content-type': 'text/css; charset=utf-8', 'cache-control': 'public, max-age=300' }))
    .get('/assets/touyin.js', (c) => c.body(script, 200, { 'content-type': 'text/javascript; charset=utf-8', 'cache-control': 'public, max-age=300' }))
    .get('/', signedIn, pageQuery(asOfQuery), async (c) => {
      const { asOf = c.var.today } = c.req.valid('query');
      const [data, performance] = await Promise.all([cockpitData(c, asOf), tvpiAndIrr(pageContext(c, asOf))]);
      return c.render(<Cockpit {...data} performance={performance} />, { title: '驾驶舱', charts: true });
    })
    .get('/funds/:id', signedIn, validate('param', idParam), pageQuery(asOfQuery), async (c) => {
      const { asOf = c.var.today } = c.req.valid('query');
      const data = await fundData(c, c.req.valid('param').id, asOf);
      // After fundData, which answers the 404 of a fund the visitor may not see.
      const panel = await fundPerformancePanel(pageContext(c, asOf), data.fund.id);
      return c.render(<FundPage {...data} performance={panel ? <PerformancePanel {...panel} /> : null} />, { title: data.fund.name, charts: true });
    })
    .get('/projects', signedIn, pageQuery(projectFilters), async (c) =>
      c.render(<ProjectsPage {...await projectList(c, c.req.valid('query'))} />, { title: '项目' }),
    )
    .get('/projects/new', signedIn, writerPage, async (c) =>
      c.render(<LeadForm {...await leadFormData(c)} manager={c.var.user.role === 'manager'} today={c.var.today} />, { title: '报送项目线索' }),
    )
    .get('/projects/:id', signedIn, validate('param', idParam), async (c) => {
      const role = c.var.user.role;
      const data = await projectData(c, c.req.valid('param').id, role === 'admin' || role === 'staff');
      return c.render(<ProjectPage {...data} role={role} today={c.var.today} />, { title: data.project.name });
    })
    .get('/import', signedIn, writerPage, (c) => c.render(<ImportPage manager={c.var.user.role === 'manager'} />, { title: '导入项目' }))
    .get('/review', signedIn, staffPage, async (c) => c.render(<ReviewPage {...await reviewData(c)} />, { title: '认定' }))
    .get('/records', signedIn, staffPage, async (c) => {
      const [data, investments] = await Promise.all([recordsData(c), exitCandidates(pageContext(c, c.var.today))]);
      return c.render(<RecordsPage {...data} performance={<PerformanceForms funds={data.funds} investments={investments} />} />, { title: '录入' });
    })
    .onError(refusalPage);
}

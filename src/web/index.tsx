// The web pages: each page checks who may see it and its own query string, loads its typed data from ./data, and
// renders its component (./pages/*) in the layout. Anything a page cannot show is a page too, in Chinese: bad input
// 400, a role that may not 403, a missing or invisible record 404.
import { Hono, type Context, type MiddlewareHandler } from 'hono';
import { every } from 'hono/combine';
import { getCookie } from 'hono/cookie';
import { z } from 'zod';
import { loadSession, SESSION_COOKIE } from '../auth';
import type { Role } from '../domain/vocabulary';
import type { AppEnv } from '../app-types';
import { ApiError, errorStatus, toApiError } from '../errors';
import { assessmentAsOf, assessmentOrThrow, bulletinWith } from '../queries/assessment';
import { readContext } from '../queries/read-context';
import { seesPendingReview } from '../queries/alerts';
import { assessmentQuery, id, idParam, month, unitView, validate } from '../validation';
import { monthWindow, type Window } from '../domain/assessment';
import { css, script } from './assets';
import { Refusal } from './components';
import {
  asOfQuery,
  issuerName,
  cockpitData,
  missing,
  fundData,
  ledgerData,
  projectData,
  myWorkData,
  projectFilters,
  projectList,
  recordsData,
  reviewData,
} from './data';
import type { Page } from './data-types';
import { alertsPageData, alertsPageQuery, chainsPageData, chainsPageQuery, cockpitAlerts } from './assessment-data';
import { AlertsPage, AlertStrip } from './pages/alerts';
import { ChainsPage } from './pages/chains';
import { DispatchPage, dispatchPageData } from './pages/dispatch';
import { dispatchPageQuery } from '../queries/dispatch';
import { investmentChoices } from '../queries/investments';
import { fundPerformancePanel, tvpiAndIrr } from '../queries/performance';
import { sees } from '../queries/trees';
import { lastActivityOn } from '../queries/projects';
import { Layout, renderer } from './layout';
import { PerformanceForms } from './performance-forms';
import { PerformancePanel } from './performance-panel';
import { Cockpit } from './pages/cockpit';
import { FundPage } from './pages/fund';
import { AssessmentPage } from './pages/assessment';
import { BulletinPage } from './pages/bulletin';
import { ImportPage } from './pages/import';
import { ActivitiesPage } from './pages/activities';
import { ActivityForm } from './pages/activity-form';
import { activitiesPageData, activitiesPageQuery, activityFormData } from './activity-data';
import { LeadForm } from './pages/lead-form';
import { leadFormData } from './lead-data';
import { ProjectPage } from './pages/project';
import { MyWorkPage } from './pages/me';
import { ProjectsPage } from './pages/projects';
import { LedgerPage } from './pages/ledger';
import { RecordsPage } from './pages/records';
import { ReviewPage } from './pages/review';
import { RequestsPage } from './pages/requests';
import { RequestPage } from './pages/request';
import { RequestForm } from './pages/request-form';
import { ProjectRequests, SettingsCard } from './request-parts';
import {
  projectRequests,
  requestFormData,
  requestListData,
  requestPageData,
  requestPageFilters,
  settingsData,
} from './request-data';
import {
  activityKindNames,
  labelOf,
  sourceTypeNames,
  stageNames,
  staffRoles,
  statusNames,
  requestCategoryNames,
  requestStatusNames,
  viewNames,
  writerRoles,
} from '../domain/vocabulary';
import { alertKindLabels } from '../domain/alerts';

/** The fields of the pages' query strings and paths, as the 400 page names them. */
const pageFieldNames: Record<string, string> = {
  asOf: '截至日期',
  fundId: '基金',
  unitId: '单位',
  stage: '阶段',
  status: '认定状态',
  chain: '产业链',
  sourceType: '来源类型',
  q: '搜索词',
  cursor: '翻页位置',
  year: '年度',
  view: '口径',
  kind: '类型',
  month: '月份',
  id: '编号',
  signedDays: '签约未开工天数',
  startedDays: '开工未竣工天数',
  staleDays: '无进展天数',
  pendingDays: '待认定天数',
  horizonDays: '临期天数',
  nodeGraceDays: '节点滞后宽限天数',
  category: '类别',
  assigneeId: '承办人',
  overdue: '超期',
  projectId: '项目',
};
/** Every option code a page's query may take, with its Chinese name. */
const optionNames: Record<string, string> = {
  ...stageNames,
  ...statusNames,
  ...sourceTypeNames,
  ...viewNames,
  ...alertKindLabels,
  ...activityKindNames,
  ...requestCategoryNames,
  ...requestStatusNames,
};
/** A page's issue in the reader's words: the field's Chinese name, and for a choice the Chinese names of its options. */
const pageIssue = (i: z.core.$ZodIssue) => {
  const key = String(i.path[0] ?? '');
  const path = pageFieldNames[key] ?? key;
  if (i.code === 'invalid_value')
    return { path, message: `应为以下之一：${i.values.map((v) => labelOf(optionNames, String(v))).join('、')}` };
  return { path, message: i.message };
};

/**
 * A page's query string through zod; an empty field of a GET form (`?stage=`) means the field was not given. A year
 * is the exception: its form always fills it, so `?year=` is a 400 page as it is a 400 on the API.
 */
const pageQuery = <S extends z.ZodType>(schema: S) =>
  validate(
    'query',
    z.preprocess(
      (q) =>
        q && typeof q === 'object'
          ? Object.fromEntries(Object.entries(q).filter(([k, v]) => v !== '' || k === 'year'))
          : q,
      schema,
    ),
    pageIssue,
  );

/** Only these roles may open the page; any other gets a 403 page saying why. */
const onlyFor =
  (roles: Role[], message: string): MiddlewareHandler<AppEnv> =>
  async (c, next) => {
    if (!roles.includes(c.var.user.role)) throw new ApiError('forbidden', message);
    await next();
  };
const staffPage = onlyFor(staffRoles, '只有平台工作人员可以使用此页面。');
const writerPage = onlyFor(writerRoles, '领导账号只读，不能报送或修改数据。');

/** The page shown instead: a Chinese page with the status of the refusal, or a 500 page for a fault. */
function refusalPage(err: Error, c: Page) {
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

/** The read model's context for a page: the visitor's scope, as of a date. */

/** "2026-11-22" → "2026-10"; January → December of the year before. */
const previousMonth = (today: string) => {
  const [y, m] = [Number(today.slice(0, 4)), Number(today.slice(5, 7))];
  return m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`;
};

/** The pages; `cached` keeps the answers of those that read reports (src/http/read-cache.ts). */
// eslint-disable-next-line max-lines-per-function -- the pages mounted one after another, each path beside its handler (one Hono chain)
export function webPages(cached: MiddlewareHandler<AppEnv>) {
  /** Pages need a live session, loaded once per page; without one the visitor is sent to /login and brought back after. */
  const session: MiddlewareHandler<AppEnv> = async (c, next) => {
    const cookie = getCookie(c, SESSION_COOKIE);
    const s = cookie ? await loadSession(c.var.db, cookie, c.var.options.now(), c.var.options.migrationsTable) : null;
    if (!s) return c.redirect(`/login?next=${encodeURIComponent(c.req.path + (new URL(c.req.url).search || ''))}`);
    c.set('user', s.user);
    c.set('csrf', s.csrf);
    c.set('scope', s.scope);
    c.set('dataVersion', s.version);
    await next();
  };
  const signedIn = every(renderer, session);
  // The pages that read reports: kept by data version, visitor and query until the next write.
  const reads = every(renderer, session, cached);

  return (
    new Hono<AppEnv>()
      .get('/assets/touyin.css', (c) =>
        c.body(css, 200, { 'content-type': 'text/css; charset=utf-8', 'cache-control': 'public, max-age=300' }),
      )
      .get('/assets/touyin.js', (c) =>
        c.body(script, 200, {
          'content-type': 'text/javascript; charset=utf-8',
          'cache-control': 'public, max-age=300',
        }),
      )
      .get('/', reads, pageQuery(asOfQuery), async (c) => {
        const { asOf = c.var.today } = c.req.valid('query');
        const [data, alerts, performance] = await Promise.all([
          cockpitData(c, asOf),
          cockpitAlerts(c.var, asOf),
          tvpiAndIrr(readContext(c, { asOf })),
        ]);
        return c.render(
          <>
            <AlertStrip {...alerts} />
            <Cockpit {...data} performance={performance} />
          </>,
          { title: '驾驶舱', charts: true },
        );
      })
      .get('/funds/:id', reads, validate('param', idParam, pageIssue), pageQuery(asOfQuery), async (c) => {
        const { asOf = c.var.today } = c.req.valid('query');
        const data = await fundData(c, c.req.valid('param').id, asOf);
        // 业绩与投向 is a page of its own: with it the fund page would read more than D1's budget of 10 statements.
        const link = (
          <p class="card">
            <a href={`/funds/${data.fund.id}/performance?asOf=${asOf}`}>
              业绩与投向（DPI/TVPI/IRR、出资人视角、投向指标与阈值）→
            </a>
          </p>
        );
        return c.render(<FundPage {...data} performance={link} />, { title: data.fund.name, charts: true });
      })
      .get('/funds/:id/performance', reads, validate('param', idParam, pageIssue), pageQuery(asOfQuery), async (c) => {
        const { asOf = c.var.today } = c.req.valid('query');
        const id = c.req.valid('param').id;
        // A fund the visitor may not see is the same 404 as a missing one.
        if (!sees(c.var.scope, id)) throw missing();
        const panel = await fundPerformancePanel(readContext(c, { asOf }), id);
        if (!panel) throw missing();
        return c.render(
          <>
            <p>
              <a href={`/funds/${id}?asOf=${asOf}`}>← {panel.name}</a>
            </p>
            <PerformancePanel {...panel} />
          </>,
          { title: `${panel.name} · 业绩与投向`, charts: true },
        );
      })
      .get('/projects', reads, pageQuery(projectFilters), async (c) =>
        c.render(<ProjectsPage {...await projectList(c, c.req.valid('query'))} />, { title: '项目' }),
      )
      .get('/projects/ledger', reads, pageQuery(projectFilters), async (c) =>
        c.render(<LedgerPage {...await ledgerData(c, c.req.valid('query'))} />, { title: '项目台账' }),
      )
      .get('/projects/new', signedIn, writerPage, async (c) =>
        c.render(<LeadForm {...await leadFormData(c)} manager={c.var.user.role === 'manager'} today={c.var.today} />, {
          title: '报送项目线索',
        }),
      )
      .get('/me', signedIn, async (c) =>
        c.render(<MyWorkPage {...await myWorkData(c)} name={c.var.user.displayName ?? c.var.user.username} />, {
          title: '我的工作',
        }),
      )
      .get('/projects/:id', signedIn, validate('param', idParam, pageIssue), async (c) => {
        const role = c.var.user.role;
        const projectId = c.req.valid('param').id;
        const [data, requests] = await Promise.all([
          projectData(c, projectId, role === 'admin' || role === 'staff'),
          projectRequests(c, projectId),
        ]);
        return c.render(
          <>
            <ProjectPage {...data} role={role} visitor={c.var.user} today={c.var.today} />
            <ProjectRequests
              projectId={projectId}
              items={requests}
              raises={role !== 'leader' && data.project.status !== 'rejected'}
            />
          </>,
          { title: data.project.name },
        );
      })
      .get('/activities', signedIn, pageQuery(activitiesPageQuery), async (c) =>
        c.render(
          <ActivitiesPage
            {...await activitiesPageData(c, c.req.valid('query'))}
            writer={(writerRoles as readonly string[]).includes(c.var.user.role)}
          />,
          { title: '招商活动' },
        ),
      )
      .get('/activities/new', signedIn, writerPage, async (c) =>
        c.render(
          <ActivityForm
            {...await activityFormData(c)}
            manager={c.var.user.role === 'manager'}
            today={c.var.today}
            fundIds={c.var.user.fundIds}
          />,
          { title: '登记招商活动' },
        ),
      )
      .get('/assessment', reads, pageQuery(assessmentQuery.partial({ year: true })), async (c) => {
        const q = c.req.valid('query');
        const year = q.year ?? Number(c.var.today.slice(0, 4));
        const a = await assessmentOrThrow(
          readContext(c, { asOf: assessmentAsOf({ year, asOf: q.asOf }, c.var.today) }),
          { year, view: q.view ?? 'introducing' },
        );
        return c.render(<AssessmentPage a={a} />, { title: `${year} 年度考核` });
      })
      // The 通报 is of a finished month: the menu opens last month's, or the last month in which something happened
      // when last month had nothing (a bulletin of zeros tells a leader nothing).
      .get('/bulletins', signedIn, async (c) => {
        const last = previousMonth(c.var.today);
        const active = await lastActivityOn(c.var.db, c.var.scope, `${last}-31`);
        return c.redirect(`/bulletins/${active && active.slice(0, 7) < last ? active.slice(0, 7) : last}`);
      })
      .get(
        '/bulletins/:month',
        reads,
        validate('param', z.object({ month }), pageIssue),
        pageQuery(z.object({ view: unitView })),
        async (c) => {
          const m = c.req.valid('param').month;
          const window = monthWindow(m) as Window;
          const role = c.var.user.role;
          // The 发文单位 setting comes in the 通报's first statement: the page costs what the report does.
          const { bulletin: b, issuer } = await bulletinWith(readContext(c, { asOf: window.to }), {
            month: m,
            window,
            view: c.req.valid('query').view,
            reviewer: seesPendingReview(role),
          });
          return c.render(<BulletinPage b={b} issuer={issuerName(issuer)} issuedOn={c.var.today} />, {
            title: `${m} 考核通报`,
          });
        },
      )
      .get('/import', signedIn, writerPage, (c) =>
        c.render(<ImportPage manager={c.var.user.role === 'manager'} />, { title: '导入项目' }),
      )
      .get('/alerts', reads, pageQuery(alertsPageQuery), async (c) =>
        c.render(<AlertsPage {...await alertsPageData(c.var, c.req.valid('query'))} />, { title: '预警' }),
      )
      .get('/dispatch', reads, pageQuery(dispatchPageQuery), async (c) => {
        const data = await dispatchPageData(c.var, c.req.valid('query'));
        return c.render(<DispatchPage {...data} />, { title: `调度清单 ${data.d.asOf}` });
      })
      .get('/chains', reads, pageQuery(chainsPageQuery), async (c) =>
        c.render(<ChainsPage {...await chainsPageData(c.var, c.req.valid('query'))} />, { title: '产业链图谱' }),
      )
      .get('/review', signedIn, staffPage, async (c) =>
        c.render(<ReviewPage {...await reviewData(c)} visitor={c.var.user} />, { title: '认定' }),
      )
      .get('/records', signedIn, staffPage, async (c) => {
        const [data, investments, settings] = await Promise.all([
          recordsData(c),
          investmentChoices(readContext(c, {})),
          settingsData(c),
        ]);
        return c.render(
          <>
            <RecordsPage
              {...data}
              today={c.var.today}
              performance={<PerformanceForms funds={data.funds} investments={investments} today={c.var.today} />}
            />
            <SettingsCard settings={settings} />
          </>,
          { title: '录入' },
        );
      })
      .get('/requests', signedIn, pageQuery(requestPageFilters), async (c) =>
        c.render(<RequestsPage {...await requestListData(c, c.req.valid('query'))} />, { title: '企业诉求' }),
      )
      .get('/requests/new', signedIn, writerPage, pageQuery(z.object({ projectId: id.optional() })), async (c) =>
        c.render(<RequestForm {...await requestFormData(c, c.req.valid('query').projectId)} />, {
          title: '提出企业诉求',
        }),
      )
      .get('/requests/:id', signedIn, validate('param', idParam, pageIssue), async (c) => {
        const data = await requestPageData(c, c.req.valid('param').id);
        return c.render(<RequestPage {...data} visitor={c.var.user} />, { title: `诉求 #${data.request.id}` });
      })
      .onError(refusalPage)
  );
}

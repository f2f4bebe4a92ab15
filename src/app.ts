import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { except } from 'hono/combine';
import { compress } from 'hono/compress';
import { createMiddleware } from 'hono/factory';
import { secureHeaders } from 'hono/secure-headers';
import { authenticate } from './auth';
import type { Db } from './db';
import { noFileStore } from './db/files';
import { chinaToday } from './domain/dates';
import type { AppEnv, AppOptions } from './app-types';
import { ApiError, onError, onNotFound } from './errors';
import { idempotency } from './idempotency';
import { cachedApiPaths, readCache } from './http/read-cache';
import { activities } from './routes/activities';
import { alerts } from './routes/alerts';
import { assessmentRoutes } from './routes/assessment';
import { audit } from './routes/audit';
import { chains } from './routes/chains';
import { commitments } from './routes/commitments';
import { companies } from './routes/companies';
import { credits } from './routes/credits';
import { arrivals } from './routes/arrivals';
import { fileUploadLimit, files } from './routes/files';
import { excel, uploadLimit } from './routes/excel';
import { dispatch } from './routes/dispatch';
import { docs } from './routes/docs';
import { funds } from './routes/funds';
import { investments } from './routes/investments';
import { performance } from './routes/performance';
import { projects } from './routes/projects';
import { reports } from './routes/reports';
import { requests } from './routes/requests';
import { settingsRoutes } from './routes/settings';
import { targets } from './routes/targets';
import { units } from './routes/units';
import { users } from './routes/users';
import { owners } from './routes/owners';
import { nodes } from './routes/nodes';
import { work } from './routes/work';
import { pageNotFound, webPages } from './web';
import { login } from './web/login';

export type GetDb = (env: Record<string, unknown>) => Db;

/**
 * Headers on every answer. Pages and Swagger UI load scripts only from this site (no inline script: data rides in
 * <script type="application/json">, which is not run); inline style attributes are allowed (the pages and Swagger UI
 * use them), images may be data: URLs (Swagger UI's icons). No framing, no sniffing, no referrer.
 */
const headers = secureHeaders({
  contentSecurityPolicy: {
    defaultSrc: ["'self'"],
    scriptSrc: ["'self'"],
    styleSrc: ["'self'", "'unsafe-inline'"],
    imgSrc: ["'self'", 'data:'],
    connectSrc: ["'self'"],
    objectSrc: ["'none'"],
    baseUri: ["'none'"],
    formAction: ["'self'"],
    frameAncestors: ["'none'"],
  },
  xFrameOptions: 'DENY',
});

/**
 * JSON answers say their charset: hono's `c.json` sends a bare `application/json`, and some clients (older Excel
 * web queries, PowerShell 5) then read the Chinese messages as Latin-1.
 */
const jsonCharset = createMiddleware(async (c, next) => {
  await next();
  if (c.res.headers.get('content-type') === 'application/json')
    c.res.headers.set('content-type', 'application/json; charset=utf-8');
});

/** The whole touyin app. The database comes from `getDb`, so the same app runs on Node and on Workers. */
// eslint-disable-next-line max-lines-per-function -- the middleware in the order a request meets it, one chain read top to bottom
export function createApp(getDb: GetDb, opts: AppOptions = {}) {
  const options: Required<AppOptions> = {
    now: () => new Date(),
    bigProjectFen: 10_000_000_000,
    assets: () => Promise.resolve(null),
    clientAddress: () => undefined,
    trustProxy: false,
    secureCookies: false,
    compress: true,
    exportPage: 10_000,
    cacheBytes: 64 * 1024 * 1024,
    migrationsTable: '__drizzle_migrations',
    runReport: null,
    files: () => noFileStore,
    ...opts,
  };
  // Reports, pages and exports: answered from memory until the next write (src/http/read-cache.ts).
  const cache = readCache({ ...options, runReport: options.runReport ?? undefined });
  const api = new Hono<AppEnv>()
    .use(
      except(
        ['/api/imports/*', '/api/files'],
        bodyLimit({
          maxSize: 1024 * 1024,
          onError: () => {
            throw new ApiError('payload_too_large', '请求体过大（上限 1 MB）');
          },
        }),
      ),
    )
    .use('/imports/*', uploadLimit)
    .use('/files', fileUploadLimit)
    .use(authenticate)
    .use(idempotency);
  for (const path of cachedApiPaths) api.use(path, cache.api);
  api
    .route('/', users)
    .route('/units', units)
    .route('/', funds)
    .route('/', commitments)
    .route('/', companies)
    .route('/', investments)
    .route('/', projects)
    .route('/', arrivals)
    .route('/', activities)
    .route('/', requests)
    .route('/', settingsRoutes)
    .route('/', files)
    .route('/', credits)
    .route('/', reports)
    .route('/', excel)
    .route('/', targets)
    .route('/', alerts)
    .route('/', dispatch)
    .route('/', chains)
    .route('/', assessmentRoutes)
    .route('/', performance)
    .route('/', audit)
    .route('/', owners)
    .route('/', nodes)
    .route('/', work);

  const root: Hono<AppEnv> = new Hono<AppEnv>()
    // gzip or deflate as the client accepts, for text types only (JSON, HTML, JS, CSS): .xlsx and PNG downloads are
    // zip or already compressed and pass through unchanged. Not on Workers (options.compress): the runtime compresses.
    .use(options.compress ? compress() : (_c, next) => next())
    .use(jsonCharset)
    .use(headers)
    .use(async (c, next) => {
      c.set('db', getDb(c.env ?? {}));
      c.set('files', options.files(c.env ?? {}));
      c.set('options', options);
      c.set('today', chinaToday(options.now()));
      await next();
    })
    .get('/health', (c) => c.json({ status: 'ok' }))
    .route('/', docs(api))
    .route('/api', api)
    .route('/', login)
    .route('/', webPages(cache.page))
    // /api answers its JSON envelope; any other unknown path is a page a browser asked for.
    .notFound((c) => (c.req.path === '/api' || c.req.path.startsWith('/api/') ? onNotFound(c) : pageNotFound(c)))
    .onError(onError);
  return root;
}

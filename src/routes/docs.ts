import { Hono } from 'hono';
import type { RouterRoute } from 'hono/types';
import type { AppEnv } from '../env';
import { onNotFound } from '../errors';
import { openApiDocument } from '../openapi';
import { noneMatch } from '../wire';

/**
 * Third-party browser files served under /vendor/<name>/<file>: read from node_modules on Node (src/node.ts), copied
 * into public/vendor/ for Workers' static assets (scripts/copy-assets.ts). Only these files, nothing else.
 */
export const vendorFiles = {
  'swagger-ui-dist': { package: 'swagger-ui-dist', dir: '', files: ['swagger-ui-bundle.js', 'swagger-ui.css', 'favicon-32x32.png', 'favicon-16x16.png'] },
  echarts: { package: 'echarts', dir: 'dist', files: ['echarts.min.js'] },
} as const satisfies Record<string, { package: string; dir: string; files: readonly string[] }>;

/** "/vendor/echarts/echarts.min.js" → the package and the file inside it, or null for anything not listed. */
export function vendorSource(path: string): { package: string; file: string } | null {
  const m = /^\/vendor\/([\w.-]+)\/([\w.-]+)$/.exec(path);
  // Own properties only: "constructor" or "__proto__" must not reach Object.prototype.
  const entry = m && Object.hasOwn(vendorFiles, m[1]!) ? (vendorFiles as Record<string, { package: string; dir: string; files: readonly string[] }>)[m[1]!] : undefined;
  if (!m || !entry || !entry.files.includes(m[2]!)) return null;
  return { package: entry.package, file: entry.dir ? `${entry.dir}/${m[2]}` : m[2]! };
}

/**
 * How long browsers keep a /vendor/ file before revalidating it (30 days; then a 304 while it is unchanged). The URLs
 * carry no version, so an upgraded ECharts or Swagger UI reaches a browser within these 30 days, not at once.
 * public/_headers says the same to Workers' static assets.
 */
export const VENDOR_CACHE_CONTROL = 'public, max-age=2592000';

const contentTypes: Record<string, string> = {
  js: 'text/javascript; charset=utf-8',
  css: 'text/css; charset=utf-8',
  png: 'image/png',
};
export const contentTypeOf = (file: string) => {
  const ext = file.slice(file.lastIndexOf('.') + 1);
  return (Object.hasOwn(contentTypes, ext) && contentTypes[ext]) || 'application/octet-stream';
};

const page = `<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>touyin 投引 API 文档</title>
<link rel="icon" type="image/png" href="/vendor/swagger-ui-dist/favicon-32x32.png">
<link rel="stylesheet" href="/vendor/swagger-ui-dist/swagger-ui.css">
</head>
<body>
<noscript>API 文档需要启用 JavaScript；机器可读的文档见 <a href="/openapi.json">/openapi.json</a>。</noscript>
<div id="swagger-ui"></div>
<script src="/vendor/swagger-ui-dist/swagger-ui-bundle.js"></script>
<script src="/docs/init.js"></script>
</body>
</html>
`;

// A file rather than an inline script, so a strict Content-Security-Policy (script-src 'self') still lets it run.
// validatorUrl null: Swagger UI would otherwise send the document to validator.swagger.io.
const init = `window.ui = SwaggerUIBundle({
  url: '/openapi.json',
  dom_id: '#swagger-ui',
  deepLinking: true,
  validatorUrl: null,
  docExpansion: 'none',
  defaultModelsExpandDepth: 0,
});
`;

/**
 * The API docs, outside /api and without auth: the OpenAPI document of `api` (built once, on first request), Swagger UI
 * at /docs, and the vendor files through the injected `assets` option.
 */
export function docs(api: { routes: RouterRoute[] }) {
  let document: ReturnType<typeof openApiDocument> | undefined;
  return new Hono<AppEnv>()
    .get('/openapi.json', (c) => c.json((document ??= openApiDocument(api.routes, '/api'))))
    .get('/docs', (c) => c.html(page))
    .get('/docs/init.js', (c) => c.body(init, 200, { 'content-type': contentTypes.js! }))
    .get('/vendor/:name/:file', async (c) => {
      const res = await c.var.options.assets(c.req.path);
      if (!res) return onNotFound(c);
      const etag = res.headers.get('etag');
      if (etag && noneMatch(c.req.header('if-none-match'), etag)) {
        return c.body(null, 304, { etag, 'cache-control': res.headers.get('cache-control') ?? VENDOR_CACHE_CONTROL });
      }
      return res;
    });
}

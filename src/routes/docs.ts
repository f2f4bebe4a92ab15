import { Hono } from 'hono';
import type { RouterRoute } from 'hono/types';
import type { AppEnv } from '../app-types';
import { onNotFound } from '../errors';
import { openApiDocument } from '../openapi/document';
import { noneMatch } from '../http/responses';
import { contentTypeOf, VENDOR_CACHE_CONTROL } from '../vendor';

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
    .get('/docs/init.js', (c) => c.body(init, 200, { 'content-type': contentTypeOf('init.js') }))
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

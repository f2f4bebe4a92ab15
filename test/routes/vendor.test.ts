// /vendor/ serves the listed browser files only; any other name is the ordinary 404, also names of Object.prototype.
import { describe, expect, it } from 'vitest';
import { createApp } from '../../src/app';
import { contentTypeOf } from '../../src/vendor';
import { nodeOptions } from '../../src/node';
import { testApp } from '../helpers';

describe('/vendor/', () => {
  it.each([
    '/vendor/constructor/x',
    '/vendor/__proto__/x',
    '/vendor/toString/echarts.min.js',
    '/vendor/echarts/constructor',
    '/vendor/echarts/__proto__',
    '/vendor/swagger-ui-dist/valueOf',
    '/vendor/echarts/..%2F..%2Fpackage.json',
  ])('%s answers 404 in the error envelope', async (path) => {
    const t = await testApp();
    const app = createApp(() => t.db, nodeOptions({}));
    const res = await app.request(path);
    expect(res.status).toBe(404);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('not_found');
  });

  it('/vendor/hasOwnProperty (no file part) is an unknown path: the HTML 404 page, not a 500', async () => {
    const t = await testApp();
    const res = await createApp(() => t.db, nodeOptions({})).request('/vendor/hasOwnProperty');
    expect(res.status).toBe(404);
    expect(res.headers.get('content-type')).toContain('text/html');
    expect(await res.text()).toContain('未找到');
  });

  it('a listed file is served with its type', async () => {
    const t = await testApp();
    const res = await createApp(() => t.db, nodeOptions({})).request('/vendor/echarts/echarts.min.js');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
  });

  it('a file type that only Object.prototype knows is octet-stream', () => {
    expect(contentTypeOf('x.constructor')).toBe('application/octet-stream');
    expect(contentTypeOf('x.css')).toBe('text/css; charset=utf-8');
  });
});

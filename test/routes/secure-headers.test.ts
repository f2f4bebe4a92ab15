// Every answer — pages, the API, errors, vendor files — carries the security headers; pages a strict CSP.
import { describe, expect, it } from 'vitest';
import { createApp } from '../../src/app';
import { nodeOptions } from '../../src/node';
import { testApp } from '../helpers';

describe('security headers', () => {
  it.each([
    ['GET', '/login', 200],
    ['GET', '/', 302],
    ['GET', '/docs', 200],
    ['GET', '/docs/init.js', 200],
    ['GET', '/vendor/echarts/echarts.min.js', 200],
    ['GET', '/vendor/constructor/x', 404],
    ['GET', '/api/me', 200],
    ['GET', '/api/funds/999', 404],
    ['POST', '/api/units', 400],
    ['GET', '/health', 200],
  ])('%s %s', async (method, path, status) => {
    const t = await testApp();
    const app = createApp(() => t.db, nodeOptions({}));
    const res = await app.request(path, {
      method,
      headers: { authorization: 'Bearer test-admin-token', 'content-type': 'application/json' },
      body: method === 'POST' ? '{}' : undefined,
    });
    expect(res.status).toBe(status);
    const csp = res.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("default-src 'self'");
    expect(csp).toMatch(/script-src 'self'(;|$)/); // no inline scripts, no eval
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("object-src 'none'");
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('x-frame-options')).toBe('DENY');
    expect(res.headers.get('referrer-policy')).toBe('no-referrer');
  });
});

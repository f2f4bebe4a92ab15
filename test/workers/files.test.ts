import { SELF } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildWorkedExample } from '../worked-example';
import { pdfBytes, pngBytes, uploadRequest } from '../evidence-files';
import { asTestApp, call, create, fresh } from './client';

// 佐证材料 through the worker: the bytes in the local R2 bucket FILES under their SHA-256, downloaded by whoever sees
// the subject, 404 for another family, a lying type refused with nothing stored.
describe('evidence files on Workers + R2', () => {
  let w: Awaited<ReturnType<typeof buildWorkedExample>>;
  let manager: { token: string };
  let other: { token: string };
  beforeAll(async () => {
    w = await buildWorkedExample(asTestApp());
    manager = await create('/api/users', { username: fresh('files-mgr-'), role: 'manager', fundIds: [w.A.id] });
    other = await create('/api/users', { username: fresh('files-mgr-'), role: 'manager', fundIds: [w.C.id] });
  }, 60_000);

  const upload = async (token: string, subject: string, bytes: Uint8Array, name: string) => {
    const res = await SELF.fetch(uploadRequest('https://touyin.test', token, subject, bytes, name));
    return { status: res.status, body: (await res.json()) as any };
  };

  it('uploads into R2 once per content, downloads with its name, 404 for another family', async () => {
    const bytes = pdfBytes(fresh('回单'));
    const a = await upload(env.TOUYIN_ADMIN_TOKEN, `project:${w.P1.id}`, bytes, '银行回单.pdf');
    const b = await upload(manager.token, `project:${w.P1.id}`, bytes, '回单副本.pdf');
    expect([a.status, b.status]).toEqual([201, 201]);
    expect(a.body.sha256).toBe(b.body.sha256);
    const object = await env.FILES.get(`files/${a.body.sha256}`);
    expect(new Uint8Array(await object!.arrayBuffer())).toEqual(bytes);
    const listed = await env.FILES.list({ prefix: `files/${a.body.sha256}` });
    expect(listed.objects.length).toBe(1);

    const down = await SELF.fetch(
      new Request(`https://touyin.test/api/files/${a.body.id}`, {
        headers: { authorization: `Bearer ${manager.token}` },
      }),
    );
    expect(down.status).toBe(200);
    expect(down.headers.get('content-type')).toBe('application/pdf');
    expect(down.headers.get('content-disposition')).toContain(`filename*=UTF-8''${encodeURIComponent('银行回单.pdf')}`);
    expect(new Uint8Array(await down.arrayBuffer())).toEqual(bytes);
    expect((await call('GET', `/api/files/${a.body.id}`, undefined, { token: other.token })).status).toBe(404);
    expect((await upload(other.token, `project:${w.P1.id}`, pdfBytes(), '回单.pdf')).status).toBe(404);
    expect((await call('GET', `/api/files/${a.body.id}`, undefined, { token: null })).status).toBe(401);
  });

  it('refuses a file lying about its type and stores nothing', async () => {
    const before = (await env.FILES.list({ prefix: 'files/' })).objects.length;
    const lie = await upload(
      env.TOUYIN_ADMIN_TOKEN,
      `project:${w.P1.id}`,
      new TextEncoder().encode('<html>not a pdf</html>'),
      '合同.pdf',
    );
    expect(lie.status).toBe(400);
    expect(lie.body.error.message).toMatch(/无法识别的文件内容/);
    const mismatch = await upload(env.TOUYIN_ADMIN_TOKEN, `project:${w.P1.id}`, pngBytes(), '合同.pdf');
    expect(mismatch.status).toBe(400);
    expect((await env.FILES.list({ prefix: 'files/' })).objects.length).toBe(before);
  });
});

// The pages of 到资认定 and 佐证材料 (SPEC §9) without a browser: a manager's pending arrival on its project page
// (待认定, not in the total, its 银行回单 listed and deletable by its uploader), the staff's /review queue (project, fund,
// 万元, who entered it, the file's download link, the If-Match version on 认定/退回), a stale 认定 refused in Chinese,
// the reason of a 退回 shown to the manager, and the upload through the session: bad files refused in Chinese, never a
// 500, CSRF required, another family's subject a 404.
import { beforeAll, describe, expect, it } from 'vitest';
import { sessionCookie, testApp, type TestApp } from '../helpers';
import { buildWorkedExample } from '../worked-example';
import { pdfBytes, plainZip } from '../evidence-files';

let t: TestApp;
let w: Awaited<ReturnType<typeof buildWorkedExample>>;
let manager: { id: number; token: string };
let cookies: { staff: string; manager: string; other: string; leader: string };

const user = (username: string, role: string, fundIds?: number[]) =>
  t.create<{ id: number; token: string }>('/api/users', {
    username,
    role,
    fundIds,
    password: 'secret-pass-1',
    displayName: `${username}显示名`,
  });

beforeAll(async () => {
  t = await testApp();
  w = await buildWorkedExample(t);
  manager = await user('mgr-a', 'manager', [w.A.id]);
  await user('mgr-c', 'manager', [w.C.id]);
  await user('clerk', 'staff');
  await user('boss', 'leader');
  cookies = {
    manager: await sessionCookie(t.app, 'mgr-a', 'secret-pass-1'),
    other: await sessionCookie(t.app, 'mgr-c', 'secret-pass-1'),
    staff: await sessionCookie(t.app, 'clerk', 'secret-pass-1'),
    leader: await sessionCookie(t.app, 'boss', 'secret-pass-1'),
  };
});

const open = async (path: string, cookie: string) => {
  const res = await t.app.request(path, { headers: { cookie } });
  return { status: res.status, html: await res.text() };
};
/** The CSRF token a page carries for its session's writes. */
const csrfOf = async (cookie: string) =>
  /<meta name="csrf" content="([^"]+)"/.exec((await open('/', cookie)).html)![1]!;
/** An upload as the page's form sends it: multipart through the session cookie, with its CSRF header. */
async function upload(cookie: string, subject: string, bytes: Uint8Array, name: string, csrf?: string) {
  const form = new FormData();
  form.set('subject', subject);
  form.set('file', new File([bytes as Uint8Array<ArrayBuffer>], name));
  const res = await t.app.request('http://localhost/api/files', {
    method: 'POST',
    headers: { cookie, origin: 'http://localhost', ...(csrf ? { 'x-csrf-token': csrf } : {}) },
    body: form,
  });
  return { status: res.status, body: (await res.json()) as any };
}
/** The rows of one table on a page, each as its text without tags. */
const rowsOf = (html: string, tableId: string) => {
  const table = new RegExp(`<table id="${tableId}"[^>]*>([\\s\\S]*?)</table>`).exec(html)?.[1] ?? '';
  return [...table.matchAll(/<tr[^>]*>([\s\S]*?)<\/tr>/g)].map((m) =>
    m[1]!.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' '),
  );
};

describe('到资认定 and 佐证材料 on the pages', () => {
  it('a manager’s pending arrival: 待认定 on its project page, left out of the total; its 银行回单 listed; staff’s queue names it; 认定 counts it', async () => {
    const arrival = await t.create(
      `/api/projects/${w.P1.id}/arrivals`,
      { amount: '12345678.90', arrivedOn: '2026-11-20', kind: 'fixed_asset' },
      manager.token,
    );
    expect(arrival.status).toBe('pending');
    const csrf = await csrfOf(cookies.manager);
    const file = await upload(cookies.manager, `arrival:${arrival.id}`, pdfBytes(), '工行回单.pdf', csrf);
    expect(file.status).toBe(201);

    const mine = await open(`/projects/${w.P1.id}`, cookies.manager);
    expect(mine.status).toBe(200);
    expect(mine.html).toContain('待认定 — 认定后计入到资');
    // The confirmed total is the worked example's 6,000 + 4,000 万元; the pending 1,234.57 万元 is apart.
    expect(mine.html).toMatch(/id="arrived-confirmed">.*?10,000\.00/s);
    expect(mine.html).toMatch(/id="arrived-pending">.*?1 笔.*?1,234\.57/s);
    expect(mine.html).toContain(`href="/api/files/${file.body.id}"`);
    expect(mine.html).toContain('工行回单.pdf');
    expect(mine.html).toContain('mgr-a显示名');
    // Its uploader may take the file back while the arrival is pending; a manager confirms nothing.
    expect(mine.html).toContain(`data-api="/api/files/${file.body.id}" data-method="DELETE"`);
    expect(mine.html).not.toContain(`/api/arrivals/${arrival.id}/confirm`);
    // The download link works through the session, with the original name.
    const down = await t.app.request(`/api/files/${file.body.id}`, { headers: { cookie: cookies.manager } });
    expect(down.status).toBe(200);
    expect(down.headers.get('content-disposition')).toContain(encodeURIComponent('工行回单.pdf'));

    const queue = await open('/review', cookies.staff);
    expect(queue.status).toBe(200);
    const row = rowsOf(queue.html, 'pending-arrivals').find((r) => r.includes('星辰智能装备华东生产基地'));
    expect(row).toBeDefined();
    for (const text of ['1,234.57', '2026-11-20', '固定资产投资', 'mgr-a显示名', '工行回单.pdf', '认定', '退回'])
      expect(row, text).toContain(text);
    const fundName = (await t.ok('GET', `/api/funds/${w.A.id}`)).name as string;
    expect(row).toContain(fundName);
    expect(queue.html).toContain(`data-api="/api/arrivals/${arrival.id}/confirm" data-if-match="1"`);
    expect(queue.html).toContain(`href="/api/files/${file.body.id}"`);

    // 认定 with the page's version: the arrival counts; the manager's page now has no pending row.
    const staffCsrf = await csrfOf(cookies.staff);
    const confirm = await t.app.request(`http://localhost/api/arrivals/${arrival.id}/confirm`, {
      method: 'POST',
      headers: {
        cookie: cookies.staff,
        origin: 'http://localhost',
        'x-csrf-token': staffCsrf,
        'content-type': 'application/json',
        'if-match': '"1"',
      },
      body: '{}',
    });
    expect(confirm.status).toBe(200);
    const after = await open(`/projects/${w.P1.id}`, cookies.manager);
    expect(after.html).not.toContain('待认定 — 认定后计入到资');
    expect(after.html).toMatch(/id="arrived-confirmed">.*?11,234\.57/s);
    // The file's record is no longer pending: its uploader may no longer delete it, staff may.
    expect(after.html).not.toContain(`data-api="/api/files/${file.body.id}" data-method="DELETE"`);
    expect((await open(`/projects/${w.P1.id}`, cookies.staff)).html).toContain(
      `data-api="/api/files/${file.body.id}" data-method="DELETE"`,
    );
    expect(rowsOf((await open('/review', cookies.staff)).html, 'pending-arrivals').join()).not.toContain('1,234.57');
  });

  it('a stale 认定 (the page’s version after someone sent the arrival back) is refused in Chinese; the manager reads the reason', async () => {
    const arrival = await t.create(
      `/api/projects/${w.P1.id}/arrivals`,
      { amount: '500000', arrivedOn: '2026-11-21', kind: 'fixed_asset' },
      manager.token,
    );
    const queue = await open('/review', cookies.staff);
    const version = new RegExp(`data-api="/api/arrivals/${arrival.id}/confirm" data-if-match="(\\d+)"`).exec(
      queue.html,
    )![1]!;
    await t.ok('POST', `/api/arrivals/${arrival.id}/reject`, { reason: '回单金额与到资不符' });
    const stale = await t.call(
      'POST',
      `/api/arrivals/${arrival.id}/confirm`,
      {},
      {
        headers: { 'if-match': `"${version}"` },
      },
    );
    expect(stale.status).toBe(412);
    expect(stale.body.error.message).toMatch(/已被他人修改，请刷新后重试/);
    const mine = await open(`/projects/${w.P1.id}`, cookies.manager);
    expect(mine.html).toContain('回单金额与到资不符');
    expect(mine.html).toContain('已退回');
  });

  it('an upload through the page: a lying type, an empty file and a path as name are Chinese 400s, nothing written; no CSRF is 403; another family’s record is 404', async () => {
    const csrf = await csrfOf(cookies.manager);
    const count = () => (t.sqlite.prepare('select count(*) as n from files').get() as { n: number }).n;
    const before = count();
    const subject = `project:${w.P1.id}`;
    for (const [bytes, name, message] of [
      [plainZip(), '合同.docx', /./],
      [new Uint8Array(0), '空.pdf', /空/],
      [pdfBytes(), '../../etc/回单.pdf', /路径/],
    ] as const) {
      const res = await upload(cookies.manager, subject, bytes, name, csrf);
      expect(res.status, name).toBe(400);
      expect(res.body.error.message, name).toMatch(/[\u4e00-\u9fff]/);
      expect(res.body.error.message, name).toMatch(message);
    }
    expect((await upload(cookies.manager, subject, pdfBytes(), '回单.pdf')).status).toBe(403);
    const other = await upload(cookies.other, subject, pdfBytes(), '回单.pdf', await csrfOf(cookies.other));
    expect(other.status).toBe(404);
    expect(count()).toBe(before);
    // Another family's manager sees neither the project page nor the queue; a leader reads the files but uploads nothing.
    expect((await open(`/projects/${w.P1.id}`, cookies.other)).status).toBe(404);
    expect((await open('/review', cookies.manager)).status).toBe(403);
    const read = await open(`/projects/${w.P1.id}`, cookies.leader);
    expect(read.status).toBe(200);
    expect(read.html).toContain('工行回单.pdf');
    expect(read.html).not.toContain('data-upload');
  });
});

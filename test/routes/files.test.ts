// 佐证材料 (SPEC §9): upload, list, download and soft delete on projects, arrivals, milestones and credits; the type
// from the bytes, 20 MB, content addressing, access as the subject's, and every bad input a Chinese 4xx with
// nothing written.
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { nodeFileStore } from '../../src/node';
import { testApp, type TestApp } from '../helpers';
import { buildWorkedExample } from '../worked-example';
import {
  declaredBomb,
  docxBytes,
  jpegBytes,
  lyingBomb,
  pdfBytes,
  plainZip,
  pngBytes,
  uploadRequest,
  xlsxBytes,
} from '../evidence-files';

let t: TestApp;
let w: Awaited<ReturnType<typeof buildWorkedExample>>;
let managerA: { id: number; token: string };
let managerC: { id: number; token: string };
let staff: { id: number; token: string };
let leader: { id: number; token: string };
const subjects: Record<'project' | 'arrival' | 'milestone' | 'credit', string> = {
  project: '',
  arrival: '',
  milestone: '',
  credit: '',
};

beforeAll(async () => {
  t = await testApp();
  w = await buildWorkedExample(t);
  managerA = await t.userWith('manager', [w.A.id]);
  managerC = await t.userWith('manager', [w.C.id]);
  staff = await t.userWith('staff');
  leader = await t.userWith('leader');
  const p1 = await t.ok('GET', `/api/projects/${w.P1.id}`);
  const credit = (await t.ok('GET', `/api/funds/${w.A.id}/reinvestment-credits`)).items[0];
  Object.assign(subjects, {
    project: `project:${w.P1.id}`,
    arrival: `arrival:${p1.arrivals[0].id}`,
    milestone: `milestone:${p1.milestones[0].id}`,
    credit: `credit:${credit.id}`,
  });
});

const send = async (token: string, subject: string | null, bytes: Uint8Array | null, name?: string) => {
  const res = await t.app.request(uploadRequest('http://localhost', token, subject, bytes, name));
  return { status: res.status, body: (await res.json()) as any };
};
const count = (table: string) => (t.sqlite.prepare(`select count(*) as n from ${table}`).get() as { n: number }).n;
const stored = () =>
  existsSync(t.filesDir)
    ? readdirSync(t.filesDir, { recursive: true }).filter((f) => /[0-9a-f]{64}$/.test(String(f))).length
    : 0;
const sha256 = async (b: Uint8Array) =>
  Buffer.from(await crypto.subtle.digest('SHA-256', b as Uint8Array<ArrayBuffer>)).toString('hex');

describe('evidence files', () => {
  it('each accepted type on each kind of subject: typed by content, downloaded with its name, listed by subject', async () => {
    const cases = [
      ['project', pdfBytes('合同'), '投资合同.pdf', 'application/pdf'],
      ['arrival', jpegBytes(), '银行回单.jpg', 'image/jpeg'],
      ['milestone', pngBytes(), '开工照片.png', 'image/png'],
      ['credit', xlsxBytes(), '验资报告.xlsx', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
      [
        'project',
        docxBytes(),
        '营业执照说明.docx',
        'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
      ],
    ] as const;
    for (const [kind, bytes, name, type] of cases) {
      const up = await send(staff.token, subjects[kind], bytes, name);
      expect(up.status, name).toBe(201);
      expect(up.body).toEqual({
        id: up.body.id,
        name,
        type,
        size: bytes.length,
        sha256: await sha256(bytes),
        subject: subjects[kind],
        uploadedBy: staff.id,
        uploadedAt: expect.any(String),
        version: 1,
      });
      const down = await t.app.request(`/api/files/${up.body.id}`, {
        headers: { authorization: `Bearer ${managerA.token}` },
      });
      expect(down.status).toBe(200);
      expect(down.headers.get('content-type')).toBe(type);
      expect(down.headers.get('content-disposition')).toBe(
        `attachment; filename="${name.replace(/[^\x20-\x7e]/g, '_')}"; filename*=UTF-8''${encodeURIComponent(name)}`,
      );
      expect(down.headers.get('cache-control')).toBe('private, no-store');
      expect(new Uint8Array(await down.arrayBuffer())).toEqual(bytes);
    }
    const listed = await t.ok('GET', `/api/files?subject=${subjects.project}`, undefined, leader.token);
    expect(listed.items.map((f: any) => f.name)).toEqual(['投资合同.pdf', '营业执照说明.docx']);
    // Every upload and its row are in the audit log.
    expect(
      (
        t.sqlite.prepare(`select count(*) as n from audit_log where entity = 'files' and action = 'create'`).get() as {
          n: number;
        }
      ).n,
    ).toBe(count('files'));
  });

  it('stores the same content once, whatever its name or subject', async () => {
    const bytes = pdfBytes('同一份回单');
    const before = stored();
    const a = await send(staff.token, subjects.project, bytes, '回单一.pdf');
    const b = await send(managerA.token, subjects.arrival, bytes, '回单二.pdf');
    expect([a.status, b.status]).toEqual([201, 201]);
    expect(a.body.sha256).toBe(b.body.sha256);
    expect(stored()).toBe(before + 1);
    expect(existsSync(join(t.filesDir, a.body.sha256.slice(0, 2), a.body.sha256))).toBe(true);
  });

  it('a manager of another family, or anyone for a missing subject, gets 404 — for the subject and for its files', async () => {
    const up = await send(staff.token, subjects.arrival, pdfBytes('乙'), '回单.pdf');
    const before = count('files');
    for (const kind of ['project', 'arrival', 'milestone', 'credit'] as const) {
      const r = await send(managerC.token, subjects[kind], pdfBytes(), '回单.pdf');
      expect(r.status, kind).toBe(404);
      expect(r.body.error.code).toBe('not_found');
      expect((await t.get(`/api/files?subject=${subjects[kind]}`, managerC.token)).status).toBe(404);
    }
    const denied = await t.get(`/api/files/${up.body.id}`, managerC.token);
    const missing = await t.get('/api/files/999999', managerC.token);
    expect(denied.status).toBe(404);
    expect(denied.body).toEqual({ error: { code: 'not_found', message: `文件 ${up.body.id} 不存在` } });
    expect(missing.body.error.message).toBe('文件 999999 不存在');
    for (const subject of ['project:999999', 'arrival:999999', 'milestone:999999', 'credit:999999', 'request:1']) {
      const r = await send(staff.token, subject, pdfBytes());
      expect(r.status, subject).toBe(404);
      expect(r.body.error.message).toMatch(/不存在$/);
    }
    // No download without a token, and no path from a hash.
    expect((await t.app.request(`/api/files/${up.body.id}`)).status).toBe(401);
    expect(
      (await t.app.request(`/api/files/${up.body.sha256}`, { headers: { authorization: `Bearer ${staff.token}` } }))
        .status,
    ).toBe(400);
    expect((await t.app.request(`/files/${up.body.sha256.slice(0, 2)}/${up.body.sha256}`)).status).toBe(404);
    expect(count('files')).toBe(before);
  });

  it('refuses each bad input with a Chinese 4xx and writes nothing', async () => {
    const bad: [string, string | null, Uint8Array | null, string, number, RegExp][] = [
      [
        'an executable named .pdf',
        subjects.project,
        new TextEncoder().encode('MZ\x90\x00 this is not a pdf'),
        '合同.pdf',
        400,
        /无法识别的文件内容/,
      ],
      [
        'HTML named .png',
        subjects.project,
        new TextEncoder().encode('<html><script>alert(1)</script></html>'),
        '照片.png',
        400,
        /只接受 PDF、JPEG、PNG、XLSX、DOCX/,
      ],
      ['a PNG named .pdf', subjects.project, pngBytes(), '合同.pdf', 400, /扩展名 \.pdf 与文件内容（PNG）不符/],
      ['an XLSX named .docx', subjects.project, xlsxBytes(), '表.docx', 400, /扩展名 \.docx 与文件内容（XLSX）不符/],
      [
        'a zip that is no Office file',
        subjects.project,
        plainZip(),
        '材料.docx',
        400,
        /该压缩文件不是 XLSX 或 DOCX 文档/,
      ],
      [
        'a zip bomb as XLSX',
        subjects.project,
        declaredBomb(),
        '报表.xlsx',
        400,
        /不是有效的 XLSX 或 DOCX 文档.*解压后超过 48 MB/,
      ],
      [
        'a zip bomb whose sizes lie, as DOCX',
        subjects.project,
        lyingBomb(),
        '说明.docx',
        400,
        /不是有效的 XLSX 或 DOCX 文档.*大小与目录不符/,
      ],
      ['an empty file', subjects.project, new Uint8Array(0), '空.pdf', 400, /上传的文件是空的/],
      ['a path-like name', subjects.project, pdfBytes(), '../../x', 400, /含有路径/],
      ['a Windows path', subjects.project, pdfBytes(), '..\\..\\回单.pdf', 400, /含有路径/],
      ['no file field', subjects.project, null, '', 400, /file 字段/],
      ['no subject field', null, pdfBytes(), '回单.pdf', 400, /subject 应为 project:N/],
      ['a malformed subject', 'project:abc', pdfBytes(), '回单.pdf', 400, /subject 应为 project:N/],
    ];
    const before = { files: count('files'), audit: count('audit_log'), stored: stored() };
    for (const [what, subject, bytes, name, status, message] of bad) {
      const r = await send(staff.token, subject, bytes, name);
      expect(r.status, what).toBe(status);
      expect(r.body.error.code, what).toBe('invalid_request');
      expect(r.body.error.message, what).toMatch(message);
    }
    const notMultipart = await t.call('POST', '/api/files', { subject: subjects.project });
    expect(notMultipart.status).toBe(400);
    expect(notMultipart.body.error.message).toMatch(/multipart\/form-data/);
    expect({ files: count('files'), audit: count('audit_log'), stored: stored() }).toEqual(before);
    expect((await t.get('/health')).status).toBe(200);
  });

  it('21 MB is 413 while the body streams in; exactly 20 MB is taken', async () => {
    const before = count('files');
    const big = new Uint8Array(21 * 1024 * 1024);
    big.set(pdfBytes());
    const r = await send(staff.token, subjects.project, big, '扫描件.pdf');
    expect(r.status).toBe(413);
    expect(r.body.error).toEqual({
      code: 'payload_too_large',
      message: '文件过大（每个文件上限 20 MB），请压缩或拆分后再上传',
    });
    // A body that streams in without a length is counted as it comes, and refused at the limit too.
    const chunk = new Uint8Array(1024 * 1024);
    let sent = 0;
    const stream = new ReadableStream<Uint8Array>({
      pull(ctl) {
        if (sent++ < 22) ctl.enqueue(chunk);
        else ctl.close();
      },
    });
    const streamed = await t.app.request(
      new Request('http://localhost/api/files', {
        method: 'POST',
        headers: { authorization: `Bearer ${staff.token}`, 'content-type': 'multipart/form-data; boundary=x' },
        body: stream,
        duplex: 'half',
      } as RequestInit),
    );
    expect(streamed.status).toBe(413);
    expect(sent).toBeLessThan(23);
    const limit = new Uint8Array(20 * 1024 * 1024);
    limit.set(pdfBytes());
    expect((await send(staff.token, subjects.project, limit, '整20MB.pdf')).status).toBe(201);
    expect(count('files')).toBe(before + 1);
  }, 60_000);

  it('who may upload and delete: staff any; a manager its family’s, deleting its own while the subject is pending; a leader nothing', async () => {
    expect((await send(leader.token, subjects.project, pdfBytes())).status).toBe(403);
    const pending = await t.create(
      `/api/projects/${w.P2.id}/arrivals`,
      { amount: '100', arrivedOn: '2024-10-01', kind: 'working' },
      managerA.token,
    );
    const mine = await send(managerA.token, `arrival:${pending.id}`, pdfBytes('待认定回单'), '回单.pdf');
    const onConfirmed = await send(managerA.token, subjects.project, pdfBytes('已认定项目'), '合同.pdf');
    const staffs = await send(staff.token, `arrival:${pending.id}`, pdfBytes('平台上传'), '核对.pdf');
    expect([mine.status, onConfirmed.status, staffs.status]).toEqual([201, 201, 201]);
    const del = (id: number, token: string, headers: Record<string, string> = {}) =>
      t.call('DELETE', `/api/files/${id}`, undefined, { token, headers });
    expect((await del(onConfirmed.body.id, managerA.token)).status).toBe(403); // its project is confirmed
    expect((await del(staffs.body.id, managerA.token)).status).toBe(403); // not its upload
    expect((await del(mine.body.id, managerC.token)).status).toBe(404);
    expect((await del(mine.body.id, leader.token)).status).toBe(403);
    expect((await del(mine.body.id, managerA.token, { 'if-match': '"7"' })).status).toBe(412);
    const gone = await del(mine.body.id, managerA.token);
    expect(gone.status).toBe(204);
    expect((await t.get(`/api/files/${mine.body.id}`)).status).toBe(404);
    expect((await t.ok('GET', `/api/files?subject=arrival:${pending.id}`)).items.map((f: any) => f.id)).toEqual([
      staffs.body.id,
    ]);
    expect((await del(onConfirmed.body.id, staff.token)).status).toBe(204);
    expect((await del(onConfirmed.body.id, staff.token)).status).toBe(404);
    // Soft: the row stays, marked, and the delete is in the audit log by whoever made it.
    const row = t.sqlite
      .prepare('select deleted_at as deletedAt, updated_by as by from files where id = ?')
      .get(mine.body.id) as { deletedAt: string | null; by: number };
    expect(row.deletedAt).not.toBeNull();
    expect(row.by).toBe(managerA.id);
    const audit = t.sqlite
      .prepare(
        `select user_id as userId, json_extract(after, '$.deletedAt') as deletedAt from audit_log where entity = 'files' and entity_id = ? and action = 'update'`,
      )
      .all(mine.body.id);
    expect(audit).toEqual([{ userId: managerA.id, deletedAt: row.deletedAt }]);
  });

  it('the project page’s read: the files of a project, its arrivals and its milestones, none of another project', async () => {
    const { filesOfProject } = await import('../../src/queries/files');
    const mine = (await filesOfProject(t.db, w.P1.id)).map((f) => f.subject);
    expect(new Set(mine)).toEqual(new Set([subjects.project, subjects.arrival, subjects.milestone]));
    expect(await filesOfProject(t.db, w.P4.id)).toEqual([]);
  });
});

describe('a store that fails mid-upload', () => {
  it('leaves no row (and the server answers the next request)', async () => {
    const broken = await testApp({
      files: () => ({
        put: async () => {
          throw new Error('磁盘已满');
        },
        get: async () => null,
      }),
    });
    const p = await broken.create('/api/projects', {
      name: '存储故障项目',
      sourceType: 'business',
      reportedOn: '2024-01-01',
      plannedTotal: '1',
      introducingUnitId: (await broken.create('/api/units', { name: '区' })).id,
      landingUnitId: 1,
    });
    const audit = (broken.sqlite.prepare('select count(*) as n from audit_log').get() as { n: number }).n;
    const res = await broken.app.request(
      uploadRequest('http://localhost', 'test-admin-token', `project:${p.id}`, pdfBytes()),
    );
    expect(res.status).toBe(500);
    expect(((await res.json()) as any).error.code).toBe('internal');
    expect((broken.sqlite.prepare('select count(*) as n from files').get() as { n: number }).n).toBe(0);
    expect((broken.sqlite.prepare('select count(*) as n from audit_log').get() as { n: number }).n).toBe(audit);
    expect((await broken.get('/api/me')).status).toBe(200);
  });

  it('on disk: a write that dies leaves nothing under the hash; a finished one leaves no temporary file; the same hash twice is one file', async () => {
    const dir = join(t.filesDir, '..', `store-${Date.now()}`);
    const store = nodeFileStore(dir);
    const bytes = pdfBytes('并发');
    const hash = await sha256(bytes);
    await Promise.all([store.put(hash, bytes), store.put(hash, bytes)]);
    expect(readdirSync(dir, { recursive: true }).map(String).sort()).toEqual([
      hash.slice(0, 2),
      `${hash.slice(0, 2)}/${hash}`,
    ]);
    // A write whose bytes cannot be read (a source that fails half way) stores nothing and leaves no temporary file.
    const failing = new Proxy(new Uint8Array(10), {
      get: (target, key) =>
        key === 'buffer'
          ? (() => {
              throw new Error('读取中断');
            })()
          : Reflect.get(target, key),
    });
    const other = 'f'.repeat(64);
    await expect(store.put(other, failing)).rejects.toThrow();
    expect(await store.get(other)).toBeNull();
    expect(readdirSync(dir).filter((f) => f.startsWith('.tmp-'))).toEqual([]);
    await expect(store.get('../../etc/passwd')).rejects.toThrow(/not a SHA-256/);
  });
});

// Text that cannot fool touyin: look-alike company names (invisible characters) are the same company, names of
// nothing are refused, and lone surrogates and control characters never reach the database.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { csvOf, tableCounts, upload } from '../excel/fixtures';
import { testApp, type TestApp } from '../helpers';
import { reportedElsewhere } from '../../src/domain/projects';

let t: TestApp;
let unit: { id: number; name: string };
let A: { id: number; name: string };
let B: { id: number; name: string };
const lead = (fundId: number, company: Record<string, unknown>, name = '某项目') => ({
  name,
  company,
  sourceType: 'fund',
  sourceFundId: fundId,
  reportedOn: '2025-01-10',
  plannedTotal: '10000000',
  introducingUnitId: unit.id,
  landingUnitId: unit.id,
});

beforeEach(async () => {
  t = await testApp();
  unit = await t.create('/api/units', { name: '鸠江区', code: '340207' });
  const M = await t.create('/api/funds', { name: '母基金', level: 'mother', homeUnitId: unit.id });
  A = await t.create('/api/funds', { name: '甲子基金', level: 'sub', parentId: M.id });
  B = await t.create('/api/funds', { name: '乙子基金', level: 'sub', parentId: M.id });
});

const NAME = '芜湖星辰智能装备有限公司';
/** The name with one invisible character after its second character. */
const hiding = (ch: string) => NAME.slice(0, 2) + ch + NAME.slice(2);

describe('a look-alike re-report of another fund’s company is a duplicate (issue 7 item 5)', () => {
  it.each([
    ['U+200B zero-width space', '\u200B'],
    ['U+200C ZWNJ', '\u200C'],
    ['U+200D ZWJ', '\u200D'],
    ['U+2060 word joiner', '\u2060'],
    ['U+FEFF BOM', '\uFEFF'],
    ['U+200E LRM', '\u200E'],
    ['U+200F RLM', '\u200F'],
    ['U+00AD soft hyphen', '\u00AD'],
    ['U+180E Mongolian vowel separator', '\u180E'],
    ['U+3164 Hangul filler', '\u3164'],
    ['U+115F', '\u115F'],
    ['U+1160', '\u1160'],
    ['U+FFA0 half-width Hangul filler', '\uFFA0'],
    ['tag characters', '\u{E0041}\u{E0042}\u{E007F}'],
    ['variation selector 16', '\uFE0F'],
    ['variation selector 17', '\u{E0100}'],
    ['RLO … PDF', '\u202E\u202C'],
    ['LRI … PDI', '\u2066\u2069'],
    ['U+034F', '\u034F'],
  ])('%s', async (_what, ch) => {
    const first = await t.create('/api/projects', lead(A.id, { name: NAME }));
    const manager = await t.userWith('manager', [B.id]);
    const before = tableCounts(t);
    const r = await t.call('POST', '/api/projects', lead(B.id, { name: hiding(ch) }), { token: manager.token });
    expect(r.status).toBe(409);
    expect(r.body).toEqual({ error: { code: 'conflict', message: reportedElsewhere(true) } });
    expect(tableCounts(t)).toEqual(before);
    // Staff, too, cannot register it twice: the same key finds the first project.
    const staff = await t.call('POST', '/api/projects', { ...lead(B.id, { name: hiding(ch) }), name: '另一个项目' });
    expect(staff.body.existingId).toBe(first.id);
  });

  it('in a sheet, a look-alike row is refused against the database and against an earlier row', async () => {
    await t.create('/api/projects', lead(A.id, { name: NAME }));
    const header = [
      '项目名称',
      '企业名称',
      '来源类型',
      '来源基金',
      '报送日期',
      '计划总投资（元）',
      '招引单位',
      '落地单位',
    ];
    const row = (name: string, company: string) => [
      name,
      company,
      '基金招引',
      B.name,
      '2025-01-10',
      10000000,
      unit.name,
      unit.name,
    ];
    const before = tableCounts(t);
    const r = await upload(
      t,
      csvOf([
        header,
        row('一', hiding('\u200D')),
        row('二', '芜湖月光科技有限公司'),
        row('三', '芜湖月光\u2060科技有限公司'),
      ]),
      { query: '?dryRun=1' },
    );
    expect(r.status).toBe(400);
    expect(r.body.rows.map((p: { row: number }) => p.row)).toEqual([2, 4]);
    expect(r.body.rows[1].message).toContain('与第 3 行是同一企业');
    expect(tableCounts(t)).toEqual(before);
  });
});

describe('names of nothing and text with control characters are refused (400, nothing written)', () => {
  const cases: [string, string, Record<string, unknown>][] = [
    ['a company name of invisible characters only', '/api/projects', { company: { name: '\u200B\u200D\u2060\u3164' } }],
    ['a company name of a BOM and a tag', '/api/projects', { company: { name: '\uFEFF\u{E0041}' } }],
    ['a company name of punctuation only', '/api/projects', { company: { name: '（）·' } }],
    ['a project name of invisible characters', '/api/projects', { name: '\u200B\u200E' }],
    ['U+0000 in a company name', '/api/projects', { company: { name: `${NAME}\u0000` } }],
    ['U+0007 in a project name', '/api/projects', { name: '项目\u0007' }],
    ['U+009B (C1 CSI) in the introducer', '/api/projects', { introducer: '张三\u009B' }],
    ['a lone high surrogate in a project name', '/api/projects', { name: '项目\uD800' }],
    ['a lone low surrogate in a company name', '/api/projects', { company: { name: `${NAME}\uDC00` } }],
    ['a lone surrogate in a field no schema reads', '/api/projects', { note: '\uD83D' }],
    ['a lone surrogate in a key', '/api/projects', { '\uD800': 1 }],
  ];
  it.each(cases)('%s', async (_what, path, change) => {
    const body = { ...lead(A.id, { name: NAME }), ...change };
    const before = tableCounts(t);
    const r = await t.call('POST', path, body);
    expect(r.status).toBe(400);
    expect(r.body.error.code).toBe('invalid_request');
    expect(r.body.error.issues.length).toBeGreaterThan(0);
    expect(tableCounts(t)).toEqual(before);
  });

  it('companies and units refuse them too; a query string with U+0000 is a 400', async () => {
    for (const [path, body] of [
      ['/api/companies', { name: '\u200B' }],
      ['/api/companies', { name: '芜湖\uDBFF公司' }],
      ['/api/units', { name: '弋江区\u0000' }],
    ] as const) {
      expect((await t.call('POST', path, body)).status, JSON.stringify(body)).toBe(400);
    }
    // A query string cannot decode to a lone surrogate (%ED%A0%80 is not UTF-8 and stays as sent); it is no 500.
    const r = await t.get(`/api/projects?q=${encodeURIComponent('星辰')}%ED%A0%80`);
    expect(r.status).toBe(200);
    const ctl = await t.get(`/api/companies?q=${encodeURIComponent('星辰\u0000')}`);
    expect(ctl.status).toBe(400);
  });

  it('tabs, line breaks, emoji and right-to-left text are ordinary text', async () => {
    const p = await t.create('/api/projects', {
      ...lead(A.id, { name: `${NAME}🚀` }),
      name: 'مشروع 项目 👨‍👩‍👧',
      introducer: '张三\t李四',
    });
    expect(p.company.name).toBe(`${NAME}🚀`);
    const m = await t.create(`/api/projects/${p.id}/milestones`, {
      stage: 'negotiating',
      on: '2025-02-01',
      note: '第一行\r\n第二行',
    });
    expect(m.note).toBe('第一行\r\n第二行');
  });
});

describe('migration 0007 refolds the name keys stored before it', () => {
  it('companies and name-only leads lose their invisible characters; a look-alike active pair keeps the later one’s old key', async () => {
    const s = t.sqlite;
    // Rows as the old key wrote them.
    const co = s.prepare('insert into companies (name, name_key) values (?, ?) returning id');
    const zw = co.get(hiding('\u200B'), `芜湖\u200B星辰智能装备有限公司`) as { id: number };
    const tag = co.get('月光\u{E0041}科技', '月光\u{E0041}科技') as { id: number };
    const clean = co.get('清风科技', '清风科技') as { id: number };
    const project = s.prepare(
      `insert into projects (name, company_id, company_key, source_type, reported_on, planned_total_fen, status, introducing_unit_id, landing_unit_id)
       values (?, ?, ?, 'other', '2024-01-01', 1, ?, ${unit.id}, ${unit.id}) returning id`,
    );
    const p1 = project.get('一', zw.id, 'name:芜湖\u200B星辰智能装备有限公司', 'confirmed') as { id: number };
    const p2 = project.get('二', null, 'name:芜湖\u00AD星辰智能装备有限公司', 'confirmed') as { id: number };
    const p3 = project.get('三', null, 'name:芜湖\u2060星辰智能装备有限公司', 'rejected') as { id: number };
    const p4 = project.get('四', tag.id, 'name:月光\u{E0041}科技', 'pending') as { id: number };
    const sql = readFileSync(resolve(import.meta.dirname, '../../drizzle/0007_fold_invisible_name_keys.sql'), 'utf8');
    for (const statement of sql.split('--> statement-breakpoint')) s.exec(statement);

    const keyOf = (id: number) =>
      (s.prepare('select name_key as k from companies where id = ?').get(id) as { k: string }).k;
    expect([keyOf(zw.id), keyOf(tag.id), keyOf(clean.id)]).toEqual([
      '芜湖星辰智能装备有限公司',
      '月光科技',
      '清风科技',
    ]);
    const leadKey = (id: number) =>
      (s.prepare('select company_key as k from projects where id = ?').get(id) as { k: string }).k;
    expect(leadKey(p1.id)).toBe('name:芜湖星辰智能装备有限公司');
    expect(leadKey(p2.id)).toBe('name:芜湖\u00AD星辰智能装备有限公司'); // both active: the later keeps its key for staff to settle
    expect(leadKey(p3.id)).toBe('name:芜湖星辰智能装备有限公司'); // rejected: holds no lead, folds freely
    expect(leadKey(p4.id)).toBe('name:月光科技');
    // The later migration takes the legal forms off the keys (有限公司): the API's key then finds the first project.
    const suffixes = readFileSync(resolve(import.meta.dirname, '../../drizzle/0027_company_name_suffixes.sql'), 'utf8');
    for (const statement of suffixes.split('--> statement-breakpoint')) s.exec(statement);
    expect(keyOf(zw.id)).toBe('芜湖星辰智能装备');
    expect(leadKey(p1.id)).toBe('name:芜湖星辰智能装备');
    // From now on the folded key finds the first project.
    const r = await t.call('POST', '/api/projects', lead(A.id, { name: hiding('\u2060') }));
    expect(r.body.existingId).toBe(p1.id);
  });
});

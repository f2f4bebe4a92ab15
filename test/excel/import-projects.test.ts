import { beforeEach, describe, expect, it } from 'vitest';
import { testApp, type TestApp } from '../helpers';
import { buildWorkedExample, withCheck } from '../worked-example';
import {
  csvOf,
  download,
  gb18030,
  HEADER,
  readXlsx,
  sheet,
  tableCounts,
  upload,
  xlsxOf,
  type ProjectRow as Row,
  type SheetCell,
} from './fixtures';

/** A lead of fund A (智能制造产业子基金) in 鸠江区, valid on its own. */
const lead = (name: string, extra: Row = {}): Row => ({
  项目名称: name,
  来源类型: '基金招引',
  来源基金: '智能制造产业子基金',
  报送日期: '2025-01-10',
  '计划总投资（元）': 50000000,
  招引单位: '鸠江区',
  落地单位: '鸠江区',
  ...extra,
});

describe('POST /api/imports/projects', () => {
  let t: TestApp;
  let ids: Awaited<ReturnType<typeof buildWorkedExample>>;
  beforeEach(async () => {
    t = await testApp();
    ids = await buildWorkedExample(t);
  });

  it('writes every row in one go: projects, new companies, milestones with reached dates, arrivals', async () => {
    const code = withCheck('91340207MA2N0K000');
    const file = await xlsxOf(
      sheet([
        lead('导入项目甲', {
          企业名称: '芜湖导入甲科技有限公司',
          统一社会信用代码: code,
          洽谈日期: '2025-02-01',
          注册日期: new Date('2025-03-15T00:00:00Z'),
          '到资金额（元）': 1000000.5,
          到资日期: '2025/3/20',
        }),
        lead('导入项目乙', {
          企业名称: '芜湖导入乙科技有限公司',
          签约日期: '2025年4月1日',
          '到资记录（元）': '2,000,000@2025-04-02;300@2025-05-01@流动资金',
        }),
        lead('导入项目丙', { 来源类型: 'business', 来源基金: null, 终止日期: '2025-03-01', 终止原因: '企业撤资' }),
      ]),
    );
    const before = tableCounts(t);
    const r = await upload(t, file);
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    expect(r.body).toEqual({
      dryRun: false,
      rows: 3,
      projects: 3,
      companies: 2,
      milestones: 4,
      arrivals: 3,
      status: 'confirmed',
      warnings: [
        {
          row: 3,
          column: '到资记录（元）',
          message: '2025-05-01 到资 0.03 万元 与本项目计划总投资 5000 万元 相差千倍以上，请核对金额单位（元 / 万元）',
        },
      ],
    });
    const after = tableCounts(t);
    expect(after.projects! - before.projects!).toBe(3);
    expect(after.companies! - before.companies!).toBe(2);
    expect(after.milestones! - before.milestones!).toBe(4);
    expect(after.arrivals! - before.arrivals!).toBe(3);

    const [jia] = (await t.ok('GET', '/api/projects?q=导入项目甲')).items;
    const full = await t.ok('GET', `/api/projects/${jia.id}`);
    expect(full).toMatchObject({
      status: 'confirmed',
      sourceFundId: ids.A.id,
      reportedOn: '2025-01-10',
      plannedTotal: '50000000.00',
      company: { name: '芜湖导入甲科技有限公司', creditCode: code },
      // registered 2025-03-15 without a signing: it reached 签约 that day too (SPEC §4)
      reached: {
        negotiating: '2025-02-01',
        signed: '2025-03-15',
        registered: '2025-03-15',
        started: null,
        completed: null,
        producing: null,
      },
      stage: 'registered',
    });
    expect(full.arrivals).toMatchObject([
      { amount: '1000000.50', arrivedOn: '2025-03-20', kind: 'fixed_asset', currency: 'CNY' },
    ]);
    const [yi] = (await t.ok('GET', '/api/projects?q=导入项目乙')).items;
    expect((await t.ok('GET', `/api/projects/${yi.id}`)).arrivals).toMatchObject([
      { amount: '2000000.00', arrivedOn: '2025-04-02', kind: 'fixed_asset' },
      { amount: '300.00', arrivedOn: '2025-05-01', kind: 'working' },
    ]);
    const [bing] = (await t.ok('GET', '/api/projects?q=导入项目丙')).items;
    expect(bing).toMatchObject({
      sourceType: 'business',
      sourceFundId: null,
      stage: 'dropped',
      droppedOn: '2025-03-01',
      companyId: null,
    });
    // Every write is attributed: the audit log holds the new rows under the importing user.
    const audit = t.sqlite
      .prepare(
        "select count(*) as n from audit_log where entity = 'projects' and user_id is not null and entity_id in (?, ?, ?)",
      )
      .get(jia.id, yi.id, bing.id) as { n: number };
    expect(audit.n).toBeGreaterThanOrEqual(3);
  });

  it('refuses a bad sheet with every problem by row and column, and writes nothing', async () => {
    const file = await xlsxOf(
      sheet([
        lead('合格的项目', { 企业名称: '芜湖重复检测有限公司' }), // row 2
        lead('日期有误的项目', { 签约日期: '2025-02-30' }), // row 3
        lead('金额为负的项目', { '计划总投资（元）': -5 }), // row 4
        lead('基金不存在的项目', { 来源基金: '不存在的产业基金' }), // row 5
        lead('表内重复的项目', { 企业名称: '芜湖重复检测有限公司' }), // row 6: same company as row 2
        lead('与系统重复的项目', { 企业名称: '远望新材料（芜湖）研发有限公司' }), // row 7: P2's company, P2 is active
        lead('签约前到资的项目', { 签约日期: '2025-05-01', '到资金额（元）': 1000, 到资日期: '2025-04-01' }), // row 8
        lead('多笔到资中有一笔在签约前', { 签约日期: '2025-05-01', '到资记录（元）': '100@2025-06-01;200@2025-04-30' }), // row 9
      ]),
    );
    const before = tableCounts(t);
    const r = await upload(t, file);
    expect(r.status).toBe(400);
    expect(r.body.rows).toEqual([
      { row: 3, column: '签约日期', message: '日期应为真实存在的日期，格式 YYYY-MM-DD' },
      { row: 4, column: '计划总投资（元）', message: '金额不能为负数' },
      { row: 5, column: '来源基金', message: '基金“不存在的产业基金”不存在（名称须与系统中完全一致，也可填基金编号）' },
      {
        row: 6,
        column: '企业名称',
        message: '与第 2 行是同一企业，同一企业只能有一个在办项目（按首报原则归属首报单位）',
      },
      {
        row: 7,
        column: '企业名称',
        message: `该企业已有在办项目（项目编号 ${ids.P2.id}），按首报原则归属首报单位，不能重复报送`,
      },
      { row: 8, column: '到资日期', message: '在 2025-04-01 尚未签约（签约日期 2025-05-01），不能记录到资' },
      {
        row: 9,
        column: '到资记录（元）',
        message: '第 2 笔“200@2025-04-30”：在 2025-04-30 尚未签约（签约日期 2025-05-01），不能记录到资',
      },
    ]);
    expect(r.body.error).toMatchObject({ code: 'invalid_request', message: expect.stringContaining('未写入任何数据') });
    // Each problem listed once, in rows; the envelope's one issue counts them.
    expect(r.body.error.issues).toEqual([{ path: 'rows', message: '共 7 处问题，rows 中有每一处的行、列和原因' }]);
    expect(r.body.problemCount).toBe(7);
    expect(tableCounts(t)).toEqual(before);

    // The same file without its bad rows goes in whole.
    const good = await upload(t, await xlsxOf(sheet([lead('合格的项目', { 企业名称: '芜湖重复检测有限公司' })])));
    expect(good.status).toBe(201);
  });

  it('reports the rules of the API: future dates, dates before reporting, drop reasons, investments, units, enums, required cells', async () => {
    const file = await xlsxOf(
      sheet([
        lead('报送日期在未来', { 报送日期: '2026-11-23', 签约日期: '2026-11-20' }), // today is 2026-11-22
        lead('进展早于报送', { 洽谈日期: '2025-01-09' }),
        lead('缺少终止原因', { 终止日期: '2025-02-01' }),
        lead('无关的驱动投资', { 来源基金: String(ids.B.id), 驱动投资编号: ids.X.id }), // X is A's investment; B is A's sibling
        lead('单位不存在', { 招引单位: 999, 落地单位: '不存在的区' }),
        lead('来源类型未知', { 来源类型: '自然来访' }),
        { 项目名称: '缺少必填项' },
      ]),
    );
    const before = tableCounts(t);
    const r = await upload(t, file);
    expect(r.status).toBe(400);
    expect(r.body.rows).toEqual([
      { row: 2, column: '报送日期', message: '报送日期不能晚于今天（2026-11-22）' },
      { row: 3, column: '洽谈日期', message: '进展日期不能早于报送日期 2025-01-10' },
      { row: 4, column: '终止原因', message: '终止（dropped）必须填写原因 reason' },
      { row: 5, column: '驱动投资编号', message: `投资 ${ids.X.id} 不属于来源基金或其上下级基金，不能作为驱动投资` },
      { row: 6, column: '招引单位', message: '单位 999 不存在' },
      { row: 6, column: '落地单位', message: '单位“不存在的区”不存在（名称须与系统中完全一致，也可填单位编号）' },
      {
        row: 7,
        column: '来源类型',
        message: '“自然来访”不是可选的值，可填：基金招引、以商引商、招商大使、中介/委托、其他',
      },
      { row: 8, column: '来源类型', message: '必填，不能为空' },
      { row: 8, column: '报送日期', message: '必填，不能为空' },
      { row: 8, column: '计划总投资（元）', message: '必填，不能为空' },
      { row: 8, column: '招引单位', message: '必填，不能为空' },
      { row: 8, column: '落地单位', message: '必填，不能为空' },
    ]);
    expect(tableCounts(t)).toEqual(before);
  });

  it('refuses headers it does not know, and missing required columns, before reading rows', async () => {
    const r = await upload(
      t,
      await xlsxOf([
        ['项目名称', '签约日起', '报送日期', '备注（内部）'],
        ['某项目', '2025-01-01', '2025-01-01', '随便写'],
      ]),
    );
    expect(r.status).toBe(400);
    expect(r.body.rows).toEqual([
      { row: 1, column: '签约日起', message: expect.stringContaining('无法识别的列“签约日起”') },
      { row: 1, column: '来源类型', message: '缺少必填列' },
      { row: 1, column: '计划总投资（万元）', message: '缺少必填列' },
      { row: 1, column: '招引单位', message: '缺少必填列' },
      { row: 1, column: '落地单位', message: '缺少必填列' },
    ]);
    const noHeader = await upload(
      t,
      await xlsxOf([
        ['a', 'b'],
        ['c', 'd'],
      ]),
    );
    expect(noHeader.status).toBe(400);
    expect(noHeader.body.rows[0].message).toContain('找不到表头行');
  });

  it('lets a dropped lead and a new lead of the same company through, in either order', async () => {
    const file = await xlsxOf(
      sheet([
        lead('在办项目', { 企业名称: '芜湖反复落地有限公司' }),
        lead('已终止的旧项目', { 企业名称: '芜湖反复落地有限公司', 终止日期: '2025-02-01', 终止原因: '暂缓' }),
        lead('另一旧项目', { 企业名称: '芜湖反复落地有限公司', 终止日期: '2025-02-02', 终止原因: '暂缓' }),
      ]),
    );
    const r = await upload(t, file);
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    expect(r.body).toMatchObject({ projects: 3, companies: 1 }); // one company, made once
    const items = (await t.ok('GET', '/api/projects?q=芜湖反复落地')).items;
    expect(new Set(items.map((p: any) => p.companyId)).size).toBe(1);
    expect(items.filter((p: any) => p.stage !== 'dropped').map((p: any) => p.name)).toEqual(['在办项目']);
  });

  it('gives each project of a large sheet its own milestones and arrivals, across statements and waves', async () => {
    // 2,345 rows: more than one bulk statement per table. Row i is reported on day i of 2020, signed 10 days later,
    // with an arrival of i + 1 元 the day after signing; every 7th row also registers. Two leads of one company (the
    // active one first in the sheet) make a second wave.
    const n = 2345;
    const day = (i: number) => new Date(Date.UTC(2020, 0, 1 + i)).toISOString().slice(0, 10);
    const rows: Row[] = Array.from({ length: n }, (_, i) =>
      lead(`批量项目${i}`, {
        企业名称: `芜湖批量企业${i}有限公司`,
        报送日期: day(i),
        签约日期: day(i + 10),
        注册日期: i % 7 === 0 ? day(i + 20) : null,
        '到资金额（元）': i + 1,
        到资日期: day(i + 11),
      }),
    );
    rows.push(
      lead('同企业在办项目', {
        企业名称: '芜湖两波企业有限公司',
        签约日期: '2025-02-01',
        '到资金额（元）': 7,
        到资日期: '2025-02-02',
      }),
    );
    rows.push(
      lead('同企业终止项目', {
        企业名称: '芜湖两波企业有限公司',
        洽谈日期: '2025-01-20',
        终止日期: '2025-01-25',
        终止原因: '换址',
      }),
    );
    const r = await upload(t, await xlsxOf(sheet(rows)));
    expect(r.status, JSON.stringify(r.body).slice(0, 500)).toBe(201);
    // milestones: n signings + ⌈n / 7⌉ registrations (i = 0, 7, …, 2338) + 1 signing + 洽谈 and 终止 of the dropped lead
    expect(r.body).toMatchObject({
      projects: n + 2,
      companies: n + 1,
      milestones: n + Math.ceil(n / 7) + 3,
      arrivals: n + 1,
    });

    const check = async (i: number) => {
      const [p] = (await t.ok('GET', `/api/projects?q=${encodeURIComponent(`批量项目${i}`)}&limit=1`)).items;
      const full = await t.ok('GET', `/api/projects/${p.id}`);
      expect(full.name).toBe(`批量项目${i}`);
      expect(full.reportedOn).toBe(day(i));
      expect(full.reached.signed).toBe(day(i + 10));
      expect(full.reached.registered).toBe(i % 7 === 0 ? day(i + 20) : null);
      expect(full.arrivals.map((a: any) => [a.amount, a.arrivedOn])).toEqual([[`${i + 1}.00`, day(i + 11)]]);
      expect(full.company.name).toBe(`芜湖批量企业${i}有限公司`);
    };
    for (const i of [0, 1, 999, 1000, 1001, 1999, 2000, 2338, n - 1]) await check(i);

    const both = (await t.ok('GET', `/api/projects?q=${encodeURIComponent('同企业')}`)).items;
    expect(both.map((p: any) => [p.name, p.stage])).toEqual([
      ['同企业终止项目', 'dropped'],
      ['同企业在办项目', 'signed'],
    ]); // the dropped lead is written first
    const active = await t.ok('GET', `/api/projects/${both[1].id}`);
    expect(active.arrivals.map((a: any) => a.amount)).toEqual(['7.00']);
    expect(both[0].companyId).toBe(both[1].companyId);
  });

  it('reads 万元 headers exactly and numbers as Excel shows them', async () => {
    const header = [
      '项目名称',
      '来源类型',
      '来源基金',
      '报送日期',
      '计划总投资（万元）',
      '计划固定资产投资（万元）',
      '招引单位',
      '落地单位',
    ];
    const file = await xlsxOf([
      header,
      ['万元项目', '基金招引', ids.A.id, '2025-01-10', 1.123456, ((0.1 + 0.2) * 1e4) / 1e4, ids.unit.id, ids.unit.id],
    ]);
    const r = await upload(t, file);
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    const [p] = (await t.ok('GET', '/api/projects?q=万元项目')).items;
    expect(p.plannedTotal).toBe('11234.56'); // 1.123456 万元
    expect(p.plannedFixedAsset).toBe('3000.00'); // 0.30000000000000004 万元 as Excel shows it: 0.3 万元
    const tooFine = await upload(
      t,
      await xlsxOf([
        header,
        ['万元项目二', '基金招引', ids.A.id, '2025-01-10', '0.1234567', null, ids.unit.id, ids.unit.id],
      ]),
    );
    expect(tooFine.body.rows).toEqual([
      {
        row: 2,
        column: '计划总投资（万元）',
        message: '金额换算成元后最多两位小数（精确到分）：“0.1234567”为 1234.567 元',
      },
    ]);
  });

  it('reads amounts as people type them in a 元 column: 100万, 1.5 亿元, 1,234.56, full-width digits, 12345.6元', async () => {
    const file = await xlsxOf(
      sheet([
        lead('写法一', {
          '计划总投资（元）': '100万',
          签约日期: '2025-03-01',
          '到资记录（元）': '0.5万@2025-04-02;１２３４@2025-05-01',
        }),
        lead('写法二', { '计划总投资（元）': '1.5 亿元' }),
        lead('写法三', { '计划总投资（元）': '1,234.56' }),
        lead('写法四', {
          '计划总投资（元）': '12345.6元',
          '到资金额（元）': '1,000',
          到资日期: '2025-04-01',
          签约日期: '2025-03-01',
        }),
      ]),
    );
    const r = await upload(t, file);
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    const planned = async (name: string) => (await t.ok('GET', `/api/projects?q=${encodeURIComponent(name)}`)).items[0];
    expect((await planned('写法一')).plannedTotal).toBe('1000000.00'); // 100 × 10^4
    expect((await planned('写法二')).plannedTotal).toBe('150000000.00'); // 1.5 × 10^8
    expect((await planned('写法三')).plannedTotal).toBe('1234.56');
    expect((await planned('写法四')).plannedTotal).toBe('12345.60');
    expect((await t.ok('GET', `/api/projects/${(await planned('写法一')).id}`)).arrivals).toMatchObject([
      { amount: '5000.00' },
      { amount: '1234.00' },
    ]);
    expect((await t.ok('GET', `/api/projects/${(await planned('写法四')).id}`)).arrivals).toMatchObject([
      { amount: '1000.00' },
    ]);
  });

  it.each([
    ['1万2', /金额格式不正确：应为数字，单位元，也可写明单位，如 1234\.56、1,234\.56、100万、1\.5亿、12345\.6元/],
    ['万', /金额格式不正确/],
    ['-5万', /金额不能为负数/],
    ['1e5', /金额格式不正确/],
    ['1.234', /最多两位小数/],
    ['0.0000001万', /最多两位小数/],
  ])('refuses %j in a 元 column, naming the accepted forms, and writes nothing', async (amount, message) => {
    const before = tableCounts(t);
    const r = await upload(t, await xlsxOf(sheet([lead('写法有误', { '计划总投资（元）': amount })])));
    expect(r.status).toBe(400);
    expect(r.body.rows).toEqual([{ row: 2, column: '计划总投资（元）', message: expect.stringMatching(message) }]);
    expect(tableCounts(t)).toEqual(before);
  });

  it('validates only with ?dryRun=1, answering the would-be counts', async () => {
    const file = await xlsxOf(
      sheet([lead('试导入项目', { 签约日期: '2025-02-01', '到资记录（元）': '1@2025-02-02;2@2025-02-03' })]),
    );
    const before = tableCounts(t);
    const r = await upload(t, file, { query: '?dryRun=1' });
    expect(r.status).toBe(200);
    expect(r.body).toEqual({
      dryRun: true,
      rows: 1,
      projects: 1,
      companies: 0,
      milestones: 1,
      arrivals: 2,
      status: 'confirmed',
      warnings: [
        {
          row: 2,
          column: '到资记录（元）',
          message: '2025-02-02 到资 0.0001 万元 与本项目计划总投资 5000 万元 相差千倍以上，请核对金额单位（元 / 万元）',
        },
        {
          row: 2,
          column: '到资记录（元）',
          message: '2025-02-03 到资 0.0002 万元 与本项目计划总投资 5000 万元 相差千倍以上，请核对金额单位（元 / 万元）',
        },
      ],
    });
    expect(tableCounts(t)).toEqual(before);
    const bad = await upload(t, await xlsxOf(sheet([lead('试导入项目', { 签约日期: '2025-13-01' })])), {
      query: '?dryRun=1',
    });
    expect(bad.status).toBe(400);
    expect(bad.body.rows).toEqual([{ row: 2, column: '签约日期', message: '日期应为真实存在的日期，格式 YYYY-MM-DD' }]);
  });

  it('warns, without refusing, of an amount 1,000× off its neighbours or its planned total (a 元/万元 slip)', async () => {
    const header = [
      '项目名称',
      '来源类型',
      '来源基金',
      '报送日期',
      '计划总投资（万元）',
      '计划固定资产投资（万元）',
      '招引单位',
      '落地单位',
      '签约日期',
      '到资金额（万元）',
      '到资日期',
    ];
    const row = (name: string, total: SheetCell, fixed: SheetCell = null, arrival: SheetCell = null) => [
      name,
      '基金招引',
      ids.A.id,
      '2025-01-10',
      total,
      fixed,
      ids.unit.id,
      ids.unit.id,
      '2025-02-01',
      arrival,
      arrival === null ? null : '2025-03-01',
    ];
    const file = await xlsxOf([
      header,
      row('大项目一', 25000),
      row('大项目二', 30000, 20000, 6000),
      row('写成元的项目', '8000元'), // 0.8 万元 among 25,000 万元 rows: row 4
      row('大项目三', 25000, 20), // 20 万元 of 25,000: 1,250×, row 5
      row('大项目四', 25000, null, 25), // 25 万元 to 25,000: exactly 1,000×, row 6
      row('大项目五', 24000, 24.1, 24.1), // 24.1 of 24,000: 995.9×, no warning
    ]);
    const dry = await upload(t, file, { query: '?dryRun=1' });
    expect(dry.status, JSON.stringify(dry.body)).toBe(200);
    const suffix = '相差千倍以上，请核对金额单位（元 / 万元）';
    expect(dry.body.warnings).toEqual([
      { row: 4, column: '计划总投资（万元）', message: `计划总投资 0.8 万元 与相邻各行（中位数 25000 万元）${suffix}` },
      {
        row: 5,
        column: '计划固定资产投资（万元）',
        message: `计划固定资产投资 20 万元 与本项目计划总投资 25000 万元 ${suffix}`,
      },
      {
        row: 6,
        column: '到资金额（万元）',
        message: `2025-03-01 到资 25 万元 与本项目计划总投资 25000 万元 ${suffix}`,
      },
    ]);
    // A warning is not a refusal: the same file imports, and answers the same warnings.
    const written = await upload(t, file);
    expect(written.status).toBe(201);
    expect(written.body).toMatchObject({ projects: 6, warnings: dry.body.warnings });
    const [slip] = (await t.ok('GET', '/api/projects?q=写成元的项目')).items;
    expect(slip.plannedTotal).toBe('8000.00');
  });

  it('reads the old 元 header, the 万元 header and a header naming no unit (万元) to the same exact amounts', async () => {
    const header = (money: string) => ['项目名称', '来源类型', '来源基金', '报送日期', money, '招引单位', '落地单位'];
    const cases = [
      ['计划总投资（元）', 123456789.01, '123456789.01'],
      ['计划总投资(元)', '1,234.5', '1234.50'],
      ['计划总投资（万元）', 12345.678901, '123456789.01'],
      ['计划总投资', 0.07, '700.00'],
      ['计划总投资（万元）', '2亿', '200000000.00'],
    ] as const;
    for (const [i, [money, cell, yuan]] of cases.entries()) {
      const r = await upload(
        t,
        await xlsxOf([
          header(money),
          [`单位项目${i}`, '基金招引', ids.A.id, '2025-01-10', cell, ids.unit.id, ids.unit.id],
        ]),
      );
      expect(r.status, `${money} ${cell}: ${JSON.stringify(r.body)}`).toBe(201);
      const [p] = (await t.ok('GET', `/api/projects?q=单位项目${i}`)).items;
      expect(p.plannedTotal, `${money} ${cell}`).toBe(yuan);
    }
  });

  it('imports CSV: UTF-8 with a BOM, GB18030 as Excel saves it, quoted fields, the raw body', async () => {
    const rows = sheet([
      lead('CSV项目甲', {
        企业名称: '芜湖逗号, 引号"公司',
        签约日期: '2025-02-01',
        '到资记录（元）': '1000.10@2025-02-02;20@2025-03-01@流动资金',
      }),
      lead('CSV项目乙', { 注册日期: '2025/2/3' }),
    ]);
    const utf8 = await upload(t, `\ufeff${csvOf(rows)}`);
    expect(utf8.status, JSON.stringify(utf8.body)).toBe(201);
    expect(utf8.body).toMatchObject({ projects: 2, companies: 1, milestones: 2, arrivals: 2 });
    const [jia] = (await t.ok('GET', '/api/projects?q=CSV项目甲')).items;
    expect(jia.company.name).toBe('芜湖逗号, 引号"公司');
    expect((await t.ok('GET', `/api/projects/${jia.id}`)).arrivals.map((a: any) => a.amount)).toEqual([
      '1000.10',
      '20.00',
    ]);

    const gbRows = sheet([lead('国标编码项目', { 签约日期: '2025-02-01' })]);
    const gb = await upload(t, gb18030(csvOf(gbRows)), { type: 'text/csv', name: '项目.csv' });
    expect(gb.status, JSON.stringify(gb.body)).toBe(201);
    expect((await t.ok('GET', '/api/projects?q=国标编码项目')).items).toHaveLength(1);

    const raw = await upload(t, csvOf(sheet([lead('原始请求体项目')])), { raw: true, type: 'text/csv; charset=utf-8' });
    expect(raw.status, JSON.stringify(raw.body)).toBe(201);
    const rawXlsx = await upload(t, await xlsxOf(sheet([lead('原始xlsx项目')])), { raw: true });
    expect(rawXlsx.status, JSON.stringify(rawXlsx.body)).toBe(201);

    const badCsv = await upload(t, csvOf(sheet([lead('CSV坏行', { '计划总投资（元）': '12.345' })])));
    expect(badCsv.body.rows).toEqual([{ row: 2, column: '计划总投资（元）', message: '金额最多两位小数（精确到分）' }]);
  });

  it('makes a manager’s rows pending, and refuses rows of another fund with nothing written', async () => {
    const mgr = await t.userWith('manager', [ids.A.id]);
    const ok = await upload(t, await xlsxOf(sheet([lead('管理人报送项目', { 企业名称: '芜湖管理人报送有限公司' })])), {
      token: mgr.token,
    });
    expect(ok.status, JSON.stringify(ok.body)).toBe(201);
    expect(ok.body.status).toBe('pending');
    const [p] = (await t.ok('GET', '/api/projects?q=管理人报送项目')).items;
    expect(p.status).toBe('pending');

    const before = tableCounts(t);
    const other = await upload(
      t,
      await xlsxOf(
        sheet([
          lead('本基金项目'),
          lead('他人基金项目（按名称）', { 来源基金: '人工智能产业子基金' }),
          lead('他人基金项目（按编号）', { 来源基金: ids.B.id }),
          lead('无来源基金的项目', { 来源类型: '以商引商', 来源基金: null }),
          lead('不存在的基金（按名称）', { 来源基金: '并不存在的产业子基金' }),
          lead('不存在的基金（按编号）', { 来源基金: 999_999 }),
        ]),
      ),
      { token: mgr.token },
    );
    expect(other.status).toBe(400);
    expect(other.body.rows).toEqual([
      {
        row: 3,
        column: '来源基金',
        message: '基金“人工智能产业子基金”不存在或无权使用（名称须与系统中完全一致，也可填基金编号）',
      },
      { row: 4, column: '来源基金', message: `基金 ${ids.B.id} 不存在或无权使用` },
      { row: 5, column: '来源基金', message: '基金管理人报送项目须指定本基金为来源基金 sourceFundId' },
      {
        row: 6,
        column: '来源基金',
        message: '基金“并不存在的产业子基金”不存在或无权使用（名称须与系统中完全一致，也可填基金编号）',
      },
      { row: 7, column: '来源基金', message: '基金 999999 不存在或无权使用' },
    ]);
    // Another manager's fund and a fund that does not exist read alike, by name and by number.
    const said = other.body.rows.map((r: { message: string }) =>
      r.message.replace(/“[^”]*”/, '“…”').replace(/\d+/, 'N'),
    );
    expect(said[0]).toBe(said[3]);
    expect(said[1]).toBe(said[4]);
    expect(tableCounts(t)).toEqual(before);
  });

  it('is for staff, admin and managers; a leader is 403 and no token 401', async () => {
    const file = await xlsxOf(sheet([lead('权限测试项目')]));
    const leader = await t.userWith('leader');
    const r = await upload(t, file, { token: leader.token });
    expect(r.status).toBe(403);
    expect(r.body).toEqual({ error: { code: 'forbidden', message: expect.any(String) } });
    const staff = await t.userWith('staff');
    expect((await upload(t, file, { token: staff.token })).status).toBe(201);
    const res = await t.app.request('/api/imports/projects', { method: 'POST', body: file as BodyInit });
    expect(res.status).toBe(401);
  });

  it('takes uploads above the API’s 1 MB body limit, up to 20 MB', async () => {
    const header = [...HEADER, '备注（不导入）'];
    const note = '说明'.repeat(60_000); // 120,000 characters, 360,000 bytes of UTF-8 per row
    const rows = sheet([lead('大文件项目一'), lead('大文件项目二'), lead('大文件项目三')], header);
    rows.slice(1).forEach((r) => (r[header.length - 1] = note));
    const csv = csvOf(rows);
    expect(new TextEncoder().encode(csv).length).toBeGreaterThan(1024 * 1024);
    const r = await upload(t, csv, { raw: true });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    expect(r.body.projects).toBe(3);

    const huge = await upload(t, 'x'.repeat(20 * 1024 * 1024 + 1), { raw: true, type: 'text/csv' });
    expect(huge.status).toBe(413);
    expect(huge.body.error.code).toBe('payload_too_large');
    // Elsewhere the API keeps its 1 MB limit.
    const other = await t.call('POST', '/api/units', JSON.stringify({ name: 'x'.repeat(1024 * 1024) }));
    expect(other.status).toBe(413);
  });

  it('refuses what is not a spreadsheet', async () => {
    const empty = await upload(t, '', { raw: true, type: 'text/csv' });
    expect(empty.status).toBe(400);
    expect(empty.body.error.issues).toEqual([{ path: 'file', message: '上传的文件是空的' }]);
    const xls = await upload(t, new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), {
      type: 'application/vnd.ms-excel',
      name: 'old.xls',
    });
    expect(xls.body.error.issues[0].message).toContain('另存为 .xlsx');
    const pdf = await upload(t, new Uint8Array([0x25, 0x50, 0x44, 0x46]), { raw: true, type: 'application/pdf' });
    expect(pdf.status).toBe(400);
    const form = new FormData();
    form.append('other', 'x');
    const noFile = await t.app.request('/api/imports/projects', {
      method: 'POST',
      headers: { authorization: 'Bearer test-admin-token' },
      body: form,
    });
    expect(noFile.status).toBe(400);
    const broken = await upload(t, new Uint8Array([0x50, 0x4b, 0x03, 0x04, 1, 2, 3]));
    expect(broken.status).toBe(400);
    expect(broken.body.error.issues[0].message).toContain('无法读取');

    // A real sheet whose zip directory declares an entry of 2 GB unpacked: refused before anything is unpacked.
    const bomb = await xlsxOf(sheet([lead('解压炸弹')]));
    const view = new DataView(bomb.buffer, bomb.byteOffset, bomb.byteLength);
    let entry = bomb.length - 22;
    while (view.getUint32(entry, true) !== 0x06054b50) entry--;
    entry = view.getUint32(entry + 16, true); // the first central directory entry
    view.setUint32(entry + 24, 0x7fffffff, true);
    const refused = await upload(t, bomb);
    expect(refused.status).toBe(400);
    expect(refused.body.error.issues[0].message).toMatch(/解压后超过 \d+ MB/);
  });

  it('replays an import sent again with the same Idempotency-Key instead of writing it twice', async () => {
    const file = await xlsxOf(sheet([lead('幂等导入项目', { 企业名称: '芜湖幂等导入有限公司' })]));
    // The raw body: a multipart body gets a new boundary each time it is built, so it would be another request.
    const first = await upload(t, file, { raw: true, headers: { 'idempotency-key': 'import-1' } });
    expect(first.status, JSON.stringify(first.body)).toBe(201);
    const before = tableCounts(t);
    const again = await upload(t, file, { raw: true, headers: { 'idempotency-key': 'import-1' } });
    expect(again.status).toBe(201);
    expect(again.body).toEqual(first.body);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(tableCounts(t)).toEqual(before);
  });
});

describe('GET /api/imports/projects/template.xlsx', () => {
  it('has the input sheet with 2 example rows, an explanation of every column, and the caller’s funds and units', async () => {
    const t = await testApp();
    const ids = await buildWorkedExample(t);
    const d = await download(t, '/api/imports/projects/template.xlsx');
    expect(d.status).toBe(200);
    expect(decodeURIComponent(d.headers.get('content-disposition')!.split("UTF-8''")[1]!)).toBe('项目导入模板.xlsx');
    const wb = await readXlsx(d.bytes);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['项目', '填写说明', '基金与单位']);
    const ws = wb.worksheets[0]!;
    const header = (ws.getRow(1).values as unknown[]).slice(1) as string[];
    for (const h of [
      '项目名称',
      '企业名称',
      '统一社会信用代码',
      '来源类型',
      '来源基金',
      '驱动投资编号',
      '引荐人',
      '报送日期',
      '计划总投资（万元）',
      '计划固定资产投资（万元）',
      '是否外资',
      '产业链',
      '产业链环节',
      '补链延链强链',
      '招引单位',
      '落地单位',
      '洽谈日期',
      '签约日期',
      '注册日期',
      '开工日期',
      '竣工日期',
      '投产日期',
      '终止日期',
      '终止原因',
      '到资金额（万元）',
      '到资日期',
      '到资类型',
      '到资记录（万元）',
    ]) {
      expect(header).toContain(h);
    }
    expect(ws.rowCount).toBe(3); // the header and 2 examples
    const help = wb.getWorksheet('填写说明')!;
    const helpText = JSON.stringify(help.getSheetValues());
    for (const h of header) expect(helpText).toContain(h);
    expect(helpText).toContain('金额@日期');
    expect(helpText).toContain('以商引商（business）');
    // the amount forms the import accepts, in the rules and beside each money column
    expect(helpText).toContain(
      '可按习惯写明单位，如 1234.56、1,234.56、100万、1.5亿、12345.6元（万 = 10000 元，亿 = 100000000 元）',
    );
    expect(helpText).toContain('数字（万元），或写明单位：1234.56、1,234.56、100万、1.5亿、12345.6元');
    expect(helpText).toContain('金额单位为万元');
    const refs = JSON.stringify(wb.getWorksheet('基金与单位')!.getSheetValues());
    expect(refs).toContain(ids.A.name);
    expect(refs).toContain('鸠江区');

    // The examples name funds and units that do not exist, so the template as it is writes nothing...
    const before = tableCounts(t);
    const asIs = await upload(t, d.bytes);
    expect(asIs.status).toBe(400);
    expect(
      asIs.body.rows.every((p: { column: string }) => ['来源基金', '招引单位', '落地单位'].includes(p.column)),
    ).toBe(true);
    expect(tableCounts(t)).toEqual(before);
    // ...and with real names filled in, both examples import.
    for (const row of [2, 3]) {
      ws.getRow(row).eachCell((cell) => {
        if (typeof cell.value === 'string') cell.value = cell.value.replace('（示例）', '');
      });
    }
    const filled = await upload(t, new Uint8Array(await wb.xlsx.writeBuffer()));
    expect(filled.status, JSON.stringify(filled.body)).toBe(201);
    expect(filled.body).toMatchObject({ projects: 2, arrivals: 3 }); // one arrival in the single columns, two in 到资记录
  });

  it('is for those who may import', async () => {
    const t = await testApp();
    const leader = await t.userWith('leader');
    expect((await download(t, '/api/imports/projects/template.xlsx', leader.token)).status).toBe(403);
  });
});

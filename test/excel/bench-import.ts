/**
 * How long a 10,000-row project sheet takes to import (a measurement, not a test): `npx tsx test/excel/bench-import.ts`
 * [rows]. Each row is a new company (half with a credit code), three milestones and two arrivals, as .xlsx and as
 * .csv, each into a fresh in-memory database; a dry run first, then the real import.
 */
import { performance } from 'node:perf_hooks';
import { testApp } from '../helpers';
import { withCheck } from '../worked-example';
import { csvOf, upload, xlsxOf, type SheetCell } from './fixtures';

const rows = Number(process.argv[2] ?? 10_000);
const kinds = (process.argv[3] ?? 'xlsx,csv').split(',') as ('xlsx' | 'csv')[];
const CODE_CHARS = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const code = (i: number) => {
  let s = '';
  for (let n = i, k = 0; k < 7; k++, n = Math.floor(n / 31)) s = CODE_CHARS[n % 31] + s;
  return withCheck(`91340207MA${s}`);
};

const header = [
  '项目名称',
  '企业名称',
  '统一社会信用代码',
  '来源类型',
  '来源基金',
  '报送日期',
  '计划总投资（元）',
  '计划固定资产投资（元）',
  '产业链',
  '产业链环节',
  '补链延链强链',
  '招引单位',
  '落地单位',
  '洽谈日期',
  '签约日期',
  '注册日期',
  '到资金额（元）',
  '到资日期',
  '到资类型',
  '到资记录（元）',
];
const sheet: SheetCell[][] = [header];
for (let i = 0; i < rows; i++) {
  sheet.push([
    `压测项目${i}`,
    `芜湖压测企业${i}有限公司`,
    i % 2 ? code(i) : null,
    '基金招引',
    '压测子基金',
    '2024-01-10',
    300000000 + i,
    100000000,
    '新能源汽车',
    '中游',
    '补链',
    '鸠江区',
    '鸠江区',
    '2024-02-01',
    '2024-03-01',
    '2024-04-15',
    60000000,
    '2024-05-01',
    '固定资产投资',
    '1000.5@2024-06-01@流动资金',
  ]);
}

async function measure(kind: 'xlsx' | 'csv') {
  const file = kind === 'xlsx' ? await xlsxOf(sheet) : csvOf(sheet);
  const size = typeof file === 'string' ? new TextEncoder().encode(file).length : file.length;
  const t = await testApp();
  const unit = await t.create('/api/units', { name: '鸠江区' });
  const mother = await t.create('/api/funds', { name: '压测母基金', level: 'mother', homeUnitId: unit.id });
  await t.create('/api/funds', { name: '压测子基金', level: 'sub', parentId: mother.id });
  let start = performance.now();
  const dry = await upload(t, file, { query: '?dryRun=1' });
  const dryMs = performance.now() - start;
  start = performance.now();
  const real = await upload(t, file);
  const realMs = performance.now() - start;
  if (dry.status !== 200 || real.status !== 201)
    throw new Error(`${kind}: ${dry.status} ${real.status} ${JSON.stringify(real.body).slice(0, 500)}`);
  const audit = (t.sqlite.prepare('select count(*) as n from audit_log').get() as { n: number }).n;
  console.log(
    `${kind}: ${rows} rows, ${(size / 1024 / 1024).toFixed(2)} MB — dry run ${(dryMs / 1000).toFixed(2)} s, import ${(realMs / 1000).toFixed(2)} s ` +
      `(${JSON.stringify(real.body)}; audit rows ${audit})`,
  );
}

for (const kind of kinds) await measure(kind);

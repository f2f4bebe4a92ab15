// Every .xlsx touyin writes prints on A4 landscape, one page wide, with its title rows on every page and the as-of
// date and page numbers in the footer: read back from the written file, sheet by sheet.
import { describe, expect, it } from 'vitest';
import { TODAY, testApp } from '../helpers';
import { download, readXlsx } from './fixtures';

const todayChinese = `${TODAY.slice(0, 4)}年${Number(TODAY.slice(5, 7))}月${Number(TODAY.slice(8, 10))}日`;

describe('print setup of the exports', () => {
  it.each([
    ['the fund report', '/api/exports/funds.xlsx?asOf=2026-10-31', { 基金运行情况: '1:2' }, '2026年10月31日'],
    ['the project export', '/api/exports/projects.xlsx', { 项目清单: '1:1' }, todayChinese],
    ['the import template', '/api/imports/projects/template.xlsx', { 项目: '1:1', 填写说明: '1:1', 基金与单位: '1:1' }, todayChinese],
  ])('%s: every sheet A4 landscape, fitted to width, title rows repeated, as-of date and page numbers', async (_, path, titles, asOf) => {
    const t = await testApp();
    const unit = await t.create('/api/units', { name: '鸠江区' });
    const fund = await t.create('/api/funds', { name: '鸠江区区级母基金', level: 'mother' });
    await t.create('/api/projects', {
      name: '星辰智能装备华东生产基地', sourceType: 'fund', sourceFundId: fund.id, reportedOn: '2024-01-10',
      plannedTotal: '300000000', company: { name: '星辰智能装备（芜湖）有限公司' }, introducingUnitId: unit.id, landingUnitId: unit.id,
    });
    const d = await download(t, path);
    expect(d.status).toBe(200);
    const wb = await readXlsx(d.bytes);
    expect(Object.fromEntries(wb.worksheets.map((ws) => [ws.name, ws.pageSetup.printTitlesRow]))).toEqual(titles);
    for (const ws of wb.worksheets) {
      expect(ws.pageSetup).toMatchObject({ paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0 });
      expect(ws.headerFooter.oddFooter).toBe(`&L截至 ${asOf}&R第 &P 页，共 &N 页`);
      expect(ws.headerFooter.oddHeader).toMatch(/^&C\S/);
    }
  });
});

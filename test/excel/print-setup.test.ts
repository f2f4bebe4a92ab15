// Every .xlsx touyin writes prints on A4 landscape, one page wide, with its title rows on every page and the as-of
// date and page numbers in the footer: read back from the written file, sheet by sheet.
import { execFileSync } from 'node:child_process';
import { accessSync, constants, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { TODAY, testApp } from '../helpers';
import { buildWorkedExample } from '../worked-example';
import { download, readXlsx } from './fixtures';

const todayChinese = `${TODAY.slice(0, 4)}年${Number(TODAY.slice(5, 7))}月${Number(TODAY.slice(8, 10))}日`;

describe('print setup of the exports', () => {
  it.each([
    ['the fund report', '/api/exports/funds.xlsx?asOf=2026-10-31', { 基金运行情况: '1:2' }, '2026年10月31日'],
    ['the project export', '/api/exports/projects.xlsx', { 项目清单: '1:1' }, todayChinese],
    [
      'the import template',
      '/api/imports/projects/template.xlsx',
      { 项目: '1:1', 填写说明: '1:1', 基金与单位: '1:1' },
      todayChinese,
    ],
  ])(
    '%s: every sheet A4 landscape, fitted to width, title rows repeated, as-of date and page numbers',
    async (_, path, titles, asOf) => {
      const t = await testApp();
      const unit = await t.create('/api/units', { name: '鸠江区' });
      const fund = await t.create('/api/funds', { name: '鸠江区区级母基金', level: 'mother' });
      await t.create('/api/projects', {
        name: '星辰智能装备华东生产基地',
        sourceType: 'fund',
        sourceFundId: fund.id,
        reportedOn: '2024-01-10',
        plannedTotal: '300000000',
        company: { name: '星辰智能装备（芜湖）有限公司' },
        introducingUnitId: unit.id,
        landingUnitId: unit.id,
      });
      const d = await download(t, path);
      expect(d.status).toBe(200);
      const wb = await readXlsx(d.bytes);
      expect(Object.fromEntries(wb.worksheets.map((ws) => [ws.name, ws.pageSetup.printTitlesRow]))).toEqual(titles);
      for (const ws of wb.worksheets) {
        expect(ws.pageSetup).toMatchObject({
          paperSize: 9,
          orientation: 'landscape',
          fitToPage: true,
          fitToWidth: 1,
          fitToHeight: 0,
        });
        expect(ws.headerFooter.oddFooter).toBe(`&L截至 ${asOf}&R第 &P 页，共 &N 页`);
        expect(ws.headerFooter.oddHeader).toMatch(/^&C\S/);
      }
    },
  );
});

/** LibreOffice, to print the files as a user would: TOUYIN_SOFFICE, else Debian's (apt-get install -y libreoffice-calc). */
const soffice = process.env.TOUYIN_SOFFICE || '/usr/bin/soffice';
const hasSoffice = (() => {
  try {
    accessSync(soffice, constants.X_OK);
    return true;
  } catch {
    return false;
  }
})();
if (!hasSoffice) console.log(`touyin: 已跳过 LibreOffice 打印测试（未找到 ${soffice}）`);

describe('printed by LibreOffice', () => {
  it.skipIf(!hasSoffice)(
    'the fund report and the import template open, and print on A4 landscape, one page wide',
    async () => {
      const t = await testApp();
      await buildWorkedExample(t);
      const dir = mkdtempSync(join(tmpdir(), 'touyin-print-'));
      try {
        for (const [name, path] of [
          ['funds', '/api/exports/funds.xlsx?asOf=2024-12-31'],
          ['template', '/api/imports/projects/template.xlsx'],
        ]) {
          writeFileSync(join(dir, `${name}.xlsx`), (await download(t, path!)).bytes);
        }
        // A profile of its own: another LibreOffice running on the machine holds the default one's lock.
        execFileSync(
          soffice,
          [
            `-env:UserInstallation=file://${dir}/profile`,
            '--headless',
            '--convert-to',
            'pdf',
            '--outdir',
            dir,
            join(dir, 'funds.xlsx'),
            join(dir, 'template.xlsx'),
          ],
          { timeout: 120_000, stdio: 'ignore' },
        );
        const pages = (name: string) => {
          const pdf = readFileSync(join(dir, `${name}.pdf`)).toString('latin1');
          const sizes = [...pdf.matchAll(/\/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]/g)].map((m) => [
            Math.round(Number(m[1])),
            Math.round(Number(m[2])),
          ]);
          return { count: pdf.match(/\/Type\s*\/Page(?!s)/g)?.length ?? 0, sizes };
        };
        const funds = pages('funds');
        // Seven funds and 29 columns on one sheet of A4 landscape (842 × 595 points): fitted to the width, so one page.
        expect(funds.count).toBe(1);
        expect(funds.sizes).toContainEqual([842, 595]);
        expect(funds.sizes.every(([w, h]) => w === 842 && h === 595)).toBe(true);
        // The template: 项目 (28 columns, one page wide), 填写说明 (two pages tall) and 基金与单位 (one page).
        const template = pages('template');
        expect(template.count).toBe(4);
        expect(template.sizes.every(([w, h]) => w === 842 && h === 595)).toBe(true);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
    180_000,
  );
});

/**
 * The yearly flow in a real browser, against the real services: create a cycle from the scheme
 * workbook, check the scheme, import the returned files through the import screen (one with an
 * error, fixed by dropping a corrected file), compute, see the bottom three flagged, open a "why"
 * panel, publish. Screenshots of every screen go to .tmp/screens (1366×768).
 */
import { mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { CITY_SCHEME, FIXTURE_CITY, editXlsx } from '../helpers/workspace';
import { SCREENS, launch, startApp, watchConsole } from './harness';

const DATA = readdirSync(join(FIXTURE_CITY, 'data'))
  .filter((f) => f.endsWith('.xlsx'))
  .sort()
  .map((f) => join(FIXTURE_CITY, 'data', f));
const SURVEY = DATA.find((f) => f.endsWith('满意度测评.xlsx')) as string;

let app: Awaited<ReturnType<typeof startApp>>;
let browser: Browser;
let page: Page;
let problems: string[];
beforeAll(async () => {
  app = await startApp();
  browser = await launch();
  page = await browser.newPage({ viewport: { width: 1366, height: 768 }, acceptDownloads: true });
  page.setDefaultTimeout(15_000);
  problems = watchConsole(page);
  mkdirSync(SCREENS, { recursive: true });
  await page.goto(app.url);
});
afterEach(async (ctx) => {
  if (ctx.task.result?.state === 'fail')
    await page.screenshot({ path: join(SCREENS, `failed-${ctx.task.name.slice(0, 20)}.png`) });
});
afterAll(async () => {
  await browser?.close();
  await app?.close();
});

const shot = (name: string) => page.screenshot({ path: join(SCREENS, `${name}.png`) });
const menu = (name: string) => page.getByRole('menuitem', { name }).click();

describe('the yearly flow', () => {
  it('creates the cycle from the scheme workbook', async () => {
    await page.getByText('尚无考核周期').first().waitFor();
    await page.getByRole('button', { name: '从方案工作簿新建' }).click();
    await page.locator('.ant-modal input[type=file]').setInputFiles(CITY_SCHEME);
    await page.getByLabel('周期名称').fill('2024年度');
    await page.getByRole('button', { name: '新 建' }).click();
    await page.getByText('已建立考核周期“2024年度”').waitFor();
    await page
      .getByRole('menuitem', { name: '考核方案' })
      .and(page.locator(':not(.ant-menu-item-disabled)'))
      .waitFor();
    await page.getByRole('cell', { name: '41', exact: true }).waitFor();
    await shot('1-cycles');
  });

  it('shows the scheme, checks the weights live, and refuses to save a sum that is off', async () => {
    await menu('考核方案');
    await page.getByRole('tab', { name: '权重矩阵' }).click();
    const qsSum = page.getByLabel('区市 合计');
    expect(await qsSum.textContent()).toBe('100');
    await shot('2-scheme-weights');
    const cell = page.getByLabel('地区生产总值 区市', { exact: true });
    await cell.fill('12');
    await page.getByLabel('区市 合计').filter({ hasText: '102' }).waitFor();
    await page.getByText('还有 2 处问题，改正后才能保存').waitFor();
    expect(await page.getByRole('button', { name: /保\s?存$/ }).isDisabled()).toBe(true);
    await page.getByRole('button', { name: '放弃修改' }).click();
    await page.getByLabel('区市 合计').filter({ hasText: '100' }).waitFor();
    await page.getByRole('tab', { name: '指标体系' }).click();
    await page.getByText('A01 地区生产总值').first().click();
    await page.getByLabel('水平权重').waitFor();
    await shot('3-scheme-tree');
  });

  it('imports the returned files, refusing the one with a misspelt unit until a corrected file comes', async () => {
    const wrong = await editXlsx(SURVEY, join(app.dir, '满意度测评.xlsx'), { 满意度测评: { A5: '东湖去' } });
    await menu('数据导入');
    await page
      .locator('.ant-upload input[type=file]')
      .setInputFiles([...DATA.filter((f) => f !== SURVEY), wrong]);
    await page.getByText('检查结果：12 个文件可导入，1 个文件有问题').waitFor();
    await page.getByText('满意度测评!A5').waitFor();
    await page.getByRole('button', { name: '确认为东湖区' }).waitFor();
    await shot('4-import-preview');
    await page.getByRole('button', { name: '导入 12 个无问题的文件' }).click();
    await page.getByText('已导入 12 个文件').waitFor();
    await page.getByText('检查结果：0 个文件可导入，1 个文件有问题').waitFor();
    await page.locator('.ant-upload input[type=file]').setInputFiles([SURVEY]);
    await page.getByText('检查结果：1 个文件可导入').waitFor();
    await page.getByRole('button', { name: '导入 1 个文件' }).click();
    await page.getByText('已导入 1 个文件').waitFor();
    await page.getByRole('cell', { name: '满意度测评.xlsx（满意度测评）' }).waitFor();
    await shot('5-import-batches');
  });

  it('computes, flags the bottom three and explains one of them', async () => {
    await menu('考核结果');
    await page.getByRole('button', { name: /计\s?算$/ }).click();
    await page.getByRole('tab', { name: '区市（10）' }).waitFor();
    const flagged = page.locator('tr.row-bottom:visible');
    await flagged.nth(2).waitFor();
    expect(await flagged.count()).toBe(3);
    expect(await flagged.allTextContents()).toEqual([
      expect.stringContaining('澜江区'),
      expect.stringContaining('凤栖县'),
      expect.stringContaining('青石县'),
    ]);
    await shot('6-results');
    await page.locator('tr.row-bottom:visible').filter({ hasText: '凤栖县' }).click();
    await page.getByText('得分说明：凤栖县（区市）').waitFor();
    await page
      .getByText(/比末位之外的最后一名少 [\d.]+ 分/)
      .first()
      .waitFor();
    await page.waitForTimeout(300); // the drawer's slide-in
    await shot('7-why');
    await page.keyboard.press('Escape');
    await page.locator('.ant-drawer-open').waitFor({ state: 'detached' });
  });

  it('publishes the cycle, and the audit log says so', async () => {
    await menu('发布');
    await page.getByRole('button', { name: /发\s?布$/ }).click();
    await page
      .locator('.ant-modal-confirm')
      .getByRole('button', { name: /^发\s?布$/ })
      .click();
    await page.getByText('本周期已发布，结果已封存').waitFor();
    await page.getByRole('cell', { name: '发布', exact: true }).waitFor();
    await shot('8-publish');
  });

  it('ran without a console error, a React or Ant Design warning, or a server exception', () => {
    expect(problems.map((p) => p.slice(0, 300))).toEqual([]);
    expect(app.errors).toEqual([]);
  });
});

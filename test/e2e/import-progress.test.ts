/**
 * Long work in a real browser, run in the workspace's background thread: a 1,000,000-row rating
 * file dropped on 数据导入 is checked, then imported, each with a progress bar and 取消, and
 * cancelling either leaves nothing written; 稳健性分析 and 打印报告 show their progress and stop
 * on 取消. The import under way is saved for the documentation (docs/app-import-progress.png,
 * 1366×768); the others go to .tmp/screens.
 */
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { writeBigRatingsFast } from '../../bench/big-import';
import { CITY_SCHEME, cityComputed } from '../helpers/workspace';
import { ROOT, SCREENS, launch, startApp, watchConsole } from './harness';

let app: Awaited<ReturnType<typeof startApp>>;
let browser: Browser;
let page: Page;
let problems: string[];
let big: string;
let cycleId: number;
beforeAll(async () => {
  app = await startApp();
  big = join(app.dir, '评议-全市汇总.xlsx');
  // a million rows: long enough to be cancelled by hand (a click) on a fast machine
  await writeBigRatingsFast(big, 1_000_000);
  const created = await app.host.services()!.cycles.importScheme(CITY_SCHEME, { name: '2024年度' });
  if (!created.ok) throw new Error(created.error.message);
  cycleId = created.value.cycle.id;
  browser = await launch();
  page = await browser.newPage({ viewport: { width: 1366, height: 768 }, reducedMotion: 'reduce' });
  page.setDefaultTimeout(30_000);
  problems = watchConsole(page);
  await page.goto(app.url);
}, 120_000);
afterEach(async (ctx) => {
  if (ctx.task.result?.state === 'fail')
    await page.screenshot({ path: join(SCREENS, `failed-import-${ctx.task.name.slice(0, 20)}.png`) });
});
afterAll(async () => {
  await browser?.close();
  await app?.close();
});

const menu = (name: string) => page.getByRole('menuitem', { name }).click();
const bar = () => page.getByRole('status', { name: '导入进度' });
/** The progress bar's percentage, once it shows the file being read. */
const percent = async () => Number(/（(\d+)%）/.exec((await bar().textContent()) ?? '')?.[1] ?? Number.NaN);
/** Nothing of the big file is in the workspace: no batch, no audit entry. */
const nothingWritten = () => {
  const s = app.host.services()!;
  expect(s.imports.batches(cycleId)).toEqual([]);
  expect(s.audit.entries(cycleId).map((e) => e.action)).not.toContain('import');
};

describe('a 1,000,000-row file on 数据导入', () => {
  it('is checked with a progress bar and 取消; cancelling the check writes nothing', async () => {
    await menu('数据导入');
    await page.locator('.ant-upload input[type=file]').setInputFiles([big]);
    await bar()
      .getByText(/^读取 评议-全市汇总\.xlsx（\d+%）$/)
      .waitFor();
    await bar()
      .getByRole('button', { name: /取\s?消/ })
      .click();
    await page.getByText('已取消检查，没有写入任何数据。可重新拖入文件。').waitFor();
    await bar().waitFor({ state: 'detached' });
    await page.getByRole('tab', { name: '导入批次（0）' }).waitFor();
    nothingWritten();
  });

  it('is imported with a progress bar and 取消; cancelling the import writes nothing', async () => {
    await page.locator('.ant-upload input[type=file]').setInputFiles([big]);
    await page.getByText('检查结果：1 个文件可导入').waitFor({ timeout: 120_000 });
    expect(await page.getByText('已取消检查').count()).toBe(0);
    await page.getByRole('button', { name: '导入 1 个文件' }).click();
    await bar()
      .getByText(/^读取 评议-全市汇总\.xlsx（\d+%）$/)
      .waitFor();
    await expect.poll(percent, { interval: 50 }).toBeGreaterThanOrEqual(5);
    // keyboard: 取消 is reached and pressed like any button
    const cancel = bar().getByRole('button', { name: /取\s?消/ });
    await cancel.focus();
    await page.screenshot({
      path: join(ROOT, 'docs', 'app-import-progress.png'),
      animations: 'disabled',
      style: '.ant-message { display: none !important; }',
    });
    await page.keyboard.press('Enter');
    await page.getByText('已取消导入，没有写入任何数据。检查结果仍在，可重新导入。').waitFor();
    await bar().waitFor({ state: 'detached' });
    // the checked file stays, ready to import again
    await page.getByText('检查结果：1 个文件可导入').waitFor();
    await page.getByRole('tab', { name: '导入批次（0）' }).waitFor();
    nothingWritten();
    await page.screenshot({ path: join(SCREENS, 'import-cancelled.png'), animations: 'disabled' });
  });
});

describe('稳健性分析 and 打印报告 of the sample city', () => {
  const drawer = () => page.locator('.ant-drawer-open');
  const shot = (name: string) =>
    page.screenshot({
      path: join(SCREENS, `${name}.png`),
      animations: 'disabled',
      style: '.ant-message { display: none !important; }',
    });

  it('shows the draws’ progress with 取消, and stops the analysis', async () => {
    await cityComputed(app.host.services()!, '2024年度（样例）');
    await page.reload();
    await page.getByRole('combobox', { name: '当前考核周期' }).click();
    await page.locator('.ant-select-dropdown:visible').getByText('2024年度（样例）', { exact: true }).click();
    await menu('考核结果');
    await page.getByRole('button', { name: /稳健性分析/ }).click();
    await page.getByLabel('抽样次数').fill('100000');
    await drawer()
      .getByRole('button', { name: /开始分析/ })
      .click();
    const status = drawer().getByRole('status', { name: '分析进度' });
    await status.getByText('正在抽样计算（共 100,000 次）').waitFor();
    await expect
      .poll(async () => Number(/(\d+)%/.exec((await status.textContent()) ?? '')?.[1] ?? 0))
      .toBeGreaterThan(0);
    await shot('robustness-progress');
    await status.getByRole('button', { name: /取\s?消/ }).click();
    await drawer().getByText('已取消分析').waitFor();
    await status.waitFor({ state: 'detached' });
    // the form is usable again, and a short analysis runs to the end
    await page.getByLabel('抽样次数').fill('1000');
    await drawer()
      .getByRole('button', { name: /开始分析/ })
      .click();
    await drawer().getByText('已抽样 1,000 次，扰动幅度 ±10%').waitFor();
    expect(await drawer().getByText('已取消分析').count()).toBe(0);
    await page.keyboard.press('Escape');
    await drawer().waitFor({ state: 'detached' });
  });

  it('shows a report’s progress with 取消, and stops it', async () => {
    await page.getByRole('button', { name: /打印报告/ }).click();
    const dialog = page.locator('.ant-modal').filter({ hasText: '打印排名报告' });
    const status = dialog.getByRole('status', { name: '生成进度' });
    await status.waitFor();
    await shot('report-progress');
    await status.getByRole('button', { name: /取\s?消/ }).click();
    await dialog.getByText('已取消生成报告；可点“重新生成”').waitFor();
    await status.waitFor({ state: 'detached' });
    await dialog.getByRole('button', { name: /重新生成/ }).click();
    await dialog.locator('.pdf-page[data-page="1"][data-drawn]').waitFor({ timeout: 60_000 });
    expect(await dialog.getByText('已取消生成报告').count()).toBe(0);
    await dialog
      .locator('.ant-modal-footer')
      .getByRole('button', { name: /关\s?闭/ })
      .click();
    await dialog.waitFor({ state: 'detached' });
  });

  it('ran without a console error, a React or Ant Design warning, or a server exception', () => {
    expect(problems.map((p) => p.slice(0, 300))).toEqual([]);
    expect(app.errors).toEqual([]);
  });
});

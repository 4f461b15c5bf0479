/**
 * The yearly flow in a real browser, against the real services: create a cycle from the scheme
 * workbook, check the scheme, import the returned files through the import screen (one with an
 * error, fixed by dropping a corrected file), compute, see the bottom three flagged, open a "why"
 * panel, publish. Screenshots of every screen go to .tmp/screens (1366×768).
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { CITY_SCHEME, FIXTURE_CITY, editXlsx } from '../helpers/workspace';
import { createWorkspaceHost } from '../../electron/main/workspace/host';
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
  // reduced motion turns Ant Design's animations off: no click lands on a modal still zooming in
  page = await browser.newPage({
    viewport: { width: 1366, height: 768 },
    acceptDownloads: true,
    reducedMotion: 'reduce',
  });
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

/** A screenshot as a person would see the screen once it settles: transitions ended, toasts gone. */
const shot = (name: string, opts: { grey?: boolean } = {}) =>
  page.screenshot({
    path: join(SCREENS, `${name}.png`),
    animations: 'disabled',
    style: `.ant-message { display: none !important; }${opts.grey ? ' html { filter: grayscale(1); }' : ''}`,
  });
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
    await cell.fill('１２'); // as typed with a Chinese input method: full-width digits count
    await page.getByLabel('区市 合计').filter({ hasText: '102' }).waitFor();
    await page.getByText('还有 2 处问题，改正后才能保存').waitFor();
    expect(await page.getByRole('button', { name: /保\s?存$/ }).isDisabled()).toBe(true);
    // leaving with the edit unsaved asks first; staying keeps it
    await menu('数据导入');
    await page.locator('.ant-modal-confirm-title').getByText('有未保存的修改').waitFor();
    await page.getByRole('button', { name: '留在本页' }).click();
    await page.getByLabel('区市 合计').filter({ hasText: '102' }).waitFor();
    await page.getByRole('button', { name: '放弃修改' }).click();
    await page.locator('.ant-popconfirm').getByRole('button', { name: '放弃修改' }).click();
    await page.getByLabel('区市 合计').filter({ hasText: '100' }).waitFor();
    await page.getByRole('tab', { name: '指标体系' }).click();
    await page.getByText('A01 地区生产总值').first().click();
    await page.getByLabel('水平权重').waitFor();
    await shot('3-scheme-tree');
    await page.getByRole('tab', { name: '类别与对象' }).click();
    expect(await page.getByLabel('对象名称').first().inputValue()).toBe('东湖区');
    await shot('3-scheme-targets');
    await page.getByRole('tab', { name: '评价主体' }).click();
    expect(await page.getByLabel('主体名称').first().inputValue()).toBe('市级领导');
    await shot('3-scheme-groups');
    await page.getByRole('tab', { name: '规则' }).click();
    expect(await page.getByLabel('末位个数').inputValue()).toBe('3');
    await shot('3-scheme-rules');
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
    // each re-check staged the files anew; nothing staged outlives its preview
    expect(readdirSync(join(app.dir, 'staging'))).toEqual([]);
    await shot('5-import-batches');
    await page.getByRole('tab', { name: /^填报模板/ }).click();
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: '下载 2024年度-满意度测评.xlsx' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe('2024年度-满意度测评.xlsx');
    const bytes = readFileSync(await download.path());
    expect(bytes.subarray(0, 2).toString()).toBe('PK');
    await page.getByRole('tab', { name: /^填报模板/ }).scrollIntoViewIfNeeded();
    await shot('5-import-templates');
    await page.getByRole('tab', { name: /^导入批次/ }).click();
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
    await shot('6-results-grey', { grey: true }); // the bottom three must still stand out without colour
    await page.locator('.ant-layout-content').evaluate((e) => e.scrollTo(0, e.scrollHeight));
    await shot('6-results-chart');
    await page.locator('.ant-layout-content').evaluate((e) => e.scrollTo(0, 0));
    // by keyboard: the row takes the focus and Enter opens its panel
    await page.locator('tr.row-bottom:visible').filter({ hasText: '凤栖县' }).focus();
    await page.keyboard.press('Enter');
    await page.getByText('得分说明：凤栖县（区市）').waitFor();
    await page
      .getByText(/比末位之外的最后一名少 [\d.]+ 分/)
      .first()
      .waitFor();
    await shot('6-why');
    await page.locator('.ant-drawer-body').evaluate((e) => e.scrollTo(0, 560));
    await shot('6-why-detail');
    await page.keyboard.press('Escape');
    await page.locator('.ant-drawer-open').waitFor({ state: 'detached' });
    // the focus is back on the row it was opened from
    await page.waitForFunction("document.activeElement?.getAttribute('aria-label') === '凤栖县 得分说明'");
  });

  it('says the result is stale when a batch is withdrawn, recomputes, and is fresh again after restore', async () => {
    const itemsRow = () => page.getByRole('row').filter({ hasText: '加扣分及否决事项.xlsx（' });
    const batchAction = async (button: '撤回' | '恢复', reason: string) => {
      await menu('数据导入');
      const name = new RegExp(`^${button[0]}\\s?${button[1]}$`);
      await itemsRow().getByRole('button', { name }).click();
      await page.getByLabel('原因').fill(reason);
      await page.locator('.ant-modal-footer').getByRole('button', { name }).click();
      await page
        .locator('.ant-message')
        .getByText(button === '撤回' ? '已撤回' : '已恢复')
        .waitFor();
      await menu('考核结果');
    };
    const qingshi = () => page.locator('tr:visible').filter({ hasText: '青石县' });
    const stale = page.getByText('结果已过期：计算之后数据或方案有改动，下表不是最新结果');

    await batchAction('撤回', '事项清单待核');
    await stale.waitFor();
    expect(await page.getByRole('button', { name: /导出 Excel/ }).isDisabled()).toBe(true);
    await shot('7-results-stale');
    await page.locator('.ant-alert').getByRole('button', { name: '重新计算' }).click();
    await stale.waitFor({ state: 'detached' });
    expect(await qingshi().textContent()).not.toContain('一票否决');

    await batchAction('恢复', '核对无误');
    await stale.waitFor();
    await page
      .getByRole('button', { name: /重新计算/ })
      .first()
      .click();
    await stale.waitFor({ state: 'detached' });
    await qingshi().getByText('一票否决').waitFor();
  });

  it('previews the ranking report as a PDF, exports it and prints it; and one unit’s score card', async () => {
    await page.getByRole('button', { name: /打印报告/ }).click();
    const dialog = page.locator('.ant-modal').filter({ hasText: '打印排名报告' });
    // the preview comes at once, with the options last used; another office makes it again
    await dialog.locator('.pdf-page[data-page="1"][data-drawn]').waitFor({ timeout: 60_000 });
    await dialog.getByLabel('制表单位').fill('中共临澜市委综合考核办公室');
    await dialog.getByRole('button', { name: /重新生成/ }).click();
    await dialog
      .locator('iframe.report-print-frame[srcdoc*="中共临澜市委综合考核办公室"]')
      .waitFor({ state: 'attached', timeout: 60_000 });
    await dialog.locator('.pdf-page[data-page="2"][data-drawn]').waitFor({ timeout: 60_000 });
    const pages = Number(
      /共 (\d+) 页/.exec((await dialog.getByText(/A4，共 \d+ 页/).textContent()) ?? '')?.[1],
    );
    expect(pages).toBeGreaterThan(40); // cover, six tables, six charts, 41 score cards, the appendix
    expect(await dialog.locator('.pdf-page').count()).toBe(pages);
    await dialog.locator('.report-preview').evaluate((e) => e.scrollTo(0, 1000));
    await shot('9-report-preview');

    const download = page.waitForEvent('download');
    await dialog.getByRole('button', { name: /导出PDF/ }).click();
    const file = await (await download).path();
    expect(readFileSync(file).subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(execFileSync('pdftotext', ['-l', '1', file, '-'], { encoding: 'utf8' })).toContain(
      '2024年度综合考核结果',
    );

    // 打印 prints the same pages from a frame holding them (the system's print dialog is stubbed)
    await page.evaluate(`(() => {
      const w = document.querySelector('iframe.report-print-frame').contentWindow;
      w.print = () => { window.__printed = w.document.title + '|' + w.document.body.innerText.slice(0, 400); };
    })()`);
    await dialog.getByRole('button', { name: /打\s?印$/ }).click();
    await expect.poll(() => page.evaluate('typeof window.__printed')).toBe('string');
    const printed = (await page.evaluate('window.__printed')) as string;
    expect(printed).toContain('2024年度综合考核结果');
    expect(printed).toContain('中共临澜市委综合考核办公室');
    await dialog
      .locator('.ant-modal-footer')
      .getByRole('button', { name: /关\s?闭/ })
      .click();
    await dialog.waitFor({ state: 'detached' });

    // one unit's score card, from its 得分说明
    await page.locator('tr.row-bottom:visible').filter({ hasText: '凤栖县' }).click();
    await page.getByRole('button', { name: /打印明细/ }).click();
    const one = page.locator('.ant-modal').filter({ hasText: '打印得分明细：凤栖县' });
    await one.locator('.pdf-page[data-page="1"][data-drawn]').waitFor({ timeout: 60_000 });
    expect(await one.locator('.pdf-page').count()).toBeLessThanOrEqual(2);
    await shot('9-score-card-preview');
    await one
      .locator('.ant-modal-footer')
      .getByRole('button', { name: /关\s?闭/ })
      .click();
    await one.waitFor({ state: 'detached' });
    await page.keyboard.press('Escape');
    await page.locator('.ant-drawer-open').waitFor({ state: 'detached' });

    // both left the program, and the audit log says what
    const audit = app.host
      .services()!
      .audit.entries()
      .filter((e) => e.action === 'export');
    expect(audit.map((e) => (e.detail as { format: string }).format)).toEqual(['pdf', 'print']);
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

  it('shows another workspace afresh when one is opened from the File menu', async () => {
    // another workspace whose cycle 1 is another year, never computed
    const other = join(app.dir, '别处', '另一个工作区.db');
    const maker = createWorkspaceHost({ userData: join(app.dir, '别处'), operator: '测试员' });
    await maker.create(other);
    await maker.services()!.cycles.importScheme(CITY_SCHEME, { name: '2025年度' });
    maker.close();

    await menu('考核结果');
    await page.getByRole('tab', { name: '区市（10）' }).waitFor();
    await app.host.open(other); // what 文件 → 打开工作区 does in the desktop app
    await page.getByText(`工作区：${other}`).waitFor();
    await page.getByRole('cell', { name: '2025年度', exact: true }).waitFor();
    expect(await page.getByRole('tab', { name: '区市（10）' }).count()).toBe(0);
  });

  it('ran without a console error, a React or Ant Design warning, or a server exception', () => {
    expect(problems.map((p) => p.slice(0, 300))).toEqual([]);
    expect(app.errors).toEqual([]);
  });
});

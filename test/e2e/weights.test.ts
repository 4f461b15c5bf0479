/**
 * The weighting tools and the robustness view in a real browser, on the sample city computed
 * against last year's ranks: how robust the bottom three of 区市 are; an AHP matrix refused for
 * its inconsistency, a consistent one applied with a note (the scheme and the audit log change);
 * entropy and CRITIC weights from the city's data. Screenshots (1366×768) go to docs/.
 */
import { join } from 'node:path';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { defaultRules } from '../../shared/domain/rules';
import { cityComputed, writeXlsx } from '../helpers/workspace';
import { ROOT, SCREENS, launch, startApp, watchConsole } from './harness';

let app: Awaited<ReturnType<typeof startApp>>;
let browser: Browser;
let page: Page;
let problems: string[];
beforeAll(async () => {
  app = await startApp();
  await cityComputed(app.host.services()!);
  browser = await launch();
  page = await browser.newPage({ viewport: { width: 1366, height: 768 }, reducedMotion: 'reduce' });
  page.setDefaultTimeout(15_000);
  problems = watchConsole(page);
  await page.goto(app.url);
});
afterEach(async (ctx) => {
  if (ctx.task.result?.state === 'fail')
    await page.screenshot({ path: join(SCREENS, `failed-weights-${ctx.task.name.slice(0, 20)}.png`) });
});
afterAll(async () => {
  await browser?.close();
  await app?.close();
});

/** A screenshot for the documentation, as the screen settles: no animation, no toast. */
const shot = (name: string) =>
  page.screenshot({
    path: join(ROOT, 'docs', `${name}.png`),
    animations: 'disabled',
    style: '.ant-message { display: none !important; }',
  });
const menu = (name: string) => page.getByRole('menuitem', { name }).click();
const tool = () => page.locator('.ant-modal').filter({ hasText: '权重工具' });
const drawer = () => page.locator('.ant-drawer-open');

/** Sets the judgement of row vs column in the AHP matrix to a value on Saaty's scale ("3", "1/5"). */
async function judge(row: string, col: string, value: string): Promise<void> {
  await tool()
    .getByRole('combobox', { name: `${row} 与 ${col} 相比` })
    .click();
  const exact = new RegExp(`^${value.replace('/', '\\/')}(?![\\d/])`);
  await page
    .locator('.ant-select-dropdown:visible .ant-select-item-option')
    .filter({ hasText: exact })
    .click();
  await page.locator('.ant-select-dropdown:visible').waitFor({ state: 'hidden' });
}

/** The new points in the weighting tool's preview, top to bottom. */
const newPoints = () =>
  tool().getByLabel('新旧分值对比').locator('tbody tr.ant-table-row td:nth-child(3)').allTextContents();

/** The robustness table's row of a unit, in the group shown. */
const robustRow = (name: string): Locator =>
  drawer().getByRole('tabpanel').locator('tr.ant-table-row').filter({ hasText: name });

describe('weighting tools and robustness', () => {
  it('shows how robust the bottom three of 区市 are, at ±10% and at ±30%', async () => {
    await menu('考核结果');
    await page.getByRole('tab', { name: '区市（10）' }).waitFor();
    await page.getByRole('button', { name: /稳健性分析/ }).click();
    await drawer().getByText('U(0.9, 1.1)').waitFor();
    expect(await page.getByLabel('抽样次数').inputValue()).toBe('10000');
    expect(await page.getByLabel('扰动幅度 ±δ').inputValue()).toBe('10.0');
    await drawer()
      .getByRole('button', { name: /开始分析/ })
      .click();
    await drawer().getByText('已抽样 10,000 次，扰动幅度 ±10%').waitFor();
    await drawer()
      .getByRole('tab', { name: /^区市（10）/ })
      .click();

    // the flagged three are bold (row-bottom), marked ▲, and in the bottom three in every draw
    const flagged = drawer().getByRole('tabpanel').locator('tr.row-bottom');
    await flagged.nth(2).waitFor();
    expect(await flagged.count()).toBe(3);
    for (const name of ['澜江区', '凤栖县', '青石县']) {
      const row = robustRow(name);
      expect(await row.getAttribute('class')).toContain('row-bottom');
      expect(await row.getByLabel('末三位').count()).toBe(1);
      expect((await row.locator('td').nth(3).textContent())?.trim()).toBe('100%');
    }
    await drawer()
      .getByText(/末三位结论稳健/)
      .waitFor();
    // an unflagged unit is never in the bottom three at ±10%
    expect((await robustRow('东湖区').locator('td').nth(3).textContent())?.trim()).toBe('0%');

    // a wider band: the explanation follows, and the verdicts are recomputed
    await page.getByLabel('扰动幅度 ±δ').fill('30');
    await drawer()
      .getByRole('button', { name: /开始分析/ })
      .click();
    await drawer().getByText('已抽样 10,000 次，扰动幅度 ±30%').waitFor();
    await drawer().getByText('U(0.7, 1.3)').waitFor();
    const p = async (name: string) =>
      Number((await robustRow(name).locator('td').nth(3).textContent())?.replace('%', ''));
    for (const name of ['澜江区', '凤栖县', '青石县']) expect(await p(name)).toBeGreaterThan(50);
    await shot('app-robustness');
    await page.keyboard.press('Escape');
    await drawer().waitFor({ state: 'detached' });
  });

  it('computes CR live, highlights the most inconsistent pair and refuses to apply it', async () => {
    await menu('考核方案');
    await page.getByRole('button', { name: /权重工具/ }).click();
    await tool().getByText('区市的一级指标：4 个，其下计分指标 14 个，合计 100 分').waitFor();
    // all 1 to start with: consistent, every child 25%
    await tool().getByText('CR = 0.0000').waitFor();
    // 经济发展 well above the rest, 党的建设 below 重点任务 — yet 党的建设 ≫ 评议评价, which the
    // others put level with 重点任务: that one judgement breaks the matrix (CR = 0.2478)
    await judge('经济发展', '重点任务', '3');
    await judge('经济发展', '党的建设', '5');
    await judge('经济发展', '评议评价', '3');
    await judge('重点任务', '党的建设', '2');
    await judge('党的建设', '评议评价', '5');
    await tool().getByText('未通过一致性检验', { exact: true }).waitFor();
    expect(await tool().getByLabel('一致性检验').textContent()).toContain('CR = 0.2478');
    // the pair furthest from what the other judgements imply is marked in both halves of the matrix
    const worst = tool().locator('td.ahp-worst');
    expect(await worst.count()).toBe(2);
    expect(await worst.nth(0).getByRole('combobox', { name: '党的建设 与 评议评价 相比' }).count()).toBe(1);
    expect(await worst.nth(1).textContent()).toBe('1/5');
    await tool()
      .getByText('最不一致的是“党的建设”与“评议评价”（第 3 行第 4 列）：填的是 5，按全部判断推算约为 1.9')
      .waitFor();
    expect(
      await tool()
        .getByRole('button', { name: /应用新权重/ })
        .isDisabled(),
    ).toBe(true);
    await tool().getByText('判断矩阵未通过一致性检验（CR ≥ 0.1），不能应用').first().waitFor();
    await shot('app-weights-ahp');
  });

  it('applies a consistent matrix with a note: the weights change and the audit log says 调整权重', async () => {
    // weights 4 : 2 : 1 : 2 exactly (a_ij = w_i / w_j), so CR = 0
    await judge('经济发展', '重点任务', '2');
    await judge('经济发展', '党的建设', '4');
    await judge('经济发展', '评议评价', '2');
    await judge('重点任务', '党的建设', '2');
    await judge('重点任务', '评议评价', '1');
    await judge('党的建设', '评议评价', '1/2');
    await tool().getByText('通过一致性检验（CR < 0.1）').waitFor();
    expect(await tool().locator('td.ahp-worst').count()).toBe(0);
    // 经济发展 gets 4/9 of 100 points, spread over its leaves by their points: 地区生产总值 had 10 of 40
    const preview = tool().getByLabel('新旧分值对比');
    const a01 = preview.locator('tr').filter({ hasText: '地区生产总值' });
    await a01.getByText('11.11', { exact: true }).waitFor();
    expect(await a01.getByText('+1.11', { exact: true }).count()).toBe(1);
    expect(await tool().getByLabel('新分值合计').textContent()).toBe('100');

    // the note must say more than the method: where the judgements came from
    const note = tool().getByLabel('说明');
    expect(await note.inputValue()).toMatch(/^层次分析法（CR = 0\.000，λmax = 4\.000）/);
    const apply = tool().getByRole('button', { name: /应用新权重/ });
    expect(await apply.isDisabled()).toBe(true);
    await note.press('End');
    await note.pressSequentially('；2025年3月考核委员会专家会议');
    await apply.click();
    await page.getByText('权重已更新，原计算结果已过期，请重新计算').waitFor();
    await tool().waitFor({ state: 'detached' });

    await page.getByRole('tab', { name: '权重矩阵' }).click();
    expect(await page.getByLabel('地区生产总值 区市', { exact: true }).inputValue()).toBe('11.11');
    expect(await page.getByLabel('区市 合计').textContent()).toBe('100');
    // other categories are untouched
    expect(await page.getByLabel('地区生产总值 功能区', { exact: true }).inputValue()).toBe('8');

    const entries = app.host
      .services()!
      .audit.entries()
      .filter((e) => e.action === 'scheme.weights');
    expect(entries).toHaveLength(1);
    const detail = entries[0]?.detail as {
      method: string;
      note: string;
      parameters: Record<string, unknown>;
    };
    expect(detail.method).toBe('ahp');
    expect(detail.note).toContain('2025年3月考核委员会专家会议');
    expect(detail.parameters.CR).toBe(0);
    await menu('发布');
    await page.getByRole('cell', { name: '调整权重', exact: true }).waitFor();
    await page.getByText(/区市：按层次分析法重定 14 个指标的分值/).waitFor();
  });

  it('says in the robustness view that a stale result must be recomputed first', async () => {
    await menu('考核结果');
    await page.getByText('结果已过期：计算之后数据或方案有改动').waitFor();
    await page.getByRole('button', { name: /稳健性分析/ }).click();
    await drawer()
      .getByRole('button', { name: /开始分析/ })
      .click();
    await drawer()
      .getByText(/计算结果已过期：计算之后数据或方案有改动，请重新计算后再做稳健性分析/)
      .waitFor();
    expect(await drawer().locator('.ant-table').count()).toBe(0);
    await page.keyboard.press('Escape');
    await drawer().waitFor({ state: 'detached' });
  });

  it('derives entropy and CRITIC weights from the city’s data', async () => {
    await menu('考核方案');
    // the tool saves the scheme itself: not over a draft with unsaved edits
    await page.getByRole('tab', { name: '权重矩阵' }).click();
    await page.getByLabel('地区生产总值 区市', { exact: true }).fill('12');
    await page.getByRole('button', { name: /权重工具/ }).click();
    await page.getByText('请先保存或放弃未保存的修改').waitFor();
    expect(await tool().count()).toBe(0);
    await page.getByRole('button', { name: '放弃修改' }).click();
    await page.locator('.ant-popconfirm').getByRole('button', { name: '放弃修改' }).click();
    await page.getByLabel('区市 合计').filter({ hasText: '100' }).waitFor();
    await page.getByRole('button', { name: /权重工具/ }).click();
    await tool().getByRole('tab', { name: '熵权法 / CRITIC' }).click();
    expect(
      await tool()
        .getByLabel('数据来源')
        .locator('xpath=ancestor::div[contains(@class,"ant-select")][1]')
        .textContent(),
    ).toContain('2024年度（本周期）');
    await tool()
      .getByRole('button', { name: /读取数据/ })
      .click();
    await tool().getByText('数据来自“2024年度”：使用 10 个单位。').waitFor();
    const weights = tool().getByRole('tabpanel').locator('.ant-table-tbody tr.ant-table-row');
    expect(await weights.count()).toBe(14);
    const shares = (await weights.locator('td:last-child').allTextContents()).map((t) =>
      Number(t.replace('%', '')),
    );
    expect(shares.every((s) => s >= 0)).toBe(true);
    expect(shares.reduce((a, b) => a + b, 0)).toBeCloseTo(100, 1);
    await tool().getByText('预览：熵权法').waitFor();
    expect(await tool().getByLabel('新分值合计').textContent()).toBe('100');
    expect(await tool().getByLabel('说明').inputValue()).toMatch(
      /^熵权法（极差标准化，2024年度数据，10 个单位）/,
    );
    // one decimal: still adds up to the scope's total
    await tool().getByText('1 位', { exact: true }).click();
    expect(await tool().getByLabel('新分值合计').textContent()).toBe('100');
    await shot('app-weights-entropy');

    await tool().getByText('CRITIC 法', { exact: true }).click();
    await tool().getByText('信息量 C').waitFor();
    await tool().getByText('预览：CRITIC 法').waitFor();
    expect(await tool().getByLabel('说明').inputValue()).toMatch(
      /^CRITIC 法（按方向标准化，2024年度数据，10 个单位）/,
    );
    const critic = await newPoints();

    // combined with AHP (all judgements 1: the children share alike): α = 0 is CRITIC, α = 1 is AHP
    await tool().getByRole('tab', { name: '层次分析法' }).click();
    await tool().getByText('通过一致性检验（CR < 0.1）').waitFor();
    const subjective = await newPoints();
    expect(subjective).not.toEqual(critic);
    await tool().getByRole('tab', { name: '组合赋权' }).click();
    await tool().getByText('预览：主客观组合赋权').waitFor();
    expect(await tool().getByLabel('说明').inputValue()).toMatch(
      /^主客观组合赋权：0\.5 × 层次分析法（CR = 0\.000，λmax = 4\.000）\+ 0\.5 × CRITIC 法/,
    );
    const half = await newPoints();
    const alpha = tool().getByLabel('α（主观权重占比）');
    await alpha.fill('0');
    await alpha.press('Tab');
    await expect.poll(newPoints).toEqual(critic);
    await alpha.fill('1');
    await alpha.press('Tab');
    await expect.poll(newPoints).toEqual(subjective);
    await page.screenshot({ path: join(SCREENS, 'weights-combined.png'), animations: 'disabled' });
    expect(half).not.toEqual(critic);
    expect(half).not.toEqual(subjective);
    await tool()
      .locator('.ant-modal-footer')
      .getByRole('button', { name: /关\s*闭/ })
      .click();
    await tool().waitFor({ state: 'detached' });
  });

  it('warns of a fragile verdict and of an unflagged unit at risk', async () => {
    // Seven units on four leaves of 25 points (completion rate against 100). 单位T4–T6 stand within
    // 0.03 of each other just above 70 and below 80, each strong on another leaf: which of them is
    // in the bottom three hangs on the weights. T5 and T6 are flagged yet spared in about half the
    // draws (fragile); T4 is not flagged yet falls in about half of them (at risk, > 50 %).
    const services = app.host.services()!;
    const leaves = ['A', 'B', 'C', 'D'];
    const values: Record<string, number[]> = {
      T1: [95, 95, 95, 95],
      T2: [90, 90, 90, 90],
      T3: [80, 80, 80, 80],
      T4: [100, 40, 90, 89.84],
      T5: [40, 100, 89.8, 90],
      T6: [90, 89.72, 100, 40],
      T7: [70, 70, 70, 70],
    };
    const created = services.cycles.createFromScheme(
      {
        name: '稳健性演示',
        rules: { ...defaultRules() },
        categories: [{ code: 'C', name: '演示类别' }],
        targets: Object.keys(values).map((code) => ({
          code,
          name: `单位${code}`,
          aliases: [],
          category: 'C',
          exemptReason: null,
          parent: null,
        })),
        indicators: leaves.map((code) => ({
          code,
          name: `指标${code}`,
          parent: null,
          method: 'targetRatio' as const,
          direction: '+' as const,
          params: { target: '100' },
          provider: null,
          weights: { C: 25 },
        })),
        groups: [],
      },
      { name: '稳健性演示' },
    );
    if (!created.ok) throw new Error(created.error.message);
    const tmp = mkdtempSync(join(tmpdir(), 'appraisal-risk-'));
    const file = await writeXlsx(join(tmp, '演示数据.xlsx'), [
      {
        name: '数据',
        rows: [
          ['对象编码', '对象名称', ...leaves],
          ...Object.entries(values).map(([c, xs]) => [c, `单位${c}`, ...xs]),
        ],
      },
    ]);
    const imported = await services.imports.importFiles(created.value, [file]);
    rmSync(tmp, { recursive: true, force: true });
    if (!imported.ok || !imported.value.written) throw new Error('import');
    const computed = services.compute.run(created.value.id);
    if (!computed.ok || computed.value.resultId === null) throw new Error('compute');

    await page.reload();
    await page.getByRole('combobox', { name: '当前考核周期' }).click();
    await page.locator('.ant-select-dropdown:visible').getByText('稳健性演示', { exact: true }).click();
    await menu('考核结果');
    await page.getByRole('button', { name: /稳健性分析/ }).click();
    await drawer()
      .getByRole('button', { name: /开始分析/ })
      .click();
    await drawer().getByText('已抽样 10,000 次，扰动幅度 ±10%').waitFor();
    const panel = drawer().getByRole('tabpanel');
    for (const name of ['单位T5', '单位T6']) {
      const row = robustRow(name);
      expect(await row.getByLabel('末三位').count()).toBe(1);
      expect(await row.getByText('稳健性不足').count()).toBe(1);
    }
    expect(await robustRow('单位T4').getByText('有进入末位风险').count()).toBe(1);
    expect(
      await robustRow('单位T7')
        .getByText(/稳健性不足|有进入末位风险/)
        .count(),
    ).toBe(0);
    expect(await panel.locator('.ant-alert-warning').count()).toBe(1);
    await shot('app-robustness-warning');
    await page.keyboard.press('Escape');
    await drawer().waitFor({ state: 'detached' });
  });

  it('ran without a console error, a React or Ant Design warning, or a server exception', () => {
    expect(problems.map((p) => p.slice(0, 300))).toEqual([]);
    expect(app.errors).toEqual([]);
  });
});

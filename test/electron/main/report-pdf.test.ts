/**
 * The ranking report as it comes out of Chromium's print engine (the one the desktop app prints
 * with), read back with poppler: `pdftotext` finds the title, every unit, the bottom-N marks on
 * exactly the flagged units, and 第 X 页 共 Y 页 on every page; the pages are rendered in grey with
 * `pdftoppm` into .tmp/report-pages for a person to look at. The HTML file is the same pages.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compute } from '../../../shared/engine/compute';
import type { ComputeResult } from '../../../shared/domain/result';
import type { ReportDocument } from '../../../shared/report/document';
import { reportDocument } from '../../../shared/report/document';
import { sensitivity } from '../../../shared/engine/sensitivity';
import { createChromiumPrinter } from '../../../electron/main/report/chromium';
import type { PrintedReport } from '../../../electron/main/report/printer';
import { column, data, leaf, node, scheme, targets } from '../../helpers/scheme';
import { cityComputed, memoryWorkspace, tempDir } from '../../helpers/workspace';

const ROOT = join(import.meta.dirname, '..', '..', '..');
const PAGES = join(ROOT, '.tmp', 'report-pages');
const OPTIONS = { office: '中共临澜市委综合考核办公室', date: new Date(2025, 0, 15), confidential: true };

const printer = createChromiumPrinter();
let tmp: ReturnType<typeof tempDir>;
let result: ComputeResult;
let doc: ReportDocument;
let city: PrintedReport;
let file: string;

const text = (pdf: string, first?: number, last = first): string =>
  execFileSync(
    'pdftotext',
    [...(first ? ['-f', String(first), '-l', String(last)] : []), '-layout', pdf, '-'],
    { encoding: 'utf8' },
  );
const pageCount = (pdf: string): number =>
  Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [pdf], { encoding: 'utf8' }))?.[1]);

beforeAll(async () => {
  tmp = tempDir();
  const ws = memoryWorkspace();
  const c = await cityComputed(ws.services);
  result = c.result;
  const cityScheme = ws.services.cycles.scheme(c.cycle.id);
  doc = reportDocument(result, cityScheme, {
    ...OPTIONS,
    robustness: sensitivity(cityScheme, result, { draws: 2000, delta: 0.1, seed: 1 }),
  });
  ws.db.close();
  city = await printer.print(doc);
  file = join(tmp.dir, 'report.pdf');
  writeFileSync(file, city.pdf);
}, 120_000);
afterAll(async () => {
  await printer.close();
  tmp.cleanup();
});

describe('the sample city’s ranking report as a PDF', () => {
  it('is A4, with as many pages as it says, each numbered 第 X 页 共 Y 页 and marked 内部资料 注意保密', () => {
    const n = pageCount(file);
    expect(n).toBe(city.pages);
    // cover, 6 tables, 6 chart pages, 41 score cards, the appendix (two pages at least)
    expect(n).toBeGreaterThanOrEqual(1 + 6 + 6 + 41 + 2);
    expect(execFileSync('pdfinfo', [file], { encoding: 'utf8' })).toMatch(
      /Page size:\s+59[45](\.\d+)? x 841\.\d+ pts \(A4\)/,
    );
    const pages = text(file).split('\f').slice(0, n);
    expect(pages).toHaveLength(n);
    // (pdftotext may drop the spaces between the words of the margin box)
    pages.forEach((p, k) => {
      expect(p.replace(/\s+/g, '')).toContain(`第${k + 1}页共${n}页`);
      expect(p).toContain('内部资料 注意保密');
    });
  });

  it('has the title, the office and the date on the cover, and every unit’s name', () => {
    const cover = text(file, 1);
    expect(cover).toContain('2024年度综合考核结果');
    expect(cover).toContain('中共临澜市委综合考核办公室');
    expect(cover).toContain('2025年1月15日');
    const all = text(file).replace(/\s+/g, '');
    const missing = result.targets.filter((t) => !all.includes(t.name)).map((t) => t.name);
    expect(missing).toEqual([]);
  });

  it('marks ▲ on exactly the flagged units of every ranking table, group by group', () => {
    // the tables come before the chart pages; a ▲ there is only ever on a flagged row (or the legend)
    const pages = text(file).split('\f');
    const charts = pages.findIndex((p, k) => k > 0 && p.includes('总分排名图'));
    expect(charts).toBeGreaterThan(1);
    const names = [...result.targets.map((t) => t.name)].sort((a, b) => b.length - a.length);
    const marked = pages
      .slice(1, charts)
      .flatMap((p) => p.split('\n'))
      .filter((l) => l.includes('▲') && !l.includes('▲ 及粗体'))
      .map((l) => names.find((name) => l.includes(name)) ?? `(no unit) ${l}`);
    const flagged = result.groups.flatMap((g) =>
      g.entries.filter((e) => e.flags.includes('bottomN')).map((e) => e.name),
    );
    expect(flagged).toContain('青石县');
    expect(marked.sort()).toEqual([...flagged].sort());
    // and the legend says what ▲ means under each table
    expect(
      pages
        .slice(1, charts)
        .join('\n')
        .match(/▲ 及粗体：末三位/g),
    ).toHaveLength(result.groups.length);
  });

  it('embeds every font it uses (Chinese text prints on a computer without them)', () => {
    const fonts = execFileSync('pdffonts', [file], { encoding: 'utf8' }).split('\n').slice(2).filter(Boolean);
    expect(fonts.length).toBeGreaterThan(0);
    for (const f of fonts) expect(f).toMatch(/\byes\b/);
  });

  it('has a score card per unit with its leaves, items and explanation, and the scheme appendix', () => {
    const all = text(file);
    expect(all).toContain('单位考核得分明细');
    expect(all).toContain('较中位数失分');
    expect(all).toMatch(/比末位之外的最后一名少 [\d.]+ 分/);
    expect(all).toContain('一票否决事项');
    expect(all).toContain('附：考核方案');
    expect(all).toContain('计分和排名规则');
  });

  it('ends with how robust each bottom-three verdict is, before the scheme appendix', () => {
    const all = text(file);
    const at = all.lastIndexOf('附：末三位结果稳健性'); // (the first is in the cover's contents)
    expect(at).toBeGreaterThan(all.indexOf('单位考核得分明细'));
    expect(at).toBeLessThan(all.lastIndexOf('附：考核方案'));
    const section = all.slice(at, all.lastIndexOf('附：考核方案'));
    expect(section.replace(/\s+/g, '')).toContain('共抽样2,000次（随机种子1，可重现）');
    // every flagged unit of every group, with ▲, its probability and a verdict
    const lines = section.split('\n').filter((l) => l.includes('▲'));
    const flagged = result.groups.flatMap((g) => g.entries.filter((e) => e.flags.includes('bottomN')));
    expect(lines).toHaveLength(flagged.length);
    expect(lines.find((l) => l.includes('青石县'))).toMatch(/100\.0%.*一票否决，不受权重影响/);
    expect(lines.find((l) => l.includes('凤栖县'))).toMatch(/100\.0%\s+9\s+稳健/);
    // and the cover says so in a sentence
    expect(text(file, 1).replace(/\s+/g, '')).toContain('各指标分值在±10%内随机变动时，末三位结论均保持稳健');
  });

  it('renders in grey with pdftoppm for a person to look at', () => {
    rmSync(PAGES, { recursive: true, force: true });
    mkdirSync(PAGES, { recursive: true });
    writeFileSync(join(PAGES, 'report.pdf'), city.pdf);
    execFileSync('pdftoppm', ['-gray', '-r', '60', '-png', '-f', '1', '-l', '9', file, join(PAGES, 'page')]);
    const last = pageCount(file);
    execFileSync('pdftoppm', [
      '-gray',
      '-r',
      '60',
      '-png',
      '-f',
      String(last),
      '-l',
      String(last),
      file,
      join(PAGES, 'page'),
    ]);
    const listing = execFileSync('ls', [PAGES], { encoding: 'utf8' });
    expect(listing).toMatch(/page-01\.png/);
    expect(listing).toMatch(/page-09\.png/);
  });

  it('is the same pages as the HTML file, which runs no script and fetches nothing', async () => {
    expect(city.html).not.toMatch(/<script/i);
    expect(city.html).not.toMatch(/\b(src|href)=["']?(https?:|\/\/)/i);
    expect(city.html).toContain('2024年度综合考核结果');
    expect(city.html).toMatch(/<svg[^>]*class="recharts-surface"/);
    // printed again from the file alone: the same number of pages
    const html = join(tmp.dir, 'report.html');
    writeFileSync(html, city.html);
    const { chromium } = await import('playwright-core');
    const { HEADLESS_ARGS, findChromium } = await import('../../../electron/main/report/browser');
    const b = await chromium.launch({ executablePath: findChromium() ?? undefined, args: HEADLESS_ARGS });
    try {
      const page = await b.newPage({ javaScriptEnabled: false });
      await page.goto(`file://${html}`);
      const again = join(tmp.dir, 'again.pdf');
      writeFileSync(again, await page.pdf({ preferCSSPageSize: true, printBackground: true }));
      expect(pageCount(again)).toBe(city.pages);
    } finally {
      await b.close();
    }
  }, 60_000);
});

describe('a long table and a tie across the boundary', () => {
  // one category of 70 units, totals 100 − k for k = 0…65 and then four tied at 30: the tie covers
  // positions 67–70 and straddles the last three, so four are flagged (SPEC §4 includeTies)
  const totals = [...Array.from({ length: 66 }, (_, k) => 100 - k), 30, 30, 30, 30];
  const s = scheme({
    indicators: [node('B', '工作实绩'), leaf('B1', 'direct', { C: 100 }, { parent: 'B', name: '重点任务' })],
    targets: targets('C', 70),
    categories: [{ code: 'C', name: '区县' }],
  });
  const r = compute({ scheme: s, data: data({ values: column('B1', totals) }), previous: null });
  let long: string;

  beforeAll(async () => {
    long = join(tmp.dir, 'long.pdf');
    writeFileSync(long, (await printer.print(reportDocument(r, s, { ...OPTIONS, cards: false }))).pdf);
  }, 60_000);

  it('repeats the header row on every page of the table', () => {
    const pages = text(long).split('\f');
    const charts = pages.findIndex((p, k) => k > 0 && p.includes('总分排名图'));
    const table = pages.slice(1, charts);
    expect(table.length).toBeGreaterThanOrEqual(2);
    for (const p of table)
      expect(p).toMatch(/名次\s+单位\s+总分\s+工作实绩\s+加分\s+扣分\s+等次\s+名次变化\s+标记/);
  });

  it('flags all four tied units and says why more than three are flagged', () => {
    const all = text(long);
    const marked = all.split('\n').filter((l) => l.includes('▲') && /单位T\d+/.test(l));
    expect(marked.map((l) => /单位T\d+/.exec(l)?.[0])).toEqual(['单位T67', '单位T68', '单位T69', '单位T70']);
    expect(all.replace(/\s+/g, '')).toContain('注：因名次并列，末三位标记4个，多于3个。');
  });

  it('draws the chart of all 70 on the page of its heading', () => {
    const page = text(long)
      .split('\f')
      .find((p) => p.includes('区县总分排名图'));
    expect(page).toContain('单位T1 ');
    expect(page).toContain('单位T70');
    expect(page).toContain('末三位（4 个单位）');
  });

  it('is not marked confidential when not asked to be', async () => {
    const plain = join(tmp.dir, 'plain.pdf');
    writeFileSync(
      plain,
      (await printer.print(reportDocument(r, s, { ...OPTIONS, confidential: false, cards: false }))).pdf,
    );
    expect(text(plain)).not.toContain('内部资料');
    expect(text(plain).replace(/\s+/g, '')).toMatch(/第1页共\d+页/);
  }, 60_000);
});

/**
 * The Excel export of results (SPEC §7), read back the way Excel and WPS will read it: sheets,
 * header, frozen view, print setup, the bottom-three marks, numbers as numbers, no formulas, and
 * text that looks like a formula stored as plain text.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ComputeResult } from '../../../shared/domain/result';
import { leafResults } from '../../../shared/domain/result';
import type { Scheme } from '../../../shared/domain/scheme';
import { compute } from '../../../shared/engine/compute';
import { createSheetNamer, writeResultsWorkbook } from '../../../electron/main/excel/export-results';
import { createNodeSha256 } from '../../../electron/main/services/node-hasher';
import { column, data, leaf, scheme, targets } from '../../helpers/scheme';
import { CITY_SCHEME, cityComputed as computeCity, memoryWorkspace, tempDir } from '../../helpers/workspace';

let ws: ReturnType<typeof memoryWorkspace>;
let tmp: ReturnType<typeof tempDir>;
beforeEach(() => {
  ws = memoryWorkspace();
  tmp = tempDir();
});
afterEach(() => {
  ws.db.close();
  tmp.cleanup();
});

/** The sample city imported and computed against last year's ranks. */
const cityComputed = () => computeCity(ws.services, null);

async function load(source: string | Buffer): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  if (typeof source === 'string') await wb.xlsx.readFile(source);
  else await wb.xlsx.load(source as unknown as ArrayBuffer);
  return wb;
}

function sheet(wb: ExcelJS.Workbook, name: string): ExcelJS.Worksheet {
  const s = wb.getWorksheet(name);
  if (!s) throw new Error(`no sheet ${name}`);
  return s;
}

/** The cells of a row from column 1 to `cols`, as read back. */
const rowOf = (s: ExcelJS.Worksheet, r: number, cols: number): ExcelJS.CellValue[] =>
  Array.from({ length: cols }, (_, c) => s.getCell(r, c + 1).value);

/** The first row whose column A reads `text`. */
function rowWith(s: ExcelJS.Worksheet, text: string, col = 1): number {
  for (let r = 1; r <= s.rowCount; r++) if (s.getCell(r, col).value === text) return r;
  throw new Error(`no row with ${text} in ${s.name}`);
}

/** Every worksheet part of an .xlsx, raw XML, in sheet order. */
async function sheetXml(buffer: Buffer): Promise<string[]> {
  const { default: JSZip } = await import('jszip');
  const zip = await JSZip.loadAsync(buffer);
  const names = Object.keys(zip.files)
    .filter((n) => /^xl\/worksheets\/sheet\d+\.xml$/.test(n))
    .sort((a, b) => Number(/\d+/.exec(a)?.[0]) - Number(/\d+/.exec(b)?.[0]));
  return Promise.all(names.map((n) => zip.file(n)?.async('string') ?? ''));
}

/** The <c> element of one cell in a sheet's XML. */
function cellXml(xml: string, address: string): string {
  const m = new RegExp(`<c r="${address}"[^>]*?(?:/>|>.*?</c>)`).exec(xml);
  if (!m) throw new Error(`no cell ${address}`);
  return m[0];
}

describe('results workbook of the sample city', () => {
  it('writes one sheet per ranking group, a detail sheet per category and 说明', async () => {
    const { cycle } = await cityComputed();
    const file = join(tmp.dir, '结果.xlsx');
    const r = await ws.services.exports.exportResultsXlsx(cycle.id, file, {
      issuingOffice: '临澜市考核办',
      date: new Date(2025, 0, 15),
    });
    expect(r).toEqual({ ok: true, value: { file } });
    const wb = await load(file);
    expect(wb.worksheets.map((s) => s.name)).toEqual([
      '区市',
      '功能区',
      '市直经济部门',
      '市直社会事业部门',
      '党群部门',
      '市直部门',
      '得分明细-区市',
      '得分明细-功能区',
      '得分明细-市直经济部门',
      '得分明细-市直社会事业部门',
      '得分明细-党群部门',
      '说明',
    ]);

    const qs = sheet(wb, '区市');
    expect(qs.getCell('A1').value).toBe('2024年度综合考核结果 — 区市');
    expect(qs.getCell('A3').value).toBe('临澜市考核办　　2025年1月15日');
    expect(rowOf(qs, 4, 12)).toEqual([
      '名次',
      '单位',
      '总分',
      '经济发展',
      '重点任务',
      '党的建设',
      '评议评价',
      '加分',
      '扣分',
      '等次',
      '名次变化',
      '标记',
    ]);
    expect(rowOf(qs, 5, 12)).toEqual([
      1,
      '新港区',
      96.27,
      38.5,
      23.9,
      13.75,
      18.12,
      2,
      null,
      '优秀',
      '↑9',
      '进步较大',
    ]);
    expect(rowOf(qs, 14, 12)).toEqual([
      10,
      '▲青石县',
      82.1,
      32.16,
      21.37,
      13.44,
      17.13,
      null,
      2,
      '较差',
      '↓6',
      '末三位、一票否决、退步较大',
    ]);
    expect(qs.getCell('C5').numFmt).toBe('0.00');
    // 市直经济部门 has no 经济发展: its columns are the ones its units have
    expect(rowOf(sheet(wb, '市直经济部门'), 4, 4)).toEqual(['名次', '单位', '总分', '重点任务']);
  });

  it('freezes the header, filters on it and sets up A4 landscape printing with page numbers', async () => {
    const { cycle } = await cityComputed();
    const file = join(tmp.dir, '结果.xlsx');
    await ws.services.exports.exportResultsXlsx(cycle.id, file, { date: new Date(2025, 0, 15) });
    const wb = await load(file);
    for (const s of wb.worksheets) {
      expect(s.pageSetup).toMatchObject({
        paperSize: 9,
        orientation: 'landscape',
        fitToPage: true,
        fitToWidth: 1,
        fitToHeight: 0,
        horizontalCentered: true,
      });
      expect(s.headerFooter.oddFooter).toContain('第 &P 页 共 &N 页');
    }
    // no issuing office: the date alone under the title, the header on row 4
    const sz = sheet(wb, '市直部门');
    expect(sz.getCell('A3').value).toBe('2025年1月15日');
    expect(sz.views[0]).toMatchObject({ state: 'frozen', ySplit: 4 });
    expect(sz.pageSetup.printTitlesRow).toBe('4:4');
    // 市直部门 has no 经济发展: 11 columns, A to K; the filter covers the header and the 26 rows
    expect(sz.autoFilter).toBe('A4:K30');
    const detail = sheet(wb, '得分明细-区市');
    expect(detail.views[0]).toMatchObject({ state: 'frozen', xSplit: 2, ySplit: 5 });
    expect(detail.pageSetup.printTitlesRow).toBe('4:5');
  });

  it('marks exactly the bottom-three units with ▲, bold and a rule above the first', async () => {
    const { cycle, result } = await cityComputed();
    const file = join(tmp.dir, '结果.xlsx');
    await ws.services.exports.exportResultsXlsx(cycle.id, file);
    const wb = await load(file);
    for (const g of result.groups) {
      const s = sheet(wb, g.name);
      const h = rowWith(s, '名次');
      const marked: string[] = [];
      const bold: string[] = [];
      g.entries.forEach((e, i) => {
        const cell = s.getCell(h + 1 + i, 2);
        if (String(cell.value).startsWith('▲')) marked.push(e.code);
        if (cell.font?.bold) bold.push(e.code);
        // the rank and total of a row are as bold as its name
        expect(s.getCell(h + 1 + i, 3).font?.bold ?? false).toBe(cell.font?.bold ?? false);
      });
      const flagged = g.entries.filter((e) => e.flags.includes('bottomN')).map((e) => e.code);
      expect(flagged).toHaveLength(3);
      expect(marked).toEqual(flagged);
      expect(bold).toEqual(flagged);
      const first = g.entries.findIndex((e) => e.flags.includes('bottomN'));
      expect(s.getCell(h + 1 + first, 2).border?.top?.style).toBe('medium');
      expect(s.getCell(h + first, 2).border?.top?.style).toBe('thin');
      expect(s.getCell(h + 2 + first, 2).border?.top?.style).toBe('thin');
      const legend = s.getCell(h + g.entries.length + 2, 1).value;
      expect(legend).toBe(
        `▲ 末三位（排名最后 3 位）：单位名称前加 ▲，整行加粗、浅灰底，上方以粗线分隔。优秀名额 ${g.excellentPositions} 个。`,
      );
    }
    // the exempt unit: italic, last, unranked
    const jj = sheet(wb, '市直经济部门');
    const exempt = rowWith(jj, '—');
    expect(rowOf(jj, exempt, 11)).toEqual([
      '—',
      '市数据局',
      84.8,
      33.57,
      17.76,
      32.97,
      0.5,
      null,
      '—',
      '—',
      '免于排名',
    ]);
    expect(jj.getCell(exempt, 2).font?.italic).toBe(true);
  });

  it('writes numbers as numbers and no formula anywhere', async () => {
    const { cycle } = await cityComputed();
    const file = join(tmp.dir, '结果.xlsx');
    await ws.services.exports.exportResultsXlsx(cycle.id, file);
    const wb = await load(file);
    let numbers = 0;
    for (const s of wb.worksheets)
      s.eachRow((row) =>
        row.eachCell((cell) => {
          expect(cell.type).not.toBe(ExcelJS.ValueType.Formula);
          if (typeof cell.value === 'number') numbers++;
        }),
      );
    // 41 units × (rank, total, four subtotals at most) at least, plus the detail sheets
    expect(numbers).toBeGreaterThan(400);
    const sz = sheet(wb, '市直部门');
    for (let r = 5; r <= 29; r++) {
      expect(typeof sz.getCell(r, 1).value).toBe('number');
      for (let c = 3; c <= 6; c++) expect(typeof sz.getCell(r, c).value).toBe('number');
    }
    for (const xml of await sheetXml(readFileSync(file))) expect(xml).not.toContain('<f>');
  });

  it('lists every leaf’s points in the detail sheets, with the category median last', async () => {
    const { cycle, result } = await cityComputed();
    const file = join(tmp.dir, '结果.xlsx');
    await ws.services.exports.exportResultsXlsx(cycle.id, file);
    const s = sheet(await load(file), '得分明细-区市');
    const stats = result.leafStats.filter((l) => l.category === 'QS');
    expect(stats).toHaveLength(14);
    expect(s.getCell(4, 3).value).toBe('经济发展');
    expect(s.getCell(5, 3).value).toBe('A01 地区生产总值\n（10）');
    expect(s.getCell(5, 2 + stats.length + 3).value).toBe('总分');
    const fengqi = result.targets.find((t) => t.name === '凤栖县');
    if (!fengqi) throw new Error('no 凤栖县');
    const r = rowWith(s, '▲凤栖县', 2);
    expect(s.getCell(r, 1).value).toBe(9);
    const points = leafResults(fengqi.leaves);
    stats.forEach((st, i) =>
      expect(s.getCell(r, 3 + i).value).toBe(points.find((p) => p.indicator === st.indicator)?.points),
    );
    expect(s.getCell(r, 2 + stats.length + 3).value).toBe(69.9);
    const m = rowWith(s, '类别中位数', 2);
    expect(m).toBe(16);
    stats.forEach((st, i) => expect(s.getCell(m, 3 + i).value).toBe(st.median));
  });

  it('says in 说明 what the result was computed from, and lists the issues', async () => {
    const { cycle, result } = await cityComputed();
    const file = join(tmp.dir, '结果.xlsx');
    await ws.services.exports.exportResultsXlsx(cycle.id, file);
    const s = sheet(await load(file), '说明');
    const value = (label: string) => s.getCell(rowWith(s, label), 2).value;
    expect(value('考核周期')).toBe('2024年度综合考核');
    expect(value('满分')).toBe(100);
    expect(value('末位个数')).toBe(3);
    expect(value('优秀比例')).toBe('20%（上限）');
    expect(value('合并排名组')).toBe('市直部门（JJ、SH、DQ）');
    expect(value('计算程序版本')).toBe(result.engine);
    expect(value('输入哈希（SHA-256）')).toBe(result.inputHash);
    expect(value('计算时间')).toMatch(/^2025年1月15日 \d\d:\d\d$/);
    // the audit log's head when it was made: an entry of the log, whatever is logged after it
    const head = value('审计日志末条哈希');
    expect(head).toMatch(/^[0-9a-f]{64}$/);
    expect(ws.services.audit.entries().some((e) => e.hash === head)).toBe(true);
    const first = rowWith(s, '级别') + 1;
    expect(rowOf(s, first, 3)).toEqual(['提示', 'DQ06/D01', result.issues[0]?.message]);
    expect(result.issues).toHaveLength(4);
    expect(s.getCell(first + 3, 1).value).toBe('说明');
  });
});

describe('export service', () => {
  it('records the export in the audit log with the file, the result and its input hash', async () => {
    const { cycle, result, resultId } = await cityComputed();
    const file = join(tmp.dir, '2024年度结果.xlsx');
    await ws.services.exports.exportResultsXlsx(cycle.id, file);
    const entry = ws.services.audit.entries(cycle.id).at(-1);
    expect(entry).toMatchObject({
      action: 'export',
      operator: '测试员',
      detail: { format: 'xlsx', file: '2024年度结果.xlsx', result: resultId, inputHash: result.inputHash },
    });
    expect(ws.services.audit.verify().ok).toBe(true);
  });

  it('refuses a cycle with no result yet', async () => {
    const created = await ws.services.cycles.importScheme(CITY_SCHEME);
    if (!created.ok) throw new Error(created.error.message);
    const file = join(tmp.dir, '结果.xlsx');
    const r = await ws.services.exports.exportResultsXlsx(created.value.cycle.id, file);
    expect(r).toEqual({
      ok: false,
      error: { code: 'NOT_FOUND', message: '考核周期“2024年度综合考核”还没有计算结果，请先计算再导出' },
    });
    expect(existsSync(file)).toBe(false);
  });

  it('refuses a stale result: data changed after it was computed', async () => {
    const { cycle } = await cityComputed();
    const batch = ws.services.imports.batches(cycle.id).find((b) => b.fileName === '满意度测评.xlsx');
    if (!batch) throw new Error('no survey batch');
    expect(ws.services.imports.withdraw(batch.id, '核实中').ok).toBe(true);
    const file = join(tmp.dir, '结果.xlsx');
    const r = await ws.services.exports.exportResultsXlsx(cycle.id, file);
    expect(r.ok).toBe(false);
    expect(!r.ok && r.error.code).toBe('RESULT_STALE');
    expect(!r.ok && r.error.message).toContain('计算结果已过期');
    expect(existsSync(file)).toBe(false);
    expect(ws.services.audit.entries(cycle.id).some((e) => e.action === 'export')).toBe(false);
  });

  it('says when the file cannot be written, and records nothing', async () => {
    const { cycle } = await cityComputed();
    const r = await ws.services.exports.exportResultsXlsx(
      cycle.id,
      join(tmp.dir, '没有这个文件夹', '结果.xlsx'),
    );
    expect(!r.ok && r.error).toMatchObject({ code: 'WRITE_FAILED' });
    expect(!r.ok && r.error.message).toContain('文件夹不存在');
    expect(ws.services.audit.entries(cycle.id).some((e) => e.action === 'export')).toBe(false);
  });
});

/** A one-category cycle whose totals are the given points (one direct leaf worth the full score). */
function tiny(
  totals: number[],
  names: string[] = [],
  indicatorName = '工作实绩',
): { result: ComputeResult; scheme: Scheme } {
  const s = scheme({
    indicators: [leaf('B1', 'direct', { C: 100 }, { name: indicatorName })],
    targets: targets('C', totals.length).map((t, i) => ({ ...t, name: names[i] ?? t.name })),
  });
  const result = compute(
    { scheme: s, data: data({ values: column('B1', totals) }), previous: null },
    {
      hasher: createNodeSha256,
    },
  );
  return { result, scheme: s };
}

describe('text that looks like a formula', () => {
  const NAMES = ['=HYPERLINK("http://x")', '+1', '-1', '@SUM(A1)', '\t=1', '正常单位'];

  it('is stored as a plain shared string with the Text format, never as a formula', async () => {
    const { result, scheme: s } = tiny([95, 90, 85, 80, 75, 70], NAMES, '=1+1');
    const buffer = await writeResultsWorkbook(result, s);
    const [ranking, detail] = await sheetXml(buffer);
    if (!ranking || !detail) throw new Error('sheets missing');
    for (const xml of [ranking, detail]) expect(xml).not.toMatch(/<f[ >]/);
    const wb = await load(buffer);
    const r = sheet(wb, '类别C');
    // the header is row 3 (no office, no date); the first four units are not flagged, so no ▲
    expect(r.getCell('A3').value).toBe('名次');
    expect(r.getCell('D3').value).toBe('=1+1');
    NAMES.slice(0, 3).forEach((name, i) => {
      const address = `B${4 + i}`;
      expect(r.getCell(address).value).toBe(name);
      expect(r.getCell(address).numFmt).toBe('@');
      const c = cellXml(ranking, address);
      expect(c).toMatch(/ t="(s|inlineStr)"/);
      expect(c).not.toContain('<f>');
    });
    expect(cellXml(ranking, 'D3')).toMatch(/ t="s"/);
    // flagged: the ▲ comes first, and the name is kept whole
    expect(r.getCell('B7').value).toBe('▲@SUM(A1)');
    expect(r.getCell('B8').value).toBe('▲\t=1');
    // ordinary text keeps the general format
    expect(r.getCell('B9').value).toBe('▲正常单位');
    expect(r.getCell('B9').numFmt).toBeUndefined();
  });
});

describe('more flagged than N', () => {
  it('says so under the table when a tie straddles the boundary', async () => {
    // positions 7 and 8 tie at 80: both flagged, four in all
    const { result, scheme: s } = tiny([91, 88, 86, 84, 83, 82, 80, 80, 75, 70]);
    const r = sheet(await load(await writeResultsWorkbook(result, s)), '类别C');
    const marked = Array.from({ length: 10 }, (_, i) => String(r.getCell(4 + i, 2).value)).filter((v) =>
      v.startsWith('▲'),
    );
    expect(marked).toEqual(['▲单位T7', '▲单位T8', '▲单位T9', '▲单位T10']);
    expect(r.getCell(16, 1).value).toBe('注：因名次并列，末三位标记 4 个，多于 3 个。');
  });
});

describe('sheet names', () => {
  it('follows Excel’s rules: no []:*?/\\, at most 31 characters, unique regardless of case', () => {
    const name = createSheetNamer();
    expect(name('党群/群团[部门]')).toBe('党群_群团_部门_');
    expect(name('a:b*c?d\\e')).toBe('a_b_c_d_e');
    const long = '市直经济部门'.repeat(6);
    expect(long.length).toBeGreaterThan(31);
    expect(name(`得分明细-${long}`)).toHaveLength(31);
    expect(name(`得分明细-${long}`)).toBe(`得分明细-${long}`.slice(0, 28) + '(2)');
    expect(name('Sheet')).toBe('Sheet');
    expect(name('SHEET')).toBe('SHEET(2)');
    expect(name("'引号'")).toBe('引号');
    expect(name('')).toBe('工作表');
    expect(name('History')).toBe('History(2)');
  });
});

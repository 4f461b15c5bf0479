/**
 * The importer end to end on files: both reading paths, CSV in UTF-8 and GBK, refusals of what is
 * not a workbook, confirmations remembered, progress and cancellation.
 */
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Cycle } from '../../../shared/domain/cycle';
import type { ImportProgress } from '../../../electron/main/services/import-service';
import { FIXTURE_CITY, cityWorkspace, editXlsx, tempDir, writeXlsx } from '../../helpers/workspace';

const DATA = readdirSync(join(FIXTURE_CITY, 'data'))
  .filter((f) => f.endsWith('.xlsx'))
  .sort()
  .map((f) => join(FIXTURE_CITY, 'data', f));
const file = (name: string) => DATA.find((f) => f.endsWith(name)) as string;

let ws: Awaited<ReturnType<typeof cityWorkspace>>;
let tmp: ReturnType<typeof tempDir>;
let cycle: Cycle;
beforeEach(async () => {
  ws = await cityWorkspace();
  tmp = tempDir();
  cycle = ws.cycle;
});
afterEach(() => {
  ws.db.close();
  tmp.cleanup();
});

const codes = (r: Awaited<ReturnType<typeof ws.services.imports.importFiles>>) =>
  r.ok ? r.value.files.flatMap((f) => f.issues.map((i) => `${i.code} ${i.ref}`)) : [r.error.code];

/** A sheet of the workbook as CSV text (what Excel's 另存为 CSV writes). */
async function asCsv(xlsx: string): Promise<string> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(xlsx);
  const ws0 = wb.worksheets[0] as ExcelJS.Worksheet;
  const lines: string[] = [];
  ws0.eachRow({ includeEmpty: true }, (row) => {
    const cells: string[] = [];
    for (let c = 1; c <= ws0.columnCount; c++) {
      const v = row.getCell(c).value;
      const t = v === null || v === undefined ? '' : String(v);
      cells.push(/[",\n]/.test(t) ? `"${t.replace(/"/g, '""')}"` : t);
    }
    lines.push(cells.join(','));
  });
  return lines.join('\r\n') + '\r\n';
}

describe('two ways of reading, one result', () => {
  it('gives the same data streamed as loaded whole', async () => {
    const whole = await cityWorkspace();
    await whole.services.imports.importFiles(whole.cycle, DATA);
    const streamed = await ws.services.imports.importFiles(cycle, DATA, { streamAbove: 0 });
    expect(codes(streamed)).toEqual([]);
    const a = whole.services.compute.run(whole.cycle.id);
    const b = ws.services.compute.run(cycle.id);
    expect(a.ok && b.ok && a.value.result.inputHash === b.value.result.inputHash).toBe(true);
    whole.db.close();
  });
});

describe('CSV', () => {
  it.each([
    [
      'UTF-8 with BOM',
      (t: string) => Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(t, 'utf8')]),
    ],
    ['UTF-8', (t: string) => Buffer.from(t, 'utf8')],
    ['GBK (Chinese Excel)', (t: string) => iconv.encode(t, 'gbk')],
  ])(
    'imports a satisfaction sheet saved as CSV in %s, with the same data as the workbook',
    async (_, encode) => {
      const csv = join(tmp.dir, '满意度测评.csv');
      writeFileSync(csv, encode(await asCsv(file('满意度测评.xlsx'))));
      const r = await ws.services.imports.importFiles(cycle, [csv]);
      expect(codes(r)).toEqual([]);
      expect(r.ok && r.value.files[0]?.sheets[0]).toMatchObject({
        sheet: '满意度测评',
        kind: 'surveys',
        rows: 41,
      });
      const other = await cityWorkspace();
      await other.services.imports.importFiles(other.cycle, [file('满意度测评.xlsx')]);
      const load = (w: typeof ws, id: number) =>
        w.services.compute.inputOf(w.services.cycles.list().find((c) => c.id === id) as Cycle).data.surveys;
      expect(load(ws, cycle.id)).toEqual(load(other, other.cycle.id));
      other.db.close();
    },
  );

  it('refuses a CSV with a quote left open, naming the line', async () => {
    const csv = join(tmp.dir, '坏.csv');
    writeFileSync(csv, '对象,指标,非常满意,满意,基本满意,不满意\n东湖区,社会满意度,"10,5,1,0\n');
    const r = await ws.services.imports.importFiles(cycle, [csv]);
    const first = r.ok ? r.value.files[0]?.issues[0] : undefined;
    expect(first?.message).toContain('第 2 行第 3 列的引号没有闭合');
    expect(first?.ref).toBe('坏!C2');
  });
});

describe('what is not a workbook', () => {
  it.each([
    [
      '旧版.xls',
      Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, ...new Array(504).fill(0)]),
      '另存为” .xlsx',
    ],
    ['金山.et', Buffer.from('whatever'), '另存为” .xlsx'],
    [
      '加密.xlsx', // an OLE container holding an EncryptionInfo stream (its name in UTF-16LE)
      Buffer.concat([
        Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, ...new Array(504).fill(0)]),
        Buffer.from('EncryptionInfo', 'utf16le'),
      ]),
      '取消密码保护',
    ],
    ['空.xlsx', Buffer.alloc(0), '0 字节'],
    ['文本.xlsx', Buffer.from('对象,指标\n'), '不是 .xlsx 格式'],
    ['截断.xlsx', Buffer.from('PK\u0003\u0004' + 'x'.repeat(100)), '无法读取'],
  ])('refuses %s with a message saying what to do', async (name, bytes, words) => {
    const f = join(tmp.dir, name);
    writeFileSync(f, bytes);
    const r = await ws.services.imports.importFiles(cycle, [f]);
    const issues = r.ok ? r.value.files[0]?.issues : [];
    expect(issues?.map((i) => i.code)).toEqual(['READ_FAILED']);
    expect(issues?.[0]?.message).toContain(words);
    expect(issues?.[0]?.message).toContain(name);
  });

  it('skips a hidden sheet with a warning', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file('满意度测评.xlsx'));
    const hidden = wb.addWorksheet('草稿');
    hidden.state = 'hidden';
    hidden.getCell('A1').value = '随便写的';
    const f = join(tmp.dir, '满意度测评.xlsx');
    await wb.xlsx.writeFile(f);
    const r = await ws.services.imports.importFiles(cycle, [f]);
    expect(r.ok && r.value.written).toBe(true);
    expect(codes(r)).toEqual(['HIDDEN_SHEET 草稿!A1']);
  });
});

describe('what the operator confirms is remembered', () => {
  it('imports with a confirmed alias, then knows it next time', async () => {
    const f = await editXlsx(file('满意度测评.xlsx'), join(tmp.dir, '满意度测评.xlsx'), {
      满意度测评: { A2: '东湖去' },
    });
    const first = await ws.services.imports.importFiles(cycle, [f], { dryRun: true });
    const issue = first.ok ? first.value.files[0]?.issues[0] : undefined;
    expect(issue?.fix).toEqual({ kind: 'alias', text: '东湖去', target: 'QS01', targetName: '东湖区' });
    const confirmed = await ws.services.imports.importFiles(cycle, [f], {
      confirm: { aliases: [{ text: '东湖去', target: 'QS01' }] },
    });
    expect(codes(confirmed)).toEqual([]);
    expect(ws.services.mappings.list(cycle.id).aliases).toContainEqual({
      target: 'QS01',
      name: '东湖区',
      alias: '东湖去',
    });
    const again = await ws.services.imports.importFiles(cycle, [f], { dryRun: true });
    expect(codes(again)).toEqual([]);
    expect(ws.services.audit.entries(cycle.id).map((e) => e.action)).toContain('alias.add');
  });

  it('does not remember a confirmation when the import is refused', async () => {
    const f = await editXlsx(file('满意度测评.xlsx'), join(tmp.dir, '满意度测评.xlsx'), {
      满意度测评: { A2: '东湖去', C3: '很多' },
    });
    const r = await ws.services.imports.importFiles(cycle, [f], {
      confirm: { aliases: [{ text: '东湖去', target: 'QS01' }] },
    });
    expect(r.ok && r.value.written).toBe(false);
    expect(ws.services.mappings.list(cycle.id).aliases.map((a) => a.alias)).not.toContain('东湖去');
  });

  it('refuses an alias that already names another unit', async () => {
    const r = await ws.services.imports.importFiles(cycle, [file('满意度测评.xlsx')], {
      confirm: { aliases: [{ text: '澜江区', target: 'QS01' }] },
    });
    expect(!r.ok && r.error.message).toContain('已是 QS02（澜江区）');
  });

  it('remembers a confirmed column and carries it into next year', async () => {
    const f = await editXlsx(file('指标数据-市商务局.xlsx'), join(tmp.dir, '商务局.xlsx'), {
      指标数据: { C1: '外资到位额' },
    });
    const refused = await ws.services.imports.importFiles(cycle, [f]);
    expect(codes(refused)).toEqual(['UNKNOWN_COLUMN 指标数据!C1']);
    const ok = await ws.services.imports.importFiles(cycle, [f], {
      confirm: { columns: [{ header: '外资到位额', indicator: 'A05' }] },
    });
    expect(codes(ok)).toEqual([]);
    const next = ws.services.cycles.copy(cycle.id, { name: '2025年度' });
    if (!next.ok) throw new Error('copy');
    expect(ws.services.mappings.list(next.value.id).columns).toEqual([
      { header: '外资到位额', indicator: 'A05', field: 'value' },
    ]);
    const r = await ws.services.imports.importFiles(next.value, [f]);
    expect(codes(r)).toEqual([]);
  });
});

describe('progress and cancellation', () => {
  it('reports reading then writing, per file, each phase rising to 1', async () => {
    const seen: ImportProgress[] = [];
    await ws.services.imports.importFiles(cycle, DATA.slice(0, 3), { onProgress: (p) => seen.push(p) });
    expect(seen.filter((p) => p.phase === 'reading' && p.fraction === 1).map((p) => p.index)).toEqual([
      0, 1, 2,
    ]);
    expect(seen.filter((p) => p.phase === 'writing').map((p) => p.index)).toEqual([0, 1, 2]);
    expect(seen.every((p) => p.files === 3 && p.fraction >= 0 && p.fraction <= 1)).toBe(true);
  });

  it('writes nothing when cancelled while reading', async () => {
    const big = join(tmp.dir, '评议.csv');
    const lines = ['评价人,评价主体,对象,指标,评价'];
    for (let i = 0; i < 30000; i++) lines.push(`评价人${i % 40},市级领导,东湖区,综合评议,良好`);
    writeFileSync(big, lines.join('\n'));
    const ctl = new AbortController();
    const r = await ws.services.imports.importFiles(cycle, [big, file('满意度测评.xlsx')], {
      signal: ctl.signal,
      onProgress: (p) => p.phase === 'reading' && p.fraction > 0 && ctl.abort(),
    });
    expect(r).toMatchObject({ ok: false, error: { code: 'CANCELLED' } });
    expect(ws.services.imports.batches(cycle.id)).toEqual([]);
  });
});

describe('rows', () => {
  it('reads a returned sheet with titles, a two-row header and a signature line', async () => {
    const f = join(tmp.dir, '统计局.xlsx');
    await writeXlsx(f, [
      {
        name: '统计局报表',
        rows: [
          ['2024年度综合考核指标数据（市统计局）'],
          ['填表说明：数据截至 2024 年 12 月 31 日。'],
          ['对象名称', '地区生产总值', null, '固定资产投资增速'],
          [null, '本年', '基期值', null],
          ['东湖', '１，２３４．５', 1100, '6.5%'],
          ['合计', 1234.5, 1100, null],
          ['填表人：王五', null, '审核人：赵六'],
        ],
      },
    ]);
    const r = await ws.services.imports.importFiles(cycle, [f], { dryRun: true });
    // the full-width １，２３４．５ is read and named; nothing else to say
    expect(codes(r)).toEqual(['NUMBER_FROM_TEXT 统计局报表!B5']);
    expect(r.ok && r.value.files[0]?.sheets[0]).toMatchObject({ kind: 'values', rows: 1 });
  });
});

describe('percent-formatted cells', () => {
  it('reads 0.931 shown as 93.1% as 93.1 where the column is on the 0–100 scale (目标值 95)', async () => {
    const f = join(tmp.dir, '政务服务.xlsx');
    const wb = new ExcelJS.Workbook();
    const s = wb.addWorksheet('指标数据');
    s.addRow(['对象编码', '部门预算执行率']);
    s.addRow(['JJ06', 0.931]).getCell(2).numFmt = '0.0%';
    s.addRow(['JJ07', 0.95]).getCell(2).numFmt = '0"%"'; // a quoted % is decoration, not a format
    await wb.xlsx.writeFile(f);
    const r = await ws.services.imports.importFiles(cycle, [f]);
    // the quoted % shows "0.95%" but the cell holds 0.95: kept, with a warning that it looks like a fraction
    expect(codes(r)).toEqual(['SCALE_SUSPECT 指标数据!B3']);
    const values = ws.services.compute.inputOf(cycle).data.values.filter((v) => v.indicator === 'B03');
    expect(values.map((v) => [v.target, v.value])).toEqual([
      ['JJ06', 93.1],
      ['JJ07', 0.95],
    ]);
  });
});

describe('replacing a source', () => {
  const book = (dir: string, rows: (string | number | null)[][]) =>
    writeXlsx(join(tmp.dir, dir, '工作簿1.xlsx'), [{ name: 'Sheet1', rows }]);
  const issuesOf = (r: Awaited<ReturnType<typeof ws.services.imports.importFiles>>) =>
    r.ok ? r.value.files.flatMap((f) => f.issues.map((i) => `${i.code} ${i.ref}`)) : [r.error.code];

  it('refuses a file of another provider that shares the name, instead of dropping the first one’s data', async () => {
    mkdirSync(join(tmp.dir, '统计局'));
    mkdirSync(join(tmp.dir, '财政局'));
    const stats = await book('统计局', [
      ['对象编码', '固定资产投资增速', '万元GDP能耗'],
      ['QS01', 6.5, 0.41],
    ]);
    const finance = await book('财政局', [
      ['对象编码', '部门预算执行率'],
      ['JJ01', 96],
    ]);
    expect((await ws.services.imports.importFiles(cycle, [stats])).ok).toBe(true);
    const r = await ws.services.imports.importFiles(cycle, [finance]);
    expect(issuesOf(r)).toEqual(['SOURCE_CHANGED Sheet1!A1']);
    expect(r.ok && r.value.files[0]?.issues[0]?.message).toContain('“固定资产投资增速”“万元GDP能耗”');
    expect(ws.services.compute.inputOf(cycle).data.values.map((v) => v.indicator)).toEqual(['A03', 'A04']);
    // a corrected file of the same provider replaces as before
    await book('统计局', [
      ['对象编码', '固定资产投资增速', '万元GDP能耗'],
      ['QS01', 6.6, 0.41],
    ]);
    const again = await ws.services.imports.importFiles(cycle, [stats]);
    expect(issuesOf(again)).toEqual([]);
    expect(again.ok && again.value.files[0]?.sheets[0]?.supersedes).not.toBeNull();
  });

  it('refuses two files of one name in one import', async () => {
    mkdirSync(join(tmp.dir, '甲'));
    mkdirSync(join(tmp.dir, '乙'));
    const a = await book('甲', [
      ['对象编码', '固定资产投资增速'],
      ['QS01', 6.5],
    ]);
    const b = await book('乙', [
      ['对象编码', '固定资产投资增速'],
      ['QS02', 7.1],
    ]);
    const r = await ws.services.imports.importFiles(cycle, [a, b]);
    expect(issuesOf(r)).toEqual(['SAME_NAME_TWICE Sheet1!A1']);
    expect(r.ok && r.value.files[1]?.issues[0]?.message).toContain(a);
    expect(r.ok && r.value.written).toBe(false);
  });

  it('refuses an anonymous rating form over a named one and over another anonymous one', async () => {
    const form = (evaluator: string | null, grade: string) =>
      writeXlsx(join(tmp.dir, '评议表.xlsx'), [
        {
          name: '评议表',
          rows: [
            ['评价主体：市级领导', null, '评价人：', evaluator],
            ['对象名称', '综合评议'],
            ['东湖区', grade],
          ],
        },
      ]);
    const f = join(tmp.dir, '评议表.xlsx');
    await form('张三', '优秀');
    expect(issuesOf(await ws.services.imports.importFiles(cycle, [f]))).toEqual([]);
    await form(null, '良好');
    expect(issuesOf(await ws.services.imports.importFiles(cycle, [f]))).toEqual([
      'EVALUATOR_EMPTY 评议表!D1',
      'OTHER_EVALUATOR 评议表!D1',
    ]);
    await form('李四', '良好');
    expect(issuesOf(await ws.services.imports.importFiles(cycle, [f]))).toEqual([
      'OTHER_EVALUATOR 评议表!D1',
    ]);
    // anonymous over anonymous: only the very same file may replace it
    const anon = await cityWorkspace();
    await form(null, '优秀');
    const first = await anon.services.imports.importFiles(anon.cycle, [f]);
    expect(first.ok && first.value.written).toBe(true);
    expect(issuesOf(await anon.services.imports.importFiles(anon.cycle, [f]))).toEqual([
      'EVALUATOR_EMPTY 评议表!D1',
    ]);
    await form(null, '一般');
    expect(issuesOf(await anon.services.imports.importFiles(anon.cycle, [f]))).toEqual([
      'EVALUATOR_EMPTY 评议表!D1',
      'ANONYMOUS_REPLACE 评议表!D1',
    ]);
    anon.db.close();
  });
});

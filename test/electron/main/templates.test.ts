/**
 * Templates as files: what Excel and WPS will show (protection, validation, frozen panes, print
 * setup, hidden metadata), and the round trip — generated, filled in by a program as people would,
 * imported and computed — giving exactly the result of the data entered directly.
 */
import { mkdirSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Cycle } from '../../../shared/domain/cycle';
import type { CycleData } from '../../../shared/domain/data';
import { TEMPLATE_MARK, parseTemplateMeta } from '../../../shared/import/template-meta';
import type { TemplateMeta } from '../../../shared/import/template-meta';
import { FIXTURE_CITY, cityWorkspace, tempDir } from '../../helpers/workspace';

const DATA = readdirSync(join(FIXTURE_CITY, 'data'))
  .filter((f) => f.endsWith('.xlsx'))
  .sort()
  .map((f) => join(FIXTURE_CITY, 'data', f));

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

async function generate(dir = join(tmp.dir, '模板')) {
  const r = await ws.services.templates.write(cycle.id, dir);
  if (!r.ok) throw new Error(r.error.message);
  return r.value.files;
}

async function open(file: string) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  const meta = wb.getWorksheet('_appraisal') as ExcelJS.Worksheet;
  const m = parseTemplateMeta(String(meta.getCell('A1').value), String(meta.getCell('B1').value));
  if (!m) throw new Error(`no template metadata in ${file}`);
  return { wb, sheet: wb.getWorksheet(m.sheet) as ExcelJS.Worksheet, meta: m, metaSheet: meta };
}

describe('what the template files hold', () => {
  it('writes every template, and refuses to overwrite one unless told', async () => {
    const files = await generate();
    expect(files.map((f) => f.file.split('/').pop())).toEqual([
      '2024年度-指标数据-市统计局.xlsx',
      '2024年度-指标数据-市财政局.xlsx',
      '2024年度-指标数据-市商务局.xlsx',
      '2024年度-指标数据-市考核办.xlsx',
      '2024年度-指标数据-市发展改革委.xlsx',
      '2024年度-指标数据-市委组织部.xlsx',
      '2024年度-指标数据-市纪委监委.xlsx',
      '2024年度-评议表-市级领导.xlsx',
      '2024年度-评议表-部门互评.xlsx',
      '2024年度-评议表-服务对象.xlsx',
      '2024年度-评议表-两代表一委员.xlsx',
      '2024年度-满意度测评.xlsx',
      '2024年度-加扣分及否决事项.xlsx',
    ]);
    const again = await ws.services.templates.write(cycle.id, join(tmp.dir, '模板'));
    expect(again.ok ? '' : again.error.code).toBe('FILE_EXISTS');
    expect(again.ok ? '' : again.error.message).toContain('2024年度-满意度测评.xlsx');
    const forced = await ws.services.templates.write(cycle.id, join(tmp.dir, '模板'), { overwrite: true });
    expect(forced.ok).toBe(true);
    expect(readdirSync(join(tmp.dir, '模板')).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('hides its metadata, locks all but the input cells, validates them, freezes the header and prints on A4', async () => {
    const files = await generate();
    const { wb, sheet, meta, metaSheet } = await open(files[0]?.file as string);
    expect(metaSheet.state).toBe('veryHidden');
    expect(metaSheet.getCell('A1').value).toBe(TEMPLATE_MARK);
    expect(meta).toMatchObject({ cycleId: cycle.id, kind: 'values', headerRow: 4, provider: '市统计局' });
    expect(wb.worksheets.filter((s) => s.state === 'visible').map((s) => s.name)).toEqual(['指标数据']);

    expect(sheet.getCell('A1').value).toBe('2024年度综合考核指标数据填报表（市统计局）');
    expect(String(sheet.getCell('A2').value)).toMatch(/^填表说明：\n1．/);
    expect(sheet.getRow(4).values).toEqual([
      undefined,
      '对象编码',
      '对象名称',
      '类别',
      '地区生产总值',
      '地区生产总值基期值',
      '固定资产投资增速',
      '万元GDP能耗',
      '研发经费投入强度',
    ]);
    expect((sheet as unknown as { sheetProtection: { sheet: boolean } }).sheetProtection.sheet).toBe(true);
    expect(sheet.getCell('D4').protection?.locked).not.toBe(false); // header: locked
    expect(sheet.getCell('B5').protection?.locked).not.toBe(false); // prefilled name: locked
    expect(sheet.getCell('D5').protection?.locked).toBe(false); // an input
    expect(sheet.getCell('D5').dataValidation).toMatchObject({ type: 'decimal', showErrorMessage: true });
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', xSplit: 2, ySplit: 4 });
    expect(sheet.pageSetup).toMatchObject({ paperSize: 9, fitToWidth: 1, printTitlesRow: '4:4' });
    expect(sheet.headerFooter.oddFooter).toContain('第 &P 页 共 &N 页');
  });

  it('greys out and locks a leaf that does not apply to a row’s category', async () => {
    const files = await generate();
    const { sheet } = await open(files[0]?.file as string); // 市统计局: A leaves apply to QS and GN only
    expect(sheet.rowCount).toBe(4 + 15);
    const finance = await open(files[1]?.file as string); // 市财政局: B03 部门预算执行率 has no QS weight
    const header = (finance.sheet.getRow(4).values as unknown[]).indexOf('部门预算执行率');
    const qs01 = finance.sheet.getRow(5);
    expect(qs01.getCell(1).value).toBe('QS01');
    expect(qs01.getCell(header).value).toBe('—');
    expect(qs01.getCell(header).protection?.locked).not.toBe(false);
    expect(qs01.getCell(header).fill).toMatchObject({ type: 'pattern', pattern: 'solid' });
  });

  it('offers the grades as a drop-down in a rating template, and a box for the evaluator', async () => {
    const files = await generate();
    const { sheet, meta } = await open(files.find((f) => f.title.includes('市级领导'))?.file as string);
    expect(meta).toMatchObject({ kind: 'ratings', group: 'LD', evaluatorCell: 'D3' });
    expect(sheet.getCell('A3').value).toBe('评价主体：市级领导');
    expect(sheet.getCell('C3').value).toBe('评价人：');
    expect(sheet.getCell('D3').protection?.locked).toBe(false);
    expect(sheet.getCell('D5').dataValidation).toMatchObject({
      type: 'list',
      formulae: ['"优秀,良好,一般,较差,弃权"'],
      errorStyle: 'warning', // a typed 0–100 score is allowed to stand
    });
  });

  it('lists the targets for an item’s drop-down in the metadata sheet (too long to write inline)', async () => {
    const files = await generate();
    const { sheet, metaSheet } = await open(files.at(-1)?.file as string);
    const v = sheet.getCell('A5').dataValidation;
    expect(v).toMatchObject({ type: 'list' });
    const m = /^'_appraisal'!\$([A-Z]+)\$1:\$\1\$(\d+)$/.exec(String(v.formulae?.[0]));
    expect(m?.[2]).toBe('41');
    expect(metaSheet.getCell(`${m?.[1]}1`).value).toBe('东湖区');
    expect(sheet.getCell('D5').dataValidation).toMatchObject({ type: 'textLength', formulae: [500] });
  });
});

/** Fills a generated template from data, as the people it is sent to would; returns the files written. */
async function fill(
  file: string,
  data: CycleData,
  names: Map<string, string>,
  out: string,
): Promise<string[]> {
  const { wb, sheet, meta } = await open(file);
  const col = (letter: string) => sheet.getColumn(letter).number;
  const leaves = Object.entries(meta.columns).filter(
    (e): e is [string, Extract<TemplateMeta['columns'][string], { role: 'leaf' }>] => e[1].role === 'leaf',
  );
  const base = file.split('/').pop() as string;
  const body = (each: (row: ExcelJS.Row) => void) => {
    for (let r = meta.headerRow + 1; r <= sheet.rowCount; r++) each(sheet.getRow(r));
  };
  if (meta.kind === 'values') {
    body((row) => {
      const target = String(row.getCell(1).value);
      for (const [letter, c] of leaves) {
        const v = data.values.find((x) => x.target === target && x.indicator === c.indicator)?.[c.field];
        if (v !== undefined && v !== null) row.getCell(col(letter)).value = v;
      }
    });
    await wb.xlsx.writeFile(join(out, base));
    return [base];
  }
  if (meta.kind === 'ratings') {
    // one copy per evaluator of the group, named after them (as the notes ask)
    const mine = data.ratings.filter((r) => r.group === meta.group);
    const evaluators = [...new Set(mine.map((r) => r.evaluator))];
    const written: string[] = [];
    for (const evaluator of evaluators) {
      const copy = await open(file);
      copy.sheet.getCell(meta.evaluatorCell as string).value = evaluator;
      for (let r = meta.headerRow + 1; r <= copy.sheet.rowCount; r++) {
        const row = copy.sheet.getRow(r);
        const target = String(row.getCell(1).value);
        for (const [letter, c] of leaves) {
          const x = mine.find(
            (g) => g.evaluator === evaluator && g.target === target && g.indicator === c.indicator,
          );
          if (x) row.getCell(col(letter)).value = x.grade ?? '弃权';
        }
      }
      const name = base.replace('.xlsx', `-${evaluator}.xlsx`);
      await copy.wb.xlsx.writeFile(join(out, name));
      written.push(name);
    }
    return written;
  }
  if (meta.kind === 'surveys') {
    const levels = Object.entries(meta.columns).filter(
      ([, c]) => c.role !== 'target' && c.role !== 'indicator',
    );
    body((row) => {
      const [target, indicator] = [
        names.get(String(row.getCell(1).value)),
        names.get(String(row.getCell(2).value)),
      ];
      const s = data.surveys.find((x) => x.target === target && x.indicator === indicator);
      if (s)
        for (const [letter, c] of levels) row.getCell(col(letter)).value = s.counts[c.role as 'satisfied'];
    });
    await wb.xlsx.writeFile(join(out, base));
    return [base];
  }
  data.items.forEach((item, i) => {
    const row = sheet.getRow(meta.headerRow + 1 + i);
    row.getCell(1).value = names.get(item.target) as string;
    row.getCell(2).value = names.get(item.indicator) as string;
    if (item.points !== null) row.getCell(3).value = item.points;
    row.getCell(4).value = item.reason;
    row.getCell(5).value = item.docNo;
  });
  await wb.xlsx.writeFile(join(out, base));
  return [base];
}

describe('round trip', () => {
  it('generate → fill → import → compute gives the result of the data entered directly', async () => {
    // the same data imported straight from the sample city's sheets, in another workspace
    const direct = await cityWorkspace();
    const imported = await direct.services.imports.importFiles(direct.cycle, DATA);
    expect(imported.ok && imported.value.written).toBe(true);
    const data = direct.services.compute.inputOf(direct.cycle).data;
    expect(data.ratings.every((r) => r.evaluator !== '')).toBe(true);

    const scheme = ws.services.compute.inputOf(cycle).scheme;
    const names = new Map<string, string>([
      ...scheme.targets.flatMap((t) => [
        [t.code, t.name],
        [t.name, t.code],
      ]),
      ...scheme.indicators.flatMap((i) => [
        [i.code, i.name],
        [i.name, i.code],
      ]),
    ] as [string, string][]);
    const filled = join(tmp.dir, '回收');
    mkdirSync(filled);
    const written: string[] = [];
    for (const t of await generate()) written.push(...(await fill(t.file, data, names, filled)));
    expect(written.length).toBeGreaterThan(13); // a rating template per evaluator

    const r = await ws.services.imports.importFiles(
      cycle,
      written.map((f) => join(filled, f)),
    );
    if (!r.ok) throw new Error(r.error.message);
    const problems = r.value.files.flatMap((f) =>
      f.issues.map((i) => `${f.file} ${i.code} ${i.ref} ${i.message}`),
    );
    expect(problems).toEqual([]);
    expect(r.value.written).toBe(true);

    const a = direct.services.compute.run(direct.cycle.id);
    const b = ws.services.compute.run(cycle.id);
    if (!a.ok || !b.ok) throw new Error('compute');
    // same scheme, same data: the same inputs, so byte-identical scores, ranks and flags
    expect(b.value.result.inputHash).toBe(a.value.result.inputHash);
    expect(b.value.result.targets).toEqual(a.value.result.targets);
    expect(b.value.result.groups).toEqual(a.value.result.groups);
    direct.db.close();
  }, 60_000);

  it('refuses a template returned without any data, and warns when the evaluator left their name out', async () => {
    const files = await generate();
    const leaders = files.find((f) => f.title.includes('市级领导'))?.file as string;
    const blank = await ws.services.imports.importFiles(cycle, [leaders], { dryRun: true });
    expect(blank.ok && blank.value.files[0]?.issues.map((i) => `${i.level} ${i.code} ${i.ref}`)).toEqual([
      'warning EVALUATOR_EMPTY 评议表!D3',
      'error NO_ROWS 评议表!A5',
    ]);
    const { wb, sheet } = await open(leaders);
    sheet.getCell('D5').value = '优秀';
    const once = join(tmp.dir, '匿名.xlsx');
    await wb.xlsx.writeFile(once);
    const r = await ws.services.imports.importFiles(cycle, [once], { dryRun: true });
    expect(r.ok && r.value.files[0]?.issues.map((i) => i.code)).toEqual(['EVALUATOR_EMPTY']);
  });

  it('refuses a second evaluator’s copy returned under the first one’s file name', async () => {
    const files = await generate();
    const leaders = files.find((f) => f.title.includes('市级领导'))?.file as string;
    const copy = async (evaluator: string) => {
      const { wb, sheet } = await open(leaders);
      sheet.getCell('D3').value = evaluator;
      sheet.getCell('D5').value = '良好';
      await wb.xlsx.writeFile(join(tmp.dir, '评议表.xlsx'));
    };
    await copy('张三');
    const first = await ws.services.imports.importFiles(cycle, [join(tmp.dir, '评议表.xlsx')]);
    expect(first.ok && first.value.written).toBe(true);
    await copy('李四');
    const second = await ws.services.imports.importFiles(cycle, [join(tmp.dir, '评议表.xlsx')]);
    const issue = second.ok ? second.value.files[0]?.issues[0] : undefined;
    expect(issue?.code).toBe('OTHER_EVALUATOR');
    expect(issue?.message).toContain('请把本文件改名');
    expect(second.ok && second.value.written).toBe(false);
    // the same evaluator correcting their sheet replaces it as usual
    await copy('张三');
    const again = await ws.services.imports.importFiles(cycle, [join(tmp.dir, '评议表.xlsx')]);
    expect(again.ok && again.value.files[0]?.sheets[0]?.supersedes).not.toBeNull();
  });
});

describe('a template whose layout was changed', () => {
  it('is read by its header texts when a column was deleted, with a warning', async () => {
    const files = await generate();
    const { wb, sheet } = await open(files[0]?.file as string); // 市统计局
    // row 5 is QS01: 地区生产总值 905.2, 基期值 870, 固定资产投资增速 6.5
    sheet.getRow(5).getCell(4).value = 905.2;
    sheet.getRow(5).getCell(5).value = 870;
    sheet.getRow(5).getCell(6).value = 6.5;
    sheet.spliceColumns(3, 1); // 类别 deleted
    const f = join(tmp.dir, '删了一列.xlsx');
    await wb.xlsx.writeFile(f);
    const r = await ws.services.imports.importFiles(cycle, [f]);
    expect(r.ok && r.value.files[0]?.issues.map((i) => `${i.level} ${i.code} ${i.ref}`)).toEqual([
      'warning TEMPLATE_CHANGED 指标数据!A4',
    ]);
    const qs01 = ws.services.compute
      .inputOf(cycle)
      .data.values.filter((v) => v.target === 'QS01')
      .map((v) => [v.indicator, v.value, v.baseline]);
    expect(qs01).toEqual([
      ['A01', 905.2, 870],
      ['A03', 6.5, null],
    ]);
  });

  it('finds the header when a row was inserted above it', async () => {
    const files = await generate();
    const { wb, sheet } = await open(files.at(-1)?.file as string); // items
    sheet.getRow(5).values = ['东湖区', '加分事项', 1, '引进重大项目', '临政〔2024〕3号'];
    sheet.spliceRows(3, 0, ['（本表由市考核办汇总）']);
    const f = join(tmp.dir, '插了一行.xlsx');
    await wb.xlsx.writeFile(f);
    const r = await ws.services.imports.importFiles(cycle, [f], { dryRun: true });
    expect(r.ok && r.value.files[0]?.issues.map((i) => `${i.code} ${i.ref}`)).toEqual([
      'TEMPLATE_CHANGED 加扣分及否决事项!A4',
    ]);
    expect(r.ok && r.value.files[0]?.sheets[0]).toMatchObject({ kind: 'items', rows: 1 });
  });
});

describe('a template made before an indicator was deleted', () => {
  /** The scheme without A03 固定资产投资增速, its weight given to A07 (same 一级, same sums). */
  function deleteA03() {
    const got = ws.services.schemes.get(cycle.id);
    if (!got.ok) throw new Error(got.error.message);
    const s = structuredClone(got.value.scheme);
    const a03 = s.indicators.find((i) => i.code === 'A03')!;
    const a07 = s.indicators.find((i) => i.code === 'A07')!;
    for (const [c, w] of Object.entries(a03.weights)) a07.weights[c] = (a07.weights[c] ?? 0) + w;
    s.indicators = s.indicators.filter((i) => i.code !== 'A03');
    const saved = ws.services.schemes.save(cycle.id, s, { confirmLoss: true });
    if (!saved.ok) throw new Error(saved.error.message);
  }

  it('is read with a warning when that column is empty, and refused when it holds values', async () => {
    const files = await generate();
    deleteA03();
    const { wb, sheet } = await open(files[0]?.file as string); // 市统计局: D/E 地区生产总值, F 固定资产投资增速
    sheet.getRow(5).getCell(4).value = 905.2;
    const empty = join(tmp.dir, '统计局.xlsx');
    await wb.xlsx.writeFile(empty);
    const r = await ws.services.imports.importFiles(cycle, [empty], { dryRun: true });
    expect(r.ok && r.value.files[0]?.issues.map((i) => `${i.level} ${i.code} ${i.ref}`)).toEqual([
      'warning TEMPLATE_MISMATCH 指标数据!F4',
    ]);
    expect(r.ok && r.value.files[0]?.accepted).toBe(true);

    sheet.getRow(5).getCell(6).value = 6.5;
    const filled = join(tmp.dir, '统计局（填了）.xlsx');
    await wb.xlsx.writeFile(filled);
    const r2 = await ws.services.imports.importFiles(cycle, [filled], { dryRun: true });
    const issue = r2.ok ? r2.value.files[0]?.issues.find((i) => i.code === 'TEMPLATE_MISMATCH') : undefined;
    expect(issue).toMatchObject({ level: 'error', ref: '指标数据!F4' });
    expect(issue?.message).toContain('无处可记');
  });
});

describe('validation as Excel reads it', () => {
  it('writes no cell under two data-validation ranges', async () => {
    const JSZip = (await import('jszip')).default;
    for (const t of await generate()) {
      const zip = await JSZip.loadAsync(readFileSync(t.file));
      const xml = await (
        zip.file('xl/worksheets/sheet1.xml') as { async(type: 'string'): Promise<string> }
      ).async('string');
      const seen = new Set<string>();
      for (const [, sqref] of xml.matchAll(/<dataValidation [^>]*sqref="([^"]+)"/g))
        for (const range of (sqref as string).split(' ')) {
          const [a, b = a] = range.split(':') as [string, string?];
          const [, col, from] = /^([A-Z]+)(\d+)$/.exec(a) as RegExpExecArray;
          const [, col2, to] = /^([A-Z]+)(\d+)$/.exec(b as string) as RegExpExecArray;
          expect(col2, range).toBe(col);
          for (let r = Number(from); r <= Number(to); r++) {
            expect(seen.has(`${col}${r}`), `${t.file} ${col}${r}`).toBe(false);
            seen.add(`${col}${r}`);
          }
        }
      expect(seen.size).toBeGreaterThan(0);
    }
  });
});

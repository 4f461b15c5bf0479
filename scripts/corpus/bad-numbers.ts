import JSZip from 'jszip';
import {
  type AddBad,
  book,
  FIXED_DATE,
  I,
  ITEMS_HEADER,
  normaliseZipTimes,
  refOf,
  type SheetDef,
  SURVEY_HEADER,
  T,
  type V,
} from './common';
import { officeSheet } from './bad-files';

// fixtures/bad, 41–59: numbers and places a reader must not guess (issue 13): what a program other
// than Excel, a hand edit of the XML or a copy from a web page leaves in a workbook. Each file is
// written by exceljs and then has one cell or row of its sheet XML replaced.

const SHEET = 'xl/worksheets/sheet1.xml';

/** The workbook with its first sheet's XML edited; the edit must change something. */
async function edited(bytes: Buffer, edit: (xml: string) => string): Promise<Buffer> {
  const zip = await JSZip.loadAsync(bytes);
  const xml = await zip.file(SHEET)?.async('string');
  if (xml === undefined) throw new Error(`no ${SHEET}`);
  const out = edit(xml);
  if (out === xml) throw new Error('the edit changed nothing');
  zip.file(SHEET, out, { date: FIXED_DATE });
  return normaliseZipTimes(
    await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE', compressionOptions: { level: 6 } }),
  );
}

/** Replaces the cell at `ref` (A1 form) with `cell`, its `{r}` standing for the address. */
function replaceCell(xml: string, ref: string, cell: string): string {
  const re = new RegExp(`<c r="${ref}"[^>]*?(/>|>[\\s\\S]*?</c>)`);
  if (!re.test(xml)) throw new Error(`no cell ${ref}`);
  return xml.replace(re, cell.replace('{r}', ref));
}

/** Gives row `n`'s `<row r="n"` another number. */
function renumberRow(xml: string, n: number, r: string): string {
  const tag = `<row r="${n}"`;
  if (!xml.includes(tag)) throw new Error(`no row ${n}`);
  return xml.replace(tag, `<row r="${r}"`);
}

const cellOf = (ref: string) => ref.slice(ref.indexOf('!') + 1);

export async function badNumbers(add: AddBad): Promise<void> {
  /** The office sheet with a probe value where the hostile cell goes (北岭区's 重点工作任务完成情况). */
  const probed = (probe: number): { s: SheetDef; ref: string } => {
    const s = officeSheet(['QS01', 'QS02', 'QS03', 'QS04', 'QS05']);
    (s.rows[2] as V[])[2] = probe;
    return { s, ref: refOf(s, probe) };
  };
  const oneCell = async (
    file: string,
    cell: string,
    problem: string,
    keywords: string[],
    probe = 77.77,
  ): Promise<void> => {
    const { s, ref } = probed(probe);
    add(file, await edited(await book([s]), (x) => replaceCell(x, cellOf(ref), cell)), {
      problem,
      refs: [ref],
      keywords,
    });
  };

  // --- a number cell's stored value, which exceljs would read with parseFloat

  await oneCell(
    '41-数值为十六进制.xlsx',
    '<c r="{r}"><v>0x1F</v></c>',
    'A number cell storing 0x1F (hex): parseFloat reads 0, and the unit fell three places.',
    ['0x1F', '十六进制'],
  );
  await oneCell(
    '42-数值含千位分隔符.xlsx',
    '<c r="{r}"><v>1,234</v></c>',
    'A number cell storing 1,234: parseFloat reads 1. (Typed as text, 1,234 is read as 1234 and said.)',
    ['1,234', '千位分隔符'],
  );
  await oneCell(
    '43-数值指数超出范围.xlsx',
    '<c r="{r}"><v>1e309</v></c>',
    'A number cell storing 1e309 (beyond a double): read as no value, the row imported without it.',
    ['1e309', '指数超出范围'],
  );
  await oneCell(
    '44-数值为NaN.xlsx',
    '<c r="{r}"><v>NaN</v></c>',
    'A number cell storing NaN: read as blank, and compute later complained of a unit, not a cell.',
    ['NaN', '有限'],
  );
  await oneCell(
    '45-公式结果为Infinity.xlsx',
    '<c r="{r}"><f>C2/0</f><v>Infinity</v></c>',
    'A formula whose cached result is Infinity (written by a program, not by Excel, which caches #DIV/0!).',
    ['公式的计算结果', 'Infinity'],
  );
  await oneCell(
    '46-未知单元格类型.xlsx',
    '<c r="{r}" t="zz"><v>85</v></c>',
    'A cell of type t="zz", which no program writes: exceljs read its 85 as a number.',
    ['t="zz"'],
  );

  // --- shared strings: the unit's name is a shared string in the second column

  {
    const s = officeSheet(['QS01', 'QS02', 'QS03', 'QS04', 'QS05']);
    const ref = refOf(s, T.QS02);
    add(
      '47-共享字符串序号为空.xlsx',
      await edited(await book([s]), (x) => replaceCell(x, cellOf(ref), '<c r="{r}" t="s"><v></v></c>')),
      {
        problem: `The name cell of ${T.QS02} is a shared string with an empty index (<v></v>): exceljs read it as no cell, and the row as one without a name.`,
        refs: [ref],
        keywords: ['共享字符串'],
      },
    );
  }
  {
    const s = officeSheet(['QS01', 'QS02', 'QS03', 'QS04', 'QS05']);
    const ref = refOf(s, T.QS03);
    add(
      '48-共享字符串序号越界.xlsx',
      await edited(await book([s]), (x) => replaceCell(x, cellOf(ref), '<c r="{r}" t="s"><v>9999</v></c>')),
      {
        problem: `The name cell of ${T.QS03} points at shared string 9999 of a table of a few dozen.`,
        refs: [ref],
        keywords: ['9999', '不存在'],
      },
    );
  }

  // --- rows and cells the sheet puts nowhere

  for (const [file, r] of [
    ['49-行号为0.xlsx', '0'],
    ['50-行号为负数.xlsx', '-3'],
  ] as const) {
    const s = officeSheet(['QS01', 'QS02', 'QS03', 'QS04', 'QS05']);
    add(file, await edited(await book([s]), (x) => renumberRow(x, 4, r)), {
      problem: `Row 4 (${T.QS03}) numbered r="${r}": exceljs dropped the row without a word.`,
      refs: [],
      keywords: [`r="${r}"`, '重新保存'],
    });
  }
  {
    const { s, ref } = probed(77.77);
    add(
      '51-单元格地址无效.xlsx',
      await edited(await book([s]), (x) => replaceCell(x, cellOf(ref), '<c r="C0"><v>77.77</v></c>')),
      {
        problem: 'A cell addressed C0 (row 0 does not exist) inside row 3.',
        refs: [],
        keywords: ['r="C0"', '重新保存'],
      },
    );
  }

  // --- text a person pasted, and numbers too large for their field

  {
    const s = officeSheet(['QS01', 'QS02', 'QS03', 'QS04', 'QS05']);
    const pasted = '8\u200b5';
    (s.rows[3] as V[])[2] = pasted;
    add('52-数字中有零宽空格.xlsx', await book([s]), {
      problem:
        'The text 8\u200b5 (a zero-width space between the digits, pasted from a web page): it was read as 85.',
      refs: [refOf(s, pasted)],
      keywords: ['8␣5', '看不见'],
    });
  }
  {
    const s: SheetDef = {
      name: '加扣分及否决事项',
      headerRows: [1],
      rows: [
        ITEMS_HEADER,
        [T.QS01, I.E, 2, '获国务院通报表扬（督查激励·营商环境创新）', '国办发〔2024〕21号'],
        [T.QS03, I.E, 1e308, '获国务院通报表扬（港口型国家物流枢纽建设）', '国办发〔2024〕21号'],
      ],
    };
    add('53-加分分值过大.xlsx', await book([s]), {
      problem: 'A bonus item of 1e308 points: it was capped at the category’s cap without a word.',
      refs: [refOf(s, 1e308)],
      keywords: ['超过 100 分'],
    });
  }
  {
    const s = officeSheet(['QS01', 'QS02', 'QS03', 'QS04', 'QS05']);
    (s.rows[5] as V[])[3] = 3e14;
    add('54-指标值过大.xlsx', await book([s]), {
      problem: `${I.B02} of ${T.QS05} is 3e14 (digits typed twice over): a value no indicator has.`,
      refs: [refOf(s, 3e14)],
      keywords: ['1 万亿'],
    });
  }
  {
    const huge = Number('123456789012345678901234567890'); // 30 digits, as typed
    const s: SheetDef = {
      name: '满意度测评',
      headerRows: [1],
      rows: [SURVEY_HEADER, [T.QS01, I.D02, 282, 213, 57, 18, 42], [T.QS02, I.D02, huge, 227, 88, 30, 33]],
    };
    add('55-满意度人数过大.xlsx', await book([s]), {
      problem:
        'A 30-digit satisfaction count: it ended in exit 3 with an English stack (SqliteError: cannot store REAL value in INTEGER column).',
      refs: [refOf(s, huge)],
      keywords: ['1000 万'],
    });
  }

  // --- rows, cells and types no program writes (the rules exceljs-strict.ts adds)

  {
    const s = officeSheet(['QS01', 'QS02', 'QS03', 'QS04', 'QS05']);
    add('56-行号重复.xlsx', await edited(await book([s]), (x) => renumberRow(x, 4, '3')), {
      problem: `Row 4 (${T.QS03}) numbered 3 again: exceljs let it overwrite ${T.QS02}'s row without a word.`,
      refs: [],
      keywords: ['r="3"', '重复或倒序'],
    });
  }
  {
    const { s, ref } = probed(77.77);
    add(
      '57-单元格不在其行.xlsx',
      await edited(await book([s]), (x) => replaceCell(x, cellOf(ref), '<c r="C9"><v>77.77</v></c>')),
      {
        problem: 'A cell of row 3 addressed C9: where it belongs is a guess.',
        refs: [],
        keywords: ['r="C9"', '第 3 行'],
      },
    );
  }
  await oneCell(
    '58-逻辑值无效.xlsx',
    '<c r="{r}" t="b"><v>2</v></c>',
    'A boolean cell holding 2 (Excel writes 0 or 1): exceljs read it as TRUE.',
    ['逻辑值“2”无效'],
  );
  await oneCell(
    '59-日期类型单元格无效.xlsx',
    '<c r="{r}" t="d"><v>45000</v></c>',
    'A t="d" cell (an ISO date by the standard) holding 45000: exceljs read it with parseFloat as a number.',
    ['日期“45000”无效'],
  );
}

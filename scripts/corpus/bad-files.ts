import {
  type AddBad,
  book,
  csvText,
  I,
  office,
  row,
  type SheetDef,
  T,
  type TargetCode,
  VALUES_HEADER,
} from './common';
import { encryptedWorkbook, legacyWorkbook } from './containers';

// fixtures/bad, 01–10: files that are no workbook, or no workbook with data

// A clean values sheet, the base of several files below.
export const officeSheet = (codes: TargetCode[]): SheetDef => ({
  name: '指标数据',
  headerRows: [1],
  rows: [[...VALUES_HEADER, I.B01, I.B02], ...codes.map((c) => row(c, ...office(c)))],
});

export async function badFiles(add: AddBad): Promise<void> {
  // --- the file is not a workbook at all

  add(
    '01-不是Excel文件.xlsx',
    Buffer.from(
      csvText([
        ['对象编码', '对象名称', I.B01],
        ['QS01', T.QS01, '83.5'],
        ['QS02', T.QS02, '73.9'],
      ]).replace(/,/g, '\t'),
      'utf8',
    ),
    {
      problem:
        'A tab-separated text file (a web system export) named .xlsx: not a zip archive, so not an Excel workbook at all.',
      refs: [],
      keywords: ['.xlsx', '另存为'],
    },
  );

  add(
    '02-网页导出.xlsx',
    Buffer.from(
      '<html><head><meta http-equiv="Content-Type" content="text/html; charset=utf-8"></head><body>\r\n' +
        `<table border="1"><tr><td>对象编码</td><td>对象名称</td><td>${I.C01}</td></tr>\r\n` +
        `<tr><td>QS01</td><td>${T.QS01}</td><td>90</td></tr>\r\n` +
        `<tr><td>QS02</td><td>${T.QS02}</td><td>84.4</td></tr>\r\n</table></body></html>\r\n`,
      'utf8',
    ),
    {
      problem:
        'An HTML table saved with an .xlsx name (what many OA systems export as "Excel"); not a zip archive.',
      refs: [],
      keywords: ['.xlsx', '另存为'],
    },
  );

  const whole = await book([officeSheet(['QS01', 'QS02', 'QS03', 'QS04', 'QS05', 'QS06', 'QS07', 'QS08'])]);
  add('03-文件不完整.xlsx', whole.subarray(0, Math.floor(whole.length / 2)), {
    problem:
      'A valid workbook cut in half (an interrupted download or mail attachment): the zip has no central directory.',
    refs: [],
    keywords: ['损坏'],
  });

  add('04-空文件.xlsx', Buffer.alloc(0), {
    problem: 'A zero-byte file.',
    refs: [],
    keywords: ['空'],
  });

  add('05-旧版格式.xls', legacyWorkbook(), {
    problem:
      'A legacy Excel 97–2003 .xls workbook (OLE2/CFB container with a BIFF8 Workbook stream); it must be saved as .xlsx.',
    refs: [],
    keywords: ['另存为', '.xlsx'],
  });

  add('06-WPS格式.et', legacyWorkbook(), {
    problem: 'A WPS .et workbook (OLE2/CFB container); it must be saved as .xlsx.',
    refs: [],
    keywords: ['另存为', '.xlsx'],
  });

  add('07-改了扩展名的xls.xlsx', legacyWorkbook(), {
    problem:
      'A legacy .xls workbook whose extension was changed to .xlsx by hand (CFB signature D0 CF 11 E0, no EncryptionInfo stream).',
    refs: [],
    keywords: ['另存为', '.xlsx'],
  });

  add('08-加密.xlsx', encryptedWorkbook(), {
    problem:
      'A password-protected .xlsx: a CFB container holding EncryptionInfo (agile encryption) and EncryptedPackage streams; the message should say it has a password.',
    refs: [],
    keywords: ['密码'],
  });

  add('09-空工作簿.xlsx', await book([{ name: 'Sheet1', rows: [] }]), {
    problem: 'A workbook with one sheet and no cells at all.',
    refs: [],
    keywords: ['没有数据'],
  });

  {
    const s: SheetDef = { name: '指标数据', headerRows: [1], rows: [[...VALUES_HEADER, I.C01]] };
    add('10-只有表头.xlsx', await book([s]), {
      problem: 'A values sheet with its header row and no data rows.',
      refs: [`${s.name}!A1`],
      keywords: ['没有数据'],
    });
  }
}

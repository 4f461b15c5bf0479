import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { FIXED_DATE, FIXED_ISO, I, normaliseZipTimes, office, T, type TargetCode } from './common';

// ---------------------------------------------------------------------------------------------
// The WPS fixture: raw OOXML written by hand

const xmlEscape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/**
 * An .xlsx as WPS writes it, not as exceljs does: every string inline (t="inlineStr", no sharedStrings
 * part), only the first cell of each row carrying its `r` address, a `<dimension>` that does not
 * cover the data, a shared formula down the 序号 column and WPS's own document properties.
 * Returns the bytes, and a note if exceljs cannot load them.
 */
export async function wpsWorkbook(): Promise<{ bytes: Buffer; note?: string }> {
  const codes: TargetCode[] = ['JJ01', 'JJ02', 'JJ03', 'JJ04', 'JJ05'];
  const budget: Partial<Record<TargetCode, number>> = {
    JJ01: 95.5,
    JJ02: 92.7,
    JJ03: 91.9,
    JJ04: 89.6,
    JJ05: 98.8,
  };
  const str = (s: string, style = '') => `<c${style} t="inlineStr"><is><t>${xmlEscape(s)}</t></is></c>`;
  const num = (n: number) => `<c><v>${n}</v></c>`;
  const header = ['序号', '对象编码', '对象名称', I.B01, I.B02, I.B03];
  const rows: string[] = [];
  rows.push(
    `<row r="1" spans="1:6" s="1" customFormat="1">` +
      header.map((h, i) => str(h, i === 0 ? ' r="A1" s="1"' : ' s="1"')).join('') +
      '</row>',
  );
  codes.forEach((c, i) => {
    const r = i + 2;
    const seq =
      i === 0
        ? `<c r="A${r}"><f t="shared" ref="A2:A${codes.length + 1}" si="0">ROW()-1</f><v>${i + 1}</v></c>`
        : `<c r="A${r}"><f t="shared" si="0"/><v>${i + 1}</v></c>`;
    const [b01, b02] = office(c);
    const b01Cell = c === 'JJ03' ? `<c><f>100-12.6-8</f><v>${b01}</v></c>` : num(b01);
    const b02Cell = c === 'JJ05' ? str(String(b02)) : num(b02);
    rows.push(
      `<row r="${r}" spans="1:6">${seq}${str(c)}${str(T[c])}${b01Cell}${b02Cell}${num(budget[c] as number)}</row>`,
    );
  });
  const sheet =
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n' +
    '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" xmlns:xdr="http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing" xmlns:x14="http://schemas.microsoft.com/office/spreadsheetml/2009/9/main" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" xmlns:etc="http://www.wps.cn/officeDocument/2017/etCustomData">' +
    '<sheetPr/><dimension ref="A1:C3"/>' +
    '<sheetViews><sheetView tabSelected="1" workbookViewId="0"><selection activeCell="D4" sqref="D4"/></sheetView></sheetViews>' +
    '<sheetFormatPr defaultColWidth="9" defaultRowHeight="13.5" outlineLevelCol="5"/>' +
    '<cols><col min="3" max="3" width="22.625" customWidth="1"/><col min="4" max="6" width="14.5" customWidth="1"/></cols>' +
    `<sheetData>${rows.join('')}</sheetData>` +
    '<pageMargins left="0.75" right="0.75" top="1" bottom="1" header="0.5" footer="0.5"/>' +
    '<headerFooter/></worksheet>';
  const files: Record<string, string> = {
    '[Content_Types].xml':
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n' +
      '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
      '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
      '<Default Extension="xml" ContentType="application/xml"/>' +
      '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>' +
      '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>' +
      '<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>' +
      '<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>' +
      '<Override PartName="/docProps/app.xml" ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/>' +
      '<Override PartName="/docProps/custom.xml" ContentType="application/vnd.openxmlformats-officedocument.custom-properties+xml"/>' +
      '</Types>',
    '_rels/.rels':
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n' +
      '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
      '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>' +
      '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>' +
      '<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties" Target="docProps/app.xml"/>' +
      '<Relationship Id="rId4" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/custom-properties" Target="docProps/custom.xml"/>' +
      '</Relationships>',
    'docProps/app.xml':
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n' +
      '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties" xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes"><Application>WPS 表格</Application><HeadingPairs><vt:vector size="2" baseType="variant"><vt:variant><vt:lpstr>工作表</vt:lpstr></vt:variant><vt:variant><vt:i4>1</vt:i4></vt:variant></vt:vector></HeadingPairs><TitlesOfParts><vt:vector size="1" baseType="lpstr"><vt:lpstr>指标数据</vt:lpstr></vt:vector></TitlesOfParts></Properties>',
    'docProps/core.xml':
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n' +
      '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">' +
      `<dc:creator>市考核办</dc:creator><cp:lastModifiedBy>WPS_1704</cp:lastModifiedBy><dcterms:created xsi:type="dcterms:W3CDTF">${FIXED_ISO}</dcterms:created><dcterms:modified xsi:type="dcterms:W3CDTF">${FIXED_ISO}</dcterms:modified>` +
      '</cp:coreProperties>',
    'docProps/custom.xml':
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n' +
      '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/custom-properties" xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">' +
      '<property fmtid="{D5CDD505-2E9C-101B-9397-08002B2CF9AE}" pid="2" name="KSOProductBuildVer"><vt:lpwstr>2052-12.1.0.17147</vt:lpwstr></property>' +
      '<property fmtid="{D5CDD505-2E9C-101B-9397-08002B2CF9AE}" pid="3" name="ICV"><vt:lpwstr>3F1E2D4C5B6A79880A1B2C3D4E5F6071</vt:lpwstr></property>' +
      '</Properties>',
    'xl/workbook.xml':
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n' +
      '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">' +
      '<workbookPr/><bookViews><workbookView windowWidth="28800" windowHeight="12540"/></bookViews>' +
      '<sheets><sheet name="指标数据" sheetId="1" r:id="rId1"/></sheets><calcPr calcId="191029"/></workbook>',
    'xl/_rels/workbook.xml.rels':
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n' +
      '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
      '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>' +
      '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>' +
      '</Relationships>',
    'xl/styles.xml':
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n' +
      '<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">' +
      '<fonts count="2"><font><sz val="11"/><color theme="1"/><name val="宋体"/><charset val="134"/><scheme val="minor"/></font>' +
      '<font><b/><sz val="11"/><color theme="1"/><name val="宋体"/><charset val="134"/><scheme val="minor"/></font></fonts>' +
      '<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>' +
      '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>' +
      '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"><alignment vertical="center"/></xf></cellStyleXfs>' +
      '<cellXfs count="2"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"><alignment vertical="center"/></xf>' +
      '<xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"><alignment horizontal="center" vertical="center"/></xf></cellXfs>' +
      '<cellStyles count="1"><cellStyle name="常规" xfId="0" builtinId="0"/></cellStyles></styleSheet>',
    'xl/worksheets/sheet1.xml': sheet,
  };
  const zip = new JSZip();
  for (const [name, text] of Object.entries(files)) zip.file(name, text, { date: FIXED_DATE });
  const bytes = normaliseZipTimes(
    await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE', compressionOptions: { level: 6 } }),
  );

  // exceljs must still read it: every data cell in its column, the shared formula with its result.
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(bytes as unknown as ArrayBuffer);
    const ws = wb.getWorksheet('指标数据');
    const got = ws?.getCell('D4').value;
    const seq = ws?.getCell('A6').value as ExcelJS.CellSharedFormulaValue | undefined;
    const ok =
      ws?.getCell('C2').value === T.JJ01 &&
      ws.getCell('F6').value === budget.JJ05 &&
      typeof got === 'object' &&
      got !== null &&
      'result' in got &&
      got.result === office('JJ03')[0] &&
      seq?.result === 5;
    return ok ? { bytes } : { bytes, note: 'exceljs loads this file but misplaces or loses cells.' };
  } catch (e) {
    return { bytes, note: `exceljs cannot load this file: ${(e as Error).message}` };
  }
}

import type ExcelJS from 'exceljs';
import { displayWidth } from '../../../shared/domain/text';

/**
 * The look every workbook the app writes shares (results, templates): 宋体 body, 黑体 titles,
 * thin black grid, A4 one page wide with 第 X 页 共 Y 页 — what an official form looks like,
 * and what survives black-and-white printing.
 */

export const FONT = 'SimSun';
export const TITLE_FONT = 'SimHei';
/** GB2312: tells Excel and WPS the fonts are Chinese ones when the named font is missing. */
export const CHARSET = 134;
export const BODY: Partial<ExcelJS.Font> = { name: FONT, size: 11, charset: CHARSET };
export const THIN: Partial<ExcelJS.Border> = { style: 'thin', color: { argb: 'FF000000' } };
export const THICK: Partial<ExcelJS.Border> = { style: 'medium', color: { argb: 'FF000000' } };
export const GRID: Partial<ExcelJS.Borders> = { top: THIN, left: THIN, bottom: THIN, right: THIN };
export const HEADER_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFF2F2F2' } };

export type Align = 'left' | 'center' | 'right';

/**
 * Text Excel or WPS would read as a formula (or a DDE call) when the cell is edited or the sheet
 * is saved as CSV: = + - @, and the tab or line break some tools strip before looking.
 */
export const FORMULA_LIKE = /^[=+\-@\t\r\n]/;

/**
 * Writes a value into a cell: numbers as numbers, text always as a plain string. Text that looks
 * like a formula also gets the Text number format (@), so that editing the cell in Excel or WPS
 * keeps it text. (exceljs 4.4 cannot write the quotePrefix style attribute.)
 */
export function put(cell: ExcelJS.Cell, value: string | number | null): void {
  if (value === null) return;
  cell.value = value;
  if (typeof value === 'string' && FORMULA_LIKE.test(value)) cell.numFmt = '@';
}

/** A line of text across the table's width (title, subtitle, legend, notes). */
export function banner(
  ws: ExcelJS.Worksheet,
  row: number,
  cols: number,
  text: string,
  o: { size?: number; bold?: boolean; font?: string; align?: Align; height?: number } = {},
): ExcelJS.Cell {
  if (cols > 1) ws.mergeCells(row, 1, row, cols);
  const cell = ws.getCell(row, 1);
  put(cell, text);
  cell.font = { name: o.font ?? FONT, size: o.size ?? 10.5, bold: o.bold === true, charset: CHARSET };
  cell.alignment = { horizontal: o.align ?? 'left', vertical: 'middle', wrapText: true };
  ws.getRow(row).height = o.height ?? Math.max(18, Math.ceil(displayWidth(text) / (cols * 12)) * 16);
  return cell;
}

const FOOTER = '&C&"SimSun,Regular"&10第 &P 页 共 &N 页';

/**
 * A4, one page wide, centred, 第 X 页 共 Y 页 at the foot; `titles` repeat on every page.
 * Landscape unless told otherwise.
 */
export function printSetup(
  ws: ExcelJS.Worksheet,
  titles?: { first: number; last: number },
  orientation: 'landscape' | 'portrait' = 'landscape',
): void {
  ws.pageSetup = {
    paperSize: 9,
    orientation,
    fitToPage: true,
    fitToWidth: 1,
    fitToHeight: 0,
    horizontalCentered: true,
    // Each sheet is a document of its own: 第 1 页 again, not where the previous sheet stopped.
    firstPageNumber: 1,
    margins: { left: 0.5, right: 0.5, top: 0.6, bottom: 0.7, header: 0.3, footer: 0.3 },
    ...(titles ? { printTitlesRow: `${titles.first}:${titles.last}` } : {}),
  };
  ws.headerFooter = { oddFooter: FOOTER };
}

export function setWidths(ws: ExcelJS.Worksheet, widths: number[]): void {
  widths.forEach((w, i) => (ws.getColumn(i + 1).width = w));
}

import ExcelJS from 'exceljs';
import { readFile } from 'node:fs/promises';
import { basename, extname } from 'node:path';
import type { Cell, SheetGrid, WorkbookGrid } from '../../../shared/import/grid';

/** A file that cannot be read as a workbook; the message says what to do, in Chinese. */
export class WorkbookReadError extends Error {
  constructor(
    readonly file: string,
    message: string,
  ) {
    super(message);
  }
}

const LEGACY = new Set(['.xls', '.et', '.ett', '.xlt']);

/** Turns an exceljs cell value into the plain grid cell the pure mappers read. */
export function toCell(value: ExcelJS.CellValue): Cell {
  if (value === null || value === undefined) return null;
  if (typeof value === 'number') return { kind: 'number', value };
  if (typeof value === 'string') return value === '' ? null : { kind: 'text', value };
  if (typeof value === 'boolean') return { kind: 'bool', value };
  if (value instanceof Date) return { kind: 'date', value: value.toISOString().slice(0, 10) };
  if (typeof value === 'object') {
    if ('error' in value) return { kind: 'error', value: String(value.error) };
    if ('richText' in value) return { kind: 'text', value: value.richText.map((r) => r.text).join('') };
    if ('formula' in value || 'sharedFormula' in value) {
      const result = (value as { result?: ExcelJS.CellValue }).result;
      if (result === undefined)
        return { kind: 'formula', formula: String((value as { formula?: string }).formula ?? '') };
      return toCell(result);
    }
    if ('text' in value) {
      const t = (value as { text: unknown }).text;
      if (typeof t === 'string') return t === '' ? null : { kind: 'text', value: t };
      return toCell(t as ExcelJS.CellValue);
    }
  }
  return { kind: 'text', value: String(value) };
}

/** Reads every sheet of an .xlsx into a grid; merged cells give their master's value. */
export async function readWorkbook(file: string, data?: Buffer): Promise<WorkbookGrid> {
  const name = basename(file);
  const ext = extname(file).toLowerCase();
  if (LEGACY.has(ext))
    throw new WorkbookReadError(
      name,
      `《${name}》是旧版 ${ext} 格式，请在 Excel 或 WPS 中“另存为” .xlsx 格式后再导入`,
    );
  const bytes = data ?? (await readFile(file));
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch (e) {
    const isZip = bytes.length >= 4 && bytes[0] === 0x50 && bytes[1] === 0x4b;
    throw new WorkbookReadError(
      name,
      isZip
        ? `《${name}》无法读取（文件可能已损坏或不完整：${(e as Error).message}），请重新保存或重新发送该文件`
        : `《${name}》不是 .xlsx 格式的 Excel 文件，请在 Excel 或 WPS 中“另存为” .xlsx 后再导入`,
    );
  }
  const sheets: SheetGrid[] = [];
  wb.eachSheet((ws) => {
    const rows: Cell[][] = [];
    ws.eachRow({ includeEmpty: true }, (row, rowNumber) => {
      const cells: Cell[] = [];
      row.eachCell({ includeEmpty: true }, (cell, col) => {
        const value = cell.isMerged && cell.master !== cell ? cell.master.value : cell.value;
        cells[col - 1] = toCell(value);
      });
      for (let c = 0; c < cells.length; c++) if (cells[c] === undefined) cells[c] = null;
      rows[rowNumber - 1] = cells;
    });
    for (let r = 0; r < rows.length; r++) if (rows[r] === undefined) rows[r] = [];
    sheets.push({ name: ws.name, rows });
  });
  return { sheets };
}

/** The big workbooks of the import bench, written as the systems that export them write them. */
import { statSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { defaultRules } from '../shared/domain/rules';
import { writeXlsx } from './xlsx-writer';
import type { Scheme } from '../shared/domain/scheme';

const ROOT = join(import.meta.dirname, '..');
export const CITY_SCHEME = join(ROOT, 'fixtures', 'city', '2024年度综合考核方案.xlsx');
export const CITY_DATA = join(ROOT, 'fixtures', 'city', 'data');

/**
 * A long-form ratings sheet of the sample city with `rows` rows (every evaluator rates every unit in
 * every group once), written with exceljs's streaming writer, as an online survey system exports it.
 */
export async function writeBigRatings(file: string, rows: number): Promise<void> {
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useSharedStrings: true });
  const ws = wb.addWorksheet('评议');
  for (const row of ratingRows(rows)) ws.addRow(row).commit();
  ws.commit();
  await wb.commit();
}

/** The same sheet as writeBigRatings, written in a few seconds for a million rows (bench/xlsx-writer.ts). */
export const writeBigRatingsFast = (file: string, rows: number): Promise<void> =>
  writeXlsx(file, '评议', ratingRows(rows));

/** The header and `rows` rows of writeBigRatings's sheet. */
function* ratingRows(rows: number): Generator<string[]> {
  const units = [
    '东湖区',
    '澜江区',
    '新港区',
    '北岭区',
    '青石县',
    '白沙县',
    '凤栖县',
    '杏山县',
    '云岫县',
    '澜溪市',
  ];
  const groups = ['市级领导', '部门互评', '服务对象', '两代表一委员'];
  const grades = ['优秀', '良好', '一般', '较差'];
  yield ['评价人', '评价主体', '对象', '指标', '评价'];
  for (let i = 0; i < rows; i++)
    yield [
      `评价人${Math.floor(i / 40)}`,
      groups[i % 4] as string,
      units[Math.floor(i / 4) % 10] as string,
      '综合评议',
      grades[(i * 7) % 4] as string,
    ];
}

/**
 * A scheme of `targets` units in one category and `leaves` efficacy leaves (a statistics bureau's
 * indicators), each worth an equal share of 100 points.
 */
export function wideScheme(targets: number, leaves: number): Scheme {
  return {
    name: 'bench',
    rules: defaultRules(),
    categories: [{ code: 'K1', name: '类别1' }],
    targets: Array.from({ length: targets }, (_, i) => ({
      code: `U${i + 1}`,
      name: `单位${i + 1}`,
      aliases: [],
      category: 'K1',
      exemptReason: null,
      parent: null,
    })),
    indicators: [
      {
        code: 'A',
        name: '一级A',
        parent: null,
        method: null,
        direction: '+',
        params: {},
        provider: null,
        weights: {},
      },
      ...Array.from({ length: leaves }, (_, i) => ({
        code: `L${i + 1}`,
        name: `指标${i + 1}`,
        parent: 'A',
        method: 'efficacy' as const,
        direction: '+' as const,
        params: {},
        provider: '市统计局',
        weights: { K1: 100 / leaves },
      })),
    ],
    groups: [{ code: 'LD', name: '市级领导', weight: 1 }],
  };
}

/** The wide indicator-data sheet of wideScheme: a row per unit, a column per leaf, as a statistics bureau exports it. */
export async function writeWideValues(file: string, targets: number, leaves: number): Promise<void> {
  const scheme = wideScheme(targets, leaves);
  const cols = scheme.indicators.filter((i) => i.method !== null);
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useSharedStrings: true });
  const ws = wb.addWorksheet('指标数据');
  ws.addRow(['对象编码', '对象名称', ...cols.map((c) => c.name)]).commit();
  scheme.targets.forEach((t, r) =>
    ws.addRow([t.code, t.name, ...cols.map((_, k) => Math.round((r * 7 + k * 13) % 1000) / 10)]).commit(),
  );
  ws.commit();
  await wb.commit();
}

export const fileSizeMB = (f: string) => statSync(f).size / 1024 / 1024;

import { execFileSync } from 'node:child_process';
import { statSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';

const ROOT = join(import.meta.dirname, '..');
export const CITY_SCHEME = join(ROOT, 'fixtures', 'city', '2024年度综合考核方案.xlsx');

/**
 * A long-form ratings sheet of the sample city with `rows` rows (every evaluator rates every unit in
 * every group once), written with exceljs's streaming writer, as an online survey system exports it.
 */
export async function writeBigRatings(file: string, rows: number): Promise<void> {
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
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useSharedStrings: true });
  const ws = wb.addWorksheet('评议');
  ws.addRow(['评价人', '评价主体', '对象', '指标', '评价']).commit();
  for (let i = 0; i < rows; i++)
    ws.addRow([
      `评价人${Math.floor(i / 40)}`,
      groups[i % 4],
      units[Math.floor(i / 4) % 10],
      '综合评议',
      grades[(i * 7) % 4],
    ]).commit();
  ws.commit();
  await wb.commit();
}

/** Runs bench/import-child.ts in a fresh process and reads its measurement. */
export function measure(
  mode: 'exceljs' | 'import',
  file: string,
): { ms: number; maxRssMB: number; rows: number } {
  const out = execFileSync(
    process.execPath,
    ['--import', 'tsx', join(ROOT, 'bench', 'import-child.ts'), mode, file, CITY_SCHEME],
    {
      cwd: ROOT,
      encoding: 'utf8',
      maxBuffer: 1 << 20,
    },
  );
  return JSON.parse(out.trim().split('\n').at(-1) as string) as {
    ms: number;
    maxRssMB: number;
    rows: number;
  };
}

export const fileSizeMB = (f: string) => statSync(f).size / 1024 / 1024;

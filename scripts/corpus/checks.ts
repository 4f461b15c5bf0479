import { readFileSync } from 'node:fs';
import ExcelJS from 'exceljs';
import { ALIASES, G, GRADE_WORDS, I, SCHEME_FILE, T, type WildEntry } from './common';

// ---------------------------------------------------------------------------------------------
// Checks against the scheme workbook: the names and codes these files use are the city's

export async function checkAgainstScheme(): Promise<void> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(readFileSync(SCHEME_FILE) as unknown as ArrayBuffer);
  const text = (v: ExcelJS.CellValue) => (v === null || v === undefined ? '' : String(v));
  const targets = new Map<string, { name: string; aliases: string[] }>();
  wb.getWorksheet('考核对象')?.eachRow((r, n) => {
    if (n > 1)
      targets.set(text(r.getCell(1).value), {
        name: text(r.getCell(2).value),
        aliases: text(r.getCell(3).value)
          .split('、')
          .filter((a) => a !== ''),
      });
  });
  const indicators = new Map<string, string>();
  wb.getWorksheet('指标体系')?.eachRow((r, n) => {
    if (n > 1) indicators.set(text(r.getCell(1).value), text(r.getCell(3).value));
  });
  const groups = new Map<string, string>();
  wb.getWorksheet('评价主体')?.eachRow((r, n) => {
    if (n > 1) groups.set(text(r.getCell(1).value), text(r.getCell(2).value));
  });
  for (const [code, name] of Object.entries(T))
    if (targets.get(code)?.name !== name) throw new Error(`target ${code} ${name} is not the scheme's`);
  for (const [alias, code] of Object.entries(ALIASES))
    if (!targets.get(code)?.aliases.includes(alias)) throw new Error(`${alias} is no alias of ${code}`);
  for (const [code, name] of Object.entries(I))
    if (indicators.get(code) !== name) throw new Error(`indicator ${code} ${name} is not the scheme's`);
  for (const [code, name] of Object.entries(G))
    if (groups.get(code) !== name) throw new Error(`group ${code} ${name} is not the scheme's`);
  const rules: string[] = [];
  wb.getWorksheet('规则')?.eachRow((r) => rules.push(text(r.getCell(2).value)));
  for (const w of GRADE_WORDS)
    if (!rules.some((v) => v.includes(`${w}=`))) throw new Error(`grade ${w} is not in the scheme's rules`);
}

/** Expected data must be valid for its leaf: direct values on 0–100, counts non-negative integers, ratings on 0–100. */
export function checkExpect(entries: WildEntry[]): void {
  for (const e of entries)
    for (const x of e.expect) {
      if (!(x.target in T)) throw new Error(`${e.file}: unknown target ${x.target}`);
      if (!(x.indicator in I)) throw new Error(`${e.file}: unknown indicator ${x.indicator}`);
      if ('field' in x && ['B01', 'C01', 'C02'].includes(x.indicator) && x.value !== null)
        if (x.value < 0 || x.value > 100)
          throw new Error(`${e.file}: ${x.indicator} ${x.value} out of range`);
      if ('counts' in x)
        for (const n of Object.values(x.counts))
          if (!Number.isInteger(n) || n < 0) throw new Error(`${e.file}: bad count ${n}`);
      if ('grade' in x && typeof x.grade === 'number' && (x.grade < 0 || x.grade > 100))
        throw new Error(`${e.file}: rating ${x.grade} out of range`);
    }
}

/**
 * `appraisal report 工作区.db --cycle 周期 --xlsx|--pdf|--html 文件`: the stored result as a
 * print-ready workbook, or the ranking report printed by Chromium.
 */
import type { Cycle } from '../../shared/domain/cycle';
import type { Services } from '../main/services';
import type { ReportRequest } from '../main/services/export-service';
import type { CliIo } from './cli';
import type { Command } from './args';
import { EXIT, UsageError, checkOutput, need, parse, str } from './args';

export const reportCommand: Command = async (args, io, path) => {
  const { values, positionals } = parse(args, {
    cycle: { type: 'string' },
    xlsx: { type: 'string' },
    pdf: { type: 'string' },
    html: { type: 'string' },
    office: { type: 'string' },
    date: { type: 'string' },
    confidential: { type: 'boolean' },
    'no-cards': { type: 'boolean' },
    target: { type: 'string' },
  });
  const [dbFile] = positionals;
  const outputs = (['xlsx', 'pdf', 'html'] as const).filter((k) => str(values, k));
  if (!dbFile || positionals.length > 1 || outputs.length !== 1)
    throw new UsageError(
      '用法：appraisal report 工作区.db --cycle 周期 (--xlsx 结果.xlsx | --pdf 报告.pdf | --html 报告.html)（三者选一）',
    );
  const cycleRef = need(values, 'cycle', '考核周期编号或名称');
  const format = outputs[0] as 'xlsx' | 'pdf' | 'html';
  const out = path(str(values, format) as string);
  checkOutput(out);
  const date = str(values, 'date');
  const request = {
    office: str(values, 'office'),
    date: date === undefined ? undefined : parseDate(date),
    confidential: values.confidential === true,
    cards: values['no-cards'] !== true,
  };
  if (format === 'xlsx' && (values.target || values.confidential || values['no-cards']))
    throw new UsageError('--target、--confidential、--no-cards 只用于 --pdf 和 --html 报告');
  const [{ withWorkspace, orRefuse }, { createTargetMatcher }] = await Promise.all([
    import('./workspace'),
    import('../../shared/import/matchers'),
  ]);
  return await withWorkspace(path(dbFile), io, async (s) => {
    const cycle = orRefuse(io, s.cycles.resolve(cycleRef));
    if (!cycle) return EXIT.refused;
    if (format === 'xlsx') return exportXlsx(s, io, cycle, out, request.office, request.date);
    const who = str(values, 'target');
    let target: string | null = null;
    if (who) {
      const found = createTargetMatcher(s.cycles.scheme(cycle.id).targets).match(who);
      if (!found) {
        io.err(`考核周期“${cycle.name}”中没有考核对象“${who}”（可写编码、名称或别名）`);
        return EXIT.refused;
      }
      target = found.target.code;
    }
    return exportReport(s, io, cycle, out, format, { ...request, target });
  });
};

/** Writes the stored current result of a cycle as the Excel results workbook (SPEC §7). */
export async function exportXlsx(
  s: Services,
  io: CliIo,
  cycle: Cycle,
  file: string,
  office?: string,
  date?: Date,
): Promise<number> {
  const { refused } = await import('./workspace');
  const r = await s.exports.exportResultsXlsx(cycle.id, file, { issuingOffice: office, date });
  if (!r.ok) return refused(io, r.error);
  io.out(`结果表已写入 ${r.value.file}`);
  return EXIT.done;
}

/** The ranking report (or one unit's score card) printed by Chromium, as a PDF or an HTML file. */
export async function exportReport(
  s: Services,
  io: CliIo,
  cycle: Cycle,
  file: string,
  format: 'pdf' | 'html',
  request: ReportRequest,
): Promise<number> {
  const [{ refused }, { NoChromiumError, createChromiumPrinter }] = await Promise.all([
    import('./workspace'),
    import('../main/report/chromium'),
  ]);
  const printer = (io.printer ?? createChromiumPrinter)();
  try {
    const r = await s.exports.exportReport(cycle.id, file, format, printer, request);
    if (!r.ok) return refused(io, r.error);
    io.out(
      format === 'pdf'
        ? `报告已写入 ${r.value.file}（A4，共 ${r.value.pages} 页）`
        : `报告已写入 ${r.value.file}（可用浏览器打开和打印，共 ${r.value.pages} 页）`,
    );
    return EXIT.done;
  } catch (e) {
    if (e instanceof NoChromiumError) {
      io.err(e.message);
      return EXIT.refused;
    }
    throw e;
  } finally {
    await printer.close();
  }
}

/** --date 2025-01-15 (or 2025年1月15日) as a calendar date. */
function parseDate(text: string): Date {
  const m = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$/.exec(text.trim());
  const d = m ? new Date(Number(m[1]), Number(m[2]) - 1, Number(m[3])) : null;
  if (!d || d.getMonth() !== Number(m?.[2]) - 1 || d.getDate() !== Number(m?.[3]))
    throw new UsageError(`--date ${text} 不是日期：请写成 2025-01-15`);
  return d;
}

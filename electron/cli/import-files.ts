/**
 * `appraisal import 工作区.db --cycle 周期 数据…`: returned workbooks into a cycle, all or nothing;
 * a refusal lists every problem and the commands that would fix it, ready to copy.
 */
import type { Cycle } from '../../shared/domain/cycle';
import type { Services } from '../main/services';
import type { FileReport } from '../main/services/import-service';
import type { CliIo } from './cli';
import type { Command } from './args';
import { EXIT, UsageError, need, parse } from './args';
import { expandFiles } from './files';
import { FIELD_NAMES } from './mapping';

export const importCommand: Command = async (args, io, path) => {
  const { values, positionals } = parse(args, {
    cycle: { type: 'string' },
    'dry-run': { type: 'boolean' },
  });
  const [dbFile, ...files] = positionals;
  if (!dbFile || files.length === 0)
    throw new UsageError('用法：appraisal import 工作区.db --cycle 周期 数据.xlsx…');
  const cycleRef = need(values, 'cycle', '考核周期编号或名称');
  const { withWorkspace, orRefuse } = await import('./workspace');
  return await withWorkspace(path(dbFile), io, async (s) => {
    const cycle = orRefuse(io, s.cycles.resolve(cycleRef));
    if (!cycle) return EXIT.refused;
    return importInto(s, io, cycle, expandFiles(files, io.cwd), values['dry-run'] === true, dbFile);
  });
};

/** Imports files into a cycle of an open workspace (`import`, and `run` after its scheme). */
export async function importInto(
  s: Services,
  io: CliIo,
  cycle: Cycle,
  files: string[],
  dryRun: boolean,
  dbLabel = '工作区.db',
): Promise<number> {
  const [{ refused }, { importReportText }] = await Promise.all([import('./workspace'), import('./format')]);
  const r = await s.imports.importFiles(cycle, files, { dryRun, atomic: 'all' });
  if (!r.ok) return refused(io, r.error);
  const text = importReportText(r.value.files, dryRun);
  const bad = r.value.files.filter((f) => !f.accepted);
  if (bad.length > 0) {
    io.err(text);
    const fixes = fixCommands(r.value.files, dbLabel, cycle.name);
    const cellProblems = bad.some((f) =>
      f.issues.some((i) => i.level === 'error' && i.fix?.kind !== 'withdraw'),
    );
    io.err(
      `\n${bad.length} 个文件有问题，本次未写入任何数据。${cellProblems ? '请按上面列出的单元格逐一改正后重新导入。' : ''}`,
    );
    if (fixes.remember.length > 0)
      io.err(
        `\n如确认以下写法指的是建议的单位或指标，可让系统记住（之后重新导入即可）：\n${fixes.remember.map((c) => `  ${c}`).join('\n')}`,
      );
    if (fixes.withdraw.length > 0)
      io.err(
        `\n如确要以本次的文件为准，先撤回原来的批次（撤回的批次留在历史中，可以恢复），再重新导入：\n${fixes.withdraw.map((c) => `  ${c}`).join('\n')}`,
      );
    return EXIT.refused;
  }
  io.out(text);
  return EXIT.done;
}

/** Quotes a command-line argument when the shell needs it. */
const arg = (x: string) =>
  /^[\w.\-/\\:\u3001-\u303f\u4e00-\u9fff\uff01-\uffef]+$/.test(x) ? x : `"${x.replace(/"/g, '\\"')}"`;

/** How the operator runs this program: `appraisal`, or from a checkout `npm run appraisal --`. */
const PROG = process.env.npm_lifecycle_event === 'appraisal' ? 'npm run appraisal --' : 'appraisal';

/**
 * The commands an import's refusal suggests, ready to copy: remembering near misses (aliases,
 * columns), and withdrawing a batch this file should replace.
 */
function fixCommands(
  files: readonly FileReport[],
  dbFile: string,
  cycle: string,
): { remember: string[]; withdraw: string[] } {
  const remember = new Set<string>();
  const withdraw = new Set<string>();
  for (const f of files)
    for (const { fix } of f.issues) {
      if (!fix) continue;
      if (fix.kind === 'alias')
        remember.add(`${PROG} alias add ${arg(dbFile)} --cycle ${arg(cycle)} ${fix.target} ${arg(fix.text)}`);
      else if (fix.kind === 'column')
        remember.add(
          `${PROG} column map ${arg(dbFile)} --cycle ${arg(cycle)} ${arg(fix.header)} ${fix.indicator}${fix.field === 'value' ? '' : ` --field ${FIELD_NAMES[fix.field]}`}`,
        );
      else
        withdraw.add(
          `${PROG} batch withdraw ${arg(dbFile)} ${fix.batch} --reason ${arg(`以《${f.file}》代替《${fix.file}》`)}`,
        );
    }
  return { remember: [...remember], withdraw: [...withdraw] };
}

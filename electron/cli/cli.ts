import { existsSync, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir, userInfo } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import type { Cycle, CycleKind } from '../../shared/domain/cycle';
import {
  BATCH_STATUS_LABELS,
  CYCLE_KINDS,
  CYCLE_KIND_LABELS,
  CYCLE_STATUS_LABELS,
  DATA_KIND_LABELS,
} from '../../shared/domain/cycle';
import type { PreviousCycle } from '../../shared/domain/data';
import { AUDIT_ACTION_LABELS, describeAudit } from '../../shared/domain/audit';
import type { AppError, Result } from '../../shared/contract/result';
import { previousFromResultJson, toResultJson } from '../../shared/engine/result-json';
import type { Db } from '../main/db/open';
import { openDatabase } from '../main/db/open';
import { createServices } from '../main/services';
import type { Services } from '../main/services';
import { explainText, importReportText, issuesText, localTime, rankingText, sensitivityText } from './format';
import { createTargetMatcher } from '../../shared/import/matchers';
import { textTable } from './text-table';
import { readErrorText } from '../main/services/read-error';
import type { FileReport } from '../main/services/import-service';
import type { ValueField } from '../../shared/domain/issue';
import type { ReportRequest } from '../main/services/export-service';
import { NoChromiumError, createChromiumPrinter } from '../main/report/chromium';
import type { ReportPrinter } from '../main/report/printer';
import { weightsCommand } from './weights';
import { EXIT, UsageError, checkOutput, need, parse, str } from './args';

export { EXIT } from './args';

export interface CliIo {
  out: (text: string) => void;
  err: (text: string) => void;
  cwd: string;
  clock: () => Date;
  operator: string;
  /** What prints PDF and HTML reports (default: headless Chromium of this computer). */
  printer?: () => ReportPrinter;
}

export const USAGE = `综合考核工作台 命令行 (appraisal)

用法:
  appraisal run 方案.xlsx 数据.xlsx|文件夹… [--db 文件] [--name 名称] [--json 结果.json] [--xlsx 结果.xlsx] [--pdf 报告.pdf] [--previous 上年结果.json]
  appraisal init 工作区.db
  appraisal scheme import 工作区.db 方案.xlsx [--name 名称] [--previous 周期] [--kind annual|ordinary|special]
  appraisal template 工作区.db --cycle 周期 --out 文件夹 [--force]   （生成发给各单位的填报模板）
  appraisal import 工作区.db --cycle 周期 数据.xlsx|文件夹… [--dry-run]
  appraisal compute 工作区.db --cycle 周期 [--json 结果.json]
  appraisal explain 工作区.db --cycle 周期 对象       （得分说明：为什么是这个名次）
  appraisal sensitivity 工作区.db --cycle 周期 [--draws 10000] [--delta 0.1] [--seed 种子] [--json 结果.json]
        （稳健性：各指标分值在 ±δ 内随机变动时，各单位落入末位、评为优秀的概率和名次区间）
  appraisal report 工作区.db --cycle 周期 (--xlsx 结果.xlsx | --pdf 报告.pdf | --html 报告.html) [--office 制表单位]
        [--date 2025-01-15] [--confidential] [--no-cards] [--target 对象]   （结果表或排名报告；--target 只印该单位的得分明细）
  appraisal cycle list 工作区.db
  appraisal cycle copy 工作区.db --from 周期 --name 新名称
  appraisal cycle link 工作区.db --cycle 周期 --previous 上一周期
  appraisal alias add|remove 工作区.db --cycle 周期 对象 别名      （记住：某单位的另一种写法）
  appraisal column map 工作区.db --cycle 周期 表头 指标 [--field 目标值|基期值]   （记住：某列对应的指标）
  appraisal column unmap 工作区.db --cycle 周期 表头
  appraisal mapping list 工作区.db --cycle 周期
  appraisal batch list 工作区.db --cycle 周期
  appraisal batch withdraw|restore 工作区.db 批次号 --reason 原因
  appraisal audit verify 工作区.db
  appraisal audit list 工作区.db [--cycle 周期]
  appraisal weights ahp 判断矩阵.json [--json 权重.json]   （层次分析法；"matrices" 给多位专家的矩阵时按元素几何平均）
  appraisal weights entropy|critic 数据.json [--json 权重.json]   （熵权法、CRITIC：按数据定权）

“周期”可写周期编号或名称。数据可给文件夹（导入其中全部工作簿）或 *.xlsx 这样的通配符。
run 不给 --db 时使用临时工作区，结束后删除。
PDF 和 HTML 报告由本机的 Chromium、Chrome 或 Edge 排版（找不到时可用环境变量 APPRAISAL_CHROMIUM 指明）。
退出码: 0 完成；1 输入被拒绝（已列出全部问题，未写入任何内容）；2 用法错误；3 程序内部错误。`;

const DATA_FILE = /\.(xlsx|xlsm|xls|et|csv)$/i;

/**
 * Files named on the command line: a folder stands for the workbooks in it (sorted by name), and a
 * `*` or `?` in a file name is expanded here, sorted (Windows' cmd leaves patterns to the program).
 * Otherwise in the order given, each once.
 */
export function expandFiles(args: readonly string[], cwd: string): string[] {
  const out = new Set<string>();
  for (const arg of args) {
    const full = resolve(cwd, arg);
    if (existsSync(full) && statSync(full).isDirectory()) {
      for (const f of readdirSync(full).sort())
        if (DATA_FILE.test(f) && !f.startsWith('~$')) out.add(join(full, f));
      continue;
    }
    const name = basename(full);
    if (/[*?]/.test(name) && existsSync(dirname(full))) {
      const re = new RegExp(
        `^${name
          .replace(/[.+^${}()|[\]\\]/g, '\\$&')
          .replace(/\*/g, '.*')
          .replace(/\?/g, '.')}$`,
        'i',
      );
      const hits = readdirSync(dirname(full))
        .filter((f) => re.test(f))
        .sort();
      for (const f of hits) out.add(join(dirname(full), f));
      if (hits.length > 0) continue;
    }
    out.add(full);
  }
  return [...out];
}

/** Runs one command line; returns the exit code. Never throws. */
export async function runCli(argv: string[], io: CliIo): Promise<number> {
  const path = (p: string) => resolve(io.cwd, p);
  try {
    const [cmd, ...rest] = argv;
    const help = (a: string) => a === '--help' || a === '-h';
    if (cmd === undefined || cmd === 'help' || help(cmd) || rest.some(help)) {
      io.out(USAGE);
      return cmd === undefined ? EXIT.usage : EXIT.done;
    }
    switch (cmd) {
      case 'init': {
        const { positionals } = parse(rest, {});
        const file = positionals[0];
        if (!file) throw new UsageError('缺少工作区文件名');
        const existed = existsSync(path(file));
        let db: Db;
        try {
          mkdirSync(dirname(path(file)), { recursive: true });
          db = openDatabase(path(file));
        } catch (e) {
          io.err((e as Error).message);
          return EXIT.refused;
        }
        const version = db.pragma('user_version', { simple: true });
        db.close();
        io.out(
          existed
            ? `工作区 ${file} 已存在，已检查并升级到结构版本 ${version}`
            : `已建立工作区 ${file}（结构版本 ${version}）`,
        );
        return EXIT.done;
      }
      case 'scheme': {
        const [sub, ...args] = rest;
        if (sub !== 'import') throw new UsageError('用法：appraisal scheme import 工作区.db 方案.xlsx');
        const { values, positionals } = parse(args, {
          name: { type: 'string' },
          previous: { type: 'string' },
          kind: { type: 'string' },
        });
        const [dbFile, schemeFile] = positionals;
        if (!dbFile || !schemeFile) throw new UsageError('用法：appraisal scheme import 工作区.db 方案.xlsx');
        const kind = str(values, 'kind');
        if (kind !== undefined && !(CYCLE_KINDS as readonly string[]).includes(kind))
          throw new UsageError('--kind 应为 annual（年度）、ordinary（平时）或 special（专项）');
        return await withWorkspace(
          path(dbFile),
          io,
          async (s) => {
            const r = await s.cycles.importScheme(path(schemeFile), {
              name: str(values, 'name'),
              previous: str(values, 'previous'),
              kind: kind as CycleKind | undefined,
            });
            if (!r.ok) return refused(io, r.error);
            const { cycle, scheme } = r.value;
            io.out(
              `已建立考核周期“${cycle.name}”（编号 ${cycle.id}）：${scheme.categories.length} 个类别，${scheme.targets.length} 个考核对象，${scheme.indicators.length} 个指标，${scheme.groups.length} 个评价主体`,
            );
            return EXIT.done;
          },
          { create: true },
        );
      }
      case 'import': {
        const { values, positionals } = parse(rest, {
          cycle: { type: 'string' },
          'dry-run': { type: 'boolean' },
        });
        const [dbFile, ...files] = positionals;
        if (!dbFile || files.length === 0)
          throw new UsageError('用法：appraisal import 工作区.db --cycle 周期 数据.xlsx…');
        const cycleRef = need(values, 'cycle', '考核周期编号或名称');
        return await withWorkspace(path(dbFile), io, async (s) => {
          const cycle = orRefuse(io, s.cycles.resolve(cycleRef));
          if (!cycle) return EXIT.refused;
          return importInto(s, io, cycle, expandFiles(files, io.cwd), values['dry-run'] === true, dbFile);
        });
      }
      case 'compute': {
        const { values, positionals } = parse(rest, { cycle: { type: 'string' }, json: { type: 'string' } });
        const [dbFile] = positionals;
        if (!dbFile)
          throw new UsageError('用法：appraisal compute 工作区.db --cycle 周期 [--json 结果.json]');
        const cycleRef = need(values, 'cycle', '考核周期编号或名称');
        const json = str(values, 'json');
        if (json) checkOutput(path(json));
        return await withWorkspace(path(dbFile), io, async (s) => {
          const cycle = orRefuse(io, s.cycles.resolve(cycleRef));
          if (!cycle) return EXIT.refused;
          return computeAndPrint(s, io, cycle, { json: json && path(json) });
        });
      }
      case 'explain': {
        const { values, positionals } = parse(rest, { cycle: { type: 'string' } });
        const [dbFile, who] = positionals;
        if (!dbFile || !who)
          throw new UsageError('用法：appraisal explain 工作区.db --cycle 周期 对象编码或名称');
        const cycleRef = need(values, 'cycle', '考核周期编号或名称');
        return await withWorkspace(
          path(dbFile),
          io,
          async (s) => {
            const cycle = orRefuse(io, s.cycles.resolve(cycleRef));
            if (!cycle) return EXIT.refused;
            const current = s.compute.current(cycle.id);
            if (!current) {
              io.err(`考核周期“${cycle.name}”还没有计算结果，请先运行 compute`);
              return EXIT.refused;
            }
            const scheme = s.cycles.scheme(cycle.id);
            const found = createTargetMatcher(scheme.targets).match(who);
            const target = found && current.result.targets.find((t) => t.code === found.target.code);
            if (!target) {
              io.err(`考核周期“${cycle.name}”中没有考核对象“${who}”（可写编码、名称或别名）`);
              return EXIT.refused;
            }
            if (current.stale) io.out('注意：计算之后数据或方案有改动，以下为上次计算的结果，请重新计算。\n');
            io.out(explainText(current.result, scheme, target));
            return EXIT.done;
          },
          {},
        );
      }
      case 'report': {
        const { values, positionals } = parse(rest, {
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
      }
      case 'template': {
        const { values, positionals } = parse(rest, {
          cycle: { type: 'string' },
          out: { type: 'string' },
          force: { type: 'boolean' },
        });
        const [dbFile] = positionals;
        if (!dbFile || positionals.length > 1)
          throw new UsageError('用法：appraisal template 工作区.db --cycle 周期 --out 文件夹 [--force]');
        const cycleRef = need(values, 'cycle', '考核周期编号或名称');
        const out = path(need(values, 'out', '模板要写入的文件夹'));
        return await withWorkspace(path(dbFile), io, async (s) => {
          const cycle = orRefuse(io, s.cycles.resolve(cycleRef));
          if (!cycle) return EXIT.refused;
          const r = await s.templates.write(cycle.id, out, { overwrite: values.force === true });
          if (!r.ok) return refused(io, r.error);
          io.out(`已在 ${r.value.dir} 生成 ${r.value.files.length} 个模板：`);
          io.out(
            textTable(
              ['文件', '类型', '行数', '填写列'],
              r.value.files.map((f) => [
                basename(f.file),
                DATA_KIND_LABELS[f.kind],
                String(f.rows),
                String(f.inputs),
              ]),
              ['left', 'left', 'right', 'right'],
            ),
          );
          return EXIT.done;
        });
      }
      case 'run':
        return await runAll(rest, io, path);
      case 'sensitivity': {
        const { values, positionals } = parse(rest, {
          cycle: { type: 'string' },
          draws: { type: 'string' },
          delta: { type: 'string' },
          seed: { type: 'string' },
          json: { type: 'string' },
        });
        const [dbFile] = positionals;
        if (!dbFile)
          throw new UsageError(
            '用法：appraisal sensitivity 工作区.db --cycle 周期 [--draws 次数] [--delta 幅度] [--seed 种子] [--json 结果.json]',
          );
        const cycleRef = need(values, 'cycle', '考核周期编号或名称');
        const num = (k: string, what: string): number | undefined => {
          const v = str(values, k);
          if (v === undefined) return undefined;
          const x = Number(v.replace(/%$/, '')) / (v.endsWith('%') ? 100 : 1);
          if (v.trim() === '' || !Number.isFinite(x)) throw new UsageError(`--${k} 应为数字（${what}）`);
          return x;
        };
        const opts = {
          draws: num('draws', '抽样次数，如 10000'),
          delta: num('delta', '扰动幅度，如 0.1 或 10%'),
          seed: num('seed', '随机种子，整数'),
        };
        const json = str(values, 'json');
        if (json) checkOutput(path(json));
        return await withWorkspace(path(dbFile), io, async (s) => {
          const cycle = orRefuse(io, s.cycles.resolve(cycleRef));
          if (!cycle) return EXIT.refused;
          const r = orRefuse(
            io,
            s.weights.sensitivity(
              cycle.id,
              Object.fromEntries(Object.entries(opts).filter(([, v]) => v !== undefined)),
            ),
          );
          if (!r) return EXIT.refused;
          io.out(sensitivityText(r));
          if (json) {
            await writeFile(path(json), JSON.stringify(r, null, 2) + '\n', 'utf8');
            io.out(`分析结果已写入 ${path(json)}`);
          }
          return EXIT.done;
        });
      }
      case 'weights':
        return await weightsCommand(rest, io, path);
      case 'cycle':
        return await cycleCommand(rest, io, path);
      case 'batch':
        return await batchCommand(rest, io, path);
      case 'alias':
      case 'column':
      case 'mapping':
        return await mappingCommand(cmd, rest, io, path);
      case 'audit': {
        const [sub, ...args] = rest;
        const { values, positionals } = parse(args, { cycle: { type: 'string' } });
        if (!['verify', 'list'].includes(sub ?? '') || !positionals[0])
          throw new UsageError('用法：appraisal audit verify|list 工作区.db [--cycle 周期]');
        return await withWorkspace(
          path(positionals[0]),
          io,
          async (s) => {
            if (sub === 'list') return auditList(s, io, str(values, 'cycle'));
            const v = s.audit.verify();
            if (v.ok) {
              io.out(`审计日志完整：共 ${v.count} 条记录，哈希链无断裂。末条哈希（可抄下备查）：\n${v.head}`);
              return EXIT.done;
            }
            io.err(`审计日志已被改动：${v.reason}。前 ${v.count} 条记录完好。`);
            return EXIT.refused;
          },
          {},
        );
      }
      default:
        throw new UsageError(`未知命令“${cmd}”`);
    }
  } catch (e) {
    if (e instanceof UsageError) {
      io.err(`${e.message}\n\n${USAGE}`);
      return EXIT.usage;
    }
    io.err(`程序内部错误：${(e as Error).stack ?? String(e)}`);
    return EXIT.internal;
  }
}

/** The audit log as a table: when, who, what, and the entry's details in brief. */
function auditList(s: Services, io: CliIo, cycleRef: string | undefined): number {
  let cycleId: number | undefined;
  if (cycleRef !== undefined) {
    const c = orRefuse(io, s.cycles.resolve(cycleRef));
    if (!c) return EXIT.refused;
    cycleId = c.id;
  }
  const names = new Map(s.cycles.list().map((c) => [c.id, c.name]));
  const brief = (action: string, d: unknown) => describeAudit(action, d, (id) => names.get(id));
  const rows = s.audit
    .entries(cycleId)
    .map((e) => [
      localTime(e.at),
      e.operator,
      AUDIT_ACTION_LABELS[e.action] ?? e.action,
      e.cycleId === null ? '' : String(e.cycleId),
      brief(e.action, e.detail),
    ]);
  io.out(
    rows.length === 0 ? '审计日志中没有记录' : textTable(['时间', '操作人', '操作', '周期', '内容'], rows),
  );
  return EXIT.done;
}

async function withWorkspace(
  file: string,
  io: CliIo,
  body: (s: Services, db: Db) => Promise<number>,
  opts: { create?: boolean } = {},
): Promise<number> {
  const fresh = opts.create === true && !existsSync(file);
  // Only init, scheme import and run may make a new workspace: a mistyped path must not.
  if (!opts.create && !existsSync(file)) {
    io.err(`工作区文件 ${file} 不存在（新建工作区请用 appraisal init）`);
    return EXIT.refused;
  }
  let db: Db;
  try {
    db = openDatabase(file);
  } catch (e) {
    io.err((e as Error).message);
    return EXIT.refused;
  }
  let code: number = EXIT.internal;
  try {
    code = await body(createServices({ db, clock: io.clock, operator: io.operator }), db);
    return code;
  } finally {
    db.close();
    // a workspace made for a command that was refused holds nothing: it is not left behind
    if (fresh && code !== EXIT.done)
      for (const f of [file, `${file}-wal`, `${file}-shm`]) rmSync(f, { force: true });
  }
}

function refused(io: CliIo, error: AppError): number {
  io.err(error.message);
  if (error.issues?.length) io.err(issuesText(error.issues));
  return EXIT.refused;
}

function orRefuse<T>(io: CliIo, r: Result<T>): T | null {
  if (r.ok) return r.value;
  refused(io, r.error);
  return null;
}

async function importInto(
  s: Services,
  io: CliIo,
  cycle: Cycle,
  files: string[],
  dryRun: boolean,
  dbLabel = '工作区.db',
): Promise<number> {
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

async function computeAndPrint(
  s: Services,
  io: CliIo,
  cycle: Cycle,
  opts: { json?: string; previous?: PreviousCycle | null },
): Promise<number> {
  const r = s.compute.run(cycle.id, opts.previous === undefined ? {} : { previous: opts.previous });
  if (!r.ok) return refused(io, r.error);
  const { result, resultId } = r.value;
  if (resultId === null) {
    io.err(`考核周期“${cycle.name}”无法完成计算，结果未保存：`);
    io.err(issuesText(result.issues));
    return EXIT.refused;
  }
  io.out(rankingText(result));
  if (result.issues.length > 0) io.out(`\n${issuesText(result.issues)}`);
  io.out(`\n输入哈希 ${result.inputHash.slice(0, 16)}…，结果编号 ${resultId}`);
  if (opts.json) {
    await writeFile(opts.json, JSON.stringify(toResultJson(result), null, 2) + '\n', 'utf8');
    io.out(`结果已写入 ${opts.json}`);
  }
  return EXIT.done;
}

/** Writes the stored current result of a cycle as the Excel results workbook (SPEC §7). */
async function exportXlsx(
  s: Services,
  io: CliIo,
  cycle: Cycle,
  file: string,
  office?: string,
  date?: Date,
): Promise<number> {
  const r = await s.exports.exportResultsXlsx(cycle.id, file, { issuingOffice: office, date });
  if (!r.ok) return refused(io, r.error);
  io.out(`结果表已写入 ${r.value.file}`);
  return EXIT.done;
}

/** The ranking report (or one unit's score card) printed by Chromium, as a PDF or an HTML file. */
async function exportReport(
  s: Services,
  io: CliIo,
  cycle: Cycle,
  file: string,
  format: 'pdf' | 'html',
  request: ReportRequest,
): Promise<number> {
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

/** Reads an earlier result JSON as the previous cycle's ranks. */
async function readPrevious(
  file: string,
): Promise<{ ok: true; value: PreviousCycle } | { ok: false; message: string }> {
  let json: unknown;
  try {
    json = JSON.parse(await readFile(file, 'utf8'));
  } catch (e) {
    return { ok: false, message: `无法读取上年结果 ${file}：${readErrorText(e)}` };
  }
  const r = previousFromResultJson(json);
  return r.ok ? r : { ok: false, message: `上年结果 ${file} 有误：${r.message}` };
}

async function runAll(args: string[], io: CliIo, path: (p: string) => string): Promise<number> {
  const { values, positionals } = parse(args, {
    db: { type: 'string' },
    json: { type: 'string' },
    xlsx: { type: 'string' },
    previous: { type: 'string' },
    name: { type: 'string' },
    pdf: { type: 'string' },
  });
  const json = str(values, 'json');
  const pdf = str(values, 'pdf');
  if (pdf) checkOutput(path(pdf));
  if (json) checkOutput(path(json));
  const xlsx = str(values, 'xlsx');
  if (xlsx) checkOutput(path(xlsx));
  const [schemeFile, ...dataFiles] = positionals;
  if (!schemeFile)
    throw new UsageError('用法：appraisal run 方案.xlsx 数据.xlsx… [--db 文件] [--json 结果.json]');
  let previous: PreviousCycle | null | undefined;
  const prevFile = str(values, 'previous');
  if (prevFile) {
    const p = await readPrevious(path(prevFile));
    if (!p.ok) {
      io.err(p.message);
      return EXIT.refused;
    }
    previous = p.value;
  }
  const dbOpt = str(values, 'db');
  const tmp = dbOpt ? null : await mkdtemp(join(tmpdir(), 'appraisal-run-'));
  const dbFile = dbOpt ? path(dbOpt) : join(tmp as string, 'workspace.db');
  try {
    return await withWorkspace(
      dbFile,
      io,
      async (s) => {
        const created = await s.cycles.importScheme(path(schemeFile), { name: str(values, 'name') });
        if (!created.ok) return refused(io, created.error);
        const cycle = created.value.cycle;
        io.out(
          `考核周期“${cycle.name}”：${created.value.scheme.targets.length} 个考核对象，${created.value.scheme.categories.length} 个类别`,
        );
        if (dataFiles.length > 0) {
          const code = await importInto(s, io, cycle, expandFiles(dataFiles, io.cwd), false);
          if (code !== EXIT.done) return code;
        }
        io.out('');
        let code = await computeAndPrint(s, io, cycle, { json: json && path(json), previous });
        if (code === EXIT.done && xlsx) code = await exportXlsx(s, io, cycle, path(xlsx));
        if (code === EXIT.done && pdf) code = await exportReport(s, io, cycle, path(pdf), 'pdf', {});
        return code;
      },
      { create: true },
    );
  } finally {
    if (tmp) await rm(tmp, { recursive: true, force: true });
  }
}

async function cycleCommand(args: string[], io: CliIo, path: (p: string) => string): Promise<number> {
  const [sub, ...rest] = args;
  const { values, positionals } = parse(rest, {
    from: { type: 'string' },
    name: { type: 'string' },
    cycle: { type: 'string' },
    previous: { type: 'string' },
  });
  const dbFile = positionals[0];
  if (!dbFile || !['list', 'copy', 'link'].includes(sub ?? ''))
    throw new UsageError('用法：appraisal cycle list|copy|link 工作区.db …');
  return withWorkspace(path(dbFile), io, async (s) => {
    if (sub === 'list') {
      const list = s.cycles.list();
      if (list.length === 0) {
        io.out('工作区中还没有考核周期');
        return EXIT.done;
      }
      const name = (id: number | null) =>
        id === null ? '—' : (list.find((c) => c.id === id)?.name ?? String(id));
      io.out(
        textTable(
          ['编号', '名称', '类型', '状态', '上一周期', '建立时间'],
          list.map((c) => [
            String(c.id),
            c.name,
            CYCLE_KIND_LABELS[c.kind],
            CYCLE_STATUS_LABELS[c.status],
            name(c.previousCycleId),
            localTime(c.createdAt),
          ]),
        ),
      );
      return EXIT.done;
    }
    if (sub === 'copy') {
      const r = s.cycles.copy(need(values, 'from', '复制来源周期'), {
        name: need(values, 'name', '新周期名称'),
      });
      if (!r.ok) return refused(io, r.error);
      io.out(`已从上一周期复制出“${r.value.name}”（编号 ${r.value.id}），并关联为其上一周期`);
      return EXIT.done;
    }
    const r = s.cycles.linkPrevious(need(values, 'cycle', '考核周期'), need(values, 'previous', '上一周期'));
    if (!r.ok) return refused(io, r.error);
    io.out(`已将“${r.value.name}”的上一周期设为编号 ${r.value.previousCycleId}`);
    return EXIT.done;
  });
}

const FIELD_WORDS: Record<string, ValueField> = {
  数值: 'value',
  value: 'value',
  目标值: 'targetValue',
  targetValue: 'targetValue',
  基期值: 'baseline',
  baseline: 'baseline',
};
const FIELD_NAMES: Record<ValueField, string> = { value: '数值', targetValue: '目标值', baseline: '基期值' };

/** alias add|remove, column map|unmap, mapping list: what the operator confirms once for the next imports. */
async function mappingCommand(
  cmd: string,
  args: string[],
  io: CliIo,
  path: (p: string) => string,
): Promise<number> {
  const [sub, ...rest] = args;
  const { values, positionals } = parse(rest, { cycle: { type: 'string' }, field: { type: 'string' } });
  const [dbFile, a, b] = positionals;
  const usage =
    cmd === 'alias'
      ? '用法：appraisal alias add|remove 工作区.db --cycle 周期 对象 别名'
      : cmd === 'column'
        ? '用法：appraisal column map 工作区.db --cycle 周期 表头 指标 [--field 目标值|基期值]；appraisal column unmap 工作区.db --cycle 周期 表头'
        : '用法：appraisal mapping list 工作区.db --cycle 周期';
  const wellFormed =
    dbFile !== undefined &&
    ((cmd === 'alias' && (sub === 'add' || sub === 'remove') && a !== undefined && b !== undefined) ||
      (cmd === 'column' &&
        ((sub === 'map' && a !== undefined && b !== undefined) || (sub === 'unmap' && a !== undefined))) ||
      (cmd === 'mapping' && sub === 'list'));
  if (!wellFormed) throw new UsageError(usage);
  const fieldText = str(values, 'field');
  const field = fieldText === undefined ? 'value' : FIELD_WORDS[fieldText];
  if (!field) throw new UsageError('--field 应为 数值、目标值 或 基期值');
  const cycleRef = need(values, 'cycle', '考核周期编号或名称');
  return withWorkspace(path(dbFile as string), io, async (s) => {
    const cycle = orRefuse(io, s.cycles.resolve(cycleRef));
    if (!cycle) return EXIT.refused;
    if (cmd === 'alias') {
      const pair = { target: a as string, text: b as string };
      const r = sub === 'add' ? s.mappings.addAlias(cycle.id, pair) : s.mappings.removeAlias(cycle.id, pair);
      if (!r.ok) return refused(io, r.error);
      io.out(sub === 'add' ? `已记住：“${b}”即 ${a}，以后导入时按此识别` : `已删除别名“${b}”`);
      return EXIT.done;
    }
    if (cmd === 'column') {
      const r =
        sub === 'map'
          ? s.mappings.mapColumn(cycle.id, { header: a as string, indicator: b as string, field })
          : s.mappings.unmapColumn(cycle.id, a as string);
      if (!r.ok) return refused(io, r.error);
      io.out(sub === 'map' ? `已记住：表头“${a}”是指标 ${b} 的${FIELD_NAMES[field]}` : `已忘记表头“${a}”`);
      return EXIT.done;
    }
    const list = s.mappings.list(cycle.id);
    io.out(
      list.aliases.length === 0
        ? '别名：无'
        : `别名：\n${textTable(
            ['对象', '名称', '别名'],
            list.aliases.map((x) => [x.target, x.name, x.alias]),
          )}`,
    );
    io.out(
      list.columns.length === 0
        ? '记住的表头：无'
        : `记住的表头：\n${textTable(
            ['表头', '指标', '内容'],
            list.columns.map((c) => [c.header, c.indicator, FIELD_NAMES[c.field]]),
          )}`,
    );
    return EXIT.done;
  });
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

async function batchCommand(args: string[], io: CliIo, path: (p: string) => string): Promise<number> {
  const [sub, ...rest] = args;
  const { values, positionals } = parse(rest, { cycle: { type: 'string' }, reason: { type: 'string' } });
  const dbFile = positionals[0];
  if (!dbFile || !['list', 'withdraw', 'restore'].includes(sub ?? ''))
    throw new UsageError('用法：appraisal batch list|withdraw|restore 工作区.db …');
  return withWorkspace(path(dbFile), io, async (s) => {
    if (sub === 'list') {
      const cycle = orRefuse(io, s.cycles.resolve(need(values, 'cycle', '考核周期')));
      if (!cycle) return EXIT.refused;
      const batches = s.imports.batches(cycle.id);
      if (batches.length === 0) {
        io.out(`考核周期“${cycle.name}”还没有导入任何数据`);
        return EXIT.done;
      }
      io.out(
        textTable(
          ['批次', '文件', '工作表', '行数', '状态', '导入人', '导入时间'],
          s.imports
            .batches(cycle.id)
            .map((b) => [
              String(b.id),
              b.fileName,
              b.sheet,
              String(b.rowCount),
              BATCH_STATUS_LABELS[b.status],
              b.operator,
              localTime(b.importedAt),
            ]),
          ['right', 'left', 'left', 'right'],
        ),
      );
      return EXIT.done;
    }
    const id = Number(positionals[1]);
    if (!Number.isInteger(id)) throw new UsageError('请给出批次号');
    const reason = need(values, 'reason', '原因');
    const r = sub === 'withdraw' ? s.imports.withdraw(id, reason) : s.imports.restore(id, reason);
    if (!r.ok) return refused(io, r.error);
    io.out(sub === 'withdraw' ? `已撤回批次 ${id}` : `已恢复批次 ${id}`);
    return EXIT.done;
  });
}

export function defaultIo(): CliIo {
  let operator = process.env.APPRAISAL_OPERATOR ?? '';
  if (!operator) {
    try {
      operator = userInfo().username;
    } catch {
      operator = 'unknown';
    }
  }
  return {
    out: (t) => process.stdout.write(t + '\n'),
    err: (t) => process.stderr.write(t + '\n'),
    cwd: process.env.INIT_CWD ?? process.cwd(),
    clock: () => new Date(),
    operator,
  };
}

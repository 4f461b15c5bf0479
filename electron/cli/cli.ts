/**
 * The `appraisal` command line: the usage text, and which module runs each command. Each command's
 * module is imported only when that command runs, and brings in the workspace (SQLite, ExcelJS, the
 * services) or the report's printer only once its arguments are known to be good: `--help` loads
 * this file, args.ts and files.ts alone, and a usage error adds only its command's module.
 */
import { userInfo } from 'node:os';
import { resolve } from 'node:path';
import type { ReportPrinter } from '../main/report/printer';
import { EXIT, UsageError } from './args';

export { EXIT } from './args';
export { expandFiles } from './files';

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
  appraisal audit verify 工作区.db [--expect 备查哈希]
  appraisal audit list 工作区.db [--cycle 周期]
  appraisal weights ahp 判断矩阵.json [--json 权重.json]   （层次分析法；"matrices" 给多位专家的矩阵时按元素几何平均）
  appraisal weights entropy|critic 数据.json [--json 权重.json]   （熵权法、CRITIC：按数据定权）

“周期”可写周期编号或名称。数据可给文件夹（导入其中全部工作簿）或 *.xlsx 这样的通配符。
run 不给 --db 时使用临时工作区，结束后删除。
PDF 和 HTML 报告由本机的 Chromium、Chrome 或 Edge 排版（找不到时可用环境变量 APPRAISAL_CHROMIUM 指明）。
退出码: 0 完成；1 输入被拒绝（已列出全部问题，未写入任何内容）；2 用法错误；3 程序内部错误。`;

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
      case 'init':
        return await (await import('./init')).initCommand(rest, io, path);
      case 'scheme':
        return await (await import('./scheme')).schemeCommand(rest, io, path);
      case 'import':
        return await (await import('./import-files')).importCommand(rest, io, path);
      case 'compute':
        return await (await import('./compute')).computeCommand(rest, io, path);
      case 'explain':
        return await (await import('./explain')).explainCommand(rest, io, path);
      case 'report':
        return await (await import('./report')).reportCommand(rest, io, path);
      case 'template':
        return await (await import('./template')).templateCommand(rest, io, path);
      case 'run':
        return await (await import('./run')).runCommand(rest, io, path);
      case 'sensitivity':
        return await (await import('./sensitivity')).sensitivityCommand(rest, io, path);
      case 'weights':
        return await (await import('./weights')).weightsCommand(rest, io, path);
      case 'cycle':
        return await (await import('./cycle')).cycleCommand(rest, io, path);
      case 'batch':
        return await (await import('./batch')).batchCommand(rest, io, path);
      case 'alias':
      case 'column':
      case 'mapping':
        return await (await import('./mapping')).mappingCommand(cmd, rest, io, path);
      case 'audit':
        return await (await import('./audit')).auditCommand(rest, io, path);
      default:
        throw new UsageError(`未知命令“${cmd}”`);
    }
  } catch (e) {
    if (e instanceof UsageError) {
      io.err(`${e.message}\n\n${USAGE}`);
      return EXIT.usage;
    }
    if ((e as { code?: unknown }).code === 'SQLITE_BUSY') {
      // another program held the workspace's write lock past busy_timeout (db/open.ts): nothing was written
      io.err('工作区正被另一个程序写入，等待后仍未轮到本次操作，没有写入任何数据；请稍后再试');
      return EXIT.refused;
    }
    io.err(`程序内部错误：${(e as Error).stack ?? String(e)}`);
    return EXIT.internal;
  }
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
  // a reader that stops early (`appraisal … | head`) closes the pipe: what is left to print goes
  // nowhere, quietly, and the command goes on to finish its work (files are written, the workspace
  // is left whole) and exits with its own code
  const closed = { out: false, err: false };
  for (const [name, stream] of [
    ['out', process.stdout],
    ['err', process.stderr],
  ] as const)
    stream.on('error', (e: NodeJS.ErrnoException) => {
      if (e.code !== 'EPIPE') throw e;
      closed[name] = true;
    });
  return {
    out: (t) => void (closed.out || process.stdout.write(t + '\n')),
    err: (t) => void (closed.err || process.stderr.write(t + '\n')),
    cwd: process.env.INIT_CWD ?? process.cwd(),
    clock: () => new Date(),
    operator,
  };
}

/** `appraisal compute 工作区.db --cycle 周期`: compute, store the result, print the rankings. */
import type { Cycle } from '../../shared/domain/cycle';
import type { PreviousCycle } from '../../shared/domain/data';
import { toResultJson } from '../../shared/engine/result-json';
import type { Services } from '../main/services';
import { writeFileWhole } from '../main/services/write-file';
import type { CliIo } from './cli';
import type { Command } from './args';
import { EXIT, UsageError, checkOutput, need, parse, str } from './args';

export const computeCommand: Command = async (args, io, path) => {
  const { values, positionals } = parse(args, { cycle: { type: 'string' }, json: { type: 'string' } });
  const [dbFile] = positionals;
  if (!dbFile) throw new UsageError('用法：appraisal compute 工作区.db --cycle 周期 [--json 结果.json]');
  const cycleRef = need(values, 'cycle', '考核周期编号或名称');
  const json = str(values, 'json');
  if (json) checkOutput(path(json));
  const { withWorkspace, orRefuse } = await import('./workspace');
  return await withWorkspace(path(dbFile), io, async (s) => {
    const cycle = orRefuse(io, s.cycles.resolve(cycleRef));
    if (!cycle) return EXIT.refused;
    return computeAndPrint(s, io, cycle, { json: json && path(json) });
  });
};

/** Computes a cycle of an open workspace and prints its rankings (`compute`, and `run`). */
export async function computeAndPrint(
  s: Services,
  io: CliIo,
  cycle: Cycle,
  opts: { json?: string; previous?: PreviousCycle | null },
): Promise<number> {
  const [{ refused }, { issuesText, rankingText }] = await Promise.all([
    import('./workspace'),
    import('./format'),
  ]);
  const r = s.compute.run(cycle.id, opts.previous === undefined ? {} : { previous: opts.previous });
  if (!r.ok) return refused(io, r.error);
  const { result, resultId } = r.value;
  if (resultId === null) {
    io.err(`考核周期“${cycle.name}”无法完成计算，结果未保存：`);
    io.err(issuesText(result.issues));
    return EXIT.refused;
  }
  // the file first: a reader of the table that stops early (`| head`) must not cost the file
  if (opts.json)
    await writeFileWhole(
      opts.json,
      Buffer.from(JSON.stringify(toResultJson(result), null, 2) + '\n', 'utf8'),
    );
  io.out(rankingText(result));
  if (result.issues.length > 0) io.out(`\n${issuesText(result.issues)}`);
  io.out(`\n输入哈希 ${result.inputHash.slice(0, 16)}…，结果编号 ${resultId}`);
  if (opts.json) io.out(`结果已写入 ${opts.json}`);
  return EXIT.done;
}

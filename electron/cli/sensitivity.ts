/**
 * `appraisal sensitivity 工作区.db --cycle 周期`: how robust the bottom three are when every weight
 * moves by up to ±δ.
 */
import { writeFile } from 'node:fs/promises';
import type { Command } from './args';
import { EXIT, UsageError, checkOutput, need, parse, str } from './args';

export const sensitivityCommand: Command = async (args, io, path) => {
  const { values, positionals } = parse(args, {
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
  const [{ withWorkspace, orRefuse }, { sensitivityText }] = await Promise.all([
    import('./workspace'),
    import('./format'),
  ]);
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
};

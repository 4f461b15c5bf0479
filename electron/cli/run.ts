/**
 * `appraisal run 方案.xlsx 数据…`: scheme, data and compute in one go, in a temporary workspace
 * unless `--db` names one.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { PreviousCycle } from '../../shared/domain/data';
import { previousFromResultJson } from '../../shared/engine/result-json';
import { readErrorText } from '../main/services/read-error';
import type { Command } from './args';
import { EXIT, UsageError, checkOutput, parse, str } from './args';
import { computeAndPrint } from './compute';
import { expandFiles } from './files';
import { importInto } from './import-files';
import { exportReport, exportXlsx } from './report';

export const runCommand: Command = async (args, io, path) => {
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
  const { withWorkspace, refused } = await import('./workspace');
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
};

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

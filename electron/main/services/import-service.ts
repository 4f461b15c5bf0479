import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import type { DataKind } from '../../../shared/domain/cycle';
import { DATA_KIND_LABELS } from '../../../shared/domain/cycle';
import type { Issue } from '../../../shared/domain/issue';
import { issue } from '../../../shared/domain/issue';
import type { Scheme } from '../../../shared/domain/scheme';
import type { Result } from '../../../shared/contract/result';
import { fail, ok } from '../../../shared/contract/result';
import { isBlank } from '../../../shared/import/cells';
import type { ParsedSheet } from '../../../shared/import/data-sheet';
import { parseDataSheet } from '../../../shared/import/data-sheet';
import type { SheetGrid } from '../../../shared/import/grid';
import { matchKey } from '../../../shared/domain/text';
import { readWorkbook, WorkbookReadError } from '../excel/read-workbook';
import type { HeldCell, SchemeIds } from '../repositories';
import type { Repos, ServiceDeps } from './deps';
import { createRepos, isoNow } from './deps';

export interface SheetReport {
  sheet: string;
  kind: DataKind | null;
  rows: number;
  /** The batch this sheet became (null on a dry run or a refusal). */
  batchId: number | null;
  /** The earlier batch from the same source that it replaces. */
  supersedes: number | null;
}

export interface FileReport {
  file: string;
  sha256: string;
  accepted: boolean;
  sheets: SheetReport[];
  /** Every problem of the file, each with `Sheet!Cell`. */
  issues: Issue[];
}

/** Sheets that hold instructions, not data. */
const NOTE_SHEETS = ['说明', '填表说明', '填报说明', '使用说明', '目录'].map(matchKey);

export type ImportService = ReturnType<typeof createImportService>;

/**
 * 数据导入: reads returned workbooks, maps every sheet with the cycle's scheme, refuses a file with
 * every problem listed, and writes an accepted file whole — one batch per sheet — or not at all.
 * Re-importing the same source (file name, sheet, kind) supersedes the earlier batch.
 */
export function createImportService(deps: ServiceDeps, repos: Repos = createRepos(deps.db)) {
  const { db } = deps;

  /** Parses one file against the scheme without writing anything. */
  async function parseFile(
    path: string,
    scheme: Scheme,
  ): Promise<{ report: FileReport; sheets: ParsedSheet[] }> {
    const file = basename(path);
    const report: FileReport = { file, sha256: '', accepted: false, sheets: [], issues: [] };
    let bytes: Buffer;
    try {
      bytes = await readFile(path);
    } catch (e) {
      report.issues.push(issue('error', 'READ_FAILED', `无法读取文件：${(e as Error).message}`, file));
      return { report, sheets: [] };
    }
    report.sha256 = createHash('sha256').update(bytes).digest('hex');
    let sheets: SheetGrid[];
    try {
      sheets = (await readWorkbook(path, bytes)).sheets;
    } catch (e) {
      if (!(e instanceof WorkbookReadError)) throw e;
      report.issues.push(issue('error', 'READ_FAILED', e.message, file));
      return { report, sheets: [] };
    }
    const parsed: ParsedSheet[] = [];
    for (const sheet of sheets) {
      const empty = sheet.rows.every((r) => r.every(isBlank));
      if (empty || NOTE_SHEETS.includes(matchKey(sheet.name))) continue;
      const p = parseDataSheet(sheet, scheme);
      parsed.push(p);
      report.issues.push(...p.issues);
      report.sheets.push({ sheet: p.sheet, kind: p.kind, rows: p.rowCount, batchId: null, supersedes: null });
    }
    if (parsed.length === 0)
      report.issues.push(
        issue('error', 'EMPTY_FILE', '工作簿中没有任何数据', `${sheets[0]?.name ?? 'Sheet1'}!A1`),
      );
    return { report, sheets: parsed };
  }

  /**
   * Cells a sheet would write that another active batch already holds (values and survey counts):
   * refused, so that two sources never silently disagree about one number.
   */
  function conflicts(
    p: ParsedSheet,
    ids: SchemeIds,
    held: Map<string, HeldCell>,
    replacing: number | null,
    names: Map<string, string>,
  ): Issue[] {
    const out: Issue[] = [];
    const rows =
      p.kind === 'values' ? p.values.filter((v) => v.value !== null) : p.kind === 'surveys' ? p.surveys : [];
    for (const r of rows) {
      const key = `${ids.targets.get(r.target)}:${ids.indicators.get(r.indicator)}`;
      const h = held.get(key);
      if (h && h.batchId !== replacing)
        out.push(
          issue(
            'error',
            'HELD_BY_OTHER_BATCH',
            `${names.get(r.target) ?? r.target}的“${names.get(r.indicator) ?? r.indicator}”已由《${h.fileName}》工作表“${h.sheet}”导入（批次 ${h.batchId}）；如需替换，请先撤回该批次`,
            r.source,
          ),
        );
    }
    return out;
  }

  return {
    /**
     * Imports files into a cycle. With `atomic: 'all'` (the command line) nothing is written unless
     * every file is accepted; with 'perFile' each accepted file is written on its own. A dry run
     * reports what would happen and writes nothing.
     */
    async importFiles(
      cycleRef: { id: number },
      paths: readonly string[],
      opts: { dryRun?: boolean; atomic?: 'all' | 'perFile' } = {},
    ): Promise<Result<{ files: FileReport[]; written: boolean }>> {
      const cycle = repos.cycles.get(cycleRef.id);
      if (!cycle) return fail('NOT_FOUND', `找不到考核周期 ${cycleRef.id}`);
      if (cycle.status === 'published')
        return fail('CYCLE_PUBLISHED', `考核周期“${cycle.name}”已发布，数据只读；如需修改请先撤销发布`);
      const scheme = repos.scheme.load(cycle.id, cycle.name);
      const ids = repos.scheme.ids(cycle.id);
      const names = new Map<string, string>([
        ...scheme.targets.map((t) => [t.code, t.name] as const),
        ...scheme.indicators.map((i) => [i.code, i.name] as const),
      ]);

      const parsed = [];
      for (const path of paths) parsed.push({ path, ...(await parseFile(path, scheme)) });

      // Conflicts with active batches and between the files of this import, in order.
      const held = {
        values: repos.data.heldCells(cycle.id, 'values'),
        surveys: repos.data.heldCells(cycle.id, 'surveys'),
      };
      let pseudo = -1;
      for (const f of parsed) {
        if (f.report.issues.some((i) => i.level === 'error')) continue;
        for (const p of f.sheets) {
          if (p.kind !== 'values' && p.kind !== 'surveys') continue;
          const replacing = repos.data.activeFromSource(cycle.id, f.report.file, p.sheet, p.kind)?.id ?? null;
          const map = held[p.kind];
          f.report.issues.push(...conflicts(p, ids, map, replacing, names));
          const rows = p.kind === 'values' ? p.values.filter((v) => v.value !== null) : p.surveys;
          const id = pseudo--;
          for (const r of rows)
            map.set(`${ids.targets.get(r.target)}:${ids.indicators.get(r.indicator)}`, {
              targetId: 0,
              indicatorId: 0,
              batchId: id,
              fileName: f.report.file,
              sheet: p.sheet,
            });
        }
      }
      for (const f of parsed) f.report.accepted = !f.report.issues.some((i) => i.level === 'error');

      const atomic = opts.atomic ?? 'all';
      const refused = parsed.filter((f) => !f.report.accepted);
      const toWrite =
        opts.dryRun || (atomic === 'all' && refused.length > 0)
          ? []
          : parsed.filter((f) => f.report.accepted);
      for (const f of parsed)
        for (const s of f.report.sheets)
          if (s.kind)
            s.supersedes = repos.data.activeFromSource(cycle.id, f.report.file, s.sheet, s.kind)?.id ?? null;

      const write = (files: typeof toWrite) => {
        for (const f of files) {
          const at = isoNow(deps.clock);
          for (const p of f.sheets) {
            const kind = p.kind as DataKind;
            const report = f.report.sheets.find((s) => s.sheet === p.sheet) as SheetReport;
            const batchId = repos.data.insertBatch({
              cycleId: cycle.id,
              kind,
              fileName: f.report.file,
              sha256: f.report.sha256,
              sheet: p.sheet,
              operator: deps.operator,
              importedAt: at,
              rowCount: p.rowCount,
            });
            if (report.supersedes !== null) repos.data.setStatus(report.supersedes, 'superseded', batchId);
            report.batchId = batchId;
            repos.data.insertRows(batchId, p, ids);
          }
          repos.audit.append({
            at,
            operator: deps.operator,
            action: 'import',
            cycleId: cycle.id,
            detail: {
              file: f.report.file,
              sha256: f.report.sha256,
              sheets: f.report.sheets.map((s) => ({
                sheet: s.sheet,
                kind: s.kind,
                rows: s.rows,
                batch: s.batchId,
                supersedes: s.supersedes,
              })),
            },
          });
        }
        repos.cycles.bumpRevision(cycle.id, isoNow(deps.clock));
        if (repos.cycles.get(cycle.id)?.status === 'draft')
          repos.cycles.setStatus(cycle.id, 'collecting', isoNow(deps.clock));
      };
      if (atomic === 'all') {
        if (toWrite.length > 0) db.transaction(write)(toWrite);
      } else for (const f of toWrite) db.transaction(write)([f]);
      return ok({ files: parsed.map((f) => f.report), written: toWrite.length > 0 });
    },

    /** Withdraws (撤回) an active batch: its rows stop counting but stay in history. */
    withdraw(batchId: number, reason: string): Result<void> {
      return changeBatch(batchId, 'withdrawn', reason);
    },

    /** Restores a superseded or withdrawn batch, superseding the active batch of the same source. */
    restore(batchId: number, reason: string): Result<void> {
      return changeBatch(batchId, 'active', reason);
    },

    batches: (cycleId: number) => repos.data.batches(cycleId),
  };

  function changeBatch(batchId: number, to: 'active' | 'withdrawn', reason: string): Result<void> {
    const b = repos.data.batch(batchId);
    if (!b) return fail('NOT_FOUND', `找不到导入批次 ${batchId}`);
    const cycle = repos.cycles.get(b.cycleId);
    if (cycle?.status === 'published')
      return fail('CYCLE_PUBLISHED', `考核周期“${cycle.name}”已发布，数据只读`);
    if (reason.trim() === '') return fail('INVALID_INPUT', '请填写原因');
    if (to === 'withdrawn' && b.status !== 'active')
      return fail('INVALID_INPUT', `批次 ${batchId} 不是当前有效批次`);
    if (to === 'active' && b.status === 'active')
      return fail('INVALID_INPUT', `批次 ${batchId} 已是当前有效批次`);
    const current =
      to === 'active' ? repos.data.activeFromSource(b.cycleId, b.fileName, b.sheet, b.kind) : undefined;
    if (to === 'active' && (b.kind === 'values' || b.kind === 'surveys')) {
      const held = repos.data.heldCells(b.cycleId, b.kind);
      const clash = repos.data
        .cellsOf(batchId, b.kind)
        .map((k) => held.get(k))
        .find((h) => h !== undefined && h.batchId !== current?.id);
      if (clash)
        return fail(
          'IMPORT_REFUSED',
          `批次 ${batchId} 的数据与《${clash.fileName}》工作表“${clash.sheet}”（批次 ${clash.batchId}）重叠，请先撤回该批次再恢复`,
        );
    }
    db.transaction(() => {
      if (current) repos.data.setStatus(current.id, 'superseded', batchId);
      repos.data.setStatus(batchId, to, null);
      repos.cycles.bumpRevision(b.cycleId, isoNow(deps.clock));
      repos.audit.append({
        at: isoNow(deps.clock),
        operator: deps.operator,
        action: to === 'active' ? 'batch.restore' : 'batch.withdraw',
        cycleId: b.cycleId,
        detail: {
          batch: batchId,
          file: b.fileName,
          sheet: b.sheet,
          kind: DATA_KIND_LABELS[b.kind],
          replaced: current?.id ?? null,
          reason,
        },
      });
    })();
    return ok(undefined);
  }
}

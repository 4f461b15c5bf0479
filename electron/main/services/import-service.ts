import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { basename } from 'node:path';
import type { DataKind } from '../../../shared/domain/cycle';
import { DATA_KIND_LABELS } from '../../../shared/domain/cycle';
import type { Issue } from '../../../shared/domain/issue';
import { issue } from '../../../shared/domain/issue';
import type { Scheme, Target } from '../../../shared/domain/scheme';
import { matchKey } from '../../../shared/domain/text';
import type { Result } from '../../../shared/contract/result';
import { fail, ok } from '../../../shared/contract/result';
import type { Cell } from '../../../shared/import/grid';
import { createMatchers } from '../../../shared/import/matchers';
import type { ParsedSheet } from '../../../shared/import/sheet-parser';
import { createSheetParser } from '../../../shared/import/sheet-parser';
import { sampleOf } from '../../../shared/import/sample';
import type { TemplateMeta } from '../../../shared/import/template-meta';
import { visitWorkbook, WorkbookReadError } from '../excel/read-workbook';
import type { ValueField } from '../../../shared/domain/issue';
import type { HeldCell } from '../repositories/data';
import { datumsOf, scopeOf } from '../../../shared/import/datums';
import { conflicts, replaceProblem } from '../../../shared/import/sources';
import type { TextCache } from '../../../shared/import/text-cache';
import { createTextCache } from '../../../shared/import/text-cache';
import type { Repos, ServiceDeps } from './deps';
import { createRepos, isoNow } from './deps';
import type {
  AliasConfirmation,
  ColumnConfirmation,
  FileReport,
  ImportProgress,
  SheetReport,
} from '../../../shared/contract/import';
import { createMappingService } from './mapping-service';
import { readErrorText } from './read-error';
import { readSnapshot } from '../db/immediate';

export type { FileReport, ImportProgress, SheetReport } from '../../../shared/contract/import';

export interface ImportOptions {
  dryRun?: boolean;
  /** 'all' (the command line): nothing is written unless every file is accepted. 'perFile': each on its own. */
  atomic?: 'all' | 'perFile';
  /** Mappings the operator confirmed for this import; remembered when it is written. */
  confirm?: { aliases?: AliasConfirmation[]; columns?: ColumnConfirmation[] };
  /** Cancels reading and checking; once writing has begun (one short transaction) it completes. */
  signal?: AbortSignal;
  onProgress?: (p: ImportProgress) => void;
  /** Files above this many bytes are streamed (see visitWorkbook); tests lower it to stream small files. */
  streamAbove?: number;
  /** Which reader streams them (see visitWorkbook): the bench and tests compare the two. */
  reader?: 'auto' | 'exceljs';
  /** Sheets above this size are streamed by the purpose-built reader (see visitWorkbook); tests lower it. */
  wholeBelow?: number;
}

/** Sheets that hold instructions, not data. */
const NOTE_SHEETS = ['说明', '填表说明', '填报说明', '使用说明', '目录'].map(matchKey);

export type ImportService = ReturnType<typeof createImportService>;

/**
 * 数据导入: reads returned workbooks, maps every sheet with the cycle's scheme, refuses a file with
 * every problem listed, and writes an accepted file whole — one batch per sheet — or not at all.
 * Re-importing the same source (file name, sheet, kind) supersedes the earlier batch; a datum that
 * another active source already gave (a value field, survey counts, one evaluator's rating, an item)
 * is refused, so that nothing is ever counted twice.
 */
export function createImportService(deps: ServiceDeps, repos: Repos = createRepos(deps.db)) {
  const { db } = deps;
  const mappings = createMappingService(deps, repos);

  /** SHA-256 of a file, read as a stream (a big file is never held whole). */
  async function fileHash(path: string): Promise<string> {
    const h = createHash('sha256');
    for await (const chunk of createReadStream(path)) h.update(chunk as Buffer);
    return h.digest('hex');
  }

  /**
   * Reads and checks one file against the scheme, row by row as it streams, without writing
   * anything. `ctx` carries the remembered column mappings and the cycle, to check a template's.
   */
  async function parseFile(
    path: string,
    scheme: Scheme,
    ctx: {
      presets: ReadonlyMap<string, { indicator: string; field: ValueField }>;
      texts: TextCache;
      cycleId: number;
      signal?: AbortSignal;
      streamAbove?: number;
      reader?: 'auto' | 'exceljs';
      wholeBelow?: number;
      onFraction: (f: number) => void;
    },
  ): Promise<{ report: FileReport; sheets: ParsedSheet[] }> {
    const file = basename(path);
    const report: FileReport = { file, sha256: '', accepted: false, written: false, sheets: [], issues: [] };
    try {
      report.sha256 = await fileHash(path);
    } catch (e) {
      report.issues.push(issue('error', 'READ_FAILED', `无法读取《${file}》：${readErrorText(e)}`, file));
      return { report, sheets: [] };
    }
    const matchers = createMatchers(scheme);
    const blank = (c: Cell) => c === null || (c.kind === 'text' && ctx.texts.clean(c.value) === '');
    let template: TemplateMeta | null = null;
    const parsers: { name: string; parser: ReturnType<typeof createSheetParser>; rows: number }[] = [];
    /** What the reading itself says (a hidden sheet, a template of another cycle): void if read again. */
    let said: Issue[] = [];
    try {
      await visitWorkbook(
        path,
        {
          template(meta) {
            template = meta;
            if (meta.cycleId !== ctx.cycleId)
              said.push(
                issue(
                  'warning',
                  'TEMPLATE_OTHER_CYCLE',
                  `该模板是为考核周期“${meta.cycleName}”生成的，现导入到本周期，请确认`,
                  file,
                ),
              );
          },
          sheet(name) {
            if (NOTE_SHEETS.includes(matchKey(name))) return null;
            const entry = {
              name,
              parser: createSheetParser(name, scheme, {
                template,
                columnPresets: ctx.presets,
                matchers,
                texts: ctx.texts,
              }),
              rows: 0,
            };
            parsers.push(entry);
            return {
              row(index, cells) {
                if (cells.every(blank)) return;
                entry.rows++;
                entry.parser.push(index, cells);
              },
            };
          },
          skipped(name) {
            said.push(
              issue(
                'warning',
                'HIDDEN_SHEET',
                `隐藏的工作表“${name}”未导入；如其中有数据，请取消隐藏后重新导入`,
                `${name}!A1`,
              ),
            );
          },
          // read again from the start (by exceljs), or one sheet again (with its merges known)
          reset() {
            template = null;
            parsers.length = 0;
            said = [];
          },
          restart(name) {
            for (let at = parsers.length - 1; at >= 0; at--)
              if (parsers[at]?.name === name) {
                parsers.splice(at, 1);
                break;
              }
          },
        },
        {
          signal: ctx.signal,
          onProgress: ctx.onFraction,
          streamAbove: ctx.streamAbove,
          reader: ctx.reader,
          wholeBelow: ctx.wholeBelow,
        },
      );
      report.issues.push(...said);
    } catch (e) {
      if (!(e instanceof WorkbookReadError)) throw e;
      report.issues.push(issue('error', 'READ_FAILED', e.message, e.ref ?? file));
      return { report, sheets: [] };
    }
    const sheets: ParsedSheet[] = [];
    for (const { parser, rows } of parsers) {
      if (rows === 0) continue; // an empty sheet
      const p = parser.end();
      sheets.push(p);
      report.issues.push(...p.issues);
      report.sheets.push({
        sheet: p.sheet,
        kind: p.kind,
        rows: p.rowCount,
        batchId: null,
        supersedes: null,
        sample: sampleOf(p, scheme),
      });
    }
    if (sheets.length === 0)
      report.issues.push(
        issue('error', 'EMPTY_FILE', `《${file}》里没有数据：每个工作表都是空的，请检查是否发错了文件`, file),
      );
    return { report, sheets };
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
      opts: ImportOptions = {},
    ): Promise<Result<{ files: FileReport[]; written: boolean }>> {
      const cycle = repos.cycles.get(cycleRef.id);
      if (!cycle) return fail('NOT_FOUND', `找不到考核周期 ${cycleRef.id}`);
      if (cycle.status === 'published')
        return fail('CYCLE_PUBLISHED', `考核周期“${cycle.name}”已发布，数据只读；如需修改请先撤销发布`);
      const schemeCount = repos.scheme.changeCount();
      const scheme = repos.scheme.load(cycle.id, cycle.name);
      const presets = repos.mappings.presets(cycle.id);

      // Confirmations apply to this import at once, and are remembered if it is written.
      const aliases: { target: Target; alias: string }[] = [];
      for (const a of opts.confirm?.aliases ?? []) {
        const c = mappings.checkAlias(cycle.id, a);
        if (!c.ok) return c;
        if (!c.value.exists) {
          aliases.push(c.value);
          scheme.targets.find((t) => t.code === c.value.target.code)?.aliases.push(c.value.alias);
        }
      }
      const columns: { indicatorId: number; code: string; header: string; field: ValueField }[] = [];
      for (const col of opts.confirm?.columns ?? []) {
        const c = mappings.checkColumn(cycle.id, col);
        if (!c.ok) return c;
        columns.push(c.value);
        presets.set(matchKey(c.value.header), { indicator: c.value.code, field: c.value.field });
      }

      const ids = repos.scheme.ids(cycle.id);
      const names = new Map<string, string>([
        ...scheme.targets.map((t) => [t.code, t.name] as const),
        ...scheme.indicators.map((i) => [i.code, i.name] as const),
      ]);
      const progress = (index: number, phase: ImportProgress['phase'], fraction: number) =>
        opts.onProgress?.({
          file: basename(paths[index] ?? ''),
          index,
          files: paths.length,
          phase,
          fraction,
        });

      // each distinct text of the import (units, leaves, groups, grades, evaluators) cleaned once
      const texts = createTextCache();
      const evaluatorKey = texts.key;
      const parsed: { path: string; report: FileReport; sheets: ParsedSheet[] }[] = [];
      try {
        for (const [index, path] of paths.entries())
          parsed.push({
            path,
            ...(await parseFile(path, scheme, {
              presets,
              texts,
              cycleId: cycle.id,
              signal: opts.signal,
              streamAbove: opts.streamAbove,
              reader: opts.reader,
              wholeBelow: opts.wholeBelow,
              onFraction: (f) => progress(index, 'reading', f),
            })),
          });
      } catch (e) {
        if ((e as Error).name === 'AbortError') return fail('CANCELLED', '已取消导入，没有写入任何数据');
        throw e;
      }

      // From here to the last write, one transaction begun IMMEDIATE (a dry run: a read snapshot): what a sheet replaces and what
      // active batches hold is read under the write lock, so that another process importing,
      // withdrawing or restoring at the same moment waits and then sees this import (two imports of
      // one file must not both find nothing to replace and leave two active batches).
      const settle = () => {
        // what was read before the files (the cycle's status, its scheme) may have changed meanwhile
        if (repos.cycles.get(cycle.id)?.status === 'published')
          return fail('CYCLE_PUBLISHED', `考核周期“${cycle.name}”已在检查期间发布，数据只读；未写入任何数据`);
        if (repos.scheme.changeCount() !== schemeCount)
          return fail('IMPORT_REFUSED', '检查期间考核方案被修改，未写入任何数据；请重新导入这些文件');
        // What each sheet replaces, and what active batches hold, once.
        for (const f of parsed)
          for (const s of f.report.sheets)
            if (s.kind)
              s.supersedes =
                repos.data.activeFromSource(cycle.id, f.report.file, s.sheet, s.kind)?.id ?? null;
        // Datums of the files of this import checked already, by kind: a later file must not give them again.
        const pending = new Map<DataKind, Map<string, HeldCell>>();
        /** Sheets of each kind still to check: while one is, the datums of those before it are kept. */
        const toCheck = new Map<DataKind, number>();
        for (const f of parsed)
          for (const p of f.sheets)
            toCheck.set(p.kind as DataKind, (toCheck.get(p.kind as DataKind) ?? 0) + 1);

        // Conflicts with active batches and between the files of this import, in order.
        let pseudo = -1;
        const sources = new Map<string, string>();
        for (const f of parsed) {
          // checking a big file against held data takes a while: a cancel then still writes nothing
          if (opts.signal?.aborted) return fail('CANCELLED', '已取消导入，没有写入任何数据');
          if (f.report.issues.some((i) => i.level === 'error')) continue;
          const twin = repos.data
            .sameContent(cycle.id, f.report.sha256)
            .find((b) => b.fileName !== f.report.file);
          if (twin) {
            f.report.issues.push(
              issue(
                'error',
                'SAME_FILE_TWICE',
                `《${f.report.file}》与已导入的《${twin.fileName}》内容完全相同（批次 ${twin.id}），像是同一文件重复导入；如需以本文件为准，请先撤回该批次`,
                f.report.file,
              ),
            );
            continue;
          }
          for (const p of f.sheets) {
            const kind = p.kind as DataKind;
            toCheck.set(kind, (toCheck.get(kind) as number) - 1);
            const report = f.report.sheets.find((s) => s.sheet === p.sheet) as SheetReport;
            const source = `${f.report.file}|${p.sheet}|${kind}`;
            const twinPath = sources.get(source);
            if (twinPath !== undefined) {
              f.report.issues.push(
                issue(
                  'error',
                  'SAME_NAME_TWICE',
                  `本次导入中有两个同名文件《${f.report.file}》（另一个是 ${twinPath}），它们的“${p.sheet}”会互相替换：请把其中一个改名后再导入`,
                  `${p.sheet}!A1`,
                ),
              );
              continue;
            }
            sources.set(source, f.path);
            const previous = report.supersedes === null ? undefined : repos.data.batch(report.supersedes);
            const problem =
              previous &&
              replaceProblem(
                previous,
                repos.data.coverage(previous.id, kind),
                p,
                f.report.sha256,
                f.report.file,
                names,
              );
            if (problem) {
              f.report.issues.push(problem);
              continue;
            }
            // only the batches whose scope meets the sheet's can hold its datums (not the one it replaces)
            const scope = scopeOf(kind, p.block, evaluatorKey);
            const held =
              scope.size === 0
                ? []
                : repos.data.heldData(cycle.id, kind, -1, { scope, except: report.supersedes });
            const earlier = pending.get(kind) ?? new Map<string, HeldCell>();
            const later = (toCheck.get(kind) as number) > 0;
            if (held.length === 0 && earlier.size === 0 && !later) continue; // nothing to meet: no datum to list
            const map = new Map<string, HeldCell>(earlier);
            for (const h of held) if (!map.has(h.key)) map.set(h.key, h);
            const datums = datumsOf(kind, p.block, evaluatorKey);
            f.report.issues.push(...conflicts(p, datums, map, report.supersedes, names));
            // a file refused itself holds nothing: it must not block the files after it
            if (f.report.issues.some((i) => i.level === 'error') || !later) continue;
            const cell = { batchId: pseudo--, fileName: f.report.file, sheet: p.sheet };
            for (const d of datums) earlier.set(d.key, cell);
            pending.set(kind, earlier);
          }
        }
        for (const f of parsed) f.report.accepted = !f.report.issues.some((i) => i.level === 'error');

        const atomic = opts.atomic ?? 'all';
        const refused = parsed.some((f) => !f.report.accepted);
        const toWrite =
          opts.dryRun || (atomic === 'all' && refused) ? [] : parsed.filter((f) => f.report.accepted);

        if (opts.signal?.aborted) return fail('CANCELLED', '已取消导入，没有写入任何数据');
        const write = (files: typeof toWrite) => {
          const at = isoNow(deps.clock);
          for (const a of aliases) mappings.writeAlias(cycle.id, a.target, a.alias);
          for (const c of columns) mappings.writeColumn(cycle.id, c);
          aliases.length = 0;
          columns.length = 0;
          for (const [n, f] of files.entries()) {
            progress(parsed.indexOf(f), 'writing', n / files.length);
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
              repos.data.insertRows(batchId, p.block, ids);
            }
            const hash = repos.audit.append({
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
                  // what its rows hash to: `audit verify` finds a record edited in the file
                  digest: s.batchId === null ? null : repos.data.storedDigest(s.batchId),
                })),
              },
            });
            for (const s of f.report.sheets) if (s.batchId !== null) repos.data.anchor(s.batchId, hash);
            f.report.written = true;
          }
          dataChanged(cycle.id, at);
        };
        if (atomic === 'all') {
          if (toWrite.length > 0) db.transaction(write)(toWrite);
        } else for (const f of toWrite) db.transaction(write)([f]);
        return ok({ files: parsed.map((f) => f.report), written: toWrite.length > 0 });
      };
      // a dry run writes nothing: one read snapshot, no write lock
      return opts.dryRun ? readSnapshot(db, settle) : db.transaction(settle)();
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

  /** After any change to the data: results are suspect, and a computed cycle is collecting again. */
  function dataChanged(cycleId: number, at: string) {
    repos.cycles.bumpRevision(cycleId, at);
    const status = repos.cycles.get(cycleId)?.status;
    if (status === 'draft' || status === 'computed') repos.cycles.setStatus(cycleId, 'collecting', at);
  }

  /**
   * Withdraws or restores a batch. What it checks (the batch's status, what it would replace, what
   * it would meet) is read inside the write transaction: another writer's change waits or is seen.
   */
  function changeBatch(batchId: number, to: 'active' | 'withdrawn', reason: string): Result<void> {
    return db.transaction((): Result<void> => {
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
      if (to === 'active') {
        // Restoring must not make a datum come from two sources either.
        const rows = repos.data.heldData(b.cycleId, b.kind, batchId);
        const others = new Map(
          rows.filter((h) => h.batchId !== batchId && h.batchId !== current?.id).map((h) => [h.key, h]),
        );
        const clash = rows.find((h) => h.batchId === batchId && others.has(h.key));
        const other = clash && others.get(clash.key);
        if (other)
          return fail(
            'IMPORT_REFUSED',
            `批次 ${batchId} 的数据与《${other.fileName}》工作表“${other.sheet}”（批次 ${other.batchId}）重复，请先撤回该批次再恢复`,
          );
      }
      const at = isoNow(deps.clock);
      if (current) repos.data.setStatus(current.id, 'superseded', batchId);
      repos.data.setStatus(batchId, to, null);
      dataChanged(b.cycleId, at);
      repos.audit.append({
        at,
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
      return ok(undefined);
    })();
  }
}

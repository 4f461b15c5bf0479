import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { basename } from 'node:path';
import type { DataKind, ImportBatch } from '../../../shared/domain/cycle';
import { DATA_KIND_LABELS } from '../../../shared/domain/cycle';
import type { Issue } from '../../../shared/domain/issue';
import { issue } from '../../../shared/domain/issue';
import type { Scheme, Target } from '../../../shared/domain/scheme';
import { matchKey } from '../../../shared/domain/text';
import type { Result } from '../../../shared/contract/result';
import { fail, ok } from '../../../shared/contract/result';
import { isBlank } from '../../../shared/import/cells';
import { createMatchers } from '../../../shared/import/matchers';
import type { ParsedSheet } from '../../../shared/import/sheet-parser';
import { createSheetParser } from '../../../shared/import/sheet-parser';
import { sampleOf } from '../../../shared/import/sample';
import type { TemplateMeta } from '../../../shared/import/template-meta';
import { visitWorkbook, WorkbookReadError } from '../excel/read-workbook';
import type { ValueField } from '../../../shared/domain/issue';
import type { HeldCell } from '../repositories/data';
import { datumKey } from '../repositories/data';
import type { SchemeIds } from '../repositories/scheme';
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
}

/** Sheets that hold instructions, not data. */
const NOTE_SHEETS = ['说明', '填表说明', '填报说明', '使用说明', '目录'].map(matchKey);

/** A datum of a sheet about to be imported, with the cell it came from. */
interface NewDatum {
  key: string;
  source: string;
  what: string;
}

/** Conflicts listed by cell in a message: enough to find them, not a wall of text. */
const CELLS_SHOWN = 5;

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
      cycleId: number;
      signal?: AbortSignal;
      streamAbove?: number;
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
    let template: TemplateMeta | null = null;
    const parsers: { name: string; parser: ReturnType<typeof createSheetParser>; rows: number }[] = [];
    try {
      await visitWorkbook(
        path,
        {
          template(meta) {
            template = meta;
            if (meta.cycleId !== ctx.cycleId)
              report.issues.push(
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
              parser: createSheetParser(name, scheme, { template, columnPresets: ctx.presets, matchers }),
              rows: 0,
            };
            parsers.push(entry);
            return {
              row(index, cells) {
                if (cells.every(isBlank)) return;
                entry.rows++;
                entry.parser.push(index, cells);
              },
            };
          },
          skipped(name) {
            report.issues.push(
              issue(
                'warning',
                'HIDDEN_SHEET',
                `隐藏的工作表“${name}”未导入；如其中有数据，请取消隐藏后重新导入`,
                `${name}!A1`,
              ),
            );
          },
        },
        { signal: ctx.signal, onProgress: ctx.onFraction, streamAbove: ctx.streamAbove },
      );
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

  /** What a parsed sheet holds, in the keys of the data repository's `coverage`. */
  function coverageKeys(p: ParsedSheet): string[] {
    if (p.kind === 'values')
      return p.values.flatMap((v) =>
        (['value', 'targetValue', 'baseline'] as const)
          .filter((f) => v[f] !== null)
          .map((f) => `${v.indicator}|${f}`),
      );
    if (p.kind === 'ratings') return p.ratings.map((r) => `${r.evaluator}|${r.group}`);
    return (p.kind === 'surveys' ? p.surveys : p.items).map((x) => x.indicator);
  }

  /**
   * Why a sheet must not replace the active batch of its source (same file name, sheet and kind),
   * or null when it may: a replacement holds what it replaces — the same leaves and fields, the same
   * evaluators. A file of another provider or another evaluator that happens to share the name
   * (工作簿1.xlsx, two copies of one rating form) is refused rather than swapped in.
   */
  function replaceProblem(
    batch: ImportBatch,
    p: ParsedSheet,
    sha256: string,
    file: string,
    names: Map<string, string>,
  ): Issue | null {
    const kind = p.kind as DataKind;
    const before = repos.data.coverage(batch.id, kind);
    const now = new Set(coverageKeys(p));
    const lost = before.filter((k) => !now.has(k));
    const withdraw = `如确是替换，请先撤回批次 ${batch.id} 再导入`;
    const fix = { fix: { kind: 'withdraw' as const, batch: batch.id, file: batch.fileName } };
    if (kind === 'ratings') {
      const who = (keys: Iterable<string>) =>
        [...new Set([...keys].map((k) => k.slice(0, k.lastIndexOf('|')) || '（匿名）'))]
          .slice(0, 3)
          .join('、');
      const at = p.evaluatorRef ?? `${p.sheet}!A1`;
      if (lost.length > 0)
        return {
          ...fix,
          ...issue(
            'error',
            'OTHER_EVALUATOR',
            `《${file}》的“${p.sheet}”已由评价人“${who(before)}”导入过（批次 ${batch.id}），本次的评价人是“${who(now)}”：同名文件会替换原来的评价。如是另一个人的评议表，请把本文件改名（如加上评价人姓名）后导入；${withdraw}`,
            at,
          ),
        };
      if (before.every((k) => k.startsWith('|')) && batch.sha256 !== sha256)
        return {
          ...fix,
          ...issue(
            'error',
            'ANONYMOUS_REPLACE',
            `《${file}》的“${p.sheet}”是匿名评议，已有同名文件导入（批次 ${batch.id}），无法判断是同一人改后重交还是另一份评议表：如是另一份，请改名后导入；${withdraw}`,
            at,
          ),
        };
      return null;
    }
    if (lost.length === 0) return null;
    const label = (k: string) => {
      const [code, field] = k.split('|') as [string, string];
      const name = names.get(code) ?? code;
      return field === 'targetValue' ? `${name}目标值` : field === 'baseline' ? `${name}基期值` : name;
    };
    const shown = lost
      .slice(0, 5)
      .map((k) => `“${label(k)}”`)
      .join('');
    return {
      ...fix,
      ...issue(
        'error',
        'SOURCE_CHANGED',
        `《${file}》的“${p.sheet}”会替换同名的批次 ${batch.id}，但本次没有该批次中${shown}${lost.length > 5 ? `等 ${lost.length} 项` : ''}的数据：如是另一来源的同名文件，请改名后导入；${withdraw}`,
        `${p.sheet}!A1`,
      ),
    };
  }

  /** The data a sheet gives, by datum key (see datumKey), with their cells and a name for messages. */
  function datumsOf(p: ParsedSheet, ids: SchemeIds, names: Map<string, string>): NewDatum[] {
    const t = (c: string) => ids.targets.get(c) as number;
    const i = (c: string) => ids.indicators.get(c) as number;
    const who = (target: string, indicator: string) =>
      `${names.get(target) ?? target}的“${names.get(indicator) ?? indicator}”`;
    const out: NewDatum[] = [];
    for (const v of p.values)
      for (const [field, label] of [
        ['value', ''],
        ['targetValue', '目标值'],
        ['baseline', '基期值'],
      ] as const)
        if (v[field] !== null)
          out.push({
            key: datumKey.value(t(v.target), i(v.indicator), field),
            source: v.cells[field] ?? v.source,
            what: who(v.target, v.indicator) + label,
          });
    for (const s of p.surveys)
      out.push({
        key: datumKey.survey(t(s.target), i(s.indicator)),
        source: s.source,
        what: `${who(s.target, s.indicator)}满意度`,
      });
    for (const r of p.ratings)
      if (r.evaluator !== '')
        out.push({
          key: datumKey.rating(r.evaluator, ids.groups.get(r.group) as number, t(r.target), i(r.indicator)),
          source: r.source,
          what: `评价人“${r.evaluator}”对${who(r.target, r.indicator)}的评价`,
        });
    for (const it of p.items)
      out.push({
        key: datumKey.item(t(it.target), i(it.indicator), it.points, it.reason, it.docNo),
        source: it.source,
        what: `${names.get(it.target) ?? it.target}的“${it.reason}”`,
      });
    return out;
  }

  /**
   * Data a sheet gives that another active source already holds, one issue per conflicting batch
   * (a file imported twice under two names would otherwise list every row).
   */
  function conflicts(datums: NewDatum[], held: Map<string, HeldCell>, replacing: number | null): Issue[] {
    const byBatch = new Map<number, { cell: HeldCell; hits: NewDatum[] }>();
    for (const d of datums) {
      const h = held.get(d.key);
      if (!h || h.batchId === replacing) continue;
      const entry = byBatch.get(h.batchId) ?? { cell: h, hits: [] };
      entry.hits.push(d);
      byBatch.set(h.batchId, entry);
    }
    return [...byBatch.values()].map(({ cell, hits }) => {
      const first = hits[0] as NewDatum;
      const where =
        hits.length === 1
          ? `${first.what}`
          : `${hits.length} 项数据（${hits
              .slice(0, CELLS_SHOWN)
              .map((h) => h.source.split('!')[1])
              .join('、')}${hits.length > CELLS_SHOWN ? '…' : ''}），如${first.what}，`;
      // a negative batch is another file of this same import, not yet written
      const message =
        cell.batchId > 0
          ? `${where}已由《${cell.fileName}》工作表“${cell.sheet}”导入（批次 ${cell.batchId}），同一数据不能有两个来源；如需以本文件为准，请先撤回该批次`
          : `${where}与本次一同导入的《${cell.fileName}》工作表“${cell.sheet}”重复，同一数据不能有两个来源：请只导入其中一个文件（把另一个移出本次导入）`;
      return {
        ...issue('error', 'HELD_BY_OTHER_BATCH', message, first.source),
        ...(cell.batchId > 0
          ? { fix: { kind: 'withdraw' as const, batch: cell.batchId, file: cell.fileName } }
          : {}),
      };
    });
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

      const parsed: { path: string; report: FileReport; sheets: ParsedSheet[] }[] = [];
      try {
        for (const [index, path] of paths.entries())
          parsed.push({
            path,
            ...(await parseFile(path, scheme, {
              presets,
              cycleId: cycle.id,
              signal: opts.signal,
              streamAbove: opts.streamAbove,
              onFraction: (f) => progress(index, 'reading', f),
            })),
          });
      } catch (e) {
        if ((e as Error).name === 'AbortError') return fail('CANCELLED', '已取消导入，没有写入任何数据');
        throw e;
      }

      // What each sheet replaces, and what active batches hold, once.
      for (const f of parsed)
        for (const s of f.report.sheets)
          if (s.kind)
            s.supersedes = repos.data.activeFromSource(cycle.id, f.report.file, s.sheet, s.kind)?.id ?? null;
      const held = new Map<DataKind, Map<string, HeldCell>>();
      const heldOf = (kind: DataKind) => {
        let m = held.get(kind);
        if (!m) held.set(kind, (m = new Map(repos.data.heldData(cycle.id, kind).map((h) => [h.key, h]))));
        return m;
      };

      // Conflicts with active batches and between the files of this import, in order.
      let pseudo = -1;
      const sources = new Map<string, string>();
      for (const f of parsed) {
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
          const problem = previous && replaceProblem(previous, p, f.report.sha256, f.report.file, names);
          if (problem) {
            f.report.issues.push(problem);
            continue;
          }
          const map = heldOf(kind);
          const datums = datumsOf(p, ids, names);
          f.report.issues.push(...conflicts(datums, map, report.supersedes));
          // a file refused itself holds nothing: it must not block the files after it
          if (f.report.issues.some((i) => i.level === 'error')) continue;
          const cell = { batchId: pseudo--, fileName: f.report.file, sheet: p.sheet };
          for (const d of datums) map.set(d.key, cell);
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
            repos.data.insertRows(batchId, p, ids);
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
    db.transaction(() => {
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
    })();
    return ok(undefined);
  }
}

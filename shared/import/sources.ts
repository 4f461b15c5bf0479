import type { DataKind, ImportBatch } from '../domain/cycle';
import type { Issue } from '../domain/issue';
import { issue } from '../domain/issue';
import type { DatumRef } from './datums';
import { coverageOf, datumSource, datumWhat } from './datums';
import type { ParsedSheet } from './parsed-sheet';

/**
 * Stage 5 — sources: whether a sheet may take the place of the batch it re-imports, and which of
 * its datums another source already gave. Pure: the import service brings what the workspace
 * holds (a batch's coverage, the datums of active batches) and writes only what passes.
 */

/** Where a datum held by an active batch (or by another file of the same import) came from. */
export interface HeldSource {
  /** Negative: a file of this same import, not yet written. */
  batchId: number;
  fileName: string;
  sheet: string;
}

/** Conflicts listed by cell in a message: enough to find them, not a wall of text. */
const CELLS_SHOWN = 5;

/**
 * Why a sheet must not replace the active batch of its source (same file name, sheet and kind),
 * or null when it may: a replacement holds what it replaces — the same leaves and fields, the same
 * evaluators. A file of another provider or another evaluator that happens to share the name
 * (工作簿1.xlsx, two copies of one rating form) is refused rather than swapped in.
 */
export function replaceProblem(
  batch: Pick<ImportBatch, 'id' | 'fileName' | 'sha256'>,
  /** What the batch holds (its coverage keys: see coverageKey). */
  before: readonly string[],
  p: ParsedSheet,
  sha256: string,
  file: string,
  names: ReadonlyMap<string, string>,
): Issue | null {
  const kind = p.kind as DataKind;
  const now = new Set(coverageOf(kind, p.block));
  const lost = before.filter((k) => !now.has(k));
  const withdraw = `如确是替换，请先撤回批次 ${batch.id} 再导入`;
  const fix = { fix: { kind: 'withdraw' as const, batch: batch.id, file: batch.fileName } };
  if (kind === 'ratings') {
    const who = (keys: Iterable<string>) =>
      [...new Set([...keys].map((k) => k.slice(0, k.lastIndexOf('|')) || '（匿名）'))].slice(0, 3).join('、');
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

/**
 * Data a sheet gives that another active source already holds, one issue per conflicting batch
 * (a file imported twice under two names would otherwise list every row).
 */
export function conflicts(
  p: ParsedSheet,
  datums: readonly DatumRef[],
  held: ReadonlyMap<string, HeldSource>,
  replacing: number | null,
  names: ReadonlyMap<string, string>,
): Issue[] {
  const byBatch = new Map<number, { cell: HeldSource; hits: DatumRef[] }>();
  for (const d of datums) {
    const h = held.get(d.key);
    if (!h || h.batchId === replacing) continue;
    const entry = byBatch.get(h.batchId) ?? { cell: h, hits: [] };
    entry.hits.push(d);
    byBatch.set(h.batchId, entry);
  }
  return [...byBatch.values()].map(({ cell, hits }) => {
    const first = hits[0] as DatumRef;
    const what = datumWhat(p.block, first, names);
    const where =
      hits.length === 1
        ? what
        : `${hits.length} 项数据（${hits
            .slice(0, CELLS_SHOWN)
            .map((h) => datumSource(p.block, h).split('!')[1])
            .join('、')}${hits.length > CELLS_SHOWN ? '…' : ''}），如${what}，`;
    // a negative batch is another file of this same import, not yet written
    const message =
      cell.batchId > 0
        ? `${where}已由《${cell.fileName}》工作表“${cell.sheet}”导入（批次 ${cell.batchId}），同一数据不能有两个来源；如需以本文件为准，请先撤回该批次`
        : `${where}与本次一同导入的《${cell.fileName}》工作表“${cell.sheet}”重复，同一数据不能有两个来源：请只导入其中一个文件（把另一个移出本次导入）`;
    return {
      ...issue('error', 'HELD_BY_OTHER_BATCH', message, datumSource(p.block, first)),
      ...(cell.batchId > 0
        ? { fix: { kind: 'withdraw' as const, batch: cell.batchId, file: cell.fileName } }
        : {}),
    };
  });
}

/**
 * A workspace made by the release before batch records (schema version 3: a table row per datum)
 * opens in this version with every datum, source and result as it was.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { migrate } from '../../../electron/main/db/migrate';
import { MIGRATIONS } from '../../../electron/main/db/migrations';
import { openDatabase } from '../../../electron/main/db/open';
import { readWorkbook } from '../../../electron/main/excel/read-workbook';
import { readBatch } from '../../../electron/main/repositories/batch-codec';
import { blockRows as batchRows } from '../../../shared/domain/row-block';
import { createSchemeRepo } from '../../../electron/main/repositories/scheme';
import { createServices } from '../../../electron/main/services';
import { emptyData } from '../../../shared/domain/data';
import type { CycleData } from '../../../shared/domain/data';
import { compute } from '../../../shared/engine/compute';
import { toResultJson } from '../../../shared/engine/result-json';
import { parseDataSheet } from '../../../shared/import/data-sheet';
import type { ParsedSheet } from '../../../shared/import/parsed-sheet';
import { parseSchemeWorkbook } from '../../../shared/import/scheme-workbook';
import { CITY_SCHEME, FIXTURE_CITY, fakeClock, tempDir } from '../../helpers/workspace';

let tmp: ReturnType<typeof tempDir>;
beforeEach(() => (tmp = tempDir()));
afterEach(() => tmp.cleanup());

const DATA_DIR = join(FIXTURE_CITY, 'data');

/** Writes the city's cycle and data the way the release of schema version 3 did. */
async function version3Workspace(file: string) {
  const scheme = parseSchemeWorkbook(await readWorkbook(CITY_SCHEME), '2024年度').scheme!;
  const db = new Database(file);
  migrate(db, MIGRATIONS.slice(0, 3));
  db.prepare("INSERT INTO cycles (id, name, created_at, updated_at) VALUES (1, '2024年度', 't', 't')").run();
  const ids = createSchemeRepo(db).write(1, scheme);
  const sheets: ParsedSheet[] = [];
  for (const f of readdirSync(DATA_DIR)
    .filter((x) => x.endsWith('.xlsx'))
    .sort())
    for (const sheet of (await readWorkbook(join(DATA_DIR, f))).sheets) {
      const p = parseDataSheet(sheet, scheme);
      if (p.kind) sheets.push(p);
    }
  const batch = db.prepare(
    `INSERT INTO import_batches (cycle_id, kind, file_name, sha256, sheet, operator, imported_at, row_count)
     VALUES (1, ?, ?, ?, ?, 'op', 't', ?)`,
  );
  const t = (c: string) => ids.targets.get(c) as number;
  const i = (c: string) => ids.indicators.get(c) as number;
  for (const [n, p] of sheets.entries()) {
    const b = Number(
      batch.run(p.kind, `f${n}.xlsx`, String(n).padStart(64, '0'), p.sheet, p.rowCount).lastInsertRowid,
    );
    for (const v of p.values)
      db.prepare(
        'INSERT INTO data_values (batch_id, target_id, indicator_id, value, target_value, baseline, source) VALUES (?, ?, ?, ?, ?, ?, ?)',
      ).run(b, t(v.target), i(v.indicator), v.value, v.targetValue, v.baseline, v.source);
    for (const r of p.ratings)
      db.prepare(
        `INSERT INTO ratings (batch_id, group_id, target_id, indicator_id, evaluator, evaluator_target_id, grade, score, source)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ).run(
        b,
        ids.groups.get(r.group),
        t(r.target),
        i(r.indicator),
        r.evaluator,
        r.evaluatorTarget === null ? null : t(r.evaluatorTarget),
        typeof r.grade === 'string' ? r.grade : null,
        typeof r.grade === 'number' ? r.grade : null,
        r.source,
      );
    for (const x of p.surveys)
      db.prepare(
        `INSERT INTO survey_counts (batch_id, target_id, indicator_id, very_satisfied, satisfied, basic, dissatisfied, unknown, source)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ).run(b, t(x.target), i(x.indicator), ...Object.values(x.counts), x.source);
    for (const x of p.items)
      db.prepare(
        'INSERT INTO items (batch_id, target_id, indicator_id, points, reason, doc_no, source) VALUES (?, ?, ?, ?, ?, ?, ?)',
      ).run(b, t(x.target), i(x.indicator), x.points, x.reason, x.docNo, x.source);
  }
  db.close();
  return { scheme, sheets };
}

const strip = <T extends object>(rows: T[]) =>
  rows.map(({ source: _s, cells: _c, ...r }: T & { source?: string; cells?: unknown }) => r);

describe('a workspace of schema version 3', () => {
  it('is upgraded in place: every batch keeps its rows, in order, with the cell each came from', async () => {
    const file = join(tmp.dir, 'v3.db');
    const { sheets } = await version3Workspace(file);
    const db = openDatabase(file);
    expect(db.pragma('user_version', { simple: true })).toBe(MIGRATIONS.length);
    const records = db
      .prepare<[], { batch_id: number; data: Buffer }>(
        'SELECT batch_id, data FROM batch_rows ORDER BY batch_id',
      )
      .all();
    expect(records).toHaveLength(sheets.length);
    records.forEach((r, n) => {
      const p = sheets[n] as ParsedSheet;
      const rows = batchRows(readBatch(r.data), { sources: true });
      const kind = p.kind as 'values' | 'ratings' | 'surveys' | 'items';
      const want = (p[kind] as { source: string }[]).map((x) => {
        const { cells: _c, ...rest } = x as typeof x & { cells?: unknown };
        return rest;
      });
      expect(rows[kind]).toEqual(want);
    });
    for (const table of ['data_values', 'ratings', 'survey_counts', 'items'])
      expect(db.prepare('SELECT count(*) FROM sqlite_master WHERE name = ?').pluck().get(table)).toBe(0);
    db.close();
  });

  it('computes the result of the same data computed directly, with the same input hash', async () => {
    const file = join(tmp.dir, 'v3.db');
    const { scheme, sheets } = await version3Workspace(file);
    const db = openDatabase(file);
    const services = createServices({ db, clock: fakeClock(), operator: '测试员' });
    const viaDb = services.compute.run(1);
    if (!viaDb.ok) throw new Error(viaDb.error.message);
    const data: CycleData = emptyData();
    for (const p of sheets) {
      data.values.push(...strip(p.values));
      data.ratings.push(...strip(p.ratings));
      data.surveys.push(...strip(p.surveys));
      data.items.push(...strip(p.items));
    }
    const direct = compute({ scheme, data, previous: null });
    expect(viaDb.value.result.inputHash).toBe(direct.inputHash);
    expect(toResultJson(viaDb.value.result)).toEqual(toResultJson(direct));
    // the digests were worked out once and kept: the next check needs no rows
    expect(db.prepare('SELECT count(*) FROM import_batches WHERE digest IS NULL').pluck().get()).toBe(0);
    expect(services.compute.staleness(1)).toBe('fresh');
    db.close();
  });
});

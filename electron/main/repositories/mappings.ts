import type { ValueField } from '../../../shared/domain/issue';
import { matchKey } from '../../../shared/domain/text';
import type { Db } from '../db/open';

export interface ColumnMapping {
  header: string;
  indicator: string;
  field: ValueField;
}

export type MappingsRepo = ReturnType<typeof createMappingsRepo>;

/** Remembered confirmations: column headers → leaves, and aliases of targets. */
export function createMappingsRepo(db: Db) {
  const s = {
    columns: db.prepare<[number], { header: string; indicator: string; field: ValueField }>(
      `SELECT m.header, i.code AS indicator, m.field FROM column_mappings m JOIN indicators i ON i.id = m.indicator_id
       WHERE m.cycle_id = ? ORDER BY m.header_key`,
    ),
    putColumn: db.prepare<[number, string, string, number, ValueField, string, string]>(
      `INSERT INTO column_mappings (cycle_id, header_key, header, indicator_id, field, operator, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (cycle_id, header_key) DO UPDATE SET header = excluded.header, indicator_id = excluded.indicator_id,
         field = excluded.field, operator = excluded.operator, created_at = excluded.created_at`,
    ),
    dropColumn: db.prepare<[number, string]>(
      'DELETE FROM column_mappings WHERE cycle_id = ? AND header_key = ?',
    ),
    addAlias: db.prepare<[number, string, number]>(
      `INSERT INTO target_aliases (target_id, alias, position)
       VALUES (?, ?, (SELECT coalesce(max(position), -1) + 1 FROM target_aliases WHERE target_id = ?))`,
    ),
    dropAlias: db.prepare<[number, string]>('DELETE FROM target_aliases WHERE target_id = ? AND alias = ?'),
  };
  return {
    columns: (cycleId: number): ColumnMapping[] => s.columns.all(cycleId),
    /** Header key → leaf and field, as the importer reads them. */
    presets(cycleId: number): Map<string, { indicator: string; field: ValueField }> {
      return new Map(
        s.columns.all(cycleId).map((c) => [matchKey(c.header), { indicator: c.indicator, field: c.field }]),
      );
    },
    putColumn(
      cycleId: number,
      header: string,
      indicatorId: number,
      field: ValueField,
      operator: string,
      at: string,
    ) {
      s.putColumn.run(cycleId, matchKey(header), header, indicatorId, field, operator, at);
    },
    dropColumn: (cycleId: number, header: string) => s.dropColumn.run(cycleId, matchKey(header)).changes > 0,
    addAlias: (targetId: number, alias: string) => void s.addAlias.run(targetId, alias, targetId),
    dropAlias: (targetId: number, alias: string) => s.dropAlias.run(targetId, alias).changes > 0,
  };
}

import type { Cycle, CycleKind, CycleStatus } from '../../../shared/domain/cycle';
import type { Db } from '../db/open';

interface CycleRow {
  id: number;
  name: string;
  kind: CycleKind;
  status: CycleStatus;
  previous_cycle_id: number | null;
  created_at: string;
  updated_at: string;
  revision: number;
}

const toCycle = (r: CycleRow): Cycle => ({
  id: r.id,
  name: r.name,
  kind: r.kind,
  status: r.status,
  previousCycleId: r.previous_cycle_id,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
  revision: r.revision,
});

export type CyclesRepo = ReturnType<typeof createCyclesRepo>;

export function createCyclesRepo(db: Db) {
  const s = {
    insert: db.prepare<[string, CycleKind, number | null, string, string]>(
      'INSERT INTO cycles (name, kind, previous_cycle_id, created_at, updated_at) VALUES (?, ?, ?, ?, ?)',
    ),
    byId: db.prepare<[number], CycleRow>('SELECT * FROM cycles WHERE id = ?'),
    byName: db.prepare<[string], CycleRow>('SELECT * FROM cycles WHERE name = ?'),
    list: db.prepare<[], CycleRow>('SELECT * FROM cycles ORDER BY created_at DESC, id DESC'),
    setStatus: db.prepare<[CycleStatus, string, number]>(
      'UPDATE cycles SET status = ?, updated_at = ? WHERE id = ?',
    ),
    setPrevious: db.prepare<[number | null, string, number]>(
      'UPDATE cycles SET previous_cycle_id = ?, updated_at = ?, revision = revision + 1 WHERE id = ?',
    ),
    bump: db.prepare<[string, number]>(
      'UPDATE cycles SET revision = revision + 1, updated_at = ? WHERE id = ?',
    ),
  };
  return {
    insert(c: { name: string; kind: CycleKind; previousCycleId: number | null; at: string }): number {
      return Number(s.insert.run(c.name, c.kind, c.previousCycleId, c.at, c.at).lastInsertRowid);
    },
    get: (id: number): Cycle | undefined => {
      const r = s.byId.get(id);
      return r && toCycle(r);
    },
    findByName: (name: string): Cycle | undefined => {
      const r = s.byName.get(name);
      return r && toCycle(r);
    },
    list: (): Cycle[] => s.list.all().map(toCycle),
    setStatus: (id: number, status: CycleStatus, at: string) => void s.setStatus.run(status, at, id),
    setPrevious: (id: number, previous: number | null, at: string) =>
      void s.setPrevious.run(previous, at, id),
    /** Marks a change to what compute reads (data, scheme): stored results of the cycle become suspect. */
    bumpRevision: (id: number, at: string) => void s.bump.run(at, id),
  };
}

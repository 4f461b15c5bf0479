import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Migration } from '../../../electron/main/db/migrate';
import { migrate, NewerDatabaseError } from '../../../electron/main/db/migrate';
import { MIGRATIONS } from '../../../electron/main/db/migrations';
import { CorruptDatabaseError, NotAWorkspaceError, openDatabase } from '../../../electron/main/db/open';
import { tempDir } from '../../helpers/workspace';

let tmp: ReturnType<typeof tempDir>;
beforeEach(() => (tmp = tempDir()));
afterEach(() => tmp.cleanup());

describe('openDatabase', () => {
  it('creates the latest schema on a new file, in WAL mode with foreign keys on', () => {
    const db = openDatabase(join(tmp.dir, 'ws.db'));
    expect(db.pragma('user_version', { simple: true })).toBe(MIGRATIONS.length);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    db.close();
  });

  it('keeps the schema as the snapshot says (a change needs a new migration)', () => {
    const db = openDatabase(':memory:');
    const schema = db
      .prepare<[], { type: string; name: string; sql: string }>(
        "SELECT type, name, sql FROM sqlite_master WHERE sql IS NOT NULL AND name NOT LIKE 'sqlite_%' ORDER BY type, name",
      )
      .all()
      .map((r) => `-- ${r.type} ${r.name}\n${r.sql.replace(/\n\s+/g, '\n  ')}`)
      .join('\n\n');
    expect(schema).toMatchSnapshot();
    db.close();
  });

  it('opens an existing workspace again without migrating twice', () => {
    const file = join(tmp.dir, 'ws.db');
    openDatabase(file).close();
    const db = openDatabase(file);
    expect(db.pragma('user_version', { simple: true })).toBe(MIGRATIONS.length);
    db.close();
  });

  it('upgrades a workspace of version 1, keeping its data', () => {
    const file = join(tmp.dir, 'old.db');
    const raw = new Database(file);
    migrate(raw, MIGRATIONS.slice(0, 1));
    raw.exec("INSERT INTO cycles (name, created_at, updated_at) VALUES ('2023年度', 't', 't')");
    raw.close();
    const db = openDatabase(file);
    expect(db.pragma('user_version', { simple: true })).toBe(MIGRATIONS.length);
    expect(db.prepare('SELECT name, revision FROM cycles').get()).toEqual({ name: '2023年度', revision: 0 });
    db.close();
  });

  it('refuses a workspace written by a newer version and leaves it untouched', () => {
    const file = join(tmp.dir, 'newer.db');
    const raw = new Database(file);
    raw.pragma('user_version = 99');
    raw.close();
    const before = readFileSync(file);
    expect(() => openDatabase(file)).toThrow(NewerDatabaseError);
    expect(() => openDatabase(file)).toThrow(/结构版本 99/);
    expect(readFileSync(file).equals(before)).toBe(true);
  });

  it('refuses a file that is not a workspace', () => {
    const file = join(tmp.dir, '考核数据.xlsx');
    writeFileSync(file, 'PK\u0003\u0004 this is a zip, not SQLite'.repeat(50));
    expect(() => openDatabase(file)).toThrow(NotAWorkspaceError);
  });

  it('reports a damaged workspace instead of opening it', () => {
    const file = join(tmp.dir, 'ws.db');
    const db = openDatabase(file);
    db.exec('CREATE TABLE filler (x TEXT)');
    const insert = db.prepare('INSERT INTO filler VALUES (?)');
    for (let i = 0; i < 2000; i++) insert.run('考核'.repeat(20) + i);
    db.pragma('wal_checkpoint(TRUNCATE)');
    db.close();
    const bytes = readFileSync(file);
    // Scribble over the b-tree pages of the data, leaving the header intact.
    for (let i = bytes.length - 40_000; i < bytes.length - 20_000; i++) bytes[i] = (i * 7919) & 0xff;
    writeFileSync(file, bytes);
    expect(() => openDatabase(file)).toThrow(CorruptDatabaseError);
  });
});

describe('migrate', () => {
  it('runs each migration in a transaction: a failure leaves the previous version intact', () => {
    const db = new Database(':memory:');
    const migrations: Migration[] = [
      { version: 1, name: 'one', up: (d) => d.exec('CREATE TABLE one (x)') },
      {
        version: 2,
        name: 'two',
        up: (d) => {
          d.exec('CREATE TABLE two (x)');
          throw new Error('boom');
        },
      },
    ];
    expect(() => migrate(db, migrations)).toThrow('boom');
    expect(db.pragma('user_version', { simple: true })).toBe(1);
    const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").pluck().all();
    expect(tables).toEqual(['one']);
  });

  it('refuses migrations that are not numbered 1..n', () => {
    const db = new Database(':memory:');
    expect(() => migrate(db, [{ version: 2, name: 'x', up: () => {} }])).toThrow(/numbered/);
  });
});

describe('schema constraints (the last line of validation)', () => {
  const db = openDatabase(':memory:');
  db.exec(`
    INSERT INTO cycles (id, name, created_at, updated_at) VALUES (1, '2024年度', 't', 't');
    INSERT INTO categories (id, cycle_id, code, name, position) VALUES (1, 1, 'QS', '区市', 0);
    INSERT INTO targets (id, cycle_id, code, name, category_id, position) VALUES (1, 1, 'QS01', '东湖区', 1, 0);
    INSERT INTO indicators (id, cycle_id, code, name, method, position) VALUES (1, 1, 'A1', '指标', 'direct', 0);
    INSERT INTO evaluator_groups (id, cycle_id, code, name, weight, position) VALUES (1, 1, 'LD', '市级领导', 0.4, 0);
    INSERT INTO import_batches (id, cycle_id, kind, file_name, sha256, sheet, operator, imported_at, row_count)
      VALUES (1, 1, 'ratings', 'a.xlsx', '${'0'.repeat(64)}', 'S', 'op', 't', 1);
  `);
  it.each([
    ['a negative weight', 'INSERT INTO weights VALUES (1, 1, -1)'],
    [
      'an unknown method',
      "INSERT INTO indicators (cycle_id, code, name, method, position) VALUES (1, 'X', 'x', 'magic', 1)",
    ],
    ['an unknown status', "UPDATE cycles SET status = 'done' WHERE id = 1"],
    ['a cycle linked to itself', 'UPDATE cycles SET previous_cycle_id = 1 WHERE id = 1'],
    [
      'a target of a missing category',
      "INSERT INTO targets (cycle_id, code, name, category_id, position) VALUES (1, 'X', 'x', 99, 1)",
    ],
    [
      'a duplicate target code in a cycle',
      "INSERT INTO targets (cycle_id, code, name, category_id, position) VALUES (1, 'QS01', 'x', 1, 1)",
    ],
    // (what a rating, a value or a count may be is checked by the batch record itself: batch-codec.test.ts)
    [
      'a batch record that is not one',
      "INSERT INTO batch_rows VALUES (1, X'00112233445566778899aabbccddeeff0011223344556677')",
    ],
    [
      'the rows of a batch that does not exist',
      `INSERT INTO batch_rows VALUES (99, X'41574231${'00'.repeat(20)}')`,
    ],
    ['a batch digest that is not one', "UPDATE import_batches SET digest = 'not a digest' WHERE id = 1"],
    [
      'a superseded batch without its successor',
      "UPDATE import_batches SET status = 'superseded' WHERE id = 1",
    ],
    ['a rule key that does not exist', "INSERT INTO rules VALUES (1, 'bottomThree', '3')"],
    ['params that are not a JSON object', "UPDATE indicators SET params = '[1]' WHERE id = 1"],
    ['a text weight in a STRICT table', "INSERT INTO weights VALUES (1, 1, 'ten')"],
  ])('refuses %s', (_what, sql) => {
    expect(() => db.exec(sql)).toThrow();
  });
});

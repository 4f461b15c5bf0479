import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../../electron/main/db/open';
import { createAuditRepo, GENESIS } from '../../../electron/main/repositories/audit';

function logWithEntries(n: number) {
  const db = openDatabase(':memory:');
  const audit = createAuditRepo(db);
  for (let i = 1; i <= n; i++)
    audit.append({
      at: `2025-01-0${i}T09:00:00Z`,
      operator: '张三',
      action: 'import',
      cycleId: 1,
      detail: { file: `数据${i}.xlsx`, rows: i * 10 },
    });
  return { db, audit };
}

describe('audit log', () => {
  it('chains every entry to the one before and verifies', () => {
    const { audit } = logWithEntries(4);
    const entries = audit.entries();
    expect(entries[0]?.prevHash).toBe(GENESIS);
    for (let i = 1; i < entries.length; i++) expect(entries[i]?.prevHash).toBe(entries[i - 1]?.hash);
    expect(audit.verify()).toEqual({ ok: true, count: 4, head: entries[3]?.hash });
  });

  it('refuses updates and deletes through SQL', () => {
    const { db } = logWithEntries(2);
    expect(() => db.exec("UPDATE audit_log SET operator = '李四' WHERE id = 1")).toThrow(/append-only/);
    expect(() => db.exec('DELETE FROM audit_log WHERE id = 2')).toThrow(/append-only/);
  });

  it('detects an entry edited behind its back', () => {
    const { db, audit } = logWithEntries(4);
    db.exec('DROP TRIGGER audit_log_no_update');
    db.exec(`UPDATE audit_log SET detail = '{"file":"数据2.xlsx","rows":999}' WHERE id = 2`);
    expect(audit.verify()).toMatchObject({ ok: false, count: 1, brokenAt: 2 });
  });

  it('detects a deleted entry', () => {
    const { db, audit } = logWithEntries(4);
    db.exec('DROP TRIGGER audit_log_no_delete');
    db.exec('DELETE FROM audit_log WHERE id = 3');
    const v = audit.verify();
    expect(v).toMatchObject({ ok: false, brokenAt: 4 });
    if (!v.ok) expect(v.reason).toContain('删除');
  });

  it('hashes details canonically: key order does not matter', () => {
    const a = openDatabase(':memory:');
    const b = openDatabase(':memory:');
    const e = { at: 't', operator: 'o', action: 'x', cycleId: null };
    const ha = createAuditRepo(a).append({ ...e, detail: { x: 1, y: [1, 2] } });
    const hb = createAuditRepo(b).append({ ...e, detail: { y: [1, 2], x: 1 } });
    expect(ha).toBe(hb);
  });
});

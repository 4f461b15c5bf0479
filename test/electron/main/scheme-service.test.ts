/**
 * The scheme edited as a whole (what the window's 考核方案 screen saves): checked, applied by code so
 * imported data stay attached, deletions of data confirmed first; and 发布 / 撤销发布.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Scheme } from '../../../shared/domain/scheme';
import { CITY_SCHEME, FIXTURE_CITY, cityWorkspace } from '../../helpers/workspace';

const DATA = readdirSync(join(FIXTURE_CITY, 'data'))
  .filter((f) => f.endsWith('.xlsx'))
  .map((f) => join(FIXTURE_CITY, 'data', f));

let ws: Awaited<ReturnType<typeof cityWorkspace>>;
beforeEach(async () => {
  ws = await cityWorkspace();
  const r = await ws.services.imports.importFiles(ws.cycle, DATA);
  if (!r.ok || !r.value.written) throw new Error('setup');
});
afterEach(() => ws.db.close());

const stored = () => {
  const r = ws.services.schemes.get(ws.cycle.id);
  if (!r.ok) throw new Error(r.error.message);
  return r.value.scheme;
};
const edit = (f: (s: Scheme) => void): Scheme => {
  const s = structuredClone(stored());
  f(s);
  return s;
};
const valuesOf = (target: string) =>
  ws.services.compute.inputOf(ws.cycle).data.values.filter((v) => v.target === target).length;

describe('saving an edited scheme', () => {
  it('renames a unit and moves it to another category, keeping its imported data', () => {
    const before = valuesOf('QS01');
    const r = ws.services.schemes.save(
      ws.cycle.id,
      edit((s) => {
        const t = s.targets.find((x) => x.code === 'QS01')!;
        t.name = '东湖新区';
        t.aliases.push('东湖新');
      }),
    );
    expect(r.ok && r.value.changes.targets).toEqual({ added: [], removed: [], changed: ['QS01'] });
    expect(stored().targets.find((t) => t.code === 'QS01')).toMatchObject({ name: '东湖新区' });
    expect(valuesOf('QS01')).toBe(before);
    expect(ws.services.audit.entries(ws.cycle.id).at(-1)).toMatchObject({ action: 'scheme.save' });
  });

  it('refuses weights that do not add up to the full score, pointing at the category', () => {
    const r = ws.services.schemes.save(
      ws.cycle.id,
      edit((s) => {
        s.indicators.find((i) => i.code === 'A01')!.weights.QS = 11;
      }),
    );
    expect(r.ok ? '' : r.error.code).toBe('SCHEME_REFUSED');
    expect(r.ok ? [] : r.error.issues?.map((i) => `${i.code} ${i.ref}`)).toContain('WEIGHT_SUM category:QS');
    expect(stored().indicators.find((i) => i.code === 'A01')!.weights.QS).toBe(10);
  });

  it('asks before deleting a unit that holds data, then deletes it with its data', () => {
    const without = edit((s) => {
      s.targets = s.targets.filter((t) => t.code !== 'QS10');
    });
    const r = ws.services.schemes.save(ws.cycle.id, without);
    expect(r.ok ? '' : r.error.code).toBe('CONFIRM_NEEDED');
    expect(r.ok ? '' : r.error.message).toContain('澜溪市');
    expect(stored().targets.some((t) => t.code === 'QS10')).toBe(true);
    const sure = ws.services.schemes.save(ws.cycle.id, without, { confirmLoss: true });
    expect(sure.ok && sure.value.changes.targets.removed).toEqual(['QS10']);
    expect(valuesOf('QS10')).toBe(0);
  });

  it('takes a deleted unit out of every batch: its own rows go, its ratings of others stay as anyone’s', () => {
    const code = stored().targets.find((t) => t.name === '市发展改革委')!.code;
    const ratings = () => ws.services.compute.inputOf(ws.cycle).data.ratings;
    const by = ratings().filter((r) => r.evaluatorTarget === code);
    expect(by.length).toBeGreaterThan(0);
    const held = () => ws.services.schemes.get(ws.cycle.id);
    const h0 = held();
    expect(h0.ok && h0.value.held.targets.some((t) => t.code === code)).toBe(true);
    const sure = ws.services.schemes.save(
      ws.cycle.id,
      edit((s) => {
        s.targets = s.targets.filter((t) => t.code !== code);
      }),
      { confirmLoss: true },
    );
    expect(sure.ok).toBe(true);
    const after = ratings();
    expect(after.some((r) => r.target === code || r.evaluatorTarget === code)).toBe(false);
    // the department's own ratings of the others are kept, no longer tied to a unit
    const kept = by.filter((r) => r.target !== code);
    expect(kept.length).toBeGreaterThan(0);
    expect(after.filter((r) => r.evaluator === by[0]!.evaluator && r.evaluatorTarget === null)).toHaveLength(
      kept.length,
    );
    expect(valuesOf(code)).toBe(0);
    // every datum held is counted again from the records: nothing of the unit is left
    const h = held();
    expect(h.ok && h.value.held.targets.some((t) => t.code === code)).toBe(false);
  });

  it('moves a leaf under a new node and back, deleting the node without losing the leaf', () => {
    const b03 = stored().indicators.find((i) => i.code === 'B03')!;
    const under = ws.services.schemes.save(
      ws.cycle.id,
      edit((s) => {
        const at = s.indicators.findIndex((i) => i.code === 'B03');
        s.indicators.splice(at, 0, {
          ...b03,
          code: 'B9',
          name: '预算管理',
          method: null,
          params: {},
          parent: 'B',
        });
        s.indicators.find((i) => i.code === 'B03')!.parent = 'B9';
      }),
    );
    if (!under.ok) throw new Error(JSON.stringify(under.error));
    expect(under.value.changes.indicators).toEqual({ added: ['B9'], removed: [], changed: ['B03'] });
    const back = ws.services.schemes.save(
      ws.cycle.id,
      edit((s) => {
        s.indicators = s.indicators.filter((i) => i.code !== 'B9');
        s.indicators.find((i) => i.code === 'B03')!.parent = 'B';
      }),
    );
    if (!back.ok) throw new Error(JSON.stringify(back.error));
    expect(stored().indicators.find((i) => i.code === 'B03')).toMatchObject({ parent: 'B' });
    expect(ws.services.compute.inputOf(ws.cycle).data.values.some((v) => v.indicator === 'B03')).toBe(true);
  });

  it('changes nothing when saved as it is, and reads back its own workbook as no change', async () => {
    const same = ws.services.schemes.save(ws.cycle.id, stored());
    expect(same.ok && same.value.changes.indicators).toEqual({ added: [], removed: [], changed: [] });
    const book = await ws.services.schemes.workbook(ws.cycle.id);
    if (!book.ok) throw new Error('workbook');
    expect(book.value.fileName).toBe('2024年度考核方案.xlsx');
    const back = await ws.services.schemes.replaceFromWorkbook(
      ws.cycle.id,
      book.value.fileName,
      book.value.bytes,
    );
    expect(back.ok && back.value.changes.targets).toEqual({ added: [], removed: [], changed: [] });
  });
});

describe('publishing', () => {
  it('seals a computed cycle, refuses edits while sealed, and reopens for a stated reason', () => {
    expect(ws.services.publishing.publish(ws.cycle.id).ok).toBe(false); // not computed yet
    expect(ws.services.compute.run(ws.cycle.id).ok).toBe(true);
    const p = ws.services.publishing.publish(ws.cycle.id);
    expect(p.ok && p.value.status).toBe('published');
    const save = ws.services.schemes.save(ws.cycle.id, stored());
    expect(save.ok ? '' : save.error.code).toBe('CYCLE_PUBLISHED');
    expect(ws.services.publishing.reopen(ws.cycle.id, '  ').ok).toBe(false);
    const r = ws.services.publishing.reopen(ws.cycle.id, '市委常委会要求复核青石县数据');
    expect(r.ok && r.value.status).toBe('computed');
    const actions = ws.services.audit.entries(ws.cycle.id).map((e) => e.action);
    expect(actions.slice(-2)).toEqual(['cycle.publish', 'cycle.reopen']);
    expect(ws.services.audit.verify().ok).toBe(true);
  });

  it('keeps a published result sealed: its previous cycle cannot be relinked, nor its recompute make it stale', async () => {
    const prev = await ws.services.cycles.importScheme(CITY_SCHEME, { name: '2023年度' });
    if (!prev.ok) throw new Error(prev.error.message);
    expect(ws.services.cycles.linkPrevious(ws.cycle.id, prev.value.cycle.id).ok).toBe(true);
    expect(ws.services.compute.run(ws.cycle.id).ok).toBe(true);
    expect(ws.services.publishing.publish(ws.cycle.id).ok).toBe(true);

    const relink = ws.services.cycles.linkPrevious(ws.cycle.id, null);
    expect(relink.ok ? '' : relink.error.code).toBe('CYCLE_PUBLISHED');
    // the previous cycle gets data and a result of its own: the sealed one stays current and exportable
    await ws.services.imports.importFiles(
      ws.services.cycles.list().find((c) => c.id === prev.value.cycle.id)!,
      DATA,
    );
    ws.services.compute.run(prev.value.cycle.id);
    expect(ws.services.compute.staleness(ws.cycle.id)).toBe('fresh');
    expect(ws.services.compute.current(ws.cycle.id)?.stale).toBe(false);
  });

  it('refuses to publish a stale result', () => {
    expect(ws.services.compute.run(ws.cycle.id).ok).toBe(true);
    ws.services.schemes.save(
      ws.cycle.id,
      edit((s) => {
        s.targets.find((t) => t.code === 'QS01')!.name = '东湖新区';
      }),
    );
    const r = ws.services.publishing.publish(ws.cycle.id);
    expect(r.ok ? '' : r.error.code).toBe('RESULT_STALE');
  });
});

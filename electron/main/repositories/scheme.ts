import type { Direction, MethodKey } from '../../../shared/domain/method';
import type { RuleKey, Rules } from '../../../shared/domain/rules';
import { defaultRules, formatRuleValue, parseRuleValue } from '../../../shared/domain/rules';
import type { Indicator, Scheme } from '../../../shared/domain/scheme';
import type { Statement } from 'better-sqlite3';
import type { Db } from '../db/open';

interface IndicatorRow {
  id: number;
  code: string;
  parent_code: string | null;
  name: string;
  method: MethodKey | null;
  direction: Direction;
  params: string;
  provider: string | null;
}

/** Code → id maps of a cycle's scheme, for writing data rows. */
export interface SchemeIds {
  targets: Map<string, number>;
  indicators: Map<string, number>;
  groups: Map<string, number>;
  categories: Map<string, number>;
}

export type SchemeRepo = ReturnType<typeof createSchemeRepo>;

export function createSchemeRepo(db: Db) {
  let changes: Statement<[], number> | undefined;
  const s = {
    insertCategory: db.prepare<[number, string, string, number]>(
      'INSERT INTO categories (cycle_id, code, name, position) VALUES (?, ?, ?, ?)',
    ),
    insertTarget: db.prepare<[number, string, string, number, string | null, number]>(
      'INSERT INTO targets (cycle_id, code, name, category_id, exempt_reason, position) VALUES (?, ?, ?, ?, ?, ?)',
    ),
    setTargetParent: db.prepare<[number, number]>('UPDATE targets SET parent_id = ? WHERE id = ?'),
    insertAlias: db.prepare<[number, string, number]>(
      'INSERT INTO target_aliases (target_id, alias, position) VALUES (?, ?, ?)',
    ),
    insertIndicator: db.prepare<
      [number, string, number | null, string, MethodKey | null, Direction, string, string | null, number]
    >(
      `INSERT INTO indicators (cycle_id, code, parent_id, name, method, direction, params, provider, position)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ),
    insertWeight: db.prepare<[number, number, number]>(
      'INSERT INTO weights (indicator_id, category_id, weight) VALUES (?, ?, ?)',
    ),
    insertGroup: db.prepare<[number, string, string, number, number]>(
      'INSERT INTO evaluator_groups (cycle_id, code, name, weight, position) VALUES (?, ?, ?, ?, ?)',
    ),
    upsertRule: db.prepare<[number, string, string]>(
      'INSERT INTO rules (cycle_id, key, value) VALUES (?, ?, ?) ON CONFLICT (cycle_id, key) DO UPDATE SET value = excluded.value',
    ),
    categories: db.prepare<[number], { id: number; code: string; name: string }>(
      'SELECT id, code, name FROM categories WHERE cycle_id = ? ORDER BY position',
    ),
    targets: db.prepare<
      [number],
      {
        id: number;
        code: string;
        name: string;
        category: string;
        exempt_reason: string | null;
        parent: string | null;
      }
    >(
      `SELECT t.id, t.code, t.name, c.code AS category, t.exempt_reason, p.code AS parent
       FROM targets t JOIN categories c ON c.id = t.category_id LEFT JOIN targets p ON p.id = t.parent_id
       WHERE t.cycle_id = ? ORDER BY t.position`,
    ),
    aliases: db.prepare<[number], { target_id: number; alias: string }>(
      `SELECT a.target_id, a.alias FROM target_aliases a JOIN targets t ON t.id = a.target_id
       WHERE t.cycle_id = ? ORDER BY a.target_id, a.position`,
    ),
    indicators: db.prepare<[number], IndicatorRow>(
      `SELECT i.id, i.code, p.code AS parent_code, i.name, i.method, i.direction, i.params, i.provider
       FROM indicators i LEFT JOIN indicators p ON p.id = i.parent_id WHERE i.cycle_id = ? ORDER BY i.position`,
    ),
    weights: db.prepare<[number], { indicator_id: number; category: string; weight: number }>(
      `SELECT w.indicator_id, c.code AS category, w.weight FROM weights w
       JOIN categories c ON c.id = w.category_id WHERE c.cycle_id = ? ORDER BY c.position`,
    ),
    groups: db.prepare<[number], { id: number; code: string; name: string; weight: number }>(
      'SELECT id, code, name, weight FROM evaluator_groups WHERE cycle_id = ? ORDER BY position',
    ),
    rules: db.prepare<[number], { key: RuleKey; value: string }>(
      'SELECT key, value FROM rules WHERE cycle_id = ?',
    ),
    updateCategory: db.prepare<[string, number, number]>(
      'UPDATE categories SET name = ?, position = ? WHERE id = ?',
    ),
    deleteCategory: db.prepare<[number]>('DELETE FROM categories WHERE id = ?'),
    updateTarget: db.prepare<[string, number, string | null, number, number]>(
      'UPDATE targets SET name = ?, category_id = ?, exempt_reason = ?, position = ?, parent_id = NULL WHERE id = ?',
    ),
    deleteTarget: db.prepare<[number]>('DELETE FROM targets WHERE id = ?'),
    deleteAliases: db.prepare<[number]>('DELETE FROM target_aliases WHERE target_id = ?'),
    updateIndicator: db.prepare<[string, MethodKey | null, Direction, string, string | null, number, number]>(
      `UPDATE indicators SET name = ?, method = ?, direction = ?, params = ?, provider = ?, position = ?
       WHERE id = ?`,
    ),
    setIndicatorParent: db.prepare<[number | null, number]>(
      'UPDATE indicators SET parent_id = ? WHERE id = ?',
    ),
    deleteIndicator: db.prepare<[number]>('DELETE FROM indicators WHERE id = ?'),
    deleteWeights: db.prepare<[number]>(
      'DELETE FROM weights WHERE indicator_id IN (SELECT id FROM indicators WHERE cycle_id = ?)',
    ),
    updateGroup: db.prepare<[string, number, number, number]>(
      'UPDATE evaluator_groups SET name = ?, weight = ?, position = ? WHERE id = ?',
    ),
    deleteGroup: db.prepare<[number]>('DELETE FROM evaluator_groups WHERE id = ?'),
  };

  function idsOf(cycleId: number): SchemeIds {
    return {
      targets: new Map(s.targets.all(cycleId).map((t) => [t.code, t.id])),
      indicators: new Map(s.indicators.all(cycleId).map((i) => [i.code, i.id])),
      groups: new Map(s.groups.all(cycleId).map((g) => [g.code, g.id])),
      categories: new Map(s.categories.all(cycleId).map((c) => [c.code, c.id])),
    };
  }

  /** Every rule of the cycle, in the text a cell would hold. */
  const writeRules = (cycleId: number, rules: Rules) => {
    for (const key of Object.keys(rules) as RuleKey[])
      s.upsertRule.run(cycleId, key, formatRuleValue(key, rules[key]));
  };

  return {
    /**
     * Writes a whole scheme into an empty cycle. Indicators go in tree order so that every parent
     * exists before its children (the foreign key demands it). Runs inside the caller's transaction.
     */
    write(cycleId: number, scheme: Scheme): SchemeIds {
      const categories = new Map<string, number>();
      scheme.categories.forEach((c, i) => {
        categories.set(c.code, Number(s.insertCategory.run(cycleId, c.code, c.name, i).lastInsertRowid));
      });
      const targets = new Map<string, number>();
      scheme.targets.forEach((t, i) => {
        const categoryId = categories.get(t.category);
        if (categoryId === undefined) throw new Error(`unknown category ${t.category}`);
        const id = Number(
          s.insertTarget.run(cycleId, t.code, t.name, categoryId, t.exemptReason, i).lastInsertRowid,
        );
        targets.set(t.code, id);
        t.aliases.forEach((a, j) => s.insertAlias.run(id, a, j));
      });
      for (const t of scheme.targets)
        if (t.parent) s.setTargetParent.run(targets.get(t.parent) as number, targets.get(t.code) as number);
      const indicators = new Map<string, number>();
      const pending = scheme.indicators.map((ind, position) => ({ ind, position }));
      while (pending.length > 0) {
        const before = pending.length;
        for (let k = 0; k < pending.length; k++) {
          const { ind, position } = pending[k] as { ind: Indicator; position: number };
          if (ind.parent !== null && !indicators.has(ind.parent)) continue;
          const parentId = ind.parent === null ? null : (indicators.get(ind.parent) as number);
          const id = Number(
            s.insertIndicator.run(
              cycleId,
              ind.code,
              parentId,
              ind.name,
              ind.method,
              ind.direction,
              JSON.stringify(ind.params),
              ind.provider,
              position,
            ).lastInsertRowid,
          );
          indicators.set(ind.code, id);
          for (const [cat, w] of Object.entries(ind.weights))
            s.insertWeight.run(id, categories.get(cat) as number, w);
          pending.splice(k--, 1);
        }
        if (pending.length === before) throw new Error('indicator tree has a missing parent or a cycle');
      }
      const groups = new Map<string, number>();
      scheme.groups.forEach((g, i) =>
        groups.set(g.code, Number(s.insertGroup.run(cycleId, g.code, g.name, g.weight, i).lastInsertRowid)),
      );
      writeRules(cycleId, scheme.rules);
      return { targets, indicators, groups, categories };
    },

    writeRules,

    /**
     * A count that every change to any cycle's scheme moves (migration 006, by triggers): a scheme
     * read while it stood at the same count is still the scheme.
     */
    changeCount(): number {
      // prepared when first asked (a workspace of an older schema is written by these repositories in tests)
      changes ??= db.prepare<[], number>('SELECT n FROM scheme_changes WHERE id = 1').pluck();
      return changes.get() as number;
    },

    load(cycleId: number, name: string): Scheme {
      const aliases = new Map<number, string[]>();
      for (const a of s.aliases.all(cycleId)) {
        const list = aliases.get(a.target_id) ?? [];
        list.push(a.alias);
        aliases.set(a.target_id, list);
      }
      const weights = new Map<number, Record<string, number>>();
      for (const w of s.weights.all(cycleId)) {
        const m = weights.get(w.indicator_id) ?? {};
        m[w.category] = w.weight;
        weights.set(w.indicator_id, m);
      }
      const rules = defaultRules();
      for (const r of s.rules.all(cycleId)) {
        const parsed = parseRuleValue(r.key, r.value);
        if (!parsed.ok) throw new Error(`stored rule ${r.key}=${r.value} does not parse: ${parsed.message}`);
        (rules as unknown as Record<string, unknown>)[r.key] = parsed.value;
      }
      return {
        name,
        rules,
        categories: s.categories.all(cycleId).map((c) => ({ code: c.code, name: c.name })),
        targets: s.targets.all(cycleId).map((t) => ({
          code: t.code,
          name: t.name,
          aliases: aliases.get(t.id) ?? [],
          category: t.category,
          exemptReason: t.exempt_reason,
          parent: t.parent,
        })),
        indicators: s.indicators.all(cycleId).map((i) => ({
          code: i.code,
          name: i.name,
          parent: i.parent_code,
          method: i.method,
          direction: i.direction,
          params: JSON.parse(i.params) as Record<string, string>,
          provider: i.provider,
          weights: weights.get(i.id) ?? {},
        })),
        groups: s.groups.all(cycleId).map((g) => ({ code: g.code, name: g.name, weight: g.weight })),
      };
    },

    /**
     * Makes a cycle's stored scheme equal to `scheme`, keeping the rows of everything whose code
     * stays (so imported data stay attached): updates by code, inserts what is new, deletes what
     * is gone (its data go with DataRepo.dropCodes). Runs inside the caller's transaction; the scheme must be checked.
     */
    apply(cycleId: number, scheme: Scheme): void {
      const ids = idsOf(cycleId);
      // categories first: targets must find theirs
      scheme.categories.forEach((c, i) => {
        const id = ids.categories.get(c.code);
        if (id === undefined)
          ids.categories.set(
            c.code,
            Number(s.insertCategory.run(cycleId, c.code, c.name, i).lastInsertRowid),
          );
        else s.updateCategory.run(c.name, i, id);
      });
      const keepTargets = new Set(scheme.targets.map((t) => t.code));
      for (const [code, id] of ids.targets)
        if (!keepTargets.has(code)) {
          s.deleteTarget.run(id);
          ids.targets.delete(code);
        }
      scheme.targets.forEach((t, i) => {
        const categoryId = ids.categories.get(t.category) as number;
        let id = ids.targets.get(t.code);
        if (id === undefined) {
          id = Number(
            s.insertTarget.run(cycleId, t.code, t.name, categoryId, t.exemptReason, i).lastInsertRowid,
          );
          ids.targets.set(t.code, id);
        } else {
          s.updateTarget.run(t.name, categoryId, t.exemptReason, i, id);
          s.deleteAliases.run(id);
        }
        t.aliases.forEach((a, j) => s.insertAlias.run(id, a, j));
      });
      for (const t of scheme.targets)
        if (t.parent)
          s.setTargetParent.run(ids.targets.get(t.parent) as number, ids.targets.get(t.code) as number);
      const keepCategories = new Set(scheme.categories.map((c) => c.code));
      for (const [code, id] of ids.categories) if (!keepCategories.has(code)) s.deleteCategory.run(id);

      // indicators: detached from their parents first (a deleted parent must not take a kept child
      // with it), the gone ones deleted, then rows written and parents set again
      for (const id of ids.indicators.values()) s.setIndicatorParent.run(null, id);
      const keepIndicators = new Set(scheme.indicators.map((i) => i.code));
      for (const [code, id] of ids.indicators)
        if (!keepIndicators.has(code)) {
          s.deleteIndicator.run(id);
          ids.indicators.delete(code);
        }
      scheme.indicators.forEach((ind, position) => {
        const id = ids.indicators.get(ind.code);
        const params = JSON.stringify(ind.params);
        if (id === undefined)
          ids.indicators.set(
            ind.code,
            Number(
              s.insertIndicator.run(
                cycleId,
                ind.code,
                null,
                ind.name,
                ind.method,
                ind.direction,
                params,
                ind.provider,
                position,
              ).lastInsertRowid,
            ),
          );
        else s.updateIndicator.run(ind.name, ind.method, ind.direction, params, ind.provider, position, id);
      });
      for (const ind of scheme.indicators)
        if (ind.parent !== null)
          s.setIndicatorParent.run(
            ids.indicators.get(ind.parent) as number,
            ids.indicators.get(ind.code) as number,
          );
      s.deleteWeights.run(cycleId);
      for (const ind of scheme.indicators)
        for (const [cat, w] of Object.entries(ind.weights))
          s.insertWeight.run(ids.indicators.get(ind.code) as number, ids.categories.get(cat) as number, w);

      const keepGroups = new Set(scheme.groups.map((g) => g.code));
      for (const [code, id] of ids.groups) if (!keepGroups.has(code)) s.deleteGroup.run(id);
      scheme.groups.forEach((g, i) => {
        const id = ids.groups.get(g.code);
        if (id === undefined) s.insertGroup.run(cycleId, g.code, g.name, g.weight, i);
        else s.updateGroup.run(g.name, g.weight, i, id);
      });
      writeRules(cycleId, scheme.rules);
    },

    ids: idsOf,
  };
}

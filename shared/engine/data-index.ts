import type { ItemRow, PreviousCycle, SurveyCounts, ValueRow } from '../domain/data';
import type { Issue } from '../domain/issue';
import { issue } from '../domain/issue';
import type { MethodKey } from '../domain/method';
import { ITEM_METHODS, METHOD_LABELS, VALUE_METHODS } from '../domain/method';
import { gradeReader, RatingCells } from './methods/rating';
import type { PreparedLeaf, PreparedScheme } from './prepare';
import type { RowSink, RowSource } from './row-source';
import { Counter, IssueBag } from './counted';
import { compareCodes } from './stats';

/**
 * The data of a cycle, checked against the scheme and indexed for scoring: per leaf, an array over
 * targets (by their position in PreparedScheme.targets), so that scoring reads arrays instead of
 * looking strings up. Only rows that apply to the target's category are kept.
 */
export interface DataIndex {
  /** Per leaf, over the targets: each one's value, 目标值 and 基期值, merged over the rows that gave them. */
  values: Map<string, ValueColumns>;
  /**
   * Per leaf, per target and evaluator group (cell target position × groups + group position in
   * the scheme): the points given, counted.
   */
  ratings: Map<string, RatingCells>;
  surveys: Map<string, (SurveyCounts | undefined)[]>;
  /** Per target: items on bonus, deduction and veto leaves. */
  items: (ItemRow[] | undefined)[];
  /** Previous cycle's values for growth baselines, per leaf and target. */
  previousValues: Map<string, (number | undefined)[]>;
}

/**
 * A leaf's values over the targets (by position): bit 0 of `present` says a value is given, bit 1 a
 * 目标值, bit 2 a 基期值. Typed arrays: 5,000 targets × 60 leaves would otherwise be 300,000 objects.
 */
export interface ValueColumns {
  present: Uint8Array;
  value: Float64Array;
  targetValue: Float64Array;
  baseline: Float64Array;
}

/** A field of a target's values (position t), or null when not given. */
export function valueField(
  c: ValueColumns | undefined,
  t: number,
  field: 'value' | 'targetValue' | 'baseline',
): number | null {
  if (c === undefined) return null;
  const bit = field === 'value' ? 1 : field === 'targetValue' ? 2 : 4;
  return ((c.present[t] as number) & bit) !== 0 ? (c[field][t] as number) : null;
}

const at = (target: string, indicator: string) => `${target}/${indicator}`;
const VALUE_FIELDS = ['value', 'targetValue', 'baseline'] as const;
const VALUE_FIELD_LABELS = { value: '数值', targetValue: '目标值', baseline: '基期值' } as const;
const surveyKey = (c: SurveyCounts) =>
  `${c.verySatisfied},${c.satisfied},${c.basic},${c.dissatisfied},${c.unknown}`;
const VALUES_KIND: ReadonlySet<MethodKey> = new Set(VALUE_METHODS);
const RATING: ReadonlySet<MethodKey> = new Set(['rating']);
const SATISFACTION: ReadonlySet<MethodKey> = new Set(['satisfaction']);
const ITEMS: ReadonlySet<MethodKey> = new Set(ITEM_METHODS);
/** Every count a non-negative whole number. */
function wholeCounts(counts: SurveyCounts): boolean {
  for (const k in counts) {
    const n = counts[k as keyof SurveyCounts];
    if (!Number.isInteger(n) || n < 0) return false;
  }
  return true;
}
const finite = (v: number | null) => v === null || Number.isFinite(v);
const sameValueRow = (a: ValueRow, b: ValueRow) =>
  Object.is(a.value, b.value) && Object.is(a.targetValue, b.targetValue) && Object.is(a.baseline, b.baseline);
const sameCounts = (a: SurveyCounts, b: SurveyCounts) => surveyKey(a) === surveyKey(b);
const sameItem = (a: ItemRow, b: ItemRow) =>
  a.indicator === b.indicator &&
  Object.is(a.points, b.points) &&
  a.reason === b.reason &&
  a.docNo === b.docNo;

/**
 * Checks every data row against the scheme (known target, known leaf of the right kind, applicable
 * to the target's category, no duplicates, sane numbers) and keeps what passes indexed (see
 * DataIndex). Rows can be added and taken away again (`apply` with sign −1: a batch withdrawn or
 * superseded); the index, the issues and what changed depend only on the rows held, never on the
 * order they came or went in — so that scoring again only what changed gives what scoring
 * everything would.
 */
export function createDataIndex(
  p: PreparedScheme,
  previous: PreviousCycle | null,
  gradePoints: Readonly<Record<string, number>>,
) {
  const nT = p.targets.length;
  const nG = p.scheme.groups.length;
  const name = (t: string) => p.targetByCode.get(t)?.name ?? t;
  const leafName = (i: string) => p.indicatorByCode.get(i)?.name ?? i;
  const who = (t: string, i: string) => `${t}（${name(t)}）的指标 ${i}（${leafName(i)}）`;
  /** Categories each leaf applies to. */
  const appliesIn = new Map<PreparedLeaf, Set<string>>(
    p.leaves.map((l) => [l, new Set(Object.keys(l.indicator.weights))]),
  );
  const categoryOf = p.targets.map((t) => t.category);
  const categoryCodes = p.scheme.categories.map((c) => c.code);
  const categoryIndexOf = p.targets.map((t) => categoryCodes.indexOf(t.category));
  const leafIndex = new Map(p.leaves.map((l, i) => [l.indicator.code, i]));
  const nC = categoryCodes.length;
  /**
   * What a row's leaf code resolves to, looked up once per row: the leaf, its position, and per
   * target position whether it applies to the target's category.
   */
  const leafInfo = new Map(
    p.leaves.map((l, index) => {
      const cats = appliesIn.get(l) as Set<string>;
      const applies = new Uint8Array(nT);
      for (let t = 0; t < nT; t++) applies[t] = cats.has(categoryOf[t] as string) ? 1 : 0;
      const groups = l.params.method === 'rating' ? l.params.groups : null;
      const groupAllowed = new Uint8Array(nG).fill(groups === null ? 1 : 0);
      if (groups) p.scheme.groups.forEach((g, i) => (groupAllowed[i] = groups.includes(g.code) ? 1 : 0));
      const kind = [VALUES_KIND, RATING, SATISFACTION, ITEMS].find((k) => k.has(l.params.method));
      const entry = {
        leaf: l,
        index,
        applies,
        groupAllowed,
        /** Which rows the leaf takes (one of the kinds check() is asked about). */
        kind,
        /** The leaf's value columns, counts and histograms once it has any (looked up once, not per row). */
        columns: undefined as ValueColumns | undefined,
        counts: undefined as Uint32Array | undefined,
        ratings: undefined as RatingCells | undefined,
      };
      return [l.indicator.code, entry] as const;
    }),
  );
  let info = undefined as unknown as NonNullable<ReturnType<typeof leafInfo.get>>;
  const perLeaf = <V>(m: Map<string, (V | undefined)[]>, leaf: string): (V | undefined)[] => {
    let a = m.get(leaf);
    if (!a) m.set(leaf, (a = new Array<V | undefined>(nT)));
    return a;
  };

  const index: DataIndex = {
    values: new Map(),
    ratings: new Map(),
    surveys: new Map(),
    items: new Array<ItemRow[] | undefined>(nT),
    previousValues: new Map(),
  };
  /**
   * How many rows each (leaf, target) cell of values holds — one is kept in the columns themselves —
   * and every row of a cell holding more, to merge again when one goes. Surveys alike.
   */
  const valueCounts = new Map<string, Uint32Array>();
  const valueRows = new Map<number, ValueRow[]>();
  const surveyRows = new Map<string, (SurveyCounts[] | undefined)[]>();
  const columnsOf = (leaf: string): ValueColumns => {
    let c = index.values.get(leaf);
    if (!c) {
      c = {
        present: new Uint8Array(nT),
        value: new Float64Array(nT),
        targetValue: new Float64Array(nT),
        baseline: new Float64Array(nT),
      };
      index.values.set(leaf, c);
      valueCounts.set(leaf, new Uint32Array(nT));
    }
    return c;
  };
  const writeRow = (c: ValueColumns, t: number, r: ValueRow | null) => {
    c.present[t] =
      r === null
        ? 0
        : (r.value !== null ? 1 : 0) | (r.targetValue !== null ? 2 : 0) | (r.baseline !== null ? 4 : 0);
    c.value[t] = r?.value ?? 0;
    c.targetValue[t] = r?.targetValue ?? 0;
    c.baseline[t] = r?.baseline ?? 0;
  };
  const rowAt = (c: ValueColumns, t: number, target: string, indicator: string): ValueRow => ({
    target,
    indicator,
    value: valueField(c, t, 'value'),
    targetValue: valueField(c, t, 'targetValue'),
    baseline: valueField(c, t, 'baseline'),
  });
  const bag = new IssueBag();
  /** Issues a cell's rows make together (two values for one field), by leaf and target position. */
  const cellIssues = new Map<number, Issue[]>();
  const cellOf = (code: string, t: number) => (leafIndex.get(code) as number) * nT + t;
  const notApplied = new Counter<string>();
  const ownDropped = new Counter<string>();
  /** Per leaf and grade not in the table: the rows' places, counted (the first place is reported). */
  const badGrades = new Map<string, Counter<string>>();
  /** (leaf, category) pairs whose data changed (by position), and targets whose items changed. */
  let dirtyLeaves = new Uint8Array(p.leaves.length * nC);
  let dirtyItems = new Set<number>();
  /** The row being added or taken away (see check) changed its leaf's data in its target's category. */
  const touch = () => (dirtyLeaves[info.index * nC + (categoryIndexOf[ti] as number)] = 1);

  // The row being checked, set by check() when it returns true: rows come by the hundred thousand,
  // so no object is made per row.
  let ti = -1;
  let leaf: PreparedLeaf = undefined as unknown as PreparedLeaf;
  let applies = false;
  let sign: 1 | -1 = 1;

  /** Resolves a row's target and leaf into ti, leaf and applies, reporting what does not fit. */
  let lastTarget: string | null = null;
  let lastTi: number | undefined;
  let lastIndicator: string | null = null;
  let lastInfo: typeof info | undefined;
  const check = (
    kind: string,
    target: string,
    indicator: string,
    wanted: ReadonlySet<MethodKey>,
  ): boolean => {
    // rows come grouped (a sheet is one target's, or one leaf's): the last answers are kept
    const tIndex = target === lastTarget ? lastTi : p.targetIndex.get(target);
    if (tIndex === undefined) {
      bag.add(
        issue('error', 'UNKNOWN_TARGET', `${kind}中的考核对象 ${target} 不在方案中`, at(target, indicator)),
        sign,
      );
      return false;
    }
    lastTarget = target;
    lastTi = tIndex;
    const found = indicator === lastIndicator ? lastInfo : leafInfo.get(indicator);
    if (!found) {
      const node = p.indicatorByCode.get(indicator);
      bag.add(
        issue(
          'error',
          'UNKNOWN_INDICATOR',
          node
            ? `${kind}中的指标 ${indicator}（${node.name}）不是末级指标，不能直接填数据`
            : `${kind}中的指标 ${indicator} 不在方案中`,
          at(target, indicator),
        ),
        sign,
      );
      return false;
    }
    lastIndicator = indicator;
    lastInfo = found;
    const l = found.leaf;
    if (found.kind !== wanted) {
      bag.add(
        issue(
          'error',
          'WRONG_KIND',
          `指标 ${indicator}（${l.indicator.name}）的计分方法是${METHOD_LABELS[l.params.method]}，不接受${kind}`,
          at(target, indicator),
        ),
        sign,
      );
      return false;
    }
    ti = tIndex;
    leaf = l;
    info = found;
    applies = found.applies[tIndex] === 1;
    return true;
  };
  const notApplicable = (target: string, indicator: string, what: string) =>
    bag.add(
      issue(
        'warning',
        'NOT_APPLICABLE',
        `指标 ${indicator}（${leafName(indicator)}）不适用于 ${target}（${name(target)}）所在类别，其${what}不参与计分`,
        at(target, indicator),
      ),
      sign,
    );

  /** A value, its 目标值 and its 基期值 may come in different rows (different files): they merge field by field. */
  function mergeValues(code: string, t: number, rows: readonly ValueRow[]): ValueRow {
    const k = cellOf(code, t);
    cellIssues.delete(k);
    const first = rows[0] as ValueRow;
    const merged: ValueRow = { ...first, value: null, targetValue: null, baseline: null };
    const found: Issue[] = [];
    for (const field of VALUE_FIELDS) {
      const given = rows.map((r) => r[field]).filter((x): x is number => x !== null);
      if (given.length === 0) continue;
      given.sort((a, b) => a - b);
      const low = given[0] as number;
      merged[field] = low; // the same one whatever order the rows came in
      // the same field given twice is a conflict: each other value against the smallest
      for (const other of given.slice(1))
        found.push(
          issue(
            'error',
            'DUPLICATE_VALUE',
            `${who(first.target, first.indicator)}的${VALUE_FIELD_LABELS[field]}有两个（${low} 与 ${other}）`,
            at(first.target, first.indicator),
          ),
        );
    }
    if (found.length > 0) cellIssues.set(k, found);
    return merged;
  }

  function chooseSurvey(code: string, t: number, rows: readonly SurveyCounts[]): SurveyCounts | undefined {
    const k = cellOf(code, t);
    if (cellIssues.size > 0) cellIssues.delete(k);
    if (rows.length === 0) return undefined;
    if (rows.length === 1) return rows[0];
    let best = rows[0] as SurveyCounts;
    for (const c of rows) if (surveyKey(c) < surveyKey(best)) best = c;
    if (rows.length > 1) {
      const target = p.targets[t]?.code as string;
      cellIssues.set(k, [
        issue('error', 'DUPLICATE_VALUE', `${who(target, code)}有两行满意度数据`, at(target, code)),
      ]);
    }
    return best;
  }

  const remove = <R>(list: R[] | undefined, row: R, same: (a: R, b: R) => boolean): void => {
    const i = list ? list.findIndex((x) => same(x, row)) : -1;
    if (i < 0) throw new Error('taking away a row that was never added');
    (list as R[]).splice(i, 1);
  };

  const readGrade = gradeReader(gradePoints);
  const sink: RowSink = {
    value(target, indicator, value, targetValue, baseline) {
      if (!check('指标数据', target, indicator, VALUES_KIND)) return;
      if (!finite(value) || !finite(targetValue) || !finite(baseline)) {
        bag.add(
          issue('error', 'BAD_NUMBER', `${who(target, indicator)}的数据不是有效数值`, at(target, indicator)),
          sign,
        );
        return;
      }
      if (!applies) {
        if (value !== null) notApplicable(target, indicator, '数据');
        return;
      }
      const c = (info.columns ??= columnsOf(indicator));
      const counts = (info.counts ??= valueCounts.get(indicator) as Uint32Array);
      const n = counts[ti] as number;
      if (sign === 1 && n === 0) {
        // nearly every cell: one row, kept in the columns alone
        c.present[ti] =
          (value !== null ? 1 : 0) | (targetValue !== null ? 2 : 0) | (baseline !== null ? 4 : 0);
        c.value[ti] = value ?? 0;
        c.targetValue[ti] = targetValue ?? 0;
        c.baseline[ti] = baseline ?? 0;
        counts[ti] = 1;
        touch();
        return;
      }
      const row: ValueRow = { target, indicator, value, targetValue, baseline };
      const k = cellOf(indicator, ti);
      if (sign === 1) {
        {
          const list = n === 1 ? [rowAt(c, ti, target, indicator)] : (valueRows.get(k) as ValueRow[]);
          list.push(row);
          valueRows.set(k, list);
          writeRow(c, ti, mergeValues(indicator, ti, list));
        }
        counts[ti] = n + 1;
      } else {
        if (n === 0) throw new Error('taking away a row that was never added');
        if (n === 1) {
          if (!sameValueRow(rowAt(c, ti, target, indicator), row))
            throw new Error('taking away a row that was never added');
          writeRow(c, ti, null);
        } else {
          const list = valueRows.get(k) as ValueRow[];
          remove(list, row, sameValueRow);
          if (list.length === 1) {
            valueRows.delete(k);
            cellIssues.delete(k);
            writeRow(c, ti, list[0] as ValueRow);
          } else writeRow(c, ti, mergeValues(indicator, ti, list));
        }
        counts[ti] = n - 1;
      }
      touch();
    },

    rating(target, indicator, group, evaluator, evaluatorTarget, grade) {
      void evaluator;
      if (!check('评议数据', target, indicator, RATING)) return;
      const g = p.groupIndex.get(group);
      if (g === undefined) {
        bag.add(
          issue('error', 'UNKNOWN_GROUP', `评议数据中的评价主体 ${group} 不在方案中`, at(target, indicator)),
          sign,
        );
        return;
      }
      if (info.groupAllowed[g] === 0) {
        bag.add(
          issue(
            'error',
            'GROUP_NOT_APPLICABLE',
            `评价主体 ${group} 不参与指标 ${indicator}（${leafName(indicator)}）的评议`,
            at(target, indicator),
          ),
          sign,
        );
        return;
      }
      if (!applies) {
        notApplied.add(indicator, sign);
        return;
      }
      if (grade === null || grade === '') return; // an abstention counts for nothing
      if (evaluatorTarget !== null && evaluatorTarget === target) {
        ownDropped.add(at(target, indicator), sign);
        return;
      }
      const v = readGrade(grade);
      if (v === null) {
        const k = `${indicator}\u0000${String(grade)}`;
        let c = badGrades.get(k);
        if (!c) badGrades.set(k, (c = new Counter<string>()));
        c.add(at(target, indicator), sign);
        if (c.m.size === 0) badGrades.delete(k);
        return;
      }
      let cells = info.ratings;
      if (!cells) {
        cells = index.ratings.get(indicator);
        if (!cells) index.ratings.set(indicator, (cells = new RatingCells(nT * nG)));
        info.ratings = cells;
      }
      cells.add(ti * nG + g, v, sign);
      touch();
    },

    survey(target, indicator, counts) {
      if (!check('满意度数据', target, indicator, SATISFACTION)) return;
      if (!wholeCounts(counts)) {
        bag.add(
          issue(
            'error',
            'BAD_COUNT',
            `${who(target, indicator)}的满意度人数应为非负整数`,
            at(target, indicator),
          ),
          sign,
        );
        return;
      }
      if (!applies) {
        notApplicable(target, indicator, '满意度数据');
        return;
      }
      const lists = perLeaf(surveyRows, indicator);
      const list = (lists[ti] ??= []);
      if (sign === 1) list.push(counts);
      else remove(list, counts, sameCounts);
      perLeaf(index.surveys, indicator)[ti] = chooseSurvey(indicator, ti, list);
      touch();
    },

    item(target, indicator, points, reason, docNo) {
      if (!check('加扣分及否决事项', target, indicator, ITEMS)) return;
      if (!applies) {
        bag.add(
          issue(
            'error',
            'NOT_APPLICABLE',
            `${who(target, indicator)}：该${METHOD_LABELS[leaf.params.method]}项不适用于其所在类别`,
            at(target, indicator),
          ),
          sign,
        );
        return;
      }
      if (leaf.params.method !== 'veto' && (points === null || !Number.isFinite(points) || points < 0)) {
        bag.add(
          issue(
            'error',
            'BAD_POINTS',
            `${who(target, indicator)}的${METHOD_LABELS[leaf.params.method]}事项“${reason}”分值应为非负数`,
            at(target, indicator),
          ),
          sign,
        );
        return;
      }
      const row: ItemRow = { target, indicator, points, reason, docNo };
      if (sign === 1) (index.items[ti] ??= []).push(row);
      else remove(index.items[ti], row, sameItem);
      dirtyItems.add(ti);
    },
  };

  // The previous cycle's values: given once, with the scheme.
  const previousIssues: Issue[] = [];
  for (const v of previous?.values ?? []) {
    const t = p.targetIndex.get(v.target);
    if (!Number.isFinite(v.value) || t === undefined) continue;
    const byTarget = perLeaf(index.previousValues, v.indicator);
    const earlier = byTarget[t];
    if (earlier !== undefined && earlier !== v.value) {
      previousIssues.push(
        issue(
          'error',
          'PREVIOUS_DUPLICATE',
          `上一周期中 ${who(v.target, v.indicator)}有两个数据（${Math.min(earlier, v.value)} 与 ${Math.max(earlier, v.value)}）`,
          at(v.target, v.indicator),
        ),
      );
      byTarget[t] = Math.min(earlier, v.value);
    } else byTarget[t] = v.value;
  }

  return {
    index,

    /** Adds rows (sign 1) or takes away rows added before (sign −1). */
    apply(source: RowSource, s: 1 | -1 = 1): void {
      sign = s;
      source(sink);
      sign = 1;
    },

    /**
     * What changed since the last call: whether a leaf's data in a category changed (to score it
     * again), and the targets whose items changed.
     */
    takeChanges(): { leaf: (leaf: string, category: string) => boolean; items: Set<number> } {
      const leaves = dirtyLeaves;
      const items = dirtyItems;
      dirtyLeaves = new Uint8Array(leaves.length);
      dirtyItems = new Set();
      return {
        leaf: (l, c) => leaves[(leafIndex.get(l) as number) * nC + categoryCodes.indexOf(c)] === 1,
        items,
      };
    },

    /** The issues of the rows held now. */
    issues(): Issue[] {
      const out = [...bag.all(), ...previousIssues];
      for (const list of cellIssues.values()) out.push(...list);
      for (const [k, refs] of badGrades) {
        const [ind, grade] = k.split('\u0000') as [string, string];
        let count = 0;
        let first: string | null = null;
        for (const [ref, n] of refs.m) {
          count += n;
          if (first === null || compareCodes(ref, first) < 0) first = ref; // the same place whatever the order
        }
        out.push(
          issue(
            'error',
            'BAD_GRADE',
            `指标 ${ind}（${leafName(ind)}）的评价“${grade}”不在等次表中，也不是 0–100 的分数（共 ${count} 条）`,
            first as string,
          ),
        );
      }
      for (const [ind, n] of notApplied.m)
        out.push(
          issue(
            'warning',
            'NOT_APPLICABLE',
            `指标 ${ind}（${leafName(ind)}）有 ${n} 条评议针对不适用该指标的类别的对象，未计分`,
            `*/${ind}`,
          ),
        );
      for (const [k, n] of ownDropped.m) {
        const [t, i] = k.split('/') as [string, string];
        out.push(issue('warning', 'OWN_RATING_DROPPED', `${who(t, i)}有 ${n} 条本单位自评，已剔除`, k));
      }
      return out;
    },
  };
}
export type DataIndexState = ReturnType<typeof createDataIndex>;

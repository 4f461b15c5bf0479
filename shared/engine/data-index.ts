import type { CycleData, ItemRow, PreviousCycle, SurveyCounts, ValueRow } from '../domain/data';
import type { Issue } from '../domain/issue';
import { issue } from '../domain/issue';
import type { MethodKey } from '../domain/method';
import { ITEM_METHODS, METHOD_LABELS, VALUE_METHODS } from '../domain/method';
import { gradeReader } from './methods/rating';
import type { PreparedLeaf, PreparedScheme } from './prepare';
import { compareCodes } from './stats';

/**
 * The data of a cycle, checked against the scheme and indexed for scoring: per leaf, an array over
 * targets (by their position in PreparedScheme.targets), so that scoring reads arrays instead of
 * looking strings up. Only rows that apply to the target's category are kept.
 */
export interface DataIndex {
  values: Map<string, (ValueRow | undefined)[]>;
  /** Per leaf, per target, per evaluator group (by position in the scheme): points after grade mapping. */
  ratings: Map<string, (number[][] | undefined)[]>;
  surveys: Map<string, (SurveyCounts | undefined)[]>;
  /** Per target: items on bonus, deduction and veto leaves. */
  items: (ItemRow[] | undefined)[];
  /** Previous cycle's values for growth baselines, per leaf and target. */
  previousValues: Map<string, (number | undefined)[]>;
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

/**
 * Checks every data row against the scheme (known target, known leaf of the right kind, applicable
 * to the target's category, no duplicates, sane numbers) and indexes what passes. Whatever order
 * rows come in, the index and the issues are the same.
 */
export function indexData(
  p: PreparedScheme,
  data: CycleData,
  previous: PreviousCycle | null,
  gradePoints: Readonly<Record<string, number>>,
): { index: DataIndex; issues: Issue[] } {
  const issues: Issue[] = [];
  const nT = p.targets.length;
  const leafByCode = new Map<string, PreparedLeaf>(p.leaves.map((l) => [l.indicator.code, l]));
  const name = (t: string) => p.targetByCode.get(t)?.name ?? t;
  const leafName = (i: string) => p.indicatorByCode.get(i)?.name ?? i;
  const who = (t: string, i: string) => `${t}（${name(t)}）的指标 ${i}（${leafName(i)}）`;
  /** Categories each leaf applies to. */
  const appliesIn = new Map<PreparedLeaf, Set<string>>(
    p.leaves.map((l) => [l, new Set(Object.keys(l.indicator.weights))]),
  );
  const perLeaf = <V>(m: Map<string, (V | undefined)[]>, leaf: string): (V | undefined)[] => {
    let a = m.get(leaf);
    if (!a) m.set(leaf, (a = new Array<V | undefined>(nT)));
    return a;
  };

  // The row being checked, set by check() when it returns true: rows come by the hundred thousand,
  // so no object is made per row.
  let ti = -1;
  let leaf: PreparedLeaf = undefined as unknown as PreparedLeaf;
  let applies = false;

  /** Resolves a row's target and leaf into ti, leaf and applies, reporting what does not fit. */
  const check = (
    kind: string,
    target: string,
    indicator: string,
    wanted: ReadonlySet<MethodKey>,
  ): boolean => {
    const index = p.targetIndex.get(target);
    if (index === undefined) {
      issues.push(
        issue('error', 'UNKNOWN_TARGET', `${kind}中的考核对象 ${target} 不在方案中`, at(target, indicator)),
      );
      return false;
    }
    const l = leafByCode.get(indicator);
    if (!l) {
      const node = p.indicatorByCode.get(indicator);
      issues.push(
        issue(
          'error',
          'UNKNOWN_INDICATOR',
          node
            ? `${kind}中的指标 ${indicator}（${node.name}）不是末级指标，不能直接填数据`
            : `${kind}中的指标 ${indicator} 不在方案中`,
          at(target, indicator),
        ),
      );
      return false;
    }
    if (!wanted.has(l.params.method)) {
      issues.push(
        issue(
          'error',
          'WRONG_KIND',
          `指标 ${indicator}（${l.indicator.name}）的计分方法是${METHOD_LABELS[l.params.method]}，不接受${kind}`,
          at(target, indicator),
        ),
      );
      return false;
    }
    ti = index;
    leaf = l;
    applies = (appliesIn.get(l) as Set<string>).has((p.targets[index] as { category: string }).category);
    return true;
  };
  const notApplicable = (r: { target: string; indicator: string }, what: string) =>
    issues.push(
      issue(
        'warning',
        'NOT_APPLICABLE',
        `指标 ${r.indicator}（${leafName(r.indicator)}）不适用于 ${r.target}（${name(r.target)}）所在类别，其${what}不参与计分`,
        at(r.target, r.indicator),
      ),
    );

  const values = new Map<string, (ValueRow | undefined)[]>();
  const finite = (v: number | null) => v === null || Number.isFinite(v);
  for (const row of data.values) {
    if (!check('指标数据', row.target, row.indicator, VALUES_KIND)) continue;
    if (!finite(row.value) || !finite(row.targetValue) || !finite(row.baseline)) {
      issues.push(
        issue(
          'error',
          'BAD_NUMBER',
          `${who(row.target, row.indicator)}的数据不是有效数值`,
          at(row.target, row.indicator),
        ),
      );
      continue;
    }
    if (!applies) {
      if (row.value !== null) notApplicable(row, '数据');
      continue;
    }
    // A value, its 目标值 and its 基期值 may come in different rows (different files): they merge
    // field by field, and only the same field given twice is a conflict.
    const byTarget = perLeaf(values, row.indicator);
    const earlier = byTarget[ti];
    if (!earlier) {
      byTarget[ti] = row;
      continue;
    }
    const merged: ValueRow = { ...earlier };
    for (const field of VALUE_FIELDS) {
      const a = earlier[field];
      const b = row[field];
      if (b === null) continue;
      if (a === null) merged[field] = b;
      else {
        issues.push(
          issue(
            'error',
            'DUPLICATE_VALUE',
            `${who(row.target, row.indicator)}的${VALUE_FIELD_LABELS[field]}有两个（${Math.min(a, b)} 与 ${Math.max(a, b)}）`,
            at(row.target, row.indicator),
          ),
        );
        merged[field] = Math.min(a, b); // the same one whatever order the rows came in
      }
    }
    byTarget[ti] = merged;
  }

  const ratings = new Map<string, (number[][] | undefined)[]>();
  const readGrade = gradeReader(gradePoints);
  const nG = p.scheme.groups.length;
  const badGrades = new Map<string, { count: number; ref: string }>();
  const ownDropped = new Map<string, number>();
  const notApplied = new Map<string, number>();
  for (const row of data.ratings) {
    if (!check('评议数据', row.target, row.indicator, RATING)) continue;
    const g = p.groupIndex.get(row.group);
    if (g === undefined) {
      issues.push(
        issue(
          'error',
          'UNKNOWN_GROUP',
          `评议数据中的评价主体 ${row.group} 不在方案中`,
          at(row.target, row.indicator),
        ),
      );
      continue;
    }
    const params = leaf.params;
    if (params.method === 'rating' && params.groups !== null && !params.groups.includes(row.group)) {
      issues.push(
        issue(
          'error',
          'GROUP_NOT_APPLICABLE',
          `评价主体 ${row.group} 不参与指标 ${row.indicator}（${leafName(row.indicator)}）的评议`,
          at(row.target, row.indicator),
        ),
      );
      continue;
    }
    if (!applies) {
      notApplied.set(row.indicator, (notApplied.get(row.indicator) ?? 0) + 1);
      continue;
    }
    if (row.grade === null || row.grade === '') continue; // an abstention counts for nothing
    if (row.evaluatorTarget !== null && row.evaluatorTarget === row.target) {
      const k = at(row.target, row.indicator);
      ownDropped.set(k, (ownDropped.get(k) ?? 0) + 1);
      continue;
    }
    const v = readGrade(row.grade);
    if (v === null) {
      const k = `${row.indicator}\u0000${String(row.grade)}`;
      const here = at(row.target, row.indicator);
      const b = badGrades.get(k) ?? { count: 0, ref: here };
      b.count++;
      if (compareCodes(here, b.ref) < 0) b.ref = here; // the same place whatever order the rows came in
      badGrades.set(k, b);
      continue;
    }
    const byTarget = perLeaf(ratings, row.indicator);
    let byGroup = byTarget[ti];
    if (!byGroup) byTarget[ti] = byGroup = new Array<number[]>(nG);
    (byGroup[g] ??= []).push(v);
  }
  for (const [k, b] of badGrades) {
    const [ind, grade] = k.split('\u0000') as [string, string];
    issues.push(
      issue(
        'error',
        'BAD_GRADE',
        `指标 ${ind}（${leafName(ind)}）的评价“${grade}”不在等次表中，也不是 0–100 的分数（共 ${b.count} 条）`,
        b.ref,
      ),
    );
  }
  for (const [ind, n] of notApplied)
    issues.push(
      issue(
        'warning',
        'NOT_APPLICABLE',
        `指标 ${ind}（${leafName(ind)}）有 ${n} 条评议针对不适用该指标的类别的对象，未计分`,
        `*/${ind}`,
      ),
    );
  for (const [k, n] of ownDropped) {
    const [t, i] = k.split('/') as [string, string];
    issues.push(issue('warning', 'OWN_RATING_DROPPED', `${who(t, i)}有 ${n} 条本单位自评，已剔除`, k));
  }

  const surveys = new Map<string, (SurveyCounts | undefined)[]>();
  for (const row of data.surveys) {
    if (!check('满意度数据', row.target, row.indicator, SATISFACTION)) continue;
    const counts = Object.values(row.counts);
    if (counts.some((n) => !Number.isFinite(n) || n < 0 || !Number.isInteger(n))) {
      issues.push(
        issue(
          'error',
          'BAD_COUNT',
          `${who(row.target, row.indicator)}的满意度人数应为非负整数`,
          at(row.target, row.indicator),
        ),
      );
      continue;
    }
    if (!applies) {
      notApplicable(row, '满意度数据');
      continue;
    }
    const byTarget = perLeaf(surveys, row.indicator);
    const earlier = byTarget[ti];
    if (earlier) {
      issues.push(
        issue(
          'error',
          'DUPLICATE_VALUE',
          `${who(row.target, row.indicator)}有两行满意度数据`,
          at(row.target, row.indicator),
        ),
      );
      if (surveyKey(row.counts) < surveyKey(earlier)) byTarget[ti] = row.counts;
      continue;
    }
    byTarget[ti] = row.counts;
  }

  const items: (ItemRow[] | undefined)[] = new Array<ItemRow[] | undefined>(nT);
  for (const row of data.items) {
    if (!check('加扣分及否决事项', row.target, row.indicator, ITEMS)) continue;
    if (!applies) {
      issues.push(
        issue(
          'error',
          'NOT_APPLICABLE',
          `${who(row.target, row.indicator)}：该${METHOD_LABELS[leaf.params.method]}项不适用于其所在类别`,
          at(row.target, row.indicator),
        ),
      );
      continue;
    }
    if (
      leaf.params.method !== 'veto' &&
      (row.points === null || !Number.isFinite(row.points) || row.points < 0)
    ) {
      issues.push(
        issue(
          'error',
          'BAD_POINTS',
          `${who(row.target, row.indicator)}的${METHOD_LABELS[leaf.params.method]}事项“${row.reason}”分值应为非负数`,
          at(row.target, row.indicator),
        ),
      );
      continue;
    }
    (items[ti] ??= []).push(row);
  }

  const previousValues = new Map<string, (number | undefined)[]>();
  for (const v of previous?.values ?? []) {
    const index = p.targetIndex.get(v.target);
    if (!Number.isFinite(v.value) || index === undefined) continue;
    const byTarget = perLeaf(previousValues, v.indicator);
    const earlier = byTarget[index];
    if (earlier !== undefined && earlier !== v.value) {
      issues.push(
        issue(
          'error',
          'PREVIOUS_DUPLICATE',
          `上一周期中 ${who(v.target, v.indicator)}有两个数据（${Math.min(earlier, v.value)} 与 ${Math.max(earlier, v.value)}）`,
          at(v.target, v.indicator),
        ),
      );
      byTarget[index] = Math.min(earlier, v.value);
    } else byTarget[index] = v.value;
  }

  return { index: { values, ratings, surveys, items, previousValues }, issues };
}

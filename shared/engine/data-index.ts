import type { CycleData, ItemRow, PreviousCycle, SurveyCounts, ValueRow } from '../domain/data';
import type { Issue } from '../domain/issue';
import { issue } from '../domain/issue';
import { METHOD_LABELS } from '../domain/method';
import { gradeValue } from './methods/rating';
import type { PreparedLeaf, PreparedScheme } from './prepare';

/** Ratings of one leaf and one target, per evaluator group: points after grade mapping. */
export type RatingsByGroup = Map<string, number[]>;

/** The data of a cycle, checked against the scheme and indexed by indicator, then target. */
export interface DataIndex {
  values: Map<string, Map<string, ValueRow>>;
  ratings: Map<string, Map<string, RatingsByGroup>>;
  surveys: Map<string, Map<string, SurveyCounts>>;
  /** target → items on bonus, deduction and veto leaves. */
  items: Map<string, ItemRow[]>;
  /** Previous cycle's values for growth baselines: indicator → target → value. */
  previousValues: Map<string, Map<string, number>>;
}

const at = (target: string, indicator: string) => `${target}/${indicator}`;

function nested<V>(m: Map<string, Map<string, V>>, a: string): Map<string, V> {
  let inner = m.get(a);
  if (!inner) {
    inner = new Map();
    m.set(a, inner);
  }
  return inner;
}

/**
 * Checks every data row against the scheme (known target, known leaf of the right kind, applicable
 * to the target's category, no duplicates, sane numbers) and indexes what passes.
 */
export function indexData(
  p: PreparedScheme,
  data: CycleData,
  previous: PreviousCycle | null,
  gradePoints: Readonly<Record<string, number>>,
): { index: DataIndex; issues: Issue[] } {
  const issues: Issue[] = [];
  const leafByCode = new Map<string, PreparedLeaf>(p.leaves.map((l) => [l.indicator.code, l]));
  const name = (t: string) => p.targetByCode.get(t)?.name ?? t;
  const leafName = (i: string) => p.indicatorByCode.get(i)?.name ?? i;
  const who = (t: string, i: string) => `${t}（${name(t)}）的指标 ${i}（${leafName(i)}）`;

  /** Resolves a row's target and leaf, reporting what does not fit. */
  const check = (kind: string, target: string, indicator: string, wanted: (l: PreparedLeaf) => boolean) => {
    const t = p.targetByCode.get(target);
    if (!t) {
      issues.push(
        issue('error', 'UNKNOWN_TARGET', `${kind}中的考核对象 ${target} 不在方案中`, at(target, indicator)),
      );
      return null;
    }
    const leaf = leafByCode.get(indicator);
    if (!leaf) {
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
      return null;
    }
    if (!wanted(leaf)) {
      issues.push(
        issue(
          'error',
          'WRONG_KIND',
          `指标 ${indicator}（${leaf.indicator.name}）的计分方法是${METHOD_LABELS[leaf.params.method]}，不接受${kind}`,
          at(target, indicator),
        ),
      );
      return null;
    }
    return { target: t, leaf, applies: leaf.indicator.weights[t.category] !== undefined };
  };

  const values = new Map<string, Map<string, ValueRow>>();
  const valueMethods = new Set(['direct', 'targetRatio', 'efficacy', 'growth', 'rankPoints', 'threshold']);
  for (const row of data.values) {
    const c = check('指标数据', row.target, row.indicator, (l) => valueMethods.has(l.params.method));
    if (!c) continue;
    const byTarget = nested(values, row.indicator);
    if (byTarget.has(row.target)) {
      issues.push(
        issue(
          'error',
          'DUPLICATE_VALUE',
          `${who(row.target, row.indicator)}有两个数据`,
          at(row.target, row.indicator),
        ),
      );
      continue;
    }
    for (const [field, v] of [
      ['value', row.value],
      ['targetValue', row.targetValue],
      ['baseline', row.baseline],
    ] as const)
      if (v !== null && !Number.isFinite(v))
        issues.push(
          issue(
            'error',
            'BAD_NUMBER',
            `${who(row.target, row.indicator)}的 ${field} 不是有效数值`,
            at(row.target, row.indicator),
          ),
        );
    if (!c.applies) {
      if (row.value !== null)
        issues.push(
          issue(
            'warning',
            'NOT_APPLICABLE',
            `指标 ${row.indicator}（${leafName(row.indicator)}）不适用于 ${row.target}（${name(row.target)}）所在类别，其数据不参与计分`,
            at(row.target, row.indicator),
          ),
        );
      continue;
    }
    byTarget.set(row.target, row);
  }

  const ratings = new Map<string, Map<string, RatingsByGroup>>();
  const groupCodes = new Set(p.scheme.groups.map((g) => g.code));
  const badGrades = new Map<string, { count: number; ref: string }>();
  const ownDropped = new Map<string, number>();
  const notApplied = new Map<string, number>();
  for (const row of data.ratings) {
    const c = check('评议数据', row.target, row.indicator, (l) => l.params.method === 'rating');
    if (!c) continue;
    if (!groupCodes.has(row.group)) {
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
    const params = c.leaf.params;
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
    if (!c.applies) {
      notApplied.set(row.indicator, (notApplied.get(row.indicator) ?? 0) + 1);
      continue;
    }
    if (row.grade === null || row.grade === '') continue; // an abstention counts for nothing
    if (row.evaluatorTarget !== null && row.evaluatorTarget === row.target) {
      const k = at(row.target, row.indicator);
      ownDropped.set(k, (ownDropped.get(k) ?? 0) + 1);
      continue;
    }
    const v = gradeValue(row.grade, gradePoints);
    if (v === null) {
      const k = `${row.indicator}\u0000${String(row.grade)}`;
      const b = badGrades.get(k) ?? { count: 0, ref: at(row.target, row.indicator) };
      b.count++;
      badGrades.set(k, b);
      continue;
    }
    const byGroup = nested(ratings, row.indicator).get(row.target) ?? new Map<string, number[]>();
    nested(ratings, row.indicator).set(row.target, byGroup);
    const list = byGroup.get(row.group) ?? [];
    list.push(v);
    byGroup.set(row.group, list);
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

  const surveys = new Map<string, Map<string, SurveyCounts>>();
  for (const row of data.surveys) {
    const c = check('满意度数据', row.target, row.indicator, (l) => l.params.method === 'satisfaction');
    if (!c) continue;
    const byTarget = nested(surveys, row.indicator);
    if (byTarget.has(row.target)) {
      issues.push(
        issue(
          'error',
          'DUPLICATE_VALUE',
          `${who(row.target, row.indicator)}有两行满意度数据`,
          at(row.target, row.indicator),
        ),
      );
      continue;
    }
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
    if (c.applies) byTarget.set(row.target, row.counts);
  }

  const items = new Map<string, ItemRow[]>();
  for (const row of data.items) {
    const c = check('加扣分及否决事项', row.target, row.indicator, (l) =>
      ['bonus', 'deduction', 'veto'].includes(l.params.method),
    );
    if (!c) continue;
    if (!c.applies) {
      issues.push(
        issue(
          'error',
          'NOT_APPLICABLE',
          `${who(row.target, row.indicator)}：该${METHOD_LABELS[c.leaf.params.method]}项不适用于其所在类别`,
          at(row.target, row.indicator),
        ),
      );
      continue;
    }
    if (c.leaf.params.method !== 'veto') {
      if (row.points === null || !Number.isFinite(row.points) || row.points < 0) {
        issues.push(
          issue(
            'error',
            'BAD_POINTS',
            `${who(row.target, row.indicator)}的${METHOD_LABELS[c.leaf.params.method]}事项“${row.reason}”分值应为非负数`,
            at(row.target, row.indicator),
          ),
        );
        continue;
      }
    }
    const list = items.get(row.target) ?? [];
    list.push(row);
    items.set(row.target, list);
  }

  const previousValues = new Map<string, Map<string, number>>();
  for (const v of previous?.values ?? [])
    if (Number.isFinite(v.value)) nested(previousValues, v.indicator).set(v.target, v.value);

  return { index: { values, ratings, surveys, items, previousValues }, issues };
}

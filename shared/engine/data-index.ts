import type { CycleData, ItemRow, PreviousCycle, SurveyCounts, ValueRow } from '../domain/data';
import type { Issue } from '../domain/issue';
import { issue } from '../domain/issue';
import type { MethodKey } from '../domain/method';
import { METHOD_LABELS } from '../domain/method';
import { gradeReader } from './methods/rating';
import { compareCodes } from './stats';
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
const valueKey = (r: ValueRow) => `${r.value},${r.targetValue},${r.baseline}`;
const surveyKey = (c: SurveyCounts) =>
  `${c.verySatisfied},${c.satisfied},${c.basic},${c.dissatisfied},${c.unknown}`;
const RATING: ReadonlySet<MethodKey> = new Set(['rating']);
const SATISFACTION: ReadonlySet<MethodKey> = new Set(['satisfaction']);
const ITEMS: ReadonlySet<MethodKey> = new Set(['bonus', 'deduction', 'veto']);

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

  /** Categories each leaf applies to. */
  const appliesIn = new Map<PreparedLeaf, Set<string>>(
    p.leaves.map((l) => [l, new Set(Object.keys(l.indicator.weights))]),
  );

  // The row being checked: set by check() when it returns true (no object per row: rows come by the
  // hundred thousand).
  let leaf: PreparedLeaf = undefined as unknown as PreparedLeaf;
  let applies = false;

  /** Resolves a row's target and leaf into leaf and applies, reporting what does not fit. */
  const check = (
    kind: string,
    target: string,
    indicator: string,
    wanted: ReadonlySet<MethodKey>,
  ): boolean => {
    const found = p.targetByCode.get(target);
    if (!found) {
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
    leaf = l;
    applies = (appliesIn.get(l) as Set<string>).has(found.category);
    return true;
  };

  const values = new Map<string, Map<string, ValueRow>>();
  const valueMethods = new Set<MethodKey>([
    'direct',
    'targetRatio',
    'efficacy',
    'growth',
    'rankPoints',
    'threshold',
  ]);
  const finite = (v: number | null) => v === null || Number.isFinite(v);
  for (const row of data.values) {
    if (!check('指标数据', row.target, row.indicator, valueMethods)) continue;
    const byTarget = nested(values, row.indicator);
    const earlier = byTarget.get(row.target);
    if (earlier) {
      issues.push(
        issue(
          'error',
          'DUPLICATE_VALUE',
          `${who(row.target, row.indicator)}有两个数据`,
          at(row.target, row.indicator),
        ),
      );
      // keep the same one whatever order the rows came in
      if (valueKey(row) < valueKey(earlier)) byTarget.set(row.target, row);
      continue;
    }
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
  const readGrade = gradeReader(gradePoints);
  const groupCodes = new Set(p.scheme.groups.map((g) => g.code));
  const badGrades = new Map<string, { count: number; ref: string }>();
  const ownDropped = new Map<string, number>();
  const notApplied = new Map<string, number>();
  for (const row of data.ratings) {
    if (!check('评议数据', row.target, row.indicator, RATING)) continue;
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
    const byTarget = nested(ratings, row.indicator);
    let byGroup = byTarget.get(row.target);
    if (!byGroup) byTarget.set(row.target, (byGroup = new Map<string, number[]>()));
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
    if (!check('满意度数据', row.target, row.indicator, SATISFACTION)) continue;
    const byTarget = nested(surveys, row.indicator);
    const earlier = byTarget.get(row.target);
    if (earlier) {
      if (surveyKey(row.counts) < surveyKey(earlier)) byTarget.set(row.target, row.counts);
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
    if (applies) byTarget.set(row.target, row.counts);
    else
      issues.push(
        issue(
          'warning',
          'NOT_APPLICABLE',
          `指标 ${row.indicator}（${leafName(row.indicator)}）不适用于 ${row.target}（${name(row.target)}）所在类别，其满意度数据不参与计分`,
          at(row.target, row.indicator),
        ),
      );
  }

  const items = new Map<string, ItemRow[]>();
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
    if (leaf.params.method !== 'veto') {
      if (row.points === null || !Number.isFinite(row.points) || row.points < 0) {
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
    }
    const list = items.get(row.target) ?? [];
    list.push(row);
    items.set(row.target, list);
  }

  const previousValues = new Map<string, Map<string, number>>();
  for (const v of previous?.values ?? []) {
    if (!Number.isFinite(v.value)) continue;
    const m = nested(previousValues, v.indicator);
    const earlier = m.get(v.target);
    if (earlier !== undefined && earlier !== v.value) {
      issues.push(
        issue(
          'error',
          'PREVIOUS_DUPLICATE',
          `上一周期中 ${who(v.target, v.indicator)}有两个数据（${Math.min(earlier, v.value)} 与 ${Math.max(earlier, v.value)}）`,
          at(v.target, v.indicator),
        ),
      );
      m.set(v.target, Math.min(earlier, v.value));
    } else m.set(v.target, v.value);
  }

  return { index: { values, ratings, surveys, items, previousValues }, issues };
}

import type { Issue } from '../domain/issue';
import { issue } from '../domain/issue';
import { COUNTS, MAX_GROUP_WEIGHT, MAX_WEIGHT } from '../domain/limits';
import type { Scheme } from '../domain/scheme';
import { cellRef } from './grid';

/** Where a row of the scheme workbook was read: its sheet, its row and the columns of its fields. */
export interface Where {
  sheet: string;
  row: number;
  cols: Partial<Record<string, number>>;
}

/**
 * What of a scheme read from its workbook goes beyond what the window's editors and the command
 * line take (shared/domain/limits.ts COUNTS, MAX_WEIGHT): each said at the row or cell where the
 * limit is passed, so that a workbook can never make a scheme the window could not save again.
 */
export function countIssues(
  scheme: Scheme,
  where: {
    categories: Map<string, Where>;
    targets: Map<string, Where>;
    indicators: Map<string, Where>;
    groups: Map<string, Where>;
    weightCols: Map<string, number>;
    rules: Map<string, Where>;
  },
): Issue[] {
  const out: Issue[] = [];
  const at = (w: Where | undefined, field: string) =>
    w ? cellRef(w.sheet, w.row, w.cols[field] ?? w.cols.code ?? 0) : '';
  const tooMany = <T extends { code: string }>(
    list: readonly T[],
    max: number,
    what: string,
    rows: Map<string, Where>,
  ) => {
    if (list.length <= max) return;
    out.push(
      issue(
        'error',
        'TOO_MANY',
        `${what}最多 ${max.toLocaleString('en')} 个（现有 ${list.length.toLocaleString('en')} 个），从这一行起超出：请删去多余的行或分成几个方案`,
        at(rows.get((list[max] as T).code), 'code'),
      ),
    );
  };
  tooMany(scheme.categories, COUNTS.categories, '考核类别', where.categories);
  tooMany(scheme.targets, COUNTS.targets, '考核对象', where.targets);
  tooMany(scheme.indicators, COUNTS.indicators, '指标', where.indicators);
  tooMany(scheme.groups, COUNTS.groups, '评价主体', where.groups);
  for (const t of scheme.targets)
    if (t.aliases.length > COUNTS.aliases)
      out.push(
        issue(
          'error',
          'TOO_MANY',
          `“${t.name}”的别名最多 ${COUNTS.aliases} 个（现有 ${t.aliases.length} 个）`,
          at(where.targets.get(t.code), 'aliases'),
        ),
      );
  for (const ind of scheme.indicators) {
    if (Object.keys(ind.params).length > COUNTS.params)
      out.push(
        issue(
          'error',
          'TOO_MANY',
          `指标“${ind.name}”的参数最多 ${COUNTS.params} 个（现有 ${Object.keys(ind.params).length} 个）`,
          at(where.indicators.get(ind.code), 'params'),
        ),
      );
    for (const [category, w] of Object.entries(ind.weights))
      if (w > MAX_WEIGHT) {
        const row = where.indicators.get(ind.code);
        const col = where.weightCols.get(category);
        out.push(
          issue(
            'error',
            'BAD_WEIGHT',
            `指标“${ind.name}”在类别 ${category} 的分值 ${w} 超过 ${MAX_WEIGHT.toLocaleString('en')}，不像一个分值：请核对`,
            row && col !== undefined ? cellRef(row.sheet, row.row, col) : at(row, 'code'),
          ),
        );
      }
  }
  for (const g of scheme.groups)
    if (g.weight > MAX_GROUP_WEIGHT)
      out.push(
        issue(
          'error',
          'BAD_WEIGHT',
          `评价主体“${g.name}”的权重 ${g.weight} 超过 ${MAX_GROUP_WEIGHT}：请写成 0.4 或 40% 这样的比例`,
          at(where.groups.get(g.code), 'weight'),
        ),
      );
  if (scheme.rules.combinedGroups.length > COUNTS.combinedGroups)
    out.push(
      issue(
        'error',
        'TOO_MANY',
        `合并排名组最多 ${COUNTS.combinedGroups} 个（现有 ${scheme.rules.combinedGroups.length} 个）`,
        at(where.rules.get('combinedGroups'), 'value'),
      ),
    );
  return out;
}

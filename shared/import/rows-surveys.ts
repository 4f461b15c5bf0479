import { RANGES } from '../domain/limits';
import type { SurveyCounts } from '../domain/data';
import { readNumber } from './cells';
import type { LongRole } from './column-plan';
import { datumKey } from './datums';
import type { Cell } from './grid';
import type { SheetContext } from './sheet-context';

const LEVELS = ['verySatisfied', 'satisfied', 'basic', 'dissatisfied', 'unknown'] as const;

/**
 * Stage 3, satisfaction counts: a row per unit and leaf — 非常满意, 满意, 基本满意, 不满意, 不了解 as
 * non-negative whole numbers. A template lists every unit, so there a row left empty is one not
 * surveyed; elsewhere it is an error.
 */
export function surveyRows(ctx: SheetContext, cols: Partial<Record<LongRole, number>>) {
  const c = cols as Record<'target' | 'indicator' | 'verySatisfied', number> &
    Partial<Record<LongRole, number>>;
  const seen = new Map<string, number>();
  return {
    row(row: number, cells: readonly Cell[]) {
      const t = ctx.targetAt(row, c.target, cells);
      const ind = ctx.leafAt(row, c.indicator, cells, ['satisfaction'], '满意度表');
      const got: SurveyCounts = { verySatisfied: 0, satisfied: 0, basic: 0, dissatisfied: 0, unknown: 0 };
      let ok = true;
      let any = false;
      for (const level of LEVELS) {
        const col = c[level];
        if (col === undefined) continue;
        const r = readNumber(cells[col] ?? null);
        const tooMany = r.ok && r.value !== null && r.value > RANGES.count;
        if (!r.ok || (r.value !== null && (r.value < 0 || !Number.isInteger(r.value) || tooMany))) {
          ctx.err(
            row,
            col,
            'BAD_COUNT',
            `“${ctx.header[col] ?? level}”人数${
              !r.ok
                ? r.message
                : tooMany
                  ? `为 ${r.value}，超出可接受的范围（每一档不超过 1000 万人），请核对`
                  : `为 ${r.value}，应为非负整数`
            }`,
          );
          ok = false;
        } else if (r.value !== null) {
          if (r.note) ctx.warn(row, col, 'NUMBER_FROM_TEXT', r.note);
          got[level] = r.value;
          any = true;
        }
      }
      if (!t || !ind || !ok) return;
      if (!any) {
        if (!ctx.fromTemplate) ctx.err(row, c.verySatisfied, 'EMPTY_ROW', `“${t.name}”的满意度人数全部为空`);
        return;
      }
      const key = datumKey.survey(t.code, ind.code);
      const earlier = seen.get(key);
      if (earlier !== undefined) {
        ctx.err(
          row,
          c.target,
          'DUPLICATE_TARGET',
          `“${t.name}”的“${ind.name}”在本表出现了两次（另见第 ${earlier + 1} 行）`,
        );
        return;
      }
      seen.set(key, row);
      if (!ctx.applies(ind, t)) {
        ctx.warn(
          row,
          c.indicator,
          'NOT_APPLICABLE',
          `指标“${ind.name}”不适用于${t.name}所在类别，该行不导入`,
        );
        return;
      }
      ctx.rows.survey(t.code, ind.code, got, ctx.at(row, c.target));
      ctx.out.rowCount++;
    },
    end() {},
  };
}

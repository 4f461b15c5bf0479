import type { EvaluatorGroup } from '../domain/scheme';
import { isMissingKey } from './cells';
import type { WidePlan } from './column-plan';
import type { Cell } from './grid';
import { wideTargetReader } from './rows-wide';
import type { SheetContext } from './sheet-context';

/**
 * Stage 3, a rating form (wide): one evaluator of one group (named above the header, or in the
 * template's metadata), a row per unit, a column per rated leaf. An empty cell (or 不适用's dash) is
 * no rating; 弃权 written out is an abstention, kept.
 */
export function ratingWideRows(ctx: SheetContext, plan: WidePlan) {
  const targetOf = wideTargetReader(ctx, plan);
  const group = plan.group as EvaluatorGroup;
  const seen = new Set<string>();
  const evaluatorTarget =
    plan.evaluator === '' ? null : (ctx.m.targets.match(plan.evaluator)?.target.code ?? null);
  return {
    row(row: number, cells: readonly Cell[]) {
      const t = targetOf(row, cells);
      if (!t) return;
      let rowOk = true;
      /** This row's ratings: given only if none of its cells is refused. */
      const got: { indicator: string; grade: string | number | null; col: number }[] = [];
      for (const c of plan.leaves) {
        const cell = cells[c.col] ?? null;
        if (cell === null || (cell.kind === 'text' && isMissingKey(ctx.key(cell.value)))) continue;
        const grade = ctx.gradeAt(row, c.col, cells);
        if (grade === undefined) {
          rowOk = false;
          continue;
        }
        if (!ctx.applies(c.indicator, t)) {
          if (grade !== null)
            ctx.warn(
              row,
              c.col,
              'NOT_APPLICABLE',
              `指标“${c.indicator.name}”不适用于${t.name}所在类别，该评价不导入`,
            );
          continue;
        }
        const key = `${t.code}|${c.indicator.code}`;
        if (seen.has(key)) continue;
        seen.add(key);
        got.push({ indicator: c.indicator.code, grade, col: c.col });
      }
      if (!rowOk || got.length === 0) return;
      for (const r of got)
        ctx.rows.rating(
          t.code,
          r.indicator,
          group.code,
          plan.evaluator,
          evaluatorTarget,
          r.grade,
          ctx.at(row, r.col),
        );
      ctx.out.rowCount++;
    },
    end() {},
  };
}

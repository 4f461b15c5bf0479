import { quote } from '../domain/text';
import type { LongRole } from './column-plan';
import { createRatingDatums } from './datums';
import type { Cell } from './grid';
import { MAX_NAME } from './parsed-sheet';
import type { SheetContext } from './sheet-context';

/**
 * Stage 3, ratings (long form): a row per rating — 评价人, 评价主体, 对象, 指标, 评价. An evaluator
 * whose name is a unit's is that unit (its own rating is dropped in compute); the same evaluator
 * rating the same unit on the same leaf twice is refused.
 */
export function ratingRows(ctx: SheetContext, cols: Partial<Record<LongRole, number>>) {
  const c = cols as Record<'group' | 'target' | 'indicator' | 'grade', number> &
    Partial<Record<LongRole, number>>;
  const seen = createRatingDatums(ctx.scheme);
  const unknownGroups = new Set<string>();
  return {
    row(row: number, cells: readonly Cell[]) {
      const evaluator = c.evaluator === undefined ? '' : ctx.text(cells[c.evaluator] ?? null);
      if (c.evaluator !== undefined && ctx.longText(row, c.evaluator, evaluator, '评价人', MAX_NAME)) return;
      const groupText = ctx.text(cells[c.group] ?? null);
      const group = ctx.memo(cells[c.group] ?? null, 'group', () => ctx.m.groups.match(groupText));
      // one message per unknown name, not one per row (a renamed group would fill the list)
      if (!group && !unknownGroups.has(groupText)) {
        unknownGroups.add(groupText);
        ctx.err(
          row,
          c.group,
          'UNKNOWN_GROUP',
          `评价主体“${quote(groupText)}”不在方案中（本表中同样写法的其他行不再逐一列出）。方案中的评价主体：${ctx.scheme.groups.map((g) => `“${g.name}”`).join('')}；若主体改过名，请在方案中改回，或把表中的写法改成现名`,
        );
      }
      const t = ctx.targetAt(row, c.target, cells);
      const ind = ctx.leafAt(row, c.indicator, cells, ['rating'], '评议表');
      const grade = ctx.gradeAt(row, c.grade, cells);
      if (!group || !t || !ind || grade === undefined) return;
      if (evaluator !== '') {
        const ek = ctx.memo(cells[c.evaluator as number] ?? null, 'key', () => ctx.key(evaluator));
        const earlier = seen.get(ek, group.code, t.code, ind.code);
        if (earlier !== undefined) {
          ctx.err(
            row,
            c.evaluator as number,
            'DUPLICATE_RATING',
            `评价人“${evaluator}”对“${t.name}”的“${ind.name}”评价了两次（另见第 ${earlier + 1} 行）`,
          );
          return;
        }
        seen.set(ek, group.code, t.code, ind.code, row);
      }
      ctx.rows.rating(
        t.code,
        ind.code,
        group.code,
        evaluator,
        evaluator === ''
          ? null
          : ctx.memo(
              cells[c.evaluator as number] ?? null,
              'evaluatorTarget',
              () => ctx.m.targets.match(evaluator)?.target.code ?? null,
            ),
        grade,
        ctx.at(row, c.grade),
      );
      ctx.out.rowCount++;
    },
    end() {},
  };
}

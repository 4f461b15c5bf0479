import { RANGES } from '../domain/limits';
import type { MethodKey } from '../domain/method';
import { ITEM_METHODS, METHOD_LABELS } from '../domain/method';
import { readNumber } from './cells';
import type { LongRole } from './column-plan';
import type { Cell } from './grid';
import { MAX_NAME, MAX_TEXT } from './parsed-sheet';
import type { SheetContext } from './sheet-context';

/**
 * Stage 3, bonus, deduction and veto items (long form): 对象, 指标, 分值, 事由, 文号. The leaf's method
 * says what an item is; every item needs its 事由; a veto item has no points; a deduction written
 * as −0.5 means 0.5 off.
 */
export function itemRows(ctx: SheetContext, cols: Partial<Record<LongRole, number>>) {
  const c = cols as Record<'target' | 'indicator' | 'reason', number> & Partial<Record<LongRole, number>>;
  return {
    row(row: number, cells: readonly Cell[]) {
      const t = ctx.targetAt(row, c.target, cells);
      const ind = ctx.leafAt(row, c.indicator, cells, ITEM_METHODS, '加扣分及否决事项表');
      const reasonCell = cells[c.reason] ?? null;
      const reason =
        reasonCell !== null && (reasonCell.kind === 'error' || reasonCell.kind === 'formula')
          ? null
          : ctx.text(reasonCell);
      const docNo = c.docNo === undefined ? '' : ctx.text(cells[c.docNo] ?? null);
      let ok = reason !== null && reason !== '';
      if (!ok) ctx.err(row, c.reason, 'EMPTY_CELL', '事由不能为空：加分、扣分和否决事项都要写明事由');
      else if (ctx.longText(row, c.reason, reason ?? '', '事由', MAX_TEXT)) ok = false;
      if (c.docNo !== undefined && ctx.longText(row, c.docNo, docNo, '文号', MAX_NAME)) ok = false;
      let points: number | null = null;
      if (ind && ind.method !== 'veto') {
        const p =
          c.points === undefined ? ({ ok: true, value: null } as const) : readNumber(cells[c.points] ?? null);
        if (!p.ok) {
          ctx.err(row, c.points as number, 'BAD_NUMBER', `分值${p.message}`);
          ok = false;
        } else if (p.value === null) {
          ctx.err(
            row,
            c.points ?? c.reason,
            'EMPTY_CELL',
            `${METHOD_LABELS[ind.method as MethodKey]}事项须填写分值`,
          );
          ok = false;
        } else if (ind.method === 'bonus' && p.value < 0) {
          ctx.err(row, c.points as number, 'BAD_NUMBER', `加分分值不能为负数（现为 ${p.value}）`);
          ok = false;
        } else if (Math.abs(p.value) > RANGES.itemPoints) {
          ctx.err(
            row,
            c.points as number,
            'OUT_OF_RANGE',
            `分值为 ${p.value}，超过 ${RANGES.itemPoints} 分（百分制的满分），不像一项加扣分：请核对`,
          );
          ok = false;
        } else {
          if (p.ok && 'note' in p && p.note) ctx.warn(row, c.points as number, 'NUMBER_FROM_TEXT', p.note);
          points = Math.abs(p.value); // a deduction written as −0.5 means 0.5 off
        }
      }
      if (!t || !ind || !ok) return;
      if (!ctx.applies(ind, t)) {
        ctx.err(row, c.indicator, 'NOT_APPLICABLE', `“${ind.name}”不适用于${t.name}所在类别`);
        return;
      }
      ctx.rows.item(t.code, ind.code, points, reason ?? '', docNo, ctx.at(row, c.target));
      ctx.out.rowCount++;
    },
    end() {},
  };
}

import type { Target } from '../domain/scheme';
import type { WidePlan } from './column-plan';
import type { Cell } from './grid';
import type { SheetContext } from './sheet-context';

/**
 * The unit of a row of a wide sheet (indicator data, or a rating form with a column per leaf): by
 * its code where there is one, else by name, checking that code and name agree and that no unit
 * comes twice. Null for a row naming no unit and holding no number (a units line such as 亿元 or %,
 * a spacer) — silently — and for a row whose unit is refused, with the error.
 */
export function wideTargetReader(
  ctx: SheetContext,
  plan: WidePlan,
): (row: number, cells: readonly Cell[]) => Target | null {
  const rowsByTarget = new Map<string, number>();
  const { blank } = ctx;
  return (row, cells) => {
    const codeCell = plan.targetCode === null ? null : (cells[plan.targetCode] ?? null);
    const col = plan.targetCode !== null && !blank(codeCell) ? plan.targetCode : plan.targetName;
    if (col === null) return null;
    if (
      blank(cells[col] ?? null) &&
      plan.leaves.every((l) => {
        const c = cells[l.col] ?? null;
        return c === null || (c.kind === 'text' && !/\d/.test(c.value));
      })
    )
      return null;
    const t = ctx.targetAt(row, col, cells);
    if (!t) return null;
    if (plan.targetCode !== null && plan.targetName !== null && col === plan.targetCode) {
      const byName = ctx.text(cells[plan.targetName] ?? null);
      const other = byName === '' ? null : ctx.m.targets.match(byName);
      if (byName !== '' && other?.target.code !== t.code)
        ctx.err(
          row,
          plan.targetName,
          'CODE_NAME_MISMATCH',
          `对象编码 ${t.code} 是“${t.name}”，但名称写的是“${byName}”，请核对`,
        );
    }
    const earlier = rowsByTarget.get(t.code);
    if (earlier !== undefined) {
      ctx.err(
        row,
        col,
        'DUPLICATE_TARGET',
        `考核对象“${t.name}”在本表出现了两次（另见第 ${earlier + 1} 行）`,
      );
      return null;
    }
    rowsByTarget.set(t.code, row);
    return t;
  };
}

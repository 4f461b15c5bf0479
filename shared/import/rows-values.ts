import { RANGES } from '../domain/limits';
import type { Indicator } from '../domain/scheme';
import { parseMethodParams } from '../domain/method';
import { percentShown, readNumber } from './cells';
import type { WidePlan } from './column-plan';
import type { Cell } from './grid';
import { cellRef } from './grid';
import { wideTargetReader } from './rows-wide';
import type { SheetContext } from './sheet-context';

/**
 * The scale a leaf's values are on, when its parameters say: 100 for 0–100 (a target of 95,
 * threshold bounds 95|90|80), 1 for fractions; null when nothing says (efficacy on data bounds is
 * the same either way, so only a column mixing the two is a problem).
 */
export function leafScale(ind: Indicator): 100 | 1 | null {
  if (ind.method === null) return null;
  const p = parseMethodParams(ind.method, ind.direction, ind.params);
  if (!p.ok) return null;
  const big = (xs: (number | null)[]) => (xs.some((x) => x !== null && Math.abs(x) > 1.5) ? 100 : 1);
  switch (p.value.method) {
    case 'targetRatio':
      return p.value.target === null ? null : big([p.value.target]);
    case 'threshold':
      return big(p.value.bounds);
    case 'efficacy':
      return p.value.satisfactory === null ? null : big([p.value.satisfactory, p.value.unacceptable]);
    default:
      return null;
  }
}

/**
 * Stage 3, indicator data (wide): a row per unit, a column per leaf field (value, 目标值, 基期值).
 * Numbers are read as people write them; a percentage in a column on the 0–100 scale is the number
 * it shows; a leaf whose scale nothing fixes must not mix percentages and plain numbers (checked
 * over the whole sheet at the end). A row with a problem gives nothing.
 */
export function valueRows(ctx: SheetContext, plan: WidePlan) {
  const targetOf = wideTargetReader(ctx, plan);
  const scales = new Map(plan.leaves.map((l) => [l.indicator.code, leafScale(l.indicator)]));
  const maxRaws = new Map<string, number | null>();
  for (const l of plan.leaves)
    if (l.indicator.method === 'direct') {
      const p = parseMethodParams('direct', l.indicator.direction, l.indicator.params);
      maxRaws.set(l.indicator.code, p.ok && p.value.method === 'direct' ? p.value.maxRaw : null);
    }

  /**
   * Per leaf whose scale nothing fixes, the first percentage read as a fraction and the first plain
   * number above 1.5, over all its columns (a value is divided by its 目标值, compared with its
   * 基期值): both means the unit is unknowable — is 93.6% next to a target of 95?
   */
  type Seen = { row: number; col: number; value: number };
  const scaleSeen = new Map<string, { ind: Indicator; percent?: Seen; plain?: Seen }>();
  const notePercent = (ind: Indicator, row: number, col: number, percent: boolean, value: number) => {
    const seen = scaleSeen.get(ind.code) ?? { ind };
    if (percent && Math.abs(value) <= 1.5) seen.percent ??= { row, col, value };
    if (!percent && Math.abs(value) > 1.5) seen.plain ??= { row, col, value };
    scaleSeen.set(ind.code, seen);
  };

  return {
    row(row: number, cells: readonly Cell[]) {
      const t = targetOf(row, cells);
      if (!t) return;
      let rowOk = true;
      /** This row's values by leaf, with the column of each field: given only if no cell is refused. */
      const byLeaf = new Map<
        string,
        {
          value: number | null;
          targetValue: number | null;
          baseline: number | null;
          cols: [number | null, number | null, number | null];
          first: number;
        }
      >();
      for (const c of plan.leaves) {
        const cell = cells[c.col] ?? null;
        let r = readNumber(cell);
        const shown = percentShown(cell);
        if (r.ok && r.value !== null) {
          const scale = scales.get(c.indicator.code) ?? null;
          // In a column on the 0–100 scale (a target of 95), 93.1% is 93.1, not 0.931.
          if (shown !== null && scale === 100) r = { ok: true, value: shown };
          else if (scale === null) notePercent(c.indicator, row, c.col, shown !== null, r.value);
          else if (scale === 100 && c.field === 'value' && r.value !== 0 && Math.abs(r.value) <= 1.5) {
            const as100 = Number((r.value * 100).toPrecision(12));
            ctx.warn(
              row,
              c.col,
              'SCALE_SUSPECT',
              `${t.name}的“${c.indicator.name}”为 ${r.value}，而该指标按 0–100 计（考核参数如此）；如是 ${as100}%，请填写 ${as100}`,
            );
          }
        }
        if (!r.ok) {
          // in a wide sheet an empty cell is allowed: say so
          const fix = r.message.endsWith('请填写数字') ? '或留空' : '';
          ctx.err(
            row,
            c.col,
            'BAD_NUMBER',
            `${t.name}的“${ctx.header[c.col] ?? c.indicator.name}”${r.message}${fix}`,
          );
          rowOk = false;
          continue;
        }
        if (r.value === null) continue;
        if (Math.abs(r.value) > RANGES.value) {
          ctx.err(
            row,
            c.col,
            'OUT_OF_RANGE',
            `${t.name}的“${ctx.header[c.col] ?? c.indicator.name}”为 ${r.value}，超出可接受的范围（绝对值不超过 1 万亿）：请检查是否多输了数字或用错了单位`,
          );
          rowOk = false;
          continue;
        }
        if (r.note) ctx.warn(row, c.col, 'NUMBER_FROM_TEXT', r.note);
        if (!ctx.applies(c.indicator, t)) {
          ctx.warn(
            row,
            c.col,
            'NOT_APPLICABLE',
            `指标“${c.indicator.name}”不适用于${t.name}所在类别，该值不导入`,
          );
          continue;
        }
        if (c.field === 'value' && c.indicator.method === 'direct') {
          const maxRaw = maxRaws.get(c.indicator.code) ?? (c.indicator.weights[t.category] as number);
          if (r.value < 0 || r.value > maxRaw) {
            ctx.err(
              row,
              c.col,
              'OUT_OF_RANGE',
              `${t.name}的“${c.indicator.name}”为 ${r.value}，超出 0–${maxRaw} 的范围`,
            );
            rowOk = false;
            continue;
          }
        }
        const v = byLeaf.get(c.indicator.code) ?? {
          value: null,
          targetValue: null,
          baseline: null,
          cols: [null, null, null] as [number | null, number | null, number | null],
          first: c.col,
        };
        v[c.field] = r.value;
        v.cols[c.field === 'value' ? 0 : c.field === 'targetValue' ? 1 : 2] = c.col;
        byLeaf.set(c.indicator.code, v);
      }
      if (!rowOk || byLeaf.size === 0) return; // a row with a problem gives nothing; an empty row, nothing to count
      for (const [leaf, v] of byLeaf)
        ctx.rows.value(t.code, leaf, v.value, v.targetValue, v.baseline, ctx.at(row, v.first), v.cols);
      ctx.out.rowCount++;
    },

    /** The scale check over the whole sheet. */
    end() {
      for (const { ind, percent: p, plain: n } of scaleSeen.values()) {
        if (!p || !n) continue;
        const shown = Number((p.value * 100).toPrecision(12));
        ctx.err(
          p.row,
          p.col,
          'MIXED_PERCENT',
          `“${ind.name}”的数据中既有百分数（${cellRef(ctx.sheet, p.row, p.col)} 为 ${shown}%）又有普通数值（${cellRef(ctx.sheet, n.row, n.col)} 为 ${n.value}），无法判断单位：请统一写成百分数，或统一写成不带 % 的数值（如 ${shown}% 写作 ${shown}）`,
        );
      }
    },
  };
}

import type { Scheme } from '../domain/scheme';
import { blockRows } from '../domain/row-block';
import type { ParsedSheet } from './sheet-parser';

/** Rows shown in a preview. */
export const SAMPLE_ROWS = 5;

/**
 * The first rows of a parsed sheet as the operator will recognise them — units and indicators by
 * name, numbers as read (93.1, not the 93.1% typed), grades and counts — so a preview shows what
 * the import understood, not what the sheet said.
 */
export function sampleOf(p: ParsedSheet, scheme: Scheme): { columns: string[]; rows: string[][] } {
  const target = new Map(scheme.targets.map((t) => [t.code, t.name]));
  const ind = new Map(scheme.indicators.map((i) => [i.code, i.name]));
  const group = new Map(scheme.groups.map((g) => [g.code, g.name]));
  const n = (v: number | null) => (v === null ? '' : String(v));
  const t = (c: string) => target.get(c) ?? c;
  const i = (c: string) => ind.get(c) ?? c;
  // only the first rows are made objects: a sheet may hold a million
  const first = blockRows(p.block, { to: SAMPLE_ROWS });
  switch (p.kind) {
    case 'values':
      return {
        columns: ['对象', '指标', '数值', '目标值', '基期值'],
        rows: first.values.map((v) => [
          t(v.target),
          i(v.indicator),
          n(v.value),
          n(v.targetValue),
          n(v.baseline),
        ]),
      };
    case 'ratings':
      return {
        columns: ['评价人', '评价主体', '对象', '指标', '评价'],
        rows: first.ratings.map((r) => [
          r.evaluator || '（匿名）',
          group.get(r.group) ?? r.group,
          t(r.target),
          i(r.indicator),
          r.grade === null ? '弃权' : String(r.grade),
        ]),
      };
    case 'surveys':
      return {
        columns: ['对象', '指标', '非常满意', '满意', '基本满意', '不满意', '不了解'],
        rows: first.surveys.map((s) => [
          t(s.target),
          i(s.indicator),
          ...[
            s.counts.verySatisfied,
            s.counts.satisfied,
            s.counts.basic,
            s.counts.dissatisfied,
            s.counts.unknown,
          ].map(String),
        ]),
      };
    case 'items':
      return {
        columns: ['对象', '指标', '分值', '事由', '文号'],
        rows: first.items.map((x) => [t(x.target), i(x.indicator), n(x.points), x.reason, x.docNo]),
      };
    default:
      return { columns: [], rows: [] };
  }
}

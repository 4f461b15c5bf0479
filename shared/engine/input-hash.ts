import type { ComputeInput } from './compute';
import { canonicalJson, sha256 } from './hash';
import { compareCodes } from './stats';

/**
 * SHA-256 of a compute's input in a canonical form: data rows are serialised with a fixed field
 * order and sorted, targets by code, so that the order rows arrived in does not change the hash.
 * The order of categories, indicators and groups is kept: it is how results are laid out.
 */
export function hashInput(input: ComputeInput, engineVersion: string): string {
  const { scheme, data, previous } = input;
  const head = canonicalJson({
    engine: engineVersion,
    scheme: { ...scheme, targets: [...scheme.targets].sort((a, b) => compareCodes(a.code, b.code)) },
    previous:
      previous === null
        ? null
        : {
            name: previous.name,
            ranks: previous.ranks.map((r) => JSON.stringify([r.group, r.target, r.rank])).sort(),
            values: previous.values.map((v) => JSON.stringify([v.indicator, v.target, v.value])).sort(),
          },
  });
  const rows: string[] = [];
  for (const r of data.values)
    rows.push('v' + JSON.stringify([r.indicator, r.target, r.value, r.targetValue, r.baseline]));
  for (const r of data.ratings)
    rows.push(
      'r' + JSON.stringify([r.indicator, r.target, r.group, r.evaluator, r.evaluatorTarget, r.grade]),
    );
  for (const r of data.surveys) {
    const c = r.counts;
    rows.push(
      's' +
        JSON.stringify([
          r.indicator,
          r.target,
          c.verySatisfied,
          c.satisfied,
          c.basic,
          c.dissatisfied,
          c.unknown,
        ]),
    );
  }
  for (const r of data.items)
    rows.push('i' + JSON.stringify([r.indicator, r.target, r.points, r.reason, r.docNo]));
  rows.sort();
  return sha256(head + '\n' + rows.join('\n'));
}

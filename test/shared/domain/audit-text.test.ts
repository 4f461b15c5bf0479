/** Audit entries read as sentences, never JSON: one worked example per kind of entry. */
import { describe, expect, it } from 'vitest';
import { describeAudit } from '../../../shared/domain/audit';

const names = (id: number) => ({ 1: '2023年度', 2: '2024年度' })[id];

describe('an audit entry in words', () => {
  it.each([
    ['cycle.linkPrevious', { before: null, after: 1 }, '上一周期：无 → 2023年度'],
    ['cycle.linkPrevious', { before: 1, after: 9 }, '上一周期：2023年度 → 周期 9'],
    ['batch.withdraw', { reason: '事项清单待核', batch: 4 }, '原因：事项清单待核（批次 4）'],
    ['import', { file: '满意度测评.xlsx', rows: 41 }, '《满意度测评.xlsx》'],
    ['compute', { result: 3, inputHash: '67df71868cafbc00aa' }, '第 3 号结果，输入指纹 67df71868caf'],
    [
      'cycle.create',
      { from: 'schemeWorkbook', file: '方案.xlsx', categories: 5, targets: 41, indicators: 24 },
      '由《方案.xlsx》建立：5 个类别、41 个对象、24 个指标',
    ],
    [
      'scheme.save',
      {
        source: 'editor',
        changes: {
          categories: { added: [], removed: [], changed: [] },
          targets: { added: ['QS11'], removed: [], changed: ['QS01', 'QS02'] },
          indicators: { added: [], removed: ['A08'], changed: [] },
          groups: { added: [], removed: [], changed: [] },
          rules: ['bottomN'],
        },
      },
      '在方案页修改：对象增 1、改 2；指标删 1；规则改 1 项',
    ],
    [
      'scheme.save',
      {
        source: '2024年度方案.xlsx',
        changes: { categories: { added: [], removed: [], changed: [] }, rules: [] },
      },
      '按《2024年度方案.xlsx》修改：无实质改动',
    ],
    ['alias.add', { target: 'QS01', alias: '东湖去' }, '“东湖去” → QS01'],
    ['column.map', { header: '外资', indicator: 'A05', field: null }, '表头“外资” → A05'],
  ])('%s %j', (action, detail, text) => {
    expect(describeAudit(action, detail, names)).toBe(text);
  });
});

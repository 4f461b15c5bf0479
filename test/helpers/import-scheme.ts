import type { Target } from '../../shared/domain/scheme';
import { leaf, node, scheme } from './scheme';

/**
 * Two categories, four targets, one leaf of every kind of data. The weights need not add up here:
 * a data sheet is read against the scheme, not checked with it.
 *
 *   A1 地区生产总值增速 efficacy     QS 30          (not applicable to JJ)
 *   A2 单位能耗下降     efficacy −   QS 20  JJ 20
 *   A3 招商引资完成率   targetRatio  QS 10  JJ 30
 *   A4 财政收入增长     growth       QS 10  JJ 10
 *   A5 实际使用外资     efficacy     QS 10  JJ 10
 *   A6 重点工作         direct       QS 10  JJ 20   (range 0–weight)
 *   A7 专项工作         direct       QS  5  JJ  5   (maxRaw=100: range 0–100)
 *   B1 群众满意度       satisfaction QS 10  JJ 10
 *   B2 领导评议         rating       QS 10  JJ 10
 *   B4 企业满意度       satisfaction QS  5          (not applicable to JJ)
 *   D1 招商引资加分     bonus        QS  5  JJ  3
 *   D2 安全生产扣分     deduction    QS  5  JJ  5
 *   D3 重大安全事故     veto         QS  √          (not applicable to JJ)
 */
const target = (code: string, name: string, category: string, aliases: string[] = []): Target => ({
  code,
  name,
  aliases,
  category,
  exemptReason: null,
  parent: null,
});

export const IMPORT_SCHEME = scheme({
  categories: [
    { code: 'QS', name: '区市' },
    { code: 'JJ', name: '市直经济部门' },
  ],
  targets: [
    target('QS01', '东城区', 'QS', ['东城']),
    target('QS02', '西城区', 'QS'),
    target('JJ01', '发展改革委', 'JJ', ['发改委']),
    target('JJ02', '商务局', 'JJ'),
  ],
  groups: [
    { code: 'LD', name: '市级领导', weight: 0.6 },
    { code: 'BM', name: '部门互评', weight: 0.4 },
  ],
  indicators: [
    node('A', '经济发展'),
    leaf('A1', 'efficacy', { QS: 30 }, { name: '地区生产总值增速', parent: 'A' }),
    leaf('A2', 'efficacy', { QS: 20, JJ: 20 }, { name: '单位能耗下降', parent: 'A', direction: '-' }),
    leaf('A3', 'targetRatio', { QS: 10, JJ: 30 }, { name: '招商引资完成率', parent: 'A' }),
    leaf('A4', 'growth', { QS: 10, JJ: 10 }, { name: '财政收入增长', parent: 'A' }),
    leaf('A5', 'efficacy', { QS: 10, JJ: 10 }, { name: '实际使用外资', parent: 'A' }),
    leaf('A6', 'direct', { QS: 10, JJ: 20 }, { name: '重点工作', parent: 'A' }),
    leaf('A7', 'direct', { QS: 5, JJ: 5 }, { name: '专项工作', parent: 'A', params: { maxRaw: '100' } }),
    leaf('B1', 'satisfaction', { QS: 10, JJ: 10 }, { name: '群众满意度' }),
    leaf('B2', 'rating', { QS: 10, JJ: 10 }, { name: '领导评议' }),
    leaf('B4', 'satisfaction', { QS: 5 }, { name: '企业满意度' }),
    leaf('D1', 'bonus', { QS: 5, JJ: 3 }, { name: '招商引资加分' }),
    leaf('D2', 'deduction', { QS: 5, JJ: 5 }, { name: '安全生产扣分' }),
    leaf('D3', 'veto', { QS: 1 }, { name: '重大安全事故' }),
  ],
});

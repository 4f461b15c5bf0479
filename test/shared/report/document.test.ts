/**
 * The ranking report's content, checked on a cycle small enough to read by hand: one category C of
 * five units whose totals are B1's points (T1 86, T2 84, T3 70, T4 66, T5 54), T5 vetoed, N = 3.
 * The last three (T3, T4, T5) are 末三位; T5 ranks last anyway. Leaves and rules as the appendix
 * must print them.
 */
import { describe, expect, it } from 'vitest';
import { compute } from '../../../shared/engine/compute';
import { reportDocument, reportTitle } from '../../../shared/report/document';
import { column, data, item, leaf, node, scheme, targets } from '../../helpers/scheme';

const s = scheme({
  indicators: [
    node('B', '工作实绩'),
    leaf('B1', 'direct', { C: 100 }, { parent: 'B', name: '重点任务' }),
    leaf(
      'E1',
      'efficacy',
      {},
      { parent: 'B', name: '不适用于C', params: { base: '0.6', missing: 'peerMean' } },
    ),
    leaf('G1', 'veto', { C: 1 }, { name: '一票否决事项' }),
  ],
  targets: targets('C', 5),
});
const r = compute({
  scheme: s,
  data: data({ values: column('B1', [86, 84, 70, 66, 54]), items: [item('T5', 'G1', null)] }),
  previous: null,
});
const doc = reportDocument(r, s, {
  office: '中共临澜市委综合考核办公室',
  date: new Date(2025, 0, 15),
  confidential: true,
});

describe('the ranking report’s content', () => {
  it('has a cover with the title, office, date in Chinese form, the confidentiality mark and a summary', () => {
    expect(reportTitle('2024年度')).toBe('2024年度综合考核结果');
    expect(reportTitle('2024年度综合考核')).toBe('2024年度综合考核结果');
    expect(doc.cover).toEqual({
      title: '测试周期综合考核结果',
      office: '中共临澜市委综合考核办公室',
      date: '2025年1月15日',
      mark: '内部资料 注意保密',
      summary: [
        '参加考核单位 5 个，分 1 个类别分别排名。',
        '各类别末三位共 3 个（其中一票否决 1 个）。',
        '满分 100 分，总分保留 2 位小数后排名。',
      ],
      auditHead: null,
    });
    // the audit log's head hash, when given, is the cover's to print
    const head = 'ab'.repeat(32);
    expect(
      reportDocument(r, s, { office: '', date: new Date(2025, 0, 15), confidential: false, auditHead: head })
        .cover.auditHead,
    ).toBe(head);
  });

  it('has per group the table of SPEC §7, the legend, and the chart with the bottom three at its end', () => {
    const g = doc.groups[0]!;
    expect(g.header).toEqual([
      '名次',
      '单位',
      '总分',
      '工作实绩',
      '加分',
      '扣分',
      '等次',
      '名次变化',
      '标记',
    ]);
    expect(g.table.rows.map((x) => [x.rank, x.code, x.bottom, x.flags])).toEqual([
      [1, 'T1', false, ''],
      [2, 'T2', false, ''],
      [3, 'T3', true, '末三位'],
      [4, 'T4', true, '末三位'],
      [5, 'T5', true, '末三位、一票否决'],
    ]);
    expect(g.legend).toMatch(/^▲ 及粗体：末三位（参与排名单位中总分最后 3 位，一票否决单位排在最后并计入）/);
    expect(g.notes).toEqual([]);
    expect(g.chart.map((c) => c.total)).toEqual([86, 84, 70, 66, 54]);
    expect(g.boundary).toBe(3);
  });

  it('has a score card per unit, in rank order', () => {
    expect(doc.cards.map((c) => c.code)).toEqual(['T1', 'T2', 'T3', 'T4', 'T5']);
    expect(doc.cards[4]!.vetoItems).toHaveLength(1);
  });

  it('ends with the scheme: the tree with each category’s weight, methods and parameters in words, the rules', () => {
    const a = doc.appendix;
    expect(a.categories).toEqual([{ code: 'C', name: '类别C', targets: 5 }]);
    expect(a.indicators.map((i) => [i.code, i.depth, i.method, i.params, i.weights])).toEqual([
      ['B', 0, '汇总', '', ['']],
      ['B1', 1, '直接计分', '', ['100']],
      ['E1', 1, '功效系数法', '基础分 0.6；缺失值处理 取同类平均得分', ['']],
      ['G1', 0, '一票否决', '', ['1']],
    ]);
    const rules = Object.fromEntries(a.rules.map((x) => [x.label, x.value]));
    expect(rules['末位']).toBe('每个排名组参与排名单位的最后 3 位为末三位，等次为“一般”');
    expect(rules['优秀']).toBe('不超过参与排名单位的 20%；名额边界处并列的都不评优秀');
    expect(rules['总分并列时比较']).toBe('不比较，名次并列');
  });

  it('leaves the score cards out when asked, and prints one unit’s card alone', () => {
    const opts = { office: '考核办', date: new Date(2025, 0, 15), confidential: false };
    expect(reportDocument(r, s, { ...opts, cards: false }).cards).toEqual([]);
    const one = reportDocument(r, s, { ...opts, target: 'T4' });
    expect(one.cardsOnly).toBe(true);
    expect(one.cards.map((c) => c.code)).toEqual(['T4']);
    expect(one.groups).toEqual([]);
    expect(one.cover).toMatchObject({
      title: '单位T4考核得分明细',
      mark: null,
      summary: ['测试周期综合考核结果：类别C，总分 66.00。'],
    });
    expect(() => reportDocument(r, s, { ...opts, target: 'T9' })).toThrow();
    expect([doc.precision, doc.bottomLabel, doc.cardsOnly]).toEqual([2, '末三位', false]);
  });
});

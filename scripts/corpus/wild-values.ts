import {
  type AddWild,
  book,
  type Expect,
  type G,
  I,
  type IndicatorCode,
  OFFICE,
  office,
  party,
  row,
  type SheetDef,
  stats,
  T,
  type TargetCode,
  VALUES_HEADER,
} from './common';

// fixtures/wild: the expected data points, and 01–11 (values sheets)

export const value = (
  target: TargetCode,
  indicator: IndicatorCode,
  v: number | null,
  field: 'value' | 'targetValue' | 'baseline' = 'value',
): Expect => ({ target, indicator, field, value: v });

export const rating = (
  target: TargetCode,
  group: keyof typeof G,
  evaluator: string,
  grade: string | number | null,
): Expect => ({ target, indicator: 'D01', group, evaluator, grade });

export const counts = (target: TargetCode, c: [number, number, number, number, number]): Expect => ({
  target,
  indicator: 'D02',
  counts: { verySatisfied: c[0], satisfied: c[1], basic: c[2], dissatisfied: c[3], unknown: c[4] },
});

export const item = (
  target: TargetCode,
  indicator: 'E' | 'F' | 'G',
  points: number | null,
  reason: string,
): Expect => ({
  target,
  indicator,
  points,
  reason,
});

/** Full-width digits and point: 95.2 → ９５．２. */
export const fullWidth = (s: string) =>
  s.replace(/[0-9.,%]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) + 0xfee0));

export const NBSP = '\u00a0';
export const IDEO = '\u3000';

export async function wildValues(add: AddWild): Promise<void> {
  {
    const codes: TargetCode[] = ['QS01', 'QS02', 'QS03', 'QS04', 'QS05', 'GN01', 'GN02'];
    const s: SheetDef = {
      name: '指标数据',
      headerRows: [4],
      rows: [
        ['临澜市2024年度综合考核指标数据（市统计局）'],
        ['填报单位：临澜市统计局（盖章）                填报日期：2025年1月8日'],
        [
          '填表说明：1. 请勿增删、修改表头；2. 地区生产总值按现价计算，单位为亿元；3. 无数据的单元格请填“—”；4. 本表请于2025年1月10日前报送市考核办，电子版与盖章扫描件同时报送。',
        ],
        [...VALUES_HEADER, I.A01, `${I.A01}基期值`, I.A03, I.A04, I.A07],
        ...codes.map((c) => row(c, ...stats(c))),
      ],
      merges: ['A1:G1', 'A2:G2', 'A3:G3'],
      after: (ws) => {
        ws.getCell('A1').font = { bold: true, size: 16 };
        ws.getCell('A1').alignment = { horizontal: 'center' };
        ws.getCell('A3').alignment = { wrapText: true, vertical: 'top' };
        ws.getRow(1).height = 30;
        ws.getRow(3).height = 48;
      },
    };
    add('01-标题行和填表说明.xlsx', await book([s], '临澜市统计局'), {
      quirks: [
        'three rows above the header: a merged title, a 填报单位/日期 line and a merged 填表说明 paragraph',
        'header on row 4',
      ],
      kind: 'values',
      expect: [
        value('QS01', 'A01', 922.6),
        value('QS01', 'A01', 878.6, 'baseline'),
        value('QS03', 'A03', 8.3),
        value('QS05', 'A04', 0.581),
        value('GN02', 'A07', 2.86),
      ],
    });
  }

  {
    const codes: TargetCode[] = ['QS01', 'QS02', 'QS03', 'QS04', 'GN01'];
    const revenue: Partial<Record<TargetCode, [number, number]>> = {
      QS01: [80.78, 80.9],
      QS02: [54.71, 54.73],
      QS03: [47.56, 44.84],
      QS04: [38.86, 36.75],
      GN01: [42.44, 41.94],
    };
    const s: SheetDef = {
      name: '指标数据',
      headerRows: [1, 2],
      rows: [
        ['序号', '对象编码', '对象名称', I.A01, null, I.A02, null, I.A03],
        [null, null, null, '本年', '基期值', '完成值', '目标值', null],
        ...codes.map((c, i) => [
          i + 1,
          c,
          T[c],
          stats(c)[0],
          stats(c)[1],
          ...(revenue[c] as [number, number]),
          stats(c)[2],
        ]),
      ],
      merges: ['A1:A2', 'B1:B2', 'C1:C2', 'D1:E1', 'F1:G1', 'H1:H2'],
    };
    add('02-两行表头.xlsx', await book([s]), {
      quirks: [
        'two-row header: merged group cells 地区生产总值 (D1:E1) over 本年 / 基期值 and 一般公共预算收入 (F1:G1) over 完成值 / 目标值',
        'single columns merged vertically over both header rows (A1:A2 序号, B1:B2, C1:C2, H1:H2)',
      ],
      kind: 'values',
      expect: [
        value('QS02', 'A01', 760.2),
        value('QS02', 'A01', 729.6, 'baseline'),
        value('QS03', 'A02', 47.56),
        value('QS03', 'A02', 44.84, 'targetValue'),
        value('GN01', 'A03', 5.5),
      ],
    });
  }

  {
    const codes: TargetCode[] = ['QS06', 'QS07', 'QS08', 'QS09', 'QS10'];
    const commerce: Partial<Record<TargetCode, [number, number]>> = {
      QS06: [8185, 89.6],
      QS07: [8441, 94.5],
      QS08: [6280, 83.5],
      QS09: [6906, 93.4],
      QS10: [15611, 89.2],
    };
    const s: SheetDef = {
      name: '指标数据',
      headerRows: [1],
      rows: [
        [...VALUES_HEADER, `${I.A01}（亿元）`, `${I.A01}基期值（亿元）`, `${I.A05}(万美元)`, `${I.A06}（%）`],
        ...codes.map((c) => row(c, stats(c)[0], stats(c)[1], ...(commerce[c] as [number, number]))),
      ],
    };
    add('03-表头带单位.xlsx', await book([s]), {
      quirks: [
        'units in brackets after the indicator name, full-width （亿元） and half-width (万美元)',
        'a baseline column with the unit after the suffix: 地区生产总值基期值（亿元）',
      ],
      kind: 'values',
      expect: [
        value('QS06', 'A01', 340.8),
        value('QS07', 'A01', 229, 'baseline'),
        value('QS10', 'A05', 15611),
        value('QS08', 'A06', 83.5),
      ],
    });
  }

  {
    const s: SheetDef = {
      name: '指标数据',
      headerRows: [1],
      rows: [
        [...VALUES_HEADER, I.A05, I.A06],
        row('QS01', '27,804', fullWidth('85.4')),
        row('QS02', '14,253', fullWidth('87')),
        row('QS03', fullWidth('22,057'), '88.2'),
        row('QS04', '13,562.0', fullWidth('88.1')),
        row('GN01', '37,809', '87.3'),
      ],
    };
    add('04-全角数字和千分位.xlsx', await book([s], '临澜市商务局'), {
      quirks: [
        'numbers as text with thousands separators (27,804; 13,562.0)',
        'full-width digits and point (８５．４; ２２，０５７ with a full-width comma)',
      ],
      kind: 'values',
      expect: [
        value('QS01', 'A05', 27804),
        value('QS01', 'A06', 85.4),
        value('QS03', 'A05', 22057),
        value('QS04', 'A05', 13562),
        value('QS02', 'A06', 87),
      ],
    });
  }

  {
    const s: SheetDef = {
      name: '指标数据',
      headerRows: [1],
      rows: [
        [...VALUES_HEADER, I.B03, I.B02],
        row('JJ06', '93.1%', '96.2%'),
        row('JJ07', '96.9%', '100%'),
        row('JJ08', 93.9, '96.3%'),
        row('JJ09', '89.9%', 96.3),
        row('SH01', '90.5%', '95.8%'),
      ],
    };
    const note =
      'Percent text in a column whose numbers are percentages (B03 target=95, B02 bounds=100|95|90): 93.1% means 93.1 in the unit of the column, not 0.931.';
    add('05-百分数文本.xlsx', await book([s], '临澜市财政局'), {
      quirks: ['percent text (93.1%, 100%) mixed with plain numbers in the same column'],
      kind: 'values',
      expect: [
        { ...value('JJ06', 'B03', 93.1), note },
        { ...value('JJ07', 'B02', 100), note },
        value('JJ08', 'B03', 93.9),
        value('JJ09', 'B02', 96.3),
        { ...value('SH01', 'B03', 90.5), note },
      ],
      note,
    });
  }

  {
    const s: SheetDef = {
      name: '指标数据',
      headerRows: [1],
      rows: [
        ['对象编码 ', `对象名称${NBSP}`, `${I.C01} `, `${NBSP}${I.C02}`],
        ['SH01', `${NBSP}${T.SH01} `, ` 87.1${NBSP}`, 85.3],
        [` SH02${NBSP}`, `${IDEO}${T.SH02}${IDEO}`, 85.4, `${NBSP}84.3`],
        ['SH03', `${T.SH03}${NBSP}${NBSP}`, '93.8 ', ' 94.1 '],
        ['SH04', `  ${T.SH04}`, 94.7, 95.1],
        ['SH05', T.SH05, `${IDEO}87.3`, 88.4],
      ],
    };
    add('06-空格和不换行空格.xlsx', await book([s], '临澜市委组织部'), {
      quirks: [
        'spaces, NBSP (U+00A0) and ideographic spaces (U+3000) around codes, names, headers and numbers',
        'numbers stored as text',
      ],
      kind: 'values',
      expect: [
        value('SH01', 'C01', 87.1),
        value('SH02', 'C02', 84.3),
        value('SH03', 'C01', 93.8),
        value('SH03', 'C02', 94.1),
        value('SH05', 'C01', 87.3),
      ],
    });
  }

  {
    const codes: TargetCode[] = ['QS01', 'QS02', 'QS03', 'GN01', 'GN02', 'GN03', 'GN04', 'GN05'];
    const missing: Partial<Record<TargetCode, string>> = { GN02: '—', GN03: '-', GN04: '/', GN05: '无' };
    const s: SheetDef = {
      name: '指标数据',
      headerRows: [1],
      rows: [
        [...VALUES_HEADER, I.A03, I.A04, I.A07],
        ...codes.map((c) => row(c, stats(c)[2], stats(c)[3], missing[c] ?? stats(c)[4])),
      ],
    };
    add('07-缺失标记.xlsx', await book([s], '临澜市统计局'), {
      quirks: ['missing markers —, -, / and 无 in the column of 研发经费投入强度 (A07, missing=peerMean)'],
      kind: 'values',
      expect: [
        value('GN01', 'A07', 3.23),
        value('GN02', 'A07', null),
        value('GN04', 'A07', null),
        value('GN05', 'A07', null),
        value('GN03', 'A03', 3.5),
      ],
      note: 'value null: the importer yields no value for that target and leaf (a missing value, not an error).',
    });
  }

  {
    const codes: TargetCode[] = ['DQ01', 'DQ02', 'DQ03', 'DQ04', 'DQ05', 'DQ06', 'DQ07', 'DQ08'];
    const total = (k: 0 | 1) => Number(codes.reduce((a, c) => a + office(c)[k], 0).toFixed(1));
    const mean = (k: 0 | 1) => Number((total(k) / codes.length).toFixed(2));
    const s: SheetDef = {
      name: '指标数据',
      headerRows: [1],
      rows: [
        ['序号', ...VALUES_HEADER, I.B01, 'B02'],
        ...codes.map((c, i) => [i + 1, c, T[c], ...office(c)]),
        ['合计', null, null, total(0), total(1)],
        ['平均', null, null, mean(0), mean(1)],
        ['备注：B02 为督查督办事项办结率（%），数据截至2024年12月31日。'],
        [],
        ['填表人：张三', null, null, '审核人：李四', '联系电话：0791-6821234'],
      ],
      merges: [`A${codes.length + 4}:E${codes.length + 4}`],
    };
    add('08-合计备注签名行.xlsx', await book([s], '临澜市委综合考核办公室'), {
      quirks: [
        'a 合计 row (its 674.3 would be out of range for B01) and a 平均 row under the data',
        'a merged 备注 row, a blank row and a 填表人：张三 … 审核人：李四 signature row at the bottom',
      ],
      kind: 'values',
      expect: [
        value('DQ01', 'B01', 72),
        value('DQ05', 'B02', 99.1),
        value('DQ08', 'B01', 85.6),
        value('DQ04', 'B02', 92.8),
      ],
    });
  }

  {
    const codes: TargetCode[] = ['QS01', 'QS02', 'QS03', 'QS04', 'QS05'];
    /** 一般公共预算收入 as tax + non-tax revenue, typed as a formula; cached result, target value. */
    const parts: Partial<Record<TargetCode, [string, number, number]>> = {
      QS01: ['61.35+19.43', 80.78, 80.9],
      QS02: ['41.02+13.69', 54.71, 54.73],
      QS03: ['36.88+10.68', 47.56, 44.84],
      QS04: ['29.71+9.15', 38.86, 36.75],
      QS05: ['16.94+5.67', 22.61, 22.84],
    };
    const ranks = codes.map(
      (c) => 1 + codes.filter((d) => (parts[d]?.[1] ?? 0) > (parts[c]?.[1] ?? 0)).length,
    );
    const s: SheetDef = {
      name: '指标数据',
      headerRows: [1],
      rows: [
        [...VALUES_HEADER, I.A02, `${I.A02}目标值`, '排名'],
        ...codes.map((c) => {
          const [f, result, target] = parts[c] as [string, number, number];
          return row(c, { formula: f, result }, target);
        }),
      ],
      after: (ws) => ws.fillFormula(`E2:E${codes.length + 1}`, `RANK(C2,$C$2:$C$${codes.length + 1})`, ranks),
    };
    add('09-公式缓存值.xlsx', await book([s], '临澜市财政局'), {
      quirks: [
        'values as formulas with cached results (=61.35+19.43 → 80.78)',
        'a 排名 column filled with a shared formula RANK(C2,$C$2:$C$6) with cached results',
      ],
      kind: 'values',
      expect: [
        value('QS01', 'A02', 80.78),
        value('QS01', 'A02', 80.9, 'targetValue'),
        value('QS03', 'A02', 47.56),
        value('QS05', 'A02', 22.61),
      ],
    });
  }

  {
    const qs: TargetCode[] = ['QS01', 'QS02', 'QS03', 'QS04'];
    const gn: TargetCode[] = ['GN01', 'GN02', 'GN03'];
    const b01: Partial<Record<TargetCode, number>> = { GN02: 79.1, GN03: 87.5 };
    const s: SheetDef = {
      name: '指标数据',
      headerRows: [1],
      rows: [
        ['类别', ...VALUES_HEADER, I.B01, I.C01],
        ...qs.map((c, i) => [i === 0 ? '区市' : null, c, T[c], office(c)[0], party(c)[0]]),
        ...gn.map((c, i) => [
          i === 0 ? '功能区' : null,
          c,
          T[c],
          OFFICE[c]?.[0] ?? (b01[c] as number),
          party(c)[0],
        ]),
      ],
      merges: ['A2:A5', 'A6:A8'],
      after: (ws) => {
        ws.getCell('A2').alignment = { vertical: 'middle', horizontal: 'center' };
        ws.getCell('A6').alignment = { vertical: 'middle', horizontal: 'center' };
      },
    };
    add('10-类别列合并.xlsx', await book([s]), {
      quirks: ['a 类别 column merged down each category (A2:A5 区市, A6:A8 功能区)'],
      kind: 'values',
      expect: [
        value('QS01', 'B01', 83.5),
        value('QS04', 'C01', 90.6),
        value('GN01', 'B01', 88.9),
        value('GN03', 'C01', 88.8),
      ],
    });
  }

  {
    const s: SheetDef = {
      name: '指标数据',
      headerRows: [1],
      rows: [
        ['单位', I.B01, I.C02],
        ['东湖', office('QS01')[0], party('QS01')[1]],
        ['发改委', office('JJ01')[0], party('JJ01')[1]],
        ['高新区', office('GN01')[0], party('GN01')[1]],
        ['QS03', office('QS03')[0], party('QS03')[1]],
        ['SH04', office('SH04')[0], party('SH04')[1]],
        ['市委办', office('DQ01')[0], party('DQ01')[1]],
      ],
    };
    add('11-别名和编码.xlsx', await book([s]), {
      quirks: [
        'targets named by alias (东湖, 发改委, 高新区, 市委办) or by code (QS03, SH04) in a single 单位 column',
      ],
      kind: 'values',
      expect: [
        value('QS01', 'B01', 83.5),
        value('JJ01', 'C02', 90.3),
        value('GN01', 'B01', 88.9),
        value('QS03', 'C02', 94),
        value('SH04', 'B01', 89.9),
        value('DQ01', 'C02', 80),
      ],
    });
  }
}

import {
  type AddWild,
  book,
  csvText,
  G,
  gbk,
  I,
  ITEMS_HEADER,
  party,
  RATINGS_HEADER,
  row,
  type SheetDef,
  SURVEY_HEADER,
  T,
  type TargetCode,
  utf8Bom,
  VALUES_HEADER,
} from './common';
import { counts, IDEO, item, NBSP, rating, value } from './wild-values';
import { wpsWorkbook } from './wild-wps';

// fixtures/wild, 12–20: ratings, surveys, items, CSV, the WPS file, an instructions sheet

export async function wildOther(add: AddWild): Promise<void> {
  {
    const s: SheetDef = {
      name: '评议',
      headerRows: [1],
      rows: [
        RATINGS_HEADER,
        ['市领导02', G.LD, T.QS01, I.D01, '优秀'],
        ['市领导02', G.LD, T.QS02, I.D01, 92],
        ['市领导02', G.LD, T.QS03, I.D01, '弃权'],
        ['市领导02', G.LD, T.QS04, I.D01, '良好'],
        ['市领导03', G.LD, T.QS01, I.D01, 88.5],
        ['市领导03', G.LD, T.QS02, I.D01, '一般'],
        ['市领导03', G.LD, T.QS03, I.D01, '优秀'],
        ['市领导03', G.LD, T.QS04, I.D01, '弃权'],
      ],
    };
    add('12-评议弃权和分数.xlsx', await book([s]), {
      quirks: ['long-form ratings mixing grade words, numeric scores (92, 88.5) and 弃权'],
      kind: 'ratings',
      expect: [
        rating('QS01', 'LD', '市领导02', '优秀'),
        rating('QS02', 'LD', '市领导02', 92),
        rating('QS03', 'LD', '市领导02', null),
        rating('QS01', 'LD', '市领导03', 88.5),
        rating('QS04', 'LD', '市领导03', null),
      ],
      note: 'grade null: an abstention (弃权), kept as a row with no grade or dropped, but never an error.',
    });
  }

  {
    const rows: [TargetCode, [number, number, number, number, number]][] = [
      ['SH01', [212, 198, 61, 17, 36]],
      ['SH02', [187, 205, 70, 22, 41]],
      ['SH03', [236, 190, 48, 9, 27]],
      ['SH06', [248, 183, 52, 11, 30]],
      ['SH07', [171, 196, 83, 29, 44]],
    ];
    const s: SheetDef = {
      name: '满意度测评',
      headerRows: [1],
      rows: [['序号', ...SURVEY_HEADER], ...rows.map(([c, n], i) => [i + 1, T[c], I.D02, ...n])],
    };
    add('13-满意度含不了解.xlsx', await book([s], '临澜市社情民意调查中心'), {
      quirks: [
        'satisfaction counts with a 不了解 column (excluded from the valid count)',
        'a 序号 column first',
      ],
      kind: 'surveys',
      expect: rows.slice(0, 4).map(([c, n]) => counts(c, n)),
    });
  }

  {
    const s: SheetDef = {
      name: '加扣分事项',
      headerRows: [1],
      rows: [
        ITEMS_HEADER,
        [T.JJ07, I.F, -0.5, '12345 热线工单超期办理被通报', '临政办字〔2024〕72号'],
        [T.DQ07, I.F, '-0.5', '巡察反馈问题整改不到位', '临巡办〔2024〕13号'],
        [T.SH05, I.F, -1, '空气质量改善目标未完成被省生态环境厅预警', '澜环办〔2024〕46号'],
        [T.SH01, I.E, 1, '获教育部“双减”工作通报表扬', '教基厅函〔2024〕18号'],
      ],
    };
    const note =
      'A deduction written as a negative number means that many points off: points are its magnitude, as for positive deductions.';
    add('14-扣分写成负数.xlsx', await book([s]), {
      quirks: ['deductions written as negative numbers (-0.5, -1; one as the text "-0.5")'],
      kind: 'items',
      expect: [
        { ...item('JJ07', 'F', 0.5, '12345 热线工单超期办理被通报'), note },
        { ...item('DQ07', 'F', 0.5, '巡察反馈问题整改不到位'), note },
        { ...item('SH05', 'F', 1, '空气质量改善目标未完成被省生态环境厅预警'), note },
        item('SH01', 'E', 1, '获教育部“双减”工作通报表扬'),
      ],
      note,
    });
  }

  {
    const rows = [
      ['对象编码', '对象名称', 'A05', I.A06],
      ['GN01', T.GN01, '37,809', '87.3'],
      ['GN02', T.GN02, '43,351', '81.7'],
      ['GN03', T.GN03, '11,851', '87.9'],
      ['GN04', T.GN04, '10,953', '91.9'],
      ['GN05', T.GN05, '11,754', '79.6'],
    ];
    add('15-UTF8带BOM.csv', utf8Bom(csvText(rows)), {
      quirks: [
        'CSV in UTF-8 with a byte-order mark, CRLF line ends',
        'numbers with thousands separators, quoted ("37,809")',
      ],
      kind: 'values',
      expect: [
        value('GN01', 'A05', 37809),
        value('GN02', 'A06', 81.7),
        value('GN04', 'A05', 10953),
        value('GN05', 'A06', 79.6),
      ],
    });
  }

  {
    const rows = [
      ['对象', '指标', '分值', '事由', '文号'],
      [T.QS10, I.E, '1', '获评全国文明城市提名城市', '临办发〔2024〕12号'],
      [T.GN01, I.E, '1.5', '国家高新区综合评价进位 9 位', '临政办字〔2024〕33号'],
      ['发改委', I.E, '1', '争取超长期特别国债项目资金全省第二', '澜发改投资〔2024〕112号'],
      [T.GN04, I.F, '1', '发生一般生产安全事故被通报', '临安委办〔2024〕31号'],
      [
        T.JJ02,
        I.F,
        '1.5',
        '工业投资目标未完成被市政府约谈，“十四五”规划中期评估滞后',
        '临政办字〔2024〕80号',
      ],
    ];
    add('16-GBK编码.csv', gbk(csvText(rows)), {
      quirks: [
        'CSV in GBK (what Excel on a Chinese Windows saves as "CSV (逗号分隔)"), no byte-order mark',
        'a reason with Chinese quotes and a comma, quoted; an alias (发改委) as target',
      ],
      kind: 'items',
      expect: [
        item('QS10', 'E', 1, '获评全国文明城市提名城市'),
        item('GN01', 'E', 1.5, '国家高新区综合评价进位 9 位'),
        item('JJ01', 'E', 1, '争取超长期特别国债项目资金全省第二'),
        item('JJ02', 'F', 1.5, '工业投资目标未完成被市政府约谈，“十四五”规划中期评估滞后'),
      ],
    });
  }

  {
    const { bytes, note } = await wpsWorkbook();
    add('17-WPS原始写法.xlsx', bytes, {
      quirks: [
        'OOXML written the way WPS writes it: inline strings (t="inlineStr"), no sharedStrings part',
        'cells after the first of each row without the r attribute, a wrong <dimension ref="A1:C3">, a shared formula (序号 = ROW()-1) and a plain formula with cached values, a number stored as inline text',
      ],
      kind: 'values',
      expect: [
        value('JJ01', 'B01', 87.4),
        value('JJ03', 'B01', 79.4),
        value('JJ05', 'B02', 100),
        value('JJ02', 'B03', 92.7),
        value('JJ04', 'B02', 94.2),
      ],
      note,
    });
  }

  {
    const codes: TargetCode[] = ['SH01', 'SH02', 'SH03', 'SH04', 'SH05'];
    const budget: Partial<Record<TargetCode, number>> = {
      SH01: 90.5,
      SH02: 92.2,
      SH03: 96.4,
      SH04: 99,
      SH05: 94.2,
    };
    const notes: SheetDef = {
      name: '填表说明',
      rows: [
        ['填表说明'],
        ['1. “指标数据”表每行填写一个单位，对象编码和对象名称请勿修改。'],
        ['2. 部门预算执行率按财政部门决算口径填写，单位为%，保留一位小数。'],
        ['3. 本表由市财政局汇总后报送市考核办。'],
      ],
    };
    const data: SheetDef = {
      name: '指标数据',
      headerRows: [1],
      rows: [[...VALUES_HEADER, I.B03, I.C02], ...codes.map((c) => row(c, budget[c] as number, party(c)[1]))],
    };
    add('18-填表说明工作表.xlsx', await book([notes, data], '临澜市财政局'), {
      quirks: ['a 填表说明 sheet of instructions before the data sheet (to be skipped, not refused)'],
      kind: 'values',
      expect: [
        value('SH01', 'B03', 90.5),
        value('SH04', 'B03', 99),
        value('SH03', 'C02', 94.1),
        value('SH05', 'C02', 88.4),
      ],
    });
  }

  {
    const s: SheetDef = {
      name: '加扣分及否决事项',
      headerRows: [1],
      rows: [
        ITEMS_HEADER,
        [T.QS01, I.E, 2, '获国务院通报表扬（督查激励·营商环境创新）', '国办发〔2024〕21号'],
        [null, null, 1, '获评全省高质量发展综合绩效考核先进区', '澜政字〔2024〕41号'],
        [null, null, 1, '“高效办成一件事”改革经验被省政府办公厅推广', '澜政办发〔2024〕15号'],
        [T.QS09, I.F, 3, '违法占用耕地问题被自然资源部公开通报', '临政办字〔2024〕66号'],
        [null, null, 2, '重点项目推进滞后被市委督查室通报批评', '临督查〔2024〕5号'],
        [null, null, 1, '审计发现问题整改不到位', '临审办〔2024〕19号'],
        [
          T.QS06,
          I.G,
          null,
          '发生较大生产安全责任事故（“9·13”青石县铁矿透水事故，4人死亡）',
          '临政函〔2024〕58号',
        ],
      ],
      merges: ['A2:A4', 'B2:B4', 'A5:A7', 'B5:B7'],
      after: (ws) => {
        for (const a of ['A2', 'B2', 'A5', 'B5']) ws.getCell(a).alignment = { vertical: 'middle' };
      },
    };
    add('19-事项对象合并单元格.xlsx', await book([s]), {
      quirks: ['对象 and 指标 merged down over the items of one target (A2:A4, B2:B4, A5:A7, B5:B7)'],
      kind: 'items',
      expect: [
        item('QS01', 'E', 1, '获评全省高质量发展综合绩效考核先进区'),
        item('QS01', 'E', 1, '“高效办成一件事”改革经验被省政府办公厅推广'),
        item('QS09', 'F', 1, '审计发现问题整改不到位'),
        item('QS06', 'G', null, '发生较大生产安全责任事故（“9·13”青石县铁矿透水事故，4人死亡）'),
      ],
    });
  }

  {
    const s: SheetDef = {
      name: '部门互评',
      headerRows: [1],
      rows: [
        ['评价单位', '主体', '被评价单位', '评议指标', '评价等次'],
        ['发改委', 'BM', 'QS01', 'D01', '良好 '],
        ['发改委', 'BM', 'QS02', 'D01', `${IDEO}优秀`],
        ['发改委', 'BM', 'SH03', 'D01', '一般'],
        ['财政局', 'BM', 'QS01', 'D01', '优秀'],
        ['财政局', 'BM', 'JJ01', 'D01', `较差${NBSP}`],
        ['财政局', 'BM', 'DQ02', 'D01', '良好'],
      ],
    };
    add('20-评议用编码和别名.xlsx', await book([s]), {
      quirks: [
        'group, target and indicator given by code (BM, QS01, D01), evaluators by alias (发改委, 财政局), headers by synonym (评价单位, 主体, 被评价单位, 评议指标, 评价等次)',
        'grade words padded with a space, an ideographic space and an NBSP',
      ],
      kind: 'ratings',
      expect: [
        rating('QS01', 'BM', '发改委', '良好'),
        rating('QS02', 'BM', '发改委', '优秀'),
        rating('JJ01', 'BM', '财政局', '较差'),
        rating('DQ02', 'BM', '财政局', '良好'),
      ],
      note: 'evaluator is the text as written, trimmed; 发改委 is JJ01 and 财政局 is JJ03 (department evaluators).',
    });
  }
}

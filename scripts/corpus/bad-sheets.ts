import {
  type AddBad,
  address,
  book,
  csvText,
  G,
  gbk,
  I,
  ITEMS_HEADER,
  office,
  RATINGS_HEADER,
  refAt,
  refOf,
  row,
  type SheetDef,
  SURVEY_HEADER,
  T,
  type TargetCode,
  utf8Bom,
  type V,
  VALUES_HEADER,
} from './common';

// fixtures/bad, 29–40: items, ratings, CSV, and problems a careless importer misses

const sheetName = (file: string) => file.replace(/\.[^.]+$/, '');

export async function badSheets(add: AddBad): Promise<void> {
  // --- items

  const items = (): V[][] => [
    ITEMS_HEADER,
    [T.QS01, I.E, 2, '获国务院通报表扬（督查激励·营商环境创新）', '国办发〔2024〕21号'],
    [T.QS03, I.E, 2, '获国务院通报表扬（港口型国家物流枢纽建设）', '国办发〔2024〕21号'],
    [T.QS08, I.F, 2, '中央生态环境保护督察反馈问题整改不到位被通报', '澜环督办〔2024〕11号'],
    [T.QS09, I.F, 3, '违法占用耕地问题被自然资源部公开通报', '临政办字〔2024〕66号'],
    [
      T.QS06,
      I.G,
      null,
      '发生较大生产安全责任事故（“9·13”青石县铁矿透水事故，4人死亡）',
      '临政函〔2024〕58号',
    ],
  ];

  {
    const s: SheetDef = { name: '加扣分及否决事项', headerRows: [1], rows: items() };
    const k = 3;
    (s.rows[k] as V[])[3] = null;
    add('29-事由为空.xlsx', await book([s]), {
      problem: `A deduction item (${String((s.rows[k] as V[])[0])}, 2 points) with no 事由.`,
      refs: [refAt(s, k + 1, '事由')],
      keywords: ['事由'],
    });
  }

  {
    const s: SheetDef = { name: '加扣分及否决事项', headerRows: [1], rows: items() };
    (s.rows[2] as V[])[2] = -1;
    add('30-加分为负数.xlsx', await book([s]), {
      problem: 'A bonus item (加分事项, 新港区) with 分值 -1: a bonus cannot be negative.',
      refs: [refOf(s, -1)],
      keywords: ['-1'],
    });
  }

  // --- ratings

  {
    const s: SheetDef = {
      name: '评议',
      headerRows: [1],
      rows: [
        RATINGS_HEADER,
        ['服务对象001', G.FW, T.JJ08, I.D01, '良好'],
        ['服务对象001', G.FW, T.JJ09, I.D01, '优秀'],
        ['服务对象001', G.FW, T.DQ01, I.D01, '一般'],
        ['服务对象002', '市民代表', T.QS06, I.D01, '良好'],
        ['服务对象002', G.FW, T.GN03, I.D01, '良好'],
      ],
    };
    add('31-评价主体不存在.xlsx', await book([s]), {
      problem: 'A rating by the group 市民代表, which is no evaluator group of the scheme (LD, BM, FW, DB).',
      refs: [refOf(s, '市民代表')],
      keywords: ['市民代表'],
    });
  }

  {
    const s: SheetDef = {
      name: '评议',
      headerRows: [1],
      rows: [
        ['评价人', '评价主体', '对象', '指标'],
        ['市领导01', G.LD, T.QS01, I.D01],
        ['市领导01', G.LD, T.QS02, I.D01],
        ['市领导01', G.LD, T.QS03, I.D01],
      ],
    };
    add('32-评议表缺评价列.xlsx', await book([s]), {
      problem:
        'A ratings sheet (评价人, 评价主体, 对象, 指标) without the 评价 column; the ref is the first free header cell, where the column belongs.',
      refs: [`${s.name}!${address(1, (s.rows[0] as V[]).length + 1)}`],
      keywords: ['评价'],
    });
  }

  {
    const s: SheetDef = {
      name: '重点项目清单',
      headerRows: [1],
      rows: [
        ['序号', '项目名称', '建设内容', '总投资（万元）', '开工时间'],
        [1, '临澜港二期集装箱码头', '新建5万吨级泊位2个', 186000, '2024年3月'],
        [2, '东湖区城市更新片区', '老旧小区改造及配套', 42000, '2024年5月'],
      ],
    };
    add('33-无法识别的工作表.xlsx', await book([s]), {
      problem:
        'A sheet (a project list) whose headers fit no kind of data sheet: no target column, no indicator column.',
      refs: [`${s.name}!A1`],
      keywords: ['重点项目清单'],
    });
  }

  // --- CSV

  {
    const file = '34-GBK编码未知单位.csv';
    const rows = [
      ['对象编码', '对象名称', I.B01, I.B02],
      ['QS01', T.QS01, '83.5', '96.2'],
      ['QS02', T.QS02, '73.9', '90.2'],
      ['', '市城管局', '86.5', '93'],
      ['QS03', T.QS03, '96', '97'],
    ];
    add(file, gbk(csvText(rows)), {
      problem:
        'A CSV in GBK (Excel on Chinese Windows) with the unknown unit 市城管局; the name must be decoded, not shown as mojibake.',
      refs: [`${sheetName(file)}!${address(rows.findIndex((r) => r[1] === '市城管局') + 1, 2)}`],
      keywords: ['市城管局'],
    });
  }

  {
    const file = '35-引号不闭合.csv';
    const lines = [
      `对象编码,对象名称,${I.C01},${I.C02}`,
      `SH01,${T.SH01},87.1,85.3`,
      `SH02,${T.SH02},85.4,84.3`,
      `SH03,"${T.SH03},93.8,94.1`,
      `SH04,${T.SH04},94.7,95.1`,
      `SH05,${T.SH05},87.3,88.4`,
    ];
    const open = lines.findIndex((l) => l.includes('"'));
    add(file, utf8Bom(lines.join('\r\n') + '\r\n'), {
      problem:
        'A UTF-8 CSV whose quote opened in line 4, field 2 ("市民政局…) is never closed, so the rest of the file is one field.',
      refs: [`${sheetName(file)}!${address(open + 1, 2)}`],
      keywords: ['引号'],
    });
  }

  // --- problems a careless importer misses

  {
    const above: TargetCode[] = ['QS01', 'QS02', 'QS03', 'QS04'];
    const below: TargetCode[] = ['QS05', 'QS06'];
    const sum = (k: 0 | 1) => Number(above.reduce((a, c) => a + office(c)[k], 0).toFixed(1));
    const s: SheetDef = {
      name: '指标数据',
      headerRows: [1],
      rows: [
        [...VALUES_HEADER, I.B01, I.B02],
        ...above.map((c) => row(c, ...office(c))),
        ['合计', null, sum(0), sum(1)],
        ...below.map((c) => row(c, ...office(c))),
        [null, '市档案馆', 88, 96],
        row('QS07', ...office('QS07')),
      ],
    };
    add('36-合计行下有未知单位.xlsx', await book([s]), {
      problem:
        'A 合计 row in the middle of the data (to be skipped: its 338.7 would be out of range) and, below it, the unknown unit 市档案馆; only the unit is a problem.',
      refs: [refOf(s, '市档案馆')],
      keywords: ['市档案馆'],
    });
  }

  {
    const codes: TargetCode[] = ['DQ01', 'DQ02', 'DQ03', 'DQ04'];
    const first: SheetDef = {
      name: '指标数据',
      headerRows: [1],
      rows: [[...VALUES_HEADER, I.B01], ...codes.map((c) => row(c, office(c)[0]))],
    };
    const second: SheetDef = {
      name: '满意度测评',
      headerRows: [1],
      rows: [
        SURVEY_HEADER,
        [T.DQ01, I.D02, 96, 88, 21, 6, 12],
        [T.DQ02, I.D02, 104, 81, 19, 4, 9],
        [T.DQ03, '群众满意度', 99, 86, 24, 7, 10],
        [T.DQ04, I.D02, 91, 90, 26, 8, 14],
      ],
    };
    add('37-第二张表有问题.xlsx', await book([first, second]), {
      problem:
        'Two data sheets: 指标数据 is fine; 满意度测评 names the indicator 群众满意度, which is not in the scheme (it is 社会满意度). The whole file is refused.',
      refs: [refOf(second, '群众满意度')],
      keywords: ['群众满意度'],
    });
  }

  {
    const s: SheetDef = {
      name: '指标数据',
      headerRows: [1],
      rows: [
        [...VALUES_HEADER, I.B01, I.B02],
        row('QS01', ...office('QS01')),
        [null, '澜江新区', 80.2, 93.1],
        row('QS03', ...office('QS03')),
        row('QS04', '九十', office('QS04')[1]),
        row('QS05', ...office('QS05')),
        row('QS06', 100.5, office('QS06')[1]),
      ],
    };
    add('38-三处问题.xlsx', await book([s]), {
      problem:
        'Three problems in three rows, all to be reported at once: unknown target 澜江新区, the text 九十 in a number column, and 100.5 over maxRaw=100.',
      refs: [refOf(s, '澜江新区'), refOf(s, '九十'), refOf(s, 100.5)],
      keywords: ['澜江新区', '九十', '100.5'],
    });
  }

  {
    const s: SheetDef = {
      name: '评议',
      headerRows: [1],
      rows: [
        RATINGS_HEADER,
        ['人大代表01', G.DB, T.QS07, I.D01, '良好'],
        ['人大代表01', G.DB, T.GN03, I.D01, 88],
        ['人大代表01', G.DB, T.GN05, I.D01, 105],
        ['人大代表01', G.DB, T.JJ03, I.D01, '良好'],
      ],
    };
    add('39-评分超过100.xlsx', await book([s]), {
      problem: 'A numeric rating of 105; numeric ratings are on 0–100.',
      refs: [refOf(s, 105)],
      keywords: ['105'],
    });
  }

  {
    const s: SheetDef = {
      name: '评议',
      headerRows: [1],
      rows: [
        RATINGS_HEADER,
        ['市领导03', G.LD, T.QS01, I.D01, '良好'],
        ['市领导03', G.LD, T.QS03, I.D01, '优秀'],
        ['市领导03', G.LD, T.QS04, I.D01, '一般'],
        ['市领导04', G.LD, T.QS01, I.D01, '优秀'],
        ['市领导04', G.LD, T.QS03, I.D01, '良好'],
        ['市领导03', G.LD, T.QS03, I.D01, '良好'],
      ],
    };
    add('40-同一评价人重复评价.xlsx', await book([s]), {
      problem:
        '市领导03 rates 新港区 twice (rows 3 and 7, 优秀 then 良好); the ref is the evaluator cell of the second row.',
      refs: [refAt(s, s.rows.length, '评价人')],
      keywords: ['市领导03', '新港区'],
    });
  }
}

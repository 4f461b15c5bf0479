import type ExcelJS from 'exceljs';
import {
  type AddBad,
  book,
  G,
  I,
  ITEMS_HEADER,
  office,
  party,
  pastedText,
  RATINGS_HEADER,
  refAt,
  refOf,
  row,
  type SheetDef,
  stats,
  SURVEY_HEADER,
  T,
  type TargetCode,
  THIN,
  type V,
  VALUES_HEADER,
} from './common';
import { officeSheet } from './bad-files';

// fixtures/bad, 11–28: targets; values out of range, wrong types

export async function badCells(add: AddBad): Promise<void> {
  // --- targets

  {
    const s: SheetDef = {
      name: '指标数据',
      headerRows: [1],
      rows: [
        ['对象名称', I.B01, I.B02],
        [T.QS02, ...office('QS02')],
        ['东湖去', ...office('QS01')],
        [T.QS03, ...office('QS03')],
        [T.QS04, ...office('QS04')],
      ],
    };
    add('11-对象名称近似.xlsx', await book([s]), {
      problem:
        'A target named 东湖去, a typo of 东湖区 (one character off); the message should suggest 东湖区.',
      refs: [refOf(s, '东湖去')],
      keywords: ['东湖去', '东湖区'],
    });
  }

  {
    const s: SheetDef = {
      name: '指标数据',
      headerRows: [1],
      rows: [
        [...VALUES_HEADER, I.C02],
        ...(['JJ01', 'SH01', 'SH02', 'SH03'] as const).map((c) => row(c, party(c)[1])),
        [null, '市气象局', 91.5],
        row('SH04', party('SH04')[1]),
      ],
    };
    add('12-对象不在方案中.xlsx', await book([s]), {
      problem: 'A row for 市气象局, a unit that is not a target of the scheme at all (no code given).',
      refs: [refOf(s, '市气象局')],
      keywords: ['市气象局'],
    });
  }

  {
    const codes: TargetCode[] = ['QS01', 'QS02', 'QS03', 'QS04', 'QS05'];
    const s: SheetDef = {
      name: '指标数据',
      headerRows: [1],
      rows: [
        [...VALUES_HEADER, I.A03, I.A04],
        ...codes.map((c) => row(c, stats(c)[2], stats(c)[3])),
        row('QS03', 8.1, 0.351),
      ],
    };
    add('13-同一对象出现两次.xlsx', await book([s]), {
      problem: `QS03 新港区 appears twice, on rows ${codes.indexOf('QS03') + 2} and ${s.rows.length}, with different values.`,
      refs: [refAt(s, s.rows.length, '对象编码')],
      keywords: ['新港区'],
    });
  }

  // --- values out of range, wrong types

  {
    const s = officeSheet(['QS01', 'QS02', 'QS03', 'QS04', 'QS05']);
    (s.rows[4] as V[])[2] = 120;
    add('14-直接计分超过满分.xlsx', await book([s]), {
      problem: `${I.B01} (B01, direct, maxRaw=100) is 120 for 北岭区.`,
      refs: [refOf(s, 120)],
      keywords: ['120', '100'],
    });
  }

  {
    const s: SheetDef = {
      name: '满意度测评',
      headerRows: [1],
      rows: [
        SURVEY_HEADER,
        [T.QS01, I.D02, 282, 213, 57, 18, 42],
        [T.QS02, I.D02, 206, 227, 88, 30, 33],
        [T.QS03, I.D02, 249, 201, 60, -3, 53],
        [T.QS04, I.D02, 195, 177, 58, 19, 34],
      ],
    };
    add('15-满意度人数为负.xlsx', await book([s]), {
      problem: 'A satisfaction count of -3 (不满意 for 新港区).',
      refs: [refOf(s, -3)],
      keywords: ['-3'],
    });
  }

  {
    const s: SheetDef = {
      name: '满意度测评',
      headerRows: [1],
      rows: [
        SURVEY_HEADER,
        [T.QS05, I.D02, 178, 212.5, 45, 14, 15],
        [T.QS06, I.D02, 184, 179, 63, 21, 25],
        [T.QS07, I.D02, 195, 169, 53, 17, 14],
      ],
    };
    add('16-满意度人数不是整数.xlsx', await book([s]), {
      problem: 'A satisfaction count of 212.5 people (满意 for 白沙县).',
      refs: [refOf(s, 212.5)],
      keywords: ['212.5'],
    });
  }

  {
    const s: SheetDef = {
      name: '评议',
      headerRows: [1],
      rows: [
        RATINGS_HEADER,
        ['市领导01', G.LD, T.QS01, I.D01, '良好'],
        ['市领导01', G.LD, T.QS02, I.D01, '很好'],
        ['市领导01', G.LD, T.QS03, I.D01, '优秀'],
        ['市领导01', G.LD, T.QS04, I.D01, '一般'],
        ['市领导02', G.LD, T.QS01, I.D01, '优良'],
        ['市领导02', G.LD, T.QS02, I.D01, '良好'],
      ],
    };
    add('17-等次不在列表中.xlsx', await book([s]), {
      problem:
        'Two grades that are not in the list 优秀/良好/一般/较差: 很好 and 优良 (two problems, both must be reported).',
      refs: [refOf(s, '很好'), refOf(s, '优良')],
      keywords: ['很好', '优良', '优秀'],
    });
  }

  {
    const formula: ExcelJS.CellFormulaValue = { formula: '100-2.5-1' };
    const s: SheetDef = {
      name: '指标数据',
      headerRows: [1],
      rows: [
        [...VALUES_HEADER, I.C01, I.C02],
        row('QS01', ...party('QS01')),
        row('QS02', ...party('QS02')),
        row('QS03', formula, party('QS03')[1]),
        row('QS04', ...party('QS04')),
      ],
    };
    add('18-公式没有缓存值.xlsx', await book([s]), {
      problem:
        'A formula (=100-2.5-1) with no cached result, as programs write them; it must be opened and saved in Excel or WPS first.',
      refs: [refOf(s, formula)],
      keywords: ['保存'],
    });
  }

  {
    const div: ExcelJS.CellErrorValue = { error: '#DIV/0!' };
    const na: ExcelJS.CellErrorValue = { error: '#N/A' };
    const s: SheetDef = {
      name: '指标数据',
      headerRows: [1],
      rows: [
        [...VALUES_HEADER, I.A02, `${I.A02}目标值`],
        row('QS01', 80.78, 80.9),
        row('QS02', div, 54.73),
        row('QS03', 47.56, 44.84),
        row('QS04', 38.86, na),
        row('QS05', 22.61, 22.84),
      ],
    };
    add('19-错误值.xlsx', await book([s]), {
      problem: 'Two error cells: #DIV/0! in a value and #N/A in a target value (both must be reported).',
      refs: [refOf(s, div), refOf(s, na)],
      keywords: ['#DIV/0!', '#N/A'],
    });
  }

  {
    const reason = pastedText(20, '获国务院通报表扬（督查激励·营商环境创新）。通报全文如下：', 200_000);
    const s: SheetDef = {
      name: '加扣分及否决事项',
      headerRows: [1],
      rows: [
        ITEMS_HEADER,
        [T.QS03, I.E, 2, '获国务院通报表扬（港口型国家物流枢纽建设）', '国办发〔2024〕21号'],
        [T.QS01, I.E, 2, reason, '国办发〔2024〕21号'],
        [T.QS10, I.E, 1, '获评全国文明城市提名城市', '临办发〔2024〕12号'],
      ],
    };
    add('20-超长事由.xlsx', await book([s]), {
      problem:
        'A 事由 of 200,000 characters (a whole document pasted into the cell), far over the 32,767 characters an Excel cell can hold.',
      refs: [refOf(s, reason)],
      keywords: ['事由'],
    });
  }

  {
    const name = pastedText(21, '东湖区2024年度重点工作任务完成情况自评报告：', 50_000);
    const s: SheetDef = {
      name: '指标数据',
      headerRows: [1],
      rows: [
        ['对象名称', I.B01],
        [T.QS02, office('QS02')[0]],
        [T.QS03, office('QS03')[0]],
        [name, office('QS01')[0]],
        [T.QS04, office('QS04')[0]],
      ],
    };
    add('21-超长对象名称.xlsx', await book([s]), {
      problem:
        'A target name of 50,000 characters (a report pasted into the name cell): an unknown target, and the message must quote it shortened, not whole.',
      refs: [refOf(s, name)],
      keywords: ['东湖区2024年度'],
    });
  }

  {
    const codes: TargetCode[] = ['QS01', 'QS02', 'QS03', 'QS04', 'QS05', 'QS06', 'QS07', 'QS08'];
    const s: SheetDef = {
      name: '指标数据',
      headerRows: [1],
      rows: [[...VALUES_HEADER, I.C01, I.C02], ...codes.map((c) => row(c, ...party(c)))],
      after: (ws) => {
        const fill: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFFF2CC' } };
        for (let r = codes.length + 2; r < codes.length + 2 + 60_000; r++)
          for (let c = 1; c <= 4; c++) {
            const cell = ws.getCell(r, c);
            cell.border = THIN;
            cell.fill = fill;
          }
      },
    };
    (s.rows[5] as V[])[3] = 101;
    add('22-大量空白格式行.xlsx', await book([s]), {
      problem:
        '60,000 empty rows with borders and a fill after 8 data rows (a sheet formatted down to row 60,009), plus one real problem: 党风廉政建设 (direct, maxRaw=100) is 101.',
      refs: [refOf(s, 101)],
      keywords: ['101', '100'],
    });
  }

  {
    const s = officeSheet(['QS01', 'QS02', 'QS03', 'QS04', 'QS05']);
    (s.rows[4] as V[])[3] = '约95';
    add('23-数值列有文字.xlsx', await book([s]), {
      problem: 'Text 约95 ("about 95") in the number column 督查督办事项办结率.',
      refs: [refOf(s, '约95')],
      keywords: ['约95'],
    });
  }

  {
    const date = new Date(Date.UTC(2024, 8, 5));
    const codes: TargetCode[] = ['QS01', 'QS02', 'QS03', 'QS04'];
    const s: SheetDef = {
      name: '指标数据',
      headerRows: [1],
      rows: [
        [...VALUES_HEADER, I.A03, I.A04, I.A07],
        ...codes.map((c) => row(c, stats(c)[2], stats(c)[3], stats(c)[4])),
      ],
    };
    (s.rows[2] as V[])[2] = date;
    add('24-数值列有日期.xlsx', await book([s]), {
      problem:
        'A date (2024-09-05, what Excel makes of "9.5" typed into a date-formatted cell) in the number column 固定资产投资增速.',
      refs: [refOf(s, date)],
      keywords: ['日期'],
    });
  }

  {
    const codes: TargetCode[] = ['GN01', 'GN02', 'GN03', 'GN04', 'GN05'];
    const business: Record<string, number> = {
      GN01: 85.5,
      GN02: 85.49,
      GN03: 86.74,
      GN04: 84.73,
      GN05: 76.38,
    };
    const s: SheetDef = {
      name: '指标数据',
      headerRows: [1],
      rows: [[...VALUES_HEADER, I.B04], ...codes.map((c) => row(c, business[c] as number))],
    };
    (s.rows[4] as V[])[2] = true;
    add('25-数值列有逻辑值.xlsx', await book([s]), {
      problem: 'A boolean TRUE in the number column 营商环境评价.',
      refs: [refOf(s, true)],
      keywords: ['TRUE'],
    });
  }

  {
    const codes: TargetCode[] = ['QS01', 'QS02', 'QS03', 'QS04'];
    const s: SheetDef = {
      name: '指标数据',
      headerRows: [1],
      rows: [
        [...VALUES_HEADER, I.B01, '绿色发展指数', I.B02],
        ...codes.map((c) => row(c, office(c)[0], 88, office(c)[1])),
      ],
    };
    add('26-未知列.xlsx', await book([s]), {
      problem: 'A column headed 绿色发展指数, which is no indicator of the scheme.',
      refs: [refOf(s, '绿色发展指数')],
      keywords: ['绿色发展指数'],
    });
  }

  {
    const codes: TargetCode[] = ['DQ01', 'DQ02', 'DQ03', 'DQ04'];
    const s: SheetDef = {
      name: '指标数据',
      headerRows: [1],
      rows: [[...VALUES_HEADER, I.C01, I.C02, 'C01'], ...codes.map((c) => row(c, ...party(c), party(c)[0]))],
    };
    add('27-同一指标两列.xlsx', await book([s]), {
      problem: `The same indicator in two columns: 党建工作责任制落实 in C and its code C01 in E.`,
      refs: [refOf(s, 'C01')],
      keywords: ['C01'],
    });
  }

  {
    const s: SheetDef = {
      name: '指标数据',
      headerRows: [1],
      rows: [
        [...VALUES_HEADER, I.B01],
        ['QS01', T.QS02, office('QS02')[0]],
        row('QS03', office('QS03')[0]),
        row('QS04', office('QS04')[0]),
      ],
    };
    add('28-编码与名称不符.xlsx', await book([s]), {
      problem: 'Code QS01 (东湖区) with the name 澜江区 in the same row; the name cell is flagged.',
      refs: [refOf(s, T.QS02)],
      keywords: ['QS01', '澜江区', '东湖区'],
    });
  }
}

import { execFile, execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import ExcelJS from 'exceljs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ResultJson } from '../../../shared/domain/result';
import type { CliIo } from '../../../electron/cli/cli';
import { EXIT, expandFiles } from '../../../electron/cli/cli';
import { runCliIn } from '../../helpers/cli';
import { textTable } from '../../../electron/cli/text-table';
import { displayWidth } from '../../../shared/domain/text';
import { localTime } from '../../../electron/cli/format';
import { chineseDate } from '../../../shared/report/format';
import { createChromiumPrinter } from '../../../electron/main/report/chromium';
import {
  CITY_PREVIOUS,
  CITY_SCHEME,
  FIXTURE_CITY,
  editXlsx,
  fakeClock,
  tempDir,
} from '../../helpers/workspace';

const DATA = readdirSync(join(FIXTURE_CITY, 'data'))
  .filter((f) => f.endsWith('.xlsx'))
  .sort()
  .map((f) => join(FIXTURE_CITY, 'data', f));

let tmp: ReturnType<typeof tempDir>;
beforeEach(() => (tmp = tempDir()));
afterEach(() => tmp.cleanup());

/** The command as typed in the temp folder; `cli.with(io)` runs it with some of its io replaced. */
const cli = Object.assign((...argv: string[]) => runWith({}, argv), {
  with:
    (io: Partial<CliIo>) =>
    (...argv: string[]) =>
      runWith(io, argv),
});
const runWith = (extra: Partial<CliIo>, argv: string[]) => runCliIn(tmp.dir, argv, extra);
const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

describe('appraisal run', () => {
  it('ranks the sample city from the files, flags the bottom three and writes the result JSON', async () => {
    const r = await cli('run', CITY_SCHEME, ...DATA, '--previous', CITY_PREVIOUS, '--json', 'out.json');
    expect(r.err).toBe('');
    expect(r.code).toBe(EXIT.done);
    expect(r.out).toContain('区市（QS）  共 10 个，参与排名 10 个，末三位 3 个');
    expect(r.out).toMatch(/10\s+▲青石县\s+82\.10.*较差\s+↓6\s+末三位、一票否决、退步较大/);
    expect(r.out).toContain('注：合并排名组单独评定名次、等次和末位');
    // an imputed value is said, not hidden
    expect(r.out).toMatch(
      /说明 1 处：\n {2}GN03\/A07 {2}GN03（临澜综合保税区）的指标 A07（研发经费投入强度）缺少数据，按“取同类平均得分”处理/,
    );
    expect(r.out).toMatch(/—\s+市数据局\s+84\.80.*免于排名/);

    const json = JSON.parse(readFileSync(join(tmp.dir, 'out.json'), 'utf8')) as ResultJson;
    expect(Object.keys(json)).toEqual(['cycle', 'groups', 'issues']);
    expect(json.cycle).toEqual({ name: '2024年度综合考核', fullScore: 100 });
    expect(json.groups.map((g) => [g.category, g.size, g.flaggedBottom])).toEqual([
      ['QS', 10, 3],
      ['GN', 5, 3],
      ['JJ', 10, 3],
      ['SH', 8, 3],
      ['DQ', 8, 3],
      ['SZ', 26, 3],
    ]);
    const qs = json.groups[0]!;
    expect(Object.keys(qs)).toEqual(['category', 'name', 'size', 'flaggedBottom', 'results']);
    expect(Object.keys(qs.results[0]!)).toEqual([
      'code',
      'name',
      'total',
      'rank',
      'grade',
      'flags',
      'subtotals',
      'bonus',
      'deduction',
      'rankChange',
    ]);
    expect(qs.results.at(-1)).toMatchObject({
      code: 'QS06',
      rank: 10,
      grade: '较差',
      flags: ['bottomN', 'veto', 'bigFall'],
    });
    const jj = json.groups[2]!.results;
    expect(jj.at(-1)).toMatchObject({
      code: 'JJ10',
      rank: null,
      grade: null,
      flags: ['exempt'],
      rankChange: null,
    });
    for (const g of json.groups) {
      const ranked = g.results.filter((x) => x.rank !== null);
      expect(ranked.map((x) => x.rank)).toEqual(
        [...ranked.map((x) => x.rank)].sort((a, b) => (a ?? 0) - (b ?? 0)),
      );
      expect(g.results.filter((x) => x.flags.includes('bottomN'))).toHaveLength(g.flaggedBottom);
    }
  });

  it('takes a folder, or a pattern, for the data files (Windows cmd does not expand *)', async () => {
    const dir = join(FIXTURE_CITY, 'data');
    expect(expandFiles([dir], tmp.dir)).toEqual(DATA);
    expect(expandFiles([join(dir, '评议-*.xlsx')], tmp.dir)).toEqual(DATA.filter((f) => f.includes('评议-')));
    expect(expandFiles([join(dir, '没有这个*.xlsx')], tmp.dir)).toEqual([join(dir, '没有这个*.xlsx')]);
    const r = await cli('run', CITY_SCHEME, dir);
    expect(r.code).toBe(EXIT.done);
    expect(r.out).toContain(`《${'评议-部门互评.xlsx'}》已导入`);
  });

  it('leaves no temporary workspace behind, and keeps it with --db', async () => {
    const r = await cli('run', CITY_SCHEME, ...DATA, '--db', 'kept.db');
    expect(r.code).toBe(EXIT.done);
    expect(existsSync(join(tmp.dir, 'kept.db'))).toBe(true);
    const list = await cli('cycle', 'list', 'kept.db');
    expect(list.out).toContain('2024年度综合考核');
    expect(list.out).toContain('已计算');
  });

  it('refuses a bad scheme with every problem at its cell, exit 1', async () => {
    const bad = await editXlsx(CITY_SCHEME, join(tmp.dir, '方案.xlsx'), {
      指标体系: { F3: 'cap=0.5' },
      规则: { B4: '三' },
    });
    const r = await cli('run', bad, ...DATA);
    expect(r.code).toBe(EXIT.refused);
    expect(r.err).toContain('考核方案《方案.xlsx》有 2 处问题，未导入任何内容');
    expect(r.err).toContain('指标体系!F3');
    expect(r.err).toContain('规则!B4');
  });

  it('refuses a bad data file, exit 1, naming file, sheet and cell', async () => {
    const bad = await editXlsx(
      DATA.find((f) => f.endsWith('满意度测评.xlsx'))!,
      join(tmp.dir, '满意度测评.xlsx'),
      {
        满意度测评: { A5: '东湖去' },
      },
    );
    const r = await cli('run', CITY_SCHEME, ...DATA.filter((f) => !f.endsWith('满意度测评.xlsx')), bad);
    expect(r.code).toBe(EXIT.refused);
    expect(r.err).toContain('《满意度测评.xlsx》未导入');
    expect(r.err).toContain('满意度测评!A5  考核对象“东湖去”不在方案中');
    expect(r.err).toContain('本次未写入任何数据');
  });

  it('explains why compute cannot finish when data are missing, exit 1', async () => {
    const r = await cli('run', CITY_SCHEME, ...DATA.filter((f) => !f.includes('评议')));
    expect(r.code).toBe(EXIT.refused);
    expect(r.err).toContain('无法完成计算，结果未保存');
    expect(r.err).toContain('QS01/D01');
  });
});

describe('a workspace step by step', () => {
  it('init, scheme import, dry run, import, compute --json, cycle copy, audit verify', async () => {
    expect((await cli('init', 'ws.db')).out).toContain('已建立工作区 ws.db');
    // a cycle name the window would not take is not taken here either
    const long = await cli('scheme', 'import', 'ws.db', CITY_SCHEME, '--name', '年'.repeat(41));
    expect(long.code).toBe(EXIT.refused);
    expect(long.err).toContain('考核周期名称最多 40 个字');
    const s = await cli('scheme', 'import', 'ws.db', CITY_SCHEME, '--name', '2024年度');
    expect(s.out).toBe(
      '已建立考核周期“2024年度”（编号 1）：5 个类别，41 个考核对象，22 个指标，4 个评价主体',
    );
    const dry = await cli('import', 'ws.db', '--cycle', '2024年度', ...DATA, '--dry-run');
    expect(dry.code).toBe(EXIT.done);
    expect(dry.out).toContain('可以导入（试导入，未写入）');
    expect((await cli('batch', 'list', 'ws.db', '--cycle', '1')).out).toBe(
      '考核周期“2024年度”还没有导入任何数据',
    );
    const imp = await cli('import', 'ws.db', '--cycle', '1', ...DATA);
    expect(imp.out).toContain('《满意度测评.xlsx》已导入');
    const c = await cli('compute', 'ws.db', '--cycle', '2024年度', '--json', 'r.json');
    expect(c.code).toBe(EXIT.done);
    expect(c.out).toContain('结果已写入');
    expect(JSON.parse(readFileSync(join(tmp.dir, 'r.json'), 'utf8')).groups).toHaveLength(6);
    const copy = await cli('cycle', 'copy', 'ws.db', '--from', '2024年度', '--name', '2025年度');
    expect(copy.out).toContain('已从上一周期复制出“2025年度”');
    const v = await cli('audit', 'verify', 'ws.db');
    expect(v.code).toBe(EXIT.done);
    // cycle.create + one import per file + compute + cycle.copy
    expect(v.out).toContain(`审计日志完整：共 ${1 + DATA.length + 1 + 1} 条记录`);
  });

  it('explains a bottom-three unit: gap to safety, costliest leaves, every leaf, its deductions', async () => {
    await cli('run', CITY_SCHEME, join(FIXTURE_CITY, 'data'), '--db', 'ws.db');
    const r = await cli('explain', 'ws.db', '--cycle', '1', '凤栖县');
    expect(r.code).toBe(EXIT.done);
    expect(r.out).toContain('区市：第 9 名（共 10 个），等次 一般，名次变化 —，末三位');
    expect(r.out).toContain(`比末位之外的最后一名少 ${(81.57 - 69.9).toFixed(2)} 分`); // 白沙县 81.57, rank 7
    expect(r.out).toMatch(/失分最多的指标（与同类中位数相比）：A01 地区生产总值 少 2\.28 分；B01/);
    expect(r.out).toMatch(/B01 重点工作任务完成情况\s+直接计分\s+12\s+72\s+0\.7200\s+8\.64/);
    expect(r.out).toContain('扣分（F 扣分事项）：合计 3，上限 5，计 3');
    expect((await cli('explain', 'ws.db', '--cycle', '1', '不存在的单位')).code).toBe(EXIT.refused);
  });

  it('tells how robust each bottom-three verdict is to the weights, the same again for the same seed', async () => {
    await cli('run', CITY_SCHEME, join(FIXTURE_CITY, 'data'), '--db', 'ws.db');
    const r = await cli(
      'sensitivity',
      'ws.db',
      '--cycle',
      '1',
      '--draws',
      '2000',
      '--delta',
      '30%',
      '--json',
      's.json',
    );
    expect(r.code).toBe(EXIT.done);
    expect(r.out).toMatch(/^区市（QS，10 个参与排名）/);
    expect(r.out).toMatch(/名次\s+单位\s+末三位概率\s+优秀概率\s+名次区间\s+提示/);
    // the vetoed county is last whatever the weights
    expect(r.out).toMatch(/10\s+▲ 青石县\s+100\.0%\s+0\.0%\s+10\s*\n/);
    expect(r.out).toContain('抽样 2000 次，随机种子 20240101');
    const json = JSON.parse(readFileSync(join(tmp.dir, 's.json'), 'utf8'));
    expect(json).toMatchObject({ draws: 2000, delta: 0.3, seed: 20240101, bottomN: 3 });
    expect(json.groups.map((g: { code: string }) => g.code)).toEqual(['QS', 'GN', 'JJ', 'SH', 'DQ', 'SZ']);
    const again = await cli('sensitivity', 'ws.db', '--cycle', '1', '--draws', '2000', '--delta', '0.3');
    expect(again.out.replace(/\n分析结果已写入.*$/, '')).toBe(r.out.replace(/\n分析结果已写入.*$/, ''));
    const bad = await cli('sensitivity', 'ws.db', '--cycle', '1', '--delta', '很多');
    expect([bad.code, bad.err]).toEqual([EXIT.usage, expect.stringContaining('--delta 应为数字')]);
    const refused = await cli('sensitivity', 'ws.db', '--cycle', '1', '--draws', '0');
    expect([refused.code, refused.err]).toEqual([EXIT.refused, expect.stringContaining('抽样次数')]);
  });

  it('says when the audit log was tampered with, exit 1', async () => {
    await cli('init', 'ws.db');
    await cli('scheme', 'import', 'ws.db', CITY_SCHEME);
    const { default: Database } = await import('better-sqlite3');
    const db = new Database(join(tmp.dir, 'ws.db'));
    db.exec("DROP TRIGGER audit_log_no_update; UPDATE audit_log SET operator = '某人'");
    db.close();
    const v = await cli('audit', 'verify', 'ws.db');
    expect(v.code).toBe(EXIT.refused);
    expect(v.err).toContain('审计日志已被改动：第 1 条记录的内容与其哈希不符');
  });

  it('catches a chain rebuilt after an edit by a head hash noted down before (--expect)', async () => {
    await cli('init', 'ws.db');
    await cli('scheme', 'import', 'ws.db', CITY_SCHEME);
    await cli('import', 'ws.db', '--cycle', '1', DATA[0]!);
    const noted = (await cli('audit', 'verify', 'ws.db')).out.trim().split('\n').at(-1)!;
    expect(noted).toMatch(/^[0-9a-f]{64}$/);
    expect((await cli('audit', 'verify', 'ws.db', '--expect', noted)).code).toBe(EXIT.done);
    // someone able to write the file edits an entry and rehashes the whole chain after it
    const { default: Database } = await import('better-sqlite3');
    const { entryHash, GENESIS } = await import('../../../electron/main/repositories/audit');
    const db = new Database(join(tmp.dir, 'ws.db'));
    db.exec("DROP TRIGGER audit_log_no_update; UPDATE audit_log SET operator = '某人'");
    let prev = GENESIS;
    for (const r of db
      .prepare<[], Record<string, string | number | null>>('SELECT * FROM audit_log ORDER BY id')
      .all()) {
      const hash = entryHash({
        prevHash: prev,
        at: r.at as string,
        operator: r.operator as string,
        action: r.action as string,
        cycleId: r.cycle_id as number | null,
        detail: JSON.parse(r.detail as string) as unknown,
      });
      db.prepare('UPDATE audit_log SET prev_hash = ?, hash = ? WHERE id = ?').run(prev, hash, r.id);
      db.prepare('UPDATE import_batches SET audit_hash = ? WHERE audit_hash = ?').run(hash, r.hash);
      prev = hash;
    }
    db.close();
    expect((await cli('audit', 'verify', 'ws.db')).code).toBe(EXIT.done); // the rebuilt chain holds by itself
    const v = await cli('audit', 'verify', 'ws.db', '--expect', noted);
    expect(v.code).toBe(EXIT.refused);
    expect(v.err).toContain('审计日志与备查哈希不符');
  });

  it('names an unknown cycle and a missing workspace', async () => {
    await cli('init', 'ws.db');
    expect((await cli('compute', 'ws.db', '--cycle', '2030年度')).err).toContain('找不到考核周期“2030年度”');
    expect((await cli('audit', 'verify', 'nope.db')).code).toBe(EXIT.refused);
  });
});

describe('mistakes an operator makes', () => {
  it('says that the other files could be imported when one file of the batch is refused', async () => {
    const bad = await editXlsx(
      DATA.find((f) => f.endsWith('满意度测评.xlsx'))!,
      join(tmp.dir, '满意度测评.xlsx'),
      {
        满意度测评: { A5: '东湖去' },
      },
    );
    const r = await cli(
      'run',
      CITY_SCHEME,
      DATA.find((f) => f.endsWith('加扣分及否决事项.xlsx'))!,
      bad,
    );
    expect(r.err).toContain('《加扣分及否决事项.xlsx》可以导入，但因其他文件有问题，本次未写入');
    expect(r.err).toContain(
      '《满意度测评.xlsx》未导入\n  工作表“满意度测评”：满意度数据\n  错误 1 处：\n    满意度测评!A5',
    );
  });

  it('refuses a --json path in a missing folder before anything is stored', async () => {
    await cli('run', CITY_SCHEME, join(FIXTURE_CITY, 'data'), '--db', 'ws.db', '--name', '甲');
    const r = await cli('compute', 'ws.db', '--cycle', '甲', '--json', join('no-such-folder', '结果.json'));
    expect(r.code).toBe(EXIT.usage);
    expect(r.err).toContain('文件夹');
    expect(r.err).toContain('不存在');
    const again = await cli(
      'run',
      CITY_SCHEME,
      join(FIXTURE_CITY, 'data'),
      '--db',
      'ws.db',
      '--name',
      '乙',
      '--json',
      'x/y.json',
    );
    expect(again.code).toBe(EXIT.usage);
    expect((await cli('cycle', 'list', 'ws.db')).out).not.toContain('乙');
  });

  it('does not make a new workspace from a mistyped path', async () => {
    const r = await cli('compute', 'wss.db', '--cycle', '1');
    expect(r.code).toBe(EXIT.refused);
    expect(r.err).toContain('工作区文件');
    expect(r.err).toContain('不存在');
    expect(existsSync(join(tmp.dir, 'wss.db'))).toBe(false);
  });

  it('runs twice into one workspace when given another name', async () => {
    expect((await cli('run', CITY_SCHEME, join(FIXTURE_CITY, 'data'), '--db', 'ws.db')).code).toBe(EXIT.done);
    expect((await cli('run', CITY_SCHEME, join(FIXTURE_CITY, 'data'), '--db', 'ws.db')).err).toContain(
      '请换一个名称',
    );
    expect(
      (await cli('run', CITY_SCHEME, join(FIXTURE_CITY, 'data'), '--db', 'ws.db', '--name', '第二次')).code,
    ).toBe(EXIT.done);
  });

  it.each([
    [
      '{"groups": [{"category": "QS", "results": [{"code": "QS01", "rank": "一"}]}]}',
      'groups[0].results[0].rank 应为正整数名次或 null（现为 "一"）',
    ],
    ['{"groups": [{"category": "QS", "results": [null]}]}', 'groups[0].results[0] 应为一个对象的结果'],
    ['{"groups": [{"category": "QS", "results": null}]}', 'groups[0].results 应为结果列表'],
    ['{"cycle": {}}', '不是本程序导出的结果 JSON'],
    ['not json', '不是有效的 JSON'],
  ])('refuses a malformed previous result %s, saying where', async (text, message) => {
    writeFileSync(join(tmp.dir, 'prev.json'), text);
    const r = await cli('run', CITY_SCHEME, join(FIXTURE_CITY, 'data'), '--previous', 'prev.json');
    expect(r.code).toBe(EXIT.refused);
    expect(r.err).toContain(message);
  });

  it('prints times in the operator’s time zone', () => {
    const d = new Date(2025, 0, 15, 9, 5); // local 09:05
    expect(localTime(d.toISOString())).toBe('2025-01-15 09:05');
  });
});

describe('appraisal report', () => {
  it('writes the Excel results of a computed cycle, as run --xlsx does in one go', async () => {
    const run = await cli('run', CITY_SCHEME, ...DATA, '--db', 'ws.db', '--xlsx', 'run.xlsx');
    expect(run.code).toBe(EXIT.done);
    expect(run.out).toContain(`结果表已写入 ${join(tmp.dir, 'run.xlsx')}`);
    const r = await cli(
      'report',
      'ws.db',
      '--cycle',
      '2024年度综合考核',
      '--xlsx',
      '结果.xlsx',
      '--office',
      '临澜市考核办',
    );
    expect(r.err).toBe('');
    expect(r.code).toBe(EXIT.done);
    expect(r.out).toBe(`结果表已写入 ${join(tmp.dir, '结果.xlsx')}`);
    for (const [file, office] of [
      ['run.xlsx', ''],
      ['结果.xlsx', '临澜市考核办　　'],
    ] as const) {
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.readFile(join(tmp.dir, file));
      expect(wb.worksheets).toHaveLength(12);
      const qs = wb.getWorksheet('区市');
      expect(qs?.getCell('A1').value).toBe('2024年度综合考核结果 — 区市');
      // the date is the day of the export, from the command's clock
      expect(qs?.getCell('A3').value).toBe(`${office}${chineseDate(fakeClock()())}`);
      expect(qs?.getCell('B14').value).toBe('▲青石县');
    }
  });

  it('refuses a cycle that has not been computed, exit 1, and writes nothing', async () => {
    await cli('scheme', 'import', 'ws.db', CITY_SCHEME);
    const r = await cli('report', 'ws.db', '--cycle', '1', '--xlsx', '结果.xlsx');
    expect(r.code).toBe(EXIT.refused);
    expect(r.err).toBe('考核周期“2024年度综合考核”还没有计算结果，请先计算再导出');
    expect(existsSync(join(tmp.dir, '结果.xlsx'))).toBe(false);
  });

  it('refuses an output in a missing folder before any work, exit 2', async () => {
    await cli('scheme', 'import', 'ws.db', CITY_SCHEME);
    const r = await cli('report', 'ws.db', '--cycle', '1', '--xlsx', join('no-such-folder', '结果.xlsx'));
    expect(r.code).toBe(EXIT.usage);
    expect(r.err).toContain('不存在');
    const run = await cli('run', CITY_SCHEME, ...DATA, '--db', 'ws.db', '--name', '乙', '--xlsx', 'x/y.xlsx');
    expect(run.code).toBe(EXIT.usage);
    expect((await cli('cycle', 'list', 'ws.db')).out).not.toContain('乙');
  });
});

describe('appraisal report --pdf and --html', () => {
  const pdfText = (file: string) => execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });

  it('prints the ranking report with Chromium as PDF (run --pdf too) and as one HTML file, and one unit’s score card', async () => {
    const run = await cli('run', CITY_SCHEME, ...DATA, '--db', 'ws.db', '--pdf', 'run.pdf');
    expect(run.code).toBe(EXIT.done);
    expect(run.out).toMatch(new RegExp(`报告已写入 ${escape(join(tmp.dir, 'run.pdf'))}（A4，共 \\d+ 页）`));
    expect(pdfText(join(tmp.dir, 'run.pdf'))).toContain('2024年度综合考核结果');

    const html = await cli(
      'report',
      'ws.db',
      '--cycle',
      '1',
      '--html',
      '报告.html',
      '--office',
      '临澜市考核办',
      '--date',
      '2025年2月3日',
      '--confidential',
    );
    expect(html.err).toBe('');
    expect(html.code).toBe(EXIT.done);
    const page = readFileSync(join(tmp.dir, '报告.html'), 'utf8');
    expect(page).toContain('临澜市考核办');
    expect(page).toContain('2025年2月3日');
    expect(page).toContain('内部资料 注意保密');
    expect(page).not.toMatch(/<script/i);

    const one = await cli('report', 'ws.db', '--cycle', '1', '--pdf', '青石县.pdf', '--target', '青石县');
    expect(one.code).toBe(EXIT.done);
    expect(one.out).toMatch(/（A4，共 [12] 页）/);
    const card = pdfText(join(tmp.dir, '青石县.pdf'));
    expect(card).toContain('青石县考核得分明细');
    expect(card).toContain('一票否决事项');
    expect(card).not.toContain('区市排名');

    const audit = await cli('audit', 'list', 'ws.db');
    expect(audit.out).toContain('《报告.html》');
    expect(audit.out).toContain('《青石县.pdf》');

    // the cover prints the audit log's head hash as it was: an entry of the log, checked by --expect
    const printed = /审计日志末条哈希（制表时，供日后核对）：\s*([0-9a-f]{64})/.exec(
      pdfText(join(tmp.dir, 'run.pdf')).replace(/\n\s*/g, ''),
    )?.[1];
    expect(printed).toMatch(/^[0-9a-f]{64}$/);
    expect((await cli('audit', 'verify', 'ws.db', '--expect', printed as string)).code).toBe(EXIT.done);
    expect(page).toMatch(/审计日志末条哈希（制表时，供日后核对）：<span class="hash">[0-9a-f]{64}<\/span>/);
  }, 120_000);

  it('says what is missing when there is no browser to print with, exit 1, and writes nothing', async () => {
    await cli('run', CITY_SCHEME, ...DATA, '--db', 'ws.db');
    const r = await cli.with({
      printer: () => createChromiumPrinter({ executablePath: join(tmp.dir, 'no-chromium') }),
    })('report', 'ws.db', '--cycle', '1', '--pdf', '报告.pdf');
    expect(r.code).toBe(EXIT.refused);
    expect(r.err).toContain('生成 PDF 需要本机的 Chromium、Chrome 或 Edge 浏览器');
    expect(existsSync(join(tmp.dir, '报告.pdf'))).toBe(false);
  }, 60_000);

  it('takes one output at a time, a real date, and the report-only options only for reports (exit 2)', async () => {
    await cli('scheme', 'import', 'ws.db', CITY_SCHEME);
    for (const args of [
      ['--pdf', 'a.pdf', '--xlsx', 'a.xlsx'],
      ['--pdf', 'a.pdf', '--date', '2025-02-30'],
      ['--xlsx', 'a.xlsx', '--target', '青石县'],
    ]) {
      const r = await cli('report', 'ws.db', '--cycle', '1', ...args);
      expect(r.code, args.join(' ')).toBe(EXIT.usage);
    }
    const unknown = await cli('report', 'ws.db', '--cycle', '1', '--pdf', 'a.pdf', '--target', '不存在县');
    expect(unknown.code).toBe(EXIT.refused);
  });
});

describe('template', () => {
  it('writes every template into a folder, lists them, and will not overwrite without --force', async () => {
    await cli('scheme', 'import', 'ws.db', CITY_SCHEME);
    const r = await cli('template', 'ws.db', '--cycle', '2024年度综合考核', '--out', '模板');
    expect(r.err).toBe('');
    expect(r.code).toBe(EXIT.done);
    expect(r.out).toContain(`已在 ${join(tmp.dir, '模板')} 生成 13 个模板`);
    expect(r.out).toMatch(/2024年度综合考核-评议表-市级领导\.xlsx\s+评议数据\s+41\s+1/);
    expect(readdirSync(join(tmp.dir, '模板'))).toHaveLength(13);
    const again = await cli('template', 'ws.db', '--cycle', '1', '--out', '模板');
    expect(again.code).toBe(EXIT.refused);
    expect(again.err).toContain('--force');
    expect((await cli('template', 'ws.db', '--cycle', '1', '--out', '模板', '--force')).code).toBe(EXIT.done);
    expect((await cli('template', 'ws.db', '--cycle', '1')).code).toBe(EXIT.usage);
  });
});

describe('usage', () => {
  it.each([
    [[]],
    [['frobnicate']],
    [['compute', 'ws.db']],
    [['import', 'ws.db', '--cycle', '1']],
    [['run', '--json']],
    [['scheme', 'import', 'ws.db', 'x.xlsx', '--kind', 'monthly']],
    [['compute', 'ws.db', '--cycle', '1', '--bogus']],
    [['report', 'ws.db', '--cycle', '1']],
    [['report', '--cycle', '1', '--xlsx', 'a.xlsx']],
  ])('exits 2 with the usage for %j', async (argv) => {
    const r = await cli(...argv);
    expect(r.code).toBe(EXIT.usage);
    expect(r.out + r.err).toContain('用法:');
  });

  it('prints help and exits 0', async () => {
    const r = await cli('--help');
    expect(r.code).toBe(EXIT.done);
    expect(r.out).toContain('appraisal run 方案.xlsx 数据.xlsx|文件夹…');
    expect(r.out).toContain(
      'appraisal report 工作区.db --cycle 周期 (--xlsx 结果.xlsx | --pdf 报告.pdf | --html 报告.html)',
    );
  });
});

describe('what the operator is told to do next', () => {
  it('prints the batch withdraw command when a file holds data another batch holds', async () => {
    await cli('scheme', 'import', 'ws.db', CITY_SCHEME);
    const finance = DATA.find((f) => f.endsWith('指标数据-市财政局.xlsx')) as string;
    expect((await cli('import', 'ws.db', '--cycle', '1', finance)).code).toBe(EXIT.done);
    const copy = join(tmp.dir, '财政局（修改）.xlsx');
    writeFileSync(copy, readFileSync(finance));
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(copy);
    wb.worksheets[0]!.getCell('C2').value = 1; // not the same bytes as the file already imported
    await wb.xlsx.writeFile(copy);
    const r = await cli('import', 'ws.db', '--cycle', '1', copy);
    expect(r.code).toBe(EXIT.refused);
    expect(r.err).toContain('同一数据不能有两个来源');
    expect(r.err).not.toContain('请按上面列出的单元格逐一改正');
    expect(r.err).toContain(
      'appraisal batch withdraw ws.db 1 --reason 以《财政局（修改）.xlsx》代替《指标数据-市财政局.xlsx》',
    );
    const w = await cli('batch', 'withdraw', 'ws.db', '1', '--reason', '以修改后的文件为准');
    expect(w.code).toBe(EXIT.done);
    expect((await cli('import', 'ws.db', '--cycle', '1', copy)).code).toBe(EXIT.done);
  });

  it('lists the audit log, and prints the whole head hash to note down', async () => {
    await cli('scheme', 'import', 'ws.db', CITY_SCHEME);
    const list = await cli('audit', 'list', 'ws.db', '--cycle', '1');
    expect(list.code).toBe(EXIT.done);
    expect(list.out).toMatch(/时间\s+操作人\s+操作\s+周期\s+内容/);
    expect(list.out).toContain('测试员');
    expect(list.out).toContain('建立周期');
    const v = await cli('audit', 'verify', 'ws.db');
    expect(v.out).toMatch(/末条哈希（可抄下备查）：\n[0-9a-f]{64}$/);
  });

  it('leaves no new workspace file behind when the scheme is refused', async () => {
    const bad = await editXlsx(CITY_SCHEME, join(tmp.dir, '方案.xlsx'), { 规则: { B4: '三' } });
    const r = await cli('scheme', 'import', 'new.db', bad);
    expect(r.code).toBe(EXIT.refused);
    expect(existsSync(join(tmp.dir, 'new.db'))).toBe(false);
  });

  it('prints the usage for --help after any command', async () => {
    const r = await cli('cycle', 'link', '--help');
    expect(r.code).toBe(EXIT.done);
    expect(r.out).toContain('appraisal cycle link 工作区.db --cycle 周期 --previous 上一周期');
  });
});

describe('terminal tables', () => {
  it('measures Chinese characters as two columns', () => {
    expect(displayWidth('青石县')).toBe(6);
    expect(displayWidth('QS06 ↑3')).toBe(7);
    const t = textTable(
      ['单位', '总分'],
      [
        ['东湖区', '90.76'],
        ['高新区管委会', '9.00'],
      ],
      ['left', 'right'],
    ).split('\n');
    expect(t.map(displayWidth)).toEqual([19, 19, 19, 19]);
  });
});

describe('the installed command', () => {
  it('runs through npm run appraisal as a separate process', async () => {
    const { stdout } = await promisify(execFile)('npm', ['run', '--silent', 'appraisal', '--', '--help'], {
      cwd: join(__dirname, '..', '..', '..'),
    });
    expect(stdout).toContain('综合考核工作台 命令行');
  });
});

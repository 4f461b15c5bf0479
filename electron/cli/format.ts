import type { Issue } from '../../shared/domain/issue';
import type { ComputeResult, Flag, GroupEntry, GroupResult, TargetScore } from '../../shared/domain/result';
import type { Scheme } from '../../shared/domain/scheme';
import { METHOD_LABELS, MISSING_LABELS } from '../../shared/domain/method';
import { explainTarget } from '../../shared/engine/explain';
import { FLAG_LABELS } from '../../shared/domain/result';
import { formatFixed } from '../../shared/engine/round';
import type { FileReport } from '../main/services/import-service';
import { DATA_KIND_LABELS } from '../../shared/domain/cycle';
import { textTable } from './text-table';

const LEVEL_LABELS = { error: '错误', warning: '提示', info: '说明' } as const;

/** 名次变化 as printed: ↑3, ↓5, 新, or — with no previous rank to compare. */
export function rankChangeText(e: GroupEntry): string {
  if (e.rankChange === null) return e.isNew ? '新' : '—';
  if (e.rankChange > 0) return `↑${e.rankChange}`;
  if (e.rankChange < 0) return `↓${-e.rankChange}`;
  return '0';
}

const CN_DIGITS = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];

/** 末三位 for N = 3 (the term of the policy documents), 末12位 past ten. */
export const bottomLabel = (n: number): string => `末${CN_DIGITS[n] ?? n}位`;

/** Flags as the 标记 column shows them; bottomN reads 末三位 for N = 3. */
export function flagsText(flags: readonly Flag[], bottomN: number): string {
  return flags.map((f) => (f === 'bottomN' ? bottomLabel(bottomN) : FLAG_LABELS[f])).join('、');
}

/** A stored instant (ISO, UTC) as the operator's local date and time. */
export function localTime(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}`;
}

/** One ranking group as a terminal table, with a heading and the notes a reader needs. */
export function groupTable(r: ComputeResult, g: GroupResult): string {
  const p = r.cycle.precision;
  const byCode = new Map(r.targets.map((t) => [t.code, t]));
  const tops = r.topIndicators.filter((top) =>
    g.entries.some((e) => byCode.get(e.code)?.subtotals[top.code] !== undefined),
  );
  const header = [
    '名次',
    '单位',
    '总分',
    ...tops.map((t) => t.name),
    '加分',
    '扣分',
    '等次',
    '名次变化',
    '标记',
  ];
  const rows = g.entries.map((e) => {
    const t = byCode.get(e.code);
    const sub = (code: string) => {
      const v = t?.subtotals[code];
      return v === undefined ? '—' : formatFixed(v, p);
    };
    return [
      e.rank === null ? '—' : String(e.rank),
      `${e.flags.includes('bottomN') ? '▲' : ' '}${e.name}`,
      formatFixed(e.total, p),
      ...tops.map((top) => sub(top.code)),
      t && t.bonus > 0 ? formatFixed(t.bonus, p) : '',
      t && t.deduction > 0 ? formatFixed(t.deduction, p) : '',
      e.grade ?? '—',
      rankChangeText(e),
      flagsText(e.flags, r.cycle.bottomN),
    ];
  });
  const align = header.map(
    (_, c) => (c === 1 || c >= header.length - 3 ? 'left' : 'right') as 'left' | 'right',
  );
  const title = `${g.name}（${g.code}）  共 ${g.size} 个，参与排名 ${g.ranked} 个，${bottomLabel(r.cycle.bottomN)} ${g.flaggedBottom} 个`;
  const notes: string[] = [];
  if (g.bottomTieExtended)
    notes.push(`注：因并列，末位标记 ${g.flaggedBottom} 个，多于 ${r.cycle.bottomN} 个。`);
  notes.push(`▲ ${bottomLabel(r.cycle.bottomN)}；优秀名额 ${g.excellentPositions} 个。`);
  if (g.kind === 'combined')
    notes.push(
      '注：合并排名组单独评定名次、等次和末位，与各类别内的结果并列列出；以哪一组为准由考核办确定。',
    );
  return [title, textTable(header, rows, align), ...notes].join('\n');
}

export function rankingText(r: ComputeResult): string {
  return [
    `${r.cycle.name}  综合考核结果（满分 ${r.cycle.fullScore}）`,
    ...r.groups.map((g) => groupTable(r, g)),
  ].join('\n\n');
}

/** Issues shown per level before the rest are summarised (all of them are in --json). */
const SHOWN_PER_LEVEL = 30;

/** Issues grouped by level, each under its heading; `indent` places the block under a file's line. */
export function issuesText(issues: readonly Issue[], indent = ''): string {
  const out: string[] = [];
  for (const level of ['error', 'warning', 'info'] as const) {
    const list = issues.filter((i) => i.level === level);
    if (list.length === 0) continue;
    out.push(`${indent}${LEVEL_LABELS[level]} ${list.length} 处：`);
    for (const i of list.slice(0, SHOWN_PER_LEVEL))
      out.push(`${indent}  ${i.ref ? `${i.ref}  ` : ''}${i.message}`);
    if (list.length > SHOWN_PER_LEVEL)
      out.push(
        `${indent}  …另有 ${list.length - SHOWN_PER_LEVEL} 处${level === 'error' ? '，改正以上各处后重新导入即可看到' : '（--json 导出的结果中有全部）'}`,
      );
  }
  return out.join('\n');
}

export function importReportText(files: readonly FileReport[], dryRun: boolean): string {
  const out: string[] = [];
  for (const f of files) {
    const verdict = f.written
      ? '已导入'
      : !f.accepted
        ? '未导入'
        : dryRun
          ? '可以导入（试导入，未写入）'
          : '可以导入，但因其他文件有问题，本次未写入';
    out.push(`《${f.file}》${verdict}`);
    for (const s of f.sheets) {
      const kind = s.kind ? DATA_KIND_LABELS[s.kind] : '未识别';
      if (!f.accepted) {
        out.push(`  工作表“${s.sheet}”：${kind}`);
        continue;
      }
      const sup = s.supersedes !== null ? `，替换批次 ${s.supersedes}` : '';
      const batch = s.batchId !== null ? `，批次 ${s.batchId}` : '';
      out.push(`  工作表“${s.sheet}”：${kind} ${s.rows} 行${batch}${sup}`);
    }
    const issues = issuesText(f.issues, '  ');
    if (issues) out.push(issues);
  }
  return out.join('\n');
}
/** A number as a person reads it: at most `digits` decimals, no trailing zeros. */
const plain = (x: number | null, digits = 4): string =>
  x === null ? '—' : String(Number(x.toFixed(digits)));

/**
 * 得分说明 of one target (SPEC §4): its standing in each ranking group, the gap to safety of a
 * bottom-N target, the leaves that cost most, then every leaf against full points and the category
 * median, and the bonus, deduction and veto items.
 */
export function explainText(r: ComputeResult, scheme: Scheme, t: TargetScore): string {
  const p = r.cycle.precision;
  const names = new Map(scheme.indicators.map((i) => [i.code, i.name]));
  const category = scheme.categories.find((c) => c.code === t.category);
  const out: string[] = [
    `${t.name}（${t.code}）  ${category?.name ?? t.category}  ${r.cycle.name}`,
    `总分 ${formatFixed(t.total, p)}（加分 ${formatFixed(t.bonus, p)}，扣分 ${formatFixed(t.deduction, p)}）`,
  ];
  if (t.exemptReason) out.push(`免于排名：${t.exemptReason}`);
  for (const g of r.groups) {
    const e = g.entries.find((x) => x.code === t.code);
    if (!e) continue;
    const rank = e.rank === null ? '不排名' : `第 ${e.rank} 名（共 ${g.ranked} 个）`;
    const flags = e.flags.length > 0 ? `，${flagsText(e.flags, r.cycle.bottomN)}` : '';
    out.push(`${g.name}：${rank}，等次 ${e.grade ?? '—'}，名次变化 ${rankChangeText(e)}${flags}`);
    if (e.gapToSafety !== null) out.push(`  比末位之外的最后一名少 ${formatFixed(e.gapToSafety, p)} 分`);
  }
  const leaves = explainTarget(r, t);
  const worst = t.topLosses.map((code) => {
    const l = leaves.find((x) => x.indicator === code);
    return `${code} ${names.get(code) ?? ''}（比类别中位数少 ${formatFixed(l?.lostVsMedian ?? 0, p)} 分）`;
  });
  if (worst.length > 0) out.push(`失分最多的指标：${worst.join('；')}`);
  out.push('');
  out.push(
    textTable(
      ['指标', '计分方法', '分值', '原始值', '得分率', '得分', '类别中位数', '较满分失分', '较中位数失分'],
      leaves.map((l) => [
        `${l.indicator} ${names.get(l.indicator) ?? ''}`,
        METHOD_LABELS[l.method] + (l.imputed ? `（缺失，${MISSING_LABELS[l.imputed]}）` : ''),
        plain(l.weight, 2),
        plain(l.raw),
        l.score === null ? '—' : l.score.toFixed(4),
        formatFixed(l.points, p),
        formatFixed(l.median, p),
        formatFixed(l.lostVsFull, p),
        formatFixed(l.lostVsMedian, p),
      ]),
      ['left', 'left', 'right', 'right', 'right', 'right', 'right', 'right', 'right'],
    ),
  );
  for (const a of t.adjustments) {
    out.push('');
    out.push(
      `${a.kind === 'bonus' ? '加分' : '扣分'}（${a.indicator} ${names.get(a.indicator) ?? ''}）：合计 ${plain(a.sum)}，上限 ${plain(a.cap)}，计 ${plain(a.applied)}`,
    );
    for (const it of a.items)
      out.push(`  ${plain(it.points)} 分  ${it.reason}${it.docNo ? `（${it.docNo}）` : ''}`);
  }
  if (t.vetoItems.length > 0) {
    out.push('');
    out.push('一票否决：');
    for (const it of t.vetoItems) out.push(`  ${it.reason}${it.docNo ? `（${it.docNo}）` : ''}`);
  }
  return out.join('\n');
}

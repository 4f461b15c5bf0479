/**
 * `appraisal weights ahp|entropy|critic FILE.json [--json OUT]`: the weighting tools of SPEC §5 on
 * a JSON file, for committees that prepare their matrices in a text editor or another program.
 */
import { readFile, writeFile } from 'node:fs/promises';
import type { Direction } from '../../shared/domain/method';
import { directionOf } from '../../shared/domain/method';
import { toHalfWidth } from '../../shared/domain/text';
import { formatFixed } from '../../shared/engine/round';
import type { AhpResult, CriticVariant, EntropyVariant } from '../../shared/engine/weights';
import {
  SAATY_RI,
  ahp,
  ahpExperts,
  ahpRefusal,
  criticWeights,
  entropyWeights,
  judgementText,
  parseJudgement,
} from '../../shared/engine/weights';
import { readErrorText } from '../main/services/read-error';
import type { CliIo } from './cli';
import { EXIT, UsageError, checkOutput, parse } from './args';
import { textTable } from './text-table';

const USAGE = '用法：appraisal weights ahp|entropy|critic 文件.json [--json 权重.json]';

const METHODS = ['ahp', 'entropy', 'critic'] as const;
type Method = (typeof METHODS)[number];

/** The fields each method reads; `source` and `note` are for people and are ignored. */
const FIELDS: Record<Method, readonly string[]> = {
  ahp: ['matrix', 'matrices', 'labels', 'source', 'note'],
  entropy: ['matrix', 'directions', 'variant', 'labels', 'source', 'note'],
  critic: ['matrix', 'directions', 'variant', 'labels', 'source', 'note'],
};

const VARIANTS = {
  entropy: { minmax: '极差标准化', sum: '原始数值比重' },
  critic: { directional: '按方向极差标准化', blind: '不分方向极差标准化' },
} as const;

/** Runs `appraisal weights …` (the words after `weights`); returns the exit code. */
export async function weightsCommand(
  args: string[],
  io: CliIo,
  path: (p: string) => string,
): Promise<number> {
  const [method, ...rest] = args;
  if (!(METHODS as readonly string[]).includes(method ?? ''))
    throw new UsageError(method === undefined ? USAGE : `未知的定权方法“${method}”。${USAGE}`);
  const { values, positionals } = parse(rest, { json: { type: 'string' } });
  const [file] = positionals;
  if (file === undefined || positionals.length > 1) throw new UsageError(USAGE);
  const json = values.json;
  if (json === '') throw new UsageError(`--json 后应写输出文件名。${USAGE}`);
  const out = typeof json === 'string' ? path(json) : undefined;
  if (out) checkOutput(out);

  const input = await readInput(path(file), FIELDS[method as Method]);
  if (!input.ok) return refuse(io, file, input.problems);
  return method === 'ahp'
    ? runAhp(io, file, input.value, out)
    : runData(io, file, method as 'entropy' | 'critic', input.value, out);
}

type Json = Record<string, unknown>;
type Read<T> = { ok: true; value: T } | { ok: false; problems: string[] };

async function readInput(full: string, fields: readonly string[]): Promise<Read<Json>> {
  let text: string;
  try {
    text = await readFile(full, 'utf8');
  } catch (e) {
    return { ok: false, problems: [`无法读取：${readErrorText(e)}`] };
  }
  let value: unknown;
  try {
    // Notepad on Windows saves UTF-8 with a byte-order mark
    value = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (e) {
    return { ok: false, problems: [`不是有效的 JSON（${(e as Error).message}）：请检查括号、逗号和引号`] };
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    return {
      ok: false,
      problems: [`内容应是一个 JSON 对象，如 {"matrix": [[1, 3], ["1/3", 1]]}`],
    };
  const unknown = Object.keys(value).filter((k) => !fields.includes(k));
  if (unknown.length > 0)
    return {
      ok: false,
      problems: unknown.map(
        (k) => `不认识的字段“${k}”（可用的字段：${fields.map((f) => `"${f}"`).join('、')}）`,
      ),
    };
  return { ok: true, value: value as Json };
}

const messages = (problems: readonly { message: string }[]) => problems.map((p) => p.message);

function refuse(io: CliIo, file: string, problems: readonly string[]): number {
  io.err(
    problems.length === 1
      ? `${file}：${problems[0]}`
      : `${file} 有 ${problems.length} 处问题：\n${problems.map((p) => `  ${p}`).join('\n')}`,
  );
  return EXIT.refused;
}

const shown = (v: unknown) => (typeof v === 'string' ? `"${v}"` : (JSON.stringify(v) ?? String(v)));

/**
 * A matrix of cells read by `cell` (NaN where a cell cannot be read), with a problem for each such
 * cell naming the field, the row and the column as people count them (第 1 行第 1 列); rows null when
 * the field is not an array of rows at all.
 */
function readMatrix(
  v: unknown,
  name: string,
  cell: (x: unknown) => number | null,
  what: string,
): { rows: number[][] | null; problems: string[] } {
  if (!Array.isArray(v) || v.length === 0 || !v.every(Array.isArray))
    return { rows: null, problems: [`"${name}" 应是按行写的二维数组，如 [[1, 3], ["1/3", 1]]`] };
  const problems: string[] = [];
  const rows = (v as unknown[][]).map((row, i) =>
    row.map((x, j) => {
      const n = cell(x);
      if (n === null) problems.push(`"${name}" 第 ${i + 1} 行第 ${j + 1} 列是 ${shown(x)}：${what}`);
      return n ?? NaN;
    }),
  );
  return { rows, problems };
}

/** Optional names of the indicators, one per row (AHP) or column (data); `what` says how many are expected. */
function readLabels(v: unknown, count: number, what: string): Read<string[] | undefined> {
  if (v === undefined) return { ok: true, value: undefined };
  if (!Array.isArray(v) || !v.every((x) => typeof x === 'string'))
    return { ok: false, problems: [`"labels" 应是名称的数组，如 ["经济发展", "民生保障"]`] };
  if (v.length !== count) return { ok: false, problems: [`"labels" 有 ${v.length} 个名称，${what}`] };
  return { ok: true, value: v as string[] };
}

const label = (labels: readonly string[] | undefined, i: number) => labels?.[i] ?? `指标${i + 1}`;

async function writeWeights(io: CliIo, out: string | undefined, body: object): Promise<void> {
  if (!out) return;
  await writeFile(out, JSON.stringify(body, null, 2) + '\n', 'utf8');
  io.out(`权重已写入 ${out}`);
}

async function runAhp(io: CliIo, file: string, input: Json, out: string | undefined): Promise<number> {
  const judgement = (x: unknown) => parseJudgement(x);
  const notJudgement = '判断值应为数字或 1/3 这样的分数';
  let matrices: number[][][];
  if (input.matrix !== undefined && input.matrices !== undefined)
    return refuse(io, file, [`"matrix"（一个判断矩阵）和 "matrices"（多位专家的矩阵）只能给一个`]);
  if (input.matrix !== undefined) {
    const m = readMatrix(input.matrix, 'matrix', judgement, notJudgement);
    if (m.problems.length > 0) return refuse(io, file, m.problems);
    matrices = [m.rows as number[][]];
  } else if (Array.isArray(input.matrices) && input.matrices.length > 0) {
    const problems: string[] = [];
    matrices = input.matrices.map((v, k) => {
      const m = readMatrix(v, `matrices`, judgement, notJudgement);
      problems.push(...m.problems.map((p) => `第 ${k + 1} 位专家：${p}`));
      return m.rows ?? [];
    });
    if (problems.length > 0) return refuse(io, file, problems);
  } else if (input.matrices !== undefined)
    return refuse(io, file, [
      `"matrices" 应是各位专家判断矩阵的数组，如 [[[1, 3], ["1/3", 1]], [[1, 5], ["1/5", 1]]]`,
    ]);
  else
    return refuse(io, file, [
      `没有判断矩阵：请写 "matrix": [[…], …]，多位专家则写 "matrices": [[[…], …], …]`,
    ]);

  const panel = input.matrices !== undefined;
  let result: AhpResult;
  let combined: number[][] | null = null;
  if (panel) {
    const r = ahpExperts(matrices);
    if (!r.ok) return refuse(io, file, messages(r.problems));
    result = r.result;
    combined = r.matrix;
  } else {
    const r = ahp(matrices[0] as number[][]);
    if (!r.ok) return refuse(io, file, messages(r.problems));
    result = r.result;
  }
  const n = result.weights.length;
  const labels = readLabels(input.labels, n, `判断矩阵有 ${n} 行`);
  if (!labels.ok) return refuse(io, file, labels.problems);
  const refusal = ahpRefusal(result, labels.value ?? result.weights.map((_, i) => label(undefined, i)));
  if (refusal) {
    io.err(`${file}：${refusal}。未计算权重${out ? '，未写入任何文件' : ''}。`);
    return EXIT.refused;
  }

  io.out(
    panel
      ? `层次分析法：${file}，${matrices.length} 位专家的判断矩阵按元素几何平均后计算`
      : `层次分析法：${file}`,
  );
  if (combined) io.out(`\n综合判断矩阵：\n${matrixTable(combined, labels.value)}\n`);
  io.out(weightTable(result.weights, labels.value));
  io.out(consistencyLine(result));
  await writeWeights(io, out, {
    weights: result.weights,
    lambdaMax: result.lambdaMax,
    CI: result.CI,
    CR: result.CR,
    consistent: result.consistent,
  });
  return EXIT.done;
}

function consistencyLine(r: AhpResult): string {
  const n = r.weights.length;
  const ri = SAATY_RI[n - 1] as number;
  const check = n <= 2 ? '通过（两项及以下的判断总是一致的）' : '通过';
  return `λmax = ${formatFixed(r.lambdaMax, 4)}，CI = ${formatFixed(r.CI, 4)}，CR = ${formatFixed(r.CR, 4)}（RI = ${formatFixed(ri, 2)}），一致性检验：${check}`;
}

function weightTable(weights: readonly number[], labels: readonly string[] | undefined): string {
  return textTable(
    ['指标', '权重'],
    weights.map((w, i) => [label(labels, i), formatFixed(w, 4)]),
    ['left', 'right'],
  );
}

function matrixTable(m: readonly (readonly number[])[], labels: readonly string[] | undefined): string {
  return textTable(
    ['', ...m.map((_, j) => label(labels, j))],
    m.map((row, i) => [label(labels, i), ...row.map((x) => judgementText(x))]),
    ['left', ...m.map(() => 'right' as const)],
  );
}

/** A data cell: a number, or text of one ("12.5", "1,234", full-width digits). */
function dataValue(x: unknown): number | null {
  if (typeof x === 'number') return x;
  if (typeof x !== 'string') return null;
  const t = toHalfWidth(x).trim().replace(/,/g, '');
  return /^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i.test(t) ? Number(t) : null;
}

async function runData(
  io: CliIo,
  file: string,
  method: 'entropy' | 'critic',
  input: Json,
  out: string | undefined,
): Promise<number> {
  if (input.matrix === undefined)
    return refuse(io, file, [`没有数据：请写 "matrix": [[…], …]，每行一个考核对象，每列一个指标`]);
  const m = readMatrix(input.matrix, 'matrix', dataValue, '应为数值');
  if (m.rows === null) return refuse(io, file, m.problems);
  const x = m.rows;
  const width = (x[0] as number[]).length;
  const problems = [...m.problems];
  x.forEach((row, i) => {
    if (row.length !== width)
      problems.push(
        `"matrix" 第 ${i + 1} 行有 ${row.length} 个数，第 1 行有 ${width} 个：每行一个考核对象，每列一个指标，各行须一样长`,
      );
  });

  const variants = VARIANTS[method];
  const variant = input.variant ?? (method === 'entropy' ? 'minmax' : 'directional');
  if (typeof variant !== 'string' || !(variant in variants))
    problems.push(
      `"variant" 是 ${shown(variant)}：${method === 'entropy' ? '熵权法' : 'CRITIC '}可用 ${Object.entries(
        variants,
      )
        .map(([k, v]) => `"${k}"（${v}）`)
        .join(' 或 ')}`,
    );

  let directions: Direction[] = [];
  if (input.directions === undefined)
    problems.push(`缺少 "directions"：每个指标一个方向，"+" 越大越好，"-" 越小越好，如 ["+", "-"]`);
  else if (!Array.isArray(input.directions)) problems.push(`"directions" 应是方向的数组，如 ["+", "-"]`);
  else {
    if (input.directions.length !== width)
      problems.push(`"directions" 有 ${input.directions.length} 个方向，数据有 ${width} 列（指标）`);
    directions = input.directions.map((d, j) => {
      const dir = typeof d === 'string' ? directionOf(d) : null;
      if (dir === null)
        problems.push(`"directions" 第 ${j + 1} 个是 ${shown(d)}：应为 "+"（越大越好）或 "-"（越小越好）`);
      return dir ?? '+';
    });
  }
  const labels = readLabels(input.labels, width, `数据有 ${width} 列（指标）`);
  if (!labels.ok) problems.push(...labels.problems);
  if (problems.length > 0 || !labels.ok) return refuse(io, file, problems);

  const names = labels.value;
  const heading = `${method === 'entropy' ? '熵权法' : 'CRITIC'}（${variants[variant as keyof typeof variants]}）：${file}，${x.length} 个考核对象，${width} 个指标`;
  const dirText = (d: Direction) => (d === '+' ? '正向' : '逆向');
  let weights: number[];
  let table: string;
  if (method === 'entropy') {
    const r = entropyWeights(x, directions, variant as EntropyVariant, names);
    if (!r.ok) return refuse(io, file, messages(r.problems));
    weights = r.result.weights;
    table = textTable(
      ['指标', '方向', '信息熵', '差异系数', '权重'],
      weights.map((w, j) => [
        label(names, j),
        dirText(directions[j] as Direction),
        formatFixed(r.result.entropies[j] as number, 4),
        formatFixed(r.result.divergences[j] as number, 4),
        formatFixed(w, 4),
      ]),
      ['left', 'left', 'right', 'right', 'right'],
    );
  } else {
    const r = criticWeights(x, directions, variant as CriticVariant, names);
    if (!r.ok) return refuse(io, file, messages(r.problems));
    weights = r.result.weights;
    const conflict = (j: number) =>
      (r.result.correlations[j] as number[]).reduce((s, c) => (Number.isNaN(c) ? s : s + (1 - c)), 0);
    table = textTable(
      ['指标', '方向', '标准差', '冲突性', '信息量', '权重'],
      weights.map((w, j) => {
        const constant = (r.result.sigmas[j] as number) === 0;
        return [
          label(names, j),
          dirText(directions[j] as Direction),
          formatFixed(r.result.sigmas[j] as number, 4),
          constant ? '—' : formatFixed(conflict(j), 4),
          formatFixed(r.result.information[j] as number, 4),
          formatFixed(w, 4),
        ];
      }),
      ['left', 'left', 'right', 'right', 'right', 'right'],
    );
  }
  io.out(heading);
  io.out(table);
  const constant = weights.flatMap((_, j) => (isConstant(x, j) ? [label(names, j)] : []));
  if (constant.length > 0)
    io.out(
      `注：${constant.map((c) => `“${c}”`).join('、')}在各考核对象之间数值全同，不能区分对象，权重为 0。`,
    );
  if (variant === 'sum') io.out('注：原始数值比重法只看数值在各对象间的分布，不区分指标方向。');
  await writeWeights(io, out, { weights });
  return EXIT.done;
}

const isConstant = (x: readonly (readonly number[])[], j: number) =>
  x.every((row) => row[j] === (x[0] as number[])[j]);

/**
 * Generates the sample city of `fixtures/city/`: a fictional prefecture-level city (临澜市) with its
 * 2024 scheme workbook, the data workbooks its providers and evaluators return, and the 2023 result
 * JSON that 2024 is compared against for 名次变化.
 *
 *   npx tsx scripts/make-fixtures.ts
 *
 * Deterministic: every random draw comes from a seeded mulberry32 stream named after what it
 * generates, workbook dates are fixed and the zip entries' timestamps are normalised, so running the
 * script twice gives byte-identical files. The scheme and data are built as domain objects first,
 * computed with the engine as a check, then written out.
 */
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import ExcelJS from 'exceljs';
import type {
  CycleData,
  ItemRow,
  PreviousCycle,
  RatingRow,
  SurveyRow,
  ValueRow,
} from '../shared/domain/data';
import { hasErrors } from '../shared/domain/issue';
import type { Direction, MethodKey } from '../shared/domain/method';
import { directionOf, isWeighted, METHOD_LABELS, methodOf, parseParamText } from '../shared/domain/method';
import type { ComputeResult } from '../shared/domain/result';
import { FLAG_LABELS } from '../shared/domain/result';
import type { RuleKey, Rules } from '../shared/domain/rules';
import { defaultRules, parseRuleValue, RULE_LABELS, ruleKeyOf } from '../shared/domain/rules';
import type { Category, EvaluatorGroup, Indicator, Scheme, Target } from '../shared/domain/scheme';
import { splitList } from '../shared/domain/text';
import { canonicalJson, compute, ranksFromResultJson, toResultJson } from '../shared/engine';
import { mulberry32 } from '../shared/engine/random';
import { normaliseZipTimes } from './corpus/common';

const OUT = join(dirname(fileURLToPath(import.meta.url)), '..', 'fixtures', 'city');
const DATA_DIR = join(OUT, 'data');
const OFFICE = '中共临澜市委综合考核办公室';
/** Creation date written into every workbook (and, as DOS time, into every zip entry). */
const FIXED_DATE = new Date(Date.UTC(2025, 0, 10, 1, 0, 0));

type Year = 2023 | 2024;

// ---------------------------------------------------------------------------------------------
// Seeded randomness

/** FNV-1a of a stream name, so that each kind of draw has its own stream and tuning one leaves the others alone. */
function seedOf(name: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < name.length; i++) {
    h ^= name.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

interface Rng {
  next: () => number;
  uniform: (lo: number, hi: number) => number;
  int: (lo: number, hi: number) => number;
  /** Roughly normal with mean 0 and the given sd (Irwin–Hall of three uniforms: plain arithmetic, no libm). */
  noise: (sd: number) => number;
  chance: (p: number) => boolean;
  sample: <T>(xs: readonly T[], n: number) => T[];
}

function rng(name: string): Rng {
  const next = mulberry32(seedOf(`linlan/${name}`));
  const r: Rng = {
    next,
    uniform: (lo, hi) => lo + (hi - lo) * next(),
    int: (lo, hi) => lo + Math.floor(next() * (hi - lo + 1)),
    noise: (sd) => (next() + next() + next() - 1.5) * 2 * sd,
    chance: (p) => next() < p,
    sample: (xs, n) => {
      const a = [...xs];
      for (let i = a.length - 1; i > 0; i--) {
        const j = Math.floor(next() * (i + 1));
        [a[i], a[j]] = [a[j] as (typeof a)[number], a[i] as (typeof a)[number]];
      }
      return a.slice(0, n);
    },
  };
  return r;
}

const clamp01 = (x: number) => (x < 0 ? 0 : x > 1 ? 1 : x);
const round = (x: number, d: number) => Number(x.toFixed(d));

// ---------------------------------------------------------------------------------------------
// The city: categories, targets, evaluator groups, rules

const CATEGORIES: Category[] = [
  { code: 'QS', name: '区市' },
  { code: 'GN', name: '功能区' },
  { code: 'JJ', name: '市直经济部门' },
  { code: 'SH', name: '市直社会事业部门' },
  { code: 'DQ', name: '党群部门' },
];
const DEPARTMENTS = ['JJ', 'SH', 'DQ'];

/** Economic profile of a region (district, county, county-level city or functional zone). */
type Profile = 'urban' | 'county' | 'city' | 'zone';

interface TargetDef {
  code: string;
  name: string;
  aliases: string[];
  exemptReason?: string;
  /** First year the unit exists (default: both years). */
  since?: Year;
  /** Regions only: GDP of 2022 in 亿元 and the economic profile. */
  gdp2022?: number;
  profile?: Profile;
}

const TARGETS: TargetDef[] = [
  { code: 'QS01', name: '东湖区', aliases: ['东湖'], gdp2022: 826.4, profile: 'urban' },
  { code: 'QS02', name: '澜江区', aliases: ['澜江'], gdp2022: 693.8, profile: 'urban' },
  { code: 'QS03', name: '新港区', aliases: ['新港'], gdp2022: 538.2, profile: 'urban' },
  { code: 'QS04', name: '北岭区', aliases: ['北岭'], gdp2022: 412.6, profile: 'urban' },
  { code: 'QS05', name: '白沙县', aliases: ['白沙'], gdp2022: 331.5, profile: 'county' },
  { code: 'QS06', name: '青石县', aliases: ['青石'], gdp2022: 292.7, profile: 'county' },
  { code: 'QS07', name: '云岫县', aliases: [], gdp2022: 214.3, profile: 'county' },
  { code: 'QS08', name: '凤栖县', aliases: ['凤栖'], gdp2022: 263.9, profile: 'county' },
  { code: 'QS09', name: '杏山县', aliases: [], gdp2022: 183.6, profile: 'county' },
  { code: 'QS10', name: '澜溪市', aliases: ['澜溪'], gdp2022: 452.1, profile: 'city' },
  {
    code: 'GN01',
    name: '临澜高新技术产业开发区',
    aliases: ['高新区', '临澜高新区'],
    gdp2022: 386.5,
    profile: 'zone',
  },
  {
    code: 'GN02',
    name: '临澜经济技术开发区',
    aliases: ['经开区', '临澜经开区'],
    gdp2022: 418.2,
    profile: 'zone',
  },
  { code: 'GN03', name: '临澜综合保税区', aliases: ['综保区'], gdp2022: 96.8, profile: 'zone' },
  { code: 'GN04', name: '澜湾港口物流园区', aliases: ['港口物流园区'], gdp2022: 131.4, profile: 'zone' },
  { code: 'GN05', name: '临澜空港经济区', aliases: ['空港经济区'], gdp2022: 158.7, profile: 'zone' },
  { code: 'JJ01', name: '市发展改革委', aliases: ['发改委', '市发改委'] },
  { code: 'JJ02', name: '市工业和信息化局', aliases: ['工信局', '市工信局'] },
  { code: 'JJ03', name: '市财政局', aliases: ['财政局'] },
  { code: 'JJ04', name: '市商务局', aliases: ['商务局'] },
  { code: 'JJ05', name: '市自然资源和规划局', aliases: ['自然资源局', '市自然资源局'] },
  { code: 'JJ06', name: '市住房城乡建设局', aliases: ['住建局', '市住建局'] },
  { code: 'JJ07', name: '市交通运输局', aliases: ['交通局', '市交通局'] },
  { code: 'JJ08', name: '市农业农村局', aliases: ['农业农村局'] },
  { code: 'JJ09', name: '市文化和旅游局', aliases: ['文旅局', '市文旅局'] },
  { code: 'JJ10', name: '市数据局', aliases: ['数据局'], exemptReason: '2024年新组建', since: 2024 },
  { code: 'SH01', name: '市教育局', aliases: ['教育局'] },
  { code: 'SH02', name: '市科学技术局', aliases: ['科技局', '市科技局'] },
  { code: 'SH03', name: '市民政局', aliases: ['民政局'] },
  { code: 'SH04', name: '市人力资源社会保障局', aliases: ['人社局', '市人社局'] },
  { code: 'SH05', name: '市生态环境局', aliases: ['生态环境局'] },
  { code: 'SH06', name: '市卫生健康委', aliases: ['卫健委', '市卫健委'] },
  { code: 'SH07', name: '市应急管理局', aliases: ['应急局', '市应急局'] },
  { code: 'SH08', name: '市医疗保障局', aliases: ['医保局', '市医保局'] },
  { code: 'DQ01', name: '市委办公室', aliases: ['市委办'] },
  { code: 'DQ02', name: '市委组织部', aliases: ['组织部'] },
  { code: 'DQ03', name: '市委宣传部', aliases: ['宣传部'] },
  { code: 'DQ04', name: '市委统战部', aliases: ['统战部'] },
  { code: 'DQ05', name: '市委政法委', aliases: ['政法委'] },
  { code: 'DQ06', name: '市委网信办', aliases: ['网信办'] },
  { code: 'DQ07', name: '市总工会', aliases: ['总工会'] },
  { code: 'DQ08', name: '团市委', aliases: [] },
];

const categoryOfCode = (code: string) => code.slice(0, 2);
const exists = (t: TargetDef, year: Year) => (t.since ?? 2023) <= year;

const GROUPS: EvaluatorGroup[] = [
  { code: 'LD', name: '市级领导', weight: 0.4 },
  { code: 'BM', name: '部门互评', weight: 0.3 },
  { code: 'FW', name: '服务对象', weight: 0.2 },
  { code: 'DB', name: '两代表一委员', weight: 0.1 },
];

/** The 规则 sheet as written (values in the syntax a person would type). */
const RULE_ROWS: [RuleKey, string][] = [
  ['fullScore', '100'],
  ['precision', '2'],
  ['bottomN', '3'],
  ['bottomTies', 'includeTies'],
  ['excellentQuota', '20%'],
  ['poorBelow', '60'],
  ['riseBy', '5'],
  ['fallBy', '5'],
  ['trimMin', '7'],
  ['gradePoints', '优秀=100, 良好=85, 一般=70, 较差=50'],
  ['combinedGroups', 'SZ=市直部门:JJ|SH|DQ'],
];

function setRule<K extends RuleKey>(rules: Rules, key: K, value: Rules[K]): void {
  rules[key] = value;
}

function rulesFrom(rows: readonly (readonly [RuleKey, string])[]): Rules {
  const rules = defaultRules();
  for (const [key, text] of rows) {
    const p = parseRuleValue(key, text);
    if (!p.ok) throw new Error(`rule ${key}=${text}: ${p.message}`);
    setRule(rules, key, p.value);
  }
  return rules;
}

// ---------------------------------------------------------------------------------------------
// The indicator tree

/** A row of the 指标体系 sheet. `weights` holds leaves' weights (caps for items, √ for veto). */
interface IndicatorDef {
  code: string;
  parent: string | null;
  name: string;
  method: MethodKey | null;
  direction: Direction;
  params: string;
  provider: string | null;
  weights: Record<string, number | '√'>;
  /** Head the data column with the code instead of the name (both must import). */
  headByCode?: boolean;
  /** Decimal places of generated values. */
  decimals?: number;
}

const PROV = {
  stats: '市统计局',
  finance: '市财政局',
  commerce: '市商务局',
  ndrc: '市发展改革委',
  office: '市考核办',
  org: '市委组织部',
  discipline: '市纪委监委',
  survey: '市社情民意调查中心',
} as const;

const ALL = (qs: number, gn: number, jj: number, sh: number, dq: number) => ({
  QS: qs,
  GN: gn,
  JJ: jj,
  SH: sh,
  DQ: dq,
});

const INDICATORS: IndicatorDef[] = [
  {
    code: 'A',
    parent: null,
    name: '经济发展',
    method: null,
    direction: '+',
    params: '',
    provider: null,
    weights: {},
  },
  {
    code: 'A01',
    parent: 'A',
    name: '地区生产总值',
    method: 'growth',
    direction: '+',
    params: 'levelWeight=0.3',
    provider: PROV.stats,
    weights: { QS: 10, GN: 8 },
    decimals: 1,
  },
  {
    code: 'A02',
    parent: 'A',
    name: '一般公共预算收入',
    method: 'targetRatio',
    direction: '+',
    params: 'cap=1.2',
    provider: PROV.finance,
    weights: { QS: 8, GN: 8 },
    decimals: 2,
  },
  {
    code: 'A03',
    parent: 'A',
    name: '固定资产投资增速',
    method: 'efficacy',
    direction: '+',
    params: 'base=0.6',
    provider: PROV.stats,
    weights: { QS: 6, GN: 8 },
    decimals: 1,
  },
  {
    code: 'A04',
    parent: 'A',
    name: '万元GDP能耗',
    method: 'efficacy',
    direction: '-',
    params: '',
    provider: PROV.stats,
    weights: { QS: 5, GN: 5 },
    decimals: 3,
  },
  {
    code: 'A05',
    parent: 'A',
    name: '实际使用外资',
    method: 'rankPoints',
    direction: '+',
    params: 'step=0.1; floor=0.5',
    provider: PROV.commerce,
    weights: { QS: 5, GN: 8 },
    headByCode: true,
    decimals: 0,
  },
  {
    code: 'A06',
    parent: 'A',
    name: '招商引资项目履约率',
    method: 'threshold',
    direction: '+',
    params: 'bounds=95|90|80; scores=1|0.9|0.75; else=0.6',
    provider: PROV.commerce,
    weights: { QS: 3, GN: 5 },
    decimals: 1,
  },
  {
    code: 'A07',
    parent: 'A',
    name: '研发经费投入强度',
    method: 'efficacy',
    direction: '+',
    params: 'missing=peerMean',
    provider: PROV.stats,
    weights: { QS: 3, GN: 3 },
    decimals: 2,
  },
  {
    code: 'B',
    parent: null,
    name: '重点任务',
    method: null,
    direction: '+',
    params: '',
    provider: null,
    weights: {},
  },
  {
    code: 'B01',
    parent: 'B',
    name: '重点工作任务完成情况',
    method: 'direct',
    direction: '+',
    params: 'maxRaw=100',
    provider: PROV.office,
    weights: ALL(12, 12, 24, 24, 22),
    decimals: 1,
  },
  {
    code: 'B02',
    parent: 'B',
    name: '督查督办事项办结率',
    method: 'threshold',
    direction: '+',
    params: 'bounds=100|95|90; scores=1|0.9|0.8; else=0.6',
    provider: PROV.office,
    weights: ALL(5, 5, 10, 10, 9),
    headByCode: true,
    decimals: 1,
  },
  {
    code: 'B03',
    parent: 'B',
    name: '部门预算执行率',
    method: 'targetRatio',
    direction: '+',
    params: 'target=95',
    provider: PROV.finance,
    weights: { JJ: 6, SH: 6, DQ: 4 },
    decimals: 1,
  },
  {
    code: 'B04',
    parent: 'B',
    name: '营商环境评价',
    method: 'efficacy',
    direction: '+',
    params: '',
    provider: PROV.ndrc,
    weights: { QS: 8, GN: 8 },
    decimals: 2,
  },
  {
    code: 'C',
    parent: null,
    name: '党的建设',
    method: null,
    direction: '+',
    params: '',
    provider: null,
    weights: {},
  },
  {
    code: 'C01',
    parent: 'C',
    name: '党建工作责任制落实',
    method: 'direct',
    direction: '+',
    params: 'maxRaw=100',
    provider: PROV.org,
    weights: ALL(8, 6, 10, 10, 12),
    decimals: 1,
  },
  {
    code: 'C02',
    parent: 'C',
    name: '党风廉政建设',
    method: 'direct',
    direction: '+',
    params: 'maxRaw=100',
    provider: PROV.discipline,
    weights: ALL(7, 4, 10, 10, 13),
    decimals: 1,
  },
  {
    code: 'D',
    parent: null,
    name: '评议评价',
    method: null,
    direction: '+',
    params: '',
    provider: null,
    weights: {},
  },
  {
    code: 'D01',
    parent: 'D',
    name: '综合评议',
    method: 'rating',
    direction: '+',
    params: 'groups=LD|BM|FW|DB',
    provider: PROV.office,
    weights: ALL(12, 12, 28, 25, 32),
  },
  {
    code: 'D02',
    parent: 'D',
    name: '社会满意度',
    method: 'satisfaction',
    direction: '+',
    params: '',
    provider: PROV.survey,
    weights: ALL(8, 8, 12, 15, 8),
  },
  {
    code: 'E',
    parent: null,
    name: '加分事项',
    method: 'bonus',
    direction: '+',
    params: '',
    provider: PROV.office,
    weights: ALL(3, 3, 2, 2, 2),
  },
  {
    code: 'F',
    parent: null,
    name: '扣分事项',
    method: 'deduction',
    direction: '+',
    params: '',
    provider: PROV.office,
    weights: ALL(5, 5, 5, 5, 5),
  },
  {
    code: 'G',
    parent: null,
    name: '一票否决事项',
    method: 'veto',
    direction: '+',
    params: '',
    provider: PROV.office,
    weights: { QS: '√', GN: '√', JJ: '√', SH: '√', DQ: '√' },
  },
];

const leafDefs = () => INDICATORS.filter((d) => d.method !== null);
const indicatorDef = (code: string): IndicatorDef => {
  const d = INDICATORS.find((x) => x.code === code);
  if (!d) throw new Error(`no indicator ${code}`);
  return d;
};
const applies = (d: IndicatorDef, category: string) => d.weights[category] !== undefined;

/** Weight cells of internal rows: the sum of their weighted leaves, per category. */
function nodeWeights(code: string): Record<string, number> {
  const out: Record<string, number> = {};
  for (const leaf of INDICATORS.filter((d) => d.parent === code && d.method !== null && isWeighted(d.method)))
    for (const [cat, w] of Object.entries(leaf.weights))
      if (typeof w === 'number') out[cat] = (out[cat] ?? 0) + w;
  return out;
}

function weightCells(d: IndicatorDef): Record<string, number | '√'> {
  return d.method === null ? nodeWeights(d.code) : d.weights;
}

function buildScheme(year: Year): Scheme {
  const targets: Target[] = TARGETS.filter((t) => exists(t, year)).map((t) => ({
    code: t.code,
    name: t.name,
    aliases: [...t.aliases],
    category: categoryOfCode(t.code),
    exemptReason: year === 2024 ? (t.exemptReason ?? null) : null,
    parent: null,
  }));
  const indicators: Indicator[] = INDICATORS.map((d) => {
    const params = parseParamText(d.params);
    if (!params.ok) throw new Error(`${d.code}: ${params.message}`);
    const weights: Record<string, number> = {};
    for (const [cat, w] of Object.entries(weightCells(d))) weights[cat] = w === '√' ? 1 : w;
    return {
      code: d.code,
      name: d.name,
      parent: d.parent,
      method: d.method,
      direction: d.direction,
      params: params.value,
      provider: d.provider,
      weights,
    };
  });
  return {
    name: `${year}年度综合考核`,
    rules: rulesFrom(RULE_ROWS),
    categories: CATEGORIES.map((c) => ({ ...c })),
    targets,
    indicators,
    groups: GROUPS.map((g) => ({ ...g })),
  };
}

// ---------------------------------------------------------------------------------------------
// Performance of each unit: a latent quality q ∈ [0, 1] per year that every indicator follows loosely

/** Units whose standing changed a lot between 2023 and 2024 (for 进步较大 / 退步较大). */
const MOVERS: Record<string, [number, number]> = {
  QS03: [0.15, 0.78], // 新港区: port logistics hub approved, investment surge
  QS08: [0.88, 0.2], // 凤栖县: environmental inspection problems, projects stalled
  JJ05: [0.12, 0.88], // 市自然资源和规划局
  JJ02: [0.9, 0.18], // 市工业和信息化局
  SH04: [0.15, 0.9], // 市人力资源社会保障局
  SH07: [0.88, 0.15], // 市应急管理局
  DQ05: [0.1, 0.9], // 市委政法委
};

function qualities(year: Year): Map<string, number> {
  const base = rng('quality/base');
  const drift = rng(`quality/drift/${year}`);
  const out = new Map<string, number>();
  for (const t of TARGETS) {
    const b = base.uniform(0.2, 0.75);
    const d = drift.noise(0.08);
    if (!exists(t, year)) continue;
    const mover = MOVERS[t.code];
    out.set(t.code, clamp01(mover ? (year === 2023 ? mover[0] : mover[1]) : b + d));
  }
  return out;
}

const qOf = (q: Map<string, number>, code: string): number => {
  const v = q.get(code);
  if (v === undefined) throw new Error(`no quality for ${code}`);
  return v;
};

/** GDP and budget revenue of each region, chained 2022 → 2023 → 2024 so that 2024's baselines are 2023's values. */
interface Economy {
  gdp: Record<number, number>;
  revenue: Record<number, number>;
  revenueTarget: Record<number, number>;
}

function economies(q: Record<Year, Map<string, number>>): Map<string, Economy> {
  const out = new Map<string, Economy>();
  const revenueShare: Record<Profile, number> = { urban: 0.078, county: 0.061, city: 0.066, zone: 0.092 };
  for (const t of TARGETS) {
    if (t.gdp2022 === undefined || t.profile === undefined) continue;
    const e: Economy = {
      gdp: { 2022: t.gdp2022 },
      revenue: { 2022: round(t.gdp2022 * revenueShare[t.profile], 2) },
      revenueTarget: {},
    };
    for (const year of [2023, 2024] as const) {
      const r = rng(`economy/${year}/${t.code}`);
      const ql = clamp01(qOf(q[year], t.code) + r.noise(0.15));
      const growth = 0.032 + 0.055 * ql;
      e.gdp[year] = round((e.gdp[year - 1] as number) * (1 + growth), 1);
      const target = round((e.revenue[year - 1] as number) * (1 + r.uniform(0.05, 0.075)), 2);
      e.revenueTarget[year] = target;
      e.revenue[year] = round(target * (0.9 + 0.22 * clamp01(qOf(q[year], t.code) + r.noise(0.15))), 2);
    }
    out.set(t.code, e);
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Data of a year: values, ratings, surveys, items — kept as the rows of the sheets they arrive in

interface ValueCell {
  value: number | null;
  targetValue: number | null;
  baseline: number | null;
}

interface RatingSheetRow {
  evaluator: string;
  group: string;
  target: string;
  indicator: string;
  grade: string | number;
}

interface SurveySheetRow {
  target: string;
  indicator: string;
  counts: [number, number, number, number, number];
}

interface ItemSheetRow {
  target: string;
  indicator: string;
  points: number | null;
  reason: string;
  docNo: string;
}

interface YearData {
  year: Year;
  /** indicator code → target code → cell */
  values: Map<string, Map<string, ValueCell>>;
  /** evaluator group code → rows of its sheet */
  ratings: Map<string, RatingSheetRow[]>;
  surveys: SurveySheetRow[];
  items: ItemSheetRow[];
}

/** Values missing on purpose (policy `missing=peerMean` fills them): indicator → targets. */
const MISSING: Record<Year, Record<string, string[]>> = {
  2023: {},
  2024: { A07: ['GN03'] }, // 综保区: R&D spending not reported separately after the 2024 statistical change
};

function generateValues(year: Year, q: Map<string, number>, econ: Map<string, Economy>): YearData['values'] {
  const out: YearData['values'] = new Map();
  const present = TARGETS.filter((t) => exists(t, year));
  for (const d of leafDefs()) {
    const m = d.method as MethodKey;
    if (!['direct', 'targetRatio', 'efficacy', 'growth', 'rankPoints', 'threshold'].includes(m)) continue;
    const r = rng(`values/${year}/${d.code}`);
    const cells = new Map<string, ValueCell>();
    for (const t of present) {
      if (!applies(d, categoryOfCode(t.code))) continue;
      const ql = clamp01(qOf(q, t.code) + r.noise(0.14));
      const e = econ.get(t.code);
      const profile = t.profile ?? 'urban';
      const dp = d.decimals ?? 2;
      let cell: ValueCell = { value: null, targetValue: null, baseline: null };
      switch (d.code) {
        case 'A01':
          if (!e) throw new Error(`no economy for ${t.code}`);
          cell = { value: e.gdp[year] as number, targetValue: null, baseline: e.gdp[year - 1] as number };
          break;
        case 'A02':
          if (!e) throw new Error(`no economy for ${t.code}`);
          cell = {
            value: e.revenue[year] as number,
            targetValue: e.revenueTarget[year] as number,
            baseline: null,
          };
          break;
        case 'A03': // 固定资产投资增速, %
          cell.value = round(-3.5 + 15 * ql, dp);
          break;
        case 'A04': {
          // 万元GDP能耗, 吨标准煤/万元: industry-heavy counties and zones use more
          const base = { urban: 0.36, county: 0.58, city: 0.47, zone: 0.44 }[profile];
          cell.value = round(base * (1.16 - 0.3 * ql), dp);
          break;
        }
        case 'A05': // 实际使用外资, 万美元: scale matters most
          if (!e) throw new Error(`no economy for ${t.code}`);
          cell.value = round((e.gdp[year] as number) * (profile === 'zone' ? 90 : 28) * (0.55 + 0.9 * ql), 0);
          break;
        case 'A06': // 招商引资项目履约率, %
          cell.value = Math.min(100, round(76 + 23 * ql + r.noise(1), dp));
          break;
        case 'A07': {
          // 研发经费投入强度, %
          const base = { urban: 2.5, county: 1.45, city: 1.9, zone: 3.4 }[profile];
          cell.value = round(base * (0.72 + 0.56 * ql), dp);
          break;
        }
        case 'B01':
          cell.value = round(72 + 24 * ql, dp);
          break;
        case 'B02': {
          // 督查督办事项办结率, %: most close everything
          const v = 100 - (1 - ql) * 13 * r.uniform(0.6, 1.2);
          cell.value = v >= 99.4 ? 100 : round(v, dp);
          break;
        }
        case 'B03':
          cell.value = round(85.5 + 13.5 * ql, dp);
          break;
        case 'B04': // 营商环境评价, points of the city's own 100-point survey
          cell.value = round(71 + 24 * ql, dp);
          break;
        case 'C01':
          cell.value = round(78 + 19 * ql, dp);
          break;
        case 'C02':
          cell.value = round(80 + 18 * ql, dp);
          break;
        default:
          throw new Error(`no generator for ${d.code}`);
      }
      if (MISSING[year][d.code]?.includes(t.code)) cell.value = null;
      cells.set(t.code, cell);
    }
    out.set(d.code, cells);
  }
  return out;
}

const pad = (n: number, w: number) => String(n).padStart(w, '0');

/** Evaluator pools per group; 部门互评 evaluators are the departments themselves. */
function evaluatorPool(group: string, year: Year): string[] {
  switch (group) {
    case 'LD':
      return Array.from({ length: 16 }, (_, i) => `市领导${pad(i + 1, 2)}`);
    case 'BM':
      return TARGETS.filter((t) => exists(t, year) && DEPARTMENTS.includes(categoryOfCode(t.code))).map(
        (t) => t.name,
      );
    case 'FW':
      return Array.from({ length: 120 }, (_, i) => `服务对象${pad(i + 1, 3)}`);
    case 'DB':
      return [
        ...Array.from({ length: 14 }, (_, i) => `人大代表${pad(i + 1, 2)}`),
        ...Array.from({ length: 14 }, (_, i) => `政协委员${pad(i + 1, 2)}`),
        ...Array.from({ length: 8 }, (_, i) => `党代表${pad(i + 1, 2)}`),
      ];
    default:
      throw new Error(`no pool for ${group}`);
  }
}

/** Departments that rated themselves in 部门互评 (rows the engine drops with a warning). */
const SELF_RATERS = ['JJ04', 'SH03', 'DQ06'];
/** How each group leans: leaders and departments grade a little harder than service users. */
const GROUP_BIAS: Record<string, number> = { LD: -1, BM: -2, FW: 1.5, DB: 1 };

function gradeWord(s: number): string {
  if (s >= 90) return '优秀';
  if (s >= 77) return '良好';
  if (s >= 64) return '一般';
  return '较差';
}

function generateRatings(year: Year, q: Map<string, number>): YearData['ratings'] {
  const out: YearData['ratings'] = new Map();
  const leaf = indicatorDef('D01');
  const present = TARGETS.filter((t) => exists(t, year) && applies(leaf, categoryOfCode(t.code)));
  for (const g of GROUPS) {
    const r = rng(`ratings/${year}/${g.code}`);
    const pool = evaluatorPool(g.code, year);
    const rows: RatingSheetRow[] = [];
    for (const t of present) {
      const mu = 70 + 22 * qOf(q, t.code) + (GROUP_BIAS[g.code] ?? 0);
      const evaluators = r.sample(
        pool.filter((e) => e !== t.name),
        r.int(8, 15),
      );
      if (g.code === 'BM' && SELF_RATERS.includes(t.code)) evaluators.push(t.name);
      for (const evaluator of evaluators) {
        const s = mu + r.noise(7) + (evaluator === t.name ? 10 : 0);
        const u = r.next();
        const grade: string | number =
          u < 0.02 ? '弃权' : u < 0.05 ? Math.max(0, Math.min(100, Math.round(s))) : gradeWord(s);
        // A few sheets name the unit by its short name.
        const alias = t.aliases[0];
        const target = alias !== undefined && r.chance(0.04) ? alias : t.name;
        rows.push({ evaluator, group: g.name, target, indicator: leaf.name, grade });
      }
    }
    // Sheets come back ballot by ballot: one evaluator's rows together.
    const order = new Map(pool.map((e, i) => [e, i]));
    rows.sort((a, b) => (order.get(a.evaluator) ?? 0) - (order.get(b.evaluator) ?? 0));
    out.set(g.code, rows);
  }
  return out;
}

function generateSurveys(year: Year, q: Map<string, number>): SurveySheetRow[] {
  const leaf = indicatorDef('D02');
  const r = rng(`surveys/${year}`);
  const out: SurveySheetRow[] = [];
  for (const t of TARGETS) {
    if (!exists(t, year) || !applies(leaf, categoryOfCode(t.code))) continue;
    const ql = clamp01(qOf(q, t.code) + r.noise(0.12));
    const region = !DEPARTMENTS.includes(categoryOfCode(t.code));
    const total = region ? r.int(360, 620) : r.int(150, 320);
    const unknown = Math.round(total * r.uniform(0.03, 0.1));
    const valid = total - unknown;
    const dissatisfied = Math.round(valid * (0.01 + 0.07 * (1 - ql)));
    const basic = Math.round(valid * (0.05 + 0.17 * (1 - ql)));
    const very = Math.round(valid * (0.25 + 0.35 * ql));
    const satisfied = valid - very - basic - dissatisfied;
    out.push({
      target: t.name,
      indicator: leaf.name,
      counts: [very, satisfied, basic, dissatisfied, unknown],
    });
  }
  return out;
}

/** 加分 / 扣分 / 一票否决 items: written by hand, as the 考核办 collects them from documents. */
function generateItems(year: Year): ItemSheetRow[] {
  const E = indicatorDef('E').name;
  const F = indicatorDef('F').name;
  const G = indicatorDef('G').name;
  if (year === 2023)
    return [
      {
        target: '东湖区',
        indicator: E,
        points: 2,
        reason: '获国务院办公厅督查激励通报表扬（营商环境）',
        docNo: '国办发〔2023〕16号',
      },
      {
        target: '凤栖县',
        indicator: E,
        points: 1,
        reason: '获评省级乡村振兴示范县',
        docNo: '澜政字〔2023〕37号',
      },
      {
        target: '临澜经济技术开发区',
        indicator: E,
        points: 1.5,
        reason: '国家级经开区综合发展水平考核进位 12 位',
        docNo: '临政办字〔2023〕41号',
      },
      {
        target: '市工业和信息化局',
        indicator: E,
        points: 1,
        reason: '工业稳增长工作获省政府通报表扬',
        docNo: '澜政办字〔2023〕58号',
      },
      {
        target: '市应急管理局',
        indicator: E,
        points: 1,
        reason: '安全生产工作经验在全省推广',
        docNo: '澜安委办〔2023〕22号',
      },
      {
        target: '市委宣传部',
        indicator: E,
        points: 0.5,
        reason: '获全国精神文明建设工作先进集体',
        docNo: '临办发〔2023〕29号',
      },
      {
        target: '新港区',
        indicator: F,
        points: 2,
        reason: '重点项目推进滞后被市委督查室通报批评',
        docNo: '临督查〔2023〕9号',
      },
      {
        target: '新港区',
        indicator: F,
        points: 1,
        reason: '信访积案化解不力被省通报',
        docNo: '澜信联〔2023〕6号',
      },
      {
        target: '杏山县',
        indicator: F,
        points: 1.5,
        reason: '审计发现问题整改不到位',
        docNo: '临审办〔2023〕14号',
      },
      {
        target: '市自然资源和规划局',
        indicator: F,
        points: 1,
        reason: '违法用地问题被自然资源部督察局约谈',
        docNo: '临政办字〔2023〕77号',
      },
      {
        target: '市人力资源社会保障局',
        indicator: F,
        points: 1,
        reason: '12345 热线工单办理满意率全市末位',
        docNo: '临政办字〔2023〕83号',
      },
      {
        target: '市委政法委',
        indicator: F,
        points: 0.5,
        reason: '平安建设群众安全感调查全省排名后移',
        docNo: '临办字〔2023〕45号',
      },
    ];
  return [
    {
      target: '东湖区',
      indicator: E,
      points: 2,
      reason: '获国务院通报表扬（督查激励·营商环境创新）',
      docNo: '国办发〔2024〕21号',
    },
    {
      target: '东湖区',
      indicator: E,
      points: 1,
      reason: '获评全省高质量发展综合绩效考核先进区',
      docNo: '澜政字〔2024〕41号',
    },
    {
      target: '东湖',
      indicator: E,
      points: 1,
      reason: '“高效办成一件事”改革经验被省政府办公厅推广',
      docNo: '澜政办发〔2024〕15号',
    },
    {
      target: '新港区',
      indicator: E,
      points: 2,
      reason: '获国务院通报表扬（港口型国家物流枢纽建设）',
      docNo: '国办发〔2024〕21号',
    },
    {
      target: '澜溪市',
      indicator: E,
      points: 1,
      reason: '获评全国文明城市提名城市',
      docNo: '临办发〔2024〕12号',
    },
    {
      target: '临澜高新技术产业开发区',
      indicator: E,
      points: 1.5,
      reason: '国家高新区综合评价进位 9 位',
      docNo: '临政办字〔2024〕33号',
    },
    {
      target: '发改委',
      indicator: E,
      points: 1,
      reason: '争取超长期特别国债项目资金全省第二',
      docNo: '澜发改投资〔2024〕112号',
    },
    {
      target: '市教育局',
      indicator: E,
      points: 1,
      reason: '获教育部“双减”工作通报表扬',
      docNo: '教基厅函〔2024〕18号',
    },
    {
      target: '市卫生健康委',
      indicator: E,
      points: 0.5,
      reason: '紧密型县域医共体建设经验在全省推广',
      docNo: '澜卫办〔2024〕27号',
    },
    {
      target: '市委组织部',
      indicator: E,
      points: 1,
      reason: '基层党建工作经验在全国组织工作会议上交流',
      docNo: '临组字〔2024〕22号',
    },
    {
      target: '市数据局',
      indicator: E,
      points: 0.5,
      reason: '公共数据授权运营试点获省数据局通报表扬',
      docNo: '澜数据〔2024〕9号',
    },
    {
      target: '青石县',
      indicator: F,
      points: 2,
      reason: '安全生产工作被省安委会约谈',
      docNo: '澜安委〔2024〕7号',
    },
    {
      target: '凤栖县',
      indicator: F,
      points: 2,
      reason: '中央生态环境保护督察反馈问题整改不到位被通报',
      docNo: '澜环督办〔2024〕11号',
    },
    {
      target: '凤栖县',
      indicator: F,
      points: 1,
      reason: '信访积案化解不力被省通报',
      docNo: '澜信联〔2024〕4号',
    },
    {
      target: '杏山县',
      indicator: F,
      points: 3,
      reason: '违法占用耕地问题被自然资源部公开通报',
      docNo: '临政办字〔2024〕66号',
    },
    {
      target: '杏山县',
      indicator: F,
      points: 2,
      reason: '重点项目推进滞后被市委督查室通报批评',
      docNo: '临督查〔2024〕5号',
    },
    {
      target: '杏山县',
      indicator: F,
      points: 1,
      reason: '审计发现问题整改不到位',
      docNo: '临审办〔2024〕19号',
    },
    {
      target: '澜湾港口物流园区',
      indicator: F,
      points: 1,
      reason: '发生一般生产安全事故被通报',
      docNo: '临安委办〔2024〕31号',
    },
    {
      target: '市交通运输局',
      indicator: F,
      points: 0.5,
      reason: '12345 热线工单超期办理被通报',
      docNo: '临政办字〔2024〕72号',
    },
    {
      target: '市工业和信息化局',
      indicator: F,
      points: 1.5,
      reason: '工业投资目标未完成被市政府约谈',
      docNo: '临政办字〔2024〕80号',
    },
    {
      target: '市生态环境局',
      indicator: F,
      points: 1,
      reason: '空气质量改善目标未完成被省生态环境厅预警',
      docNo: '澜环办〔2024〕46号',
    },
    {
      target: '市总工会',
      indicator: F,
      points: 0.5,
      reason: '巡察反馈问题整改不到位',
      docNo: '临巡办〔2024〕13号',
    },
    {
      target: '青石县',
      indicator: G,
      points: null,
      reason: '发生较大生产安全责任事故（“9·13”青石县铁矿透水事故，4人死亡）',
      docNo: '临政函〔2024〕58号',
    },
  ];
}

function generateYear(
  year: Year,
  q: Record<Year, Map<string, number>>,
  econ: Map<string, Economy>,
): YearData {
  return {
    year,
    values: generateValues(year, q[year], econ),
    ratings: generateRatings(year, q[year]),
    surveys: generateSurveys(year, q[year]),
    items: generateItems(year),
  };
}

// ---------------------------------------------------------------------------------------------
// Sheet rows → CycleData, resolving names the way an import would (code, then name, then alias)

function resolver(scheme: Scheme) {
  const targets = new Map<string, string>();
  for (const t of scheme.targets) for (const n of [t.code, t.name, ...t.aliases]) targets.set(n, t.code);
  const indicators = new Map<string, string>();
  for (const i of scheme.indicators) for (const n of [i.code, i.name]) indicators.set(n, i.code);
  const groups = new Map<string, string>();
  for (const g of scheme.groups) for (const n of [g.code, g.name]) groups.set(n, g.code);
  const get = (m: Map<string, string>, what: string, key: string) => {
    const v = m.get(key);
    if (v === undefined) throw new Error(`unknown ${what} “${key}”`);
    return v;
  };
  return {
    target: (s: string) => get(targets, 'target', s),
    targetOrNull: (s: string) => targets.get(s) ?? null,
    indicator: (s: string) => get(indicators, 'indicator', s),
    group: (s: string) => get(groups, 'group', s),
  };
}

function toCycleData(scheme: Scheme, d: YearData): CycleData {
  const r = resolver(scheme);
  const values: ValueRow[] = [];
  for (const [indicator, cells] of d.values)
    for (const [target, c] of cells)
      if (c.value !== null)
        values.push({ target, indicator, value: c.value, targetValue: c.targetValue, baseline: c.baseline });
  const ratings: RatingRow[] = [];
  for (const g of GROUPS)
    for (const row of d.ratings.get(g.code) ?? [])
      ratings.push({
        evaluator: row.evaluator,
        evaluatorTarget: r.targetOrNull(row.evaluator),
        group: r.group(row.group),
        target: r.target(row.target),
        indicator: r.indicator(row.indicator),
        grade: row.grade === '弃权' ? null : row.grade,
      });
  const surveys: SurveyRow[] = d.surveys.map((s) => ({
    target: r.target(s.target),
    indicator: r.indicator(s.indicator),
    counts: {
      verySatisfied: s.counts[0],
      satisfied: s.counts[1],
      basic: s.counts[2],
      dissatisfied: s.counts[3],
      unknown: s.counts[4],
    },
  }));
  const items: ItemRow[] = d.items.map((it) => ({
    target: r.target(it.target),
    indicator: r.indicator(it.indicator),
    points: it.points,
    reason: it.reason,
    docNo: it.docNo,
  }));
  return { values, ratings, surveys, items };
}

// ---------------------------------------------------------------------------------------------
// Workbooks

type Cell = string | number | null;

function newWorkbook(): ExcelJS.Workbook {
  const wb = new ExcelJS.Workbook();
  wb.creator = OFFICE;
  wb.lastModifiedBy = OFFICE;
  wb.created = FIXED_DATE;
  wb.modified = FIXED_DATE;
  return wb;
}

/** Display width of a cell: CJK characters count double. */
function textWidth(v: Cell): number {
  const s = v === null ? '' : String(v);
  let w = 0;
  for (const ch of s) w += ch.charCodeAt(0) > 0x2e80 ? 2 : 1;
  return w;
}

function addSheet(wb: ExcelJS.Workbook, name: string, header: string[], rows: Cell[][]): void {
  const ws = wb.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.addRow(header);
  for (const row of rows) ws.addRow(row.map((v) => (v === null ? null : v)));
  const head = ws.getRow(1);
  head.font = { bold: true };
  head.alignment = { vertical: 'middle', horizontal: 'center', wrapText: true };
  head.eachCell((c) => {
    c.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE7E6E6' } };
  });
  header.forEach((h, i) => {
    const widest = Math.max(textWidth(h), ...rows.map((r) => textWidth(r[i] ?? null)));
    ws.getColumn(i + 1).width = Math.min(60, Math.max(8, widest + 2));
  });
}

/** DOS date and time of FIXED_DATE (2025-01-10 09:00, Beijing time) for zip entries. */
const written: string[] = [];

async function save(wb: ExcelJS.Workbook, path: string): Promise<void> {
  const data = Buffer.from(await wb.xlsx.writeBuffer());
  writeFileSync(path, normaliseZipTimes(data));
  written.push(path);
}

function weightCell(v: number | '√' | undefined): Cell {
  return v === undefined ? null : v;
}

async function writeSchemeWorkbook(scheme: Scheme, path: string): Promise<void> {
  const wb = newWorkbook();
  const cats = scheme.categories.map((c) => c.code);
  addSheet(
    wb,
    '考核类别',
    ['类别编码', '类别名称'],
    scheme.categories.map((c) => [c.code, c.name]),
  );
  addSheet(
    wb,
    '考核对象',
    ['对象编码', '对象名称', '别名', '类别编码', '免于排名原因', '上级编码'],
    scheme.targets.map((t) => [t.code, t.name, t.aliases.join('、'), t.category, t.exemptReason, t.parent]),
  );
  addSheet(
    wb,
    '指标体系',
    ['指标编码', '上级编码', '指标名称', '计分方法', '方向', '参数', '数据来源', ...cats],
    INDICATORS.map((d) => {
      const cells = weightCells(d);
      const scored = d.method !== null && isWeighted(d.method);
      return [
        d.code,
        d.parent,
        d.name,
        d.method === null ? null : METHOD_LABELS[d.method],
        scored ? (d.direction === '+' ? '正向' : '逆向') : null,
        d.params === '' ? null : d.params,
        d.provider,
        ...cats.map((c) => weightCell(cells[c])),
      ];
    }),
  );
  addSheet(
    wb,
    '评价主体',
    ['主体编码', '主体名称', '权重'],
    scheme.groups.map((g) => [g.code, g.name, g.weight]),
  );
  addSheet(
    wb,
    '规则',
    ['规则', '值'],
    RULE_ROWS.map(([k, v]) => [RULE_LABELS[k], /^\d+(\.\d+)?$/.test(v) ? Number(v) : v]),
  );
  await save(wb, path);
}

/** Wide indicator data, one workbook per provider: rows are the targets any of its leaves applies to. */
async function writeValueWorkbooks(scheme: Scheme, d: YearData): Promise<void> {
  const providers = [
    PROV.stats,
    PROV.finance,
    PROV.commerce,
    PROV.ndrc,
    PROV.office,
    PROV.org,
    PROV.discipline,
  ];
  for (const provider of providers) {
    const leaves = leafDefs().filter((l) => l.provider === provider && d.values.has(l.code));
    if (leaves.length === 0) continue;
    const header = ['对象编码', '对象名称'];
    const columns: { leaf: string; field: keyof ValueCell }[] = [];
    for (const l of leaves) {
      header.push(l.headByCode ? l.code : l.name);
      columns.push({ leaf: l.code, field: 'value' });
      if (l.method === 'targetRatio' && !/(^|;)\s*target=/.test(l.params)) {
        header.push(`${l.name}目标值`);
        columns.push({ leaf: l.code, field: 'targetValue' });
      }
      if (l.method === 'growth') {
        header.push(`${l.name}基期值`);
        columns.push({ leaf: l.code, field: 'baseline' });
      }
    }
    const rows = scheme.targets
      .filter((t) => leaves.some((l) => applies(l, t.category)))
      .map((t) => [
        t.code,
        t.name,
        ...columns.map((c): Cell => d.values.get(c.leaf)?.get(t.code)?.[c.field] ?? null),
      ]);
    const wb = newWorkbook();
    addSheet(wb, '指标数据', header, rows);
    await save(wb, join(DATA_DIR, `指标数据-${provider}.xlsx`));
  }
}

async function writeDataWorkbooks(scheme: Scheme, d: YearData): Promise<void> {
  await writeValueWorkbooks(scheme, d);
  for (const g of GROUPS) {
    const wb = newWorkbook();
    addSheet(
      wb,
      '评议',
      ['评价人', '评价主体', '对象', '指标', '评价'],
      (d.ratings.get(g.code) ?? []).map((r) => [r.evaluator, r.group, r.target, r.indicator, r.grade]),
    );
    await save(wb, join(DATA_DIR, `评议-${g.name}.xlsx`));
  }
  const survey = newWorkbook();
  addSheet(
    survey,
    '满意度测评',
    ['对象', '指标', '非常满意', '满意', '基本满意', '不满意', '不了解'],
    d.surveys.map((s) => [s.target, s.indicator, ...s.counts]),
  );
  await save(survey, join(DATA_DIR, '满意度测评.xlsx'));
  const items = newWorkbook();
  addSheet(
    items,
    '加扣分及否决事项',
    ['对象', '指标', '分值', '事由', '文号'],
    d.items.map((it) => [it.target, it.indicator, it.points, it.reason, it.docNo]),
  );
  await save(items, join(DATA_DIR, '加扣分及否决事项.xlsx'));
}

// ---------------------------------------------------------------------------------------------
// Read-back of the scheme workbook, with the domain's own parsers: the file must say what the code says

const cellText = (v: ExcelJS.CellValue): string =>
  v === null || v === undefined ? '' : typeof v === 'object' ? JSON.stringify(v) : String(v);

async function readSheetRows(path: string, sheet: string): Promise<Record<string, string>[]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(readFileSync(path) as unknown as ArrayBuffer);
  const ws = wb.getWorksheet(sheet);
  if (!ws) throw new Error(`${path}: no sheet ${sheet}`);
  const header: string[] = [];
  ws.getRow(1).eachCell((c, col) => (header[col - 1] = cellText(c.value)));
  const out: Record<string, string>[] = [];
  for (let r = 2; r <= ws.rowCount; r++) {
    const row = ws.getRow(r);
    const rec: Record<string, string> = {};
    header.forEach((h, i) => (rec[h] = cellText(row.getCell(i + 1).value)));
    out.push(rec);
  }
  return out;
}

async function readSchemeWorkbook(path: string, name: string): Promise<Scheme> {
  const cats = await readSheetRows(path, '考核类别');
  const categories = cats.map((r) => ({ code: r['类别编码'] ?? '', name: r['类别名称'] ?? '' }));
  const targets: Target[] = (await readSheetRows(path, '考核对象')).map((r) => ({
    code: r['对象编码'] ?? '',
    name: r['对象名称'] ?? '',
    aliases: splitList(r['别名'] ?? ''),
    category: r['类别编码'] ?? '',
    exemptReason: (r['免于排名原因'] ?? '') === '' ? null : (r['免于排名原因'] as string),
    parent: (r['上级编码'] ?? '') === '' ? null : (r['上级编码'] as string),
  }));
  const indicators: Indicator[] = (await readSheetRows(path, '指标体系')).map((r) => {
    const methodText = r['计分方法'] ?? '';
    const method = methodText === '' ? null : methodOf(methodText);
    const direction = directionOf(r['方向'] ?? '');
    const params = parseParamText(r['参数'] ?? '');
    if ((methodText !== '' && method === null) || direction === null || !params.ok)
      throw new Error(`${path}: bad indicator row ${JSON.stringify(r)}`);
    const weights: Record<string, number> = {};
    for (const c of categories) {
      const t = r[c.code] ?? '';
      if (t !== '') weights[c.code] = method === 'veto' ? 1 : Number(t);
    }
    return {
      code: r['指标编码'] ?? '',
      name: r['指标名称'] ?? '',
      parent: (r['上级编码'] ?? '') === '' ? null : (r['上级编码'] as string),
      method,
      direction,
      params: params.value,
      provider: (r['数据来源'] ?? '') === '' ? null : (r['数据来源'] as string),
      weights,
    };
  });
  const groups = (await readSheetRows(path, '评价主体')).map((r) => ({
    code: r['主体编码'] ?? '',
    name: r['主体名称'] ?? '',
    weight: Number(r['权重']),
  }));
  const ruleRows: [RuleKey, string][] = (await readSheetRows(path, '规则')).map((r) => {
    const key = ruleKeyOf(r['规则'] ?? '');
    if (key === null) throw new Error(`${path}: unknown rule ${r['规则']}`);
    return [key, r['值'] ?? ''];
  });
  return { name, rules: rulesFrom(ruleRows), categories, targets, indicators, groups };
}

// ---------------------------------------------------------------------------------------------
// Check printout

function printRanking(r: ComputeResult): void {
  const byCode = new Map(r.targets.map((t) => [t.code, t]));
  for (const g of r.groups) {
    console.log(
      `\n${g.name}（${g.code}）  ${g.size} 个，排名 ${g.ranked} 个，末位标记 ${g.flaggedBottom} 个，优秀名额 ${g.excellentPositions}`,
    );
    for (const e of g.entries) {
      const t = byCode.get(e.code);
      const change =
        e.rankChange === null
          ? e.isNew
            ? '新'
            : ''
          : e.rankChange > 0
            ? `↑${e.rankChange}`
            : e.rankChange < 0
              ? `↓${-e.rankChange}`
              : '—';
      const adj = t && (t.bonus > 0 || t.deduction > 0) ? ` (+${t.bonus} −${t.deduction})` : '';
      console.log(
        `  ${String(e.rank ?? '—').padStart(2)}  ${e.code}  ${e.name.padEnd(12, '　')}  ${e.total.toFixed(2).padStart(6)}  ${e.grade ?? '  '}  ${change.padEnd(3)}  ${e.flags.map((f) => FLAG_LABELS[f]).join('、')}${adj}`,
      );
    }
  }
  const counts = { error: 0, warning: 0, info: 0 };
  for (const i of r.issues) counts[i.level]++;
  console.log(`\nissues: ${counts.error} error, ${counts.warning} warning, ${counts.info} info`);
  for (const i of r.issues)
    if (i.level !== 'warning' || i.code !== 'OWN_RATING_DROPPED')
      console.log(`  [${i.level}] ${i.code} ${i.ref} ${i.message}`);
  const own = r.issues.filter((i) => i.code === 'OWN_RATING_DROPPED').length;
  if (own > 0) console.log(`  [warning] OWN_RATING_DROPPED ×${own}`);
}

// ---------------------------------------------------------------------------------------------

async function main(): Promise<void> {
  // README.md is written by hand and stays; everything else here is regenerated.
  rmSync(DATA_DIR, { recursive: true, force: true });
  mkdirSync(DATA_DIR, { recursive: true });

  const q = { 2023: qualities(2023), 2024: qualities(2024) };
  const econ = economies(q);

  // 2023: computed to stand as last year's published result.
  const scheme2023 = buildScheme(2023);
  const data2023 = toCycleData(scheme2023, generateYear(2023, q, econ));
  const result2023 = compute({ scheme: scheme2023, data: data2023, previous: null });
  if (hasErrors(result2023.issues)) {
    printRanking(result2023);
    throw new Error('2023 compute has errors');
  }
  const json2023 = toResultJson(result2023);
  const json2023Path = join(OUT, '2023年度综合考核结果.json');
  writeFileSync(json2023Path, JSON.stringify(json2023, null, 2) + '\n');
  written.push(json2023Path);

  // 2024: the workbooks, and a compute linked to 2023 as the check.
  const scheme2024 = buildScheme(2024);
  const year2024 = generateYear(2024, q, econ);
  const data2024 = toCycleData(scheme2024, year2024);
  const schemePath = join(OUT, '2024年度综合考核方案.xlsx');
  await writeSchemeWorkbook(scheme2024, schemePath);
  await writeDataWorkbooks(scheme2024, year2024);

  const reread = await readSchemeWorkbook(schemePath, scheme2024.name);
  if (canonicalJson(reread) !== canonicalJson(scheme2024))
    throw new Error('the scheme workbook does not read back as the scheme it was written from');

  const previous: PreviousCycle = {
    name: json2023.cycle.name,
    ranks: ranksFromResultJson(json2023),
    values: [],
  };
  const result2024 = compute({ scheme: scheme2024, data: data2024, previous });

  console.log(`written (${written.length}):`);
  for (const p of written) console.log(`  ${p.slice(OUT.length - 'fixtures/city'.length)}`);
  console.log(
    `\n${scheme2024.name}: ${scheme2024.targets.length} targets, ${data2024.values.length} values, ${data2024.ratings.length} ratings, ${data2024.surveys.length} surveys, ${data2024.items.length} items`,
  );
  printRanking(result2024);
  if (hasErrors(result2024.issues)) throw new Error('2024 compute has errors');
}

main().catch((e: unknown) => {
  console.error(e);
  process.exitCode = 1;
});

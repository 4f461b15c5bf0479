import { z } from 'zod';
import { COUNTS, LIMITS, MAX_GROUP_WEIGHT, MAX_WEIGHT } from '../domain/limits';
import type { Cycle, DataKind, ImportBatch } from '../domain/cycle';
import { CYCLE_KINDS } from '../domain/cycle';
import type { Issue } from '../domain/issue';
import { METHODS } from '../domain/method';
import type { ComputeResult } from '../domain/result';
import type { Scheme } from '../domain/scheme';
import type { FileReport } from './import';
import type { Result } from './result';
import type { HeldData, SchemeChanges } from './scheme';
import { DERIVATION_METHODS } from '../domain/weight-plan';
import type { SensitivityResult } from '../engine/sensitivity';
import { DEFAULT_SENSITIVITY, MAX_DRAWS } from '../engine/sensitivity';

/**
 * The window's one contract with the main process: a channel per operation (`domain:verb`), a zod
 * schema for its input — checked by main on every call, whoever sends it — and the type of what
 * comes back, always a Result. `Handlers` (main) and `Api` (renderer) are derived from it, so a
 * channel without a handler, or a call with the wrong input, does not compile.
 */

const id = z.number().int().positive();
/** A record with at most `max` keys: a page cannot make main walk an unbounded object. */
const record = <K extends z.ZodType<string>, V extends z.ZodType>(k: K, v: V, max: number) =>
  z.record(k, v).refine((o) => Object.keys(o).length <= max, `最多 ${max} 项`);
const text = (max: number) => z.string().max(max);
// messages the operator may see (the rest come from zod's Chinese locale, set in main)
const name = z.string().trim().min(1, '名称不能为空').max(LIMITS.name, `名称最多 ${LIMITS.name} 个字`);
const cycleName = z
  .string()
  .trim()
  .min(1, '周期名称不能为空')
  .max(LIMITS.cycleName, `周期名称最多 ${LIMITS.cycleName} 个字`);
const reason = z.string().trim().min(1, '请写明原因').max(LIMITS.text, `原因最多 ${LIMITS.text} 个字`);

/** Largest data file the window may hand over (a 200,000-row sheet is about 5 MB). */
export const MAX_FILE_BYTES = 200 * 1024 * 1024;
/** Largest scheme workbook (the sample city's is 30 KB): it is read whole, never streamed. */
export const MAX_SCHEME_BYTES = 20 * 1024 * 1024;
/** Largest total of one import call: what one IPC message can carry without strain. */
export const MAX_IMPORT_BYTES = 256 * 1024 * 1024;

const MB = (n: number) => `${Math.round(n / 1024 / 1024)} MB`;

/**
 * The most bytes a call of a channel can take on the browser bridge's wire (JSON, files as base64,
 * a third larger than their bytes): a body past it is refused before it is read, not held whole.
 * Calls that carry files may be as big as their files; a scheme of thousands of units a few MB;
 * every other call a small object.
 */
export function wireLimit(channel: string): number {
  const base64 = (bytes: number) => Math.ceil(bytes / 3) * 4 + 1024 * 1024;
  if (channel === 'import:preview') return base64(MAX_IMPORT_BYTES);
  if (channel === 'cycle:createFromWorkbook' || channel === 'scheme:importWorkbook')
    return base64(MAX_SCHEME_BYTES);
  if (channel === 'scheme:save') return 32 * 1024 * 1024;
  return 1024 * 1024;
}

/**
 * Whether a file name can be written as it is on Windows, macOS and Linux: no path, no `.` or
 * `..`, no characters or device names Windows refuses, no trailing dot or space.
 */
export function isPlainFileName(n: string): boolean {
  if (n.trim() === '' || n === '.' || n === '..') return false;
  // eslint-disable-next-line no-control-regex -- control characters are exactly what is refused
  if (/[\\/:*?"<>|\u0000-\u001f]/.test(n) || /[. ]$/.test(n)) return false;
  return !/^(con|prn|aux|nul|com[1-9]|lpt[1-9])(\..*)?$/i.test(n);
}

/** A file the operator chose or dropped: its name and bytes (never a path the window made up). */
const fileOf = (maxBytes: number) =>
  z.object({
    name: z.string().min(1).max(255).refine(isPlainFileName, '文件名不能含路径或 \\ / : * ? " < > | 等字符'),
    data: z
      .instanceof(Uint8Array)
      .refine((d) => d.byteLength <= maxBytes, `文件过大（超过 ${MB(maxBytes)}）`),
  });
export const fileInput = fileOf(MAX_FILE_BYTES);
const schemeFile = fileOf(MAX_SCHEME_BYTES);
export type FileInput = z.infer<typeof fileInput>;

/** A file main made for the operator to save (a template, an export). */
export interface FileOutput {
  fileName: string;
  data: Uint8Array;
}

const code = z.string().trim().min(1).max(LIMITS.code);

/**
 * A long call's task id, chosen by the page (random hex): `task:cancel` names it, and its
 * `task:progress` events carry it.
 */
export const taskId = z.string().regex(/^[0-9a-f]{16,32}$/);
const task = taskId.optional();

/**
 * A printed report for the print preview: the PDF, the same pages as HTML (what 打印 prints), and
 * a token that `report:record` takes when the operator saves or prints it (the audit log says so).
 */
export interface ReportOutput {
  token: string;
  fileName: string;
  pdf: Uint8Array;
  html: string;
  pages: number;
}
const category = z.object({ code, name });
const target = z.object({
  code,
  name,
  aliases: z.array(text(LIMITS.name)).max(COUNTS.aliases),
  category: code,
  exemptReason: text(LIMITS.text).nullable(),
  parent: code.nullable(),
});
const indicator = z.object({
  code,
  name,
  parent: code.nullable(),
  method: z.enum(METHODS).nullable(),
  direction: z.enum(['+', '-']),
  params: record(z.string().max(40), text(LIMITS.text), COUNTS.params),
  provider: text(LIMITS.name).nullable(),
  weights: record(code, z.number().finite().min(0).max(MAX_WEIGHT), 1000),
});
const group = z.object({ code, name, weight: z.number().finite().positive().max(MAX_GROUP_WEIGHT) });
const rules = z.object({
  fullScore: z.number().finite().positive(),
  precision: z.number().int().min(0).max(6),
  bottomN: z.number().int().min(0).max(1000),
  bottomTies: z.enum(['includeTies', 'strict']),
  vetoToBottom: z.boolean(),
  excellentQuota: z.number().finite().min(0).max(1),
  excellentMin: z.number().finite().nullable(),
  poorBelow: z.number().finite(),
  riseBy: z.number().int().min(0),
  fallBy: z.number().int().min(0),
  trimMin: z.number().int().min(0),
  gradePoints: record(text(20), z.number().finite().min(0).max(100), 50),
  tieBreakers: z.array(code).max(50),
  bottomGrade: z.enum(['优秀', '良好', '一般', '较差']),
  combinedGroups: z
    .array(z.object({ code, name, categories: z.array(code).max(COUNTS.categories) }))
    .max(COUNTS.combinedGroups),
});
/** A whole scheme as the editor sends it; what it means is checked by prepareScheme in main. */
export const schemeInput = z.object({
  name: text(100),
  rules,
  categories: z.array(category).max(COUNTS.categories),
  targets: z.array(target).max(COUNTS.targets),
  indicators: z.array(indicator).max(COUNTS.indicators),
  groups: z.array(group).max(COUNTS.groups),
});

const confirmations = z
  .object({
    aliases: z.array(z.object({ text: text(LIMITS.name), target: code })).max(1000),
    columns: z
      .array(
        z.object({
          header: text(LIMITS.header),
          indicator: code,
          field: z.enum(['value', 'targetValue', 'baseline']).optional(),
        }),
      )
      .max(1000),
  })
  .default({ aliases: [], columns: [] });

export const CHANNELS = {
  'app:info': z.object({}),
  'cycle:list': z.object({}),
  'cycle:createFromWorkbook': z.object({
    file: schemeFile,
    name: cycleName,
    kind: z.enum(CYCLE_KINDS),
    previousCycleId: id.nullable(),
  }),
  'cycle:copy': z.object({ fromId: id, name: cycleName, kind: z.enum(CYCLE_KINDS).optional() }),
  'cycle:link': z.object({ cycleId: id, previousId: id.nullable() }),
  'cycle:publish': z.object({ cycleId: id }),
  'cycle:reopen': z.object({ cycleId: id, reason }),
  'scheme:get': z.object({ cycleId: id }),
  'scheme:save': z.object({ cycleId: id, scheme: schemeInput, confirmLoss: z.boolean().default(false) }),
  'scheme:importWorkbook': z.object({
    cycleId: id,
    file: schemeFile,
    confirmLoss: z.boolean().default(false),
  }),
  'scheme:exportWorkbook': z.object({ cycleId: id }),
  'import:preview': z.object({
    cycleId: id,
    files: z
      .array(fileInput)
      .min(1)
      .max(200)
      .refine(
        (fs) => fs.reduce((n, f) => n + f.data.byteLength, 0) <= MAX_IMPORT_BYTES,
        `一次导入的文件合计不能超过 ${MB(MAX_IMPORT_BYTES)}，请分几次导入`,
      ),
    confirm: confirmations,
    task,
  }),
  'import:commit': z.object({
    stageId: z.string().regex(/^[0-9a-f]{32}$/),
    confirm: confirmations,
    task,
  }),
  'import:discard': z.object({ stageId: z.string().regex(/^[0-9a-f]{32}$/) }),
  'import:batches': z.object({ cycleId: id }),
  'import:withdraw': z.object({ batchId: id, reason }),
  'import:restore': z.object({ batchId: id, reason }),
  'template:list': z.object({ cycleId: id }),
  'template:file': z.object({ cycleId: id, file: text(255) }),
  'result:get': z.object({ cycleId: id }),
  'result:compute': z.object({ cycleId: id, task }),
  'result:exportXlsx': z.object({ cycleId: id, office: text(100).optional() }),
  'result:sensitivity': z.object({
    cycleId: id,
    draws: z.number().int().min(100, '抽样次数至少 100').max(MAX_DRAWS).default(DEFAULT_SENSITIVITY.draws),
    delta: z
      .number()
      .min(0.01, '扰动幅度至少 1%')
      .max(0.5, '扰动幅度最多 50%')
      .default(DEFAULT_SENSITIVITY.delta),
    seed: z
      .number()
      .int()
      .min(0)
      .max(2 ** 31 - 1)
      .default(DEFAULT_SENSITIVITY.seed),
    task,
  }),
  'weights:data': z.object({ cycleId: id, sourceCycleId: id, category: code, parent: code.nullable() }),
  'scheme:applyWeights': z.object({
    cycleId: id,
    category: code,
    parent: code.nullable(),
    weights: z
      .array(z.object({ indicator: code, points: z.number().finite().min(0).max(10_000) }))
      .min(1)
      .max(2_000),
    derivation: z.object({
      method: z.enum(DERIVATION_METHODS),
      note: z
        .string()
        .trim()
        .min(1, '请写明这组权重的来历（如专家会议、数据年份）')
        .max(1000, '说明最多 1000 个字'),
      // (an AHP matrix of 15 written out as judgements is about 1,600 characters)
      parameters: record(z.string().max(40), z.union([z.number().finite(), text(4000), z.boolean()]), 50),
    }),
  }),
  'report:build': z.object({
    cycleId: id,
    office: text(100).optional(),
    confidential: z.boolean(),
    cards: z.boolean(),
    /** Only this unit's score card (its code). */
    target: code.nullable().optional(),
    task,
  }),
  'report:record': z.object({ token: z.string().regex(/^[0-9a-f]{32}$/), use: z.enum(['pdf', 'print']) }),
  'audit:list': z.object({ cycleId: id.optional() }),
  /** Stops a long call: an import before it writes, an analysis or a report between draws. */
  'task:cancel': z.object({ task: taskId }),
} as const;

export type Channel = keyof typeof CHANNELS;
export type Input<C extends Channel> = z.input<(typeof CHANNELS)[C]>;
export type ParsedInput<C extends Channel> = z.output<(typeof CHANNELS)[C]>;

/** A cycle as the list shows it. */
export interface CycleSummary extends Cycle {
  previousName: string | null;
  targets: number;
  batches: number;
  result: 'none' | 'fresh' | 'stale';
}

export interface TemplateSummary {
  file: string;
  kind: DataKind;
  title: string;
  rows: number;
}

export interface AuditRow {
  id: number;
  at: string;
  operator: string;
  action: string;
  cycleId: number | null;
  detail: unknown;
}

/** A data matrix for entropy or CRITIC weights: rows are targets, columns the scope's leaves. */
export interface WeightData {
  /** The cycle the values come from. */
  source: string;
  indicators: { code: string; name: string; direction: '+' | '-' }[];
  rows: { code: string; name: string; values: number[] }[];
  /** Targets left out because a value is missing, with the leaves they lack. */
  dropped: { code: string; name: string; missing: string[] }[];
}

/** What each channel gives back (inside a Result). */
export interface Outputs {
  'app:info': { version: string; workspace: string | null; operator: string; shell: 'electron' | 'browser' };
  'cycle:list': CycleSummary[];
  'cycle:createFromWorkbook': { cycle: Cycle; issues: Issue[] };
  'cycle:copy': Cycle;
  'cycle:link': Cycle;
  'cycle:publish': Cycle;
  'cycle:reopen': Cycle;
  'scheme:get': { scheme: Scheme; issues: Issue[]; held: HeldData; editable: boolean };
  'scheme:save': { scheme: Scheme; changes: SchemeChanges; issues: Issue[] };
  'scheme:importWorkbook': { scheme: Scheme; changes: SchemeChanges; issues: Issue[] };
  'scheme:exportWorkbook': FileOutput;
  'import:preview': { stageId: string; files: FileReport[] };
  'import:commit': { files: FileReport[]; written: boolean };
  'import:discard': null;
  'import:batches': ImportBatch[];
  'import:withdraw': null;
  'import:restore': null;
  'template:list': TemplateSummary[];
  'template:file': FileOutput;
  'result:get': { result: ComputeResult; computedAt: string; stale: boolean } | null;
  /** `unchanged`: nothing changed since the stored result, which stands (no new result, no audit entry). */
  'result:compute': { result: ComputeResult; stored: boolean; unchanged: boolean; issues: Issue[] };
  'result:exportXlsx': FileOutput;
  'result:sensitivity': SensitivityResult;
  'weights:data': WeightData;
  'scheme:applyWeights': { scheme: Scheme; changes: SchemeChanges; issues: Issue[] };
  'report:build': ReportOutput;
  'report:record': null;
  'audit:list': AuditRow[];
  /** Whether the task was running (a cancel that comes first is kept for the call it names). */
  'task:cancel': { running: boolean };
}

export type Handlers = {
  [C in Channel]: (input: ParsedInput<C>) => Promise<Result<Outputs[C]>> | Result<Outputs[C]>;
};

/**
 * Steps of a long call the page names: `sampling` (sensitivity draws; a report's robustness
 * appendix), `layout` (the report document), `printing` (Chromium making the PDF).
 */
export const TASK_PHASES = ['sampling', 'layout', 'printing'] as const;
export type TaskPhase = (typeof TASK_PHASES)[number];

/** Events main pushes to the window. */
export interface Events {
  'import:progress': {
    stageId: string | null;
    file: string;
    index: number;
    files: number;
    phase: string;
    fraction: number;
  };
  'workspace:changed': { workspace: string | null };
  /** How far a long call named by a task id has got (imports report as `import:progress`). */
  'task:progress': { task: string; phase: TaskPhase; fraction: number };
}

export type EventName = keyof Events;

/** What the preload exposes as `window.api`, and what the browser bridge client implements. */
export interface Api {
  invoke<C extends Channel>(channel: C, input: Input<C>): Promise<Result<Outputs[C]>>;
  on<E extends EventName>(event: E, listener: (payload: Events[E]) => void): () => void;
}

export const isChannel = (c: unknown): c is Channel => typeof c === 'string' && Object.hasOwn(CHANNELS, c);

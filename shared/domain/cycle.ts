/** 考核周期 kinds: 年度 (annual), 平时 (ordinary / quarterly), 专项 (special). */
export const CYCLE_KINDS = ['annual', 'ordinary', 'special'] as const;
export type CycleKind = (typeof CYCLE_KINDS)[number];
export const CYCLE_KIND_LABELS: Record<CycleKind, string> = {
  annual: '年度',
  ordinary: '平时',
  special: '专项',
};

/** draft → collecting → computed → published (sealed, read-only). */
export const CYCLE_STATUSES = ['draft', 'collecting', 'computed', 'published'] as const;
export type CycleStatus = (typeof CYCLE_STATUSES)[number];
export const CYCLE_STATUS_LABELS: Record<CycleStatus, string> = {
  draft: '草稿',
  collecting: '数据收集中',
  computed: '已计算',
  published: '已发布',
};

export interface Cycle {
  id: number;
  name: string;
  kind: CycleKind;
  status: CycleStatus;
  previousCycleId: number | null;
  createdAt: string;
  updatedAt: string;
  /** Bumped by every change to what compute reads. */
  revision: number;
}

/** Kinds of data sheets, and so of import batches. */
export const DATA_KINDS = ['values', 'ratings', 'surveys', 'items'] as const;
export type DataKind = (typeof DATA_KINDS)[number];
export const DATA_KIND_LABELS: Record<DataKind, string> = {
  values: '指标数据',
  ratings: '评议数据',
  surveys: '满意度数据',
  items: '加扣分及否决事项',
};

export const BATCH_STATUS_LABELS: Record<ImportBatch['status'], string> = {
  active: '有效',
  superseded: '已被替换',
  withdrawn: '已撤回',
};

/** 导入批次: one accepted sheet of one file. */
export interface ImportBatch {
  id: number;
  cycleId: number;
  kind: DataKind;
  fileName: string;
  sha256: string;
  sheet: string;
  operator: string;
  importedAt: string;
  rowCount: number;
  status: 'active' | 'superseded' | 'withdrawn';
  supersededBy: number | null;
}

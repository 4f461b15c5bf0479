import type { DataKind } from '../domain/cycle';
import type { ValueField } from '../domain/issue';

/** Name of the (very hidden) sheet in which a template carries its metadata. */
export const TEMPLATE_META_SHEET = '_appraisal';
/** Text of A1 in that sheet, so that a stray sheet of the same name is not mistaken for one. */
export const TEMPLATE_MARK = 'appraisal-workbench-template';

/** What a template column holds. */
export type TemplateColumn =
  | {
      role:
        'targetCode' | 'targetName' | 'category' | 'evaluator' | 'group' | 'target' | 'indicator' | 'grade';
    }
  | { role: 'points' | 'reason' | 'docNo' }
  | { role: 'verySatisfied' | 'satisfied' | 'basic' | 'dissatisfied' | 'unknown' }
  | { role: 'leaf'; indicator: string; field: ValueField };

/**
 * The metadata a generated template carries (SPEC §6): which cycle and kind it is for, where its
 * header is, and what each column holds, so that a returned template is read exactly, whatever a
 * person did to its header text. Rating templates name their evaluator group and the cell where
 * the evaluator writes their name.
 */
export interface TemplateMeta {
  version: 1;
  cycleId: number;
  cycleName: string;
  kind: DataKind;
  /** The data sheet, and the 1-based row of its header; data rows follow it. */
  sheet: string;
  headerRow: number;
  /** Column letter → what it holds. */
  columns: Record<string, TemplateColumn>;
  /** Column letter → the header text written, to tell that the layout was changed since. */
  headers?: Record<string, string>;
  /** Rating templates: the evaluator group, and the cell (e.g. "C3") holding the evaluator's name. */
  group?: string;
  evaluatorCell?: string;
  /** Indicator-data templates: the data provider they were made for. */
  provider?: string;
}

/** Reads the metadata JSON written in B1 of the metadata sheet; null when it is not ours or unreadable. */
export function parseTemplateMeta(mark: string, json: string): TemplateMeta | null {
  if (mark !== TEMPLATE_MARK) return null;
  try {
    const m = JSON.parse(json) as Partial<TemplateMeta>;
    if (
      m.version !== 1 ||
      typeof m.sheet !== 'string' ||
      typeof m.headerRow !== 'number' ||
      typeof m.columns !== 'object'
    )
      return null;
    return m as TemplateMeta;
  } catch {
    return null;
  }
}

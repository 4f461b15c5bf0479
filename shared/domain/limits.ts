/**
 * How long a text may be — one definition for the scheme workbook, the data sheets, the window's
 * forms and the command line, so that what one of them accepts the others accept too (a
 * 40,000-character category name imported from a workbook would not fit the window's editor).
 * Counted in characters as JavaScript counts them (a CJK character is one).
 */
export const LIMITS = {
  /** A code: of a category, unit, indicator, evaluator group. */
  code: 50,
  /** A name: of a category, unit, indicator, group, evaluator; an alias, a document number, a provider. */
  name: 100,
  /** A cycle's name, such as 2024年度综合考核. */
  cycleName: 40,
  /** A longer text: 事由, 免考原因, a reason given for a withdrawal, a method parameter's value. */
  text: 500,
  /** A column header an operator maps to an indicator. */
  header: 200,
} as const;

/** Why a text is too long, or null when it fits: `what` names it (类别名称, 事由…). */
export function tooLong(text: string, max: number, what: string): string | null {
  return text.length > max ? `${what}最多 ${max} 个字（现有 ${text.length} 个字），请缩短` : null;
}

/**
 * How large a number in a data sheet may be, per field, whichever reader read it: far beyond any
 * real figure, so that only a slip (digits typed twice, a wrong unit, 1e308 in a cell) meets them —
 * refused at its cell, never capped or carried into a total.
 */
export const RANGES = {
  /** An indicator's value, target value or baseline, in magnitude: a trillion. */
  value: 1e12,
  /** A satisfaction count (people at one level): ten million. */
  count: 10_000_000,
  /** One item's points, bonus or deduction: the full score is 100. */
  itemPoints: 100,
} as const;

/**
 * How many of each thing a scheme may hold, and how large a weight may be — the scheme workbook,
 * the window's editors (the IPC contract) and the command line alike: a workbook with 30,000 units
 * imported would be a scheme the window could never save again.
 */
export const COUNTS = {
  categories: 100,
  targets: 20_000,
  indicators: 2_000,
  groups: 50,
  /** Other names of one unit. */
  aliases: 50,
  /** Parameters of one indicator's method. */
  params: 50,
  combinedGroups: 20,
} as const;

/** The largest weight (分值) a leaf may have in a category, and an evaluator group's largest weight. */
export const MAX_WEIGHT = 10_000;
export const MAX_GROUP_WEIGHT = 100;

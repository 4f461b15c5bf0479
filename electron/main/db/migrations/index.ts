import type { Migration } from '../migrate';
import { initial } from './001-initial';
import { revisions } from './002-revisions';
import { columnMappings } from './003-column-mappings';
import { batchRows } from './004-batch-rows';
import { resultLeaves } from './005-result-leaves';
import { schemeChanges } from './006-scheme-changes';

/** Every migration, in version order. Append only: a released migration is never edited. */
export const MIGRATIONS: readonly Migration[] = [
  initial,
  revisions,
  columnMappings,
  batchRows,
  resultLeaves,
  schemeChanges,
];

import type { Migration } from '../migrate';
import { initial } from './001-initial';
import { revisions } from './002-revisions';

/** Every migration, in version order. Append only: a released migration is never edited. */
export const MIGRATIONS: readonly Migration[] = [initial, revisions];

import type { Migration } from '../migrate';
import { initial } from './001-initial';

/** Every migration, in version order. Append only: a released migration is never edited. */
export const MIGRATIONS: readonly Migration[] = [initial];

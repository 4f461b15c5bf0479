import type { Db } from '../db/open';
import { createAuditRepo } from '../repositories/audit';
import { createCyclesRepo } from '../repositories/cycles';
import { createDataRepo } from '../repositories/data';
import { createResultsRepo } from '../repositories/results';
import { createSchemeRepo } from '../repositories/scheme';
import { createMappingsRepo } from '../repositories/mappings';

/** What every service is made from: the database, a clock and who is at the keyboard. */
export interface ServiceDeps {
  db: Db;
  clock: () => Date;
  operator: string;
}

export function createRepos(db: Db) {
  return {
    cycles: createCyclesRepo(db),
    scheme: createSchemeRepo(db),
    data: createDataRepo(db),
    results: createResultsRepo(db),
    audit: createAuditRepo(db),
    mappings: createMappingsRepo(db),
  };
}
export type Repos = ReturnType<typeof createRepos>;

export const isoNow = (clock: () => Date): string => clock().toISOString();

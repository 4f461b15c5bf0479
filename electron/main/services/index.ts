import type { ServiceDeps } from './deps';
import { createRepos } from './deps';
import { createCycleService } from './cycle-service';
import { createImportService } from './import-service';
import { createComputeService } from './compute-service';
import { createMappingService } from './mapping-service';
import { createExportService } from './export-service';
import { createTemplateService } from './template-service';
import { createSchemeService } from './scheme-service';
import { createPublishService } from './publish-service';
import { createWeightsService } from './weights-service';
import { createAuditService } from './audit-service';

export type { ServiceDeps } from './deps';

/** All services over one workspace database: what the window's IPC handlers and the CLI call. */
export function createServices(deps: ServiceDeps) {
  const repos = createRepos(deps.db);
  const compute = createComputeService(deps, repos);
  return {
    cycles: createCycleService(deps, repos),
    imports: createImportService(deps, repos),
    compute,
    weights: createWeightsService(deps, compute, repos),
    mappings: createMappingService(deps, repos),
    exports: createExportService(deps, repos),
    templates: createTemplateService(deps, repos),
    schemes: createSchemeService(deps, repos),
    publishing: createPublishService(deps, repos),
    audit: createAuditService(repos),
  };
}
export type Services = ReturnType<typeof createServices>;

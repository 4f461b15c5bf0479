#!/usr/bin/env node
// The `appraisal` command from a checkout or `npm link`: runs the TypeScript sources through tsx.
// (The packaged desktop app ships its own bundled copy.)
import { register } from 'tsx/esm/api';

register();
await import('../electron/cli/index.ts');

#!/usr/bin/env node
// The `appraisal` command from a checkout or `npm link`: runs the TypeScript sources through tsx.
// (The desktop app's installer does not include the command line: it is run from a checkout.)
import { register } from 'tsx/esm/api';

register();
await import('../electron/cli/index.ts');

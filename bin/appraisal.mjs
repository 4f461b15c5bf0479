#!/usr/bin/env node
// The `appraisal` command from a checkout or `npm link` (the desktop app's installer does not include
// the command line). It runs the bundle that scripts/build-cli.mjs builds into .cache/cli/, after
// checking that no source it was built from has changed since, and builds it first when one has
// (or when there is none yet): a start costs a few file stats, not compiling TypeScript.
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { defaultBuildDir, ensureCliBuild } from '../scripts/build-cli.mjs';

const root = join(import.meta.dirname, '..');
let entry;
try {
  ({ entry } = await ensureCliBuild(root, defaultBuildDir(root)));
} catch (e) {
  // a syntax error in the sources, or a checkout that cannot be written to
  process.stderr.write(`无法构建命令行程序：${e instanceof Error ? e.message : String(e)}\n`);
  process.exitCode = 3;
}
if (entry) await import(pathToFileURL(entry).href);

// Types of build-cli.mjs, which stays plain JavaScript so that the `appraisal` bin runs it without tsx.

/** The build folder of a checkout: `.cache/cli` under its root. */
export function defaultBuildDir(root: string): string;

/** Whether the current build in `buildDir` was made from the sources now under `root`. */
export function cliBuildState(
  root: string,
  buildDir: string,
): { fresh: true; entry: string } | { fresh: false; reason: string };

/** Builds into `buildDir` and makes it the current build; its entry file and how many files it was made from. */
export function buildCli(root: string, buildDir: string): Promise<{ entry: string; inputs: number }>;

/** The entry file of a build current for `root`, built first if there is none or it is stale. */
export function ensureCliBuild(root: string, buildDir: string): Promise<{ entry: string; built: boolean }>;

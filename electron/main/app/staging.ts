import { randomBytes } from 'node:crypto';
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';

/**
 * Files the window handed over, kept on disk between a preview and its commit: the importer reads
 * files (large ones streamed), and the commit re-reads exactly the bytes that were previewed. A
 * stage belongs to the workspace it was checked against and is never committed into another.
 */
export interface Stage {
  id: string;
  cycleId: number;
  workspace: string | null;
  paths: string[];
}

/** Previews kept at once; a newer one pushes out the oldest (a preview lives until its commit). */
export const MAX_STAGES = 8;
const PREFIX = 'appraisal-staging-';

/** The staging folder of this run of the app, under the system's temp folder. */
export const stagingRoot = (temp: string, pid: number) => join(temp, `${PREFIX}${pid}`);

/** Removes what earlier runs left staged (a crash, a kill): only one app runs at a time. */
export function sweepStaging(temp: string, keep: string): void {
  let names: string[];
  try {
    names = readdirSync(temp);
  } catch {
    return;
  }
  for (const n of names)
    if (n.startsWith(PREFIX) && join(temp, n) !== keep)
      rmSync(join(temp, n), { recursive: true, force: true });
}

export function createStaging(root: string) {
  const stages = new Map<string, Stage & { dir: string }>();
  const discard = (id: string): void => {
    const s = stages.get(id);
    if (!s) return;
    stages.delete(id);
    rmSync(s.dir, { recursive: true, force: true });
  };
  return {
    /**
     * Writes each file into a folder of its own under its own name (the name is what the import
     * history shows; two dropped files of one name both stay). Written whole or not at all.
     */
    put(
      cycleId: number,
      workspace: string | null,
      files: readonly { name: string; data: Uint8Array }[],
    ): Stage {
      const id = randomBytes(16).toString('hex');
      const dir = join(root, `stage-${id}`);
      try {
        const paths = files.map((f, i) => {
          const sub = join(dir, String(i + 1));
          mkdirSync(sub, { recursive: true });
          const path = join(sub, basename(f.name));
          writeFileSync(path, f.data, { flag: 'wx' });
          return path;
        });
        const stage = { id, cycleId, workspace, paths, dir };
        stages.set(id, stage);
        for (const old of [...stages.keys()].slice(0, Math.max(0, stages.size - MAX_STAGES))) discard(old);
        return stage;
      } catch (e) {
        rmSync(dir, { recursive: true, force: true });
        throw e;
      }
    },
    get: (id: string): Stage | undefined => stages.get(id),
    discard,
    discardAll(): void {
      for (const id of [...stages.keys()]) discard(id);
    },
    size: () => stages.size,
  };
}
export type Staging = ReturnType<typeof createStaging>;

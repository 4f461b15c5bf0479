import { randomBytes } from 'node:crypto';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';

/**
 * Files the window handed over, kept on disk between a preview and its commit: the importer reads
 * files (large ones streamed), and the commit re-reads exactly the bytes that were previewed.
 */
export interface Stage {
  id: string;
  cycleId: number;
  paths: string[];
}

export function createStaging(root: string) {
  const stages = new Map<string, Stage & { dir: string }>();
  return {
    /** Writes the files into a fresh folder under their own names; the stage's id is random. */
    put(cycleId: number, files: readonly { name: string; data: Uint8Array }[]): Stage {
      const id = randomBytes(16).toString('hex');
      const dir = join(root, `stage-${id}`);
      mkdirSync(dir, { recursive: true });
      const paths: string[] = [];
      const used = new Set<string>();
      files.forEach((f, i) => {
        // two dropped files of one name (from two folders) must both stay: the second in a subfolder
        const name = basename(f.name);
        const sub = used.has(name.toLowerCase()) ? join(dir, String(i)) : dir;
        used.add(name.toLowerCase());
        mkdirSync(sub, { recursive: true });
        const path = join(sub, name);
        writeFileSync(path, f.data);
        paths.push(path);
      });
      const stage = { id, cycleId, paths, dir };
      stages.set(id, stage);
      return stage;
    },
    get: (id: string): Stage | undefined => stages.get(id),
    discard(id: string): void {
      const s = stages.get(id);
      if (!s) return;
      stages.delete(id);
      rmSync(s.dir, { recursive: true, force: true });
    },
    discardAll(): void {
      for (const id of [...stages.keys()]) this.discard(id);
    },
  };
}
export type Staging = ReturnType<typeof createStaging>;

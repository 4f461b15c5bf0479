import type { BadEntry, OutFile } from './common';
import { badCells } from './bad-cells';
import { badFiles } from './bad-files';
import { badNumbers } from './bad-numbers';
import { badSheets } from './bad-sheets';

// ---------------------------------------------------------------------------------------------
// fixtures/bad: files that must be refused

export async function badCorpus(): Promise<{ files: OutFile[]; manifest: BadEntry[] }> {
  const files: OutFile[] = [];
  const manifest: BadEntry[] = [];
  const add = (file: string, bytes: Buffer, e: Omit<BadEntry, 'file'>) => {
    files.push({ file, bytes });
    manifest.push({ file, ...e });
  };

  await badFiles(add);
  await badCells(add);
  await badSheets(add);
  await badNumbers(add);

  return { files, manifest };
}

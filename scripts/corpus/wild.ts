import type { OutFile, WildEntry } from './common';
import { wildOther } from './wild-other';
import { wildValues } from './wild-values';

// ---------------------------------------------------------------------------------------------
// fixtures/wild: files that must be accepted

export async function wildCorpus(): Promise<{ files: OutFile[]; manifest: WildEntry[] }> {
  const files: OutFile[] = [];
  const manifest: WildEntry[] = [];
  const add = (file: string, bytes: Buffer, e: Omit<WildEntry, 'file'>) => {
    files.push({ file, bytes });
    manifest.push({ file, ...e });
  };

  await wildValues(add);
  await wildOther(add);

  return { files, manifest };
}

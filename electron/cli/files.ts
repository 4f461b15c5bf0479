/** The data files a command line names: folders and patterns expanded here, not by the shell. */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';

const DATA_FILE = /\.(xlsx|xlsm|xls|et|csv)$/i;

/**
 * Files named on the command line: a folder stands for the workbooks in it (sorted by name), and a
 * `*` or `?` in a file name is expanded here, sorted (Windows' cmd leaves patterns to the program).
 * Otherwise in the order given, each once.
 */
export function expandFiles(args: readonly string[], cwd: string): string[] {
  const out = new Set<string>();
  for (const arg of args) {
    const full = resolve(cwd, arg);
    if (existsSync(full) && statSync(full).isDirectory()) {
      for (const f of readdirSync(full).sort())
        if (DATA_FILE.test(f) && !f.startsWith('~$')) out.add(join(full, f));
      continue;
    }
    const name = basename(full);
    if (/[*?]/.test(name) && existsSync(dirname(full))) {
      const re = new RegExp(
        `^${name
          .replace(/[.+^${}()|[\]\\]/g, '\\$&')
          .replace(/\*/g, '.*')
          .replace(/\?/g, '.')}$`,
        'i',
      );
      const hits = readdirSync(dirname(full))
        .filter((f) => re.test(f))
        .sort();
      for (const f of hits) out.add(join(dirname(full), f));
      if (hits.length > 0) continue;
    }
    out.add(full);
  }
  return [...out];
}

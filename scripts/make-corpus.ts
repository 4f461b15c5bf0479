/**
 * Generates two import corpora against the sample city's 2024 scheme (`fixtures/city/`, same target and
 * indicator codes and names), each folder with a `manifest.json`:
 *
 * - `fixtures/bad/`: files an import must refuse. Each has one realistic problem (a few have two or
 *   three, to check that every problem is reported at once). The manifest gives, per file, the problem,
 *   the `Sheet!Cell` addresses the message should point at and words it should contain.
 * - `fixtures/wild/`: files an import must accept. Each shows one or two quirks of sheets that come back
 *   from departments (title rows, two-row headers, full-width digits, signature rows, CSV in GBK, the
 *   OOXML that WPS writes…). The manifest gives the kind of data and a few data points each must yield.
 *
 *   npx tsx scripts/make-corpus.ts
 *
 * Deterministic: workbook dates are fixed, zip entry times are normalised, and the little randomness
 * there is comes from a seeded mulberry32 stream, so running it twice gives byte-identical files.
 * Cell addresses in the manifests are computed from the rows as written, never typed by hand.
 */
import { mkdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { badCorpus } from './corpus/bad';
import { checkAgainstScheme, checkExpect } from './corpus/checks';
import { BAD_DIR, WILD_DIR, type OutFile } from './corpus/common';
import { wildCorpus } from './corpus/wild';

// ---------------------------------------------------------------------------------------------

function writeCorpus(dir: string, files: OutFile[], manifest: object): number {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  let total = 0;
  for (const f of files) {
    const path = join(dir, f.file);
    writeFileSync(path, f.bytes);
    const size = statSync(path).size;
    if (size > 2 * 1024 * 1024) throw new Error(`${f.file} is ${size} bytes, over 2 MB`);
    total += size;
  }
  const text = JSON.stringify(manifest, null, 2) + '\n';
  writeFileSync(join(dir, 'manifest.json'), text);
  return total + Buffer.byteLength(text);
}

async function main(): Promise<void> {
  await checkAgainstScheme();
  const bad = await badCorpus();
  const wild = await wildCorpus();
  checkExpect(wild.manifest);

  const common = {
    scheme: 'fixtures/city/2024年度综合考核方案.xlsx',
    generator: 'scripts/make-corpus.ts',
  };
  const badSize = writeCorpus(BAD_DIR, bad.files, {
    ...common,
    about:
      'Files an import must refuse, whole: nothing of them is written. Every message names the file as well.',
    conventions: [
      'refs: the Sheet!Cell each problem should point at, 1-based rows as Excel shows them; empty for a problem of the file as a whole.',
      'For a CSV file the sheet is the file name without its extension.',
      'keywords: words a good message contains (the bad value, the near-miss name, the fix).',
    ],
    files: bad.manifest,
  });
  const wildSize = writeCorpus(WILD_DIR, wild.files, {
    ...common,
    about: 'Files an import must accept, each showing one or two quirks of sheets returned from departments.',
    conventions: [
      'target, indicator and group are codes of the scheme, whatever the sheet calls them.',
      'values: field is value, targetValue or baseline; value null means no value is imported (a missing marker).',
      'ratings: grade is a grade word, a number on 0–100, or null for an abstention (弃权).',
      'surveys: the five counts. items: points is the item’s magnitude (null for veto items), reason as written.',
      'expect lists a sample of the data points, not all of them.',
    ],
    files: wild.manifest,
  });

  console.log(`fixtures/bad: ${bad.files.length} files, ${(badSize / 1024).toFixed(0)} KiB`);
  for (const e of bad.manifest) console.log(`  ${e.file}  ${e.refs.join(' ') || '(file)'}`);
  console.log(`fixtures/wild: ${wild.files.length} files, ${(wildSize / 1024).toFixed(0)} KiB`);
  for (const e of wild.manifest)
    console.log(`  ${e.file}  ${e.kind}${e.note?.startsWith('exceljs') ? `  ${e.note}` : ''}`);
}

main().catch((e: unknown) => {
  console.error(e);
  process.exitCode = 1;
});

/**
 * Compute (issue 12): the engine on data in memory; load + compute + store through a workspace;
 * whether a stored result is stale (a lookup of kept digests); computing again after one batch was
 * re-imported into a workspace of a million ratings (the kept state brought up to date).
 */
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase } from '../../electron/main/db/open';
import { createServices } from '../../electron/main/services';
import { createRepos } from '../../electron/main/services/deps';
import { createNodeSha256 } from '../../electron/main/services/node-hasher';
import type { CycleData, RatingRow } from '../../shared/domain/data';
import { compute, createComputeState } from '../../shared/engine/compute';
import { blockSource, changedRows, rowsOf } from '../../shared/engine/row-source';
import { blockOf } from '../../shared/domain/row-block';
import { inputDigests } from '../../shared/engine/input-hash';
import { syntheticCycle } from '../../test/helpers/synthetic';
import type { Report } from '../lib';
import { fmt, median, time } from '../lib';

type Size = { categories: number; targets: number; leaves: number; ratings: number; seed: number };

/** A workspace file holding a synthetic cycle, its ratings in batches of `batch` rows. */
function workspaceOf(dir: string, size: Size, batch: number) {
  const { scheme, data } = syntheticCycle(size);
  const file = join(dir, `w-${size.ratings}.db`);
  const db = openDatabase(file);
  const repos = createRepos(db);
  const services = createServices({ db, clock: () => new Date(), operator: 'bench' });
  const write = (cycleId: number, kind: keyof CycleData, rows: CycleData[keyof CycleData], name: string) => {
    const id = repos.data.insertBatch({
      cycleId,
      kind,
      fileName: name,
      sha256: '0'.repeat(64),
      sheet: 'Sheet1',
      operator: 'bench',
      importedAt: new Date().toISOString(),
      rowCount: rows.length,
    });
    repos.data.insertRows(id, { [kind]: rows }, repos.scheme.ids(cycleId));
    return id;
  };
  const written = time(() =>
    db.transaction(() => {
      const created = services.cycles.createFromScheme(scheme, { name: 'bench' });
      if (!created.ok) throw new Error(created.error.message);
      const cycleId = created.value.id;
      write(cycleId, 'values', data.values, 'values.xlsx');
      write(cycleId, 'surveys', data.surveys, 'surveys.xlsx');
      write(cycleId, 'items', data.items, 'items.xlsx');
      for (let at = 0; at < data.ratings.length; at += batch)
        write(cycleId, 'ratings', data.ratings.slice(at, at + batch), `ratings-${at / batch + 1}.xlsx`);
      return cycleId;
    })(),
  );
  return { file, db, repos, scheme, data, cycleId: written.value, writeMs: written.ms, write };
}

export function computeSection(report: Report, ci: boolean): void {
  const SECTION = 'compute';
  const RUNS = ci ? 2 : 12;
  const size: Size = ci
    ? { categories: 3, targets: 200, leaves: 20, ratings: 4_000, seed: 2024 }
    : { categories: 5, targets: 5_000, leaves: 60, ratings: 200_000, seed: 2024 };
  const { scheme, data } = syntheticCycle(size);
  const input = { scheme, data, previous: null };
  const digests = inputDigests(input);
  const sizeText = `${fmt(size.targets)} targets × ${size.leaves} leaves, ${fmt(data.values.length)} values, ${fmt(data.ratings.length)} ratings, ${fmt(data.surveys.length)} survey rows`;
  report.heading('compute', sizeText);
  const runs = Array.from(
    { length: RUNS },
    () => time(() => compute(input, { hasher: createNodeSha256, digests })).ms,
  );
  const alone = median(runs.slice(1));
  report.add({
    section: SECTION,
    name: 'compute alone (engine, data in memory), warm',
    value: alone,
    unit: 'ms',
    size: sizeText,
    goal: '< 300 ms',
    maxValue: 300,
  });
  report.add({ section: SECTION, name: 'compute alone, first run', value: runs[0] as number, unit: 'ms' });

  const dir = mkdtempSync(join(tmpdir(), 'appraisal-bench-compute-'));
  try {
    // the same cycle in a workspace file; a fresh service: nothing kept from before
    const ws = workspaceOf(dir, size, size.ratings);
    report.add({ section: SECTION, name: 'write the cycle into a workspace', value: ws.writeMs, unit: 'ms' });
    // a fresh service each time (nothing kept), the rules edited in between (末位个数 3 ↔ 4) so that
    // each result is new and stored; the first in this process reads records and stores cold. As many
    // rounds as compute alone gets, and the median after the first likewise: warm against warm
    const rounds = Array.from({ length: RUNS }, (_, k) => {
      const rules = ws.repos.scheme.load(ws.cycleId, '2024年度').rules;
      ws.repos.scheme.writeRules(ws.cycleId, { ...rules, bottomN: k % 2 === 0 ? 3 : 4 });
      const fresh = createServices({ db: ws.db, clock: () => new Date(), operator: 'bench' });
      const round = time(() => fresh.compute.run(ws.cycleId));
      if (!round.value.ok || round.value.value.resultId === null || round.value.value.unchanged)
        throw new Error('round trip did not store');
      return round.ms;
    });
    report.add({
      section: SECTION,
      name: 'load + compute + store (a fresh service)',
      value: median(rounds.slice(1)),
      unit: 'ms',
      size: `median of ${rounds.length - 1} after the first`,
      reference: { name: 'compute alone', value: alone },
      goal: '< 2× compute alone',
      maxRatio: 2,
    });
    report.add({
      section: SECTION,
      name: 'load + compute + store, the first in the process',
      value: rounds[0] as number,
      unit: 'ms',
    });
    ws.repos.cycles.bumpRevision(ws.cycleId, new Date().toISOString());
    const stale = time(() =>
      createServices({ db: ws.db, clock: () => new Date(), operator: 'b' }).compute.staleness(ws.cycleId),
    );
    report.add({
      section: SECTION,
      name: 'is the result stale? (a fresh service)',
      value: stale.ms,
      unit: 'ms',
      size: 'scheme loaded, batch digests summed',
    });
    ws.db.close();
    const sizeMB =
      (statSync(ws.file).size + (statSync(`${ws.file}-wal`, { throwIfNoEntry: false })?.size ?? 0)) /
      1024 /
      1024;
    report.add({
      section: SECTION,
      name: 'workspace file',
      value: sizeMB,
      unit: 'MB',
      size: `${sizeText}; ${rounds.length} results stored`,
    });

    // a million ratings in five batches; one of them re-imported (its ratings changed) and computed again
    const million: Size = { ...size, ratings: ci ? 20_000 : 1_000_000 };
    const batch = million.ratings / 5;
    const big = workspaceOf(dir, million, batch);
    const services = createServices({ db: big.db, clock: () => new Date(), operator: 'bench' });
    const first = time(() => services.compute.run(big.cycleId));
    if (!first.value.ok) throw new Error('compute');
    const mSize = `${fmt(million.targets)} targets, ${fmt(million.ratings)} ratings in 5 batches`;
    report.add({
      section: SECTION,
      name: 'a million ratings: first compute (kept after)',
      value: first.ms,
      unit: 'ms',
      size: mSize,
    });
    // each time the revision moved (as after any import): the digests decide, not the stamp
    const lookups = Array.from({ length: 3 }, () => {
      big.repos.cycles.bumpRevision(big.cycleId, new Date().toISOString());
      return time(() => services.compute.staleness(big.cycleId)).ms;
    });
    report.add({
      section: SECTION,
      name: 'a million ratings: is the result stale?',
      value: median(lookups),
      unit: 'ms',
      size: mSize,
      goal: '< 50 ms',
      maxValue: 50,
    });
    big.repos.cycles.bumpRevision(big.cycleId, new Date().toISOString());
    const cold = time(() =>
      createServices({ db: big.db, clock: () => new Date(), operator: 'b' }).compute.staleness(big.cycleId),
    );
    report.add({
      section: SECTION,
      name: 'a million ratings: stale? (a fresh service)',
      value: cold.ms,
      unit: 'ms',
      size: mSize,
    });

    // re-import the first ratings batch with one grade in twenty changed: it supersedes the old one
    const old = big.repos.data.batches(big.cycleId).find((b) => b.fileName === 'ratings-1.xlsx')!;
    const grades = ['优秀', '良好', '一般', '较差'];
    const changed: RatingRow[] = big.data.ratings
      .slice(0, batch)
      .map((r, i) =>
        i % 20 === 0 ? { ...r, grade: grades[(grades.indexOf(String(r.grade)) + 1) % 4] as string } : r,
      );
    big.db.transaction(() => {
      const id = big.write(big.cycleId, 'ratings', changed, 'ratings-1.xlsx');
      big.repos.data.setStatus(old.id, 'superseded', id);
      big.repos.cycles.bumpRevision(big.cycleId, new Date().toISOString());
    })();
    // the engine's part alone, as the service does it: the kept state, the rows the new batch
    // changed against the old one taken away and added (row-source.ts changedRows)
    const state = createComputeState(big.scheme, null);
    state.apply(rowsOf(big.data));
    const held = inputDigests({ scheme: big.scheme, data: big.data, previous: null });
    state.result({ hasher: createNodeSha256, digests: held });
    const [before, after] = [
      blockOf('ratings', { ratings: big.data.ratings.slice(0, batch) }),
      blockOf('ratings', { ratings: changed }),
    ];
    // the corrected sheet in, then the first one back, and so on: the median of five each way
    const swaps = Array.from({ length: 10 }, (_, k) => {
      const [from, to] = k % 2 === 0 ? [before, after] : [after, before];
      return time(() => {
        const { gone, came } = changedRows(from, to);
        state.apply(blockSource(from, gone), -1);
        state.apply(blockSource(to, came));
        return state.result({ hasher: createNodeSha256, digests: held });
      }).ms;
    });
    const engine = { ms: median(swaps) };
    const again = time(() => services.compute.run(big.cycleId));
    if (!again.value.ok || again.value.value.resultId === null) throw new Error('recompute');
    const full = time(() =>
      createServices({ db: big.db, clock: () => new Date(), operator: 'b' }).compute.run(big.cycleId),
    );
    report.add({
      section: SECTION,
      name: 'recompute after one re-imported batch: engine',
      value: engine.ms,
      unit: 'ms',
      size: `${mSize}; a batch of ${fmt(batch)} re-imported, ${fmt(batch / 20)} grades changed; median of 10 (there and back)`,
      reference: { name: 'compute alone', value: alone },
      goal: '≤ 200 ms',
      maxValue: 200,
    });
    report.add({
      section: SECTION,
      name: 'recompute after one re-imported batch',
      value: again.ms,
      unit: 'ms',
      size: `${mSize}, one batch of ${fmt(batch)} re-imported; load of the batch, compute, store`,
      reference: { name: 'a fresh service', value: full.ms },
    });
    big.db.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

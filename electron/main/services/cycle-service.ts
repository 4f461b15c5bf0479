import type { Cycle, CycleKind } from '../../../shared/domain/cycle';
import { LIMITS, tooLong } from '../../../shared/domain/limits';
import type { Scheme } from '../../../shared/domain/scheme';
import type { Result } from '../../../shared/contract/result';
import { fail, ok } from '../../../shared/contract/result';
import { parseSchemeWorkbook } from '../../../shared/import/scheme-workbook';
import { readWorkbook, WorkbookReadError } from '../excel/read-workbook';
import type { SchemeIds } from '../repositories/scheme';
import type { Repos, ServiceDeps } from './deps';
import { createRepos, isoNow } from './deps';
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { basename, extname } from 'node:path';
import { readErrorText } from './read-error';

export type CycleService = ReturnType<typeof createCycleService>;

/** 考核周期: create from a scheme workbook, copy last year's, link the previous cycle. */
export function createCycleService(deps: ServiceDeps, repos: Repos = createRepos(deps.db)) {
  const { db } = deps;
  const now = () => isoNow(deps.clock);

  const resolve = (idOrName: string | number): Result<Cycle> => {
    const byName = typeof idOrName === 'string' ? repos.cycles.findByName(idOrName) : undefined;
    const asId = typeof idOrName === 'number' ? idOrName : /^\d+$/.test(idOrName) ? Number(idOrName) : NaN;
    const c = byName ?? (Number.isFinite(asId) ? repos.cycles.get(asId) : undefined);
    return c ? ok(c) : fail('NOT_FOUND', `找不到考核周期“${idOrName}”（可用 cycle list 查看已有周期）`);
  };

  const checkName = (name: string): Result<string> => {
    const n = name.trim();
    if (n === '') return fail('INVALID_INPUT', '考核周期名称不能为空');
    const long = tooLong(n, LIMITS.cycleName, '考核周期名称');
    if (long !== null) return fail('INVALID_INPUT', long);
    if (repos.cycles.findByName(n)) return fail('DUPLICATE_NAME', `已有名为“${n}”的考核周期，请换一个名称`);
    return ok(n);
  };

  /** Writes a new cycle with its scheme in one transaction, and logs it. */
  const create = (
    scheme: Scheme,
    opts: {
      name: string;
      kind?: CycleKind;
      previousCycleId?: number | null;
      audit: { action: string; detail: unknown };
      /** More to write in the same transaction, once the scheme is in. */
      then?: (cycleId: number, ids: SchemeIds, at: string) => void;
    },
  ): Result<Cycle> => {
    const name = checkName(opts.name);
    if (!name.ok) return name;
    const id = db.transaction(() => {
      const at = now();
      const cycleId = repos.cycles.insert({
        name: name.value,
        kind: opts.kind ?? 'annual',
        previousCycleId: opts.previousCycleId ?? null,
        at,
      });
      const ids = repos.scheme.write(cycleId, { ...scheme, name: name.value });
      opts.then?.(cycleId, ids, at);
      repos.audit.append({
        at,
        operator: deps.operator,
        action: opts.audit.action,
        cycleId,
        detail: opts.audit.detail,
      });
      return cycleId;
    })();
    return ok(repos.cycles.get(id) as Cycle);
  };

  return {
    resolve,
    list: (): Cycle[] => repos.cycles.list(),

    /** Creates a cycle from a scheme workbook; every problem of the workbook comes back with its cell. */
    async importScheme(
      file: string,
      opts: { name?: string; kind?: CycleKind; previous?: string | number } = {},
    ): Promise<Result<{ cycle: Cycle; scheme: Scheme }>> {
      const fileName = basename(file);
      let previousCycleId: number | null = null;
      if (opts.previous !== undefined) {
        const prev = resolve(opts.previous);
        if (!prev.ok) return prev;
        previousCycleId = prev.value.id;
      }
      let bytes: Buffer;
      try {
        bytes = await readFile(file);
      } catch (e) {
        return fail('READ_FAILED', `无法读取文件《${fileName}》：${readErrorText(e)}`);
      }
      let grid;
      try {
        grid = await readWorkbook(file, bytes);
      } catch (e) {
        if (e instanceof WorkbookReadError) return fail('READ_FAILED', e.message);
        throw e;
      }
      const name = opts.name ?? basename(fileName, extname(fileName)).replace(/方案$/, '').trim();
      if (opts.name === undefined && name.length > LIMITS.cycleName)
        return fail(
          'INVALID_INPUT',
          `未指定周期名称时取自文件名，而“${name}”超过 ${LIMITS.cycleName} 个字：请指定一个较短的名称（命令行用 --name）`,
        );
      const parsed = parseSchemeWorkbook(grid, name);
      if (!parsed.scheme) {
        const n = parsed.issues.filter((i) => i.level === 'error').length;
        return fail('SCHEME_REFUSED', `考核方案《${fileName}》有 ${n} 处问题，未导入任何内容`, parsed.issues);
      }
      const sha256 = createHash('sha256').update(bytes).digest('hex');
      const created = create(parsed.scheme, {
        name,
        kind: opts.kind,
        previousCycleId,
        audit: {
          action: 'cycle.create',
          detail: {
            from: 'schemeWorkbook',
            file: fileName,
            sha256,
            categories: parsed.scheme.categories.length,
            targets: parsed.scheme.targets.length,
            indicators: parsed.scheme.indicators.length,
          },
        },
      });
      return created.ok ? ok({ cycle: created.value, scheme: parsed.scheme }) : created;
    },

    /** Creates a cycle from a scheme already in memory (the window's editor, tests). */
    createFromScheme: (
      scheme: Scheme,
      opts: { name: string; kind?: CycleKind; previousCycleId?: number | null },
    ) => create(scheme, { ...opts, audit: { action: 'cycle.create', detail: { from: 'scheme' } } }),

    /**
     * Next year: a new cycle with the same targets, categories, indicators, weights, groups and
     * rules, linked to the one it came from for rank change. Data and results are not copied.
     */
    copy(from: string | number, opts: { name: string; kind?: CycleKind }): Result<Cycle> {
      const source = resolve(from);
      if (!source.ok) return source;
      const scheme = repos.scheme.load(source.value.id, opts.name);
      return create(scheme, {
        name: opts.name,
        kind: opts.kind ?? source.value.kind,
        previousCycleId: source.value.id,
        audit: { action: 'cycle.copy', detail: { from: source.value.id, fromName: source.value.name } },
        // The column headers confirmed last year mean the same this year.
        then: (cycleId, ids, at) => {
          for (const c of repos.mappings.columns(source.value.id)) {
            const indicatorId = ids.indicators.get(c.indicator);
            if (indicatorId !== undefined)
              repos.mappings.putColumn(cycleId, c.header, indicatorId, c.field, deps.operator, at);
          }
        },
      });
    },

    /** Links (or unlinks, with null) the previous cycle used for rank change and growth baselines. */
    linkPrevious(cycle: string | number, previous: string | number | null): Result<Cycle> {
      const c = resolve(cycle);
      if (!c.ok) return c;
      if (c.value.status === 'published')
        return fail(
          'CYCLE_PUBLISHED',
          `考核周期“${c.value.name}”已发布，结果已封存：如需改动上一周期，请先撤销发布`,
        );
      let prevId: number | null = null;
      if (previous !== null) {
        const p = resolve(previous);
        if (!p.ok) return p;
        prevId = p.value.id;
        // Walking back from the candidate must never reach this cycle.
        for (
          let at: Cycle | undefined = p.value;
          at;
          at = at.previousCycleId ? repos.cycles.get(at.previousCycleId) : undefined
        )
          if (at.id === c.value.id) return fail('INVALID_INPUT', '不能把本周期（或其后续周期）设为上一周期');
      }
      db.transaction(() => {
        const at = now();
        repos.cycles.setPrevious(c.value.id, prevId, at);
        repos.audit.append({
          at,
          operator: deps.operator,
          action: 'cycle.linkPrevious',
          cycleId: c.value.id,
          detail: { before: c.value.previousCycleId, after: prevId },
        });
      })();
      return ok(repos.cycles.get(c.value.id) as Cycle);
    },

    scheme: (cycleId: number): Scheme => repos.scheme.load(cycleId, repos.cycles.get(cycleId)?.name ?? ''),
  };
}

/**
 * The ranking report as PDF (issue 12): 100 units with a score card each, printed by headless
 * Chromium (the desktop app's print engine). The first print bundles the page and starts the
 * browser; the next is what every further report costs.
 */
import { createChromiumPrinter } from '../../electron/main/report/chromium';
import { compute } from '../../shared/engine/compute';
import { reportDocument } from '../../shared/report/document';
import { syntheticCycle } from '../../test/helpers/synthetic';
import type { Report } from '../lib';
import { time, timeAsync } from '../lib';

export async function reportSection(report: Report, ci: boolean): Promise<void> {
  const SECTION = 'report';
  const size = ci
    ? { categories: 2, targets: 12, leaves: 8, ratings: 400, seed: 7 }
    : { categories: 4, targets: 100, leaves: 20, ratings: 4000, seed: 7 };
  const small = syntheticCycle(size);
  const result = compute({ scheme: small.scheme, data: small.data, previous: null });
  const opts = { office: '综合考核办公室', date: new Date(2025, 0, 15), confidential: true };
  const doc = time(() => reportDocument(result, small.scheme, opts));
  const printer = createChromiumPrinter();
  try {
    const first = await timeAsync(() => printer.print(doc.value));
    const next = await timeAsync(() => printer.print(doc.value));
    const tables = await timeAsync(() =>
      printer.print(reportDocument(result, small.scheme, { ...opts, cards: false })),
    );
    report.heading(
      'ranking report as PDF',
      `${size.targets} units in ${size.categories} categories, ${size.leaves} leaves, a score card each: ${next.value.pages} pages, ${(next.value.pdf.byteLength / 1024 / 1024).toFixed(1)} MB`,
    );
    report.add({ section: SECTION, name: 'report document (content, in memory)', value: doc.ms, unit: 'ms' });
    report.add({
      section: SECTION,
      name: 'first PDF (bundle the page, start Chromium)',
      value: first.ms,
      unit: 'ms',
    });
    report.add({
      section: SECTION,
      name: 'next PDF (the full report)',
      value: next.ms,
      unit: 'ms',
      size: `${next.value.pages} pages, ${(next.ms / next.value.pages).toFixed(0)} ms a page`,
      goal: '< 5 s',
      maxValue: 5000,
    });
    report.add({
      section: SECTION,
      name: 'tables, charts and appendix only',
      value: tables.ms,
      unit: 'ms',
      size: `${tables.value.pages} pages`,
    });
  } finally {
    await printer.close();
  }
}

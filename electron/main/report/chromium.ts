import { existsSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import type { ReportDocument } from '../../../shared/report/document';
import { HEADLESS_ARGS, NO_CHROMIUM, findChromium } from './browser';
import type { ReportPageDir } from './page';
import { bundleReportPage } from './page';
import type { PrintedReport, ReportPrinter } from './printer';
import { PDF_OPTIONS, pdfPageCount } from './printer';

/** What renderer/src/report/main.tsx puts on the page's window. */
interface ReportPageApi {
  renderReport(doc: ReportDocument): Promise<number>;
  reportSnapshot(): string;
}

export class NoChromiumError extends Error {
  constructor() {
    super(NO_CHROMIUM);
  }
}

/**
 * Prints reports in headless Chromium (playwright-core drives the browser already on the computer;
 * nothing is downloaded). The page is `pageUrl` — the window's own build served by the test
 * bridge — or, by default, the report page bundled on first use into a temporary folder. The
 * browser starts on the first print and is kept for the next ones; only requests for the page's
 * own files are let through.
 */
export function createChromiumPrinter(
  opts: { executablePath?: string; pageUrl?: () => string } = {},
): ReportPrinter {
  let browser: Promise<Browser> | null = null;
  let bundled: Promise<ReportPageDir> | null = null;

  const start = async (): Promise<Browser> => {
    const executablePath = opts.executablePath ?? findChromium();
    if (!executablePath || !existsSync(executablePath)) throw new NoChromiumError();
    const { chromium } = await import('playwright-core');
    return chromium.launch({ executablePath, args: HEADLESS_ARGS });
  };
  const pageUrl = async (): Promise<string> => {
    if (opts.pageUrl) return opts.pageUrl();
    bundled ??= bundleReportPage();
    return pathToFileURL(join((await bundled).dir, 'report.html')).href;
  };

  return {
    async print(doc: ReportDocument): Promise<PrintedReport> {
      browser ??= start();
      let b: Browser;
      try {
        b = await browser;
      } catch (e) {
        browser = null; // a browser installed later is found on the next try
        throw e;
      }
      // (not `offline`: that would refuse the bridge on 127.0.0.1 too; the route below keeps requests home)
      const context = await b.newContext({ locale: 'zh-CN' });
      try {
        const page = await context.newPage();
        const url = await pageUrl();
        const own = url.startsWith('file:') ? 'file:' : new URL(url).origin + '/';
        await page.route('**/*', (route) =>
          route.request().url().startsWith(own) ? route.continue() : route.abort(),
        );
        const errors: string[] = [];
        page.on('pageerror', (e) => errors.push(e.message));
        await page.goto(url);
        // (a function, not a string: the page's CSP allows no eval)
        await page.waitForFunction(
          () => typeof (globalThis as Partial<ReportPageApi>).renderReport === 'function',
        );
        await page.evaluate((d) => (globalThis as unknown as ReportPageApi).renderReport(d), doc);
        if (errors.length > 0) throw new Error(`report page: ${errors.join('; ')}`);
        const html = await page.evaluate(() => (globalThis as unknown as ReportPageApi).reportSnapshot());
        await page.emulateMedia({ media: 'print' });
        const pdf = await page.pdf({ ...PDF_OPTIONS });
        return { pdf, html, pages: pdfPageCount(pdf) };
      } finally {
        await context.close();
      }
    },
    async close() {
      const b = browser;
      browser = null;
      if (b) await (await b.catch(() => null))?.close();
      const d = bundled;
      bundled = null;
      if (d) (await d.catch(() => null))?.dispose();
    },
  };
}

import { existsSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
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

/** The report page, loaded in a browser context of its own, and what went wrong on it. */
interface LoadedPage {
  page: Page;
  url: string;
  errors: string[];
}

/**
 * Prints reports in headless Chromium (playwright-core drives the browser already on the computer;
 * nothing is downloaded). The page is `pageUrl` — the window's own build served by the test
 * bridge — or, by default, the report page bundled on first use into a temporary folder. The
 * browser and the loaded page start on the first print and are kept for the next ones (a new
 * context and page cost a renderer process, the page's script and cold font caches: about a
 * second a print); prints take turns on the page, and a print that fails gives it up, so the next
 * one starts afresh. Only requests for the page's own files are let through.
 */
export function createChromiumPrinter(
  opts: { executablePath?: string; pageUrl?: () => string } = {},
): ReportPrinter {
  let browser: Promise<Browser> | null = null;
  let bundled: Promise<ReportPageDir> | null = null;
  let loaded: Promise<LoadedPage> | null = null;
  let turn: Promise<unknown> = Promise.resolve();

  const start = async (executablePath: string): Promise<Browser> => {
    const { chromium } = await import('playwright-core');
    const b = await chromium.launch({ executablePath, args: HEADLESS_ARGS });
    b.on('disconnected', () => {
      browser = null;
      loaded = null;
    });
    return b;
  };
  /** The browser, started on first use (a browser installed later is found on the next try). */
  const launched = (): Promise<Browser> => {
    if (!browser) {
      const executablePath = opts.executablePath ?? findChromium();
      if (!executablePath || !existsSync(executablePath)) throw new NoChromiumError();
      const starting = start(executablePath);
      starting.catch(() => {
        if (browser === starting) browser = null;
      });
      browser = starting;
    }
    return browser;
  };
  const pageUrl = async (): Promise<string> => {
    if (opts.pageUrl) return opts.pageUrl();
    bundled ??= bundleReportPage();
    return pathToFileURL(join((await bundled).dir, 'report.html')).href;
  };
  const load = async (b: Browser, url: string): Promise<LoadedPage> => {
    // (not `offline`: that would refuse the bridge on 127.0.0.1 too; the route below keeps requests home)
    const context = await b.newContext({ locale: 'zh-CN' });
    try {
      const page = await context.newPage();
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
      return { page, url, errors };
    } catch (e) {
      await context.close().catch(() => undefined);
      throw e;
    }
  };
  /** Gives a page up: its context is closed, and the next print loads the page afresh. */
  const drop = async (p: Promise<LoadedPage>) => {
    if (loaded === p) loaded = null;
    const page = (await p.catch(() => null))?.page;
    await page
      ?.context()
      .close()
      .catch(() => undefined);
  };

  const printNow = async (doc: ReportDocument): Promise<PrintedReport> => {
    const b = launched();
    // the page is bundled (on first use) while the browser starts; a browser that fails to start
    // is the error to report
    const href = pageUrl();
    href.catch(() => undefined);
    const url = await b.then(() => href);
    if (loaded && (await loaded.catch(() => null))?.url !== url) await drop(loaded);
    const current = (loaded ??= b.then((started) => load(started, url)));
    try {
      const { page, errors } = await current;
      errors.length = 0;
      // as JSON text, parsed in the page: handing the object itself over is playwright's
      // value-by-value serialisation, about a second for 100 score cards
      await page.evaluate(
        (json) => (globalThis as unknown as ReportPageApi).renderReport(JSON.parse(json) as ReportDocument),
        JSON.stringify(doc),
      );
      if (errors.length > 0) throw new Error(`report page: ${errors.join('; ')}`);
      const html = await page.evaluate(() => (globalThis as unknown as ReportPageApi).reportSnapshot());
      // printing lays the page out in print media by itself (emulating print media first would
      // show the report, which the page keeps off the screen, and lay it out at the window's width)
      const pdf = await page.pdf({ ...PDF_OPTIONS });
      return { pdf, html, pages: pdfPageCount(pdf) };
    } catch (e) {
      await drop(current);
      throw e;
    }
  };

  return {
    print(doc: ReportDocument): Promise<PrintedReport> {
      const printed = turn.then(() => printNow(doc));
      turn = printed.catch(() => undefined);
      return printed;
    },
    async close() {
      await turn;
      const p = loaded;
      loaded = null;
      if (p) await drop(p);
      const b = browser;
      browser = null;
      if (b) await (await b.catch(() => null))?.close();
      const d = bundled;
      bundled = null;
      if (d) (await d.catch(() => null))?.dispose();
    },
  };
}

import { BrowserWindow } from 'electron';
import type { ReportDocument } from '../../../shared/report/document';
import type { PrintedReport, ReportPrinter } from '../report/printer';
import { PDF_OPTIONS, pdfPageCount } from '../report/printer';

/**
 * Reports printed by the desktop app: the report page (out/renderer/report.html, the same sources
 * the command line bundles) in a hidden window as locked down as the main one and without a
 * preload, laid out by its `renderReport`, then Chromium's printToPDF — the print engine the
 * command line and the tests use. One window per report, destroyed after.
 */
export function createWindowPrinter(load: (w: BrowserWindow) => Promise<void>): ReportPrinter {
  return {
    async print(doc: ReportDocument): Promise<PrintedReport> {
      const win = new BrowserWindow({
        show: false,
        width: 1000,
        height: 1400,
        webPreferences: {
          contextIsolation: true,
          sandbox: true,
          nodeIntegration: false,
          nodeIntegrationInWorker: false,
          webSecurity: true,
          webviewTag: false,
          spellcheck: false,
        },
      });
      try {
        await load(win);
        // JSON is a JavaScript expression: the document goes in as data, never as code
        await win.webContents.executeJavaScript(`window.renderReport(${JSON.stringify(doc)})`);
        const html = (await win.webContents.executeJavaScript('window.reportSnapshot()')) as string;
        const pdf = await win.webContents.printToPDF({ ...PDF_OPTIONS });
        return { pdf, html, pages: pdfPageCount(pdf) };
      } finally {
        win.destroy();
      }
    },
    async close() {},
  };
}

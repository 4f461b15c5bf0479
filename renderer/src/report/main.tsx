import type { Root } from 'react-dom/client';
import { createRoot } from 'react-dom/client';
import { flushSync } from 'react-dom';
import type { ReportDocument } from '../../../shared/report/document';
import { ReportView } from './ReportView';
// the style sheet as text, put in a <style> of the page: the HTML file takes it along as it is
import css from './report.css?inline';

/**
 * The report page's two entry points, called by whoever prints it (a hidden Electron window, or
 * headless Chromium from the command line and the tests): lay out a document, then give the page
 * back as one self-contained HTML file.
 */
declare global {
  interface Window {
    renderReport: (doc: ReportDocument) => Promise<number>;
    reportSnapshot: () => string;
  }
}

const sheet = document.createElement('style');
sheet.textContent = css;
document.head.append(sheet);
// The page is there to be printed: on screen the report is not laid out at all, so rendering costs
// no layout that printing would throw away (printing lays the page out in print media at the
// page's width whatever was laid out before). This rule is left out of the snapshot, whose HTML
// file shows the report on screen.
const printOnly = document.createElement('style');
printOnly.dataset.printOnly = '';
printOnly.textContent = '@media screen { #report { display: none; } }';
document.head.append(printOnly);

const frame = () => new Promise<void>((done) => requestAnimationFrame(() => done()));

// the report on the page now, and its mark's style: a page may lay out one report after another
let shown: Root | null = null;
let markStyle: HTMLStyleElement | null = null;

// (the performance marks time its steps for bench/report-profile.ts)
window.renderReport = async (doc) => {
  performance.clearMarks();
  performance.mark('report:start');
  const main = document.getElementById('report') as HTMLElement;
  shown?.unmount();
  markStyle?.remove();
  markStyle = null;
  performance.mark('report:unmounted');
  document.title = doc.cover.title;
  if (doc.cover.mark !== null) {
    // the mark in the top right corner of every page, beside the page number at the bottom
    markStyle = document.createElement('style');
    markStyle.textContent = `@page { @top-right { content: ${JSON.stringify(doc.cover.mark)}; font-family: 'SimHei', '黑体', 'Noto Sans CJK SC', sans-serif; font-size: 10pt; } }`;
    document.head.append(markStyle);
  }
  const root = createRoot(main);
  shown = root;
  flushSync(() => root.render(<ReportView doc={doc} />));
  performance.mark('report:committed');
  // charts lay out after their first commit
  await frame();
  await frame();
  performance.mark('report:frames');
  // fonts load on first use, and nothing is laid out yet: load every face the style sheet declares
  // (none today: the machine's own fonts are used, and printing waits for no font)
  await Promise.all([...document.fonts].map((f) => f.load()));
  await document.fonts.ready;
  performance.mark('report:fonts');
  return main.querySelectorAll('section').length;
};

/** The page as it stands, without scripts: styles inline, charts as inline SVG. */
window.reportSnapshot = () => {
  const styles = [...document.querySelectorAll('style:not([data-print-only])')]
    .map((s) => s.textContent)
    .join('\n');
  const body = (document.getElementById('report') as HTMLElement).innerHTML;
  return [
    '<!doctype html>',
    '<html lang="zh-CN">',
    '<head>',
    '<meta charset="utf-8" />',
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:" />`,
    `<title>${escapeHtml(document.title)}</title>`,
    `<style>\n${styles}\n</style>`,
    '</head>',
    `<body><main id="report">${body}</main></body>`,
    '</html>',
    '',
  ].join('\n');
};

function escapeHtml(s: string): string {
  return s.replace(
    /[&<>"]/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c] as string,
  );
}

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

const frame = () => new Promise<void>((done) => requestAnimationFrame(() => done()));

window.renderReport = async (doc) => {
  const root = document.getElementById('report') as HTMLElement;
  document.title = doc.cover.title;
  if (doc.cover.mark !== null) {
    // the mark in the top right corner of every page, beside the page number at the bottom
    const style = document.createElement('style');
    style.textContent = `@page { @top-right { content: ${JSON.stringify(doc.cover.mark)}; font-family: 'SimHei', '黑体', 'Noto Sans CJK SC', sans-serif; font-size: 10pt; } }`;
    document.head.append(style);
  }
  flushSync(() => createRoot(root).render(<ReportView doc={doc} />));
  // charts lay out after their first commit; fonts load on first use
  await frame();
  await frame();
  await document.fonts.ready;
  return root.querySelectorAll('section').length;
};

/** The page as it stands, without scripts: styles inline, charts as inline SVG. */
window.reportSnapshot = () => {
  const styles = [...document.querySelectorAll('style')].map((s) => s.textContent).join('\n');
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

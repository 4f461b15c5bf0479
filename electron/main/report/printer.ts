import type { ReportDocument } from '../../../shared/report/document';

/** A printed report: the PDF, and the same pages as one self-contained HTML file (no scripts). */
export interface PrintedReport {
  pdf: Uint8Array;
  html: string;
  pages: number;
}

/**
 * What lays the report page out in Chromium and prints it: headless Chromium outside the app
 * (chromium.ts), a hidden window inside it (the Electron shell). Both load the same page, call its
 * `renderReport(doc)` and print with the page's own @page rules.
 */
export interface ReportPrinter {
  print(doc: ReportDocument): Promise<PrintedReport>;
  close(): Promise<void>;
}

/** Options every printer passes to Chromium's printToPDF: A4 and margins from the page's CSS. */
export const PDF_OPTIONS = { preferCSSPageSize: true, printBackground: true } as const;

/** The pages of a PDF Chromium wrote (each page object is `/Type /Page`). */
export function pdfPageCount(pdf: Uint8Array): number {
  const text = Buffer.from(pdf.buffer, pdf.byteOffset, pdf.byteLength).toString('latin1');
  return (text.match(/\/Type\s*\/Page(?![a-zA-Z])/g) ?? []).length;
}

/**
 * The renderer's Content Security Policy: only the app's own scripts and styles run, nothing is
 * fetched from anywhere else (no remote fonts, scripts or telemetry). Ant Design writes its styles
 * at run time (CSS-in-JS), hence 'unsafe-inline' for styles only; blob: serves files the operator
 * saves (templates, exports) and images of charts and of the print preview's pages; the preview's
 * PDF reader (pdf.js) runs in a worker of the app's own.
 */
export const CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "frame-src 'none'",
  "worker-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

/** The same policy as a `<meta>` tag in the page states it (frame-ancestors works only as a header). */
export const CSP_META = CSP.split('; ')
  .filter((d) => !d.startsWith('frame-ancestors'))
  .join('; ');

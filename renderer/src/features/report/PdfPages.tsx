import { Spin } from 'antd';
import { GlobalWorkerOptions, getDocument } from 'pdfjs-dist';
import type { PDFDocumentProxy } from 'pdfjs-dist';
import workerUrl from 'pdfjs-dist/build/pdf.worker.min.mjs?url';
import type { RefObject } from 'react';
import { useEffect, useRef, useState } from 'react';

GlobalWorkerOptions.workerSrc = workerUrl;

/** Width of a page in the preview, in CSS pixels (A4 is 210 × 297 mm). */
const PAGE_WIDTH = 720;

/**
 * The PDF itself, page by page (pdf.js draws it: no browser plug-in, the same in the desktop app
 * and a browser). A page is drawn when it scrolls into view and kept as a PNG, so a report of a
 * hundred score cards stays light.
 */
export function PdfPages({ pdf }: { pdf: Uint8Array }) {
  const [doc, setDoc] = useState<PDFDocumentProxy | null>(null);
  const [sizes, setSizes] = useState<{ width: number; height: number }[]>([]);
  const [failed, setFailed] = useState<string | null>(null);
  const scroller = useRef<HTMLDivElement>(null);

  useEffect(() => {
    let live = true;
    // pdf.js takes the buffer over: give it a copy, the caller still saves the original
    const task = getDocument({ data: pdf.slice(), isEvalSupported: false, useSystemFonts: false });
    task.promise
      .then(async (d) => {
        const all = await Promise.all(
          Array.from({ length: d.numPages }, async (_, k) => {
            const vp = (await d.getPage(k + 1)).getViewport({ scale: 1 });
            return { width: vp.width, height: vp.height };
          }),
        );
        if (!live) return;
        setSizes(all);
        setDoc(d);
      })
      .catch((e: unknown) => live && setFailed(e instanceof Error ? e.message : String(e)));
    return () => {
      live = false;
      void task.destroy();
    };
  }, [pdf]);

  return (
    <div ref={scroller} className="report-preview">
      {failed ? (
        <div role="alert">预览无法显示（{failed}），可直接导出 PDF 查看。</div>
      ) : !doc ? (
        <Spin description="正在打开预览…" />
      ) : (
        <div className="pdf-pages" aria-label={`报告预览，共 ${doc.numPages} 页`}>
          {sizes.map((s, k) => (
            <PdfPage
              key={k}
              doc={doc}
              index={k + 1}
              of={doc.numPages}
              width={s.width}
              height={s.height}
              scroller={scroller}
            />
          ))}
        </div>
      )}
    </div>
  );
}

function PdfPage(props: {
  doc: PDFDocumentProxy;
  index: number;
  of: number;
  width: number;
  height: number;
  scroller: RefObject<HTMLDivElement | null>;
}) {
  const box = useRef<HTMLDivElement>(null);
  const [src, setSrc] = useState<string | null>(null);
  const [failed, setFailed] = useState<string | null>(null);
  const scale = PAGE_WIDTH / props.width;
  const height = Math.round(props.height * scale);

  useEffect(() => {
    const el = box.current;
    if (!el) return;
    let url: string | null = null;
    let live = true;
    const draw = async () => {
      const page = await props.doc.getPage(props.index);
      const ratio = Math.min(2, window.devicePixelRatio || 1);
      const viewport = page.getViewport({ scale: scale * ratio });
      const canvas = document.createElement('canvas');
      canvas.width = Math.round(viewport.width);
      canvas.height = Math.round(viewport.height);
      await page.render({ canvas, viewport }).promise;
      const blob = await new Promise<Blob | null>((done) => canvas.toBlob(done, 'image/png'));
      canvas.width = canvas.height = 0;
      if (!blob || !live) return;
      url = URL.createObjectURL(blob);
      setSrc(url);
    };
    const seen = new IntersectionObserver(
      (entries) => {
        if (entries.some((e) => e.isIntersecting)) {
          seen.disconnect();
          // a newer report (or closing the dialog) destroys the document under a page being drawn
          draw().catch((e: unknown) => {
            if (live) setFailed(e instanceof Error ? e.message : String(e));
          });
        }
      },
      // a page is drawn a little before it scrolls into the preview
      { root: props.scroller.current, rootMargin: '1200px 0px' },
    );
    seen.observe(el);
    return () => {
      live = false;
      seen.disconnect();
      if (url) URL.revokeObjectURL(url);
    };
  }, [props.doc, props.index, props.scroller, scale]);

  return (
    <div
      ref={box}
      className="pdf-page"
      style={{ width: PAGE_WIDTH, height }}
      data-page={props.index}
      data-drawn={src ? 'true' : undefined}
    >
      {src ? (
        <img src={src} alt={`第 ${props.index} 页 共 ${props.of} 页`} width={PAGE_WIDTH} height={height} />
      ) : failed ? (
        <div role="alert" style={{ padding: 24 }}>
          第 {props.index} 页无法显示（{failed}），可导出 PDF 查看。
        </div>
      ) : null}
    </div>
  );
}

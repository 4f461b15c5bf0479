/**
 * Everything of a worksheet part but its rows: what comes before `<sheetData>` and, after it, the
 * merged ranges and hyperlinks that change cells. Read as exceljs's WorksheetXform reads it (each
 * element it knows claims its subtree, wherever it stands), then checked against the sheet's
 * relationships as exceljs's reconcile uses them, so that a part exceljs fails on is refused here.
 */
import { unsupported } from './errors';
import { effectiveMerges, parseAddress } from './merges';
import type { MergeRange } from './merges';
import { cellKey } from './sheet-scan';
import { byId } from './workbook';
import type { Relationship } from './workbook';
import { claiming, listOf, parseAttrs, walkXml } from './xml';
import type { XmlHandler } from './xml';

const SHEET_DATA = Buffer.from('<sheetData');

/** Where the rows of a worksheet part lie. */
export interface SheetLayout {
  /** Start of `<sheetData`: the part before it is the head. */
  readonly open: number;
  /** Just after `<sheetData …>`: the first row starts here. */
  readonly rows: number;
  /** `<sheetData/>`: no rows. */
  readonly empty: boolean;
}

/** Finds `<sheetData` in the head of a part; null when not (yet) in these bytes. */
export function locateSheetData(buf: Buffer): SheetLayout | null {
  const open = buf.indexOf(SHEET_DATA);
  if (open < 0) return null;
  const after = buf[open + SHEET_DATA.length];
  if (after === undefined) return null;
  if (
    after !== 0x3e &&
    after !== 0x2f &&
    after !== 0x20 &&
    after !== 0x0a &&
    after !== 0x0d &&
    after !== 0x09
  )
    unsupported('an element named like sheetData');
  const gt = buf.indexOf(0x3e, open);
  if (gt < 0) return null;
  return { open, rows: gt + 1, empty: buf[gt - 1] === 0x2f };
}

/** What the parts around the rows hold that matters. */
export interface SheetFrame {
  readonly mergeRefs: readonly string[];
  readonly hyperlinks: readonly { ref: string | undefined; rId: string | undefined }[];
  /** The `r:id` of `<drawing>`, undefined without one. */
  readonly drawing: { rId: string | undefined } | undefined;
  readonly tableParts: readonly (string | undefined)[];
}

/** The children of `<worksheet>` exceljs's WorksheetXform reads. */
const KNOWN = new Set([
  'sheetPr',
  'dimension',
  'sheetViews',
  'sheetFormatPr',
  'cols',
  'sheetData',
  'autoFilter',
  'mergeCells',
  'rowBreaks',
  'hyperlinks',
  'pageMargins',
  'dataValidations',
  'pageSetup',
  'headerFooter',
  'printOptions',
  'picture',
  'drawing',
  'sheetProtection',
  'tableParts',
  'conditionalFormatting',
  'extLst',
]);

const passOver: XmlHandler = { open() {}, close() {}, text() {} };

/**
 * Parses head + `<sheetData/>` + tail (the part with its rows taken out). Refuses a part whose
 * root is not `<worksheet>`, whose sheetData is not there exactly once, or which repeats
 * mergeCells or hyperlinks (exceljs would keep the last).
 */
export function parseFrame(head: string, tail: string): SheetFrame {
  const mergeRefs: string[] = [];
  const hyperlinks: { ref: string | undefined; rId: string | undefined }[] = [];
  let drawing: { rId: string | undefined } | undefined;
  const tableParts: (string | undefined)[] = [];
  const seen = new Map<string, number>();
  let root = false;
  const body = claiming(KNOWN, (name) => {
    seen.set(name, (seen.get(name) ?? 0) + 1);
    switch (name) {
      case 'mergeCells':
        return listOf('mergeCells', 'mergeCell', (a) => {
          const ref = a.get('ref');
          if (ref === undefined) unsupported('a mergeCell without ref');
          mergeRefs.push(ref);
        });
      case 'hyperlinks':
        return listOf('hyperlinks', 'hyperlink', (a) =>
          hyperlinks.push({ ref: a.get('ref'), rId: a.get('r:id') }),
        );
      case 'tableParts':
        return listOf('tableParts', 'tablePart', (a) => tableParts.push(a.get('r:id')));
      case 'drawing':
        return {
          open(n, attrs) {
            if (n === 'drawing') drawing = { rId: parseAttrs(attrs).get('r:id') };
          },
          close() {},
          text() {},
        };
      default:
        return passOver;
    }
  });
  walkXml(`${head}<sheetData/>${tail}`, {
    open(name, attrs, selfClosing) {
      if (!root) {
        if (name !== 'worksheet') unsupported(`a worksheet part with root <${name.slice(0, 40)}>`);
        root = true;
        return;
      }
      body.open(name, attrs, selfClosing);
    },
    close: (name) => body.close(name),
    text: (raw) => body.text(raw),
  });
  if (seen.get('sheetData') !== 1) unsupported('sheetData not where expected');
  if ((seen.get('mergeCells') ?? 0) > 1 || (seen.get('hyperlinks') ?? 0) > 1)
    unsupported('mergeCells or hyperlinks given twice');
  return { mergeRefs, hyperlinks, drawing, tableParts };
}

/** Merges and hyperlinks of a sheet, as the scanner applies them. */
export interface SheetExtras {
  readonly merges: readonly MergeRange[];
  /** Cells with an external hyperlink (cellKey): formulas and empty cells read differently there. */
  readonly links: ReadonlySet<number>;
}

const COMMENTS = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/comments';
const VML_DRAWING = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/vmlDrawing';

/** Keys exceljs files some parts under: `../comments1.xml` for xl/comments1.xml, and so on. */
function partKeys(entries: ReadonlySet<string>, pattern: RegExp, key: (name: string) => string): Set<string> {
  const keys = new Set<string>();
  for (const e of entries) {
    const m = pattern.exec(e);
    if (m) keys.add(key(m[1] as string));
  }
  return keys;
}

/**
 * Checks the frame against the sheet's relationships (null: the sheet has none) and the zip's
 * entries, refusing what makes exceljs's reconcile throw (a hyperlink, drawing or table whose
 * relationship is missing; comments, drawings or tables whose part is missing), and returns the
 * merges and hyperlinks that change cells.
 */
export function resolveFrame(
  frame: SheetFrame,
  relationships: readonly Relationship[] | null,
  entries: ReadonlySet<string>,
): SheetExtras {
  const rels = byId(relationships ?? []);
  let comments = false;
  for (const rel of relationships ?? []) {
    if (rel.type === COMMENTS) {
      comments = true;
      if (!partKeys(entries, /xl\/(comments\d+)[.]xml/, (n) => `../${n}.xml`).has(rel.target as string))
        unsupported('a comments relationship to a missing part');
    }
    if (rel.type === VML_DRAWING && comments) {
      const keys = partKeys(entries, /xl\/drawings\/(vmlDrawing\d+)[.]vml/, (n) => `../drawings/${n}.vml`);
      if (!keys.has(rel.target as string)) unsupported('a VML drawing relationship to a missing part');
    }
  }
  // exceljs maps each ref to its link's target, a later link on the same ref replacing an earlier
  const targets = new Map<string | undefined, string | undefined>();
  for (const h of frame.hyperlinks) {
    if (!h.rId) continue; // an internal link (location only) changes nothing
    const rel = rels.get(h.rId);
    if (!rel) unsupported('a hyperlink without its relationship');
    targets.set(h.ref, rel.target);
  }
  const links = new Set<number>();
  for (const [ref, target] of targets) {
    // matched against cell addresses as written: a range or an odd ref matches no cell
    const at = ref === undefined ? null : parseAddress(ref);
    if (target && at) links.add(cellKey(at.row, at.col));
  }
  if (frame.drawing) {
    const rel = rels.get(frame.drawing.rId);
    if (!rel || rel.target === undefined) unsupported('a drawing without its relationship');
    const m = /\/drawings\/([a-zA-Z0-9]+)[.][a-zA-Z]{3,4}$/.exec(rel.target);
    if (m && !partKeys(entries, /xl\/drawings\/([a-zA-Z0-9]+)[.]xml/, (n) => n).has(m[1] as string))
      unsupported('a drawing relationship to a missing part');
  }
  for (const rId of frame.tableParts) {
    const rel = rels.get(rId);
    if (!rel || rel.target === undefined) unsupported('a table without its relationship');
    if (!partKeys(entries, /xl\/tables\/(table\d+)[.]xml/, (n) => `../tables/${n}.xml`).has(rel.target))
      unsupported('a table relationship to a missing part');
  }
  return { merges: effectiveMerges(frame.mergeRefs), links };
}

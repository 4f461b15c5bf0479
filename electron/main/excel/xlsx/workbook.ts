/**
 * The workbook's sheets, in the order and with the names exceljs's whole-load path gives
 * (`wb.worksheets`), and its date system. exceljs reads xl/workbook.xml and
 * xl/_rels/workbook.xml.rels by those exact names, keeps a sheet only when its relationship points at
 * a zip entry it parsed as a worksheet (so chart sheets drop out), and orders sheets as `<sheets>`
 * lists them.
 */
import { unsupported } from './errors';
import { claiming, listOf, parseAttrs, walkXml, xmlDecode } from './xml';
import type { XmlHandler } from './xml';

export interface SheetInfo {
  /** As exceljs names it: the attribute, decoded once more by xmlDecode. */
  readonly name: string;
  readonly id: number;
  /** `hidden`, `veryHidden`, `visible` or undefined. */
  readonly state: string | undefined;
  /** The zip entry of its XML. */
  readonly path: string;
  /** The digits of `sheetN.xml`, which exceljs uses to find the sheet's relationships. */
  readonly sheetNo: string;
}

export interface WorkbookInfo {
  readonly sheets: readonly SheetInfo[];
  /** Serial 0 is 1904-01-01 rather than 1899-12-30 (only `date1904="1"` counts, as in exceljs). */
  readonly date1904: boolean;
}

export interface Relationship {
  readonly id: string | undefined;
  readonly type: string | undefined;
  readonly target: string | undefined;
}

/** The entries exceljs parses as worksheets (its pattern is not anchored). */
export const WORKSHEET_ENTRY = /xl\/worksheets\/sheet(\d+)[.]xml/;

const WORKBOOK_KNOWN = new Set([
  'fileVersion',
  'workbookPr',
  'bookViews',
  'sheets',
  'definedNames',
  'calcPr',
]);

/** A part's root element must be the one exceljs expects, without a namespace prefix. */
export function rooted(part: string, root: string, body: XmlHandler): XmlHandler {
  let seen = false;
  return {
    open(name, attrs, selfClosing) {
      if (!seen) {
        if (name !== root) unsupported(`${part} has root <${name.slice(0, 40)}>`);
        seen = true;
        return;
      }
      body.open(name, attrs, selfClosing);
    },
    close: (name) => body.close(name),
    text: (raw) => body.text(raw),
  };
}

/** A relationships part, in document order. */
export function parseRelationships(xml: string, part: string): Relationship[] {
  const rels: Relationship[] = [];
  let depth = 0;
  walkXml(
    xml,
    rooted(part, 'Relationships', {
      open(name, attrs) {
        depth++;
        // exceljs's RelationshipsXform throws on any other element
        if (depth !== 1 || name !== 'Relationship') unsupported(`<${name.slice(0, 40)}> in ${part}`);
        const a = parseAttrs(attrs);
        rels.push({ id: a.get('Id'), type: a.get('Type'), target: a.get('Target') });
      },
      close() {
        depth--;
      },
      text() {},
    }),
  );
  return rels;
}

/** Relationships by Id, a later one winning, as exceljs indexes them. */
export function byId(rels: readonly Relationship[]): Map<string | undefined, Relationship> {
  return new Map(rels.map((r) => [r.id, r]));
}

interface SheetDef {
  name: string;
  id: number;
  state: string | undefined;
  rId: string | undefined;
}

/**
 * Reads the workbook part and its relationships against the zip's entry names. Refuses what exceljs
 * would mishandle in ways not worth copying: a missing name, a sheet id that is not a positive
 * integer or is used twice, two sheets on one entry.
 */
export function parseWorkbook(
  workbookXml: string,
  relsXml: string | null,
  entryNames: ReadonlySet<string>,
): WorkbookInfo {
  let date1904 = false;
  let defs: SheetDef[] = [];
  walkXml(
    workbookXml,
    rooted(
      'workbook.xml',
      'workbook',
      claiming(WORKBOOK_KNOWN, (name): XmlHandler | null => {
        if (name === 'workbookPr')
          return {
            open(n, attrs) {
              if (n === 'workbookPr') date1904 = parseAttrs(attrs).get('date1904') === '1';
            },
            close() {},
            text() {},
          };
        if (name === 'sheets') {
          defs = [];
          return listOf('sheets', 'sheet', (a) => {
            const raw = a.get('name');
            if (raw === undefined) unsupported('a sheet without a name');
            defs.push({
              name: xmlDecode(raw),
              id: parseInt(a.get('sheetId') ?? '', 10),
              state: a.get('state'),
              rId: a.get('r:id'),
            });
          });
        }
        return null;
      }),
    ),
  );
  const rels = byId(relsXml === null ? [] : parseRelationships(relsXml, 'workbook.xml.rels'));
  const ids = new Set<number>();
  const paths = new Set<string>();
  const sheets: SheetInfo[] = [];
  for (const def of defs) {
    // exceljs files sheets by id: a repeated or odd id loses or reorders sheets
    if (!Number.isInteger(def.id) || def.id < 1 || ids.has(def.id)) unsupported(`sheet id ${def.id}`);
    ids.add(def.id);
    const rel = def.rId === undefined ? undefined : rels.get(def.rId);
    if (!rel) continue;
    if (rel.target === undefined) unsupported('a sheet relationship without a target');
    const path = `xl/${rel.target.replace(/^(\s|\/xl\/)+/, '')}`;
    const match = WORKSHEET_ENTRY.exec(path);
    if (!match || !entryNames.has(path)) continue; // a chart sheet, or a missing part: exceljs drops it
    if (paths.has(path)) unsupported(`two sheets on ${path}`);
    paths.add(path);
    checkName(def.name);
    sheets.push({ name: def.name, id: def.id, state: def.state, path, sheetNo: match[1] as string });
  }
  // exceljs's Worksheet refuses a name already taken, ignoring case; a worksheet part no sheet points
  // at is named "sheetundefined"
  const taken = new Set<string>();
  for (const { name } of sheets) {
    if (taken.has(name.toLowerCase())) unsupported('two sheets with one name');
    taken.add(name.toLowerCase());
  }
  const orphans = [...entryNames].some((e) => WORKSHEET_ENTRY.test(e) && !paths.has(e));
  if (orphans && taken.has('sheetundefined')) unsupported('a sheet named like an orphan worksheet');
  return { sheets, date1904 };
}

/**
 * exceljs's Worksheet name setter throws on these (and on a name over 31 characters, which it first
 * truncates, then finds taken by the sheet itself).
 */
function checkName(name: string): void {
  if (
    name === '' ||
    name === 'History' ||
    /[*?:/\\[\]]/.test(name) ||
    /(^')|('$)/.test(name) ||
    name.length > 31
  )
    unsupported('a sheet name exceljs refuses');
}

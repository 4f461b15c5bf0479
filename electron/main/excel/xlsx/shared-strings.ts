/**
 * The shared string table (xl/sharedStrings.xml), read once, each string's Cell built once and
 * handed out for every cell that refers to it (cells are immutable downstream). Read as exceljs's
 * SharedStringXform reads it: a `<t>` gives a plain string (its `_xHHHH_` escapes decoded), `<r>`
 * runs give rich text (their texts joined, even when empty), and phonetic `<rPh>` runs are left out.
 */
import type { Cell } from '../../../../shared/import/grid';
import { unsupported } from './errors';
import { decodeText, walkXml } from './xml';

/** The string is plain text: exceljs gives a string (what template metadata must be). */
export const PLAIN = 0;
/** The string is rich text: exceljs gives `{ richText }`, which toCell joins. */
export const RICH = 1;
/** exceljs would give something no Cell reproduces (an empty `<si/>` reads as `{}`). */
export const BROKEN = 2;

export interface SharedStrings {
  readonly cells: readonly Cell[];
  /** PLAIN, RICH or BROKEN, per string. */
  readonly kinds: Uint8Array;
}

/** exceljs's TextXform: `_x000D_` and the like stand for the character (upper-case hex only). */
export function decodeEscapes(text: string): string {
  return text.includes('_x')
    ? text.replace(/_x([0-9A-F]{4})_/g, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16)))
    : text;
}

type Model = { kind: 'none' } | { kind: 'text'; text: string } | { kind: 'rich'; runs: string[] };

/** Parses sharedStrings.xml; a string exceljs would not read as text is marked BROKEN. */
export function parseSharedStrings(xml: string): SharedStrings {
  const cells: Cell[] = [];
  const kinds: number[] = [];
  // depth 1 is <sst>, 2 <si>, 3 its children
  let depth = 0;
  let model: Model = { kind: 'none' };
  let broken = false;
  /** What the text at the current depth goes to: a <t> directly in <si>, or one in an <r>. */
  let collecting: 'si-t' | 'r-t' | null = null;
  let buffer = '';
  let run: string | undefined;
  let inRun = false;
  /** Depth of a subtree passed over (<rPh>, <phoneticPr>, <rPr>), 0 when none. */
  let skipping = 0;

  walkXml(xml, {
    open(name, _attrs, _selfClosing) {
      depth++;
      if (skipping) return;
      if (depth === 1) {
        if (name !== 'sst') unsupported(`sharedStrings.xml has root <${name.slice(0, 40)}>`);
      } else if (depth === 2) {
        // exceljs throws on anything else directly in <sst>
        if (name !== 'si') unsupported(`<${name.slice(0, 40)}> inside <sst>`);
        model = { kind: 'none' };
        broken = false;
      } else if (collecting) {
        broken = true; // an element inside <t>
      } else if (depth === 3) {
        if (name === 't') {
          collecting = 'si-t';
          buffer = '';
        } else if (name === 'r') {
          inRun = true;
          run = undefined;
        } else if (name === 'rPh' || name === 'phoneticPr') skipping = depth;
        else broken = true;
      } else if (depth === 4 && inRun) {
        if (name === 't') {
          collecting = 'r-t';
          buffer = '';
        } else if (name === 'rPr') skipping = depth;
        else broken = true;
      } else broken = true;
    },
    close() {
      if (skipping) {
        if (depth === skipping) skipping = 0;
        depth--;
        return;
      }
      if (collecting && ((collecting === 'si-t' && depth === 3) || (collecting === 'r-t' && depth === 4))) {
        const text = decodeEscapes(decodeText(buffer));
        if (collecting === 'si-t')
          model = { kind: 'text', text }; // a <t> replaces whatever came before
        else run = text; // the last <t> of a run counts
        collecting = null;
      } else if (inRun && depth === 3) {
        inRun = false;
        // after a plain <t>, exceljs fails to add runs to a string (strict mode): not reproducible
        if (model.kind === 'text') broken = true;
        else if (model.kind === 'rich') model.runs.push(run ?? '');
        else model = { kind: 'rich', runs: [run ?? ''] };
      } else if (depth === 2) {
        if (broken || model.kind === 'none') {
          cells.push(null);
          kinds.push(BROKEN);
        } else if (model.kind === 'text') {
          cells.push(model.text === '' ? null : shared({ kind: 'text', value: model.text }));
          kinds.push(PLAIN);
        } else {
          cells.push(shared({ kind: 'text', value: model.runs.join('') }));
          kinds.push(RICH);
        }
      }
      depth--;
    },
    text(raw) {
      if (skipping) return;
      if (collecting) buffer += raw;
      else if (raw.trim() !== '' && depth >= 2) broken = true;
    },
  });
  return { cells, kinds: Uint8Array.from(kinds) };
}

/**
 * A shared string's cell, one object wherever the string appears, given a cache slot the import
 * stages fill (its cleaned text, what it matches): not enumerable, so the cell still equals any
 * other cell of the same text.
 */
function shared(cell: { kind: 'text'; value: string }): { kind: 'text'; value: string } {
  Object.defineProperty(cell, 'memo', { value: {}, enumerable: false });
  return cell;
}

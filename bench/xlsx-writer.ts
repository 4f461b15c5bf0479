/**
 * A minimal streaming .xlsx writer for big test files: one sheet, shared strings, numbers, the
 * sheet deflated as it is generated (a million rows never sit in memory as XML), the zip's sizes in
 * data descriptors and its central directory. What exceljs's streaming writer produces takes it
 * tens of seconds for a million rows; this takes a few. Not for the product: the app writes with
 * exceljs.
 */
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { constants, crc32, createDeflateRaw } from 'node:zlib';

type Cell = string | number;

const escape = (s: string) =>
  s.replace(/[&<>"]/g, (c) => (c === '&' ? '&amp;' : c === '<' ? '&lt;' : c === '>' ? '&gt;' : '&quot;'));

function column(c: number): string {
  let n = c + 1;
  let s = '';
  while (n > 0) {
    const r = (n - 1) % 26;
    s = String.fromCharCode(65 + r) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

/**
 * Writes `rows` (a generator, so that they are made as they are written) as sheet `sheet` of a
 * workbook at `file`. Texts go to the shared strings, numbers into the cells.
 */
export async function writeXlsx(file: string, sheet: string, rows: Iterable<Cell[]>): Promise<void> {
  const out = createWriteStream(file);
  let offset = 0;
  const central: Buffer[] = [];
  const write = async (b: Buffer) => {
    offset += b.length;
    if (!out.write(b)) await once(out, 'drain');
  };
  const strings = new Map<string, number>();

  /** One zip entry: local header (sizes after the data), deflated data, data descriptor. */
  async function entry(name: string, produce: (push: (s: string) => Promise<void>) => Promise<void>) {
    const nameBytes = Buffer.from(name, 'utf8');
    const start = offset;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0808, 6); // sizes in a data descriptor; UTF-8 names
    local.writeUInt16LE(8, 8); // deflate
    local.writeUInt16LE(nameBytes.length, 26);
    await write(Buffer.concat([local, nameBytes]));
    let crc = 0;
    let size = 0;
    let compressed = 0;
    const deflate = createDeflateRaw({ level: constants.Z_BEST_SPEED });
    deflate.on('data', (chunk: Buffer) => {
      compressed += chunk.length;
      offset += chunk.length;
      out.write(chunk);
    });
    let pending = '';
    const flush = async () => {
      const b = Buffer.from(pending, 'utf8');
      pending = '';
      crc = crc32(b, crc);
      size += b.length;
      if (!deflate.write(b)) await once(deflate, 'drain');
    };
    await produce(async (s) => {
      pending += s;
      if (pending.length > 1 << 16) await flush();
    });
    await flush();
    deflate.end();
    await once(deflate, 'end');
    const descriptor = Buffer.alloc(16);
    descriptor.writeUInt32LE(0x08074b50, 0);
    descriptor.writeUInt32LE(crc >>> 0, 4);
    descriptor.writeUInt32LE(compressed, 8);
    descriptor.writeUInt32LE(size, 12);
    await write(descriptor);
    const c = Buffer.alloc(46);
    c.writeUInt32LE(0x02014b50, 0);
    c.writeUInt16LE(20, 4);
    c.writeUInt16LE(20, 6);
    c.writeUInt16LE(0x0808, 8);
    c.writeUInt16LE(8, 10);
    c.writeUInt32LE(crc >>> 0, 16);
    c.writeUInt32LE(compressed, 20);
    c.writeUInt32LE(size, 24);
    c.writeUInt16LE(nameBytes.length, 28);
    c.writeUInt32LE(start, 42);
    central.push(Buffer.concat([c, nameBytes]));
  }
  const small = (name: string, xml: string) =>
    entry(name, async (push) => {
      await push(xml);
    });

  const header = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';
  const ns = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"';
  const rel = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
  await small(
    '[Content_Types].xml',
    `${header}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>`,
  );
  await small(
    '_rels/.rels',
    `${header}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${rel}/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
  );
  await small(
    'xl/workbook.xml',
    `${header}<workbook ${ns} xmlns:r="${rel}"><sheets><sheet name="${escape(sheet)}" sheetId="1" r:id="rId1"/></sheets></workbook>`,
  );
  await small(
    'xl/_rels/workbook.xml.rels',
    `${header}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${rel}/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="${rel}/sharedStrings" Target="sharedStrings.xml"/></Relationships>`,
  );
  await entry('xl/worksheets/sheet1.xml', async (push) => {
    await push(`${header}<worksheet ${ns}><sheetData>`);
    let r = 0;
    for (const row of rows) {
      r++;
      let xml = `<row r="${r}">`;
      row.forEach((v, c) => {
        const at = `${column(c)}${r}`;
        if (typeof v === 'number') xml += `<c r="${at}"><v>${v}</v></c>`;
        else {
          let i = strings.get(v);
          if (i === undefined) strings.set(v, (i = strings.size));
          xml += `<c r="${at}" t="s"><v>${i}</v></c>`;
        }
      });
      await push(`${xml}</row>`);
    }
    await push('</sheetData></worksheet>');
  });
  await entry('xl/sharedStrings.xml', async (push) => {
    await push(`${header}<sst ${ns} count="${strings.size}" uniqueCount="${strings.size}">`);
    for (const s of strings.keys()) await push(`<si><t xml:space="preserve">${escape(s)}</t></si>`);
    await push('</sst>');
  });

  const cd = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(central.length, 8);
  end.writeUInt16LE(central.length, 10);
  end.writeUInt32LE(cd.length, 12);
  end.writeUInt32LE(offset, 16);
  await write(Buffer.concat([cd, end]));
  out.end();
  await once(out, 'finish');
}

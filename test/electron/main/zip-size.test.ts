/**
 * A workbook read whole is first asked how big it becomes: a zip bomb (a few KB that inflate to
 * gigabytes) is refused before anything is inflated; real workbooks, damaged ones and the sample
 * city's pass to the reader as before.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { deflateRawSync } from 'node:zlib';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MAX_INFLATED, readWorkbook, WorkbookReadError } from '../../../electron/main/excel/read-workbook';
import { inflatedSize } from '../../../electron/main/excel/zip-size';
import { CITY_SCHEME, tempDir } from '../../helpers/workspace';

/** A zip of the given entries, each stored deflated with the sizes it declares (by default, true). */
function zip(entries: { name: string; data: Buffer; declared?: number }[]): Buffer {
  const locals: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const name = Buffer.from(e.name);
    const packed = deflateRawSync(e.data);
    const size = e.declared ?? e.data.length;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(8, 8); // deflate
    local.writeUInt32LE(packed.length, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(name.length, 26);
    const cen = Buffer.alloc(46);
    cen.writeUInt32LE(0x02014b50, 0);
    cen.writeUInt16LE(20, 4);
    cen.writeUInt16LE(20, 6);
    cen.writeUInt16LE(8, 10);
    cen.writeUInt32LE(packed.length, 20);
    cen.writeUInt32LE(size, 24);
    cen.writeUInt16LE(name.length, 28);
    cen.writeUInt32LE(offset, 42);
    locals.push(local, name, packed);
    central.push(cen, name);
    offset += 30 + name.length + packed.length;
  }
  const dir = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(dir.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, dir, end]);
}

let tmp: ReturnType<typeof tempDir>;
beforeEach(() => (tmp = tempDir()));
afterEach(() => tmp.cleanup());

describe('the inflated size of a workbook', () => {
  it('is the sum its directory declares, read without inflating', () => {
    const z = zip([
      { name: '[Content_Types].xml', data: Buffer.alloc(1000, 'a') },
      { name: 'xl/worksheets/sheet1.xml', data: Buffer.alloc(250_000, 'b') },
    ]);
    expect(z.length).toBeLessThan(2000);
    expect(inflatedSize(z)).toBe(251_000);
  });

  it('of the sample scheme is small, and a truncated file has none (the reader says it is damaged)', () => {
    const bytes = readFileSync(CITY_SCHEME);
    const n = inflatedSize(bytes) as number;
    expect(n).toBeGreaterThan(bytes.length);
    expect(n).toBeLessThan(2 * 1024 * 1024);
    expect(inflatedSize(bytes.subarray(0, bytes.length - 100))).toBeNull();
  });

  it('over the limit refuses the file with what to do, before anything is inflated', async () => {
    const bomb = join(tmp.dir, '指标数据.xlsx');
    writeFileSync(
      bomb,
      zip([{ name: 'xl/worksheets/sheet1.xml', data: Buffer.alloc(2_000_000), declared: MAX_INFLATED + 1 }]),
    );
    const e = await readWorkbook(bomb).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(WorkbookReadError);
    expect((e as Error).message).toContain('《指标数据.xlsx》解压后超过 300 MB');
    expect((e as Error).message).toContain('另存');
  });
});

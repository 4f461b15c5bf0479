/** The scheme workbook the app writes is the one it reads: out and back in gives the same scheme. */
import { describe, expect, it } from 'vitest';
import { writeSchemeWorkbook } from '../../../electron/main/excel/write-scheme';
import { readWorkbook } from '../../../electron/main/excel/read-workbook';
import { parseSchemeWorkbook } from '../../../shared/import/scheme-workbook';
import { cityWorkspace } from '../../helpers/workspace';

describe('writing the scheme workbook', () => {
  it('round-trips the sample city’s scheme, rules and veto marks included', async () => {
    const ws = await cityWorkspace();
    const scheme = ws.services.cycles.scheme(ws.cycle.id);
    const bytes = await writeSchemeWorkbook(scheme, new Date(0));
    const back = parseSchemeWorkbook(await readWorkbook('方案.xlsx', bytes), scheme.name);
    expect(back.issues).toEqual([]);
    expect(back.scheme).toEqual(scheme);
    ws.db.close();
  });
});

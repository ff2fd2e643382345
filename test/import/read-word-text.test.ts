import { beforeAll, describe, expect, it } from 'vitest';
import type { SourceRow } from '../../src/domain/source-row.js';
import { decodeText } from '../../src/import/decode-text.js';
import { readWordText } from '../../src/import/read-word-text.js';
import { readSeed000 } from '../fixtures/seed-000.js';

describe('readWordText on text copied out of Word (seed 000)', () => {
  let rows: SourceRow[];
  const row = (where: string): SourceRow | undefined => rows.find((r) => r.where === where);

  beforeAll(async () => {
    rows = readWordText(decodeText(await readSeed000()));
  });

  it('reads a tab-separated line as a table row, keeping every cell and dropping the italics', () => {
    expect(row('Line 147')).toEqual({
      kind: 'table',
      cells: [
        '3.8 Continue to monitor the use of the ASB Tools and Powers and share good practice between local authorities *CSP action',
        'Use of Tools and Powers monitored Good practice shared across County',
        'Positive action against anti-social behaviour',
        'Lead – ASBRO, CSO',
        'March 2017',
        'COMPLETED report taken to Community Safety Partnership (CSP)',
        '',
      ],
      where: 'Line 147',
      exactColumns: false,
    });
  });

  it('puts each <p> of a cell on its own line', () => {
    expect(row('Line 191')?.cells.at(-1)).toBe(
      'COMPLETED Action completed.\nEngagement Day held on 1st June.\nEngagement week held in October\nEvaluation to follow',
    );
    expect(row('Line 204')?.cells).toEqual([
      '2. Anti-social behaviour\nCorporate priority – Enhancing local communities and involvement',
      '',
      '',
      '',
      '',
      '',
    ]);
  });

  it('keeps empty cells where they are and a bare & as it is', () => {
    expect(row('Line 140')?.cells).toEqual([
      '3.6 Trial proforma for establishing lead officer for cases where both ASB and EP are involved',
      'Proforma produced, tested and evaluated',
      'Single point of contact for complex cases',
      'Lead – ASBRO & EP Team',
      '',
      'March 2017',
      'COMPLETED via CIVICA',
    ]);
  });

  it('reads a line without a tab as a paragraph and skips blank lines', () => {
    expect(row('Line 3')).toEqual({
      kind: 'paragraph',
      cells: ['Policy Group – 19 July 2017'],
      where: 'Line 3',
      exactColumns: false,
    });
    expect(row('Line 1')).toBeUndefined();
    expect(row('Line 2')).toBeUndefined();
  });

  it('leaves no markup in any cell', () => {
    const cells = rows.flatMap((r) => r.cells);
    expect(cells.filter((cell) => typeof cell !== 'string' || /<\/?[a-z]+>|&amp;/.test(cell))).toEqual([]);
  });
});

describe('readWordText', () => {
  it('numbers lines as the file has them and skips lines of nothing but tabs', () => {
    expect(readWordText('Title\n\n\t\t\nACTION\tDEADLINE\n<p></p>\n')).toEqual([
      { kind: 'paragraph', cells: ['Title'], where: 'Line 1', exactColumns: false },
      { kind: 'table', cells: ['ACTION', 'DEADLINE'], where: 'Line 4', exactColumns: false },
    ]);
  });
});

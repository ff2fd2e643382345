import { describe, expect, it } from 'vitest';
import { readDelimited } from '../../src/import/read-delimited.js';

const cells = (text: string, format: 'csv' | 'tsv' = 'csv'): string[][] =>
  readDelimited(text, format).map((row) => row.cells.map(String));

describe('readDelimited', () => {
  it('finds semicolons even when the prose has more commas', () => {
    const text = [
      'Plan 2016-17;;;',
      'ACTION;MEASURE;LEAD;DEADLINE',
      '1.1 Update guidance, policies, procedures and forms;Updated, shared, understood;CSO, HO;March 2017',
      '1.2 Run a campaign;Campaign run;ASBRO;Sept 2016',
    ].join('\n');
    expect(cells(text)[2]).toEqual([
      '1.1 Update guidance, policies, procedures and forms',
      'Updated, shared, understood',
      'CSO, HO',
      'March 2017',
    ]);
  });

  it('ignores delimiters inside quoted cells when choosing', () => {
    expect(cells('"a;b;c;d",x\n"e;f;g;h",y\n')).toEqual([
      ['a;b;c;d', 'x'],
      ['e;f;g;h', 'y'],
    ]);
    expect(cells('ACTION\tLEAD\n"1.1 Update, share"\tCSO\n')).toEqual([
      ['ACTION', 'LEAD'],
      ['1.1 Update, share', 'CSO'],
    ]);
  });

  it('names each record by the line it starts on and skips blank records', () => {
    const rows = readDelimited('ACTION,UPDATE\n\n1.1,"Done.\nShared."\n , \n1.2,  Amber  ', 'csv');
    expect(rows).toEqual([
      { kind: 'table', cells: ['ACTION', 'UPDATE'], where: 'Row 1', exactColumns: true },
      { kind: 'table', cells: ['1.1', 'Done.\nShared.'], where: 'Row 3', exactColumns: true },
      { kind: 'table', cells: ['1.2', 'Amber'], where: 'Row 6', exactColumns: true },
    ]);
  });

  it('keeps a stray quote inside an unquoted cell, as Excel does', () => {
    expect(cells('Buy a 5" screen,CSO\n')).toEqual([['Buy a 5" screen', 'CSO']]);
  });

  it('strips HTML only from cells that hold it', () => {
    expect(cells('<p>Done.</p><p>Shared.</p>\treduce by <5% & more\n', 'tsv')).toEqual([
      ['Done.\nShared.', 'reduce by <5% & more'],
    ]);
  });

  it('says which row has an unclosed quote and how to fix it', () => {
    expect(() => readDelimited('ACTION,LEAD\n1.1,CSO\n1.2,"Lead – ASBRO\n1.3,HO\n', 'csv')).toThrow(
      expect.objectContaining({
        code: 'file-unreadable',
        message: expect.stringMatching(/^Row 3: the cell in column B starts with a quote mark .*Add the closing "/),
      }),
    );
  });
});

import JSZip from 'jszip';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ProgressReport } from '../../src/domain/progress-report.js';
import { writeProgressDocx } from '../../src/report/write-progress-docx.js';
import { seedReportWithLongUpdate } from './seed-report.js';

async function documentXml(report: ProgressReport): Promise<{ body: string; numbering: string }> {
  const zip = await JSZip.loadAsync(await writeProgressDocx(report));
  return { body: await zip.file('word/document.xml')!.async('string'), numbering: await zip.file('word/numbering.xml')!.async('string') };
}

describe('the Word progress table, as the file says it', () => {
  let xml: { body: string; numbering: string };
  beforeAll(async () => {
    xml = await documentXml(await seedReportWithLongUpdate());
  });

  it('is A4 landscape', () => {
    expect(xml.body).toMatch(/<w:pgSz w:w="16838" w:h="11906" w:orient="landscape"\/>/);
  });

  it('repeats its header row on every page and keeps rows whole, except one too tall for a page', () => {
    const rows = xml.body.split('<w:tr>').slice(1);
    expect(rows[0]).toContain('<w:tblHeader/>');
    const split = rows.filter((row) => !row.includes('<w:cantSplit/>'));
    expect(split).toHaveLength(1);
    expect(split[0]).toContain('LastWordOfUpdate');
  });

  it('draws "not reported" in the list label, so the cell itself stays empty', () => {
    expect(xml.numbering).toContain('w:val="○ NOT REPORTED"');
    expect(xml.numbering).toContain('w:val="✔"');
  });
});

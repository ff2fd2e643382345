import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** Where the render tests leave page images for a person to look at. */
export const ARTIFACTS = fileURLToPath(new URL('../../test-artifacts/', import.meta.url));
const INSTALL = 'apt-get update && apt-get install -y libreoffice-writer-nogui poppler-utils';

/** Runs LibreOffice or a poppler tool, saying how to install it when it is missing. */
export async function tool(command: string, args: string[]): Promise<string> {
  try {
    return (await run(command, args, { maxBuffer: 16 * 1024 * 1024 })).stdout;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
      throw new Error(`${command} is not installed; this test renders the Word document with LibreOffice and reads the PDF with poppler. Install them: ${INSTALL}`);
    }
    throw error;
  }
}

/** The text of each page of a PDF, laid out as on the page. */
export async function pageTexts(pdf: string): Promise<string[]> {
  const count = Number(/^Pages:\s+(\d+)/m.exec(await tool('pdfinfo', [pdf]))?.[1]);
  return Promise.all(Array.from({ length: count }, (_, i) => tool('pdftotext', ['-layout', '-f', `${i + 1}`, '-l', `${i + 1}`, pdf, '-'])));
}

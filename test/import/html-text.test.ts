import { describe, expect, it } from 'vitest';
import { decodeText } from '../../src/import/decode-text.js';
import { htmlCellText, htmlText } from '../../src/import/html-text.js';

describe('htmlText', () => {
  it('puts each paragraph of a cell on its own line', () => {
    expect(htmlText('<p>COMPLETED Action completed.</p> <p>Engagement Day held on 1st June.</p>')).toBe(
      'COMPLETED Action completed.\nEngagement Day held on 1st June.',
    );
    expect(htmlText('one<br>two<br/>three')).toBe('one\ntwo\nthree');
    expect(htmlText('<ul><li>Police</li><li>Council</li></ul>')).toBe('Police\nCouncil');
    expect(htmlText('<div>a</div>\n\n<div><p>b</p></div>')).toBe('a\nb');
  });

  it('drops inline tags and decodes entities', () => {
    expect(htmlText('local authorities <i>*CSP action</i>')).toBe('local authorities *CSP action');
    expect(htmlText('the <u>ASBasb</u> Module')).toBe('the ASBasb Module');
    expect(htmlText('Purbeck &amp; Dorset&nbsp;&ndash; &#163;5 &#x2013; done')).toBe('Purbeck & Dorset – £5 – done');
    expect(htmlText('<style>p { color: red }</style><p>Text</p>')).toBe('Text');
  });

  it('collapses whitespace inside HTML as a browser would', () => {
    expect(htmlText('<p>  Lead –\n   ASBRO,\tCSO  </p>')).toBe('Lead – ASBRO, CSO');
  });

  it('leaves prose that only looks like markup alone', () => {
    expect(htmlText('reduce by <5%')).toBe('reduce by <5%');
    expect(htmlText('<p>reduce by <5% and keep > 90%</p>')).toBe('reduce by <5% and keep > 90%');
    expect(htmlText('Send to <insert name> by Friday')).toBe('Send to <insert name> by Friday');
    expect(htmlText('<p>Send to <insert name> by Friday</p>')).toBe('Send to <insert name> by Friday');
    expect(htmlText('ASBRO & EP Team')).toBe('ASBRO & EP Team');
  });

  it('only trims and collapses spaces in plain text, keeping its lines', () => {
    expect(htmlText('  Lead \t–\u00a0 ASBRO  ')).toBe('Lead – ASBRO');
    expect(htmlText('COMPLETED \r\n\r\n  Shared with staff. ')).toBe('COMPLETED\nShared with staff.');
    expect(htmlText(' \t ')).toBe('');
  });
});

describe('htmlCellText', () => {
  it('keeps a bulleted list’s bullets in a cell, one item a line, so a list of actions reads as a list', () => {
    expect(htmlCellText('<ul><li>Deliver the programme</li><li>Enforce the policy</li></ul>')).toBe('• Deliver the programme\n• Enforce the policy');
  });

  it('draws no bullet for a numbered list or a paragraph, and reads plain text as htmlText does', () => {
    expect(htmlCellText('<ol><li>First</li><li>Second</li></ol><p>Note</p>')).toBe('First\nSecond\nNote');
    expect(htmlCellText('Lead – CSO')).toBe(htmlText('Lead – CSO'));
  });
});

describe('decodeText', () => {
  const bytes = (...values: number[]): Uint8Array => Uint8Array.from(values);

  it('reads UTF-8 with or without a byte order mark', () => {
    const utf8 = new TextEncoder().encode('Lead – CSO');
    expect(decodeText(utf8)).toBe('Lead – CSO');
    expect(decodeText(new Uint8Array([0xef, 0xbb, 0xbf, ...utf8]))).toBe('Lead – CSO');
  });

  it('reads UTF-16 with a byte order mark', () => {
    expect(decodeText(bytes(0xff, 0xfe, 0x41, 0x00, 0x13, 0x20, 0x42, 0x00))).toBe('A–B');
    expect(decodeText(bytes(0xfe, 0xff, 0x00, 0x41, 0x20, 0x13, 0x00, 0x42))).toBe('A–B');
  });

  it('reads bytes that are not UTF-8 as windows-1252, as Excel saves CSV on Windows', () => {
    expect(decodeText(bytes(0x4c, 0x65, 0x61, 0x64, 0x20, 0x96, 0x20, 0xa3, 0x35))).toBe('Lead – £5');
  });

  it('turns Windows and old Mac line endings into \\n', () => {
    expect(decodeText(new TextEncoder().encode('a\r\nb\rc\n'))).toBe('a\nb\nc\n');
  });
});

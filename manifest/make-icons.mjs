#!/usr/bin/env node
/**
 * Draws the Teams app icons from code, so they can be made again exactly:
 *
 *   node manifest/make-icons.mjs            # writes manifest/color.png and manifest/outline.png
 *   node manifest/make-icons.mjs <folder>   # writes them into another folder
 *
 * The picture is an action plan on a clipboard: three actions, each with its
 * RAG status (green, amber, red) and a line of text.
 *
 * - color.png, 192×192: full colour on the app's accent colour (the manifest's
 *   accentColor), edges anti-aliased.
 * - outline.png, 32×32: what Teams requires of an outline icon, white on a
 *   transparent background and nothing else: every pixel is either opaque
 *   white or fully transparent (no anti-aliasing, no grey).
 *
 * Plain JavaScript so it runs with node alone; pngjs is a devDependency.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PNG } from 'pngjs';

/** The manifest's accentColor; keep the two in step. */
export const ACCENT = '#1F6F8B';

const rgb = (hex) => [1, 3, 5].map((i) => Number.parseInt(hex.slice(i, i + 2), 16));

const COLOURS = {
  accent: rgb(ACCENT),
  clip: rgb('#0F3F52'),
  board: rgb('#FFFFFF'),
  text: rgb('#5B6B78'),
  green: rgb('#2E8B57'),
  amber: rgb('#E8A317'),
  red: rgb('#C8393B'),
};

/** Signed distance to a rectangle with rounded corners: negative inside. */
function roundedRect(x0, y0, x1, y1, r) {
  const cx = (x0 + x1) / 2;
  const cy = (y0 + y1) / 2;
  const hx = (x1 - x0) / 2 - r;
  const hy = (y1 - y0) / 2 - r;
  return (x, y) => {
    const dx = Math.abs(x - cx) - hx;
    const dy = Math.abs(y - cy) - hy;
    return Math.hypot(Math.max(dx, 0), Math.max(dy, 0)) + Math.min(Math.max(dx, dy), 0) - r;
  };
}

function circle(cx, cy, r) {
  return (x, y) => Math.hypot(x - cx, y - cy) - r;
}

/** The colour icon's shapes, back to front, in its 192-pixel coordinates. */
function colourShapes() {
  const shapes = [
    [COLOURS.board, roundedRect(44, 34, 148, 166, 12)],
    [COLOURS.clip, roundedRect(72, 22, 120, 48, 9)],
  ];
  const rows = [
    [COLOURS.green, 76, 128],
    [COLOURS.amber, 108, 116],
    [COLOURS.red, 140, 124],
  ];
  for (const [status, y, lineEnd] of rows) {
    shapes.push([status, circle(70, y, 10)]);
    shapes.push([COLOURS.text, roundedRect(90, y - 5, lineEnd, y + 5, 5)]);
  }
  return shapes;
}

/** 192×192, opaque: the accent colour with the clipboard on it; each pixel sampled 4×4 times for smooth edges. */
export function colourIcon() {
  const size = 192;
  const png = new PNG({ width: size, height: size });
  const shapes = colourShapes();
  const n = 4;
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      const sum = [0, 0, 0];
      for (let sy = 0; sy < n; sy++) {
        for (let sx = 0; sx < n; sx++) {
          const x = px + (sx + 0.5) / n;
          const y = py + (sy + 0.5) / n;
          let colour = COLOURS.accent;
          for (const [fill, distance] of shapes) if (distance(x, y) <= 0) colour = fill;
          for (let c = 0; c < 3; c++) sum[c] += colour[c];
        }
      }
      const i = (py * size + px) * 4;
      for (let c = 0; c < 3; c++) png.data[i + c] = Math.round(sum[c] / (n * n));
      png.data[i + 3] = 255;
    }
  }
  return PNG.sync.write(png, { colorType: 6 });
}

/**
 * 32×32 outline, drawn pixel by pixel: `#` is opaque white, `.` fully
 * transparent. The clipboard's border, its clip, and three actions (a status
 * dot and a line of text each).
 */
export const OUTLINE = [
  '................................',
  '................................',
  '................................',
  '...........##########...........',
  '...........##########...........',
  '......####.##########.####......',
  '......####.##########.####......',
  '......##...##########...##......',
  '......##................##......',
  '......##................##......',
  '......##................##......',
  '......##..##..########..##......',
  '......##..##..########..##......',
  '......##................##......',
  '......##................##......',
  '......##................##......',
  '......##..##..######....##......',
  '......##..##..######....##......',
  '......##................##......',
  '......##................##......',
  '......##................##......',
  '......##..##..#######...##......',
  '......##..##..#######...##......',
  '......##................##......',
  '......##................##......',
  '......##................##......',
  '......##................##......',
  '......####################......',
  '......####################......',
  '................................',
  '................................',
  '................................',
];

export function outlineIcon() {
  const size = 32;
  if (OUTLINE.length !== size || OUTLINE.some((row) => row.length !== size)) throw new Error('OUTLINE must be 32 rows of 32 pixels');
  const png = new PNG({ width: size, height: size });
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const i = (y * size + x) * 4;
      const on = OUTLINE[y][x] === '#';
      png.data[i] = on ? 255 : 0;
      png.data[i + 1] = on ? 255 : 0;
      png.data[i + 2] = on ? 255 : 0;
      png.data[i + 3] = on ? 255 : 0;
    }
  }
  return PNG.sync.write(png, { colorType: 6 });
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const folder = process.argv[2] ?? fileURLToPath(new URL('.', import.meta.url));
  mkdirSync(folder, { recursive: true });
  writeFileSync(join(folder, 'color.png'), colourIcon());
  writeFileSync(join(folder, 'outline.png'), outlineIcon());
  process.stdout.write(`Wrote ${join(folder, 'color.png')} (192×192) and ${join(folder, 'outline.png')} (32×32).\n`);
}

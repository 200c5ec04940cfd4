import { MARKER } from '../../fixtures/templates.js';

/**
 * The marker's base64 forms, computed here at run time (never written out) and independently of the
 * detector: for each byte alignment, the characters that depend on the marker alone, cut in two halves.
 */
export function markerBase64Halves(): string[] {
  const halves: string[] = [];
  for (let o = 0; o < 3; o++) {
    const encoded = Buffer.concat([Buffer.alloc(o), Buffer.from(MARKER), Buffer.alloc(3)]).toString('base64');
    const form = encoded.slice(Math.ceil((8 * o) / 6), Math.floor((8 * o + 8 * MARKER.length) / 6));
    const half = Math.ceil(form.length / 2);
    halves.push(form.slice(0, half), form.slice(half));
  }
  return halves;
}

/** The marker in lower-case hex. */
export const markerHex = () => Buffer.from(MARKER).toString('hex');

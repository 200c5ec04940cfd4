/**
 * Raised whenever the detector's code finds keys it did not find before (a new context, a decoder), so
 * that sweeps, which remember blobs read clean per detector version, read those blobs again.
 * 2: keys glued to %22, \u0022, \x22 and ANSI colour codes; keys in base64 and in hex.
 * 3: keys in UTF-16 text.
 * 4: keys written in pieces, joined; placeholders told apart from keys.
 */
export const DETECTOR_REVISION = 4;

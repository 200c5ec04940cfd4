import type { Confidence, KeyFormat, KeyType } from '../core/types.js';

/** One rule as written in patterns/*.json. */
export type RuleSpec = {
  id: string;
  name: string;
  keyType: KeyType;
  format: KeyFormat;
  confidence: Confidence;
  /** Anchored to a whole candidate token, with named groups `left` and `right` around the marker. */
  regex: string;
  /** Templates; «…» marks the secret the detector must report. */
  examples: string[];
  /** Templates this rule must not report. */
  negativeExamples: string[];
};

/** What keysweep says about one key format: its display name, its literal prefixes, how to revoke it. */
export type FormatSpec = { name: string; prefixes: string[]; remediation: string };

/** How to revoke one kind of key; `{page}`, `{usage}` and `{where}` are filled in (see remediation.ts). */
export type RemediationKind = { page: string; projectPage?: string; apiRevocation: string | null; steps: string[] };
export type RemediationSpec = { usagePage: string; afterRevoking: string[]; kinds: Record<string, RemediationKind> };

/**
 * When a side of the marker is made up rather than random (see the comment in patterns/openai.json).
 * `examples` must classify as placeholders and `negativeExamples` must stay findings; the tests run both.
 */
export type PlaceholderSpec = {
  minDistinctCharsPerSide: number;
  sequenceRun: number;
  repeatMaxPeriod: number;
  repeatMinMatch: number;
  examples: string[];
  negativeExamples: string[];
};

/** A key inside an encoding, for the test suite: `template` is encoded as `encoding` and put into `context` at `{encoded}`. */
export type EncodedExample = { encoding: string; template: string; context: string };

/** The whole rule file. */
export type RuleFileSpec = {
  marker: string;
  tokenChars: string;
  tokenMinLength: number;
  tokenMaxLength: number;
  notOpenAIPrefixes: string[];
  placeholders: PlaceholderSpec;
  /** Keys in encodings the detector must find (examples) or must not report (negativeExamples); test data only. */
  encodings?: { examples: EncodedExample[]; negativeExamples: EncodedExample[] };
  /** Templates no rule may report: look-alikes from other vendors, redacted forms. */
  notKeys: string[];
  /** Every format a rule names, with its display name, prefixes and remediation kind. */
  formats: Record<KeyFormat, FormatSpec>;
  remediation: RemediationSpec;
  rules: RuleSpec[];
};

export type CompiledRule = Omit<RuleSpec, 'regex'> & { pattern: RegExp };

/** What the detector needs: plain data and compiled patterns, no file access. */
export type RuleSet = {
  marker: Buffer;
  /** Look for keys inside encodings too (base64, hex, UTF-16); --no-decode turns it off. Not part of the rule file. */
  decode: boolean;
  /** 256 entries, 1 where the byte can be part of a key token. */
  tokenByte: Uint8Array;
  tokenMinLength: number;
  tokenMaxLength: number;
  notOpenAIPrefixes: string[];
  placeholders: PlaceholderSpec;
  notKeys: string[];
  formats: Record<KeyFormat, FormatSpec>;
  remediation: RemediationSpec;
  /** The literal prefixes redaction keeps visible, longest first ("sk-" itself is the fallback). */
  redactionPrefixes: string[];
  rules: CompiledRule[];
  /** The rule file as read: what worker threads compile for themselves. */
  spec: RuleFileSpec;
};

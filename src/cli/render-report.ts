import { jsonReport } from '../report/json-report.js';
import { jsonlReport } from '../report/jsonl-report.js';
import type { ReportInput } from '../report/report-input.js';
import { sarifReport } from '../report/sarif-report.js';
import { textReport } from '../report/text-report.js';
import type { ReportFormat } from './report-flags.js';

const REPORTERS: Record<ReportFormat, (input: ReportInput) => string> = {
  text: textReport,
  json: jsonReport,
  jsonl: jsonlReport,
  sarif: sarifReport,
};

export function renderReport(format: ReportFormat, input: ReportInput): string {
  return REPORTERS[format](input);
}

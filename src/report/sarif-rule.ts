import type { Finding } from '../core/types.js';
import { describeKey } from './describe-key.js';

/** A SARIF reportingDescriptor for a rule, with the revocation steps as its help. */
export function sarifRule(example: Finding) {
  const { remediation } = example;
  const steps = remediation.steps.map((step, i) => `${i + 1}. ${step}`);
  const api = remediation.apiRevocation ? [`Admin API: ${remediation.apiRevocation}`] : ['No revocation API exists for this key type: use the page above.'];
  const text = [`Revoke at ${remediation.revokeUrl}`, ...steps, ...api].join('\n');
  return {
    id: example.ruleId,
    name: pascalCase(example.ruleId),
    shortDescription: { text: `Leaked OpenAI ${describeKey(example)}` },
    fullDescription: {
      text:
        example.keyType === 'admin'
          ? 'An OpenAI admin key manages the whole organisation: users, projects, keys and billing. Highest risk.'
          : 'An OpenAI API key that can call models and spend the project’s credits.',
    },
    help: { text, markdown: [`Revoke at <${remediation.revokeUrl}>`, '', ...steps, '', ...api].join('\n') },
    defaultConfiguration: { level: 'error' },
    properties: { tags: ['security', 'secret', 'openai'], 'security-severity': example.keyType === 'admin' ? '9.8' : '8.5', precision: example.confidence === 'high' ? 'very-high' : 'medium' },
  };
}

function pascalCase(id: string): string {
  return id.split('-').map((part) => part.charAt(0).toUpperCase() + part.slice(1)).join('');
}

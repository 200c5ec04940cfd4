/**
 * base64("OpenAI"), carried by every OpenAI secret key. The rule file is the source of truth for detection;
 * this copy serves code that must not depend on the rules loading: error redaction and the guard in front
 * of the HTTP client.
 */
export const OPENAI_MARKER = 'T3BlbkFJ';

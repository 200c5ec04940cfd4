import type { Verification } from '../core/types.js';

/** `dana@example.com` → `d***@example.com`: enough to know whose key it is, not to publish their address. */
function redactEmail(email: string): string {
  const at = email.indexOf('@');
  return at > 0 ? `${email[0]}***${email.slice(at)}` : '***';
}

/** `/v1/me` holds personal data (name, email, phone): only redacted forms leave this function. */
export function ownerFromMe(body: string): NonNullable<Verification['owner']> {
  try {
    const me = JSON.parse(body) as { name?: string; email?: string; phone_number?: string; orgs?: { data?: Array<{ title?: string; id?: string }> } };
    return {
      ...(me.name ? { name: `${me.name.trim()[0] ?? ''}***` } : {}),
      ...(me.email ? { email: redactEmail(me.email) } : {}),
      ...(me.phone_number ? { phone: `***${me.phone_number.replace(/\D/g, '').slice(-2)}` } : {}),
      organizations: (me.orgs?.data ?? []).map((o) => o.id ?? o.title ?? '?'),
    };
  } catch {
    return {};
  }
}

// Scrub secrets from any text before it is logged, exported or shown.

/** Replace every known secret, and anything that looks like an Authorization header value. */
export function redactSecrets(text: string, secrets: readonly string[] = []): string {
  let out = text;
  for (const s of secrets) {
    if (s && s.length >= 4) out = out.split(s).join('«redacted»');
  }
  return out
    .replace(/\b(Bearer|Basic)\s+[A-Za-z0-9._~+/=-]{6,}/g, '$1 «redacted»')
    .replace(/\b(Authorization:\s*)(?!Bearer\b|Basic\b|«)[A-Za-z0-9._~+/=-]{6,}/gi, '$1«redacted»');
}

/** "…abcd" style hint for a token. */
export function last4(token: string): string {
  return token.slice(-4);
}

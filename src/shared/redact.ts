// Scrub secrets from any text before it is logged, exported, saved in history or shown.
// Every output path (logger, CLI stderr, errors and PSR answers returned to the renderer, history,
// exports) calls this, before any clip: a secret cut in two by a clip would keep its first half.
// Pure string work: no Node, no DOM (base64 done by hand so the renderer could use it too).

export const REDACTED = '«redacted»';

/** Base64 fragments shorter than this are not redacted (too likely to match innocent text). */
const MIN_BASE64_FRAGMENT = 8;

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

function utf8(text: string): number[] {
  return Array.from(new TextEncoder().encode(text));
}

function base64Chars(bytes: number[]): string {
  let out = '';
  for (let i = 0; i + 2 < bytes.length; i += 3) {
    const n = (bytes[i]! << 16) | (bytes[i + 1]! << 8) | bytes[i + 2]!;
    out += B64[(n >> 18) & 63]! + B64[(n >> 12) & 63]! + B64[(n >> 6) & 63]! + B64[n & 63]!;
  }
  return out;
}

/**
 * The base64 text that appears whenever `secret` is base64-encoded inside a longer byte string
 * (e.g. `user:token` in a Basic header), for each of the three byte alignments: only the characters
 * that depend on the secret's bytes alone.
 */
export function base64Fragments(secret: string): string[] {
  const bytes = utf8(secret);
  const out: string[] = [];
  for (let pad = 0; pad < 3; pad++) {
    const padded = [...new Array<number>(pad).fill(0), ...bytes];
    const whole = padded.length - (padded.length % 3);
    const enc = base64Chars(padded.slice(0, whole));
    const first = Math.ceil((pad * 8) / 6);
    const frag = enc.slice(first);
    if (frag.length >= MIN_BASE64_FRAGMENT) out.push(frag, frag.replace(/\+/g, '-').replace(/\//g, '_'));
  }
  return out;
}

const jsonEscape = (s: string) => JSON.stringify(s).slice(1, -1);

/** Every form of a secret that a leak could take, longest first. */
export function secretForms(secret: string): string[] {
  const once = jsonEscape(secret);
  const forms = new Set([secret, once, jsonEscape(once), encodeURIComponent(secret), ...base64Fragments(secret)]);
  return [...forms].filter((f) => f.length > 0).sort((a, b) => b.length - a.length);
}

/** An Authorization header's value in any serialisation (HTTP, JSON, escaped JSON): any length. */
const AUTH_HEADER = /(authorization\\{0,3}["']?\s*[:=]\s*\\{0,3}["']?\s*(?:(?:Bearer|Basic)\s+)?)[^\s"'\\,;<>]+/gi;
/** A scheme and a token-like value anywhere else (not "Basic scheme", "Bearer token"). */
const AUTH_VALUE = /\b(Bearer|Basic)(\s+|%20)(?!(?:scheme|token|auth|authentication|or|and)\b)[A-Za-z0-9._~+/=-]{6,}/g;
/** Secrets this short would match innocent text: redacted only inside an Authorization value. */
const MIN_FREE_SECRET = 3;
/** A piece of a secret this long (consecutive characters of its plain form) is redacted wherever it appears. */
export const MIN_SECRET_RUN = 12;
/** Runs are found from pieces this long taken every ANCHOR characters: any run of MIN_SECRET_RUN holds one. */
const ANCHOR = MIN_SECRET_RUN / 2;

/** A secret as it is looked for: its forms (longest first) and the plain text its runs are taken from. */
interface Sought {
  forms: string[];
  plain: string;
}

/**
 * Replace every run of at least MIN_SECRET_RUN consecutive characters of `plain` (a token missing its
 * first characters, cut by a clip, split around a separator). Each aligned anchor found in the text is
 * extended both ways while the text goes on matching the secret at that offset.
 */
function replaceRuns(text: string, plain: string, replacement: string): string {
  if (plain.length < MIN_SECRET_RUN) return text;
  let out = text;
  for (let at = 0; at + ANCHOR <= plain.length; at += ANCHOR) {
    const anchor = plain.slice(at, at + ANCHOR);
    let from = 0;
    for (let i = out.indexOf(anchor, from); i !== -1; i = out.indexOf(anchor, from)) {
      let start = i;
      let s = at;
      while (start > 0 && s > 0 && out[start - 1] === plain[s - 1]) {
        start--;
        s--;
      }
      let end = i + ANCHOR;
      let e = at + ANCHOR;
      while (end < out.length && e < plain.length && out[end] === plain[e]) {
        end++;
        e++;
      }
      if (end - start >= MIN_SECRET_RUN) {
        out = out.slice(0, start) + replacement + out.slice(end);
        from = start + replacement.length;
      } else from = i + 1;
    }
  }
  return out;
}

function scrub(text: string, sought: Sought[], replacement: string): string {
  let out = text;
  for (const s of sought) {
    for (const f of s.forms) if (out.includes(f)) out = out.split(f).join(replacement);
    out = replaceRuns(out, s.plain, replacement);
  }
  return out.replace(AUTH_HEADER, `$1${replacement}`).replace(AUTH_VALUE, `$1$2${replacement}`);
}

function sought(secrets: Iterable<string | undefined | null>, view: (s: string) => string): Sought[] {
  const out: Sought[] = [];
  for (const s of secrets) if (s && s.length >= MIN_FREE_SECRET) out.push({ forms: secretForms(s).map(view), plain: view(s) });
  return out;
}

/** Replace every form of each known secret, any long run of one, and anything that looks like an Authorization value. */
export function redactSecrets(text: string, secrets: Iterable<string | undefined | null> = []): string {
  return scrub(text, sought(secrets, (s) => s), REDACTED);
}

/** A text's UTF-8 bytes, one character per byte (the Latin-1 view of those bytes). */
export function latin1OfUtf8(text: string): string {
  return String.fromCharCode(...utf8(text));
}

/**
 * The same redaction for a binary body (a recording) read one character per byte (Latin-1): every
 * other byte is kept as it was, and the marker is written as UTF-8.
 */
export function redactLatin1(bytesAsLatin1: string, secrets: Iterable<string | undefined | null> = []): string {
  return scrub(bytesAsLatin1, sought(secrets, latin1OfUtf8), latin1OfUtf8(REDACTED));
}

/** A redactor bound to where the secrets live (profile tokens, $PSR_TOKEN). */
export function createRedactor(secrets: () => Iterable<string | undefined | null>): (text: string) => string {
  return (text) => redactSecrets(text, secrets());
}

/** Redact every string inside a JSON-like value (history entries, errors); returns a copy. */
export function redactDeep<T>(value: T, redact: (text: string) => string): T {
  if (typeof value === 'string') return redact(value) as T;
  if (Array.isArray(value)) return value.map((v: unknown) => redactDeep(v, redact)) as T;
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = redactDeep(v, redact);
    return out as T;
  }
  return value;
}

/** "…abcd" style hint for a token; empty for tokens too short to hint at without showing them. */
export function last4(token: string): string {
  return token.length >= 12 ? token.slice(-4) : '';
}

// One call's media frames differ from each other in their payload and their timestamp only. The
// memo keeps the last frame's text around the payload and the message JSON.parse gave for it; a
// frame whose text differs from the last one only in the digits of its leading timestamp gets a
// fresh copy of that message with the new timestamp, which is exactly what JSON.parse would give,
// without parsing. Anything else (another shape, a changed call_id, a timestamp that is not a
// plain integer, a key that could shadow it) is parsed as usual and becomes the new memo.
// Stateful: one memo per call (it lives with the call's payload scratch).

const LEADING_TIMESTAMP = /^\{\s*"timestamp"\s*:\s*/;
/** Longest digit run taken as is (an epoch in ms has 13). */
const MAX_DIGITS = 16;

type Message = Record<string, unknown>;

function isPlainObject(v: unknown): v is Message {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** A fresh copy of a JSON.parse result (plain objects, arrays and primitives only), keys in the same order. */
function copyJson(v: unknown): unknown {
  if (typeof v !== 'object' || v === null) return v;
  if (Array.isArray(v)) return v.map(copyJson);
  const o: Message = {};
  for (const k of Object.keys(v)) o[k] = copyJson((v as Message)[k]);
  return o;
}

/** PSR's own layout (SPEC §2): the copy is one object literal. */
function isCanonical(m: Message): boolean {
  const media = m.media;
  const data = m.data;
  return (
    Object.keys(m).join() === 'timestamp,event,media,data' &&
    isPlainObject(media) &&
    Object.keys(media).join() === 'payload' &&
    isPlainObject(data) &&
    Object.keys(data).join() === 'call_id,channel'
  );
}

export class MediaFrameMemo {
  /** Text before the timestamp's digits, after them up to the payload, and after the payload. */
  private before = '';
  private between = '';
  private after = '';
  private template: Message | null = null;
  private canonical = false;
  /** Frames read from the memo (for tests and benchmarks). */
  hits = 0;

  /**
   * The message of a media frame whose payload spans `text[start, end)`, when the memo knows its
   * shape; null otherwise (the caller parses it and hands the result to `remember`).
   */
  recall(text: string, start: number, end: number): Message | null {
    const t = this.template;
    if (t === null) return null;
    const b = this.before.length;
    if (!text.startsWith(this.before)) return null;
    let i = b;
    while (i < start) {
      const c = text.charCodeAt(i);
      if (c < 48 || c > 57) break;
      i++;
    }
    const digits = i - b;
    if (digits === 0 || digits > MAX_DIGITS || (digits > 1 && text.charCodeAt(b) === 48)) return null;
    if (start - i !== this.between.length || !text.startsWith(this.between, i)) return null;
    if (text.length - end !== this.after.length || !text.endsWith(this.after)) return null;
    const timestamp = Number(text.slice(b, i));
    this.hits++;
    if (this.canonical) {
      const data = t.data as Message;
      return { timestamp, event: t.event, media: { payload: '' }, data: { call_id: data.call_id, channel: data.channel } };
    }
    const m = copyJson(t) as Message;
    m.timestamp = timestamp;
    return m;
  }

  /** `message` is JSON.parse of the text without its payload (`media.payload` still empty). */
  remember(text: string, start: number, end: number, message: Message): void {
    this.template = null;
    const lead = LEADING_TIMESTAMP.exec(text);
    if (lead === null) return;
    const b = lead[0].length;
    let i = b;
    while (i < start && text.charCodeAt(i) >= 48 && text.charCodeAt(i) <= 57) i++;
    const run = text.slice(b, i);
    // The digits must be the whole value of the one top-level "timestamp" (no sign, fraction or
    // exponent, no second "timestamp" key later that JSON.parse would take instead).
    if (run.length === 0 || run.length > MAX_DIGITS || message.timestamp !== Number(run)) return;
    const between = text.slice(i, start);
    const after = text.slice(end);
    // The run ends the number (not `0e3`, `1.5`): what follows it is a separator.
    if (!/^[\s,}]/.test(between)) return;
    if (between.includes('"timestamp"') || after.includes('"timestamp"')) return;
    // A key named __proto__ would not copy as a plain property.
    if (between.includes('__proto__') || after.includes('__proto__')) return;
    const media = message.media;
    if (!isPlainObject(media) || media.payload !== '') return;
    // Detached copies: slices would keep the whole frame text (payload included) alive.
    this.before = JSON.parse(JSON.stringify(text.slice(0, b))) as string;
    this.between = JSON.parse(JSON.stringify(between)) as string;
    this.after = JSON.parse(JSON.stringify(after)) as string;
    this.template = copyJson(message) as Message;
    this.canonical = isCanonical(message);
  }
}

// Every frame of SPEC §2–4, good and bad, with what it is. One table for the reader's own tests and
// for the simulator and the endpoint, which must take each frame the same way.
const pcm = new Uint8Array([1, 0, 2, 0, 3, 0, 4, 0, 0xff, 0x7f, 0x00, 0x80]);
const pcmB64 = 'AQACAAMABAD/fwCA';
/** A tiny valid WAV: 8 kHz mono 16-bit, 4 samples. */
export const tinyWav = (() => {
  const data = new Uint8Array([0, 0, 0x10, 0x00, 0xf0, 0xff, 0, 0]);
  const b = new Uint8Array(44 + data.length);
  const v = new DataView(b.buffer);
  const s = (o: number, t: string) => [...t].forEach((c, i) => (b[o + i] = c.charCodeAt(0)));
  s(0, 'RIFF');
  v.setUint32(4, 36 + data.length, true);
  s(8, 'WAVE');
  s(12, 'fmt ');
  v.setUint32(16, 16, true);
  v.setUint16(20, 1, true);
  v.setUint16(22, 1, true);
  v.setUint32(24, 8000, true);
  v.setUint32(28, 16000, true);
  v.setUint16(32, 2, true);
  v.setUint16(34, 16, true);
  s(36, 'data');
  v.setUint32(40, data.length, true);
  b.set(data, 44);
  return b;
})();
const wavB64 = Buffer.from(tinyWav).toString('base64');

export interface TableRow {
  name: string;
  frame: string | Uint8Array;
  binary?: boolean;
  /** 'good' rows: the read frame's type; 'bad' rows: the code. */
  expect: { type: string; code?: string; audio?: Uint8Array; extra?: Record<string, unknown> };
}

/** 96 bytes of PCM as base64: long enough for the reader's media shortcut. */
const longB64 = Buffer.alloc(96, 7).toString('base64');
/** The text's UTF-8 bytes, with byte `at` replaced by `byte` when given. */
function utf8Bytes(text: string, at?: number, byte?: number): Uint8Array {
  const b = new Uint8Array(Buffer.from(text, 'utf8'));
  if (at !== undefined && byte !== undefined) b[at] = byte;
  return b;
}
const deep = (n: number) => `{"event":"connected","data":${'['.repeat(n)}${']'.repeat(n)}}`;
const data = { call_id: 'c-1', channel: 'stereo' };

/** Frames PSR sends to the bot (SPEC §2) and what PSR-side input can go wrong. */
export const psrFrames: TableRow[] = [
  { name: 'connected', frame: JSON.stringify({ timestamp: 1703825536716, event: 'connected', data }), expect: { type: 'connected', extra: { callId: 'c-1', channel: 'stereo', timestamp: 1703825536716 } } },
  { name: 'media, stereo', frame: JSON.stringify({ timestamp: 1, event: 'media', media: { payload: pcmB64 }, data }), expect: { type: 'media', audio: pcm } },
  { name: 'media, mono_a', frame: JSON.stringify({ timestamp: 1, event: 'media', media: { payload: pcmB64 }, data: { call_id: 'c-1', channel: 'mono_a' } }), expect: { type: 'media', audio: pcm, extra: { channel: 'mono_a' } } },
  { name: 'media, unpadded base64', frame: JSON.stringify({ event: 'media', media: { payload: 'AQI' } }), expect: { type: 'media', audio: new Uint8Array([1, 2]) } },
  { name: 'media, empty payload', frame: JSON.stringify({ event: 'media', media: { payload: '' } }), expect: { type: 'media', audio: new Uint8Array(0) } },
  { name: 'media, unknown channel (still media)', frame: JSON.stringify({ event: 'media', media: { payload: pcmB64 }, data: { channel: 'quad' } }), expect: { type: 'media', extra: { channel: null, badChannel: true } } },
  { name: 'closed', frame: JSON.stringify({ timestamp: 2, event: 'closed', data }), expect: { type: 'closed' } },
  { name: 'binary frame', frame: new Uint8Array([1, 2, 3]), binary: true, expect: { type: 'bad', code: 'FRAME_BINARY' } },
  { name: 'plain-text test message "hangup"', frame: 'hangup', expect: { type: 'bad', code: 'FRAME_NOT_JSON' } },
  { name: 'plain-text test message "stream_repeat"', frame: 'stream_repeat', expect: { type: 'bad', code: 'FRAME_NOT_JSON' } },
  { name: 'truncated JSON', frame: '{"event":"media","media":{"payload":"AAAA"', expect: { type: 'bad', code: 'FRAME_NOT_JSON' } },
  { name: 'JSON array', frame: '[1,2]', expect: { type: 'bad', code: 'FRAME_BAD_SHAPE' } },
  { name: 'JSON number', frame: '42', expect: { type: 'bad', code: 'FRAME_BAD_SHAPE' } },
  { name: 'no event', frame: '{"media":{}}', expect: { type: 'bad', code: 'FRAME_BAD_SHAPE' } },
  { name: 'event not a string', frame: '{"event":7}', expect: { type: 'bad', code: 'FRAME_BAD_SHAPE' } },
  { name: 'unknown event', frame: '{"event":"dance"}', expect: { type: 'bad', code: 'FRAME_UNKNOWN_EVENT' } },
  { name: 'an action sent the wrong way', frame: '{"event":"hangup"}', expect: { type: 'bad', code: 'FRAME_UNKNOWN_EVENT' } },
  { name: 'media without payload', frame: '{"event":"media","media":{}}', expect: { type: 'bad', code: 'FRAME_NO_PAYLOAD' } },
  { name: 'media payload a number', frame: '{"event":"media","media":{"payload":12}}', expect: { type: 'bad', code: 'FRAME_NO_PAYLOAD' } },
  { name: 'media without media', frame: '{"event":"media"}', expect: { type: 'bad', code: 'FRAME_NO_PAYLOAD' } },
  { name: 'base64 with characters outside the alphabet', frame: '{"event":"media","media":{"payload":"@@@@not*base64!"}}', expect: { type: 'bad', code: 'FRAME_BAD_BASE64' } },
  { name: 'base64 of impossible length', frame: '{"event":"media","media":{"payload":"QUJDRA="}}', expect: { type: 'bad', code: 'FRAME_BAD_BASE64' } },
  { name: 'base64 with a line break', frame: '{"event":"media","media":{"payload":"QUJD\\nRA=="}}', expect: { type: 'bad', code: 'FRAME_BAD_BASE64' } },
  { name: 'URL-safe base64', frame: '{"event":"media","media":{"payload":"__--"}}', expect: { type: 'bad', code: 'FRAME_BAD_BASE64' } },
  { name: 'base64 with a non-ASCII letter', frame: '{"event":"media","media":{"payload":"QUJĀ"}}', expect: { type: 'bad', code: 'FRAME_BAD_BASE64' } },
  { name: 'padding in the middle', frame: '{"event":"media","media":{"payload":"QQ==QUJD"}}', expect: { type: 'bad', code: 'FRAME_BAD_BASE64' } },
  { name: 'deeply nested JSON', frame: deep(100_000), expect: { type: 'bad', code: 'FRAME_TOO_DEEP' } },
  { name: 'deeply nested unknown event', frame: `{"event":"x","a":${'['.repeat(1000)}${']'.repeat(1000)}}`, expect: { type: 'bad', code: 'FRAME_TOO_DEEP' } },
  { name: 'deeply nested media (leading timestamp)', frame: `{"timestamp":5,"event":"media","media":{"payload":"${longB64}"},"data":{"x":${'['.repeat(20_000)}${']'.repeat(20_000)}}}`, expect: { type: 'bad', code: 'FRAME_TOO_DEEP' } },
  { name: 'deeply nested media', frame: `{"event":"media","media":{"payload":"${longB64}"},"x":${'['.repeat(20_000)}${']'.repeat(20_000)}}`, expect: { type: 'bad', code: 'FRAME_TOO_DEEP' } },
  { name: 'text that is not UTF-8', frame: utf8Bytes('{"event":"media","media":{"payload":"AAAA"}}', 30, 0xff), expect: { type: 'bad', code: 'FRAME_BAD_UTF8' } },
  { name: 'a lone UTF-8 continuation byte', frame: utf8Bytes('{"event":"closed","x":"ab"}', 24, 0x80), expect: { type: 'bad', code: 'FRAME_BAD_UTF8' } },
  { name: 'base64 of letters above U+00FF (Ł reads as A by its low byte)', frame: utf8Bytes(`{"event":"media","media":{"payload":"${'Ł'.repeat(84)}AAAA"}}`), expect: { type: 'bad', code: 'FRAME_BAD_BASE64' } },
  { name: 'the same letters escaped', frame: `{"event":"media","media":{"payload":"${'\\u0141'.repeat(84)}AAAA"}}`, expect: { type: 'bad', code: 'FRAME_BAD_BASE64' } },
  { name: 'media with a non-ASCII call_id (still media)', frame: utf8Bytes(JSON.stringify({ timestamp: 1, event: 'media', media: { payload: longB64 }, data: { call_id: 'Nguyễn', channel: 'stereo' } })), expect: { type: 'media', extra: { callId: 'Nguyễn' } } },
];

/** Frames the bot sends to PSR (SPEC §3, §4). */
export const actionFrames: TableRow[] = [
  { name: 'media is_sync true', frame: JSON.stringify({ event: 'media', media: { payload: wavB64, is_sync: true } }), expect: { type: 'media', audio: tinyWav, extra: { isSync: true } } },
  { name: 'media is_sync absent (false)', frame: JSON.stringify({ event: 'media', media: { payload: wavB64 } }), expect: { type: 'media', extra: { isSync: false } } },
  { name: 'media is_sync "true"', frame: JSON.stringify({ event: 'media', media: { payload: wavB64, is_sync: 'true' } }), expect: { type: 'media', extra: { isSync: true } } },
  { name: 'chunk, format absent (mp3)', frame: JSON.stringify({ event: 'chunk', media: { payload: pcmB64 } }), expect: { type: 'chunk', extra: { format: 'mp3' } } },
  { name: 'chunk pcm16', frame: JSON.stringify({ event: 'chunk', media: { payload: pcmB64, format: 'pcm16' } }), expect: { type: 'chunk', audio: pcm, extra: { format: 'pcm16' } } },
  { name: 'transfer', frame: JSON.stringify({ event: 'transfer', data: { extension: '205' } }), expect: { type: 'transfer', extra: { extension: '205', misspelled: false } } },
  { name: "tranfer (the docs' misspelling)", frame: JSON.stringify({ event: 'tranfer', data: { extension: '206' } }), expect: { type: 'transfer', extra: { extension: '206', misspelled: true } } },
  { name: 'transfer to a numeric extension', frame: JSON.stringify({ event: 'transfer', data: { extension: 207 } }), expect: { type: 'transfer', extra: { extension: '207' } } },
  { name: 'hangup', frame: '{"event":"hangup"}', expect: { type: 'hangup' } },
  { name: 'binary frame (PCM echoed by the vendor bot)', frame: new Uint8Array(320), binary: true, expect: { type: 'bad', code: 'FRAME_BINARY' } },
  { name: 'plain-text test message "hangup"', frame: 'hangup', expect: { type: 'bad', code: 'FRAME_NOT_JSON' } },
  { name: 'plain-text test message "stream_repeat"', frame: 'stream_repeat', expect: { type: 'bad', code: 'FRAME_NOT_JSON' } },
  { name: 'JSON array', frame: '[1,2]', expect: { type: 'bad', code: 'FRAME_BAD_SHAPE' } },
  { name: 'unknown event', frame: '{"event":"dance"}', expect: { type: 'bad', code: 'FRAME_UNKNOWN_EVENT' } },
  { name: "PSR's event sent the wrong way", frame: '{"event":"connected"}', expect: { type: 'bad', code: 'FRAME_UNKNOWN_EVENT' } },
  { name: 'media without payload', frame: '{"event":"media","media":{"is_sync":true}}', expect: { type: 'bad', code: 'FRAME_NO_PAYLOAD' } },
  { name: 'chunk with an empty payload', frame: '{"event":"chunk","media":{"payload":""}}', expect: { type: 'bad', code: 'FRAME_NO_PAYLOAD' } },
  { name: 'media with bad base64', frame: '{"event":"media","media":{"payload":"!!!not base64!!!"}}', expect: { type: 'bad', code: 'FRAME_BAD_BASE64' } },
  { name: 'chunk in an unknown format', frame: '{"event":"chunk","media":{"payload":"AAAA","format":"ogg"}}', expect: { type: 'bad', code: 'FRAME_BAD_FORMAT' } },
  { name: 'transfer without extension', frame: '{"event":"transfer","data":{}}', expect: { type: 'bad', code: 'FRAME_NO_EXTENSION' } },
  { name: 'transfer to a blank extension', frame: '{"event":"tranfer","data":{"extension":"  "}}', expect: { type: 'bad', code: 'FRAME_NO_EXTENSION' } },
  { name: 'deeply nested JSON', frame: `{"event":"hangup","x":${'['.repeat(100_000)}${']'.repeat(100_000)}}`, expect: { type: 'bad', code: 'FRAME_TOO_DEEP' } },
];

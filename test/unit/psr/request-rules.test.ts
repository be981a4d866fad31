// Every validation rule and warning of the create-stream request (issue 4, item 2).
import { describe, expect, it } from 'vitest';
import { checkJson } from '../../../src/shared/psr/json-check';
import { emptyPsrRequest, psrRequestSchema, queryPreview, validatePsrRequest, type PsrRequest } from '../../../src/shared/psr/request';

const valid = (over: Partial<PsrRequest> = {}): PsrRequest => ({
  ...emptyPsrRequest(),
  url: 'wss://bot.example.com/ws',
  destination: '0901234567',
  extension: '101',
  ...over,
});
const audio = { uploadId: 'abc12345-upload', name: 'hello.wav' };
const codes = (r: PsrRequest) => {
  const v = validatePsrRequest(r);
  return { errors: v.errors.map((e) => `${e.field}:${e.code}`), warnings: v.warnings.map((w) => `${w.field}:${w.code}`) };
};

describe('validation rules (errors block sending)', () => {
  it('accepts a complete dial request with no findings', () => {
    expect(codes(valid())).toEqual({ errors: [], warnings: [] });
  });
  it('url is required', () => {
    expect(codes(valid({ url: '  ' })).errors).toEqual(['url:URL_REQUIRED']);
  });
  it('destination is required', () => {
    expect(codes(valid({ destination: '' })).errors).toEqual(['destination:DESTINATION_REQUIRED']);
  });
  it('app is dial or bot, default dial', () => {
    expect(psrRequestSchema.parse({ url: 'x', destination: 'y' }).app).toBe('dial');
    expect(psrRequestSchema.safeParse({ url: 'x', destination: 'y', app: 'call' }).success).toBe(false);
    expect(codes(valid({ app: 'call' as never })).errors).toContain('app:APP_INVALID');
  });
  it('channel is stereo, mono_a or mono_b, default stereo', () => {
    expect(psrRequestSchema.parse({ url: 'x', destination: 'y' }).channel).toBe('stereo');
    for (const c of ['stereo', 'mono_a', 'mono_b'] as const) expect(codes(valid({ channel: c })).errors).toEqual([]);
    expect(psrRequestSchema.safeParse({ url: 'x', destination: 'y', channel: 'mono' }).success).toBe(false);
    expect(codes(valid({ channel: 'left' as never })).errors).toEqual(['channel:CHANNEL_INVALID']);
  });
  it('extension is required when app=dial, not when app=bot', () => {
    expect(codes(valid({ extension: '' })).errors).toEqual(['extension:EXTENSION_REQUIRED']);
    expect(codes(valid({ extension: '', app: 'bot', is_silence: true })).errors).toEqual([]);
  });
  it('is_silence is a boolean', () => {
    expect(psrRequestSchema.safeParse({ url: 'x', destination: 'y', is_silence: 'false' }).success).toBe(false);
    expect(codes(valid({ is_silence: 'yes' as never })).errors).toEqual(['is_silence:IS_SILENCE_INVALID']);
  });
  it('parameter is a JSON object; a syntax error gives line and column', () => {
    expect(codes(valid({ parameter: '{"danh_xung":"anh"}' })).errors).toEqual([]);
    expect(codes(valid({ parameter: '["anh"]' })).errors).toEqual(['parameter:PARAMETER_NOT_OBJECT']);
    expect(codes(valid({ parameter: '"anh"' })).errors).toEqual(['parameter:PARAMETER_NOT_OBJECT']);
    const v = validatePsrRequest(valid({ parameter: '{\n  "danh_xung": "anh",\n  "tuoi": 3,\n}' }));
    expect(v.errors[0]).toMatchObject({ field: 'parameter', code: 'PARAMETER_SYNTAX', params: { line: 4, column: 1 } });
    expect(v.errors[0]!.message).toContain('line 4, column 1');
  });
  it('the JSON checker agrees with JSON.parse and locates errors', () => {
    for (const ok of ['{}', '{"a":[1,2.5e3,-0,true,false,null,"\\u00e9\\n"]}', ' {"a":{"b":{}}} ']) {
      const c = checkJson(ok);
      expect(c.ok).toBe(true);
      if (c.ok) expect(c.value).toEqual(JSON.parse(ok));
    }
    expect(checkJson('{"a":1 "b":2}')).toMatchObject({ ok: false, line: 1, column: 8 });
    expect(checkJson('{\n"a": tru}')).toMatchObject({ ok: false, line: 2, column: 6 });
    expect(checkJson("{'a':1}")).toMatchObject({ ok: false, line: 1, column: 2 });
    expect(checkJson('{"a":01}')).toMatchObject({ ok: false, line: 1, column: 7 });
    expect(checkJson('{"a":"x')).toMatchObject({ ok: false, line: 1, column: 8 });
  });
});

describe('warnings (shown, do not block)', () => {
  it('bot-only fields with app=dial', () => {
    expect(codes(valid({ is_silence: true })).warnings).toEqual(['is_silence:BOT_FIELD_WITH_DIAL']);
    expect(codes(valid({ audio_file: audio })).warnings).toEqual(['audio_file:BOT_FIELD_WITH_DIAL']);
  });
  it('audio_file set while is_silence=true: it will be ignored', () => {
    expect(codes(valid({ app: 'bot', is_silence: true, audio_file: audio })).warnings).toEqual(['audio_file:AUDIO_IGNORED_WHEN_SILENT']);
  });
  it('app=bot, not silent and no file: nothing is played', () => {
    expect(codes(valid({ app: 'bot', is_silence: false })).warnings).toEqual(['audio_file:BOT_NOTHING_PLAYED']);
    expect(codes(valid({ app: 'bot', is_silence: false, audio_file: audio })).warnings).toEqual([]);
  });
  it('a url that is neither ws:// nor wss:// nor a relative path', () => {
    expect(codes(valid({ url: 'https://bot.example.com/ws' })).warnings).toEqual(['url:URL_NOT_WEBSOCKET']);
    expect(codes(valid({ url: '/server/ws' })).warnings).toEqual([]);
    expect(codes(valid({ url: 'server/ws' })).warnings).toEqual([]);
    expect(codes(valid({ url: 'wss://bot.example.com/ws' })).warnings).toEqual([]);
  });
  it('ws:// to a host that is not this machine', () => {
    expect(codes(valid({ url: 'ws://bot.example.com:8000/server/ws' })).warnings).toEqual(['url:WS_NOT_ENCRYPTED']);
    for (const url of ['ws://127.0.0.1:8000/ws', 'ws://localhost/ws', 'ws://[::1]:9/ws']) expect(codes(valid({ url })).warnings).toEqual([]);
  });
});

describe('query string preview', () => {
  it('shows call_id, tenant and each top-level key of parameter', () => {
    expect(queryPreview('{"danh_xung":"anh"}')).toBe('?call_id=<call_id>&tenant=<tenant>&danh_xung=anh');
    expect(queryPreview('{"n":3,"o":{"a":1},"s":"a b&c"}')).toBe('?call_id=<call_id>&tenant=<tenant>&n=3&o=%7B%22a%22%3A1%7D&s=a+b%26c');
    expect(queryPreview('')).toBe('?call_id=<call_id>&tenant=<tenant>');
  });
});

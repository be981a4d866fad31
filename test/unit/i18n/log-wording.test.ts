// Event log lines that main words in English (actions sent, a built-in bot's notes) reach the renderer
// as codes with params and read in Vietnamese without English.
import { afterEach, describe, expect, it } from 'vitest';
import i18n from '../../../src/renderer/src/i18n';
import { describeLogLine } from '../../../src/renderer/src/i18n/describe';
import { englishOf, logMessage, logMessageWords } from '../../../src/shared/call-log';
import { checkJson } from '../../../src/shared/psr/json-check';
import { describeJsonProblem } from '../../../src/renderer/src/i18n/json-problem';

afterEach(async () => {
  await i18n.changeLanguage('en');
});

const line = (code: Parameters<typeof logMessage>[0], params: Parameters<typeof logMessage>[1]) => {
  const msg = logMessage(code, params);
  return { summary: englishOf(msg), msg };
};

describe('event log lines in Vietnamese', () => {
  it('word actions by kind and the demo bot’s notes from params', async () => {
    const lines = [
      line('action.sent', { kind: 'media', origin: 'bot:demo', detail: 'demo prompt 2, 9000 B, is_sync=true', bytes: 9000, isSync: true, prompt: '2', t: 10 }),
      line('action.sent', { kind: 'media', origin: 'console', detail: 'hello.wav, 32044 B, is_sync=false, converted to 8 kHz 16-bit mono', bytes: 32044, isSync: false, file: 'hello.wav', converted: true, t: 1 }),
      line('action.sent', { kind: 'transfer', origin: 'console', detail: 'to 101', extension: '101', t: 1 }),
      line('action.sent', { kind: 'hangup', origin: 'bot:demo', detail: 'hang up', t: 1 }),
      line('bot.said', { origin: 'bot:demo', text: 'Xin chào anh', seconds: 2.4 }),
      line('bot.last_prompt', { origin: 'bot:demo' }),
      line('bot.idle_hangup', { origin: 'bot:demo', seconds: 30 }),
    ];
    expect(lines[4]!.summary).toBe('bot:demo: said "Xin chào anh" (2.4 s)');
    await i18n.changeLanguage('vi');
    const shown = lines.map(describeLogLine);
    expect(shown).toEqual([
      'media (bot mẫu): câu thoại mẫu 2, 9.000 byte, is_sync=true',
      'media (bảng điều khiển): hello.wav, 32.044 byte, is_sync=false, đã chuyển sang mono 16 bit 8 kHz',
      'transfer (bảng điều khiển): chuyển tới 101',
      'hangup (bot mẫu)',
      'bot mẫu: đã nói “Xin chào anh” (2,4 giây)',
      'bot mẫu: đã phát câu thoại cuối; gác máy',
      'bot mẫu: người được gọi im lặng 30 giây; gác máy',
    ]);
    for (const s of shown) expect(s).not.toMatch(/\b(said|prompt|hanging|converted|to \d)\b/);
  });

  it('frames the free English detail of a raw or malformed frame as English', async () => {
    await i18n.changeLanguage('vi');
    const raw = line('action.sent', { kind: 'bad', origin: 'console', detail: 'FRAME_BAD_SHAPE: expected an object', t: 1 });
    expect(describeLogLine(raw)).toBe('bad (bảng điều khiển): chi tiết bằng tiếng Anh: FRAME_BAD_SHAPE: expected an object');
  });
});

describe('every log message code', () => {
  it('has a wording in both languages', () => {
    for (const lang of ['en', 'vi']) for (const code of Object.keys(logMessageWords)) expect(i18n.exists(`log:${code}`, { lng: lang }), `${lang}: ${code}`).toBe(true);
  });
});

describe("the simulator's call log in Vietnamese", () => {
  it('words each step of a simulated call from its parameters, without English', async () => {
    const lines = [
      line('sim.ringing_extension', { extension: '205' }),
      line('sim.ringing', { number: '0900000000' }),
      line('sim.answered', { url: 'ws://127.0.0.1:8080/bot' }),
      line('sim.media', { seconds: 5.87, isSync: true }),
      line('sim.media', { seconds: 1.5, isSync: false }),
      line('sim.transferred', { extension: '101' }),
      line('sim.bot_closed', { closeCode: 1006 }),
      line('sim.max_duration', { seconds: 600 }),
      line('sim.ended', { reason: 'bot-disconnected' }),
    ];
    expect(lines[3]!.summary).toBe('media 5.87 s, is_sync=true (queued)');
    await i18n.changeLanguage('vi');
    expect(lines.map(describeLogLine)).toEqual([
      'đang đổ chuông số máy lẻ 205',
      'đang đổ chuông 0900000000',
      'đã nghe máy; đang mở ws://127.0.0.1:8080/bot',
      'media 5,9 giây, is_sync=true (xếp hàng chờ phát)',
      'media 1,5 giây, is_sync=false (phát ngay)',
      'đã chuyển tới số máy lẻ 101',
      'bot đã đóng kết nối (mã 1006)',
      'đã đạt thời lượng tối đa 600 giây; bên nhận gác máy',
      'cuộc gọi kết thúc: bot mất kết nối',
    ]);
  });
});

describe('where a JSON text goes wrong', () => {
  it('reads as the checker says it in English, and in Vietnamese from its keys', async () => {
    const cases = ['{"a" 1}', '{"a":1', '{"a":"x\n', '[1 2]'].map((text) => checkJson(text));
    const english = cases.map((c) => (c.ok ? '' : describeJsonProblem({ expected: c.expected, found: c.found, detail: c.message })));
    expect(english).toEqual(cases.map((c) => (c.ok ? '' : c.message)));
    expect(english[0]).toBe("expected ':' after the property name, found '1'");
    await i18n.changeLanguage('vi');
    expect(cases.map((c) => (c.ok ? '' : describeJsonProblem({ expected: c.expected, found: c.found, detail: c.message })))).toEqual([
      "cần dấu ':' sau tên thuộc tính, gặp '1'",
      "cần dấu ',' hoặc '}', nhưng văn bản đã hết",
      'cần không có ký tự điều khiển thô (xuống dòng hoặc tab) trong chuỗi',
      "cần dấu ',' hoặc ']', gặp '2'",
    ]);
  });
});

describe('bot-test step messages', () => {
  it('have a wording in both languages for every code, and read in Vietnamese without English', async () => {
    const { stepMessageWords, stepMessage, englishStepMessage } = await import('../../../src/shared/scenario/step-messages');
    const { describeStepMessage } = await import('../../../src/renderer/src/i18n/describe');
    for (const lang of ['en', 'vi']) for (const code of Object.keys(stepMessageWords)) expect(i18n.exists(`tests:step.${code}`, { lng: lang }), `${lang}: ${code}`).toBe(true);
    const late = stepMessage('reply_late', { limit_ms: 1500, latency_ms: 2210 });
    const ended = stepMessage('ended_while', { wait: 'expect_reply', limit_ms: 1500, how: 'bot-hangup', after_ms: 300 });
    expect(englishStepMessage(late)).toBe("expected a reply within 1500 ms; the bot's audio started 2210 ms after the caller's last word");
    await i18n.changeLanguage('vi');
    expect(describeStepMessage({ message: englishStepMessage(late), msg: late })).toBe('cần bot trả lời trong 1.500 ms; âm thanh của bot bắt đầu 2.210 ms sau lời cuối của người gọi');
    expect(describeStepMessage({ message: englishStepMessage(ended), msg: ended })).toBe('cần bot trả lời trong 1.500 ms; bot gác máy sau 300 ms của bước này');
  });
});

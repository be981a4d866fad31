// Codes and parameters from main, worded in the UI language, with main's English as the fallback.
import { afterEach, describe, expect, it } from 'vitest';
import i18n from '../../../src/renderer/src/i18n';
import { describeEndReason, describeError, describeLogLine } from '../../../src/renderer/src/i18n/describe';
import { formatDateTime, formatNumber } from '../../../src/renderer/src/i18n/format';

afterEach(async () => {
  await i18n.changeLanguage('en');
});

describe('describe', () => {
  it('words a known error code with its params in Vietnamese, and keeps English for an unknown code', async () => {
    await i18n.changeLanguage('vi');
    i18n.addResource('vi', 'errors', 'TEST_LIMIT', 'Tệp quá lớn (tối đa {{maxMiB}} MiB).');
    expect(describeError({ code: 'TEST_LIMIT', message: 'file too large', params: { maxMiB: 2.5 } })).toBe('Tệp quá lớn (tối đa 2,5 MiB).');
    expect(describeError({ code: 'NEWER_CODE', message: 'something new happened' })).toBe('something new happened');
    expect(describeError({ code: 'PROFILE_NOT_FOUND', message: 'no profile x' })).toBe('Hồ sơ này không còn tồn tại.');
  });

  it('words log lines by message code with params, falls back to the summary when a param is missing', async () => {
    await i18n.changeLanguage('vi');
    expect(describeLogLine({ summary: 'socket opened (3 query parameters)', msg: { code: 'socket.opened', params: { params: 3 } } })).toBe(
      'đã mở kết nối (3 tham số truy vấn)',
    );
    expect(describeLogLine({ summary: 'call ended (dropped)', msg: { code: 'call.ended', params: { reason: 'dropped' } } })).toBe('cuộc gọi kết thúc (mất kết nối)');
    expect(describeLogLine({ summary: 'binary frame of 12 bytes ignored', code: 'FRAME_BINARY' })).toBe('binary frame of 12 bytes ignored');
    expect(describeLogLine({ summary: 'media 4020 B', msg: { code: 'frame.media', params: { bytes: 4020, ms: 80.4, layout: 'stereo' } } })).toBe('media 4.020 B, 80,4 ms stereo');
    expect(describeLogLine({ summary: 'a future line', msg: { code: 'future.thing', params: {} } })).toBe('a future line');
    expect(describeEndReason('ws-connect-failed')).toBe('PSR không kết nối được tới bot');
    expect(describeEndReason('something-else')).toBe('something-else');
  });

  it('English shows main English wording as is', () => {
    expect(describeLogLine({ summary: 'media 640 B, 20.0 ms stereo', msg: { code: 'frame.media', params: { bytes: 640, ms: 20, layout: 'stereo' } } })).toBe(
      'media 640 B, 20.0 ms stereo',
    );
  });

  it('formats numbers and dates for the UI language', async () => {
    const when = new Date(2026, 10, 30, 10, 8, 8).getTime();
    expect(formatNumber(4020.44, 1)).toBe('4,020.4');
    expect(formatDateTime(when)).toBe('11/30/2026, 10:08:08 AM');
    await i18n.changeLanguage('vi');
    expect(formatNumber(4020.44, 1)).toBe('4.020,4');
    expect(formatDateTime(when)).toBe('10:08:08 30/11/2026');
  });
});

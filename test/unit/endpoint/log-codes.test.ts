// Every code a bad frame or a call's sequence can be logged with has its own wording in the call
// log (so the renderer words it in the user's language), never a free-text note.
import { describe, expect, it } from 'vitest';
import { englishOf, logMessageWords } from '../../../src/shared/call-log';
import { streamErrorCodes } from '../../../src/shared/psr-stream';
import { messageFor } from '../../../src/main/endpoint/call-log';

// Codes that only ever mark another line (the media line, the action line) and are not a message of their own.
const MARKS_ONLY = new Set(['FRAME_PARTIAL_SAMPLE', 'FRAME_MEDIA_BEFORE_CONNECTED', 'FRAME_BAD_CHANNEL', 'FRAME_CHANNEL_CHANGED', 'FRAME_MISSPELLED_EVENT']);

describe('call log wording of stream codes', () => {
  for (const code of Object.keys(streamErrorCodes)) {
    if (MARKS_ONLY.has(code)) continue;
    it(code, () => {
      expect(Object.hasOwn(logMessageWords, code)).toBe(true);
      const m = messageFor(code, { limit: 64, format: '"ogg"', bytes: 9, kind: 'mp3', error: 'bad header', text: '"hi"', event: '"x"', callId: '"c1"', reason: 'length' });
      expect(m.code).toBe(code);
      expect(englishOf(m)).not.toMatch(/\?|undefined/);
    });
  }
});

// Every message a call log line can say, by stable code, with its English wording. The renderer
// words the same codes and parameters in the user's language; files and the CLI use this wording.
// Error codes (FRAME_…, CALL_…, RECORDING_…, UPSTREAM_…) are message codes too, so a bad frame's
// line says what was wrong in one code, in both `code` and `msg.code`.
import type { LogMessage, LogParams } from './line';

type Words = (p: LogParams) => string;

const s = (v: LogParams[string] | undefined): string => (v === undefined || v === null ? '?' : String(v));

export const logMessageWords = {
  /** The socket opened; `params`: how many query parameters PSR added. */
  'socket.opened': (p) => `socket opened (${s(p.params)} query parameters)`,
  'socket.error': (p) => `socket error: ${s(p.error)}`,
  'call.no_call_id': () => 'the connection has no call_id query parameter; using a generated id',
  'call.id_renamed': (p) => `call_id '${s(p.callId)}' is not file-safe; recording as ${s(p.fileId)}`,
  /** Another connection of the same call_id holds its files: this one records as `fileId` (`<id>~N`). */
  'call.id_taken': (p) => `call_id ${s(p.callId)} already has files from another connection; this one records as ${s(p.fileId)}`,
  'call.ended': (p) => `call ended (${s(p.reason)})`,
  'frame.connected': (p) => `connected${p.layout ? ` (${s(p.layout)})` : ''}`,
  /** An inbound media frame: `bytes` of PCM, `ms` of audio, `layout`. */
  'frame.media': (p) => `media ${s(p.bytes)} B, ${typeof p.ms === 'number' ? p.ms.toFixed(1) : s(p.ms)} ms ${s(p.layout)}`,
  'frame.closed': () => 'closed',
  'channel.changed': (p) =>
    `channel changed from ${s(p.from)} to ${s(p.to)}${p.dropped ? ` (${s(p.dropped)} held-over bytes dropped)` : ''}; recording keeps ${s(p.channels)} channel(s)`,
  /** An action sent to PSR (`origin`: console, bot, greeting…); `detail` is the sender's own description. */
  /** A mono recording kept its leg: `ms` of the other leg's audio became silence in the `file` layout. */
  'channel.left_out': (p) => `${s(p.ms)} ms of audio of a leg the ${s(p.file)} recording has no channel for were not recorded (silence in their place)`,
  'action.sent': (p) => `${s(p.kind)} (${s(p.origin)}): ${s(p.detail)}`,
  'action.not_sent': (p) => `${s(p.kind)} not sent: the call is not open`,
  'tap.relaying': (p) => `tap mode: relaying to ${s(p.url)}`,
  'tap.connected': () => 'upstream bot connected',
  /** The upstream bot's frames are dropped, not relayed, while `waiting` bytes wait for PSR (one line per stretch of drops). */
  'tap.backlog_dropping': (p) => `the bot's frames are dropped, not relayed, until PSR reads: ${s(p.waiting)} bytes wait for it (limit ${s(p.limit)} bytes)`,
  'bot.binary_relayed': (p) => `binary frame of ${s(p.bytes)} bytes relayed from the bot`,
  'bot.text_relayed': (p) => `non-JSON text relayed from the bot: ${s(p.text)}`,
  /** A built-in bot played a prompt: `origin` (bot:demo), `text` what it says, `seconds` long. */
  /** The simulated PSR's own steps (the simulator's call log). */
  'sim.ringing': (p) => `ringing ${s(p.number)}`,
  'sim.ringing_extension': (p) => `ringing extension ${s(p.extension)}`,
  'sim.answered': (p) => `answered; opening ${s(p.url)}`,
  'sim.media': (p) => `media ${typeof p.seconds === 'number' ? p.seconds.toFixed(2) : s(p.seconds)} s, is_sync=${s(p.isSync)}${p.isSync ? ' (queued)' : ' (plays now)'}`,
  'sim.transferred': (p) => `transferred to extension ${s(p.extension)}`,
  'sim.bot_hung_up': () => 'the bot hung up',
  'sim.bot_closed': (p) => `the bot closed the socket (code ${s(p.closeCode)})`,
  'sim.connect_failed': (p) => `SIM_WS_CONNECT_FAILED: ${s(p.error)}`,
  'sim.max_duration': (p) => `max call length ${s(p.seconds)} s reached; the called party hangs up`,
  'sim.audio_undecodable': (p) => `the bot's ${s(p.kind)} audio could not be played: ${s(p.error)}`,
  'sim.stopped': () => 'the simulator stopped',
  'sim.customer_hung_up': () => 'the customer hung up',
  'sim.bot_not_reading': (p) => `the bot has not read its frames: ${s(p.waiting)} bytes wait for it (limit ${s(p.limit)}); the call ends`,
  'sim.ended': (p) => `call ended: ${s(p.reason)}`,
  'bot.said': (p) => `${s(p.origin)}: said "${s(p.text)}" (${typeof p.seconds === 'number' ? p.seconds.toFixed(1) : s(p.seconds)} s)`,
  'bot.last_prompt': (p) => `${s(p.origin)}: last prompt played; hanging up`,
  'bot.idle_hangup': (p) => `${s(p.origin)}: the caller said nothing for ${s(p.seconds)} s; hanging up`,
  /** Free text from a bot or the console (the text is already in its final words). */
  note: (p) => s(p.text),
  FRAME_BINARY: (p) => `binary frame of ${s(p.bytes)} bytes ignored`,
  FRAME_AFTER_CLOSED: () => 'frame after closed ignored',
  FRAME_TOO_LARGE: (p) => `text frame of ${s(p.bytes)} bytes is over the ${s(p.limit)}-byte limit; skipped`,
  FRAME_MISSPELLED_EVENT: () => "event 'tranfer' (the docs' misspelling) taken as 'transfer'",
  FRAME_BAD_UTF8: (p) => `text frame of ${s(p.bytes)} bytes that is not UTF-8 ignored`,
  FRAME_NOT_JSON: (p) => `text that is not JSON: ${s(p.text)}`,
  FRAME_BAD_SHAPE: () => 'expected a JSON object with a string "event"',
  FRAME_UNKNOWN_EVENT: (p) => `unknown event ${s(p.event)} ignored`,
  FRAME_DUPLICATE_CONNECTED: () => 'a second connected event ignored',
  FRAME_NO_PAYLOAD: () => 'media frame without a string media.payload skipped',
  FRAME_BAD_BASE64: (p) => (p.reason === 'length' ? 'media.payload is not base64 (length)' : 'media.payload has characters outside base64'),
  FRAME_TOO_DEEP: (p) => `JSON nested deeper than ${s(p.limit)} levels ignored`,
  FRAME_BAD_FORMAT: (p) => `media.format: expected 'mp3' or 'pcm16', got ${s(p.format)}`,
  FRAME_NO_EXTENSION: () => 'data.extension: expected the extension to transfer to',
  BOT_AUDIO_UNDECODABLE: (p) => `the bot's ${s(p.kind)} audio could not be decoded for the meter: ${s(p.error)}`,
  UPSTREAM_CONNECT_FAILED: (p) => `${s(p.url)}: ${s(p.error)}`,
  UPSTREAM_CLOSED: (p) => `the bot closed the connection (code ${s(p.closeCode)}${p.reason ? `, ${s(p.reason)}` : ''})`,
  UPSTREAM_QUEUE_FULL: (p) => `more than ${s(p.limit)} bytes waited for the bot (to connect or to read them); dropping frames`,
  FRAME_CALL_ID_MISMATCH: (p) => `data.call_id ${s(p.callId)} differs from the query's call_id`,
  CALL_DROPPED: () => 'the socket closed without a closed event',
  /** An action (`kind`, from `origin`) not sent: `waiting` bytes already wait for PSR, over `limit` with it. */
  ACTION_BACKLOG_FULL: (p) => `${s(p.kind)} (${s(p.origin)}) not sent: ${s(p.waiting)} bytes already wait for PSR to read them; the limit is ${s(p.limit)} bytes`,
  RECORDING_FAILED: (p) => s(p.error),
} satisfies Record<string, Words>;

export type LogMessageCode = keyof typeof logMessageWords;

export function logMessage(code: LogMessageCode, params: LogParams = {}): LogMessage {
  return { code, params };
}

/** English wording of a message; an unknown code (a newer writer) shows its code and parameters. */
export function englishOf(m: LogMessage): string {
  const words = (logMessageWords as Record<string, Words | undefined>)[m.code];
  return words ? words(m.params) : `${m.code} ${JSON.stringify(m.params)}`;
}

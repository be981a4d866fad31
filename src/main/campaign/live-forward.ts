// A watched campaign call shown in the app's live view: its worker's LiveNotes become the same
// call:* events the endpoint emits (started, levels, voice, actions, log, ended), with source
// 'campaign', so the Live screen (timeline, meters, event log, turn latency) shows it like any call;
// its audio goes out as call:audio while someone listens to it.
// Per note one event: nothing is kept here but the call's id and each leg's speaking state.
import { englishOf, logMessage, type LogMessageCode } from '../../shared/call-log/messages';
import type { LogParams } from '../../shared/call-log/line';
import type { EventName, EventPayload } from '../../shared/contract';
import type { Leg } from '../../shared/contract/live';
import { BOT_ACTIVE_DBFS } from '../bot-tests/caller-types';
import type { LiveNote } from './worker-protocol';

export type EmitLive = <K extends EventName>(name: K, payload: EventPayload<K>) => void;

/** How a campaign call ended, in the live view's words for call ends. */
const END_REASON: Record<string, string> = {
  'caller-hangup': 'customer-hangup',
  'bot-hangup': 'hangup',
  'bot-disconnected': 'dropped',
  timeout: 'max-duration',
  stopped: 'stopped',
  'campaign-unwatched': 'campaign-unwatched',
};

export class LiveForward {
  private callId: string | null = null;
  private legs: Leg[] = [];
  private seq = 0;
  private frames = 0;
  private startedAt = 0;
  private readonly speaking: Record<string, boolean> = {};

  constructor(
    private readonly emit: EmitLive,
    /** Whether someone listens to the call (its audio is sent only then). */
    private readonly listened: (callId: string) => boolean = () => false,
  ) {}

  /** The call being shown (null before its start note). */
  get current(): string | null {
    return this.callId;
  }

  note(n: LiveNote): void {
    switch (n.kind) {
      case 'started':
        this.callId = n.callId;
        this.legs = n.channel === 'stereo' ? ['A', 'B'] : n.channel === 'mono_a' ? ['A'] : ['B'];
        this.seq = 0;
        this.frames = 0;
        this.startedAt = n.startedAt;
        for (const k of Object.keys(this.speaking)) delete this.speaking[k];
        this.emit('call:started', { callId: n.callId, source: 'campaign', startedAt: n.startedAt, tenant: n.query.tenant ?? null, query: n.query, channel: n.channel, legs: this.legs, recordingPath: null });
        this.log('out', 'connected', 'frame.connected', { layout: n.channel });
        return;
      case 'frame': {
        const id = this.callId;
        if (!id) return;
        this.frames++;
        const at = Date.now();
        const windows = this.legs.map((leg) => {
          const rms = leg === 'A' ? n.aRms : n.bRms;
          const speaking = rms > BOT_ACTIVE_DBFS;
          if (speaking !== (this.speaking[leg] ?? false)) {
            this.speaking[leg] = speaking;
            this.emit('call:voice', { callId: id, leg, speaking, t: n.t, at });
          }
          return { leg, t: n.t, peakDbfs: leg === 'A' ? n.aPeak : n.bPeak, rmsDbfs: rms, clipped: (leg === 'A' ? n.aPeak : n.bPeak) >= -0.1, speaking };
        });
        this.emit('call:levels', { callId: id, receivedAt: at, windows });
        if (this.listened(id)) this.emit('call:audio', { callId: id, legs: this.legs, sampleRate: 8000, t: n.t, pcm: n.pcm });
        return;
      }
      case 'action':
        if (!this.callId) return;
        this.emit('call:action', { callId: this.callId, kind: n.action, at: n.at, t: n.t, detail: n.detail, origin: 'bot' });
        this.log('in', n.action, 'action.sent', { kind: n.action, origin: 'bot', detail: n.detail }, n.bytes);
        return;
      case 'turn':
        return; // the live view measures turns from the voice events
      case 'ended': {
        const id = this.callId;
        if (!id) return;
        this.log('out', 'closed', 'frame.closed', {});
        const reason = END_REASON[n.reason] ?? 'closed';
        this.log('internal', 'info', 'call.ended', { reason });
        const audioSeconds = (this.frames * 20) / 1000;
        this.emit('call:ended', {
          callId: id,
          endedAt: n.at,
          reason,
          stats: { frames: this.frames, bytes: 0, audioSeconds, wallSeconds: Math.max(audioSeconds, (n.at - this.startedAt) / 1000), gaps: 0, jitterMs: 0, errors: {} },
          recordingPath: null,
        });
        this.callId = null;
        return;
      }
    }
  }

  /** `size`: bytes of the message the line is about (0: a line about no message). */
  private log(dir: 'in' | 'out' | 'internal', type: string, code: LogMessageCode, params: LogParams, size = 0): void {
    const msg = logMessage(code, params);
    this.emit('call:log', { callId: this.callId!, entries: [{ seq: this.seq++, at: Date.now(), dir, type, size, summary: englishOf(msg), msg }] });
  }
}

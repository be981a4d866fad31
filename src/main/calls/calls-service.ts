// The calls domain, wired: live records of running calls (live-calls.ts), stored calls and the
// library (call-store.ts), export and import (call-transfer.ts), replays (call-replays.ts).
// The endpoint writes each call's files; this domain reads them and never rewrites them.
import fs from 'node:fs';
import type { CallDetail, CallSummary, LiveCall, LogPage, LogRows } from '../../shared/contract/calls';
import type { LogEntry } from '../../shared/contract/live';
import type { EventBus } from '../api/event-bus';
import type { Logger } from '../logger';
import type { LogQuery } from './call-record';
import { CallReplays } from './call-replays';
import { CallStore } from './call-store';
import { CallTransfer } from './call-transfer';
import { CallsDisk } from './disk';
import { Library, type HistoryItem } from './library';
import { LiveCalls } from './live-calls';

export interface CallsServiceDeps {
  recordingsDir: string;
  events: EventBus;
  logger: Logger;
  now: () => number;
  /** Every token known to the app, scrubbed from exports. */
  secrets: () => string[];
  /** Presenter mode: exports mask the call's phone numbers and extensions too. */
  presenter?: () => boolean;
  /** Create-stream history (request without token, response), when the psr domain offers it. */
  history?: () => Promise<HistoryItem[]>;
  /** How many ended calls stay listed in memory (without their logs, which are on disk). */
  keepInMemory?: number;
}

export class CallsService {
  readonly disk: CallsDisk;
  private readonly liveCalls: LiveCalls;
  private readonly store: CallStore;
  private readonly transfer: CallTransfer;
  private readonly replays: CallReplays;

  constructor(private readonly d: CallsServiceDeps) {
    this.disk = new CallsDisk(d.recordingsDir);
    fs.mkdirSync(this.disk.importedDir, { recursive: true });
    // Replays are registered before their first event, so the live records can tell them apart.
    let replays: CallReplays | null = null;
    this.liveCalls = new LiveCalls({
      disk: this.disk,
      events: d.events,
      logger: d.logger,
      now: d.now,
      isReplay: (id) => replays?.has(id) ?? false,
      ...(d.keepInMemory !== undefined ? { keepInMemory: d.keepInMemory } : {}),
    });
    this.store = new CallStore(this.disk, new Library(this.disk, d.history), this.liveCalls);
    const changed = (reason: string) => d.events.emit('calls:changed', { reason });
    this.transfer = new CallTransfer({ store: this.store, now: d.now, secrets: d.secrets, presenter: d.presenter, changed });
    this.replays = replays = new CallReplays({ store: this.store, events: d.events, logger: d.logger, now: d.now });
  }

  live(): LiveCall[] {
    return this.liveCalls.list();
  }

  list(): Promise<CallSummary[]> {
    return this.store.list();
  }

  get(callId: string): Promise<CallDetail> {
    return this.store.get(callId);
  }

  logPage(q: LogQuery & { callId: string }): Promise<LogPage> {
    return this.store.logPage(q);
  }

  logRows(q: LogQuery & { callId: string; expanded?: number[] | undefined }): Promise<LogRows> {
    return this.store.logRows(q);
  }

  logEntry(callId: string, seq: number): Promise<LogEntry> {
    return this.store.logEntry(callId, seq);
  }

  /** A recording's bytes (the transports carry them as base64 until the contract has a bytes type). */
  async recording(callId: string, recordingId: string): Promise<{ mime: string; base64: string; kind: string }> {
    const { bytes, kind } = await this.store.recording(callId, recordingId);
    return { mime: 'audio/wav', base64: bytes.toString('base64'), kind };
  }

  export(callId: string): Promise<{ fileName: string; content: string }> {
    return this.transfer.export(callId);
  }

  import(content: string): Promise<{ callId: string }> {
    return this.transfer.import(content);
  }

  async delete(callId: string): Promise<void> {
    await this.store.delete(callId);
    this.d.events.emit('calls:changed', { reason: 'deleted' });
  }

  replay(callId: string, speed: number): Promise<{ replayCallId: string }> {
    return this.replays.start(callId, speed);
  }

  setListening(callId: string, on: boolean): void {
    this.replays.setListening(callId, on);
  }

  stopReplay(replayCallId: string): void {
    this.replays.stop(replayCallId);
  }

  async dispose(): Promise<void> {
    this.liveCalls.dispose();
    this.replays.dispose();
  }
}

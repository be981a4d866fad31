// PSR's HTTP API on loopback: POST /psr/v1/call/stream (multipart, busboy) and GET of recordings.
// Same auth (Bearer or Basic token), same validation (400 {code, message} naming the field).
import fs from 'node:fs';
import http from 'node:http';
import { timingSafeEqual } from 'node:crypto';
import busboy from 'busboy';
import { AppError, isAppError } from '../../shared/errors';
import type { Logger } from '../logger';
import { parseCreateStream, type CreateStreamRequest, type FormInput } from './create-stream-form';

export const STREAM_PATH = '/psr/v1/call/stream';
export const RECORD_PREFIX = '/psr/v1/call/record/';

export interface HttpApiOptions {
  token(): string | undefined;
  logger: Logger;
  /** Whole request body limit (bytes). Default 25 MB. */
  maxBodyBytes?: number;
  /** audio_file limit (bytes). Default 20 MB. */
  maxFileBytes?: number;
  /** Creates the call; returns its id. */
  createCall(req: CreateStreamRequest): string;
  /** A recording: 'running' while the call is up, a file path when ready, null when unknown. */
  recording(name: { callId: string; full: boolean }): 'running' | string | null;
  baseUrl(): string;
}

function sendJson(res: http.ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text), 'cache-control': 'no-store' });
  res.end(text);
}

function sendError(res: http.ServerResponse, status: number, code: string, message: string): void {
  sendJson(res, status, { code, message });
}

function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** Bearer <token>, Basic <token> (as the vendor README writes it), Basic base64(user:token), or the token as is. */
export function authorized(header: string | undefined, token: string | undefined): boolean {
  if (!token || !header) return false;
  if (safeEqual(header.trim(), token)) return true;
  const m = /^(Bearer|Basic)\s+(\S+)\s*$/i.exec(header);
  if (!m) return false;
  const value = m[2]!;
  if (safeEqual(value, token)) return true;
  if (m[1]!.toLowerCase() === 'basic') {
    const decoded = Buffer.from(value, 'base64').toString('utf8');
    const i = decoded.indexOf(':');
    if (i >= 0) return safeEqual(decoded.slice(i + 1), token) || safeEqual(decoded.slice(0, i), token);
  }
  return false;
}

export function createHttpApi(opts: HttpApiOptions): http.Server {
  const maxBody = opts.maxBodyBytes ?? 25 * 1024 * 1024;
  const maxFile = opts.maxFileBytes ?? 20 * 1024 * 1024;

  const parseForm = (req: http.IncomingMessage): Promise<FormInput> =>
    new Promise((resolve, reject) => {
      let bb: busboy.Busboy;
      try {
        bb = busboy({ headers: req.headers, limits: { fileSize: maxFile, files: 1, fields: 32, fieldSize: 256 * 1024, parts: 40 } });
      } catch {
        return reject(new AppError('SIM_BAD_MULTIPART', 'body: expected multipart/form-data (or application/x-www-form-urlencoded)', 'body'));
      }
      const fields = new Map<string, string>();
      let file: FormInput['file'] = null;
      let failed = false;
      const fail = (e: AppError) => {
        if (failed) return;
        failed = true;
        req.unpipe(bb);
        req.resume();
        reject(e);
      };
      let received = 0;
      req.on('data', (c: Buffer) => {
        received += c.length;
        if (received > maxBody) fail(new AppError('SIM_BODY_TOO_LARGE', `body: expected at most ${maxBody} bytes`, 'body'));
      });
      bb.on('field', (name, value, info) => {
        if (info.valueTruncated) fail(new AppError('SIM_BODY_TOO_LARGE', `field '${name}': expected at most 256 KB of text`, name));
        else fields.set(name, value);
      });
      bb.on('file', (name, stream, info) => {
        if (name !== 'audio_file') {
          stream.resume(); // PSR ignores unknown parts; so do we
          return;
        }
        const parts: Buffer[] = [];
        stream.on('data', (c: Buffer) => parts.push(c));
        stream.on('limit', () => fail(new AppError('SIM_BODY_TOO_LARGE', `field 'audio_file': expected at most ${maxFile} bytes`, 'audio_file')));
        stream.on('end', () => {
          file = { name: info.filename ?? 'audio.wav', bytes: new Uint8Array(Buffer.concat(parts)) };
        });
      });
      bb.on('error', (e: Error) => fail(new AppError('SIM_BAD_MULTIPART', `body: expected a well-formed multipart body (${e.message})`, 'body')));
      bb.on('close', () => {
        if (!failed) resolve({ fields, file });
      });
      req.pipe(bb);
    });

  const handle = async (req: http.IncomingMessage, res: http.ServerResponse): Promise<void> => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const isStream = url.pathname === STREAM_PATH;
    const isRecord = url.pathname.startsWith(RECORD_PREFIX);
    if (!isStream && !isRecord) return sendError(res, 404, 'SIM_NOT_FOUND', `no such path ${url.pathname.slice(0, 100)}`);
    if (!authorized(req.headers.authorization, opts.token())) {
      req.resume();
      res.setHeader('www-authenticate', 'Bearer');
      return sendError(res, 401, 'SIM_UNAUTHORIZED', "header 'Authorization': expected 'Bearer <token>', 'Basic <token>' or the token as is, with the simulator's token");
    }
    if (isStream) {
      if (req.method !== 'POST') return sendError(res, 405, 'SIM_NOT_FOUND', `${STREAM_PATH}: expected POST`);
      const declared = Number(req.headers['content-length'] ?? 0);
      if (declared > maxBody) {
        req.resume();
        return sendError(res, 413, 'SIM_BODY_TOO_LARGE', `body: expected at most ${maxBody} bytes, got ${declared}`);
      }
      let created: CreateStreamRequest;
      try {
        created = await parseCreateStream(await parseForm(req));
      } catch (e) {
        if (isAppError(e)) return sendError(res, e.code === 'SIM_BODY_TOO_LARGE' ? 413 : 400, e.code, e.message);
        throw e;
      }
      const callId = opts.createCall(created);
      const base = opts.baseUrl();
      return sendJson(res, 200, {
        code: 'OK',
        message: 'OK',
        data: {
          call_id: callId,
          full_recording_url: `${base}${RECORD_PREFIX}full_${callId}.wav`,
          recording_url: `${base}${RECORD_PREFIX}${callId}.wav`,
          status: 'in-progress',
        },
      });
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') return sendError(res, 405, 'SIM_NOT_FOUND', 'recordings: expected GET');
    const m = /^(full_)?([A-Za-z0-9-]{1,64})\.wav$/.exec(url.pathname.slice(RECORD_PREFIX.length));
    if (!m) return sendError(res, 404, 'SIM_NOT_FOUND', 'recording: expected full_<call_id>.wav or <call_id>.wav');
    const found = opts.recording({ callId: m[2]!, full: !!m[1] });
    if (found === 'running') return sendError(res, 404, 'SIM_RECORDING_NOT_READY', `recording of call ${m[2]}: not ready while the call is running`);
    if (!found) return sendError(res, 404, 'SIM_NOT_FOUND', `recording of call ${m[2]}: no such call`);
    const stat = await fs.promises.stat(found).catch(() => null);
    if (!stat) return sendError(res, 404, 'SIM_NOT_FOUND', `recording of call ${m[2]}: file missing`);
    res.writeHead(200, { 'content-type': 'audio/wav', 'content-length': stat.size, 'cache-control': 'no-store' });
    if (req.method === 'HEAD') return void res.end();
    fs.createReadStream(found).pipe(res);
  };

  return http.createServer((req, res) => {
    handle(req, res).catch((e) => {
      opts.logger.error('sim.http_failed', { error: e instanceof Error ? e.message : String(e) });
      if (!res.headersSent) sendError(res, 500, 'INTERNAL', 'the simulator failed to handle the request');
      else res.destroy();
    });
  });
}

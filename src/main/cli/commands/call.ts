// `npm run cli -- call`: create a stream from the command line (scripts, CI). Same client and rules as the app.
import { redactingIo } from '../redacting-io';
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { isErrorCode } from '../../../shared/error-catalog';
import { authSchemeSchema } from '../../../shared/contract/profiles';
import { psrRequestSchema, validatePsrRequest, type PsrRequest } from '../../../shared/psr/request';
import { convertToPsrWav, inspectWav } from '../../audio/wavefile-convert';
import { createLogger } from '../../logger';
import { defaultDataDir } from '../../paths';
import { createStream } from '../../psr/create-stream';
import { defaultConnectionOptions, PsrError } from '../../psr/http';
import { createNodeAppServices } from '../../web/node-services';
import { CliUsageError, type CliCommand } from '../command';

const usage = `Usage: npm run cli -- call (--profile NAME | --base-url URL [--auth bearer|basic|none]) --url WS_URL --destination NUMBER [options]

Creates one PSR stream (POST {base_url}/psr/v1/call/stream) and prints PSR's JSON response on stdout.
Never retried: creating a call is not idempotent. Exits 1 with "[CODE] message" on stderr when it fails,
2 on bad usage or a broken rule.

Credentials:
  --profile NAME        a saved profile (name or id); the request is also saved in the history
  --base-url URL        instead of a profile (scripts/CI); the token is read from $PSR_TOKEN only,
                        never from a flag (it would end up in the shell history)
  --auth bearer|basic|none  scheme for --base-url (default bearer; none: the token as is)

Request (names as in the vendor docs):
  --url WS_URL          WebSocket URL the call audio is streamed to (wss://…, or a relative path)
  --destination NUMBER  phone number or extension to call
  --app dial|bot        default dial
  --channel stereo|mono_a|mono_b   default stereo
  --extension EXT       PBX extension called first (required with --app dial)
  --audio-file FILE     WAV played after the destination answers (bot)
  --convert             convert --audio-file to 16-bit 8 kHz mono before sending
  --silence             is_silence=true (bot: play silence, no greeting)
  --parameter JSON      JSON object handed to the bot, e.g. '{"danh_xung":"anh"}'

Connection:
  --ca-file PEM         also trust this CA (HTTPS_PROXY / NO_PROXY are honoured from the environment)
  --timeout-ms N        header and body timeout (default 30000)
  --data-dir DIR        where profiles and history live (default $PSR_CONSOLE_DATA_DIR or ~/.local/share/psr-console)
`;

export const callCommand: CliCommand = {
  name: 'call',
  summary: 'create a PSR stream (POST /psr/v1/call/stream) and print the response',
  usage,
  async run(argv, rawIo) {
    // Every line this command prints is scrubbed of $PSR_TOKEN and the profiles' tokens (a failing
    // server may echo the Authorization header back in its body).
    const profileTokens: string[] = [];
    const io = redactingIo(rawIo, () => [rawIo.env.PSR_TOKEN, ...profileTokens]);
    let values: Record<string, string | boolean | undefined>;
    try {
      ({ values } = parseArgs({
        args: argv,
        options: {
          profile: { type: 'string' },
          'base-url': { type: 'string' },
          auth: { type: 'string', default: 'bearer' },
          url: { type: 'string' },
          destination: { type: 'string' },
          app: { type: 'string', default: 'dial' },
          channel: { type: 'string', default: 'stereo' },
          extension: { type: 'string', default: '' },
          'audio-file': { type: 'string' },
          convert: { type: 'boolean', default: false },
          silence: { type: 'boolean', default: false },
          parameter: { type: 'string', default: '' },
          'ca-file': { type: 'string' },
          'timeout-ms': { type: 'string' },
          'data-dir': { type: 'string' },
          token: { type: 'string' },
        },
        strict: true,
      }));
    } catch (e) {
      throw new CliUsageError(e instanceof Error ? e.message : String(e));
    }
    if (values.token !== undefined) throw new CliUsageError('--token is not accepted (it would be saved in your shell history); set PSR_TOKEN instead');
    if (!values.profile === !values['base-url']) throw new CliUsageError('give exactly one of --profile NAME or --base-url URL');
    const audioPath = values['audio-file'] as string | undefined;
    const parsed = psrRequestSchema.safeParse({
      url: values.url ?? '',
      destination: values.destination ?? '',
      app: values.app,
      channel: values.channel,
      extension: values.extension,
      is_silence: values.silence,
      parameter: values.parameter,
      audio_file: audioPath ? { uploadId: 'cli-direct-file', name: path.basename(audioPath) } : null,
    });
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      io.err(`call: [PSR_INVALID_REQUEST] field '${issue.path.join('.')}': ${issue.message}`);
      return 2;
    }
    const request: PsrRequest = parsed.data;
    const { errors, warnings } = validatePsrRequest(request);
    for (const w of warnings) io.err(`call: warning: ${w.message}`);
    if (errors.length) {
      for (const e of errors) io.err(`call: [PSR_INVALID_REQUEST] ${e.message}`);
      return 2;
    }
    let audio: { fileName: string; bytes: Uint8Array } | null = null;
    if (audioPath) {
      let bytes: Uint8Array = fs.readFileSync(audioPath);
      const info = inspectWav(bytes);
      if (values.convert && !info.isPsrFormat) bytes = await convertToPsrWav(bytes);
      else if (!info.isPsrFormat) {
        io.err(`call: warning: ${path.basename(audioPath)} is ${info.sampleRate} Hz, ${info.bitDepth}-bit, ${info.channels} channel(s); PSR plays 16-bit 8000 Hz mono (add --convert)`);
      }
      audio = { fileName: path.basename(audioPath), bytes };
    }
    const timeout = values['timeout-ms'] ? Number(values['timeout-ms']) : undefined;
    if (timeout !== undefined && !(Number.isInteger(timeout) && timeout >= 100)) throw new CliUsageError('--timeout-ms: expected an integer of at least 100');

    if (values['base-url']) {
      const scheme = authSchemeSchema.safeParse(values.auth);
      if (!scheme.success) throw new CliUsageError('--auth: expected bearer, basic or none');
      const options = { ...defaultConnectionOptions, caFile: (values['ca-file'] as string | undefined) ?? null, ...(timeout ? { headersTimeoutMs: timeout, bodyTimeoutMs: timeout } : {}) };
      try {
        const r = await createStream(
          { profileName: '$PSR_TOKEN', baseUrl: values['base-url'] as string, authScheme: scheme.data, token: io.env.PSR_TOKEN || undefined },
          request,
          audio,
          options,
          { env: io.env, signal: io.signal },
        );
        io.out(r.response);
        return 0;
      } catch (e) {
        return fail(e, io.err);
      }
    }

    const services = createNodeAppServices({
      dataDir: path.resolve((values['data-dir'] as string | undefined) ?? defaultDataDir(io.env)),
      logger: createLogger({ level: 'warn' }),
    });
    profileTokens.push(...services.profiles.allTokens());
    try {
      const psr = services.psr;
      if (values['ca-file'] || timeout) {
        psr.setOptions({ ...(values['ca-file'] ? { caFile: values['ca-file'] as string } : {}), ...(timeout ? { headersTimeoutMs: timeout, bodyTimeoutMs: timeout } : {}) });
      }
      let req = request;
      if (audio) {
        const saved = psr.uploads.save(audio.fileName, audio.bytes);
        req = { ...request, audio_file: { uploadId: saved.uploadId, name: saved.name } };
      }
      const entry = await psr.createStream(req, services.profiles.credentials(values.profile as string).profileId);
      if (entry.error) return fail(new PsrError(isErrorCode(entry.error.code) ? entry.error.code : 'INTERNAL', entry.error.message), io.err);
      io.out(entry.response ?? {});
      return 0;
    } catch (e) {
      return fail(e, io.err);
    } finally {
      await services.dispose();
    }
  },
};

function fail(e: unknown, err: (t: string) => void): number {
  const code = (e as { code?: unknown }).code;
  err(`call: ${typeof code === 'string' ? `[${code}] ` : ''}${e instanceof Error ? e.message : String(e)}`);
  return 1;
}

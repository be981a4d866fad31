// PSR domain: the create-stream client, request builder support, history.
import { PSR_MAX_INLINE_BYTES } from '../../shared/contract/psr';
import type { DomainHandlers } from '../api/dispatcher';
import type { AppContext, Domain } from '../app-context';
import { checkCaFilePath } from '../psr/http';
import { PsrService } from '../psr/psr-service';
import type { EndpointDomain } from './endpoint';
import type { SimulatorDomain } from './simulator';

type PsrCallName =
  | 'psr:uploadAudio'
  | 'psr:convertAudio'
  | 'psr:readUpload'
  | 'psr:createStream'
  | 'psr:curl'
  | 'psr:copyCurlWithToken'
  | 'psr:history'
  | 'psr:historyDelete'
  | 'psr:fetchRecording'
  | 'psr:testConnection'
  | 'psr:getOptions'
  | 'psr:setOptions';

export type PsrDomain = Domain<DomainHandlers<PsrCallName>, PsrService>;

const b64 = (bytes: Uint8Array) => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64');

export function createPsrDomain(
  ctx: AppContext,
  deps: { endpoint: EndpointDomain['service']; simulator: SimulatorDomain['service'] },
): PsrDomain {
  const service = new PsrService(ctx, {
    simulator: deps.simulator,
    watch: {
      endpointUrls: () => {
        const st = deps.endpoint.status();
        return st.running ? [st.localUrl, st.publicUrl] : [];
      },
      simulatorCall: (callId) => deps.simulator.simulator?.calls.get(callId) ?? null,
    },
  });
  return {
    service,
    handlers: {
      'psr:uploadAudio': ({ name, dataBase64 }) => service.uploads.save(name, Buffer.from(dataBase64, 'base64')),
      'psr:convertAudio': async ({ uploadId }) => {
        const { upload, bytes } = await service.convert(uploadId);
        return { upload, dataBase64: b64(bytes) };
      },
      'psr:readUpload': ({ uploadId }) => {
        const { upload, bytes } = service.uploads.get(uploadId);
        return { upload, dataBase64: b64(bytes) };
      },
      'psr:createStream': async ({ profileId, request }) => {
        const entry = await service.createStream(request, profileId);
        return { historyId: entry.id, entry };
      },
      'psr:curl': async ({ profileId, request }) => ({ command: await service.curl(request, profileId) }),
      'psr:copyCurlWithToken': async ({ profileId, request }) => {
        await service.copyCurlWithToken(request, profileId);
        return { ok: true as const };
      },
      'psr:history': ({ limit }) => ({ entries: service.history.list(limit) }),
      'psr:historyDelete': ({ id }) => {
        service.history.delete(id);
        return { ok: true as const };
      },
      'psr:fetchRecording': async ({ url, profileId }) => {
        const r = await service.fetchRecording(url, profileId);
        const inlined = r.size <= PSR_MAX_INLINE_BYTES;
        return { path: r.path, size: r.size, contentType: r.contentType, inlined, dataBase64: inlined ? b64(r.bytes) : '' };
      },
      'psr:testConnection': ({ profileId }) => service.testConnection(profileId),
      'psr:getOptions': () => service.options(),
      'psr:setOptions': async (patch) => {
        // A path that can never be a CA file (a FIFO, a device, a folder, too large) is refused when entered.
        const caFile = patch.caFile?.trim();
        if (caFile && caFile !== service.options().caFile) await checkCaFilePath(caFile);
        return service.setOptions(patch);
      },
    },
    dispose: async () => service.dispose(),
  };
}

// A picked file crosses the bridge as {name, base64}: the browser cannot hand main a path.
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import type { AudioFileSourceArg } from '../../../../shared/contract/endpoint';
import { ENDPOINT_MAX_FILE_BYTES } from '../../../../shared/contract/endpoint';
import { errorText } from '../../errors';

export class FileTooLargeError extends Error {}

/** Error text for actions that read a picked file: a too-large file is named, others as usual. */
export function useFileErrorText(): (e: unknown) => string {
  const { t } = useTranslation('endpoint');
  return useCallback((e: unknown) => (e instanceof FileTooLargeError ? t('fileTooLarge', { name: e.message }) : errorText(e)), [t]);
}

export async function fileToSource(file: File): Promise<AudioFileSourceArg> {
  if (file.size > ENDPOINT_MAX_FILE_BYTES) throw new FileTooLargeError(file.name);
  const bytes = new Uint8Array(await file.arrayBuffer());
  let bin = '';
  // Chunks keep String.fromCharCode's argument list under engine limits.
  for (let i = 0; i < bytes.length; i += 0x8000) bin += String.fromCharCode.apply(null, bytes.subarray(i, i + 0x8000) as unknown as number[]);
  return { name: file.name, base64: btoa(bin) };
}

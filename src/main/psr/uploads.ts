// Audio files chosen in the request builder, kept under <dataDir>/uploads/<uploadId>/<name>.
// Why on disk: the request, its history entry and "Copy as cURL" (@path) all need a real file,
// and in web mode the browser never tells us a path.
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { UploadView } from '../../shared/contract/psr';
import { convertToPsrWav, inspectWav } from '../audio/wavefile-convert';
import { PsrError } from './http';

const ID = /^[a-z0-9-]{8,80}$/;

export function safeFileName(name: string): string {
  const base = path.basename(name.replace(/\\/g, '/'));
  const cleaned = base.replace(/[^\p{L}\p{N}._ -]+/gu, '_').replace(/^\.+/, '').trim().slice(0, 120);
  return cleaned || 'audio.wav';
}

export class UploadStore {
  readonly dir: string;
  constructor(dataDir: string) {
    this.dir = path.join(dataDir, 'uploads');
  }

  /** Inspect (rejects non-WAV/corrupt with WAV_* codes), then store. */
  save(name: string, bytes: Uint8Array, convertedFrom: string | null = null): UploadView {
    const info = inspectWav(bytes);
    const uploadId = `${Date.now().toString(36)}-${randomBytes(6).toString('hex')}`;
    const fileName = safeFileName(name);
    const folder = path.join(this.dir, uploadId);
    fs.mkdirSync(folder, { recursive: true });
    const filePath = path.join(folder, fileName);
    fs.writeFileSync(filePath, bytes);
    fs.writeFileSync(path.join(folder, 'upload.json'), JSON.stringify({ name: fileName, convertedFrom }));
    return { uploadId, name: fileName, path: filePath, info, convertedFrom };
  }

  get(uploadId: string): { upload: UploadView; bytes: Buffer } {
    if (!ID.test(uploadId)) throw new PsrError('PSR_UPLOAD_NOT_FOUND', `audio_file: no uploaded file '${uploadId}'`, { field: 'audio_file' });
    const folder = path.join(this.dir, uploadId);
    let meta: { name: string; convertedFrom: string | null };
    try {
      meta = JSON.parse(fs.readFileSync(path.join(folder, 'upload.json'), 'utf8')) as typeof meta;
    } catch {
      throw new PsrError('PSR_UPLOAD_NOT_FOUND', `audio_file: the uploaded file '${uploadId}' is gone; pick the file again`, { field: 'audio_file' });
    }
    const filePath = path.join(folder, safeFileName(meta.name));
    const bytes = fs.readFileSync(filePath);
    return { upload: { uploadId, name: safeFileName(meta.name), path: filePath, info: inspectWav(bytes), convertedFrom: meta.convertedFrom ?? null }, bytes };
  }

  async convert(uploadId: string): Promise<{ upload: UploadView; bytes: Uint8Array }> {
    const { upload, bytes } = this.get(uploadId);
    const converted = await convertToPsrWav(bytes);
    const stem = upload.name.replace(/\.[^.]*$/, '');
    return { upload: this.save(`${stem}-8k-mono.wav`, converted, uploadId), bytes: converted };
  }
}

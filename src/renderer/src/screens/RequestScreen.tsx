// Create stream: compose a PSR create-stream request, send it once with a profile, see the answer,
// copy it as cURL, and go back to any earlier request (history).
import { useCallback, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { profileDisplayName } from '../presenter';
import type { ProfileList } from '../../../shared/contract/profiles';
import type { HistoryEntry } from '../../../shared/contract/psr';
import { CREATE_STREAM_PATH } from '../../../shared/psr/curl';
import { emptyPsrRequest, validatePsrRequest, type PsrField, type PsrRequest } from '../../../shared/psr/request';
import { api, ApiError, useEvent } from '../api/client';
import type { AudioChoice } from '../components/request/AudioFilePicker';
import { base64ToBytes, wavBlobUrl } from '../components/request/bytes';
import { ConnectionOptions } from '../components/request/ConnectionOptions';
import { CurlPanel } from '../components/request/CurlPanel';
import { HistoryPanel } from '../components/request/HistoryPanel';
import { useErrorText } from '../components/request/issues';
import { RequestForm } from '../components/request/RequestForm';
import { ResponsePanel } from '../components/request/ResponsePanel';
import '../styles/request.css';

export function RequestScreen() {
  const { t } = useTranslation('psr');
  const errorText = useErrorText();
  const [draft, setDraft] = useState<PsrRequest>(emptyPsrRequest);
  const [audio, setAudio] = useState<AudioChoice | null>(null);
  const [touched, setTouched] = useState<Set<PsrField>>(new Set());
  const [attempted, setAttempted] = useState(false);
  const [profiles, setProfiles] = useState<ProfileList | null>(null);
  const [profileId, setProfileId] = useState<string | null>(null);
  const [entries, setEntries] = useState<HistoryEntry[]>([]);
  const [selected, setSelected] = useState<HistoryEntry | null>(null);
  const [sending, setSending] = useState(false);
  const [sendError, setSendError] = useState<{ headline: string; detail: string } | null>(null);

  const request: PsrRequest = useMemo(
    () => ({ ...draft, audio_file: audio ? { uploadId: audio.upload.uploadId, name: audio.upload.name } : null }),
    [draft, audio],
  );
  const validation = useMemo(() => validatePsrRequest(request), [request]);

  // Derived, not stored: the message goes away as soon as the last marked field is fixed.
  const blocked = attempted && validation.errors.length > 0;

  const loadHistory = useCallback(() => {
    api['psr:history']()
      .then((r) => setEntries(r.entries))
      .catch(() => {});
  }, []);

  useEffect(() => {
    loadHistory();
    api['profiles:list']()
      .then(setProfiles)
      .catch(() => {});
  }, [loadHistory]);
  useEvent('profiles:changed', setProfiles);

  const activeId = profileId && profiles?.profiles.some((p) => p.id === profileId) ? profileId : (profiles?.activeId ?? null);
  const profile = profiles?.profiles.find((p) => p.id === activeId) ?? null;

  const onTouch = useCallback((f: PsrField) => setTouched((s) => (s.has(f) ? s : new Set(s).add(f))), []);
  const onDraft = useCallback((patch: Partial<PsrRequest>) => setDraft((d) => ({ ...d, ...patch })), []);

  const send = async (req: PsrRequest, viaProfileId: string | null) => {
    setSendError(null);
    setSending(true);
    try {
      const r = await api['psr:createStream']({ request: req, ...(viaProfileId ? { profileId: viaProfileId } : {}) });
      setSelected(r.entry);
      setEntries((list) => [r.entry, ...list.filter((e) => e.id !== r.entry.id)]);
    } catch (e) {
      if (e instanceof ApiError) setSendError(errorText(e.code, e.message, { profile: profile ? profileDisplayName(profile, t) : '' }));
      else setSendError({ headline: String(e), detail: '' });
    } finally {
      setSending(false);
    }
  };

  const submit = () => {
    setAttempted(true);
    setSendError(null);
    if (validation.errors.length) return;
    void send(request, activeId);
  };

  const duplicate = async (e: HistoryEntry) => {
    setDraft({ ...e.request, audio_file: null });
    setAudio(null);
    setAttempted(false);
    setTouched(new Set());
    if (e.profileId && profiles?.profiles.some((p) => p.id === e.profileId)) setProfileId(e.profileId);
    if (e.request.audio_file) {
      try {
        const r = await api['psr:readUpload']({ uploadId: e.request.audio_file.uploadId });
        setAudio({ upload: r.upload, url: wavBlobUrl(base64ToBytes(r.dataBase64)) });
      } catch {
        setSendError({ headline: t('fields.audio_file.gone'), detail: '' });
      }
    }
  };

  const remove = async (e: HistoryEntry) => {
    await api['psr:historyDelete']({ id: e.id }).catch(() => {});
    if (selected?.id === e.id) setSelected(null);
    loadHistory();
  };

  return (
    <section aria-labelledby="screen-title" className="request-screen">
      <h1 id="screen-title">{t('title')}</h1>
      <p className="muted">{t('intro', { path: CREATE_STREAM_PATH })}</p>
      <div className="request-columns">
        <form
          className="panel"
          aria-label={t('form.label')}
          noValidate
          onSubmit={(ev) => {
            ev.preventDefault();
            submit();
          }}
        >
          <RequestForm
            draft={draft}
            onDraft={onDraft}
            audio={audio}
            onAudio={setAudio}
            validation={validation}
            shown={(f) => attempted || touched.has(f)}
            onTouch={onTouch}
          />
          <div className="send-area">
            {profiles && profiles.profiles.length > 1 && (
              <label className="row">
                {t('send.profile')}
                <select value={activeId ?? ''} onChange={(e) => setProfileId(e.target.value)}>
                  {profiles.profiles.map((p) => (
                    <option key={p.id} value={p.id}>
                      {p.name}
                    </option>
                  ))}
                </select>
              </label>
            )}
            <button type="submit" className="primary" disabled={sending || !profile}>
              {sending ? t('send.sending') : t('send.button', { profile: profile ? profileDisplayName(profile, t) : '—' })}
            </button>
            {!profile && profiles && <p className="field-warning">{t('send.noProfile')}</p>}
            <p className="note">{t('send.noRetry')}</p>
            {blocked && (
              <div role="alert" className="field-error">
                <strong>{t('send.blocked')}</strong>
              </div>
            )}
            {sendError && (
              <div role="alert" className="field-error">
                <strong>{sendError.headline}</strong>
                {sendError.detail && <div className="note">{sendError.detail}</div>}
              </div>
            )}
            <CurlPanel request={request} profileId={activeId} disabled={!profile} />
          </div>
        </form>
        <div className="request-side">
          <ResponsePanel entry={selected} />
          <HistoryPanel
            entries={entries}
            selectedId={selected?.id ?? null}
            busy={sending}
            onOpen={setSelected}
            onResend={(e) => void send(e.request, e.profileId)}
            onDuplicate={(e) => void duplicate(e)}
            onDelete={(e) => void remove(e)}
            onRefresh={loadHistory}
          />
          <ConnectionOptions />
        </div>
      </div>
    </section>
  );
}

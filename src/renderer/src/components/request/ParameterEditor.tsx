// parameter: a JSON editor (CodeMirror 6) that shows where the JSON breaks (line, column),
// formats it, and previews the query string the bot will receive.
import { json } from '@codemirror/lang-json';
import { HighlightStyle, syntaxHighlighting } from '@codemirror/language';
import { linter, lintGutter, type Diagnostic } from '@codemirror/lint';
import { EditorState } from '@codemirror/state';
import { EditorView, lineNumbers, placeholder } from '@codemirror/view';
import { tags } from '@lezer/highlight';
import { minimalSetup } from 'codemirror';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { checkJson } from '../../../../shared/psr/json-check';
import { parseParameter, queryPreview } from '../../../../shared/psr/request';
import i18n from '../../i18n';
import { describeJsonProblem } from '../../i18n/json-problem';

// CodeMirror's default style paints strings red, which reads as an error here: strings are green,
// keys blue, numbers and literals teal; red stays for the linter's marks only.
export const JSON_COLOURS = { string: '#0a6b2b', propertyName: '#1a4fa0', number: '#0b6e77', literal: '#6b3fa0' };
const jsonHighlight = syntaxHighlighting(
  HighlightStyle.define([
    { tag: tags.string, color: JSON_COLOURS.string },
    { tag: tags.propertyName, color: JSON_COLOURS.propertyName },
    { tag: tags.number, color: JSON_COLOURS.number },
    { tag: [tags.bool, tags.null], color: JSON_COLOURS.literal },
  ]),
);

const jsonLinter = linter((view): Diagnostic[] => {
  const text = view.state.doc.toString();
  if (!text.trim()) return [];
  const c = checkJson(text);
  if (c.ok) return [];
  const from = Math.min(c.offset, text.length);
  const detail = describeJsonProblem({ expected: c.expected, found: c.found, detail: c.message });
  return [{ from, to: Math.min(from + 1, text.length), severity: 'error', message: i18n.t('psr:fields.parameter.at', { line: c.line, column: c.column, detail }) }];
}, { delay: 150 });

export function ParameterEditor(props: { value: string; onChange: (v: string) => void; labelId: string; describedBy: string; invalid: boolean }) {
  const { t } = useTranslation('psr');
  const host = useRef<HTMLDivElement>(null);
  const view = useRef<EditorView | null>(null);
  const onChange = useRef(props.onChange);
  onChange.current = props.onChange;

  useEffect(() => {
    const v = new EditorView({
      parent: host.current!,
      state: EditorState.create({
        doc: props.value,
        extensions: [
          minimalSetup,
          lineNumbers(),
          json(),
          jsonHighlight,
          jsonLinter,
          lintGutter(),
          placeholder('{"danh_xung":"anh"}'),
          EditorView.lineWrapping,
          EditorView.contentAttributes.of({ 'aria-labelledby': props.labelId, 'aria-describedby': props.describedBy }),
          EditorView.updateListener.of((u) => {
            if (u.docChanged) onChange.current(u.state.doc.toString());
          }),
        ],
      }),
    });
    view.current = v;
    return () => {
      v.destroy();
      view.current = null;
    };
    // The editor is created once; later value changes are pushed in by the effect below.
  }, []);

  useEffect(() => {
    const v = view.current;
    if (v && v.state.doc.toString() !== props.value) {
      v.dispatch({ changes: { from: 0, to: v.state.doc.length, insert: props.value } });
    }
  }, [props.value]);

  useEffect(() => {
    view.current?.contentDOM.setAttribute('aria-invalid', props.invalid ? 'true' : 'false');
  }, [props.invalid]);

  const parsed = parseParameter(props.value);
  const format = () => {
    if (parsed.ok && parsed.value) props.onChange(JSON.stringify(parsed.value, null, 2));
  };

  return (
    <div className="parameter-editor">
      <div ref={host} className={`cm-host${props.invalid ? ' invalid' : ''}`} />
      <div className="row">
        <button type="button" onClick={format} disabled={!parsed.ok || !parsed.value}>
          {t('fields.parameter.format')}
        </button>
      </div>
      <div className="query-preview">
        <span id={`${props.labelId}-q`}>{t('fields.parameter.query')}</span>
        <output aria-labelledby={`${props.labelId}-q`}>
          <code>{queryPreview(props.value)}</code>
        </output>
        <span className="note">{t('fields.parameter.queryNote')}</span>
      </div>
    </div>
  );
}

/** @jsxImportSource @bpmn-io/properties-panel/preact */
import { useEffect, useMemo, useRef, useState } from '@bpmn-io/properties-panel/preact/hooks';
import { useService } from 'bpmn-js-properties-panel';

import { getProvider } from '../../../runtime/catalog/providers';
import { PROPERTY } from '../../../runtime/config';
import { findKeyLiterals, lintPayload, parseTemplate } from '../../../runtime/template';
import type { Diagnostic, Provider } from '../../../runtime/types';
import type { PayloadEditor } from '../../editor/payload-editor';
import type { VariableOption } from '../../editor/completion-source';
import { loadPayloadEditor } from '../../editor/load';
import { catalystEntry } from '../catalyst-entry';
import { DiagnosticList } from '../components/DiagnosticList';
import { useCatalystTasks } from '../hooks/useCatalystTasks';
import { useKnownVariables } from '../hooks/useKnownVariables';
import { useTranslate } from '../hooks/useTranslate';
import { whenIdle } from '../when-idle';

interface LintContext {
  known: VariableOption[] | null;
  provider: Provider | undefined;
}

/**
 * The payload in a code editor. The text is stored verbatim, also when it does not
 * parse: the user's text is never lost, its problems are shown inline and below.
 * Typing is written as one command per pause (or on leaving the editor); changes from
 * the diagram (undo, import) replace only what changed.
 */
function Payload({ element, id }: { element: any; id: string }) {
  const catalystTasks = useCatalystTasks();
  const translate = useTranslate();
  const debounceInput = useService('debounceInput');

  const properties = catalystTasks.getProperties(element);
  const provider = getProvider(properties[PROPERTY.provider] ?? '');
  const stored = properties[PROPERTY.payload] ?? provider?.defaultPayload ?? '';
  const known = useKnownVariables(element);

  const [ lint, setLint ] = useState<{ text: string; diagnostics: Diagnostic[] }>({ text: stored, diagnostics: [] });

  // typed text that holds an API key: kept in the editor, never written (design §3)
  const [ holdsKey, setHoldsKey ] = useState(false);

  const container = useRef<HTMLDivElement>(null);
  const editor = useRef<PayloadEditor | null>(null);
  const shown = useRef(stored);

  // the editor reads these on every lint and completion; it is built once per mount
  const context = useRef<LintContext>({ known, provider });
  context.current = { known, provider };

  const write = useMemo(() => debounceInput((text: string) => {
    catalystTasks.setProperty(element, PROPERTY.payload, text);
  }), [ element ]);

  const labelId = `bio-properties-panel-${id}-label`;

  const [ mounted, setMounted ] = useState(false);
  const mountNow = useRef<() => void>(() => {});

  // CodeMirror is built when the browser is idle, so selecting a task paints the panel
  // first; until then (or until the user reaches for it) a plain preview shows the text
  useEffect(() => {
    let payloadEditor: PayloadEditor | null = null;
    let loading = false;
    let disposed = false;

    const mount = () => {
      if (payloadEditor || loading) {
        return;
      }

      cancelMount();
      loading = true;

      // CodeMirror is a chunk of its own, loaded on the first mount (see editor/load.ts)
      void loadPayloadEditor().then(({ PayloadEditor }) => {
        if (disposed) {
          return;
        }

        const created: PayloadEditor = payloadEditor = new PayloadEditor({
          parent: container.current!,
          text: shown.current,
          labelledBy: labelId,
          lint: text => lintPayload(text, {
            knownVariables: context.current.known?.map(variable => variable.name),
            provider: context.current.provider
          }),
          variables: () => completionOptions(context.current.known, created.getText()),
          onChange: text => {
            shown.current = text;

            // the one text the payload does not store verbatim: a key would leave with the diagram
            const hasKey = findKeyLiterals(text, context.current.provider).length > 0;

            setHoldsKey(hasKey);

            if (hasKey) {
              write.cancel?.();
            } else {
              write(text);
            }
          },
          onBlur: () => write.flush?.(),
          onDiagnostics: diagnostics => setLint({ text: created.getText(), diagnostics })
        });

        editor.current = created;
        setMounted(true);

        if (focusOnMount.current) {
          focusOnMount.current = false;
          created.view.focus();
        }
      }, () => {

        // the preview stays; the next click on it tries to load the editor again
        loading = false;
      });
    };

    const cancelMount = whenIdle(mount);
    mountNow.current = mount;

    return () => {
      disposed = true;
      cancelMount();
      write.flush?.();
      payloadEditor?.destroy();
      editor.current = null;
      setMounted(false);
    };
  }, [ write ]);

  const focusOnMount = useRef(false);

  const openEditor = (event: MouseEvent) => {
    event.preventDefault();

    if (editor.current) {
      editor.current.view.focus();
    } else {
      focusOnMount.current = true;
      mountNow.current();
    }
  };

  useEffect(() => {
    if (stored !== shown.current) {
      shown.current = stored;
      write.cancel?.();
      setHoldsKey(false);
      editor.current?.setText(stored);
    }
  }, [ stored ]);

  const knownKey = known?.map(variable => variable.name).join(',');

  useEffect(() => {
    editor.current?.relint();
  }, [ knownKey, provider?.id ]);

  return <div class="bio-properties-panel-entry catalyst-payload" data-entry-id={ id }>
    <div class="bio-properties-panel-label" id={ labelId }>{ translate('Payload') }</div>
    { !mounted && <pre class="catalyst-payload__preview" aria-hidden="true" onMouseDown={ openEditor }>{ stored }</pre> }
    <div class="catalyst-payload__editor" ref={ container } />
    <DiagnosticList text={ lint.text } diagnostics={ lint.diagnostics } />
    { holdsKey && <div class="bio-properties-panel-error" role="alert">
      { translate('Not saved: the payload holds what looks like an API key. Remove it and name the key under Secret name; until then the diagram keeps the payload from before.') }
    </div> }
    <div class="bio-properties-panel-description">
      { translate('JSON request body;') } <code>{ '${name}' }</code> { translate('inserts a process variable. Type') } <code>{ '${' }</code> { translate('for the diagram\'s variables.') }
    </div>
  </div>;
}

export const PayloadProps = catalystEntry('catalyst-payload', Payload, node => !!node);

/** The diagram's variables, then names this payload already uses that the diagram does not know. */
function completionOptions(known: VariableOption[] | null, text: string): VariableOption[] {
  const options = [ ...(known ?? []) ];
  const names = new Set(options.map(option => option.name));

  for (const placeholder of parseTemplate(text).placeholders) {
    if (!names.has(placeholder.name)) {
      names.add(placeholder.name);
      options.push({ name: placeholder.name, detail: 'used in this payload' });
    }
  }

  return options;
}

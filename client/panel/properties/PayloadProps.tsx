/** @jsxImportSource @bpmn-io/properties-panel/preact */
import { useEffect, useMemo, useState } from '@bpmn-io/properties-panel/preact/hooks';
import { useService } from 'bpmn-js-properties-panel';

import { getProvider } from '../../../runtime/catalog/providers';
import { PROPERTY } from '../../../runtime/config';
import { findKeyLiterals, lintPayload, parseTemplate } from '../../../runtime/template';
import type { Diagnostic } from '../../../runtime/types';
import type { VariableOption } from '../../editor/completion-source';
import { catalystEntry } from '../catalyst-entry';
import { CodePreview } from '../components/CodePreview';
import { DiagnosticList } from '../components/DiagnosticList';
import { useCatalystTasks } from '../hooks/useCatalystTasks';
import { useKnownVariables } from '../hooks/useKnownVariables';
import { useLazyCodeEditor } from '../hooks/useLazyCodeEditor';
import { useTranslate } from '../hooks/useTranslate';

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

  const write = useMemo(() => debounceInput((text: string) => {
    catalystTasks.setProperty(element, PROPERTY.payload, text);
  }), [ element ]);

  const labelId = `bio-properties-panel-${id}-label`;

  const { container, editor, mounted, open } = useLazyCodeEditor({
    text: stored,
    write,
    labelledBy: labelId,
    lint: text => lintPayload(text, {
      knownVariables: known?.map(variable => variable.name),
      provider
    }),
    variables: text => completionOptions(known, text),
    onChange: text => {

      // the one text the payload does not store verbatim: a key would leave with the diagram
      const hasKey = findKeyLiterals(text, provider).length > 0;

      setHoldsKey(hasKey);

      if (hasKey) {
        write.cancel?.();
      } else {
        write(text);
      }
    },
    onReplaced: () => setHoldsKey(false),
    onDiagnostics: (diagnostics, text) => setLint({ text, diagnostics })
  });

  const knownKey = known?.map(variable => variable.name).join(',');

  useEffect(() => {
    editor.current?.relint();
  }, [ knownKey, provider?.id ]);

  return <div class="bio-properties-panel-entry catalyst-payload" data-entry-id={ id }>
    <div class="bio-properties-panel-label" id={ labelId }>{ translate('Payload') }</div>
    { !mounted && <CodePreview text={ stored } label={ translate('Payload') } onOpen={ open } /> }
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

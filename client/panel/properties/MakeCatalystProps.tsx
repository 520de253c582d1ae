/** @jsxImportSource @bpmn-io/properties-panel/preact */
import { providers } from '../../../runtime/catalog/providers';
import { canBeCatalystElement, getBusinessObject, isCatalystElement, replacedImplementation } from '../../tasks';
import { useCatalystTasks } from '../hooks/useCatalystTasks';
import { useTranslate } from '../hooks/useTranslate';
import type { EntryDefinition } from '../entry';

/** On a service or send task that is not a Catalyst task yet: the one action that makes it one. */
export function MakeCatalystProps({ element }: { element: any }): EntryDefinition[] {
  if (!canBeCatalystElement(element) || isCatalystElement(element)) {
    return [];
  }

  return [ { id: 'catalyst-make', component: MakeCatalystTask } ];
}

function MakeCatalystTask({ element, id }: { element: any; id: string }) {
  const catalystTasks = useCatalystTasks();
  const translate = useTranslate();
  const [ provider ] = providers;
  const replaced = replacedImplementation(getBusinessObject(element));

  return <div class="bio-properties-panel-entry catalyst-make" data-entry-id={ id }>
    <p class="bio-properties-panel-description catalyst-make__hint">
      { translate('Calls an LLM provider as an external task on topic') } <code>catalyst</code>. { translate('Starts with the {provider} defaults; pick another provider afterwards.', { provider: provider.name }) }
    </p>
    { replaced && <p class="bio-properties-panel-description catalyst-make__replaces">
      { translate('Replaces its {implementation}', { implementation: translate(replaced.label) }) } <code>{ replaced.value }</code>; { translate('Undo brings it back.') }
    </p> }
    <button
      type="button"
      class="catalyst-button catalyst-button--primary"
      onClick={ event => {
        const group = (event.currentTarget as HTMLElement).closest('[data-group-id]');

        catalystTasks.makeCatalystTask(element, provider.id);
        focusProviderOf(group);
      } }>
      { translate('Make Catalyst task') }
    </button>
  </div>;
}

const FOCUS_ATTEMPTS = 10;

/**
 * The button goes away with the change it makes; without this, keyboard focus would drop
 * to the page. The next choice is the provider, so focus goes there once the group shows it.
 */
function focusProviderOf(group: Element | null, attempt = 0): void {
  const select = group?.querySelector<HTMLSelectElement>('[data-entry-id="catalyst-provider"] select');

  if (select) {
    select.focus();
  } else if (group && attempt < FOCUS_ATTEMPTS) {
    requestAnimationFrame(() => focusProviderOf(group, attempt + 1));
  }
}

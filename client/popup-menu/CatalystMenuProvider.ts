import { providers } from '../../runtime/catalog/providers';
import { PROPERTY } from '../../runtime/config';
import type { Provider } from '../../runtime/types';
import { providerIconUrl } from '../icons';
import { isCatalystElement, replacedImplementation, type CatalystTasks } from '../tasks';

type Element = { id: string; businessObject: any; type?: string };

type Action = (event: Event) => unknown;

interface PopupMenuEntry {
  label: string;
  description?: string;
  imageUrl?: string;
  className?: string;
  search?: string;
  group: { id: string; name: string };
  action: Action | { click: Action; dragstart?: Action };
}

type Entries = Record<string, PopupMenuEntry>;

interface PopupMenu {
  registerProvider(id: string, priority: number, provider: object): void;
}

interface Rules {
  allowed(action: string, context: object): boolean | null | undefined;
}

interface Injector {
  get<T = any>(name: string, strict?: boolean): T;
}

/** Ids of the popup menus bpmn-js opens from the context pad: "Change element" and "Append". */
const REPLACE_MENU = 'bpmn-replace';
const APPEND_MENU = 'bpmn-append';

/** Group id of the Catalyst entries in both menus. */
const CATALYST_MENU_GROUP = 'catalyst';

const PRIORITY = 1000;

/**
 * `Catalyst – <provider>` entries in the replace menu of a task and in the append menu,
 * so a Camunda 7 diagram gets Catalyst tasks from the Modeler's own menus: since Modeler
 * 5.49 the template chooser these templates were picked from exists for Camunda 8 only.
 * The entries apply what the templates and "Make Catalyst task" apply (the catalog's
 * defaults through `catalystTasks`), each in one undo step.
 */
export default class CatalystMenuProvider {
  static $inject = [ 'popupMenu', 'catalystTasks', 'rules', 'translate', 'injector' ];

  constructor(
      popupMenu: PopupMenu,
    private readonly catalystTasks: CatalystTasks,
    private readonly rules: Rules,
    private readonly translate: (text: string, replacements?: Record<string, string>) => string,
    private readonly injector: Injector
  ) {
    popupMenu.registerProvider(REPLACE_MENU, PRIORITY, { getPopupMenuEntries: (target: Element | Element[]) => this.addReplaceEntries(target) });
    popupMenu.registerProvider(APPEND_MENU, PRIORITY, { getPopupMenuEntries: (target: Element | Element[]) => this.addAppendEntries(target) });
  }

  private addReplaceEntries(target: Element | Element[]) {
    return (entries: Entries): Entries => {
      if (Array.isArray(target) || !target.businessObject?.$instanceOf('bpmn:Task')
        || !this.rules.allowed('shape.replace', { element: target })) {
        return entries;
      }

      const current = isCatalystElement(target)
        ? this.catalystTasks.getProperty(target, PROPERTY.provider)?.trim()
        : undefined;

      // a Java class, expression or other topic goes: say so where the choice is made
      const replaced = current === undefined ? replacedImplementation(target.businessObject) : undefined;
      const note = replaced && this.translate('Replaces its {what} {value}.', { what: replaced.label, value: replaced.value });

      for (const provider of providers.filter(each => each.id !== current)) {
        const entry = this.entry(provider, () => {
          this.catalystTasks.replaceWithCatalystTask(target, provider.id);
        });

        entries[`replace-with-catalyst-${ provider.id }`] = note ? { ...entry, description: `${ note } ${ entry.description }` } : entry;
      }

      return entries;
    };
  }

  private addAppendEntries(target: Element | Element[]) {
    return (entries: Entries): Entries => {
      if (Array.isArray(target) || !this.rules.allowed('shape.append', { element: target })) {
        return entries;
      }

      for (const provider of providers) {
        entries[`append-catalyst-${ provider.id }`] = this.entry(provider, this.appendAction(target, provider.id));
      }

      return entries;
    };
  }

  /**
   * Placed next to `source` on click (one `shape.append` command, so one undo step),
   * or dragged to a place of the user's choice, as bpmn-js's own append entries do.
   * Hosts without auto-place or create fall back to what they have.
   */
  private appendAction(source: Element, providerId: string): PopupMenuEntry['action'] {
    const autoPlace = this.injector.get('autoPlace', false);
    const create = this.injector.get('create', false);
    const mouse = this.injector.get('mouse', false);

    const startCreate: Action = event => {
      const shape = this.catalystTasks.createCatalystShape(providerId);
      const pointerEvent = event instanceof KeyboardEvent && mouse ? mouse.getLastMoveEvent() : event;

      create.start(pointerEvent, shape, { source });
    };

    const append: Action = () => autoPlace.append(source, this.catalystTasks.createCatalystShape(providerId));

    if (!create) {
      return append;
    }

    return { click: autoPlace ? append : startCreate, dragstart: startCreate };
  }

  private entry(provider: Provider, action: PopupMenuEntry['action']): PopupMenuEntry {
    return {
      label: this.translate('Catalyst – {provider}', { provider: provider.name }),
      description: provider.description,
      imageUrl: providerIconUrl(provider.id),

      // found by provider id and by what a user looking for an LLM call would type
      search: `${ provider.id } ${ provider.name } catalyst LLM AI chat`,
      group: { id: CATALYST_MENU_GROUP, name: this.translate('Catalyst') },
      action
    };
  }
}

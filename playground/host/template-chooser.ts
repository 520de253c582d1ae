/**
 * A minimal element template chooser: Camunda Modeler opens its chooser when the panel's
 * Template "Select" button fires `elementTemplates.select`; the playground lists the
 * templates that apply to the element and applies the one picked.
 */
import { isAny } from 'bpmn-js/lib/util/ModelUtil';

interface Template {
  id: string;
  name: string;
  description?: string;
  appliesTo: string[];
  icon?: { contents: string };
}

export function installTemplateChooser(modeler: { get<T = any>(name: string): T }): void {
  const eventBus = modeler.get('eventBus');
  const elementTemplates = modeler.get('elementTemplates');

  eventBus.on('elementTemplates.select', (event: { element: any }) => {
    const templates = (elementTemplates.getAll() as Template[])
      .filter(template => isAny(event.element, template.appliesTo));

    openChooser(templates, template => elementTemplates.applyTemplate(event.element, template));
  });
}

function openChooser(templates: Template[], onPick: (template: Template) => void) {
  const dialog = document.createElement('dialog');
  dialog.className = 'cp-chooser';
  dialog.setAttribute('aria-label', 'Select a template');

  const heading = document.createElement('h2');
  heading.textContent = 'Select a template';

  const list = document.createElement('ul');

  for (const template of templates) {
    const button = document.createElement('button');
    button.type = 'button';

    if (template.icon) {
      const icon = document.createElement('img');
      icon.src = template.icon.contents;
      icon.alt = '';
      button.append(icon);
    }

    const text = document.createElement('span');
    text.innerHTML = '<strong></strong><small></small>';
    text.querySelector('strong')!.textContent = template.name;
    text.querySelector('small')!.textContent = template.description || '';
    button.append(text);

    button.addEventListener('click', () => {
      dialog.close();
      onPick(template);
    });

    const item = document.createElement('li');
    item.append(button);
    list.append(item);
  }

  const cancel = document.createElement('button');
  cancel.type = 'button';
  cancel.className = 'cp-button';
  cancel.textContent = 'Cancel';
  cancel.addEventListener('click', () => dialog.close());

  dialog.append(heading, list, cancel);
  dialog.addEventListener('close', () => dialog.remove());
  document.body.append(dialog);
  dialog.showModal();
}

/**
 * Creates the Camunda 7 BPMN editor the way Camunda Modeler composes it for a
 * "Camunda Platform" diagram: bpmn-js with the camunda moddle, the properties panel with
 * the BPMN and Camunda 7 providers, Camunda 7 modeling behaviors, C7 element templates,
 * and then whatever plugins registered for the platform editor.
 */
import BpmnModeler from 'bpmn-js/lib/Modeler';
import {
  BpmnPropertiesPanelModule,
  BpmnPropertiesProviderModule,
  CamundaPlatformPropertiesProviderModule
} from 'bpmn-js-properties-panel';
import { ElementTemplatesPropertiesProviderModule } from 'bpmn-js-element-templates';
import CamundaBehaviorsModule from 'camunda-bpmn-js-behaviors/lib/camunda-platform';
import camundaModdle from 'camunda-bpmn-moddle/resources/camunda.json';

import { getPlugins } from './plugins';

/** Plugin types the Modeler hands to a Camunda 7 BPMN editor. */
const MODULE_PLUGIN_TYPES = [ 'bpmn.modeler.additionalModules', 'bpmn.platform.modeler.additionalModules' ];
const MODDLE_PLUGIN_TYPES = [ 'bpmn.modeler.moddleExtension', 'bpmn.platform.modeler.moddleExtension' ];

export interface ModelerOptions {
  canvas: HTMLElement;
  propertiesPanel: HTMLElement;
  elementTemplates: unknown[];

  /**
   * The properties panel's input debounce (`config.debounceInput`): a delay in ms, or false
   * to write every input at once. Unset: the panel's default, as in the Modeler.
   */
  debounceInput?: boolean | number;
}

export function createModeler(options: ModelerOptions): BpmnModeler {
  const pluginModules = getPlugins(...MODULE_PLUGIN_TYPES);
  const pluginModdle = getPlugins<{ prefix: string }>(...MODDLE_PLUGIN_TYPES);

  const moddleExtensions: Record<string, unknown> = { camunda: camundaModdle };
  for (const descriptor of pluginModdle) {
    moddleExtensions[descriptor.prefix] = descriptor;
  }

  return new BpmnModeler({
    container: options.canvas,
    propertiesPanel: { parent: options.propertiesPanel },
    elementTemplates: options.elementTemplates,
    ...(options.debounceInput === undefined ? {} : { debounceInput: options.debounceInput }),
    additionalModules: [
      BpmnPropertiesPanelModule,
      BpmnPropertiesProviderModule,
      CamundaPlatformPropertiesProviderModule,
      CamundaBehaviorsModule,
      ElementTemplatesPropertiesProviderModule,
      ...pluginModules
    ],
    moddleExtensions
  } as ConstructorParameters<typeof BpmnModeler>[0]);
}

import type { ElementLike, ShapeLike } from 'diagram-js/lib/core/Types';

import { PROPERTY } from '../../runtime/config';
import { providerIconUrl } from '../icons';
import { getBusinessObject, isCatalystElement, readExtensionProperties } from '../tasks';

/** Above bpmn-js's BpmnRenderer (1000), so Catalyst tasks are drawn here. */
const CATALYST_RENDER_PRIORITY = 1250;

/** Where the task-type icon (the service task's gear) sits in bpmn-js: top left, about 20 px. */
const ICON = { x: 5, y: 5, size: 20 };

const SVG_NS = 'http://www.w3.org/2000/svg';

interface EventBus {
  on(event: string, priority: number, listener: (event: unknown, context: any) => unknown): void;
}

interface BpmnRenderer {
  handlers: Record<string, (parentGfx: SVGElement, element: ShapeLike, attrs?: object) => SVGElement>;
  getShapePath(element: ShapeLike): string;
}

/**
 * Draws a Catalyst task the way Camunda 8 draws a connector task: the task as bpmn-js draws
 * any task (border, label, loop and compensation markers, colours) with the provider's
 * icon where the service task's gear would be. The icon is an `<image>` with a `data:`
 * URL inside the shape's own SVG group, so saveSVG and the Modeler's SVG/PNG export carry it.
 */
export default class CatalystTaskRenderer {
  static $inject = [ 'eventBus', 'bpmnRenderer' ];

  // registered on the event bus the way diagram-js's BaseRenderer does: that class is the
  // host's, and the plugin bundle must not carry a copy of diagram-js
  constructor(eventBus: EventBus, private readonly bpmnRenderer: BpmnRenderer) {
    eventBus.on('render.shape', CATALYST_RENDER_PRIORITY, (_event, { element, gfx, attrs }) =>
      this.canRender(element) ? this.drawShape(gfx, element, attrs) : undefined);

    eventBus.on('render.getShapePath', CATALYST_RENDER_PRIORITY, (_event, element) =>
      this.canRender(element) ? this.getShapePath(element) : undefined);
  }

  canRender(element: ElementLike): boolean {
    return !element.labelTarget && !!element.businessObject && isCatalystElement(element as { businessObject: any })
      && !!this.iconOf(element);
  }

  drawShape(parentGfx: SVGElement, element: ShapeLike, attrs?: object): SVGElement {
    const task = this.bpmnRenderer.handlers['bpmn:Task'](parentGfx, element, attrs);
    const image = document.createElementNS(SVG_NS, 'image');

    image.setAttribute('href', this.iconOf(element)!);
    image.setAttribute('x', String(ICON.x));
    image.setAttribute('y', String(ICON.y));
    image.setAttribute('width', String(ICON.size));
    image.setAttribute('height', String(ICON.size));
    image.setAttribute('class', 'catalyst-task-icon');
    image.setAttribute('data-catalyst-provider', this.providerOf(element) ?? '');
    parentGfx.appendChild(image);

    return task;
  }

  getShapePath(element: ShapeLike): string {
    return this.bpmnRenderer.getShapePath(element);
  }

  private providerOf(element: ElementLike): string | undefined {
    return readExtensionProperties(getBusinessObject(element as { businessObject: any }))[PROPERTY.provider]?.trim();
  }

  private iconOf(element: ElementLike): string | undefined {
    const provider = this.providerOf(element);

    return provider ? providerIconUrl(provider) : undefined;
  }
}

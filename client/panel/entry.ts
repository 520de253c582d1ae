import type { FunctionComponent } from '@bpmn-io/properties-panel/preact';

/** An entry of the Catalyst group, as @bpmn-io/properties-panel's Group renders it. */
export interface EntryDefinition {
  id: string;
  component: FunctionComponent<any>;

  /** Whether the entry holds a value (drives the group's "edited" marker). */
  isEdited?: (node: HTMLElement | null) => boolean;
  [prop: string]: unknown;
}

/** Makes the entries of one part of the group, `[]` when the part does not apply. */
export type EntryFactory = (props: { element: any }) => EntryDefinition[];

import type { EntryDefinition, EntryFactory } from './entry';
import { AuthProps } from './properties/AuthProps';
import { EndpointProps } from './properties/EndpointProps';
import { ErrorMappingProps, ResponseMappingProps } from './properties/MappingProps';
import { MakeCatalystProps } from './properties/MakeCatalystProps';
import { ModelProps } from './properties/ModelProps';
import { PayloadProps } from './properties/PayloadProps';
import { ProviderProps } from './properties/ProviderProps';
import { InvalidResponseProps, ResponseFormatProps } from './properties/ResponseFormatProps';
import { RetriesProps } from './properties/RetriesProps';
import { SecretProps } from './properties/SecretProps';
import { TimeoutProps } from './properties/TimeoutProps';
import { isSectionEdited, Section } from './components/Section';
import { isCatalystElement } from '../tasks';

/** A titled part of the Catalyst group: the header a user scans for, and its entries. */
interface CatalystSection {

  /** `catalyst-section-<id>` is the entry id of the section. */
  id: string;

  /** Untranslated label; the section header translates it. */
  label: string;
  factories: EntryFactory[];
}

/**
 * The Catalyst group's sections in display order: where the request goes, what it asks,
 * what comes back, what happens when it goes wrong.
 */
const CATALYST_SECTIONS: readonly CatalystSection[] = [
  { id: 'connection', label: 'Connection', factories: [ ProviderProps, EndpointProps, AuthProps, SecretProps ] },
  { id: 'request', label: 'Request', factories: [ ModelProps, PayloadProps ] },
  { id: 'output', label: 'Output', factories: [ ResponseFormatProps, ResponseMappingProps ] },
  { id: 'errors', label: 'Errors & retries', factories: [ ErrorMappingProps, InvalidResponseProps, TimeoutProps, RetriesProps ] }
];

/** One section as an entry of the group, holding the entries of its factories. */
function sectionEntries(section: CatalystSection): EntryFactory {
  return ({ element }) => {
    if (!isCatalystElement(element)) {
      return [];
    }

    const entries = section.factories.flatMap(factory => factory({ element }));

    return [ {
      id: `catalyst-section-${section.id}`,
      component: Section,
      label: section.label,
      entries,
      isEdited: isSectionEdited(entries)
    } ];
  };
}

/**
 * The parts of the Catalyst group, in display order. Each factory returns `[]` where it
 * does not apply (on a task that is not a Catalyst task only MakeCatalystProps shows).
 * The test call (client/test-call/) adds its entries with a properties provider of its own.
 */
const CATALYST_ENTRY_FACTORIES: readonly EntryFactory[] = [
  MakeCatalystProps,
  ...CATALYST_SECTIONS.map(sectionEntries)
];

/** Every entry of the group for this element (a section's entries are inside it). */
export function catalystEntries(element: unknown): EntryDefinition[] {
  return CATALYST_ENTRY_FACTORIES.flatMap(factory => factory({ element }));
}

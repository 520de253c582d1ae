import type { EntryDefinition, EntryFactory } from './entry';
import {
  AuthProps,
  EndpointProps,
  ErrorMappingProps,
  MakeCatalystProps,
  ModelProps,
  PayloadProps,
  ProviderProps,
  InvalidResponseProps,
  ResponseFormatProps,
  ResponseMappingProps,
  RetriesProps,
  SecretProps,
  TimeoutProps
} from './properties';

/**
 * The parts of the Catalyst group, in display order. Each factory returns `[]` where it
 * does not apply (on a task that is not a Catalyst task only MakeCatalystProps shows).
 * The test call (client/test-call/) adds its entries with a properties provider of its own.
 */
export const CATALYST_ENTRY_FACTORIES: readonly EntryFactory[] = [
  MakeCatalystProps,
  ProviderProps,
  ModelProps,
  EndpointProps,
  AuthProps,
  SecretProps,
  PayloadProps,
  ResponseFormatProps,
  ResponseMappingProps,
  ErrorMappingProps,
  InvalidResponseProps,
  TimeoutProps,
  RetriesProps
];

/** Every entry of the group for this element. */
export function catalystEntries(element: unknown): EntryDefinition[] {
  return CATALYST_ENTRY_FACTORIES.flatMap(factory => factory({ element }));
}

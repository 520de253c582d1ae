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
import { TestCallProps, withLiveModels } from '../test-call';

/**
 * The parts of the Catalyst group, in display order. Each factory returns `[]` where it
 * does not apply (on a task that is not a Catalyst task only MakeCatalystProps shows).
 *
 * Slot for the test call: its `TestCallProps` factory (client/test-call/) goes at the
 * end of this list, or is added at run time with {@link addCatalystEntries}.
 */
export const CATALYST_ENTRY_FACTORIES: EntryFactory[] = [
  MakeCatalystProps,
  ProviderProps,
  withLiveModels(ModelProps),
  EndpointProps,
  AuthProps,
  SecretProps,
  PayloadProps,
  ResponseFormatProps,
  ResponseMappingProps,
  ErrorMappingProps,
  InvalidResponseProps,
  TimeoutProps,
  RetriesProps,
  TestCallProps
];

/** Adds entry factories to the end of the group (e.g. the test call). */
export function addCatalystEntries(...factories: EntryFactory[]): void {
  CATALYST_ENTRY_FACTORIES.push(...factories);
}

/** Every entry of the group for this element. */
export function catalystEntries(element: unknown): EntryDefinition[] {
  return CATALYST_ENTRY_FACTORIES.flatMap(factory => factory({ element }));
}

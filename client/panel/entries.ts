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
import { TestCallProps, withLiveModels } from '../test-call';

/**
 * The parts of the Catalyst group, in display order. Each factory returns `[]` where it
 * does not apply (on a task that is not a Catalyst task only MakeCatalystProps shows).
 * The test call's `TestCallProps` (client/test-call/) comes last.
 */
const CATALYST_ENTRY_FACTORIES: EntryFactory[] = [
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

/** Every entry of the group for this element. */
export function catalystEntries(element: unknown): EntryDefinition[] {
  return CATALYST_ENTRY_FACTORIES.flatMap(factory => factory({ element }));
}

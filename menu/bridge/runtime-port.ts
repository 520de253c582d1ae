import type {
  ExecuteOptions,
  ExecutionResult,
  ModelInfo,
  ModelsShape,
  AuthType,
  Provider,
  SecretLocation,
  SecretStore,
  TaskConfig,
  TaskProperties
} from '../../runtime/types';

/**
 * The parts of the shared runtime the bridge serves. The bridge takes them as one
 * object so it runs the very functions the worker runs, and so tests can hand in a
 * runtime whose network and timing they control.
 */
export interface BridgeRuntime {
  readTaskConfig(properties: TaskProperties): TaskConfig;
  executeTask(config: TaskConfig, options: ExecuteOptions): Promise<ExecutionResult>;
  getProvider(id: string): Provider | undefined;
  modelsUrl(provider: Provider, chatOrBaseUrl?: string): string | null;
  listModels(
    request: { url: string; modelsShape: ModelsShape; authType: AuthType; authHeader: string; authPrefix: string },
    options: { apiKey?: string | null; fetch?: typeof fetch; signal?: AbortSignal }
  ): Promise<ModelInfo[]>;
  describeSecret(config: TaskConfig, store: SecretStore): SecretLocation;
  resolveSecret(config: TaskConfig, store: SecretStore, variables: Record<string, unknown>): Promise<{ value: string | null }>;
  parseErrorBody(status: number, contentType: string | null, body: string): { message: string; type?: string; code?: string };
  redact(text: string, secrets: string[]): string;
}

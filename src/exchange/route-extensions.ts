import type { AsyncCalls } from './async-call.service.ts';
import type { BatchImports } from './batch-import.service.ts';

/** What the asynchronous and batch routes need beyond the gateway and the administration. */
export interface ExchangeExtensions {
  readonly asyncCalls: AsyncCalls;
  readonly batches: BatchImports;
}

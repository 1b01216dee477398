/**
 * Stands in for @smithy/core/event-streams in the Lambda bundle (an esbuild alias, infra
 * lambda-bundle.ts). The SDK loads it only for operations that stream events; the API calls
 * DynamoDB, Cognito, SNS and EventBridge, none of which streams, so left out it saves ~15 kB.
 */
function unavailable(): never {
  throw new Error("The Lambda bundle has no event-stream support: no operation the API sends streams");
}
export const eventStreamSerdeProvider = unavailable;
export class EventStreamSerde {
  constructor() {
    unavailable();
  }
}

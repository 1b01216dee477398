/** Starts one in-memory DynamoDB Local on a free port for the whole run; each test file makes its own table. */
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = "true";
import type { TestProject } from "vitest/node";
import { freePort, startDynamoDbLocal, type RunningDynamoDb } from "../../scripts/local/dynamodb.js";

let dynamodb: RunningDynamoDb | undefined;

export default async function setup(project: TestProject) {
  const endpoint = process.env.DYNAMODB_ENDPOINT;
  if (endpoint) {
    project.provide("dynamodbEndpoint", endpoint);
    return;
  }
  dynamodb = await startDynamoDbLocal({ port: await freePort(), inMemory: true, log: (line) => console.log(line) });
  project.provide("dynamodbEndpoint", dynamodb.endpoint);
  return async () => {
    await dynamodb?.stop();
  };
}

declare module "vitest" {
  export interface ProvidedContext {
    dynamodbEndpoint: string;
  }
}

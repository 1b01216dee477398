/** Adapter: a Node HTTP request as an API Gateway HTTP API (payload v2) event, and back. */
import { randomUUID } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from "aws-lambda";

/** Lambda's own request payload limit; the handler enforces the API's smaller one. */
export const MAX_BODY_BYTES = 6 * 1024 * 1024;

export class BodyTooLarge extends Error {}

export async function readBody(request: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) throw new BodyTooLarge();
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

export function toEvent(request: IncomingMessage, body: Buffer): APIGatewayProxyEventV2 {
  const url = new URL(request.url ?? "/", "http://localhost");
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(request.headers)) {
    if (value !== undefined) headers[name.toLowerCase()] = Array.isArray(value) ? value.join(",") : value;
  }
  return apiEvent({
    method: request.method ?? "GET",
    url,
    headers,
    protocol: `HTTP/${request.httpVersion}`,
    sourceIp: request.socket.remoteAddress ?? "127.0.0.1",
    body: body.length ? body.toString("utf8") : undefined,
  });
}

/**
 * A request to /graphql (a POST of `body` by default, or a GET with a query string) as API Gateway hands it
 * to Lambda: the bench and the tests invoke the handler with it.
 */
export function graphqlEvent(
  body: string | undefined,
  headers: Record<string, string>,
  http: { method?: string; query?: string } = {},
): APIGatewayProxyEventV2 {
  return apiEvent({
    method: http.method ?? "POST",
    url: new URL(`http://localhost/graphql${http.query ? `?${http.query}` : ""}`),
    headers: { "content-type": "application/json", host: "localhost", ...headers },
    protocol: "HTTP/1.1",
    sourceIp: "127.0.0.1",
    body,
  });
}

function apiEvent(request: {
  method: string;
  url: URL;
  headers: Record<string, string>;
  protocol: string;
  sourceIp: string;
  body: string | undefined;
}): APIGatewayProxyEventV2 {
  const { url, headers } = request;
  const now = new Date();
  return {
    version: "2.0",
    routeKey: "$default",
    rawPath: url.pathname,
    rawQueryString: url.search.slice(1),
    headers,
    queryStringParameters: url.search ? Object.fromEntries(url.searchParams) : undefined,
    requestContext: {
      accountId: "local",
      apiId: "local",
      domainName: headers.host ?? "localhost",
      domainPrefix: "localhost",
      http: {
        method: request.method,
        path: url.pathname,
        protocol: request.protocol,
        sourceIp: request.sourceIp,
        userAgent: headers["user-agent"] ?? "",
      },
      requestId: randomUUID(),
      routeKey: "$default",
      stage: "$default",
      time: now.toUTCString(),
      timeEpoch: now.getTime(),
    },
    body: request.body,
    isBase64Encoded: false,
  };
}

/** A Lambda context good enough for the handler (it reads awsRequestId). */
export function lambdaContext(requestId: string): Context {
  return {
    awsRequestId: requestId,
    functionName: "regulars-graphql-local",
    functionVersion: "$LATEST",
    invokedFunctionArn: "arn:aws:lambda:local:000000000000:function:regulars-graphql-local",
    memoryLimitInMB: "1024",
    logGroupName: "local",
    logStreamName: "local",
    callbackWaitsForEmptyEventLoop: false,
    getRemainingTimeInMillis: () => 10_000,
    done: () => {},
    fail: () => {},
    succeed: () => {},
  };
}

export function writeResult(response: ServerResponse, result: APIGatewayProxyStructuredResultV2 | string) {
  if (typeof result === "string") {
    response.writeHead(200, { "content-type": "application/json" }).end(result);
    return;
  }
  const headers: Record<string, string | string[]> = {};
  for (const [name, value] of Object.entries(result.headers ?? {})) headers[name] = String(value);
  if (result.cookies?.length) headers["set-cookie"] = result.cookies;
  const body =
    result.body === undefined ? "" : result.isBase64Encoded ? Buffer.from(result.body, "base64") : result.body;
  response.writeHead(result.statusCode ?? 200, headers).end(body);
}

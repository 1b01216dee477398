/**
 * API Gateway HTTP API (payload v2) events to Apollo Server and back: the few
 * lines of @as-integrations/aws-lambda the API uses, over Apollo's own
 * `executeHTTPGraphQLRequest`. That package is CommonJS only, so bundling it
 * brought a second, CommonJS copy of Apollo Server into the Lambda artifact.
 * The behaviour is the package's: headers as sent, the raw query string, a
 * JSON or text body, the answer with its content length; a request that
 * cannot be read (a body that is not JSON) is a 400 with the reason as text.
 */
import { HeaderMap, type ApolloServer, type BaseContext, type HTTPGraphQLRequest } from "@apollo/server";
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context as LambdaContext } from "aws-lambda";

function requestOf(event: APIGatewayProxyEventV2): HTTPGraphQLRequest {
  const headers = new HeaderMap();
  for (const [key, value] of Object.entries(event.headers ?? {})) headers.set(key, value ?? "");
  let body: unknown = "";
  if (event.body) {
    const text = event.isBase64Encoded ? Buffer.from(event.body, "base64").toString("utf8") : event.body;
    const contentType = headers.get("content-type");
    if (contentType?.startsWith("application/json")) body = JSON.parse(text);
    else if (contentType?.startsWith("text/plain")) body = text;
  }
  return { method: event.requestContext.http.method, headers, search: event.rawQueryString, body };
}

/** A Lambda handler serving `server`, started now; `context` makes each request's context. */
export function lambdaHandler<C extends BaseContext>(
  server: ApolloServer<C>,
  context: (input: { event: APIGatewayProxyEventV2; context: LambdaContext }) => Promise<C>,
) {
  server.startInBackgroundHandlingStartupErrorsByLoggingAndFailingAllRequests();
  return async (event: APIGatewayProxyEventV2, lambda: LambdaContext): Promise<APIGatewayProxyStructuredResultV2> => {
    try {
      const response = await server.executeHTTPGraphQLRequest({
        httpGraphQLRequest: requestOf(event),
        context: () => context({ event, context: lambda }),
      });
      if (response.body.kind !== "complete") throw new Error("Only complete body type supported");
      const body = response.body.string;
      return {
        statusCode: response.status ?? 200,
        headers: { ...Object.fromEntries(response.headers), "content-length": Buffer.byteLength(body).toString() },
        body,
      };
    } catch (error) {
      return { statusCode: 400, body: (error as Error).message };
    }
  };
}

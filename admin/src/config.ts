/** The runtime configuration the console reads from /config.json before it starts. */

export type AuthConfig =
  { mode: "local"; loginUrl: string } | { mode: "cognito"; region: string; userPoolId: string; clientId: string };

export interface RuntimeConfig {
  graphqlUrl: string;
  auth: AuthConfig;
}

function isAuthConfig(value: unknown): value is AuthConfig {
  const auth = value as Partial<Record<string, unknown>> | null;
  if (!auth || typeof auth !== "object") return false;
  if (auth.mode === "local") return typeof auth.loginUrl === "string";
  if (auth.mode === "cognito")
    return ["region", "userPoolId", "clientId"].every((key) => typeof auth[key] === "string");
  return false;
}

/** Fetch and check /config.json; the same build runs locally and in AWS. */
export async function loadConfig(url = "/config.json"): Promise<RuntimeConfig> {
  const response = await fetch(url, { cache: "no-store" });
  if (!response.ok) throw new Error(`${url} answered ${response.status}`);
  const config = (await response.json()) as Partial<RuntimeConfig>;
  if (typeof config.graphqlUrl !== "string" || !isAuthConfig(config.auth))
    throw new Error(`${url} is not a valid console configuration`);
  return { graphqlUrl: config.graphqlUrl, auth: config.auth };
}

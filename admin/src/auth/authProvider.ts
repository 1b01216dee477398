/**
 * Sign-in against the local token issuer or Cognito (USER_PASSWORD_AUTH);
 * who the staff member is and what they may see comes from the API's viewer.
 */
import type { AuthProvider } from "react-admin";
import type { AuthConfig } from "../config";
import type { Document } from "../dataProvider/document";
import { ApiError, isUnauthenticated } from "../dataProvider/errors";
import { graphqlRequest } from "../dataProvider/http";
import type { ViewerQuery, ViewerQueryVariables } from "../generated/graphql";
import type { Permissions } from "./permissions";
import { clearSession, currentSession, saveSession } from "./session";

interface Credentials {
  username: string;
  password: string;
}

type Viewer = ViewerQuery["viewer"];

const VIEWER: Document<ViewerQuery, ViewerQueryVariables> = /* GraphQL */ `
  query viewer {
    viewer {
      kind
      role
      storeIds
      staff {
        id
        name
        username
      }
    }
  }
`;

async function localSignIn(loginUrl: string, { username, password }: Credentials) {
  const response = await fetch(loginUrl, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ username, password }),
  });
  const body = (await response.json().catch(() => ({}))) as { idToken?: string; expiresIn?: number; message?: string };
  if (response.status === 401) throw new ApiError("app.wrong_credentials", "UNAUTHENTICATED", 401);
  if (!response.ok || !body.idToken)
    throw new ApiError(body.message ?? "ra.auth.sign_in_error", "UNAUTHENTICATED", response.status);
  return { idToken: body.idToken, expiresIn: body.expiresIn ?? 3600 };
}

async function cognitoSignIn(auth: Extract<AuthConfig, { mode: "cognito" }>, { username, password }: Credentials) {
  const response = await fetch(`https://cognito-idp.${auth.region}.amazonaws.com/`, {
    method: "POST",
    headers: {
      "X-Amz-Target": "AWSCognitoIdentityProviderService.InitiateAuth",
      "Content-Type": "application/x-amz-json-1.1",
    },
    body: JSON.stringify({
      AuthFlow: "USER_PASSWORD_AUTH",
      ClientId: auth.clientId,
      AuthParameters: { USERNAME: username, PASSWORD: password },
    }),
  });
  const body = (await response.json().catch(() => ({}))) as {
    AuthenticationResult?: { IdToken?: string; ExpiresIn?: number };
    message?: string;
    ChallengeName?: string;
    __type?: string;
  };
  if (body.__type?.endsWith("NotAuthorizedException") || body.__type?.endsWith("UserNotFoundException"))
    throw new ApiError("app.wrong_credentials", "UNAUTHENTICATED", response.status);
  const idToken = body.AuthenticationResult?.IdToken;
  if (!response.ok || !idToken) {
    // A challenge (e.g. NEW_PASSWORD_REQUIRED) cannot be answered in this console yet.
    throw new ApiError(
      body.message ?? (body.ChallengeName ? `Sign-in needs ${body.ChallengeName}` : "ra.auth.sign_in_error"),
      "UNAUTHENTICATED",
      response.status,
    );
  }
  return { idToken, expiresIn: body.AuthenticationResult?.ExpiresIn ?? 3600 };
}

export function createAuthProvider(auth: AuthConfig, graphqlUrl: string): AuthProvider {
  // One viewer request per token: react-admin asks for identity and permissions often.
  let viewer: { token: string; promise: Promise<Viewer> } | undefined;

  function currentViewer(): Promise<Viewer> {
    const session = currentSession();
    if (!session) return Promise.reject(new ApiError("ra.auth.auth_check_error", "UNAUTHENTICATED"));
    if (viewer?.token !== session.idToken) {
      const promise = graphqlRequest(graphqlUrl, VIEWER).then(({ viewer: v }) => {
        if (v.kind !== "staff" || !v.staff || !v.role)
          throw new ApiError("ra.auth.auth_check_error", "UNAUTHENTICATED");
        return v;
      });
      promise.catch(() => {
        if (viewer?.promise === promise) viewer = undefined;
      });
      viewer = { token: session.idToken, promise };
    }
    return viewer.promise;
  }

  return {
    async login(credentials: Credentials) {
      clearSession();
      viewer = undefined;
      const { idToken, expiresIn } =
        auth.mode === "local" ? await localSignIn(auth.loginUrl, credentials) : await cognitoSignIn(auth, credentials);
      saveSession(idToken, expiresIn);
      try {
        await currentViewer();
      } catch (error) {
        clearSession();
        throw error;
      }
    },
    async logout() {
      clearSession();
      viewer = undefined;
    },
    async checkAuth() {
      // Straight to the sign-in page, without a "please sign in" notification.
      if (!currentSession()) throw { message: false };
    },
    async checkError(error: unknown) {
      if (isUnauthenticated(error)) {
        clearSession();
        viewer = undefined;
        throw error;
      }
    },
    async getIdentity() {
      const { staff } = await currentViewer();
      return { id: staff!.id, fullName: staff!.name, username: staff!.username };
    },
    async getPermissions(): Promise<Permissions | undefined> {
      // Signed out: no permissions rather than an error, which would send react-admin round a logout loop.
      if (!currentSession()) return undefined;
      const { role, storeIds } = await currentViewer();
      return { role: role!, storeIds: role === "owner" ? null : (storeIds ?? []) };
    },
  };
}

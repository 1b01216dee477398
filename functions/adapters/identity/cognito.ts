/** Cognito adapter of the identity port: staff sign-ins in a user pool, one group per role. */
import {
  AdminAddUserToGroupCommand,
  AdminCreateUserCommand,
  AdminDeleteUserCommand,
  AdminDisableUserCommand,
  AdminEnableUserCommand,
  AdminRemoveUserFromGroupCommand,
  AdminSetUserPasswordCommand,
  CognitoIdentityProviderClient,
} from "@aws-sdk/client-cognito-identity-provider";
import type { IdentityProvider } from "./port.js";
import { CLAIMS } from "./port.js";

export function cognitoIdentity(userPoolId: string, client = new CognitoIdentityProviderClient({})): IdentityProvider {
  return {
    async createUser({ username, password, merchantId, role }) {
      const created = await client.send(
        new AdminCreateUserCommand({
          UserPoolId: userPoolId,
          Username: username,
          MessageAction: "SUPPRESS",
          UserAttributes: merchantId ? [{ Name: CLAIMS.merchantId, Value: merchantId }] : [],
        }),
      );
      await client.send(
        new AdminSetUserPasswordCommand({
          UserPoolId: userPoolId,
          Username: username,
          Password: password,
          Permanent: true,
        }),
      );
      await client.send(
        new AdminAddUserToGroupCommand({ UserPoolId: userPoolId, Username: username, GroupName: role }),
      );
      const subject = created.User?.Attributes?.find((attribute) => attribute.Name === "sub")?.Value;
      if (!subject) throw new Error("Cognito returned a user without a sub");
      return { subject };
    },
    async setRole(username, from, to) {
      await client.send(new AdminAddUserToGroupCommand({ UserPoolId: userPoolId, Username: username, GroupName: to }));
      await client.send(
        new AdminRemoveUserFromGroupCommand({ UserPoolId: userPoolId, Username: username, GroupName: from }),
      );
    },
    async setEnabled(username, enabled) {
      const Command = enabled ? AdminEnableUserCommand : AdminDisableUserCommand;
      await client.send(new Command({ UserPoolId: userPoolId, Username: username }));
    },
    async deleteUser(username) {
      await client.send(new AdminDeleteUserCommand({ UserPoolId: userPoolId, Username: username }));
    },
  };
}

/**
 * Where staff and operators sign in: a Cognito user pool with one group per role
 * and the console's app client. Nobody signs themselves up: operators create
 * owners (onboardMerchant), owners create their staff, all through the API.
 */
import { Duration, RemovalPolicy } from "aws-cdk-lib";
import {
  AccountRecovery,
  FeaturePlan,
  StringAttribute,
  UserPool,
  UserPoolClient,
  UserPoolGroup,
} from "aws-cdk-lib/aws-cognito";
import { Construct } from "constructs";

/** The role groups; the API reads them from the ID token's `cognito:groups`. */
export const ROLE_GROUPS = {
  operator: "Platform operators: onboard and look after merchants",
  owner: "Merchant owners: every store of their merchant",
  manager: "Store managers: their own stores",
  clerk: "Store clerks: the till in their own stores",
} as const;

export class StaffSignIn extends Construct {
  readonly userPool: UserPool;
  readonly consoleClient: UserPoolClient;

  constructor(scope: Construct, id: string) {
    super(scope, id);
    this.userPool = new UserPool(this, "UserPool", {
      selfSignUpEnabled: false,
      signInAliases: { username: true },
      signInCaseSensitive: false,
      customAttributes: {
        // Mutable so an operator can correct it with AdminUpdateUserAttributes.
        merchantId: new StringAttribute({ minLen: 1, maxLen: 64, mutable: true }),
      },
      // Must accept every password the API accepts (8+ characters, a letter and a digit).
      passwordPolicy: {
        minLength: 8,
        requireDigits: true,
        requireLowercase: false,
        requireUppercase: false,
        requireSymbols: false,
        tempPasswordValidity: Duration.days(3),
      },
      // Sign-ins have no e-mail or phone: passwords are reset by admin calls (AdminSetUserPassword).
      accountRecovery: AccountRecovery.NONE,
      featurePlan: FeaturePlan.LITE,
      // Staff ids are the sign-ins' subjects: losing the pool locks every merchant out.
      deletionProtection: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });

    Object.entries(ROLE_GROUPS).forEach(([groupName, description], precedence) => {
      new UserPoolGroup(this, `Group-${groupName}`, { userPool: this.userPool, groupName, description, precedence });
    });

    // No WriteAttributes: users may then change only standard attributes of their
    // own, never custom:merchantId, which only admin calls can set.
    this.consoleClient = this.userPool.addClient("ConsoleClient", {
      userPoolClientName: "console",
      authFlows: { userPassword: true, userSrp: true },
      generateSecret: false,
      // The console signs in through the API (InitiateAuth), not the hosted UI.
      disableOAuth: true,
      preventUserExistenceErrors: true,
      enableTokenRevocation: true,
    });
  }
}

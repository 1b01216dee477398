/** RegularsAuth: staff and operator sign-ins (Cognito user pool, role groups, console client). */
import { CfnOutput, Stack, type StackProps } from "aws-cdk-lib";
import type { UserPool, UserPoolClient } from "aws-cdk-lib/aws-cognito";
import type { Construct } from "constructs";
import { StaffSignIn } from "../constructs/staff-sign-in.js";

export class AuthStack extends Stack {
  readonly userPool: UserPool;
  readonly consoleClient: UserPoolClient;

  constructor(scope: Construct, id: string, props: StackProps = {}) {
    super(scope, id, { description: "Regulars sign-ins: Cognito user pool with role groups", ...props });
    const signIn = new StaffSignIn(this, "StaffSignIn");
    this.userPool = signIn.userPool;
    this.consoleClient = signIn.consoleClient;
    new CfnOutput(this, "UserPoolId", { value: this.userPool.userPoolId, description: "Cognito user pool" });
    new CfnOutput(this, "ClientId", { value: this.consoleClient.userPoolClientId, description: "Console app client" });
  }
}

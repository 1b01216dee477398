/**
 * SMS through Amazon SNS: the account-and-region setting that caps what SMS may
 * cost in a month (SetSMSAttributes MonthlySpendLimit, applied by a custom
 * resource at deploy time), and the one grant a sending function needs.
 *
 * SNS has no resource ARN for a phone number, so Publish to a number needs
 * `Resource: "*"`; an explicit deny on every topic ARN keeps that grant from
 * reaching any topic, so the function can send SMS and nothing else.
 */
import { Duration, Stack } from "aws-cdk-lib";
import { Effect, PolicyStatement, type IGrantable } from "aws-cdk-lib/aws-iam";
import { LogGroup, RetentionDays } from "aws-cdk-lib/aws-logs";
import {
  AwsCustomResource,
  AwsCustomResourcePolicy,
  PhysicalResourceId,
  type AwsSdkCall,
} from "aws-cdk-lib/custom-resources";
import { Construct } from "constructs";

/** The monthly SMS spend limit when the deployment names none: the USD 1 every new account starts with. */
export const DEFAULT_SMS_MONTHLY_SPEND_LIMIT_USD = 1;

export interface SmsSendingProps {
  /**
   * The most SMS may cost per calendar month in this region, in whole US dollars.
   * SNS refuses a value above the account's quota (raise it with an AWS support case first).
   */
  monthlySpendLimitUsd: number;
}

export class SmsSending extends Construct {
  readonly monthlySpendLimitUsd: number;
  /** The custom resource that applies the spend limit. */
  readonly spendLimit: AwsCustomResource;

  constructor(scope: Construct, id: string, props: SmsSendingProps) {
    super(scope, id);
    const limit = props.monthlySpendLimitUsd;
    if (!Number.isInteger(limit) || limit < 0)
      throw new Error(`The SMS monthly spend limit must be a whole number of US dollars, not ${limit}`);
    this.monthlySpendLimitUsd = limit;

    const setLimit: AwsSdkCall = {
      service: "SNS",
      action: "setSMSAttributes",
      parameters: { attributes: { MonthlySpendLimit: String(limit) } },
      // One setting per account and region: the same physical id, so a new value is an update, not a replacement.
      physicalResourceId: PhysicalResourceId.of(`${Stack.of(this).stackName}-sms-monthly-spend-limit`),
    };
    this.spendLimit = new AwsCustomResource(this, "MonthlySpendLimit", {
      resourceType: "Custom::SmsMonthlySpendLimit",
      onCreate: setLimit,
      onUpdate: setLimit,
      // On delete the limit stays as it was: removing the stack must not lift a cap.
      // SetSMSAttributes is an account-level call with no resource ARN.
      policy: AwsCustomResourcePolicy.fromStatements([
        new PolicyStatement({ actions: ["sns:SetSMSAttributes"], resources: ["*"] }),
      ]),
      installLatestAwsSdk: false,
      timeout: Duration.minutes(1),
      logGroup: new LogGroup(this, "Logs", { retention: RetentionDays.ONE_MONTH }),
    });
  }

  /** Let `grantee` publish SMS to phone numbers, never to a topic. */
  grantSend(grantee: IGrantable): void {
    const partition = Stack.of(this).partition;
    grantee.grantPrincipal.addToPrincipalPolicy(new PolicyStatement({ actions: ["sns:Publish"], resources: ["*"] }));
    grantee.grantPrincipal.addToPrincipalPolicy(
      new PolicyStatement({ effect: Effect.DENY, actions: ["sns:Publish"], resources: [`arn:${partition}:sns:*:*:*`] }),
    );
  }
}

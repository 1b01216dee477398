/**
 * Every cdk-nag (AwsSolutions) finding this app accepts, each on the one
 * construct it concerns and with the reason it is right for Regulars. Nothing is
 * acknowledged for a whole stack: a new resource with the same weakness fails
 * the checks until someone writes its own reason here.
 *
 * cdk-nag 3 has no `NagSuppressions`; an acknowledgement is CDK's own
 * `Validations.of(construct).acknowledge({ id, reason })`, and a rule that
 * reports several findings on one resource (IAM4, IAM5) needs one entry per
 * finding (`AwsSolutions-IAM5[Resource::*]`).
 *
 * Checked by tests/infra/nag.test.ts (no unacknowledged finding, no entry that
 * matches nothing) and on every `cdk synth` / `cdk deploy` (infra/bin/app.ts).
 */
import { DefaultStackSynthesizer, Stack, Token, Validations, type CfnElement } from "aws-cdk-lib";
import { AwsCustomResource } from "aws-cdk-lib/custom-resources";
import type { IConstruct } from "constructs";
import type { RegularsStacks } from "./regulars.js";

export interface NagSuppression {
  /** The construct the finding is on (an acknowledgement covers its children). */
  scope: IConstruct;
  /** The rule, or the rule and its finding, e.g. `AwsSolutions-IAM5[Resource::*]`. */
  id: string;
  /** Why the finding is acceptable here. */
  reason: string;
}

/** The one child of `scope` whose id starts with `prefix` (CDK singletons carry a hash in their id). */
function childStartingWith(scope: IConstruct, prefix: string): IConstruct {
  const found = scope.node.children.filter((child) => child.node.id.startsWith(prefix));
  if (found.length !== 1)
    throw new Error(`Expected one child of ${scope.node.path} named ${prefix}…, found ${found.length}`);
  return found[0];
}

/** How cdk-nag writes the ARN of a resource in a finding: `<LogicalId.Arn>`. */
function arnToken(construct: IConstruct): string {
  const element = construct.node.defaultChild as CfnElement;
  return `<${Stack.of(element).getLogicalId(element)}.Arn>`;
}

/**
 * How cdk-nag writes the ARN of a resource another stack owns, once synthesis has
 * turned the reference into an import: the export's name. (exportValue returns the
 * very export the automatic cross-stack reference uses.)
 */
function importedArnToken(consumer: Stack, construct: IConstruct & { bucketArn: string }): string {
  const imported = Stack.of(construct).exportValue(construct.bucketArn);
  return (consumer.resolve(imported) as { "Fn::ImportValue": string })["Fn::ImportValue"];
}

/** How cdk-nag writes a pseudo parameter or a literal value. */
function rendered(value: string, pseudo: string): string {
  return Token.isUnresolved(value) ? `<${pseudo}>` : value;
}

/** The CDK bootstrap's file-asset bucket, as cdk-nag writes it. */
function assetBucket(stack: Stack): string {
  const account = rendered(stack.account, "AWS::AccountId");
  const region = rendered(stack.region, "AWS::Region");
  return `arn:<AWS::Partition>:s3:::cdk-${DefaultStackSynthesizer.DEFAULT_QUALIFIER}-assets-${account}-${region}`;
}

/** The app's acknowledged findings. */
export function nagSuppressions(stacks: RegularsStacks): NagSuppression[] {
  const { console: release } = stacks;
  return [
    // --- Sign-ins (RegularsAuth) ---
    ...authSuppressions(stacks),
    // --- The console (RegularsConsoleHosting, RegularsConsole) ---
    ...consoleHostingSuppressions(stacks),
    // The console release exists only when admin/dist was built (see ConsoleRelease).
    ...(release.release.deployment ? consoleReleaseSuppressions(stacks) : []),
    // --- The API (RegularsApi) ---
    ...apiSuppressions(stacks),
    // --- Jobs, SMS, events (RegularsJobs) ---
    ...jobsSuppressions(stacks),
  ];
}

/** The staff user pool: password policy, MFA, threat protection. */
function authSuppressions({ auth }: RegularsStacks): NagSuppression[] {
  const userPool = auth.userPool.node.defaultChild!;
  return [
    {
      scope: userPool,
      id: "AwsSolutions-COG1",
      reason:
        "The pool accepts exactly the passwords the API lets owners set for their staff " +
        "(8+ characters with a letter and a digit, checked in the API); staff sign in at " +
        "shared tills, where symbol and case rules lead to passwords on sticky notes. " +
        "Brute force is met by Cognito's sign-in lockout and the admin-only account " +
        "creation.",
    },
    {
      scope: userPool,
      id: "AwsSolutions-COG2",
      reason:
        "MFA stays off: sign-ins have no e-mail or phone (users are created by admins " +
        "with MessageAction SUPPRESS) and the console has no TOTP enrolment yet; clerks " +
        "share till devices. Compensated by admin-only accounts, disable-on-leave through " +
        "the API, and the staff record (not the token) deciding role and stores on every " +
        "request.",
    },
    {
      scope: userPool,
      id: "AwsSolutions-COG8",
      reason:
        "The Lite feature plan: the Plus plan's threat protection is billed per monthly " +
        "active user, on top of Essentials, which a merchant's few dozen staff sign-ins " +
        "do not justify. An operator who wants it changes featurePlan in StaffSignIn; " +
        "nothing else depends on it.",
    },
  ];
}

/** The console's bucket and CloudFront distribution. */
function consoleHostingSuppressions({ consoleHosting }: RegularsStacks): NagSuppression[] {
  const distribution = consoleHosting.distribution.node.defaultChild!;
  return [
    {
      scope: consoleHosting.bucket.node.defaultChild!,
      id: "AwsSolutions-S1",
      reason:
        "The bucket holds only the public console build (HTML, JS, CSS, config.json with " +
        "no secrets), written by the deployment and read only by CloudFront through " +
        "origin access control; S3 access logs would record nothing but CloudFront's " +
        "reads.",
    },
    {
      scope: distribution,
      id: "AwsSolutions-CFR1",
      reason:
        "No geo restriction: merchants' staff and operators sign in from wherever their " +
        "stores are; the distribution serves only the static console, and every data " +
        "request goes to the API, which authenticates it.",
    },
    {
      scope: distribution,
      id: "AwsSolutions-CFR2",
      reason:
        "No WAF web ACL on the console: it serves static files only (no origin compute to " +
        "protect); the API, the only thing with data, has stage throttling and " +
        "per-request authentication. A WAF would add a fixed monthly cost to every " +
        "deployment; docs/security.md says how to attach one.",
    },
    {
      scope: distribution,
      id: "AwsSolutions-CFR3",
      reason:
        "No CloudFront access logs: the distribution serves only the public console " +
        "build; requests that matter (every GraphQL call) are logged by the HTTP API's " +
        "JSON access log and the Lambda's structured logs.",
    },
    {
      scope: distribution,
      id: "AwsSolutions-CFR4",
      reason:
        "The distribution uses the default *.cloudfront.net certificate, for which " +
        "CloudFront fixes the minimum protocol (TLSv1) and modern browsers negotiate TLS " +
        "1.2+ anyway; a custom domain with its own ACM certificate and TLSv1.2_2021 is " +
        "the documented upgrade (docs/deploy.md, Custom domains).",
    },
  ];
}

/** The GraphQL routes, which authenticate in the handler. */
function apiSuppressions({ api }: RegularsStacks): NagSuppression[] {
  return ["POST--graphql", "GET--graphql"].map((route) => ({
    scope: api.api.httpApi.node.findChild(route),
    id: "AwsSolutions-APIG4",
    reason:
      "The GraphQL handler authenticates every request itself: storefronts with an " +
      "x-api-key (looked up by its hash), staff with a Cognito ID token verified " +
      "against the pool's JWKS (issuer, audience, token_use); a request with neither " +
      "gets UNAUTHENTICATED from the handler as a GraphQL error with a stable code. One " +
      "route serves both kinds of caller, which no single API Gateway authorizer can " +
      "express, and a JWT authorizer would answer API-key callers 401 before the " +
      "handler sees them.",
  }));
}

/**
 * The jobs function and its scheduler, the SMS spend limit, the event dead letters, the webhook retry schedule, and
 * the functions' runtime.
 */
function jobsSuppressions({ api, jobs }: RegularsStacks): NagSuppression[] {
  const sdkCallFunction = jobs.node.findChild(`AWS${AwsCustomResource.PROVIDER_FUNCTION_UUID.replace(/-/g, "")}`);
  const schedulerRole = childStartingWith(jobs, "SchedulerRoleForTarget-");
  return [
    {
      scope: jobs.jobs.role!.node.findChild("DefaultPolicy"),
      id: "AwsSolutions-IAM5[Resource::*]",
      reason:
        "sns:Publish to a phone number (the SMS dispatcher) has no resource ARN, so SNS " +
        "requires Resource '*'; an explicit Deny of sns:Publish on every topic ARN " +
        "(arn:*:sns:*:*:*) in the same policy leaves SMS as the only thing it can " +
        "publish.",
    },
    {
      scope: jobs.sms.spendLimit.node.findChild("CustomResourcePolicy"),
      id: "AwsSolutions-IAM5[Resource::*]",
      reason:
        "sns:SetSMSAttributes (the monthly SMS spend limit) is an account-level setting " +
        "with no resource ARN; the policy allows that one action only.",
    },
    {
      scope: sdkCallFunction.node.findChild("ServiceRole"),
      id: "AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]",
      reason:
        "CDK's AwsCustomResource provider (sets the SMS spend limit at deploy time): its " +
        "role is created by aws-cdk-lib with the managed policy for its own logs.",
    },
    {
      scope: schedulerRole.node.findChild("DefaultPolicy"),
      id: `AwsSolutions-IAM5[Resource::${arnToken(jobs.jobs)}:*]`,
      reason:
        "The Scheduler's role may invoke the jobs function and its versions or aliases " +
        "(CDK's grantInvoke adds the qualified ARN); it can invoke no other function.",
    },
    {
      scope: jobs.webhooks.scheduleRole.node.findChild("DefaultPolicy"),
      id: `AwsSolutions-IAM5[Resource::${arnToken(jobs.webhooks.handler)}:*]`,
      reason:
        "The webhook retry schedule's role may invoke the webhook delivery function and its versions or aliases " +
        "(CDK's grantInvoke adds the qualified ARN); it can invoke no other function.",
    },
    {
      scope: jobs.eventDeadLetters.node.defaultChild!,
      id: "AwsSolutions-SQS3",
      reason:
        "This queue is itself a dead-letter queue: the event publisher's stream event " +
        "source mapping sends failed batches to it (OnFailure destination), which the " +
        "rule cannot see as a redrive policy.",
    },
    ...[api.api.handler, jobs.jobs, jobs.publisher, jobs.webhooks.handler].map((fn) => ({
      scope: fn.node.defaultChild!,
      id: "AwsSolutions-L1",
      reason:
        "Node.js 22 (nodejs22.x) on purpose: the bundles are built for node22 and tested " +
        "on Node 20/22; Node 24 is taken up deliberately (target, runtime and the AWS " +
        "SDK's support window together), not by the latest-runtime rule. nodejs22.x is " +
        "supported by Lambda until 2027.",
    })),
  ];
}

/** CDK's BucketDeployment in RegularsConsole: its provider function, role and policy. */
function consoleReleaseSuppressions({ consoleHosting, console: release }: RegularsStacks): NagSuppression[] {
  const bucketDeployment = childStartingWith(release, "Custom::CDKBucketDeployment");
  const deploymentPolicy = bucketDeployment.node.findChild("ServiceRole").node.findChild("DefaultPolicy");
  return [
    {
      scope: bucketDeployment,
      id: "AwsSolutions-L1",
      reason:
        "CDK's BucketDeployment provider: its runtime is chosen and upgraded by " +
        "aws-cdk-lib, not by this app; it runs only during a deployment.",
    },
    {
      scope: bucketDeployment.node.findChild("ServiceRole"),
      id: "AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]",
      reason:
        "CDK's BucketDeployment provider role: the managed policy lets it write its own " +
        "logs; the role is created by aws-cdk-lib and used only during a deployment.",
    },
    ...["s3:GetObject*", "s3:GetBucket*", "s3:List*", "s3:DeleteObject*", "s3:Abort*"].map((action) => ({
      scope: deploymentPolicy,
      id: `AwsSolutions-IAM5[Action::${action}]`,
      reason:
        `BucketDeployment copies the console build from the CDK asset bucket into the ` +
        `console bucket and prunes old files; CDK's grantRead/grantReadWrite use ` +
        `${action}, limited to those two buckets.`,
    })),
    {
      scope: deploymentPolicy,
      id: `AwsSolutions-IAM5[Resource::${assetBucket(release)}/*]`,
      reason:
        "BucketDeployment reads the zipped console build from the CDK bootstrap asset " +
        "bucket; object keys are content hashes not known before synthesis.",
    },
    {
      scope: deploymentPolicy,
      id: `AwsSolutions-IAM5[Resource::${importedArnToken(release, consoleHosting.bucket)}/*]`,
      reason:
        "BucketDeployment writes and prunes every object of the console bucket (the bucket holds nothing but " +
        "the build).",
    },
    {
      scope: deploymentPolicy,
      id: "AwsSolutions-IAM5[Resource::*]",
      reason:
        "cloudfront:CreateInvalidation/GetInvalidation after the upload; CDK's " +
        "BucketDeployment grants them on '*' (CloudFront invalidation permissions are not " +
        "scoped by CDK).",
    },
  ];
}

/** Acknowledge every finding listed in nagSuppressions; returns them (for counting). */
export function acknowledgeNagFindings(stacks: RegularsStacks): NagSuppression[] {
  const suppressions = nagSuppressions(stacks);
  for (const { scope, id, reason } of suppressions) Validations.of(scope).acknowledge({ id, reason });
  return suppressions;
}

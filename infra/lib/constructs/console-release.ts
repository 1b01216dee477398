/**
 * Puts a console build (admin/dist) and its runtime configuration (/config.json)
 * into the hosting bucket and clears CloudFront's cache. The configuration is
 * written at deploy time, so one build serves every deployment.
 */
import { existsSync, statSync } from "node:fs";
import { Annotations } from "aws-cdk-lib";
import type { IDistribution } from "aws-cdk-lib/aws-cloudfront";
import type { IBucket } from "aws-cdk-lib/aws-s3";
import { BucketDeployment, Source } from "aws-cdk-lib/aws-s3-deployment";
import { Construct } from "constructs";

/** What the console reads from /config.json at start-up. */
export interface ConsoleConfig {
  graphqlUrl: string;
  auth: { mode: "cognito"; region: string; userPoolId: string; clientId: string };
}

export interface ConsoleReleaseProps {
  bucket: IBucket;
  distribution: IDistribution;
  /** The built console (vite's output folder). */
  distPath: string;
  config: ConsoleConfig;
}

export class ConsoleRelease extends Construct {
  /** Undefined when there was no build to deploy. */
  readonly deployment?: BucketDeployment;

  constructor(scope: Construct, id: string, props: ConsoleReleaseProps) {
    super(scope, id);
    if (!isDirectory(props.distPath)) {
      Annotations.of(this).addWarningV2(
        "regulars:console-not-built",
        `No console build at ${props.distPath}: the console is not deployed. ` +
          `Run "npm run build:admin" first (npm run deploy does).`,
      );
      return;
    }
    // One deployment for both sources: a second one would prune the other's files.
    this.deployment = new BucketDeployment(this, "Files", {
      destinationBucket: props.bucket,
      sources: [Source.asset(props.distPath), Source.jsonData("config.json", props.config)],
      distribution: props.distribution,
      distributionPaths: ["/*"],
      memoryLimit: 512,
    });
  }
}

function isDirectory(path: string): boolean {
  return existsSync(path) && statSync(path).isDirectory();
}

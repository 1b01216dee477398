/** RegularsConsole: the built console and its /config.json, deployed into the hosting bucket. */
import { CrossStackReferences, ReferenceStrength, Stack, type StackProps } from "aws-cdk-lib";
import type { IDistribution } from "aws-cdk-lib/aws-cloudfront";
import type { IBucket } from "aws-cdk-lib/aws-s3";
import type { Construct } from "constructs";
import { ConsoleRelease, type ConsoleConfig } from "../constructs/console-release.js";

export interface ConsoleStackProps extends StackProps {
  bucket: IBucket;
  distribution: IDistribution;
  distPath: string;
  config: ConsoleConfig;
}

export class ConsoleStack extends Stack {
  readonly release: ConsoleRelease;

  constructor(scope: Construct, id: string, props: ConsoleStackProps) {
    const { bucket, distribution, distPath, config, ...stackProps } = props;
    super(scope, id, { description: "Regulars console release: admin/dist and config.json", ...stackProps });
    // Exports: CloudFormation keeps a producer from being removed while this stack uses it.
    CrossStackReferences.of(this).consume(ReferenceStrength.STRONG);
    this.release = new ConsoleRelease(this, "ConsoleRelease", { bucket, distribution, distPath, config });
  }
}

/** RegularsConsoleHosting: the console's private bucket and CloudFront distribution. */
import { CfnOutput, Stack, type StackProps } from "aws-cdk-lib";
import type { Distribution } from "aws-cdk-lib/aws-cloudfront";
import type { Bucket } from "aws-cdk-lib/aws-s3";
import type { Construct } from "constructs";
import { ConsoleHosting } from "../constructs/console-hosting.js";

export class ConsoleHostingStack extends Stack {
  readonly bucket: Bucket;
  readonly distribution: Distribution;
  /** The console's origin, https://{distribution}.cloudfront.net */
  readonly url: string;

  constructor(scope: Construct, id: string, props: StackProps = {}) {
    super(scope, id, { description: "Regulars console hosting: private S3 bucket behind CloudFront", ...props });
    const hosting = new ConsoleHosting(this, "ConsoleHosting");
    this.bucket = hosting.bucket;
    this.distribution = hosting.distribution;
    this.url = hosting.url;
    new CfnOutput(this, "ConsoleUrl", { value: this.url, description: "Merchant console" });
  }
}

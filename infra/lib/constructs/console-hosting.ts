/**
 * Where the console is served from: a private bucket that only CloudFront may
 * read (origin access control), with single-page-app routing — any unknown path
 * gets index.html and react-admin's router takes over.
 */
import { Duration, RemovalPolicy } from "aws-cdk-lib";
import {
  Distribution,
  HttpVersion,
  ResponseHeadersPolicy,
  ViewerProtocolPolicy,
  type ErrorResponse,
} from "aws-cdk-lib/aws-cloudfront";
import { S3BucketOrigin } from "aws-cdk-lib/aws-cloudfront-origins";
import { BlockPublicAccess, Bucket, BucketEncryption, ObjectOwnership } from "aws-cdk-lib/aws-s3";
import { Construct } from "constructs";

/** S3 answers 403 for a missing key when the reader may not list the bucket, 404 otherwise. */
const SPA_FALLBACK: ErrorResponse[] = [403, 404].map((httpStatus) => ({
  httpStatus,
  responseHttpStatus: 200,
  responsePagePath: "/index.html",
  ttl: Duration.seconds(0),
}));

export class ConsoleHosting extends Construct {
  readonly bucket: Bucket;
  readonly distribution: Distribution;
  /** https://{distribution}.cloudfront.net */
  readonly url: string;

  constructor(scope: Construct, id: string) {
    super(scope, id);
    // Only build output lives here: it goes with the stack.
    this.bucket = new Bucket(this, "Bucket", {
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      encryption: BucketEncryption.S3_MANAGED,
      objectOwnership: ObjectOwnership.BUCKET_OWNER_ENFORCED,
      removalPolicy: RemovalPolicy.DESTROY,
      autoDeleteObjects: true,
    });
    this.distribution = new Distribution(this, "Distribution", {
      comment: "Regulars console",
      defaultBehavior: {
        origin: S3BucketOrigin.withOriginAccessControl(this.bucket),
        viewerProtocolPolicy: ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
        responseHeadersPolicy: ResponseHeadersPolicy.SECURITY_HEADERS,
        compress: true,
      },
      defaultRootObject: "index.html",
      errorResponses: SPA_FALLBACK,
      httpVersion: HttpVersion.HTTP2_AND_3,
    });
    this.url = `https://${this.distribution.distributionDomainName}`;
  }
}

/** The house dead-letter queue, so every queue that parks failures is kept, encrypted and guarded the same way. */
import { Duration, RemovalPolicy } from "aws-cdk-lib";
import { Queue, QueueEncryption } from "aws-cdk-lib/aws-sqs";
import type { Construct } from "constructs";

/** A dead-letter queue: kept 14 days, encrypted, TLS only, retained with the stack so nothing parked is lost. */
export function deadLetterQueue(scope: Construct, id: string): Queue {
  const queue = new Queue(scope, id, {
    retentionPeriod: Duration.days(14),
    encryption: QueueEncryption.SQS_MANAGED,
    enforceSSL: true,
  });
  queue.applyRemovalPolicy(RemovalPolicy.RETAIN);
  return queue;
}

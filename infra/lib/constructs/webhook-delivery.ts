/**
 * Webhook delivery (functions/webhooks.ts): every domain event on the bus (source `regulars`; the jobs' own
 * hand-offs, `regulars.jobs`, stay out) goes by a rule into a queue that feeds the delivery function ten at a time,
 * and a schedule runs the same function every minute to re-attempt the deliveries whose back-off is over.
 *
 * Nothing is dropped on the way: an event the rule cannot put on the queue, and one the function reports failed
 * five times, is parked with its body unchanged (the EventBridge event) in one dead-letter queue, from which an SQS
 * redrive puts it back on the queue; a retry sweep the Scheduler cannot deliver, or that throws, is parked in a
 * second one. The function reaches merchants' endpoints over the internet (no VPC) and may touch the table only.
 */
import { Duration, Stack } from "aws-cdk-lib";
import type { ITableV2 } from "aws-cdk-lib/aws-dynamodb";
import { Rule, type IEventBus } from "aws-cdk-lib/aws-events";
import { SqsQueue } from "aws-cdk-lib/aws-events-targets";
import { Role, ServicePrincipal } from "aws-cdk-lib/aws-iam";
import { SqsEventSource } from "aws-cdk-lib/aws-lambda-event-sources";
import { Schedule, ScheduleExpression, ScheduleTargetInput } from "aws-cdk-lib/aws-scheduler";
import { LambdaInvoke } from "aws-cdk-lib/aws-scheduler-targets";
import { Queue, QueueEncryption } from "aws-cdk-lib/aws-sqs";
import { Construct } from "constructs";
import { fromRoot } from "../paths.js";
import { deadLetterQueue } from "./dead-letter-queue.js";
import { LambdaFunction } from "./lambda-function.js";
import type { OperationalAlarms } from "./operational-alarms.js";

/** The events delivered to webhooks: every domain event the API and jobs publish (docs/events.md). */
export const WEBHOOK_EVENT_SOURCE = "regulars";

/**
 * One run's limit: a batch holds up to 10 events, each fanned out to its endpoints 16 POSTs at a time, and one POST
 * waits at most 10 s (functions/core/webhooks.ts ATTEMPT_TIMEOUT_MS).
 */
export const WEBHOOK_TIMEOUT = Duration.seconds(60);

/** Times the queue hands the function an event it reported failed before the event is parked. */
export const WEBHOOK_MAX_RECEIVES = 5;

export interface WebhookDeliveryProps {
  /** The domain-event bus. */
  bus: IEventBus;
  /** The single table: endpoints and deliveries, the due index (gsi2). */
  table: ITableV2;
}

export class WebhookDelivery extends Construct {
  readonly handler: LambdaFunction;
  /** Events waiting to be turned into deliveries (body: the EventBridge event). */
  readonly queue: Queue;
  /** Events the rule could not queue or the function failed on every receive (body: the EventBridge event). */
  readonly deadLetters: Queue;
  /** Retry sweeps the Scheduler could not deliver, or that threw (body: `{"task":"retry"}`). */
  readonly retryDeadLetters: Queue;
  readonly rule: Rule;
  readonly retrySchedule: Schedule;
  /** The role the Scheduler uses: invokes the delivery function and parks failed sweeps, nothing else. */
  readonly scheduleRole: Role;

  constructor(scope: Construct, id: string, props: WebhookDeliveryProps) {
    super(scope, id);
    this.deadLetters = deadLetterQueue(this, "DeadLetters");
    this.retryDeadLetters = deadLetterQueue(this, "RetryDeadLetters");
    this.queue = new Queue(this, "Queue", {
      // Lambda's advice for an SQS source: six times the function's timeout, so a slow batch is not handed out twice.
      visibilityTimeout: Duration.seconds(WEBHOOK_TIMEOUT.toSeconds() * 6),
      retentionPeriod: Duration.days(4),
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      deadLetterQueue: { queue: this.deadLetters, maxReceiveCount: WEBHOOK_MAX_RECEIVES },
    });
    this.rule = this.eventsToQueue(props.bus);
    this.handler = this.deliveryFunction(props.table);
    this.scheduleRole = this.schedulerRole();
    this.retrySchedule = new Schedule(this, "RetrySchedule", {
      description: "Re-attempt the webhook deliveries whose back-off is over",
      schedule: ScheduleExpression.rate(Duration.minutes(1)),
      target: new LambdaInvoke(this.handler, {
        input: ScheduleTargetInput.fromObject({ task: "retry" }),
        role: this.scheduleRole,
        // A sweep is worth little once the next minute's has run: a few tries, then parked.
        retryAttempts: 2,
        maxEventAge: Duration.minutes(5),
        deadLetterQueue: this.retryDeadLetters,
      }),
    });
  }

  /** The alarms: the function's errors and throttles, both DLQs, the queue's oldest event, disabled endpoints. */
  watch(alarms: OperationalAlarms): void {
    alarms.watchFunction("Webhooks", this.handler);
    alarms.watchDeadLetters("Webhooks", this.deadLetters);
    alarms.watchDeadLetters("WebhookRetry", this.retryDeadLetters);
    alarms.watchQueueAge("Webhooks", this.queue);
    alarms.watchDisabledEndpoints("Webhooks", this.handler.logs);
  }

  /** Every Regulars domain event into the queue; what the rule cannot deliver goes to the DLQ as it is. */
  private eventsToQueue(bus: IEventBus): Rule {
    return new Rule(this, "Events", {
      eventBus: bus,
      description: "Domain events to the webhook delivery queue",
      eventPattern: { source: [WEBHOOK_EVENT_SOURCE] },
      targets: [
        new SqsQueue(this.queue, {
          retryAttempts: 2,
          maxEventAge: Duration.hours(2),
          deadLetterQueue: this.deadLetters,
        }),
      ],
    });
  }

  /** The delivery function: queued events in batches of 10 (failures reported per message), and the retry sweep. */
  private deliveryFunction(table: ITableV2): LambdaFunction {
    const handler = new LambdaFunction(this, "Function", {
      entry: fromRoot("functions/webhooks.ts"),
      handler: "handler",
      timeout: WEBHOOK_TIMEOUT,
      memorySize: 256,
      description: "Webhook delivery: queued domain events to merchants' endpoints, and due retries",
      // Invoked asynchronously only by the retry schedule: a sweep that throws is not run again (the next minute's
      // sweep does the same work) but parked, so the failure is seen.
      retryAttempts: 0,
      maxEventAge: Duration.minutes(5),
      deadLetterQueue: this.retryDeadLetters,
    });
    // TABLE_NAME and item access to the table and its indexes (the due index is gsi2); nothing else.
    handler.bindTable(table);
    handler.addEventSource(
      new SqsEventSource(this.queue, {
        batchSize: 10,
        reportBatchItemFailures: true,
        // At most 5 batches at once: a burst of events waits in the queue instead of flooding merchants' endpoints
        // or taking the account's concurrency from the API.
        maxConcurrency: 5,
      }),
    );
    return handler;
  }

  /**
   * The Scheduler's role for this schedule alone (CDK would otherwise make one per target on the stack), trusted
   * only by the Scheduler for schedules of this account's default group, as CDK's own.
   */
  private schedulerRole(): Role {
    const stack = Stack.of(this);
    return new Role(this, "SchedulerRole", {
      description: "Lets EventBridge Scheduler run the webhook retry sweep",
      assumedBy: new ServicePrincipal("scheduler.amazonaws.com", {
        conditions: {
          StringEquals: {
            "aws:SourceAccount": stack.account,
            "aws:SourceArn": stack.formatArn({
              service: "scheduler",
              resource: "schedule-group",
              resourceName: "default",
            }),
          },
        },
      }),
    });
  }
}

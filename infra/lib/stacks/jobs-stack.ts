/**
 * RegularsJobs: the daily jobs and the SMS dispatcher (EventBridge Scheduler →
 * the jobs Lambda, with a retry policy and an SQS dead-letter queue), the
 * domain-event publisher (the table's stream → a Lambda → an EventBridge bus
 * with an archive), and webhook delivery (the bus → a queue → a Lambda that
 * POSTs to merchants' endpoints, with a retry sweep every minute).
 *
 * The hourly tick runs each merchant's jobs once its local job hour has come,
 * so one schedule serves merchants in every time zone; the schedules
 * themselves are defined in Asia/Shanghai, the default merchants' zone.
 */
import {
  CfnOutput,
  CrossStackReferences,
  Duration,
  ReferenceStrength,
  Stack,
  TimeZone,
  type StackProps,
} from "aws-cdk-lib";
import type { ITableV2 } from "aws-cdk-lib/aws-dynamodb";
import { Archive, EventBus, EventField, Match, Rule, RuleTargetInput } from "aws-cdk-lib/aws-events";
import { LambdaFunction as LambdaTarget } from "aws-cdk-lib/aws-events-targets";
import { FilterCriteria, FilterRule, StartingPosition } from "aws-cdk-lib/aws-lambda";
import { DynamoEventSource, SqsDlq } from "aws-cdk-lib/aws-lambda-event-sources";
import { Schedule, ScheduleExpression, ScheduleTargetInput } from "aws-cdk-lib/aws-scheduler";
import { LambdaInvoke } from "aws-cdk-lib/aws-scheduler-targets";
import type { ITopic } from "aws-cdk-lib/aws-sns";
import type { Queue } from "aws-cdk-lib/aws-sqs";
import type { Construct } from "constructs";
import { deadLetterQueue } from "../constructs/dead-letter-queue.js";
import { LambdaFunction } from "../constructs/lambda-function.js";
import { OperationalAlarms } from "../constructs/operational-alarms.js";
import { DEFAULT_SMS_MONTHLY_SPEND_LIMIT_USD, SmsSending } from "../constructs/sms-sending.js";
import { WebhookDelivery } from "../constructs/webhook-delivery.js";
import { fromRoot } from "../paths.js";

export interface JobsStackProps extends StackProps {
  table: ITableV2;
  /** Where the jobs' and the publisher's alarms go. */
  alarmTopic: ITopic;
  /** The account's monthly SMS spend limit in this region (USD); 1 when omitted. */
  smsMonthlySpendLimitUsd?: number;
}

export class JobsStack extends Stack {
  readonly jobs: LambdaFunction;
  readonly publisher: LambdaFunction;
  readonly bus: EventBus;
  /**
   * Jobs that failed every retry: schedule deliveries, MerchantDayDue deliveries and failed jobs-function runs. Body:
   * the jobs event (or, from the rule, the MerchantDayDue event).
   */
  readonly deadLetters: Queue;
  /** Stream batches the publisher failed every retry (body: the batch's shard and sequence range). */
  readonly eventDeadLetters: Queue;
  readonly sms: SmsSending;
  /** Domain events to merchants' webhook endpoints. */
  readonly webhooks: WebhookDelivery;
  readonly alarms: OperationalAlarms;

  constructor(scope: Construct, id: string, props: JobsStackProps) {
    const { table, alarmTopic, smsMonthlySpendLimitUsd = DEFAULT_SMS_MONTHLY_SPEND_LIMIT_USD, ...stackProps } = props;
    super(scope, id, {
      description: "Regulars daily jobs, SMS dispatch, domain events and webhook delivery",
      ...stackProps,
    });
    // Exports: CloudFormation keeps a producer from being removed while this stack uses it.
    CrossStackReferences.of(this).consume(ReferenceStrength.STRONG);

    this.deadLetters = deadLetterQueue(this, "DeadLetters");
    this.eventDeadLetters = deadLetterQueue(this, "EventDeadLetters");

    this.bus = new EventBus(this, "Events", {
      description: "Regulars domain events (MemberJoined, PurchaseRecorded, …)",
    });

    this.jobs = this.jobsFunction(table);
    // The dispatcher sends SMS (to phone numbers only); the spend limit caps what that may cost.
    this.sms = new SmsSending(this, "Sms", { monthlySpendLimitUsd: smsMonthlySpendLimitUsd });
    this.sms.grantSend(this.jobs);
    this.schedules();

    new Archive(this, "EventsArchive", {
      sourceEventBus: this.bus,
      eventPattern: { source: Match.exactString("regulars") },
      retention: Duration.days(90),
    });

    this.publisher = this.eventPublisher(table);
    this.webhooks = new WebhookDelivery(this, "Webhooks", { bus: this.bus, table });
    this.alarms = this.watch(alarmTopic, smsMonthlySpendLimitUsd);
    this.outputs();
  }

  /** The jobs function, and the rule that runs each due merchant's day in its own invocation. */
  private jobsFunction(table: ITableV2): LambdaFunction {
    const jobs = new LambdaFunction(this, "Jobs", {
      entry: fromRoot("functions/jobs.ts"),
      handler: "handler",
      timeout: Duration.minutes(15),
      environment: { EVENT_BUS_NAME: this.bus.eventBusName },
      description: "Daily jobs (tick, one merchant's day) and the SMS dispatcher",
      // Scheduler and EventBridge invoke asynchronously: a run that throws is retried twice
      // by Lambda, then parked here with its event (the schedules' retry policy covers delivery only).
      retryAttempts: 2,
      maxEventAge: Duration.hours(2),
      deadLetterQueue: this.deadLetters,
    });
    jobs.bindTable(table);
    // Fan-out: the tick puts one MerchantDayDue event per due merchant; this rule runs each in its own invocation.
    this.bus.grantPutEventsTo(jobs);
    new Rule(this, "MerchantDayDue", {
      eventBus: this.bus,
      description: "Run one merchant's daily jobs in its own invocation",
      eventPattern: { source: ["regulars.jobs"], detailType: ["MerchantDayDue"] },
      targets: [
        new LambdaTarget(jobs, {
          event: RuleTargetInput.fromObject({
            task: "merchant-day",
            merchantId: EventField.fromPath("$.detail.merchantId"),
            date: EventField.fromPath("$.detail.date"),
          }),
          retryAttempts: 2,
          maxEventAge: Duration.hours(2),
          deadLetterQueue: this.deadLetters,
        }),
      ],
    });
    return jobs;
  }

  /** The hourly tick and the SMS dispatch, each a schedule invoking the jobs function. */
  private schedules(): void {
    const target = (task: string) =>
      new LambdaInvoke(this.jobs, {
        input: ScheduleTargetInput.fromObject({ task }),
        retryAttempts: 3,
        maxEventAge: Duration.hours(1),
        deadLetterQueue: this.deadLetters,
      });
    new Schedule(this, "HourlyTick", {
      description: "Run each merchant's daily jobs once its local job hour has come",
      schedule: ScheduleExpression.cron({ minute: "5", timeZone: TimeZone.ASIA_SHANGHAI }),
      target: target("tick"),
    });
    new Schedule(this, "SmsDispatch", {
      description: "Send due SMS from the outbox",
      schedule: ScheduleExpression.rate(Duration.minutes(5)),
      target: target("dispatch"),
    });
  }

  /** The publisher: outbox items from the table's stream to the event bus. */
  private eventPublisher(table: ITableV2): LambdaFunction {
    const publisher = new LambdaFunction(this, "EventPublisher", {
      entry: fromRoot("functions/events.ts"),
      handler: "handler",
      timeout: Duration.seconds(30),
      memorySize: 256,
      environment: { EVENT_BUS_NAME: this.bus.eventBusName },
      description: "Outbox items from the table's stream to the event bus",
    });
    this.bus.grantPutEventsTo(publisher);
    if (!table.tableStreamArn) throw new Error("The table must have a stream for the event outbox");
    publisher.addEventSource(
      new DynamoEventSource(table, {
        startingPosition: StartingPosition.TRIM_HORIZON,
        batchSize: 100,
        reportBatchItemFailures: true,
        retryAttempts: 10,
        bisectBatchOnError: true,
        onFailure: new SqsDlq(this.eventDeadLetters),
        filters: [
          FilterCriteria.filter({
            eventName: FilterRule.isEqual("INSERT"),
            dynamodb: { NewImage: { entity: { S: FilterRule.isEqual("event") } } },
          }),
        ],
      }),
    );
    return publisher;
  }

  /** The alarms on the functions, the stream lag, the dead letters, SMS sending and webhook delivery. */
  private watch(alarmTopic: ITopic, smsMonthlySpendLimitUsd: number): OperationalAlarms {
    const alarms = new OperationalAlarms(this, "Alarms", { topic: alarmTopic });
    alarms.watchFunction("Jobs", this.jobs);
    alarms.watchFunction("EventPublisher", this.publisher);
    alarms.watchStreamLag("EventPublisher", this.publisher);
    alarms.watchDeadLetters("Jobs", this.deadLetters);
    alarms.watchDeadLetters("Events", this.eventDeadLetters);
    alarms.watchSmsSpend("Dispatch", smsMonthlySpendLimitUsd);
    alarms.watchUncertainSms("Dispatch", this.jobs.logs);
    this.webhooks.watch(alarms);
    return alarms;
  }

  /** What the runbooks (docs/operations.md) need by name. */
  private outputs(): void {
    new CfnOutput(this, "JobsFunctionName", { value: this.jobs.functionName, description: "The jobs Lambda" });
    new CfnOutput(this, "EventPublisherFunctionName", {
      value: this.publisher.functionName,
      description: "The event publisher Lambda",
    });
    new CfnOutput(this, "JobsDeadLetterQueueUrl", {
      value: this.deadLetters.queueUrl,
      description: "Failed schedules, MerchantDayDue deliveries and jobs runs",
    });
    new CfnOutput(this, "EventDeadLetterQueueUrl", {
      value: this.eventDeadLetters.queueUrl,
      description: "Stream batches the publisher could not put on the bus",
    });
    new CfnOutput(this, "EventBusName", { value: this.bus.eventBusName, description: "The domain-event bus" });
    new CfnOutput(this, "WebhookFunctionName", {
      value: this.webhooks.handler.functionName,
      description: "The webhook delivery Lambda",
    });
    new CfnOutput(this, "WebhookQueueUrl", {
      value: this.webhooks.queue.queueUrl,
      description: "Domain events waiting for webhook delivery",
    });
    new CfnOutput(this, "WebhookDeadLetterQueueUrl", {
      value: this.webhooks.deadLetters.queueUrl,
      description: "Events the webhook queue or its function could not take (redrive to WebhookQueueUrl)",
    });
    new CfnOutput(this, "WebhookRetryDeadLetterQueueUrl", {
      value: this.webhooks.retryDeadLetters.queueUrl,
      description: "Webhook retry sweeps that were not delivered or threw",
    });
  }
}

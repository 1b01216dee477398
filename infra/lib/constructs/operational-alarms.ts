/**
 * The alarms a stack raises to the operators' alarm topic: one construct so that
 * every function, API and dead-letter queue is watched the same way. Each alarm
 * is named `{stack}-{what}-{signal}` and its description says where the runbook
 * is (docs/operations.md, one section per signal).
 */
import { Duration, Stack } from "aws-cdk-lib";
import type { IHttpApi } from "aws-cdk-lib/aws-apigatewayv2";
import { Alarm, ComparisonOperator, Metric, TreatMissingData, type IMetric } from "aws-cdk-lib/aws-cloudwatch";
import { SnsAction } from "aws-cdk-lib/aws-cloudwatch-actions";
import type { IFunction } from "aws-cdk-lib/aws-lambda";
import { FilterPattern, MetricFilter, type ILogGroup } from "aws-cdk-lib/aws-logs";
import type { ITopic } from "aws-cdk-lib/aws-sns";
import type { IQueue } from "aws-cdk-lib/aws-sqs";
import { Construct } from "constructs";

const PERIOD = Duration.minutes(5);

/**
 * Where a handler's own fields are in its log events. With the JSON log format Lambda writes each console call as
 * `{"timestamp", "level", "requestId", "message"}`: a handler that logs one object (`console.log({ … })`) has it
 * under `message`; a JSON *string* stays a string there, which no metric filter can read.
 */
export const LOGGED_FIELDS = "$.message";

/** The signals we alarm on; each names its runbook section in docs/operations.md. */
export const ALARM_SIGNALS = {
  Errors: "a Lambda function threw or timed out",
  Throttles: "a Lambda function was throttled (account or reserved concurrency)",
  Api5xx: "the HTTP API answered 5xx",
  DeadLetters: "a dead-letter queue holds messages",
  StreamLag: "the event publisher is behind the table's stream",
  SmsSpend: "SMS spend this month is close to the monthly spend limit",
  SmsUncertain: "an SMS send got no answer from SNS: it may or may not have reached the phone, and is never retried",
  QueueAge: "a queue's oldest message has waited too long: its consumer is failing or falling behind",
  EndpointDisabled: "a webhook endpoint failed for three days and was disabled",
} as const;
export type AlarmSignal = keyof typeof ALARM_SIGNALS;

export interface OperationalAlarmsProps {
  /** Where alarms (and their return to OK) are sent. */
  topic: ITopic;
}

export class OperationalAlarms extends Construct {
  readonly alarms: Alarm[] = [];
  private readonly action: SnsAction;

  constructor(scope: Construct, id: string, props: OperationalAlarmsProps) {
    super(scope, id);
    this.action = new SnsAction(props.topic);
  }

  /** Any error or throttle of the function within five minutes. */
  watchFunction(label: string, fn: IFunction): void {
    this.add(label, "Errors", fn.metricErrors({ period: PERIOD, statistic: "Sum" }), 1);
    this.add(label, "Throttles", fn.metricThrottles({ period: PERIOD, statistic: "Sum" }), 1);
  }

  /** Five or more 5xx answers within five minutes (a single one can be a Lambda cold-start timeout). */
  watchHttpApi(label: string, api: IHttpApi, threshold = 5): void {
    this.add(label, "Api5xx", api.metricServerError({ period: PERIOD, statistic: "Sum" }), threshold);
  }

  /** Any message in a dead-letter queue: something failed every retry and waits for a redrive. */
  watchDeadLetters(label: string, queue: IQueue): void {
    this.add(
      label,
      "DeadLetters",
      queue.metricApproximateNumberOfMessagesVisible({ period: PERIOD, statistic: "Maximum" }),
      1,
    );
  }

  /** The oldest stream record a stream-fed function has yet to handle is older than `maxAge`. */
  watchStreamLag(label: string, fn: IFunction, maxAge = Duration.minutes(10)): void {
    const iteratorAge = fn.metric("IteratorAge", { period: PERIOD, statistic: "Maximum" });
    this.add(label, "StreamLag", iteratorAge, maxAge.toMilliseconds());
  }

  /**
   * Month-to-date SMS spend (USD, this region) reached `share` of the monthly spend limit: SNS stops sending at the
   * limit.
   */
  watchSmsSpend(label: string, monthlyLimitUsd: number, share = 0.8): void {
    const spent = new Metric({
      namespace: "AWS/SNS",
      metricName: "SMSMonthToDateSpentUSD",
      period: PERIOD,
      statistic: "Maximum",
    });
    this.add(label, "SmsSpend", spent, Math.round(monthlyLimitUsd * share * 100) / 100);
  }

  /** The oldest message of a queue has waited `maxAge` or longer: its consumer fails on it or cannot keep up. */
  watchQueueAge(label: string, queue: IQueue, maxAge = Duration.minutes(15)): void {
    const age = queue.metricApproximateAgeOfOldestMessage({ period: PERIOD, statistic: "Maximum" });
    this.add(label, "QueueAge", age, maxAge.toSeconds());
  }

  /** Any SMS whose send got no answer (the dispatcher logs `smsUncertain` per run). */
  watchUncertainSms(label: string, logs: ILogGroup): void {
    this.watchLoggedCount(label, "SmsUncertain", logs, "smsUncertain");
  }

  /** Any webhook endpoint disabled after failing for three days (the delivery function logs `endpointsDisabled`). */
  watchDisabledEndpoints(label: string, logs: ILogGroup): void {
    this.watchLoggedCount(label, "EndpointDisabled", logs, "endpointsDisabled");
  }

  /**
   * A count the function logs once per run (`field` of its logged object): a metric filter on its log group sums it
   * into `Regulars/{signal}`, and any non-zero sum raises the alarm.
   */
  private watchLoggedCount(label: string, signal: AlarmSignal, logs: ILogGroup, field: string): void {
    const selector = `${LOGGED_FIELDS}.${field}`;
    const filter = new MetricFilter(this, `${label}${signal}Filter`, {
      logGroup: logs,
      filterPattern: FilterPattern.numberValue(selector, ">", 0),
      metricNamespace: "Regulars",
      metricName: signal,
      metricValue: selector,
      defaultValue: 0,
    });
    this.add(label, signal, filter.metric({ period: PERIOD, statistic: "Sum" }), 1);
  }

  private add(label: string, signal: AlarmSignal, metric: IMetric, threshold: number): void {
    const alarmName = `${Stack.of(this).stackName}-${label}-${signal}`;
    const alarm = new Alarm(this, `${label}${signal}`, {
      alarmName,
      alarmDescription: `${label}: ${ALARM_SIGNALS[signal]}. Runbook: docs/operations.md, "${signal}".`,
      metric,
      threshold,
      evaluationPeriods: 1,
      comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      treatMissingData: TreatMissingData.NOT_BREACHING,
    });
    alarm.addAlarmAction(this.action);
    alarm.addOkAction(this.action);
    this.alarms.push(alarm);
  }
}

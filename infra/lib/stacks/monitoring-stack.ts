/**
 * RegularsMonitoring: the operators' alarm topic. The API and jobs stacks raise
 * their alarms to it (OperationalAlarms); an e-mail subscription is added when the
 * deployment names an address (`-c alarmEmail=ops@example.com`), and any other
 * subscriber (chat, paging) can be attached to the topic by hand.
 */
import { CfnOutput, Stack, type StackProps } from "aws-cdk-lib";
import { Topic } from "aws-cdk-lib/aws-sns";
import { EmailSubscription } from "aws-cdk-lib/aws-sns-subscriptions";
import type { Construct } from "constructs";

export interface MonitoringStackProps extends StackProps {
  /** Where alarm e-mails go; no subscription when omitted. */
  alarmEmail?: string;
}

export class MonitoringStack extends Stack {
  readonly alarmTopic: Topic;

  constructor(scope: Construct, id: string, props: MonitoringStackProps = {}) {
    const { alarmEmail, ...stackProps } = props;
    super(scope, id, { description: "Regulars monitoring: the alarm topic", ...stackProps });
    this.alarmTopic = new Topic(this, "Alarms", { displayName: "Regulars alarms", enforceSSL: true });
    if (alarmEmail) this.alarmTopic.addSubscription(new EmailSubscription(alarmEmail));
    new CfnOutput(this, "AlarmTopicArn", {
      value: this.alarmTopic.topicArn,
      description: "SNS topic every alarm is sent to",
    });
  }
}

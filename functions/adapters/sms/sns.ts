/** SMS through Amazon SNS: Publish to a phone number with the message type set. */
import { PublishCommand, SNSClient } from "@aws-sdk/client-sns";
import { SmsOptedOutError, type SmsMessage, type SmsSender } from "./port.js";

export function snsSender(client: SNSClient = new SNSClient({})): SmsSender {
  return {
    async send(message: SmsMessage) {
      try {
        const result = await client.send(
          new PublishCommand({
            PhoneNumber: message.phone,
            Message: message.text,
            MessageAttributes: {
              "AWS.SNS.SMS.SMSType": { DataType: "String", StringValue: message.kind === "marketing" ? "Promotional" : "Transactional" },
            },
          }),
        );
        return { providerId: result.MessageId ?? "" };
      } catch (error) {
        if ((error as { name?: string }).name === "OptedOutException") throw new SmsOptedOutError(message.phone);
        throw error;
      }
    },
  };
}

/** SMS through Amazon SNS: Publish to a phone number with the message type set. */
import { PublishCommand, SNSClient } from "@aws-sdk/client-sns";
import { SmsOptedOutError, SmsUncertainError, type SmsMessage, type SmsSender } from "./port.js";

/**
 * One attempt per send (maxAttempts 1): the SDK would re-send a Publish that
 * timed out after SNS accepted it, and SMS has no idempotency key. The
 * dispatcher retries refusals itself and never retries an unanswered send.
 */
export function snsSender(client: SNSClient = new SNSClient({ maxAttempts: 1 })): SmsSender {
  return {
    async send(message: SmsMessage) {
      try {
        const result = await client.send(
          new PublishCommand({
            PhoneNumber: message.phone,
            Message: message.text,
            MessageAttributes: {
              "AWS.SNS.SMS.SMSType": {
                DataType: "String",
                StringValue: message.kind === "marketing" ? "Promotional" : "Transactional",
              },
            },
          }),
        );
        return { providerId: result.MessageId ?? "" };
      } catch (error) {
        if ((error as { name?: string }).name === "OptedOutException") throw new SmsOptedOutError(message.phone);
        // No HTTP status: SNS never answered, so it may have sent the message.
        if (!(error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode)
          throw new SmsUncertainError(message.phone, error);
        throw error;
      }
    },
  };
}

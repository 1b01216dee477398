/**
 * The local SMS adapter: nothing leaves the machine. The outbox itself is the
 * inbox (the console's message page shows what would have been sent); numbers
 * listed as opted out behave as SNS would for them.
 */
import { SmsOptedOutError, type SmsMessage, type SmsSender } from "./port.js";

export function localSender(
  options: { optedOut?: Set<string>; log?: (line: string) => void } = {},
): SmsSender & { sent: SmsMessage[] } {
  const sent: SmsMessage[] = [];
  return {
    sent,
    async send(message: SmsMessage) {
      if (options.optedOut?.has(message.phone)) throw new SmsOptedOutError(message.phone);
      sent.push(message);
      options.log?.(`SMS to ${message.phone}: ${message.text}`);
      return { providerId: `local-${message.messageId}` };
    },
  };
}

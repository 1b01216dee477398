/** The SMS sender port: the outbox dispatcher calls it; SNS in AWS, a local inbox otherwise. */
export interface SmsMessage {
  /** E.164, e.g. +8613800138000. */
  phone: string;
  text: string;
  kind: "marketing" | "transactional";
  /** The outbox message id, for the provider's logs. */
  messageId: string;
}

export interface SmsSender {
  /** Send one message; resolves with the provider's id. Throws SmsOptedOutError for an opted-out number. */
  send(message: SmsMessage): Promise<{ providerId: string }>;
}

/** The number has opted out at the carrier or provider (e.g. replied TD): never send to it again. */
export class SmsOptedOutError extends Error {
  constructor(phone: string) {
    super(`${phone} has opted out of SMS`);
    this.name = "SmsOptedOutError";
  }
}

/**
 * The provider gave no answer (a timeout, a dropped connection): the message
 * may or may not have gone out. Never retried, so no member gets it twice.
 */
export class SmsUncertainError extends Error {
  constructor(phone: string, cause: unknown) {
    super(`No answer from the SMS provider for ${phone}: ${String((cause as Error)?.message ?? cause)}`);
    this.name = "SmsUncertainError";
  }
}

/** The requests we send to SNS and EventBridge, exactly (neither has a local twin, so they are mocked). */
import { EventBridgeClient, PutEventsCommand } from "@aws-sdk/client-eventbridge";
import { PublishCommand, SNSClient } from "@aws-sdk/client-sns";
import { OptedOutException } from "@aws-sdk/client-sns";
import { marshall } from "@aws-sdk/util-dynamodb";
import { mockClient } from "aws-sdk-client-mock";
import type { DynamoDBStreamEvent } from "aws-lambda";
import { afterAll, afterEach, describe, expect, it } from "vitest";
import { SmsOptedOutError } from "../../functions/adapters/sms/port.js";
import { snsSender } from "../../functions/adapters/sms/sns.js";
import { publisher } from "../../functions/events.js";
import { eventFanOut } from "../../functions/jobs.js";
import { eventItem } from "../../functions/data/events.js";

const sns = mockClient(SNSClient);
const bus = mockClient(EventBridgeClient);
afterEach(() => {
  sns.reset();
  bus.reset();
});
// Test files may share a process: give the real clients back.
afterAll(() => {
  sns.restore();
  bus.restore();
});

describe("SMS through SNS", () => {
  it("publishes to the E.164 number with the message type", async () => {
    sns.on(PublishCommand).resolves({ MessageId: "sns-1" });
    const sender = snsSender(new SNSClient({ region: "ap-east-1" }));
    expect(
      await sender.send({
        phone: "+8613800138000",
        text: "【茶香里】王静，生日快乐！ 回复TD退订",
        kind: "marketing",
        messageId: "m1",
      }),
    ).toEqual({ providerId: "sns-1" });
    await sender.send({ phone: "+8613900139000", text: "您的验证码是 123456", kind: "transactional", messageId: "m2" });
    expect(sns.commandCalls(PublishCommand).map((call) => call.args[0].input)).toEqual([
      {
        PhoneNumber: "+8613800138000",
        Message: "【茶香里】王静，生日快乐！ 回复TD退订",
        MessageAttributes: { "AWS.SNS.SMS.SMSType": { DataType: "String", StringValue: "Promotional" } },
      },
      {
        PhoneNumber: "+8613900139000",
        Message: "您的验证码是 123456",
        MessageAttributes: { "AWS.SNS.SMS.SMSType": { DataType: "String", StringValue: "Transactional" } },
      },
    ]);
  });

  it("turns OptedOutException into an opt-out the dispatcher honours, and passes other errors on", async () => {
    sns
      .on(PublishCommand)
      .rejectsOnce(new OptedOutException({ message: "opted out", $metadata: {} }))
      .rejectsOnce(new Error("throttled"));
    const sender = snsSender(new SNSClient({ region: "ap-east-1" }));
    await expect(
      sender.send({ phone: "+8613800138000", text: "x", kind: "marketing", messageId: "m" }),
    ).rejects.toBeInstanceOf(SmsOptedOutError);
    await expect(
      sender.send({ phone: "+8613800138000", text: "x", kind: "marketing", messageId: "m" }),
    ).rejects.toThrow("throttled");
  });
});

describe("domain events to EventBridge", () => {
  const record = (n: number, type = "PurchaseRecorded") => {
    const item = eventItem({
      id: `e${n}`,
      merchantId: "shop",
      type,
      at: `2026-06-01T08:00:${String(n).padStart(2, "0")}.000Z`,
      detail: { memberId: "m1", orderId: `o${n}` },
    });
    return { eventName: "INSERT" as const, dynamodb: { SequenceNumber: `seq${n}`, NewImage: marshall(item) as never } };
  };
  const stream = (records: unknown[]) => ({ Records: records }) as DynamoDBStreamEvent;

  it("puts each new outbox item on the bus, ten to a request, and ignores other items and changes", async () => {
    bus.on(PutEventsCommand).resolves({ FailedEntryCount: 0, Entries: [] });
    const other = {
      eventName: "INSERT" as const,
      dynamodb: {
        SequenceNumber: "x",
        NewImage: marshall({ pk: "T#shop#M#m1", sk: "ACCOUNT", entity: "account" }) as never,
      },
    };
    const modified = { ...record(99), eventName: "MODIFY" as const };
    const result = await publisher(
      new EventBridgeClient({ region: "ap-east-1" }),
      "regulars-events",
    )(stream([...Array.from({ length: 12 }, (_, i) => record(i)), other, modified]));
    expect(result).toEqual({ batchItemFailures: [] });
    const calls = bus.commandCalls(PutEventsCommand).map((call) => call.args[0].input);
    expect(calls.map((input) => input.Entries!.length)).toEqual([10, 2]);
    expect(calls[0].Entries![0]).toEqual({
      EventBusName: "regulars-events",
      Source: "regulars",
      DetailType: "PurchaseRecorded",
      Time: new Date("2026-06-01T08:00:00.000Z"),
      Detail: JSON.stringify({
        id: "e0",
        merchantId: "shop",
        at: "2026-06-01T08:00:00.000Z",
        memberId: "m1",
        orderId: "o0",
      }),
    });
  });

  it("reports the first failed record so the stream retries from there", async () => {
    bus.on(PutEventsCommand).resolves({
      FailedEntryCount: 1,
      Entries: [{ EventId: "ok" }, { ErrorCode: "InternalFailure" }, { EventId: "ok" }],
    });
    const result = await publisher(
      new EventBridgeClient({ region: "ap-east-1" }),
      "b",
    )(stream([record(1), record(2), record(3)]));
    expect(result).toEqual({ batchItemFailures: [{ itemIdentifier: "seq2" }] });
  });
});

describe("fan-out of the daily jobs", () => {
  it("hands a merchant's day to its own invocation with one MerchantDayDue event", async () => {
    bus.on(PutEventsCommand).resolves({ FailedEntryCount: 0, Entries: [{ EventId: "1" }] });
    expect(
      await eventFanOut(new EventBridgeClient({ region: "ap-east-1" }), "regulars-events")("m1", "2026-06-15"),
    ).toBe("dispatched");
    expect(bus.commandCalls(PutEventsCommand).map((call) => call.args[0].input)).toEqual([
      {
        Entries: [
          {
            EventBusName: "regulars-events",
            Source: "regulars.jobs",
            DetailType: "MerchantDayDue",
            Detail: JSON.stringify({ merchantId: "m1", date: "2026-06-15" }),
          },
        ],
      },
    ]);
    bus.reset();
    bus.on(PutEventsCommand).resolves({ FailedEntryCount: 1, Entries: [{ ErrorCode: "ThrottlingException" }] });
    await expect(eventFanOut(new EventBridgeClient({ region: "ap-east-1" }), "b")("m1", "2026-06-15")).rejects.toThrow(
      /ThrottlingException/,
    );
  });
});

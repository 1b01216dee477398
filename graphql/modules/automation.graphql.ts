export const typeDefs = /* GraphQL */ `
  "SMS rules every automation obeys."
  type SmsRules {
    "Local time quiet hours start (HH:mm); messages due inside wait for the end, never dropped."
    quietStart: String!
    "Local time quiet hours end (HH:mm)."
    quietEnd: String!
    "Most marketing messages one member gets in a local calendar month."
    monthlyCap: Int!
    "What the merchant pays per billed SMS part, fen (cost estimates); ¥0.05 unless set."
    pricePerPart: Int!
    """
    短信签名, put in front of every message, e.g. 【茶香里】: carriers deliver no marketing SMS without one. Unless
    set, the merchant's short name in 【】 (the leading Chinese characters of its name, else its first word); with
    neither, no marketing SMS is queued.
    """
    signature: String!
  }

  "A wake-up ladder step: N days without a visit → a message (and a coupon)."
  type WakeupStep {
    "Days since the last visit."
    days: Int!
    "Message template; variables {name} {merchant} {coupon} {couponCode} {days} {date} {tier}."
    body: String!
    "Coupon template given with it."
    couponTemplateId: ID
    """
    Percent (0–50) of the members it finds held out: recorded as acted on, sent nothing, so its results can show
    what it brings (see holdoutResults).
    """
    holdoutPercent: Int!
  }

  "Birthday care."
  type BirthdayAutomation {
    "On or off."
    enabled: Boolean!
    "Greet this many days before the birthday (0 = on the day)."
    daysBefore: Int!
    "Message template."
    body: String!
    "Give the tier's birthday coupon."
    sendCoupon: Boolean!
    """
    Percent (0–50) of the members it finds held out: recorded as acted on, sent nothing, so its results can show
    what it brings (see holdoutResults).
    """
    holdoutPercent: Int!
  }

  "The wake-up ladder."
  type WakeupAutomation {
    "On or off."
    enabled: Boolean!
    "Steps, by days since the last visit."
    steps: [WakeupStep!]!
  }

  "Coupon-expiry reminders."
  type CouponExpiryAutomation {
    "On or off."
    enabled: Boolean!
    "Remind this many days before a coupon's last day."
    daysBefore: Int!
    "Message template."
    body: String!
    """
    Percent (0–50) of the members it finds held out: recorded as acted on, sent nothing, so its results can show
    what it brings (see holdoutResults).
    """
    holdoutPercent: Int!
  }

  "Lifecycle thresholds: days without a visit."
  type LifecycleThresholds {
    "Active → silent."
    silentDays: Int!
    "Silent → sleeping."
    sleepingDays: Int!
    "Sleeping → lost."
    lostDays: Int!
  }

  "The merchant's automations."
  type AutomationSettings {
    "Local hour (0–23) the daily jobs run."
    jobHour: Int!
    "SMS rules."
    sms: SmsRules!
    "Birthday care."
    birthday: BirthdayAutomation!
    "Wake-up ladder."
    wakeup: WakeupAutomation!
    "Coupon-expiry reminders."
    couponExpiry: CouponExpiryAutomation!
    "Lifecycle thresholds."
    lifecycle: LifecycleThresholds!
    "Day of the month tiers are reviewed."
    tierReviewDayOfMonth: Int!
  }

  "SMS rules as entered; omitted fields stay."
  input SmsRulesInput {
    "HH:mm."
    quietStart: String
    "HH:mm."
    quietEnd: String
    "Monthly cap."
    monthlyCap: Int
    "Price per billed SMS part, fen (0–1000)."
    pricePerPart: Int
    "短信签名: 2–12 characters in 【】, e.g. 【茶香里】; empty: the merchant's short name in 【】."
    signature: String
  }

  "A wake-up step as entered."
  input WakeupStepInput {
    "Days since the last visit."
    days: Int!
    "Message template."
    body: String! @text(max: 300, lines: true)
    "Coupon template."
    couponTemplateId: ID
    "Percent (0–50) held out; 0 turns the holdout off."
    holdoutPercent: Int
  }

  "Birthday settings; omitted fields stay."
  input BirthdayAutomationInput {
    "On or off."
    enabled: Boolean
    "Days before."
    daysBefore: Int
    "Message template."
    body: String @text(max: 300, lines: true)
    "Give the tier's birthday coupon."
    sendCoupon: Boolean
    "Percent (0–50) held out; 0 turns the holdout off."
    holdoutPercent: Int
  }

  "Wake-up settings; omitted fields stay."
  input WakeupAutomationInput {
    "On or off."
    enabled: Boolean
    "Steps (replaces the list)."
    steps: [WakeupStepInput!]
  }

  "Coupon-expiry settings; omitted fields stay."
  input CouponExpiryAutomationInput {
    "On or off."
    enabled: Boolean
    "Days before."
    daysBefore: Int
    "Message template."
    body: String @text(max: 300, lines: true)
    "Percent (0–50) held out; 0 turns the holdout off."
    holdoutPercent: Int
  }

  "Lifecycle thresholds; omitted fields stay."
  input LifecycleThresholdsInput {
    "Days."
    silentDays: Int
    "Days."
    sleepingDays: Int
    "Days."
    lostDays: Int
  }

  "Automation changes; omitted fields stay."
  input AutomationSettingsInput {
    "Local hour."
    jobHour: Int
    "SMS rules."
    sms: SmsRulesInput
    "Birthday."
    birthday: BirthdayAutomationInput
    "Wake-up ladder."
    wakeup: WakeupAutomationInput
    "Coupon-expiry reminders."
    couponExpiry: CouponExpiryAutomationInput
    "Lifecycle thresholds."
    lifecycle: LifecycleThresholdsInput
    "Tier review day of month (1–28)."
    tierReviewDayOfMonth: Int
  }

  "Whether a message is marketing (consent, quiet hours and the monthly cap apply) or not."
  enum SmsKind {
    "Marketing."
    marketing
    "Transactional."
    transactional
  }

  "Where a message in the outbox stands."
  enum SmsStatus {
    "Waiting to be sent."
    queued
    "Being sent."
    sending
    "Sent."
    sent
    "Gave up after retries."
    failed
    "Not sent (see error)."
    skipped
  }

  "A message in the SMS outbox (locally: the inbox of what would have been sent)."
  type SmsMessage {
    "Message id."
    id: ID!
    "Member."
    memberId: ID!
    "Phone (masked for clerks)."
    phone: String!
    "Text as sent, with signature and opt-out line."
    text: String!
    "marketing or transactional."
    kind: SmsKind!
    "Billed parts."
    parts: Int!
    "What asked for it: birthday, wakeup:30, coupon-expiry, …"
    purpose: String!
    "queued, sending, sent, failed or skipped."
    status: SmsStatus!
    "Send attempts."
    attempts: Int!
    "Not before (quiet hours, retries)."
    sendAfter: String!
    "Queued at."
    createdAt: String!
    "Sent at."
    sentAt: String
    "Last error or skip reason."
    error: String
  }

  "A page of messages."
  type SmsMessageConnection {
    "Messages, newest first."
    nodes: [SmsMessage!]!
    "Cursor information."
    pageInfo: PageInfo!
  }

  "A domain event from the outbox (see docs/events.md)."
  type DomainEvent {
    "Event id (de-duplicate by it)."
    id: ID!
    "MemberJoined, PurchaseRecorded, TierChanged, CouponRedeemed, …"
    type: String!
    "When (ISO-8601 UTC)."
    at: String!
    "The event's fields as JSON."
    detail: String!
  }

  "A page of events."
  type DomainEventConnection {
    "Events in time order."
    nodes: [DomainEvent!]!
    "Cursor information."
    pageInfo: PageInfo!
  }

  extend type Query {
    "Owner: the domain events of one UTC day, in order (what the bus receives)."
    domainEvents(date: String! @date, first: Int, after: String @text(max: 1024)): DomainEventConnection!
    "Owner or manager: the automations."
    automationSettings: AutomationSettings!
    "Owner or manager: the SMS outbox, newest first."
    smsMessages(first: Int, after: String @text(max: 1024)): SmsMessageConnection!
  }

  extend type Mutation {
    "Owner: change the automations."
    updateAutomationSettings(input: AutomationSettingsInput!): AutomationSettings!
  }
`;

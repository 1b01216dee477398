/** The shapes of the domain's records, as the core sees them (no table keys). */

export type Role = "owner" | "manager" | "clerk";
export const ROLES: readonly Role[] = ["owner", "manager", "clerk"];

export interface Merchant {
  id: string;
  name: string;
  /** IANA time zone; local dates (birthdays, check-ins, schedules) use it. */
  timeZone: string;
  currency: "CNY";
  status: "active" | "suspended";
  createdAt: string;
  updatedAt: string;
}

export interface Store {
  id: string;
  merchantId: string;
  name: string;
  city: string;
  region?: string;
  address?: string;
  phone?: string;
  status: "open" | "closed";
  createdAt: string;
  updatedAt: string;
}

export interface Staff {
  id: string;
  merchantId: string;
  username: string;
  name: string;
  role: Role;
  /** Stores a manager or clerk works in; empty for owners (all stores). */
  storeIds: string[];
  status: "active" | "disabled";
  createdAt: string;
  updatedAt: string;
}

export interface ApiKey {
  id: string;
  merchantId: string;
  name: string;
  /** Limits the key to one store when set. */
  storeId?: string;
  /** The first characters of the secret, to tell keys apart. */
  prefix: string;
  createdAt: string;
  createdBy: string;
  revokedAt?: string;
  /** Requests per second this key may send; absent = the deployment's default. */
  rateLimitPerSecond?: number;
}

export const CHANNELS = ["qr", "tap", "mini_program", "pos", "online", "import", "referral", "staff"] as const;
export type Channel = (typeof CHANNELS)[number];

export const GENDERS = ["female", "male", "unknown"] as const;
export type Gender = (typeof GENDERS)[number];

export interface Birthday {
  month: number;
  day: number;
  year?: number;
}

export interface Consent {
  granted: boolean;
  at: string;
  channel: Channel;
}

export interface Member {
  id: string;
  merchantId: string;
  /** E.164 phone, unique per merchant. */
  phone: string;
  name: string;
  gender: Gender;
  birthday?: Birthday;
  homeStoreId: string;
  guideId?: string;
  channel: Channel;
  /** Short card code for QR / barcode, unique per merchant. */
  memberCode: string;
  marketingSms?: Consent;
  /** Manual tags (标签). */
  tags: string[];
  /** active, or erased (personal data removed, ledgers kept). */
  status: "active" | "erased";
  /** Incremented on every change; guards against lost updates. */
  version: number;
  joinedAt: string;
  updatedAt: string;
  erasedAt?: string;
}

/**
 * What a daily job's message needs of a member (name, phone, SMS consent, status, home store), copied onto
 * the items the jobs find members by (the account, usable coupons) so a job reads one item per member.
 * `version` is the member's version the copy was taken from. An erased member's copy holds no personal data.
 */
export type MemberContact = Pick<Member, "name" | "phone" | "status" | "homeStoreId" | "marketingSms" | "version">;

/** A member as a message sees them: the member item itself or a copy of its contact. */
export type Recipient = MemberContact & { id: string };

/** Who changed what on a member, and when (visible on the member page). */
export interface AuditEntry {
  id: string;
  memberId: string;
  at: string;
  /** staff:{id}, apiKey:{id}, operator:{subject} or system:{job}. */
  actor: string;
  /** Display name of the actor at the time (username or key name). */
  actorName: string;
  action: "enrolled" | "updated" | "consent" | "tagged" | "untagged" | "guide" | "erased" | "imported" | "contacted";
  /** field → [before, after]; values are redacted when the member is erased. */
  changes: Record<string, [unknown, unknown]>;
  /** Where a consent change came from (console, pos, sms reply, import…). */
  source?: string;
}

/** A tag of the merchant with how many members carry it. */
export interface TagCount {
  name: string;
  count: number;
}

/** A domain event kept in the outbox for the event bus. */
export interface DomainEvent {
  id: string;
  merchantId: string;
  type: string;
  at: string;
  detail: Record<string, unknown>;
}

/** One page of a cursor-paginated listing. */
export interface Page<T> {
  items: T[];
  /** Cursor for the next page, null at the end. */
  next: string | null;
}

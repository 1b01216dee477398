export const typeDefs = /* GraphQL */ `
  "How a member joined."
  enum Channel {
    "Scanned a QR code (扫码)."
    qr
    "Tap-to-join (碰一碰)."
    tap
    "WeChat mini program."
    mini_program
    "At the till."
    pos
    "Online shop."
    online
    "Imported from another system."
    import
    "Invited by a member."
    referral
    "Entered by staff in the console."
    staff
  }

  "Gender as the member gave it."
  enum Gender {
    "Female."
    female
    "Male."
    male
    "Not given."
    unknown
  }

  "A birthday; the year is optional."
  type Birthday {
    "Month 1–12."
    month: Int!
    "Day of month."
    day: Int!
    "Year, when given."
    year: Int
  }

  "A recorded consent decision."
  type Consent {
    "Whether consent is given."
    granted: Boolean!
    "When it was recorded (ISO-8601 UTC)."
    at: String!
    "Where it was recorded."
    channel: Channel!
  }

  "A member (会员) of the merchant's whole chain."
  type Member {
    "Member id."
    id: ID!
    "Phone in E.164, unique within the merchant; masked (138****1234) for clerks."
    phone: String!
    "Phone with the middle digits hidden, for screens anyone may see."
    phoneMasked: String!
    "Name."
    name: String!
    "Gender."
    gender: Gender!
    "Birthday, when given."
    birthday: Birthday
    "Home store (归属门店)."
    homeStoreId: ID!
    "The home store."
    homeStore: Store
    "Guide (导购) staff id."
    guideId: ID
    "The guide (导购), when assigned and visible to the caller."
    guide: Staff
    "How the member joined."
    channel: Channel!
    "Card code for typing at a till; unique and unguessable."
    memberCode: String!
    "What the member card's QR code encodes (the code with a check character); memberByCode accepts it back."
    cardPayload: String!
    "Consent to marketing SMS."
    marketingSms: Consent
    "Manual tags (标签)."
    tags: [String!]!
    "Version number; pass it as expectedVersion to refuse an edit over someone else's change."
    version: Int!
    "When the member joined (ISO-8601 UTC)."
    joinedAt: String!
    "When the profile last changed (ISO-8601 UTC)."
    updatedAt: String!
    "Who changed what and when, newest first (staff only)."
    auditLog(first: Int, after: String @text(max: 1024)): AuditConnection!
  }

  "A page of members."
  type MemberConnection {
    "The members on this page."
    nodes: [Member!]!
    "Cursor information."
    pageInfo: PageInfo!
  }

  "What kind of change an audit entry records."
  enum AuditAction {
    "Enrolled."
    enrolled
    "Imported from a file."
    imported
    "Profile changed."
    updated
    "Marketing consent recorded."
    consent
    "Tags added."
    tagged
    "Tags removed."
    untagged
    "Guide assigned or unassigned."
    guide
    "Personal data erased."
    erased
    "A guide's contact note (source is the channel)."
    contacted
  }

  "One change to a member."
  type AuditEntry {
    "Entry id."
    id: ID!
    "When (ISO-8601 UTC)."
    at: String!
    "Who: staff:{id}, apiKey:{id} or operator:{subject}."
    actor: String!
    "The actor's username or key name at the time."
    actorName: String!
    """
    enrolled, imported, updated, consent, tagged, untagged, guide, erased or contacted (a contact note; source is the
    channel).
    """
    action: AuditAction!
    "What changed: a list of field, before and after (JSON values; [erased] after erasure)."
    changes: [FieldChange!]!
    "Where a consent change or erasure came from, or why."
    source: String
  }

  "A field's value before and after a change."
  type FieldChange {
    "The field."
    field: String!
    "The value before, as JSON."
    before: String
    "The value after, as JSON."
    after: String
  }

  "A page of audit entries."
  type AuditConnection {
    "The entries on this page."
    nodes: [AuditEntry!]!
    "Cursor information."
    pageInfo: PageInfo!
  }

  "A tag with the number of members carrying it."
  type TagCount {
    "The tag."
    name: String!
    "Members carrying it."
    count: Int!
  }

  "A birthday as entered."
  input BirthdayInput {
    "Month 1–12."
    month: Int!
    "Day of month."
    day: Int!
    "Year (optional)."
    year: Int
  }

  "Enrolment of a member by phone."
  input RegisterMemberInput {
    "Mobile number: 13800138000, +86 138 0013 8000 or any +E.164 number."
    phone: String!
    "Name (1–40 characters)."
    name: String!
    "Gender."
    gender: Gender
    "Birthday; month and day are needed for birthday care."
    birthday: BirthdayInput
    "Home store; defaults to the store of a store-scoped key or single-store staff."
    homeStoreId: ID
    "Guide (导购): a manager or clerk of the home store."
    guideId: ID
    "Join channel; pos for API keys and staff for the console by default."
    channel: Channel
    "Consent to marketing SMS, recorded with time and channel."
    marketingSmsConsent: Boolean
    "Tags to start with."
    tags: [String!]
  }

  "The result of enrolment."
  type RegisterMemberPayload {
    "The member: new, or the existing one with this phone."
    member: Member!
    "False when the phone already belonged to a member."
    created: Boolean!
  }

  "Profile changes; omitted fields stay."
  input UpdateMemberInput {
    "New phone (must not belong to another member)."
    phone: String
    "New name."
    name: String
    "New gender."
    gender: Gender
    "New birthday."
    birthday: BirthdayInput
    "True to remove the birthday."
    clearBirthday: Boolean
    "Move the member to another home store (within the caller's stores)."
    homeStoreId: ID
  }

  "A consent decision."
  input ConsentInput {
    "Whether the member agrees to marketing SMS."
    granted: Boolean!
    "Where it was given; pos for keys and staff for the console by default."
    channel: Channel
    "Free text source, e.g. 门店纸质表 or sms-reply-TD."
    source: String
  }

  "How to narrow a member search. Phone and code are exact look-ups; name matches from the start."
  input MemberFilter {
    "Exact phone (any common way of writing it)."
    phone: String
    "The phone's last 4 digits (手机尾号), e.g. 8000: every member whose phone ends so, newest first; not with tag or name."
    phoneTail: String
    "Exact member code or scanned card payload."
    code: String
    "Name prefix, e.g. 王 or 王静."
    name: String
    "Home store."
    storeId: ID
    "Guide staff id."
    guideId: ID
    "Tag."
    tag: String
    "Tier (等级): members whose account is in it (members with no account yet are in the first tier)."
    tierId: ID
    "Birthday month (1–12)."
    birthdayMonth: Int
    "Lifetime spend net of refunds at least this, fen (0–100,000,000)."
    spendMin: Int
    "Lifetime spend at most this, fen."
    spendMax: Int
    "Stored value left (储值余额, principal and bonus) at least this, fen."
    balanceMin: Int
    "Stored value left at most this, fen."
    balanceMax: Int
    "Joined on or after: YYYY-MM-DD (merchant's time zone) or ISO timestamp."
    joinedFrom: String @dateOrInstant
    "Joined on or before: YYYY-MM-DD (the whole day, merchant's time zone) or an exclusive ISO timestamp."
    joinedTo: String @dateOrInstant
  }

  "One chunk of a member file (send a big file as chunks of at most 500 rows)."
  input ImportMembersInput {
    "The file's header row; Chinese or English column names (手机号, 姓名, 性别, 生日, 门店, 导购, 标签, 营销短信, 入会时间…)."
    header: [String!]!
    "Data rows in header order."
    rows: [[String!]!]! @size(max: 500) @text(max: 1000, lines: true)
    "File row number of the first row in this chunk (the header is row 1)."
    firstRow: Int
    "Home store for rows that name none."
    defaultStoreId: ID
  }

  "A row that was not imported."
  type ImportRowError {
    "File row number (the header is row 1)."
    row: Int!
    "The column (field) at fault, or * for the whole row."
    column: String!
    "Why."
    reason: String!
  }

  "What happened to a chunk."
  type ImportReport {
    "Rows received."
    rows: Int!
    "New members."
    created: Int!
    "Rows whose phone already belonged to a member (nothing changed)."
    existing: Int!
    "Rows not imported."
    failed: Int!
    "Every failed row's problems."
    errors: [ImportRowError!]!
    "Columns that matched no field."
    ignoredColumns: [String!]!
  }

  extend type Query {
    "One member by id."
    member(id: ID!): Member
    "Till look-up by phone (2 reads); null when not a member."
    memberByPhone(phone: String!): Member
    "Till look-up by scanned card payload or typed member code (2 reads); null when unknown."
    memberByCode(code: String!): Member
    "Members, newest first (by name for a name search), narrowed by filter; managers and clerks see their stores only."
    members(
      filter: MemberFilter
      storeId: ID @deprecated(reason: "use filter.storeId")
      first: Int
      after: String @text(max: 1024)
    ): MemberConnection!
    "The merchant's tags with member counts."
    memberTags: [TagCount!]!
    "Owner or manager: everything held about one member as a JSON document (PIPL access request)."
    memberDataExport(id: ID!): String!
  }

  extend type Mutation {
    "Enrol a member by phone; idempotent: the same phone returns the same member."
    registerMember(input: RegisterMemberInput!): RegisterMemberPayload!
    "Change a member's profile; expectedVersion refuses to overwrite someone else's change."
    updateMember(id: ID!, input: UpdateMemberInput!, expectedVersion: Int): Member!
    "Record a marketing-SMS consent decision with time and source."
    setMarketingConsent(id: ID!, input: ConsentInput!): Member!
    "Add manual tags."
    addMemberTags(id: ID!, tags: [String!]!): Member!
    "Remove manual tags."
    removeMemberTags(id: ID!, tags: [String!]!): Member!
    "Owner or manager: assign members to a guide, or unassign with guideId null."
    assignGuide(memberIds: [ID!]!, guideId: ID): [Member!]!
    "Owner or manager: erase a member's personal data for good (ledgers stay, anonymised). Give the reason."
    eraseMember(id: ID!, reason: String! @text(max: 200, lines: true)): Member!
    "Owner or manager: import one chunk of a member file; idempotent by phone."
    importMembers(input: ImportMembersInput!): ImportReport!
  }
`;

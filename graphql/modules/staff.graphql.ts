export const typeDefs = /* GraphQL */ `
  "Staff roles: owner (whole chain), manager (own stores), clerk (own stores, till actions)."
  enum Role {
    owner
    manager
    clerk
  }

  "Whether a staff member may sign in."
  enum StaffStatus {
    "May sign in."
    active
    "Cannot sign in or call the API."
    disabled
  }

  "What kind of caller sent a request."
  enum CallerKind {
    "A signed-in staff member."
    staff
    "A storefront API key."
    apiKey
    "The deployment's operator."
    operator
    "No credentials."
    anonymous
  }

  "A person who signs in to the console."
  type Staff {
    "Staff id (the sign-in's subject)."
    id: ID!
    "Login name."
    username: String!
    "Display name."
    name: String!
    "Role."
    role: Role!
    "Stores a manager or clerk works in; empty for owners."
    storeIds: [ID!]!
    "active or disabled; disabled staff cannot sign in or call the API."
    status: StaffStatus!
    "When the staff member was added (ISO-8601 UTC)."
    createdAt: String!
    "When the record last changed (ISO-8601 UTC)."
    updatedAt: String!
  }

  "A page of staff."
  type StaffConnection {
    "The staff on this page."
    nodes: [Staff!]!
    "Cursor information."
    pageInfo: PageInfo!
  }

  "A new staff member."
  input CreateStaffInput {
    "Login name, 3–40 of a–z 0–9 . _ - @; unique on the platform."
    username: String!
    "Display name."
    name: String!
    "Initial password: 8+ characters with a letter and a digit."
    password: String!
    "Role; a manager may only create clerks."
    role: Role!
    "Stores for a manager or clerk (at least one)."
    storeIds: [ID!]
  }

  "Changes to a staff member; omitted fields stay."
  input UpdateStaffInput {
    "Display name."
    name: String
    "Role."
    role: Role
    "Stores."
    storeIds: [ID!]
    "active or disabled."
    status: StaffStatus
  }

  "Who is calling."
  type Viewer {
    "staff, apiKey, operator or anonymous."
    kind: CallerKind!
    "The staff record when a staff member is signed in."
    staff: Staff
    "The caller's merchant id (staff and API keys)."
    merchantId: ID
    "Role of signed-in staff."
    role: Role
    "Stores the caller is limited to; null means all stores."
    storeIds: [ID!]
  }

  extend type Query {
    "Who is calling, with role and store scope."
    viewer: Viewer!
    "Staff the caller may see (owners: all; managers: their stores; clerks: themselves)."
    staffMembers(first: Int, after: String @text(max: 1024)): StaffConnection!
    "One staff member."
    staff(id: ID!): Staff
  }

  extend type Mutation {
    "Owner, or manager for clerks of their stores: add a staff member with a sign-in."
    createStaff(input: CreateStaffInput!): Staff!
    "Owner, or manager for clerks of their stores: change role, stores, name or status."
    updateStaff(id: ID!, input: UpdateStaffInput!): Staff!
  }
`;

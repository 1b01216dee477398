/** The worklist's GraphQL operations and shapes. */

const MEMBER = "member { id name phone homeStore { id name } }";

export const WORKLIST_QUERY = `query guideWorklist($guideId: ID) { guideWorklist(guideId: $guideId) {
  guide { id name username } today timeZone rosterSize
  slipping { ${MEMBER} stage daysSinceVisit lastVisitAt lifetimeSpend visits rfmClass }
  birthdays { ${MEMBER} date daysAway }
  expiringCoupons { ${MEMBER} code displayCode templateName validUntil lastDay daysLeft }
  newMembers { ${MEMBER} joinedAt daysAgo } } }`;

export const LOG_CONTACT = `mutation logContact($input: LogContactInput!) {
  logContact(input: $input) { created contact { id at channel note } }
}`;

export const GUIDES_QUERY = `query worklistGuides { staffMembers(first: 100) { nodes { id name username role status } } }`;

export const CHANNELS = ["CALL", "WECHAT", "SMS", "VISIT", "OTHER"] as const;
export type Channel = (typeof CHANNELS)[number];

export interface WorklistMember {
  id: string;
  name: string;
  phone: string;
  homeStore?: { id: string; name: string } | null;
}

export interface Worklist {
  guide: { id: string; name: string; username: string };
  today: string;
  timeZone: string;
  rosterSize: number;
  slipping: {
    member: WorklistMember;
    stage: string;
    daysSinceVisit: number;
    lastVisitAt: string | null;
    lifetimeSpend: number;
    visits: number;
    rfmClass: string;
  }[];
  birthdays: { member: WorklistMember; date: string; daysAway: number }[];
  expiringCoupons: {
    member: WorklistMember;
    code: string;
    displayCode: string;
    templateName: string;
    validUntil: string;
    lastDay: string;
    daysLeft: number;
  }[];
  newMembers: { member: WorklistMember; joinedAt: string; daysAgo: number }[];
}

export interface Guide {
  id: string;
  name: string;
  username: string;
  role: "owner" | "manager" | "clerk";
  status: string;
}

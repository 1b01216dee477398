/** The worklist's GraphQL operations and shapes. */
import type { Document } from "../dataProvider/document";
import type {
  GuideWorklistQuery,
  GuideWorklistQueryVariables,
  LogContactMutation,
  LogContactMutationVariables,
  WorklistGuidesQuery,
  WorklistGuidesQueryVariables,
  WorklistMemberFieldsFragment,
} from "../generated/graphql";

const MEMBER_FIELDS = /* GraphQL */ `
  fragment WorklistMemberFields on Member {
    id
    name
    phone
    homeStore {
      id
      name
    }
  }
`;

export const WORKLIST_QUERY: Document<GuideWorklistQuery, GuideWorklistQueryVariables> = /* GraphQL */ `
  query guideWorklist($guideId: ID) {
    guideWorklist(guideId: $guideId) {
      guide {
        id
        name
        username
      }
      today
      timeZone
      rosterSize
      slipping {
        member {
          ...WorklistMemberFields
        }
        stage
        daysSinceVisit
        lastVisitAt
        lifetimeSpend
        visits
        rfmClass
      }
      birthdays {
        member {
          ...WorklistMemberFields
        }
        date
        daysAway
      }
      expiringCoupons {
        member {
          ...WorklistMemberFields
        }
        code
        displayCode
        templateName
        validUntil
        lastDay
        daysLeft
      }
      newMembers {
        member {
          ...WorklistMemberFields
        }
        joinedAt
        daysAgo
      }
    }
  }
  ${MEMBER_FIELDS}
`;

export const LOG_CONTACT: Document<LogContactMutation, LogContactMutationVariables> = /* GraphQL */ `
  mutation logContact($input: LogContactInput!) {
    logContact(input: $input) {
      created
      contact {
        id
        at
        channel
        note
      }
    }
  }
`;

export const GUIDES_QUERY: Document<WorklistGuidesQuery, WorklistGuidesQueryVariables> = /* GraphQL */ `
  query worklistGuides {
    staffMembers(first: 100) {
      nodes {
        id
        name
        username
        role
        status
      }
    }
  }
`;

export const CHANNELS = ["CALL", "WECHAT", "SMS", "VISIT", "OTHER"] as const;
export type Channel = (typeof CHANNELS)[number];

export type WorklistMember = WorklistMemberFieldsFragment;
export type Worklist = GuideWorklistQuery["guideWorklist"];
export type Guide = WorklistGuidesQuery["staffMembers"]["nodes"][number];

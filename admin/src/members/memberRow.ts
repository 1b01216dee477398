/**
 * What one row of the member list (and of its search) reads: the profile
 * fields the list and a first paint of the member page show, and the account
 * figures a merchant scans (等级, 积分, 储值余额, 消费次数, 最近消费). The API reads
 * every row's account in one request; the member page loads the rest itself.
 */
import type { MemberRowFragment } from "../generated/graphql";

export const MEMBER_ROW = /* GraphQL */ `
  fragment MemberRow on Member {
    id
    phone
    phoneMasked
    name
    gender
    birthday {
      month
      day
      year
    }
    homeStoreId
    homeStore {
      id
      name
      city
    }
    guideId
    guide {
      id
      name
      username
    }
    channel
    memberCode
    cardPayload
    marketingSms {
      granted
      at
      channel
    }
    tags
    version
    joinedAt
    updatedAt
    account {
      tierId
      tierName
      available
      storedValuePrincipal
      storedValueBonus
      visits
      lastVisitAt
      lifetimeSpend
    }
  }
`;

/** The fragment's name, as a selection spreads it. */
export const MEMBER_ROW_NAME = "MemberRow";

export type MemberRow = MemberRowFragment;

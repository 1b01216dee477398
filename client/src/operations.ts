/**
 * The GraphQL documents the client sends, one named operation each, checked against the schema by
 * tests/unit/client-documents.test.ts. `npm run codegen` (codegen.ts) generates each one's result and variables
 * types into generated.ts; they are imported as types only, so nothing here runs from generated code. Shared
 * selections are fragments, interpolated at the end of each operation that spreads them: the text sent (and
 * hashed for persisted queries) is whole.
 */
import type * as G from "./generated.js";

/** An operation's text, typed with its result and variables. */
export type Document<TResult, TVariables> = string & { readonly __operation?: [TResult, TVariables] };

const AccountFields = /* GraphQL */ `
  fragment AccountFields on MemberAccount {
    memberId
    available
    pending
    debt
    growth
    tierId
    tierName
    visits
    lastVisitAt
    lifetimeSpend
    storedValuePrincipal
    storedValueBonus
    nextExpiryAt
    nextExpiryPoints
  }
`;

const CouponFields = /* GraphQL */ `
  fragment CouponFields on Coupon {
    code
    displayCode
    templateId
    name
    kind
    amountOff
    percentOff
    maxDiscount
    threshold
    giftSku
    minSpend
    stacking
    state
    validFrom
    validUntil
    reservedUntil
  }
`;

/**
 * A member as a till shows it. The wallet's coupons are selected here, not spread from CouponFields: the API's
 * depth limit (8) counts a spread as a level, and registerMember's member would be one level too deep.
 */
const MemberFields = /* GraphQL */ `
  fragment MemberFields on Member {
    id
    name
    phone
    phoneMasked
    memberCode
    homeStoreId
    joinedAt
    account {
      ...AccountFields
    }
    storedValue {
      principal
      bonus
      total
    }
    coupons(first: 50) {
      nodes {
        code
        displayCode
        templateId
        name
        kind
        amountOff
        percentOff
        maxDiscount
        threshold
        giftSku
        minSpend
        stacking
        state
        validFrom
        validUntil
        reservedUntil
      }
    }
  }
`;

const QuoteFields = /* GraphQL */ `
  fragment QuoteFields on CheckoutQuote {
    subtotal
    discount
    total
    steps {
      code
      templateId
      name
      kind
      discount
      totalAfter
    }
    rejected {
      code
      reason
      message
    }
  }
`;

const OrderFields = /* GraphQL */ `
  fragment OrderFields on Order {
    id
    memberId
    storeId
    at
    paymentMethod
    subtotal
    discount
    total
    storedValueAmount
    points
    growth
    status
    lines {
      kind
      sku
      name
      qty
      unitPrice
      amount
      discount
      points
      refundedQty
    }
    coupons {
      code
      name
      discount
    }
    refunds {
      id
      at
      amount
      points
      storedValuePrincipal
      storedValueBonus
      toPaymentMethod
      lines {
        sku
        qty
      }
    }
  }
`;

export const MemberByPhone: Document<G.MemberByPhoneQuery, G.MemberByPhoneQueryVariables> = /* GraphQL */ `
  query MemberByPhone($phone: String!) {
    memberByPhone(phone: $phone) {
      ...MemberFields
    }
  }
  ${MemberFields}
  ${AccountFields}
`;

export const MemberByCode: Document<G.MemberByCodeQuery, G.MemberByCodeQueryVariables> = /* GraphQL */ `
  query MemberByCode($code: String!) {
    memberByCode(code: $code) {
      ...MemberFields
    }
  }
  ${MemberFields}
  ${AccountFields}
`;

export const RegisterMember: Document<G.RegisterMemberMutation, G.RegisterMemberMutationVariables> = /* GraphQL */ `
  mutation RegisterMember($input: RegisterMemberInput!) {
    registerMember(input: $input) {
      created
      member {
        ...MemberFields
      }
      welcomeCoupons {
        ...CouponFields
      }
    }
  }
  ${MemberFields}
  ${AccountFields}
  ${CouponFields}
`;

export const QuoteCheckout: Document<G.QuoteCheckoutQuery, G.QuoteCheckoutQueryVariables> = /* GraphQL */ `
  query QuoteCheckout($input: BasketInput!) {
    quoteCheckout(input: $input) {
      ...QuoteFields
    }
  }
  ${QuoteFields}
`;

export const ReserveCoupons: Document<G.ReserveCouponsMutation, G.ReserveCouponsMutationVariables> = /* GraphQL */ `
  mutation ReserveCoupons($input: BasketInput!, $holdId: String!, $minutes: Int) {
    reserveCoupons(input: $input, holdId: $holdId, minutes: $minutes) {
      holdId
      until
      quote {
        ...QuoteFields
      }
    }
  }
  ${QuoteFields}
`;

export const ReleaseCoupons: Document<G.ReleaseCouponsMutation, G.ReleaseCouponsMutationVariables> = /* GraphQL */ `
  mutation ReleaseCoupons($memberId: ID!, $holdId: String!, $couponCodes: [String!]!) {
    releaseCoupons(memberId: $memberId, holdId: $holdId, couponCodes: $couponCodes) {
      ...CouponFields
    }
  }
  ${CouponFields}
`;

export const RecordPurchase: Document<G.RecordPurchaseMutation, G.RecordPurchaseMutationVariables> = /* GraphQL */ `
  mutation RecordPurchase($input: RecordPurchaseInput!) {
    recordPurchase(input: $input) {
      created
      order {
        ...OrderFields
      }
      account {
        ...AccountFields
      }
    }
  }
  ${OrderFields}
  ${AccountFields}
`;

export const RefundOrder: Document<G.RefundOrderMutation, G.RefundOrderMutationVariables> = /* GraphQL */ `
  mutation RefundOrder($input: RefundInput!) {
    refundOrder(input: $input) {
      created
      order {
        ...OrderFields
      }
      account {
        ...AccountFields
      }
    }
  }
  ${OrderFields}
  ${AccountFields}
`;

export const TopUpStoredValue: Document<G.TopUpStoredValueMutation, G.TopUpStoredValueMutationVariables> =
  /* GraphQL */ `
    mutation TopUpStoredValue($memberId: ID!, $paymentId: String!, $amount: Int!, $planId: ID, $storeId: ID) {
      topUpStoredValue(
        memberId: $memberId
        paymentId: $paymentId
        amount: $amount
        planId: $planId
        storeId: $storeId
      ) {
        created
        topUp {
          id
          paymentId
          planId
          storeId
          principal
          bonus
          at
        }
        balance {
          principal
          bonus
          total
        }
      }
    }
  `;

export const CheckIn: Document<G.CheckInMutation, G.CheckInMutationVariables> = /* GraphQL */ `
  mutation CheckIn($memberId: ID!) {
    checkIn(memberId: $memberId) {
      created
      date
      streak
      points
      bonus
      account {
        ...AccountFields
      }
    }
  }
  ${AccountFields}
`;

export const Stores: Document<G.StoresQuery, G.StoresQueryVariables> = /* GraphQL */ `
  query Stores {
    stores(first: 100) {
      nodes {
        id
        name
        city
        status
      }
    }
  }
`;

export const TierLadder: Document<G.TierLadderQuery, G.TierLadderQueryVariables> = /* GraphQL */ `
  query TierLadder {
    loyaltyConfig {
      ladder {
        tiers {
          id
          name
          threshold
        }
      }
    }
  }
`;

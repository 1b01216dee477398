import * as jobs from "../../functions/app/jobs/index.js";
import * as messaging from "../../functions/app/messaging.js";
import { seesMaskedPhones } from "../../functions/core/access.js";
import { maskPhone } from "../../functions/core/phone.js";
import { connection } from "../connection.js";
import type { Resolvers } from "../generated/types.js";
import { checkedByService } from "../serviceInput.js";

export const resolvers: Resolvers = {
  Query: {
    domainEvents: async (_, args, { caller, deps }) =>
      connection(await messaging.listEvents(deps, caller, args.date, args.first, args.after)),
    automationSettings: (_, __, { caller, deps }) => jobs.automationSettings(deps, caller),
    smsMessages: async (_, args, { caller, deps }) =>
      connection(await messaging.listMessages(deps, caller, args.first, args.after)),
  },
  Mutation: {
    updateAutomationSettings: (_, args, { caller, deps }) => {
      const { tierReviewDayOfMonth, ...rest } = args.input;
      return jobs.updateAutomation(
        deps,
        caller,
        checkedByService<Parameters<typeof jobs.updateAutomation>[2]>({
          ...rest,
          ...(tierReviewDayOfMonth != null ? { tierReview: { dayOfMonth: tierReviewDayOfMonth } } : {}),
        }),
      );
    },
  },
  AutomationSettings: {
    tierReviewDayOfMonth: (settings) => settings.tierReview.dayOfMonth,
  },
  SmsMessage: {
    phone: (message, _, { caller }) => (seesMaskedPhones(caller) ? maskPhone(message.phone) : message.phone),
  },
  DomainEvent: {
    detail: (event) => JSON.stringify(event.detail ?? {}),
  },
};

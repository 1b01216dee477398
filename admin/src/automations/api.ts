/**
 * The merchant's automations (automationSettings) and segmentation settings
 * (segmentationSettings): read once per page, saved one section at a time.
 * A refusal shows the API's message as a notification and next to the input
 * it names (extensions.field, translated to the form's own path).
 */
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useNotify } from "react-admin";
import type { Document } from "../dataProvider/document";
import { refusal } from "../dataProvider/errors";
import { useRequest, type GraphqlRequest } from "../dataProvider/useRequest";
import type {
  AutomationSettingsInput,
  AutomationSettingsQuery,
  AutomationSettingsQueryVariables,
  SegmentationSettingsInput,
  SegmentationSettingsQuery,
  SegmentationSettingsQueryVariables,
  UpdateAutomationSettingsMutation,
  UpdateAutomationSettingsMutationVariables,
  UpdateSegmentationSettingsMutation,
  UpdateSegmentationSettingsMutationVariables,
} from "../generated/graphql";

export interface WakeupStep {
  days: number;
  body: string;
  couponTemplateId: string | null;
  /** Percent (0–50) of the members it finds held out. */
  holdoutPercent: number;
}

export interface AutomationSettings {
  jobHour: number;
  sms: { quietStart: string; quietEnd: string; monthlyCap: number; signature: string };
  birthday: { enabled: boolean; daysBefore: number; body: string; sendCoupon: boolean; holdoutPercent: number };
  wakeup: { enabled: boolean; steps: WakeupStep[] };
  couponExpiry: { enabled: boolean; daysBefore: number; body: string; holdoutPercent: number };
  lifecycle: { silentDays: number; sleepingDays: number; lostDays: number };
  tierReviewDayOfMonth: number;
}

export interface TagRule {
  id?: string;
  tag: string;
  kind: "category_count" | "lifetime_spend";
  category: string | null;
  count: number | null;
  days: number | null;
  amount: number | null;
}

export interface SegmentationSettings {
  recencyDays: number[];
  frequency: number[];
  monetary: number[];
  tagRules: TagRule[];
}

const AUTOMATION_FIELDS = /* GraphQL */ `
  fragment AutomationFields on AutomationSettings {
    jobHour
    sms {
      quietStart
      quietEnd
      monthlyCap
      signature
    }
    birthday {
      enabled
      daysBefore
      body
      sendCoupon
      holdoutPercent
    }
    wakeup {
      enabled
      steps {
        days
        body
        couponTemplateId
        holdoutPercent
      }
    }
    couponExpiry {
      enabled
      daysBefore
      body
      holdoutPercent
    }
    lifecycle {
      silentDays
      sleepingDays
      lostDays
    }
    tierReviewDayOfMonth
  }
`;

const SEGMENTATION_FIELDS = /* GraphQL */ `
  fragment SegmentationFields on SegmentationSettings {
    recencyDays
    frequency
    monetary
    tagRules {
      id
      tag
      kind
      category
      count
      days
      amount
    }
  }
`;

const AUTOMATION_SETTINGS: Document<AutomationSettingsQuery, AutomationSettingsQueryVariables> = /* GraphQL */ `
  query automationSettings {
    automationSettings {
      ...AutomationFields
    }
  }
  ${AUTOMATION_FIELDS}
`;

const SEGMENTATION_SETTINGS: Document<SegmentationSettingsQuery, SegmentationSettingsQueryVariables> = /* GraphQL */ `
  query segmentationSettings {
    segmentationSettings {
      ...SegmentationFields
    }
  }
  ${SEGMENTATION_FIELDS}
`;

const SAVE_AUTOMATION: Document<UpdateAutomationSettingsMutation, UpdateAutomationSettingsMutationVariables> =
  /* GraphQL */ `
    mutation updateAutomationSettings($input: AutomationSettingsInput!) {
      saved: updateAutomationSettings(input: $input) {
        ...AutomationFields
      }
    }
    ${AUTOMATION_FIELDS}
  `;

const SAVE_SEGMENTATION: Document<UpdateSegmentationSettingsMutation, UpdateSegmentationSettingsMutationVariables> =
  /* GraphQL */ `
    mutation updateSegmentationSettings($input: SegmentationSettingsInput!) {
      saved: updateSegmentationSettings(input: $input) {
        ...SegmentationFields
      }
    }
    ${SEGMENTATION_FIELDS}
  `;

const AUTOMATION_KEY = ["automationSettings"];
const SEGMENTATION_KEY = ["segmentationSettings"];

export function useAutomationSettings() {
  const request = useRequest();
  return useQuery({
    queryKey: AUTOMATION_KEY,
    queryFn: async () => (await request(AUTOMATION_SETTINGS)).automationSettings,
  });
}

export function useSegmentationSettings() {
  const request = useRequest();
  return useQuery({
    queryKey: SEGMENTATION_KEY,
    queryFn: async () => (await request(SEGMENTATION_SETTINGS)).segmentationSettings,
  });
}

export type AutomationSection = "sms" | "birthday" | "wakeup" | "couponExpiry" | "schedule";
export type Section = AutomationSection | "segmentation";

/** Resolves to nothing when saved, or to the form errors when refused. */
type Save<Input> = (input: Input) => Promise<Record<string, string> | undefined>;

/** Saves a section with `send` (its mutation answers with the saved settings as `saved`). */
function useSaver<Input, T>(
  section: Section,
  send: (request: GraphqlRequest, input: Input) => Promise<{ saved: T }>,
  queryKey: string[],
  formField: (apiField: string) => string,
): Save<Input> {
  const request = useRequest();
  const notify = useNotify();
  const queryClient = useQueryClient();
  return async (input) => {
    try {
      const data = await send(request, input);
      queryClient.setQueryData(queryKey, data.saved);
      notify(`resources.automations.saved.${section}`, { type: "success" });
      return undefined;
    } catch (error) {
      return refusal(error, notify, formField);
    }
  };
}

/**
 * Where an API field lands in a section's form. Each form holds its section
 * as the API shapes it, so "wakeup.steps.0.days" is "steps.0.days" there;
 * the SMS rules' fields come back bare, the schedule's are renamed.
 */
export function automationField(section: AutomationSection, apiField: string): string {
  if (section === "schedule") {
    if (apiField === "tierReview.dayOfMonth") return "tierReviewDayOfMonth";
    if (apiField === "lifecycle") return "lifecycle.sleepingDays";
    return apiField;
  }
  return apiField.startsWith(`${section}.`) ? apiField.slice(section.length + 1) : apiField;
}

/** Save one automation section with updateAutomationSettings (omitted sections stay). */
export function useSaveAutomationSection(section: AutomationSection) {
  return useSaver(
    section,
    (request, input: AutomationSettingsInput) => request(SAVE_AUTOMATION, { input }),
    AUTOMATION_KEY,
    (field) => automationField(section, field),
  );
}

/** Save the RFM thresholds and the tag rules with updateSegmentationSettings. */
export function useSaveSegmentationSettings() {
  return useSaver(
    "segmentation",
    (request, input: SegmentationSettingsInput) => request(SAVE_SEGMENTATION, { input }),
    SEGMENTATION_KEY,
    // The thresholds' errors name the list; the first input of it shows the message.
    (field) =>
      ["recencyDays", "frequency", "monetary"].includes(field)
        ? `${field}.0`
        : field === "tagRules"
          ? "tagRules"
          : field,
  );
}

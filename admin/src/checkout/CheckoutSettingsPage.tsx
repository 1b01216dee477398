/**
 * 储值·券·推荐 settings (owners): the stored-value rules, the welcome pack and
 * whether a full refund gives coupons back, and the referral programme. Each
 * part is saved on its own with its own mutation; a refusal shows the API's
 * message as a notification and next to the input it names.
 */
import { Alert, Box, Card, CardContent, LinearProgress, Typography } from "@mui/material";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import type { FieldValues } from "react-hook-form";
import {
  BooleanInput,
  Form,
  RadioButtonGroupInput,
  ResourceContextProvider,
  SaveButton,
  SelectArrayInput,
  Title,
  Toolbar,
  useNotify,
  useTranslate,
} from "react-admin";
import { choicesFor } from "../common/choices";
import { useCouponValue } from "../couponTemplates/useCouponValue";
import { useCouponTemplates } from "../couponTemplates/useCouponTemplates";
import type { Document } from "../dataProvider/document";
import { refusal } from "../dataProvider/errors";
import { useRequest, type GraphqlRequest } from "../dataProvider/useRequest";
import type {
  CheckoutConfigFieldsFragment,
  CheckoutSettingsQuery,
  CheckoutSettingsQueryVariables,
  DrawRule,
  TopUpRefundRule,
  UpdateCouponSettingsMutation,
  UpdateCouponSettingsMutationVariables,
  UpdateReferralRulesMutation,
  UpdateReferralRulesMutationVariables,
  UpdateStoredValueRulesMutation,
  UpdateStoredValueRulesMutationVariables,
} from "../generated/graphql";
import { wholeIn } from "../loyalty/validation";
import { ReferralInputs } from "./ReferralInputs";

const K = "resources.checkout_settings";

type CheckoutConfig = CheckoutConfigFieldsFragment;

const CONFIG_FIELDS = /* GraphQL */ `
  fragment CheckoutConfigFields on LoyaltyConfig {
    welcomeCouponTemplateIds
    restoreCouponsOnFullRefund
    storedValue {
      drawRule
      refundRule
      requirePlan
    }
    referral {
      enabled
      referrerPoints
      refereePoints
      referrerTemplateId
      refereeTemplateId
    }
  }
`;

const CHECKOUT_SETTINGS: Document<CheckoutSettingsQuery, CheckoutSettingsQueryVariables> = /* GraphQL */ `
  query checkoutSettings {
    loyaltyConfig {
      ...CheckoutConfigFields
    }
  }
  ${CONFIG_FIELDS}
`;

const SAVE_STORED_VALUE_RULES: Document<UpdateStoredValueRulesMutation, UpdateStoredValueRulesMutationVariables> =
  /* GraphQL */ `
    mutation updateStoredValueRules($input: StoredValueRulesInput!) {
      saved: updateStoredValueRules(input: $input) {
        ...CheckoutConfigFields
      }
    }
    ${CONFIG_FIELDS}
  `;

const SAVE_COUPON_SETTINGS: Document<UpdateCouponSettingsMutation, UpdateCouponSettingsMutationVariables> =
  /* GraphQL */ `
    mutation updateCouponSettings($welcomeTemplateIds: [ID!], $restoreCouponsOnFullRefund: Boolean) {
      saved: updateCouponSettings(
        welcomeTemplateIds: $welcomeTemplateIds
        restoreCouponsOnFullRefund: $restoreCouponsOnFullRefund
      ) {
        ...CheckoutConfigFields
      }
    }
    ${CONFIG_FIELDS}
  `;

const SAVE_REFERRAL_RULES: Document<UpdateReferralRulesMutation, UpdateReferralRulesMutationVariables> = /* GraphQL */ `
  mutation updateReferralRules($input: ReferralRulesInput!) {
    saved: updateReferralRules(input: $input) {
      ...CheckoutConfigFields
    }
  }
  ${CONFIG_FIELDS}
`;

const QUERY_KEY = ["loyaltyConfig", "checkout"];

const drawChoices = choicesFor(`${K}.draw_rule`, ["proportional", "principal_first", "bonus_first"] as const);
const refundChoices = choicesFor(`${K}.refund_rule`, ["forfeit_bonus", "deduct_spent_bonus"] as const);

/** Save one part with `send` (its mutation answers with the saved settings); resolves to form errors when refused. */
function useSave(part: string) {
  const request = useRequest();
  const notify = useNotify();
  const queryClient = useQueryClient();
  return async (
    send: (request: GraphqlRequest) => Promise<{ saved: CheckoutConfig }>,
    formField: (field: string) => string = (field) => field,
  ) => {
    try {
      const data = await send(request);
      queryClient.setQueryData(QUERY_KEY, data.saved);
      void queryClient.invalidateQueries({
        queryKey: ["loyaltyConfig"],
        predicate: (query) => query.queryKey[1] !== "checkout",
      });
      notify(`${K}.saved.${part}`, { type: "success" });
      return undefined;
    } catch (error) {
      return refusal(error, notify, formField);
    }
  };
}

function Part({ title, hint, children }: { title: string; hint?: string; children: React.ReactNode }) {
  const translate = useTranslate();
  return (
    <Card variant="outlined" sx={{ mb: 2 }}>
      <CardContent>
        <Typography variant="h6">{translate(title)}</Typography>
        {hint && (
          <Typography variant="body2" color="text.secondary" sx={{ mb: 1 }}>
            {translate(hint)}
          </Typography>
        )}
        {children}
      </CardContent>
    </Card>
  );
}

function StoredValueRulesForm({ config }: { config: CheckoutConfig }) {
  const save = useSave("stored_value");
  return (
    <Form
      record={config.storedValue}
      onSubmit={(values: FieldValues) =>
        save((request) =>
          request(SAVE_STORED_VALUE_RULES, {
            input: {
              drawRule: values.drawRule as DrawRule,
              refundRule: values.refundRule as TopUpRefundRule,
              requirePlan: Boolean(values.requirePlan),
            },
          }),
        )
      }
    >
      <Box data-testid="settings-stored-value">
        <RadioButtonGroupInput
          source="drawRule"
          label={`${K}.fields.drawRule`}
          choices={drawChoices}
          row={false}
          helperText={`${K}.hints.drawRule`}
        />
        <RadioButtonGroupInput
          source="refundRule"
          label={`${K}.fields.refundRule`}
          choices={refundChoices}
          row={false}
          helperText={`${K}.hints.refundRule`}
        />
        <BooleanInput source="requirePlan" label={`${K}.fields.requirePlan`} helperText={`${K}.hints.requirePlan`} />
      </Box>
      <Toolbar>
        <SaveButton />
      </Toolbar>
    </Form>
  );
}

function useTemplateChoices(keep: (string | null | undefined)[]) {
  const translate = useTranslate();
  const value = useCouponValue();
  const templates = useCouponTemplates();
  const paused = ` (${translate("resources.couponTemplates.status.paused")})`;
  const choices = (templates.data ?? []).map((template) => ({
    id: template.id,
    name: `${template.name} · ${value(template)}${template.status === "paused" ? paused : ""}`,
  }));
  for (const id of keep) if (id && !choices.some((choice) => choice.id === id)) choices.push({ id, name: id });
  return { choices, isPending: templates.isPending };
}

function CouponSettingsForm({ config }: { config: CheckoutConfig }) {
  const save = useSave("coupons");
  const { choices, isPending } = useTemplateChoices(config.welcomeCouponTemplateIds);
  return (
    <Form
      record={{
        welcomeTemplateIds: config.welcomeCouponTemplateIds,
        restoreCouponsOnFullRefund: config.restoreCouponsOnFullRefund,
      }}
      validate={(values) =>
        (values.welcomeTemplateIds ?? []).length > 10
          ? { welcomeTemplateIds: { message: "resources.loyalty.validation.max_items", args: { max: 10 } } }
          : {}
      }
      onSubmit={(values: FieldValues) =>
        save((request) =>
          request(SAVE_COUPON_SETTINGS, {
            welcomeTemplateIds: values.welcomeTemplateIds ?? [],
            restoreCouponsOnFullRefund: Boolean(values.restoreCouponsOnFullRefund),
          }),
        )
      }
    >
      <Box data-testid="settings-coupons">
        <SelectArrayInput
          source="welcomeTemplateIds"
          label={`${K}.fields.welcomeTemplateIds`}
          choices={choices}
          translateChoice={false}
          isPending={isPending}
          helperText={`${K}.hints.welcomeTemplateIds`}
          sx={{ minWidth: 420 }}
        />
        <BooleanInput
          source="restoreCouponsOnFullRefund"
          label={`${K}.fields.restoreCouponsOnFullRefund`}
          helperText={`${K}.hints.restoreCouponsOnFullRefund`}
        />
      </Box>
      <Toolbar>
        <SaveButton />
      </Toolbar>
    </Form>
  );
}

type ReferralValues = CheckoutConfig["referral"];

function validateReferral(values: ReferralValues) {
  const errors: Record<string, unknown> = {};
  const referrer = wholeIn(values.referrerPoints, 0, 1_000_000);
  const referee = wholeIn(values.refereePoints, 0, 1_000_000);
  if (referrer) errors.referrerPoints = referrer;
  if (referee) errors.refereePoints = referee;
  if (
    values.enabled &&
    !referrer &&
    !referee &&
    !values.referrerPoints &&
    !values.refereePoints &&
    !values.referrerTemplateId &&
    !values.refereeTemplateId
  )
    errors.enabled = `${K}.validation.referral_reward`;
  return errors;
}

function ReferralRulesForm({ config }: { config: CheckoutConfig }) {
  const save = useSave("referral");
  const { choices, isPending } = useTemplateChoices([
    config.referral.referrerTemplateId,
    config.referral.refereeTemplateId,
  ]);
  const submit = (values: Record<string, unknown>) => {
    const v = values as ReferralValues;
    // An empty string removes a coupon reward.
    return save((request) =>
      request(SAVE_REFERRAL_RULES, {
        input: {
          enabled: Boolean(v.enabled),
          referrerPoints: v.referrerPoints,
          refereePoints: v.refereePoints,
          referrerTemplateId: v.referrerTemplateId ?? "",
          refereeTemplateId: v.refereeTemplateId ?? "",
        },
      }),
    );
  };
  return (
    <Form record={config.referral} validate={(values) => validateReferral(values as ReferralValues)} onSubmit={submit}>
      <ReferralInputs choices={choices} isPending={isPending} />
      <Toolbar>
        <SaveButton />
      </Toolbar>
    </Form>
  );
}

export function CheckoutSettingsPage() {
  const translate = useTranslate();
  const request = useRequest();
  const {
    data: config,
    error,
    isPending,
  } = useQuery({
    queryKey: QUERY_KEY,
    queryFn: async () => (await request(CHECKOUT_SETTINGS)).loyaltyConfig,
  });
  return (
    <ResourceContextProvider value="checkout_settings">
      <Box sx={{ mt: 2, maxWidth: 960 }} data-testid="checkout-settings">
        <Title title={`${K}.name`} />
        {isPending && <LinearProgress />}
        {error && <Alert severity="error">{translate(`${K}.load_failed`, { error: (error as Error).message })}</Alert>}
        {config && (
          <>
            <Part title={`${K}.parts.stored_value`} hint={`${K}.parts.stored_value_hint`}>
              <StoredValueRulesForm config={config} />
            </Part>
            <Part title={`${K}.parts.coupons`} hint={`${K}.parts.coupons_hint`}>
              <CouponSettingsForm config={config} />
            </Part>
            <Part title={`${K}.parts.referral`} hint={`${K}.parts.referral_hint`}>
              <ReferralRulesForm config={config} />
            </Part>
          </>
        )}
      </Box>
    </ResourceContextProvider>
  );
}

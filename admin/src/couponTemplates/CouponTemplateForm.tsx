/**
 * A coupon template: what it takes off (fields follow the kind), where and for
 * whom it applies, how it stacks, how long a coupon stays valid, and how many
 * may be issued. The checks are the API's (fields.ts validateTemplate).
 */
import { Box, Typography } from "@mui/material";
import { useQuery } from "@tanstack/react-query";
import { useWatch } from "react-hook-form";
import {
  BooleanInput,
  DateInput,
  NumberInput,
  RadioButtonGroupInput,
  ReferenceArrayInput,
  SelectArrayInput,
  SimpleForm,
  TextArrayInput,
  TextInput,
  useTranslate,
} from "react-admin";
import { SaveOnlyToolbar } from "../common/SaveOnlyToolbar";
import { YuanInput } from "../common/YuanInput";
import type { Document } from "../dataProvider/document";
import { useRequest } from "../dataProvider/useRequest";
import type { TemplateTiersQuery, TemplateTiersQueryVariables } from "../generated/graphql";
import {
  couponValue,
  kindChoices,
  stackingChoices,
  statusChoices,
  validateTemplate,
  validityChoices,
  type TemplateFormValues,
} from "./fields";

const T = "resources.couponTemplates";
const H = `${T}.hints`;

function Group({ title, children }: { title: string; children: React.ReactNode }) {
  const translate = useTranslate();
  return (
    <Box sx={{ width: "100%", mt: 2 }}>
      <Typography variant="subtitle1" sx={{ fontWeight: 600 }} gutterBottom>
        {translate(title)}
      </Typography>
      <Box sx={{ display: "flex", flexWrap: "wrap", columnGap: 2, alignItems: "flex-start" }}>{children}</Box>
    </Box>
  );
}

/** The amounts the chosen kind needs, and the value in words as the member will see it. */
function KindInputs() {
  const translate = useTranslate();
  const values = useWatch() as TemplateFormValues;
  const preview = validateTemplate(values);
  const complete = !["amountOff", "threshold", "percentOff", "maxDiscount", "giftSku", "minSpend"].some(
    (field) => field in preview,
  );
  return (
    <>
      {values.kind === "threshold" && <YuanInput source="threshold" helperText={`${H}.threshold`} />}
      {(values.kind === "threshold" || values.kind === "amount_off") && (
        <YuanInput source="amountOff" helperText={values.kind === "threshold" ? `${H}.amountOff_threshold` : false} />
      )}
      {values.kind === "percent_off" && (
        <>
          <NumberInput
            source="percentOff"
            step={1}
            fullWidth={false}
            sx={{ width: 260 }}
            helperText={`${H}.percentOff`}
          />
          <YuanInput source="maxDiscount" helperText={`${H}.maxDiscount`} />
        </>
      )}
      {values.kind === "gift" && (
        <TextInput source="giftSku" helperText={`${H}.giftSku`} fullWidth={false} sx={{ width: 260 }} />
      )}
      <YuanInput source="minSpend" helperText={`${H}.minSpend`} />
      {complete && values.kind && (
        <Typography variant="body1" sx={{ alignSelf: "center", mb: 2 }} data-testid="template-value-preview">
          {translate(`${T}.preview`, {
            value: couponValue({ ...values, kind: values.kind, minSpend: values.minSpend ?? 0 }, translate),
          })}
        </Typography>
      )}
    </>
  );
}

const TIERS: Document<TemplateTiersQuery, TemplateTiersQueryVariables> = /* GraphQL */ `
  query templateTiers {
    loyaltyConfig {
      ladder {
        tiers {
          id
          name
        }
      }
    }
  }
`;

function TierInput() {
  const request = useRequest();
  const { data } = useQuery({
    queryKey: ["loyaltyConfig", "tiers"],
    staleTime: 60_000,
    queryFn: async () => (await request(TIERS)).loyaltyConfig.ladder.tiers,
  });
  return (
    <SelectArrayInput
      source="tierIds"
      choices={data ?? []}
      translateChoice={false}
      isPending={!data}
      helperText={`${H}.tierIds`}
      sx={{ minWidth: 260 }}
    />
  );
}

function ValidityInputs() {
  const type = useWatch({ name: "validityType" });
  return (
    <>
      <RadioButtonGroupInput source="validityType" choices={validityChoices} helperText={false} />
      {type === "fixed" ? (
        <>
          <DateInput source="validFromDate" helperText={`${H}.validFromDate`} fullWidth={false} sx={{ width: 260 }} />
          <DateInput source="validUntilDate" helperText={`${H}.validUntilDate`} fullWidth={false} sx={{ width: 260 }} />
        </>
      ) : (
        <NumberInput source="validDays" step={1} fullWidth={false} sx={{ width: 260 }} helperText={`${H}.validDays`} />
      )}
    </>
  );
}

function StockInputs() {
  const translate = useTranslate();
  const [unlimited, issued] = useWatch({ name: ["unlimitedStock", "issued"] });
  return (
    <>
      <BooleanInput source="unlimitedStock" helperText={false} sx={{ alignSelf: "center" }} />
      {!unlimited && (
        <NumberInput
          source="totalStock"
          step={1}
          fullWidth={false}
          sx={{ width: 260 }}
          helperText={issued ? translate(`${H}.totalStock_issued`, { issued }) : `${H}.totalStock`}
        />
      )}
      <NumberInput
        source="perMemberLimit"
        step={1}
        fullWidth={false}
        sx={{ width: 260 }}
        helperText={`${H}.perMemberLimit`}
      />
    </>
  );
}

export function CouponTemplateForm({
  record,
  onSubmit,
}: {
  record: TemplateFormValues;
  onSubmit?: (values: Record<string, unknown>) => Promise<Record<string, string> | undefined>;
}) {
  return (
    <SimpleForm
      record={record}
      toolbar={<SaveOnlyToolbar />}
      onSubmit={onSubmit}
      validate={(values) => validateTemplate(values as TemplateFormValues) as Record<string, unknown>}
      sx={{ maxWidth: 1000 }}
    >
      <TextInput source="name" sx={{ minWidth: 320 }} />
      <TextInput source="description" multiline fullWidth />
      <Group title={`${T}.sections.value`}>
        <RadioButtonGroupInput source="kind" choices={kindChoices} helperText={false} sx={{ width: "100%" }} />
        <KindInputs />
      </Group>
      <Group title={`${T}.sections.where`}>
        <ReferenceArrayInput source="storeIds" reference="stores" perPage={100}>
          <SelectArrayInput
            optionText="name"
            label={`${T}.fields.storeIds`}
            helperText={`${H}.storeIds`}
            sx={{ minWidth: 260 }}
          />
        </ReferenceArrayInput>
        <TierInput />
        <TextArrayInput source="categories" helperText={`${H}.categories`} sx={{ minWidth: 320 }} />
      </Group>
      <Group title={`${T}.sections.stacking`}>
        <RadioButtonGroupInput source="stacking" choices={stackingChoices} helperText={`${H}.stacking`} />
        <NumberInput source="priority" step={1} fullWidth={false} sx={{ width: 260 }} helperText={`${H}.priority`} />
      </Group>
      <Group title={`${T}.sections.validity`}>
        <ValidityInputs />
      </Group>
      <Group title={`${T}.sections.stock`}>
        <StockInputs />
      </Group>
      <RadioButtonGroupInput source="status" choices={statusChoices} helperText={`${H}.status`} />
    </SimpleForm>
  );
}

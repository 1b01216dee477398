/** The coupon template's create and edit pages, and how an edit saves only what changed. */
import { LinearProgress } from "@mui/material";
import { useQueryClient } from "@tanstack/react-query";
import { Create, Edit, useNotify, useRecordContext, useRedirect } from "react-admin";
import { refusal } from "../dataProvider/errors";
import type { Document } from "../dataProvider/document";
import { useRequest } from "../dataProvider/useRequest";
import type { UpdateCouponTemplateMutation, UpdateCouponTemplateMutationVariables } from "../generated/graphql";
import { useMerchant } from "../merchant/useMerchant";
import {
  NEW_TEMPLATE,
  templateChanges,
  templateFormValues,
  templateInput,
  type CouponTemplateRecord,
  type TemplateFormValues,
} from "./fields";
import { CouponTemplateForm } from "./CouponTemplateForm";

const UPDATE_TEMPLATE: Document<UpdateCouponTemplateMutation, UpdateCouponTemplateMutationVariables> = /* GraphQL */ `
  mutation updateCouponTemplate($id: ID!, $input: CouponTemplateInput!) {
    updateCouponTemplate(id: $id, input: $input) {
      id
    }
  }
`;

/** The form's field for an API field (validity dates are edited as days). */
const formField = (field: string) =>
  ({ validFrom: "validFromDate", validUntil: "validUntilDate", unlimitedStock: "totalStock" })[field] ?? field;

export function CouponTemplateCreate() {
  const merchant = useMerchant();
  const queryClient = useQueryClient();
  if (merchant.isPending) return <LinearProgress />;
  return (
    <Create
      redirect="list"
      transform={(values: TemplateFormValues) => templateInput(values, merchant.data?.timeZone)}
      // onSettled, not onSuccess: react-admin keeps its own notification and redirect.
      mutationOptions={{ onSettled: () => void queryClient.invalidateQueries({ queryKey: ["couponTemplates"] }) }}
    >
      <CouponTemplateForm record={NEW_TEMPLATE} />
    </Create>
  );
}

function CouponTemplateEditForm() {
  const record = useRecordContext<CouponTemplateRecord>();
  const merchant = useMerchant();
  const request = useRequest();
  const notify = useNotify();
  const redirect = useRedirect();
  const queryClient = useQueryClient();
  if (!record || merchant.isPending) return <LinearProgress />;
  const timeZone = merchant.data?.timeZone;

  const save = async (values: Record<string, unknown>) => {
    const input = templateChanges(values as TemplateFormValues, record, timeZone);
    try {
      if (Object.keys(input).length > 0) {
        await request(UPDATE_TEMPLATE, { id: record.id, input });
        await queryClient.invalidateQueries({ queryKey: ["couponTemplates"] });
        notify("resources.couponTemplates.saved", { type: "success" });
      }
      redirect("list", "couponTemplates");
      return undefined;
    } catch (error) {
      return refusal(error, notify, formField);
    }
  };

  return <CouponTemplateForm record={templateFormValues(record, timeZone)} onSubmit={save} />;
}

export function CouponTemplateEdit() {
  return (
    <Edit mutationMode="pessimistic">
      <CouponTemplateEditForm />
    </Edit>
  );
}

/** The campaign's create and edit pages: saved with saveCampaign, whole; a saved campaign opens its page. */
import { LinearProgress } from "@mui/material";
import { useQueryClient } from "@tanstack/react-query";
import { Create, Edit, useNotify, useRecordContext, useRedirect } from "react-admin";
import type { Document } from "../dataProvider/document";
import { refusal } from "../dataProvider/errors";
import { useRequest } from "../dataProvider/useRequest";
import type { SaveCampaignMutation, SaveCampaignMutationVariables } from "../generated/graphql";
import { useMerchant } from "../merchant/useMerchant";
import { campaignFormValues, campaignInput, newCampaign, type CampaignFormValues, type CampaignRecord } from "./fields";
import { CampaignForm } from "./CampaignForm";

const SAVE_CAMPAIGN: Document<SaveCampaignMutation, SaveCampaignMutationVariables> = /* GraphQL */ `
  mutation saveCampaign($id: ID, $input: CampaignInput!) {
    saveCampaign(id: $id, input: $input) {
      id
    }
  }
`;

/** Save a new (no id) or stored campaign and open its page; refused input comes back as the form's errors. */
function useSaveCampaign(id?: string) {
  const request = useRequest();
  const notify = useNotify();
  const redirect = useRedirect();
  const queryClient = useQueryClient();
  return async (values: Record<string, unknown>) => {
    try {
      const { saveCampaign } = await request(SAVE_CAMPAIGN, {
        id,
        input: campaignInput(values as CampaignFormValues),
      });
      await queryClient.invalidateQueries({ queryKey: ["campaigns"] });
      notify("resources.campaigns.saved", { type: "success" });
      redirect("show", "campaigns", saveCampaign.id);
      return undefined;
    } catch (error) {
      return refusal(error, notify);
    }
  };
}

export function CampaignCreate() {
  const merchant = useMerchant();
  const save = useSaveCampaign();
  if (merchant.isPending) return <LinearProgress />;
  return (
    <Create>
      <CampaignForm record={newCampaign(merchant.data?.timeZone)} onSubmit={save} />
    </Create>
  );
}

function CampaignEditForm() {
  const record = useRecordContext<CampaignRecord>();
  const save = useSaveCampaign(record?.id);
  if (!record) return <LinearProgress />;
  return <CampaignForm record={campaignFormValues(record)} onSubmit={save} />;
}

export function CampaignEdit() {
  return (
    <Edit mutationMode="pessimistic">
      <CampaignEditForm />
    </Edit>
  );
}

/** The reward's create and edit pages, and how an edit saves only what changed. */
import { useQueryClient } from "@tanstack/react-query";
import { Create, Edit, useNotify, useRecordContext, useRedirect } from "react-admin";
import { refusal } from "../dataProvider/errors";
import type { Document } from "../dataProvider/document";
import { useRequest } from "../dataProvider/useRequest";
import type { UpdateRewardMutation, UpdateRewardMutationVariables } from "../generated/graphql";
import { rewardChanges, rewardInput, type RewardFormValues, type RewardRecord } from "./fields";
import { RewardForm } from "./RewardForm";

const UPDATE_REWARD: Document<UpdateRewardMutation, UpdateRewardMutationVariables> = /* GraphQL */ `
  mutation updateReward($id: ID!, $input: RewardInput!) {
    updateReward(id: $id, input: $input) {
      id
    }
  }
`;

export function RewardCreate() {
  return (
    <Create redirect="list" transform={(values: RewardFormValues) => rewardInput(values)}>
      <RewardForm />
    </Create>
  );
}

function RewardEditForm() {
  const record = useRecordContext<RewardRecord>();
  const request = useRequest();
  const notify = useNotify();
  const redirect = useRedirect();
  const queryClient = useQueryClient();

  const save = async (values: Record<string, unknown>) => {
    if (!record) return undefined;
    const input = rewardChanges(values as RewardFormValues, record);
    try {
      if (Object.keys(input).length > 0) {
        await request(UPDATE_REWARD, { id: record.id, input });
        await queryClient.invalidateQueries({ queryKey: ["rewards"] });
        notify("resources.rewards.saved", { type: "success" });
      }
      redirect("list", "rewards");
      return undefined;
    } catch (error) {
      return refusal(error, notify);
    }
  };

  return <RewardForm onSubmit={save} />;
}

export function RewardEdit() {
  return (
    <Edit mutationMode="pessimistic">
      <RewardEditForm />
    </Edit>
  );
}

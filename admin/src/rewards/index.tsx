/**
 * The points mall (积分商城) catalogue. Owners add and change rewards;
 * managers see the list. An edit sends only what changed, with explicit
 * nulls, which the generic data provider cannot say.
 */
import RedeemIcon from "@mui/icons-material/Redeem";
import { useQueryClient } from "@tanstack/react-query";
import { Create, Edit, useNotify, useRecordContext, useRedirect } from "react-admin";
import { refusal } from "../dataProvider/errors";
import type { Document } from "../dataProvider/document";
import { useRequest } from "../dataProvider/useRequest";
import type { UpdateRewardMutation, UpdateRewardMutationVariables } from "../generated/graphql";

const UPDATE_REWARD: Document<UpdateRewardMutation, UpdateRewardMutationVariables> = /* GraphQL */ `
  mutation updateReward($id: ID!, $input: RewardInput!) {
    updateReward(id: $id, input: $input) {
      id
    }
  }
`;
import { rewardChanges, rewardInput, type RewardFormValues, type RewardRecord } from "./fields";
import { lazyNamed } from "../common/lazyNamed";

// Loaded when first opened (the console's first load stays small).
const RewardForm = lazyNamed(() => import("./RewardForm"), "RewardForm");
const RewardList = lazyNamed(() => import("./RewardList"), "RewardList");

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

export default {
  list: RewardList,
  create: RewardCreate,
  edit: RewardEdit,
  icon: RedeemIcon,
  recordRepresentation: "name",
};

/**
 * The points mall (积分商城) catalogue. Owners add and change rewards;
 * managers see the list. An edit sends only what changed, with explicit
 * nulls, which the generic data provider cannot say.
 */
import RedeemIcon from "@mui/icons-material/Redeem";
import { lazyNamed } from "../common/lazyNamed";

// Loaded when first opened (the console's first load stays small).
const RewardCreate = lazyNamed(() => import("./RewardPages"), "RewardCreate");
const RewardEdit = lazyNamed(() => import("./RewardPages"), "RewardEdit");
const RewardList = lazyNamed(() => import("./RewardList"), "RewardList");

export default {
  list: RewardList,
  create: RewardCreate,
  edit: RewardEdit,
  icon: RedeemIcon,
  recordRepresentation: "name",
};

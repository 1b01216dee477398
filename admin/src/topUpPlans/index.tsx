/**
 * Top-up plans (充值方案, e.g. 充300送60): what the member pays, the bonus
 * added, where the balance may be spent, and whether the plan is offered.
 * Owners manage them; the member page's top-up offers the active ones.
 */
import AccountBalanceWalletIcon from "@mui/icons-material/AccountBalanceWallet";
import { lazyNamed } from "../common/lazyNamed";

// Loaded when first opened (the console's first load stays small).
const TopUpPlanCreate = lazyNamed(() => import("./TopUpPlanForms"), "TopUpPlanCreate");
const TopUpPlanEdit = lazyNamed(() => import("./TopUpPlanForms"), "TopUpPlanEdit");
const TopUpPlanList = lazyNamed(() => import("./TopUpPlanList"), "TopUpPlanList");

export default {
  list: TopUpPlanList,
  create: TopUpPlanCreate,
  edit: TopUpPlanEdit,
  icon: AccountBalanceWalletIcon,
  recordRepresentation: "name",
};

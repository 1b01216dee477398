/**
 * Campaigns (营销活动). Owners create and change them; owners and managers
 * read them and their results. Saved with saveCampaign, whole, so what an
 * edit clears (the SMS, the coupon, the multiplier, the end date) goes as null.
 */
import CampaignIcon from "@mui/icons-material/Campaign";
import { lazyNamed } from "../common/lazyNamed";

// Loaded when first opened (the console's first load stays small).
const CampaignCreate = lazyNamed(() => import("./CampaignPages"), "CampaignCreate");
const CampaignEdit = lazyNamed(() => import("./CampaignPages"), "CampaignEdit");
const CampaignList = lazyNamed(() => import("./CampaignList"), "CampaignList");
const CampaignShow = lazyNamed(() => import("./CampaignShow"), "CampaignShow");

export default {
  list: CampaignList,
  show: CampaignShow,
  create: CampaignCreate,
  edit: CampaignEdit,
  icon: CampaignIcon,
  recordRepresentation: "name",
};

/**
 * Coupon templates (券模板). Owners create and change them; owners and
 * managers see the list and issue coupons from it. An edit sends only what
 * changed, with explicit nulls, which the generic data provider cannot say.
 */
import LocalOfferIcon from "@mui/icons-material/LocalOffer";
import { lazyNamed } from "../common/lazyNamed";

// Loaded when first opened (the console's first load stays small).
const CouponTemplateCreate = lazyNamed(() => import("./CouponTemplatePages"), "CouponTemplateCreate");
const CouponTemplateEdit = lazyNamed(() => import("./CouponTemplatePages"), "CouponTemplateEdit");
const CouponTemplateList = lazyNamed(() => import("./CouponTemplateList"), "CouponTemplateList");

export default {
  list: CouponTemplateList,
  create: CouponTemplateCreate,
  edit: CouponTemplateEdit,
  icon: LocalOfferIcon,
  recordRepresentation: "name",
};

/**
 * Saved segments (人群). Owners and managers build and rename them; a
 * manager's live size counts only their stores' members. Saved with
 * saveSegment, the filter whole (it replaces the stored one).
 */
import Diversity3Icon from "@mui/icons-material/Diversity3";
import { lazyNamed } from "../common/lazyNamed";

// Loaded when first opened (the console's first load stays small).
const SegmentCreate = lazyNamed(() => import("./SegmentPages"), "SegmentCreate");
const SegmentEdit = lazyNamed(() => import("./SegmentPages"), "SegmentEdit");
const SegmentList = lazyNamed(() => import("./SegmentList"), "SegmentList");

export default {
  list: SegmentList,
  create: SegmentCreate,
  edit: SegmentEdit,
  icon: Diversity3Icon,
  recordRepresentation: "name",
};

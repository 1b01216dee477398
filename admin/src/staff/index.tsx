import BadgeIcon from "@mui/icons-material/Badge";
import { lazyNamed } from "../common/lazyNamed";

// Loaded when first opened (the console's first load stays small).
const StaffCreate = lazyNamed(() => import("./StaffForms"), "StaffCreate");
const StaffEdit = lazyNamed(() => import("./StaffForms"), "StaffEdit");
const StaffList = lazyNamed(() => import("./StaffList"), "StaffList");

export default {
  list: StaffList,
  create: StaffCreate,
  edit: StaffEdit,
  icon: BadgeIcon,
  recordRepresentation: "name",
};

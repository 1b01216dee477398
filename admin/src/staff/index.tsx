import BadgeIcon from "@mui/icons-material/Badge";
import { StaffCreate, StaffEdit } from "./StaffForms";
import { StaffList } from "./StaffList";

export default {
  list: StaffList,
  create: StaffCreate,
  edit: StaffEdit,
  icon: BadgeIcon,
  recordRepresentation: "name",
};

import PeopleIcon from "@mui/icons-material/People";
import { MemberCreate } from "./MemberCreate";
import { MemberEdit } from "./MemberEdit";
import { MemberList } from "./MemberList";
import { MemberShow } from "./MemberShow";

export default {
  list: MemberList,
  show: MemberShow,
  create: MemberCreate,
  edit: MemberEdit,
  icon: PeopleIcon,
  recordRepresentation: "name",
};

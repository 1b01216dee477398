import PeopleIcon from "@mui/icons-material/People";
import { MemberCreate } from "./MemberCreate";
import { MemberList } from "./MemberList";
import { MemberShow } from "./MemberShow";

export default {
  list: MemberList,
  show: MemberShow,
  create: MemberCreate,
  icon: PeopleIcon,
  recordRepresentation: "name",
};

import PeopleIcon from "@mui/icons-material/People";
import { lazyNamed } from "../common/lazyNamed";
import { MemberList } from "./MemberList";

// The list is the landing page; the member page and the forms load when first opened.
const MemberCreate = lazyNamed(() => import("./MemberCreate"), "MemberCreate");
const MemberEdit = lazyNamed(() => import("./MemberEdit"), "MemberEdit");
const MemberShow = lazyNamed(() => import("./MemberShow"), "MemberShow");

export default {
  list: MemberList,
  show: MemberShow,
  create: MemberCreate,
  edit: MemberEdit,
  icon: PeopleIcon,
  recordRepresentation: "name",
};

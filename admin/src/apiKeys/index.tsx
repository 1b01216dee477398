import KeyIcon from "@mui/icons-material/VpnKey";
import { ApiKeyCreate } from "./ApiKeyCreate";
import { ApiKeyList } from "./ApiKeyList";

export default {
  list: ApiKeyList,
  create: ApiKeyCreate,
  icon: KeyIcon,
  recordRepresentation: "name",
};

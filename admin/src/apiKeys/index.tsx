import KeyIcon from "@mui/icons-material/VpnKey";
import { lazyNamed } from "../common/lazyNamed";

// Loaded when first opened (the console's first load stays small).
const ApiKeyCreate = lazyNamed(() => import("./ApiKeyCreate"), "ApiKeyCreate");
const ApiKeyList = lazyNamed(() => import("./ApiKeyList"), "ApiKeyList");

export default {
  list: ApiKeyList,
  create: ApiKeyCreate,
  icon: KeyIcon,
  recordRepresentation: "name",
};

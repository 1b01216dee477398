import StorefrontIcon from "@mui/icons-material/Storefront";
import { Create, Edit } from "react-admin";
import { lazyNamed } from "../common/lazyNamed";

// Loaded when first opened (the console's first load stays small).
const StoreForm = lazyNamed(() => import("./StoreForm"), "StoreForm");
const StoreList = lazyNamed(() => import("./StoreList"), "StoreList");

export function StoreCreate() {
  return (
    <Create redirect="list">
      <StoreForm />
    </Create>
  );
}

export function StoreEdit() {
  return (
    <Edit mutationMode="pessimistic" redirect="list">
      <StoreForm withStatus />
    </Edit>
  );
}

export default {
  list: StoreList,
  create: StoreCreate,
  edit: StoreEdit,
  icon: StorefrontIcon,
  recordRepresentation: "name",
};

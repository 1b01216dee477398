import StorefrontIcon from "@mui/icons-material/Storefront";
import { Create, Edit } from "react-admin";
import { StoreForm } from "./StoreForm";
import { StoreList } from "./StoreList";

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

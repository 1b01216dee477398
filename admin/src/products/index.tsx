/**
 * Products (商品): the short list the owner keeps so a till picks what was
 * sold. Owners and managers add and change products; the SKU never changes.
 */
import Inventory2Icon from "@mui/icons-material/Inventory2";
import { lazyNamed } from "../common/lazyNamed";

// Loaded when first opened (the console's first load stays small).
const ProductCreate = lazyNamed(() => import("./ProductForms"), "ProductCreate");
const ProductEdit = lazyNamed(() => import("./ProductForms"), "ProductEdit");
const ProductList = lazyNamed(() => import("./ProductList"), "ProductList");

export default {
  list: ProductList,
  create: ProductCreate,
  edit: ProductEdit,
  icon: Inventory2Icon,
  recordRepresentation: "name",
};

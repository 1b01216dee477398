/** The product forms: add a product (its SKU then stays), change its name, category, price or status. */
import { Create, Edit, RadioButtonGroupInput, SimpleForm, TextInput } from "react-admin";
import { choicesFor } from "../common/choices";
import { fenIn } from "../common/fen";
import { SaveOnlyToolbar } from "../common/SaveOnlyToolbar";
import { YuanInput } from "../common/YuanInput";
import { textIn } from "../loyalty/validation";
import type { ProductRecord } from "./ProductList";

const P = "resources.products";
const statusChoices = choicesFor(`${P}.status`, ["active", "paused"] as const);
const SKU = /^[A-Za-z0-9._:/@+=-]{1,64}$/;

/** The API's checks (functions/core/products.ts parseProduct). */
function validateProduct(values: Partial<ProductRecord>) {
  const errors: Record<string, unknown> = {};
  const put = (field: string, message: unknown) => message && (errors[field] = message);
  if (!values.id) put("sku", SKU.test(values.sku?.trim() ?? "") ? undefined : `${P}.validation.sku`);
  put("name", textIn(values.name, 40));
  put("category", values.category ? textIn(values.category, 32) : undefined);
  put("price", fenIn(values.price, 0));
  return errors;
}

const productInput = (values: Partial<ProductRecord>) => ({
  sku: values.id ? undefined : values.sku?.trim(),
  name: values.name?.trim(),
  category: values.category?.trim() ?? "",
  price: values.price,
  status: values.status,
});

function ProductForm({ creating }: { creating?: boolean }) {
  return (
    <SimpleForm toolbar={<SaveOnlyToolbar />} validate={validateProduct} defaultValues={{ status: "active" }}>
      <TextInput source="sku" helperText={`${P}.hints.sku`} disabled={!creating} />
      <TextInput source="name" helperText={`${P}.hints.name`} sx={{ minWidth: 320 }} />
      <TextInput source="category" helperText={`${P}.hints.category`} />
      <YuanInput source="price" helperText={`${P}.hints.price`} />
      <RadioButtonGroupInput source="status" choices={statusChoices} helperText={`${P}.hints.status`} />
    </SimpleForm>
  );
}

export function ProductCreate() {
  return (
    <Create redirect="list" transform={productInput}>
      <ProductForm creating />
    </Create>
  );
}

export function ProductEdit() {
  return (
    <Edit mutationMode="pessimistic" redirect="list" transform={productInput}>
      <ProductForm />
    </Edit>
  );
}

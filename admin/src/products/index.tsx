/**
 * Products (商品): the short list the owner keeps so a till picks what was
 * sold. Owners and managers add and change products; the SKU never changes.
 */
import Inventory2Icon from "@mui/icons-material/Inventory2";
import { Create, DataTable, Edit, List, RadioButtonGroupInput, SimpleForm, TextInput } from "react-admin";
import { choicesFor } from "../common/choices";
import { fenIn } from "../common/fen";
import { SaveOnlyToolbar } from "../common/SaveOnlyToolbar";
import { CreateOnlyActions, StatusChip } from "../common/StatusChip";
import { YuanInput } from "../common/YuanInput";
import { textIn } from "../loyalty/validation";
import { formatFen } from "../members/loyalty/money";
import { useCategoryLabel } from "../members/loyalty/tillProducts";

const P = "resources.products";
const statusChoices = choicesFor(`${P}.status`, ["active", "paused"] as const);
const SKU = /^[A-Za-z0-9._:/@+=-]{1,64}$/;

export interface ProductRecord {
  id: string;
  sku: string;
  name: string;
  category?: string | null;
  price: number;
  status: "active" | "paused";
}

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

export function ProductList() {
  const category = useCategoryLabel();
  return (
    <List exporter={false} perPage={25} actions={<CreateOnlyActions />}>
      <DataTable<ProductRecord> rowClick="edit" bulkActionButtons={false}>
        <DataTable.Col source="sku" disableSort />
        <DataTable.Col source="name" disableSort />
        <DataTable.Col
          source="category"
          disableSort
          render={(record) => <span title={record.category ?? ""}>{category(record.category)}</span>}
        />
        <DataTable.Col source="price" disableSort render={(record) => formatFen(record.price)} />
        <DataTable.Col
          source="status"
          disableSort
          render={(record) => <StatusChip labels={`${P}.status`} status={record.status} />}
        />
      </DataTable>
    </List>
  );
}

export default {
  list: ProductList,
  create: ProductCreate,
  edit: ProductEdit,
  icon: Inventory2Icon,
  recordRepresentation: "name",
};

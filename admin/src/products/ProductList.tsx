/** The products, as a till picks them: SKU, name, category, price, and whether the product is offered. */
import { DataTable, List } from "react-admin";
import { CreateOnlyActions, StatusChip } from "../common/StatusChip";
import { formatFen } from "../members/loyalty/money";
import { useCategoryLabel } from "../members/loyalty/tillProducts";

const P = "resources.products";

export interface ProductRecord {
  id: string;
  sku: string;
  name: string;
  category?: string | null;
  price: number;
  status: "active" | "paused";
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

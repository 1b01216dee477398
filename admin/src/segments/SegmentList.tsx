/** Saved segments: name, what they select, when they last changed; a row opens the builder. */
import { DataTable, List, useResourceDefinition } from "react-admin";
import { DateTimeField } from "../merchant/DateTimeField";
import type { SegmentRecord } from "./fields";
import { FilterSummary } from "./FilterSummary";

export function SegmentList() {
  const { hasEdit } = useResourceDefinition();
  return (
    <List exporter={false} perPage={25}>
      <DataTable<SegmentRecord> rowClick={hasEdit ? "edit" : false} bulkActionButtons={false}>
        <DataTable.Col source="name" disableSort />
        <DataTable.Col source="description" disableSort />
        <DataTable.Col
          source="filter"
          disableSort
          render={(record) => <FilterSummary filter={(record as SegmentRecord).filter} />}
        />
        <DataTable.Col source="updatedAt" disableSort>
          <DateTimeField source="updatedAt" />
        </DataTable.Col>
      </DataTable>
    </List>
  );
}

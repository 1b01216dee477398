/**
 * One section of a settings page: its own form over the section's values,
 * saved on its own; read-only (no save button) for managers.
 */
import { Box } from "@mui/material";
import type { ReactNode } from "react";
import { Form, SaveButton, Toolbar } from "react-admin";
import type { FieldValues } from "react-hook-form";

export interface SectionFormProps {
  record: Record<string, unknown>;
  onSubmit: (values: FieldValues) => Promise<Record<string, string> | undefined>;
  readOnly: boolean;
  testId: string;
  children: ReactNode;
}

export function SectionForm({ record, onSubmit, readOnly, testId, children }: SectionFormProps) {
  return (
    <Form record={record} onSubmit={onSubmit}>
      <Box data-testid={testId} sx={{ maxWidth: 960 }}>
        {children}
      </Box>
      {!readOnly && (
        <Toolbar>
          <SaveButton />
        </Toolbar>
      )}
    </Form>
  );
}

/** Inputs side by side on a wide screen. */
export const row = { display: "flex", flexWrap: "wrap", columnGap: 2, alignItems: "flex-start" } as const;
/** An input of a row. */
export const narrow = { fullWidth: false, sx: { width: 260 } } as const;

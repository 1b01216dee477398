/**
 * The lines of a purchase as the till types them (prices in yuan), checked
 * before anything is sent, and the basket they become (prices in fen).
 */
import AddIcon from "@mui/icons-material/Add";
import DeleteIcon from "@mui/icons-material/Delete";
import { Box, Button as MuiButton, IconButton, Stack, TextField, Typography } from "@mui/material";
import type { Dispatch, SetStateAction } from "react";
import { useTranslate } from "react-admin";
import { newKey } from "../../common/newKey";
import type { BasketLine } from "../wallet/checkout";
import { formatFen, parseYuan } from "./money";
import { useCategoryLabel, useTillProducts } from "./tillProducts";

const P = "resources.members.loyalty.purchase";

export interface LineDraft {
  /** The amount-only mode's one line: the API keeps it out of recommendations. */
  kind?: "amount";
  key: string;
  sku: string;
  name: string;
  category: string;
  qty: string;
  price: string;
}

export type LineErrors = Partial<Record<"sku" | "name" | "qty" | "price", string>>;

/** A problem's text once a submit was attempted (a translation key in, its text out). */
export type ShowProblem = (key: string | undefined) => string | undefined;

export const emptyLine = (): LineDraft => ({ key: newKey(), sku: "", name: "", category: "", qty: "1", price: "" });

const parseQty = (text: string) =>
  /^\s*\d{1,5}\s*$/.test(text) && Number(text) >= 1 && Number(text) <= 10_000 ? Number(text) : undefined;

/** Each line's problems (translation keys), before anything is sent. */
export function lineErrors(lines: LineDraft[]): LineErrors[] {
  const prefix = "resources.members.loyalty.purchase.errors";
  const seen = new Map<string, number>();
  lines.forEach((line, index) => {
    const sku = line.sku.trim();
    if (sku && !seen.has(sku)) seen.set(sku, index);
  });
  return lines.map((line, index) => {
    const errors: LineErrors = {};
    const sku = line.sku.trim();
    if (!sku) errors.sku = `${prefix}.sku`;
    else if (seen.get(sku) !== index) errors.sku = `${prefix}.sku_twice`;
    if (!line.name.trim()) errors.name = `${prefix}.name`;
    if (parseQty(line.qty) === undefined) errors.qty = `${prefix}.qty`;
    if (parseYuan(line.price) === undefined) errors.price = `${prefix}.price`;
    return errors;
  });
}

/** The lines' total in fen; a line not yet readable counts as nothing. */
export const linesTotal = (lines: LineDraft[]) =>
  lines.reduce((sum, line) => sum + (parseQty(line.qty) ?? 0) * (parseYuan(line.price) ?? 0), 0);

/** The lines as the API takes them; only for lines without errors. */
export const basketOf = (lines: LineDraft[]): BasketLine[] =>
  lines.map((line) => ({
    ...(line.kind ? { kind: line.kind } : {}),
    sku: line.sku.trim(),
    name: line.name.trim(),
    category: line.category.trim() || undefined,
    qty: parseQty(line.qty)!,
    unitPrice: parseYuan(line.price)!,
  }));

/** The purchase's lines, a button to add one, and the running total. */
export function PurchaseLines({
  lines,
  setLines,
  errors,
  total,
  show,
}: {
  lines: LineDraft[];
  setLines: Dispatch<SetStateAction<LineDraft[]>>;
  errors: LineErrors[];
  total: number;
  show: ShowProblem;
}) {
  const translate = useTranslate();
  const t = (name: string, options?: Record<string, unknown>) => translate(`${P}.${name}`, options);
  const change = (index: number, field: keyof LineDraft, value: string) =>
    setLines((current) => current.map((line, i) => (i === index ? { ...line, [field]: value } : line)));
  return (
    <>
      <Typography variant="subtitle2" gutterBottom>
        {t("lines")}
      </Typography>
      <Stack spacing={1.5}>
        {lines.map((line, index) => (
          <PurchaseLine
            key={line.key}
            line={line}
            index={index}
            errors={errors[index]}
            show={show}
            onChange={(field, value) => change(index, field, value)}
            onRemove={
              lines.length === 1 ? undefined : () => setLines((current) => current.filter((_, i) => i !== index))
            }
          />
        ))}
      </Stack>
      <Stack direction="row" sx={{ mt: 1.5, alignItems: "center", justifyContent: "space-between" }}>
        <MuiButton
          startIcon={<AddIcon />}
          onClick={() => setLines((current) => [...current, emptyLine()])}
          disabled={lines.length >= 100}
          data-testid="purchase-add-line"
        >
          {t("add_line")}
        </MuiButton>
        <Typography variant="h6" data-testid="purchase-total">
          {t("total", { total: formatFen(total) })}
        </Typography>
      </Stack>
    </>
  );
}

/** One line's inputs (sku, name, category, quantity, unit price) and its remove button (none for the last line). */
function PurchaseLine({
  line,
  index,
  errors,
  show,
  onChange,
  onRemove,
}: {
  line: LineDraft;
  index: number;
  errors: LineErrors;
  show: ShowProblem;
  onChange: (field: keyof LineDraft, value: string) => void;
  onRemove: (() => void) | undefined;
}) {
  const translate = useTranslate();
  const t = (name: string) => translate(`${P}.${name}`);
  const checked = (name: "sku" | "name" | "qty" | "price", label: string, htmlInput: Record<string, unknown>) => (
    <LineField
      label={label}
      value={line[name]}
      problem={show(errors[name])}
      onChange={(value) => onChange(name, value)}
      htmlInput={htmlInput}
    />
  );
  return (
    <Box data-testid="purchase-line" sx={LINE_GRID}>
      {checked("sku", t("sku"), { "data-testid": `line-sku-${index}`, maxLength: 64 })}
      {checked("name", t("name"), { "data-testid": `line-name-${index}`, maxLength: 60 })}
      <CategoryField value={line.category} onChange={(value) => onChange("category", value)} index={index} />
      {checked("qty", t("qty"), { "data-testid": `line-qty-${index}`, inputMode: "numeric" })}
      {checked("price", t("unit_price"), { "data-testid": `line-price-${index}`, inputMode: "decimal" })}
      <IconButton aria-label={t("remove_line")} disabled={!onRemove} onClick={onRemove}>
        <DeleteIcon />
      </IconButton>
    </Box>
  );
}

/**
 * One row per line at the desk; on a phone each line is a small card of two
 * columns (code and name, category and quantity, price and remove) rather than
 * six squeezed fields.
 */
const LINE_GRID = {
  display: "grid",
  gridTemplateColumns: { xs: "1fr 1fr", sm: "1.2fr 1.6fr 1fr 0.7fr 1fr auto" },
  gap: 1,
  alignItems: "start",
  p: { xs: 1, sm: 0 },
  border: { xs: 1, sm: 0 },
  borderColor: { xs: "divider" },
  borderRadius: 1,
};

/**
 * A line's category, shown by its name where the translations have one (tea
 * as 茶饮); a name typed that belongs to one of the products' categories is
 * taken as that category's code, anything else as typed.
 */
function CategoryField({ value, onChange, index }: { value: string; onChange: (code: string) => void; index: number }) {
  const translate = useTranslate();
  const categoryLabel = useCategoryLabel();
  const { data: products } = useTillProducts();
  const codes = [...new Set((products ?? []).map((product) => product.category).filter(Boolean))] as string[];
  const codeOf = (text: string) => codes.find((code) => code !== text && categoryLabel(code) === text) ?? text;
  return (
    <TextField
      size="small"
      label={translate(`${P}.category`)}
      value={categoryLabel(value)}
      onChange={(event) => onChange(codeOf(event.target.value))}
      slotProps={{ htmlInput: { "data-testid": `line-category-${index}`, maxLength: 40 } }}
    />
  );
}

/** A checked input of a line: its problem, once shown, turns it red and is its helper text. */
function LineField({
  label,
  value,
  problem,
  onChange,
  htmlInput,
}: {
  label: string;
  value: string;
  problem: string | undefined;
  onChange: (value: string) => void;
  htmlInput: Record<string, unknown>;
}) {
  return (
    <TextField
      size="small"
      label={label}
      value={value}
      onChange={(event) => onChange(event.target.value)}
      error={Boolean(problem)}
      helperText={problem}
      slotProps={{ htmlInput }}
    />
  );
}

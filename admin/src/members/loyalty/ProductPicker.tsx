/**
 * The merchant's products to add to a purchase with one tap, by category:
 * the line comes with the product's SKU, name, category and price, and a
 * second tap on the same product adds one more.
 */
import AddIcon from "@mui/icons-material/Add";
import { Box, Chip, Stack, Typography } from "@mui/material";
import type { Dispatch, SetStateAction } from "react";
import { useTranslate } from "react-admin";
import { newKey } from "../../common/newKey";
import { formatFen } from "./money";
import { type LineDraft } from "./PurchaseLines";
import { useCategoryLabel, useTillProducts, type TillProduct } from "./tillProducts";

const P = "resources.members.loyalty.purchase";

const yuanText = (fen: number) => (fen % 100 === 0 ? String(fen / 100) : (fen / 100).toFixed(2));

/** The lines with the product added: one more of it if it is there, else a new line (in place of a blank first one). */
export function addProduct(lines: LineDraft[], product: TillProduct): LineDraft[] {
  const index = lines.findIndex((line) => line.sku.trim() === product.sku);
  if (index >= 0) {
    const qty = Number(lines[index].qty);
    return lines.map((line, i) => (i === index ? { ...line, qty: String(Number.isInteger(qty) ? qty + 1 : 1) } : line));
  }
  const added: LineDraft = {
    key: newKey(),
    sku: product.sku,
    name: product.name,
    category: product.category ?? "",
    qty: "1",
    price: yuanText(product.price),
  };
  const blank = (line: LineDraft) => !line.sku.trim() && !line.name.trim() && !line.price.trim();
  return lines.length === 1 && blank(lines[0]) ? [added] : [...lines, added];
}

/** The active products, grouped under their category's name; nothing while there are none. */
export function ProductPicker({ setLines }: { setLines: Dispatch<SetStateAction<LineDraft[]>> }) {
  const translate = useTranslate();
  const categoryLabel = useCategoryLabel();
  const { data: products } = useTillProducts();
  if (!products?.length) return null;
  const groups = new Map<string, TillProduct[]>();
  for (const product of products)
    groups.set(product.category ?? "", [...(groups.get(product.category ?? "") ?? []), product]);
  return (
    <Box data-testid="product-picker" sx={{ mb: 2 }}>
      <Typography variant="subtitle2" gutterBottom>
        {translate(`${P}.pick`)}
      </Typography>
      <Stack spacing={1}>
        {[...groups].map(([category, items]) => (
          <Box key={category}>
            <Typography variant="caption" color="text.secondary" component="div" data-testid="product-category">
              {category ? categoryLabel(category) : translate(`${P}.no_category`)}
            </Typography>
            <Box sx={{ display: "flex", flexWrap: "wrap", gap: 1 }}>
              {items.map((product) => (
                <Chip
                  key={product.sku}
                  icon={<AddIcon />}
                  label={`${product.name} ${formatFen(product.price)}`}
                  onClick={() => setLines((current) => addProduct(current, product))}
                  sx={{ maxWidth: "100%" }}
                  data-testid="product-pick"
                  data-sku={product.sku}
                />
              ))}
            </Box>
          </Box>
        ))}
      </Stack>
    </Box>
  );
}

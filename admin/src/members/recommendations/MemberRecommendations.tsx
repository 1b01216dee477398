/**
 * Recommendations (推荐商品) on the member page: what to offer the member, best
 * first — products they buy again and again, and what members who bought the
 * same products also bought — with why, and from which of their products.
 */
import {
  Alert,
  Box,
  Card,
  CardContent,
  Chip,
  LinearProgress,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  Typography,
} from "@mui/material";
import { useRecordContext, useTranslate } from "react-admin";
import { useFormatDateTime } from "../../merchant/DateTimeField";
import type { MemberRecord } from "../fields";
import { errorMessage } from "../loyalty/api";
import { useCategoryLabel, useProductName } from "../loyalty/tillProducts";
import { useMemberRecommendations, type Recommendation } from "./api";

const R = "resources.members.recommendations";

function Why({ item, productName }: { item: Recommendation; productName: (sku: string) => string }) {
  const translate = useTranslate();
  const format = useFormatDateTime();
  const detail =
    item.reason === "history"
      ? translate(`${R}.history_detail`, { count: item.count, at: item.lastBoughtAt ? format(item.lastBoughtAt) : "—" })
      : translate(`${R}.similar_detail`, {
          skus: item.fromSkus.map(productName).join(translate(`${R}.separator`)),
          count: item.count,
        });
  return (
    <>
      <Chip
        size="small"
        color={item.reason === "history" ? "primary" : "secondary"}
        variant="outlined"
        label={translate(`${R}.reason.${item.reason}`)}
        data-testid="recommendation-reason"
      />
      <Typography variant="caption" component="div" color="text.secondary">
        {detail}
      </Typography>
    </>
  );
}

function RecommendationTable({ items }: { items: Recommendation[] }) {
  const translate = useTranslate();
  const categoryLabel = useCategoryLabel();
  const productName = useProductName();
  return (
    <Table size="small" data-testid="recommendations-table">
      <TableHead>
        <TableRow>
          <TableCell>{translate(`${R}.fields.name`)}</TableCell>
          <TableCell>{translate(`${R}.fields.category`)}</TableCell>
          <TableCell>{translate(`${R}.fields.reason`)}</TableCell>
          <TableCell sx={{ width: 160 }}>{translate(`${R}.fields.score`)}</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {items.map((item) => (
          <TableRow key={item.sku} data-testid="recommendation-row">
            <TableCell title={item.sku}>
              <Typography variant="body2">{item.name ?? productName(item.sku)}</Typography>
            </TableCell>
            <TableCell>{categoryLabel(item.category) || "—"}</TableCell>
            <TableCell>
              <Why item={item} productName={productName} />
            </TableCell>
            <TableCell>
              <LinearProgress
                variant="determinate"
                value={Math.round(item.score * 100)}
                sx={{ height: 6, borderRadius: 3 }}
                aria-label={translate(`${R}.fields.score`)}
              />
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}

export function MemberRecommendations() {
  const translate = useTranslate();
  const record = useRecordContext<MemberRecord>();
  const recommendations = useMemberRecommendations(record?.id);
  if (!record) return null;
  return (
    <Card variant="outlined" data-testid="recommendations-section">
      <CardContent>
        <Typography variant="h6" gutterBottom>
          {translate(`${R}.title`)}
        </Typography>
        <Typography variant="body2" color="text.secondary" sx={{ mb: 1 }}>
          {translate(`${R}.hint`)}
        </Typography>
        {recommendations.isPending && (
          <Box data-testid="recommendations-loading">
            <LinearProgress aria-label={translate(`${R}.loading`)} />
          </Box>
        )}
        {recommendations.error && (
          <Alert severity="error" data-testid="recommendations-error">
            {translate(`${R}.error`, { message: errorMessage(recommendations.error) })}
          </Alert>
        )}
        {recommendations.data && recommendations.data.length === 0 && (
          <Typography variant="body2" data-testid="recommendations-empty">
            {translate(`${R}.empty`)}
          </Typography>
        )}
        {recommendations.data && recommendations.data.length > 0 && (
          <RecommendationTable items={recommendations.data} />
        )}
      </CardContent>
    </Card>
  );
}

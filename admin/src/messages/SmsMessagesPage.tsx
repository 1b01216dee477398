/**
 * 短信记录 (owners and managers): the SMS outbox newest first, a page at a
 * time ("load more"): when, to whom, why (birthday, wake-up, a campaign…),
 * its status and attempts, the error or skip reason, and the text as sent.
 * Locally nothing leaves the machine: this is the inbox of what would have
 * been sent.
 */
import RefreshIcon from "@mui/icons-material/Refresh";
import {
  Alert,
  Box,
  Button,
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
import { useInfiniteQuery } from "@tanstack/react-query";
import { Link, Title, useGetMany, useTranslate } from "react-admin";
import type { Document } from "../dataProvider/document";
import { useRequest } from "../dataProvider/useRequest";
import type { SmsMessagesQuery, SmsMessagesQueryVariables } from "../generated/graphql";
import { useFormatDateTime } from "../merchant/DateTimeField";
import { errorMessage } from "../members/loyalty/api";
import { LoadMore } from "../members/loyalty/LoadMore";
import { formatPhone } from "../common/phone";

const M = "resources.smsMessages";
const PAGE = 25;

const SMS_MESSAGES: Document<SmsMessagesQuery, SmsMessagesQueryVariables> = /* GraphQL */ `
  query smsMessages($first: Int, $after: String) {
    smsMessages(first: $first, after: $after) {
      nodes {
        id
        memberId
        phone
        text
        kind
        parts
        purpose
        status
        attempts
        sendAfter
        createdAt
        sentAt
        error
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`;

export type SmsMessage = SmsMessagesQuery["smsMessages"]["nodes"][number];

const STATUS_COLOR: Record<SmsMessage["status"], "default" | "info" | "success" | "error" | "warning"> = {
  queued: "default",
  sending: "info",
  sent: "success",
  failed: "error",
  skipped: "warning",
};

export function StatusChip({ status }: { status: SmsMessage["status"] }) {
  const translate = useTranslate();
  return (
    <Chip
      size="small"
      color={STATUS_COLOR[status] ?? "default"}
      label={translate(`${M}.status.${status}`, { _: status })}
      data-testid="sms-status"
    />
  );
}

/** birthday, wakeup:30, coupon-expiry, campaign:{id} → words; a campaign links to its page. */
function Purpose({ purpose, campaigns }: { purpose: string; campaigns: Map<string, string> }) {
  const translate = useTranslate();
  const [what, detail] = purpose.split(/:(.*)/s);
  if (what === "campaign" && detail) {
    return (
      <>
        {translate(`${M}.purpose.campaign`)}
        <br />
        <Link to={`/campaigns/${detail}/show`} data-testid="sms-campaign-link">
          {campaigns.get(detail) ?? detail}
        </Link>
      </>
    );
  }
  if (what === "wakeup" && detail) return <>{translate(`${M}.purpose.wakeup`, { days: detail })}</>;
  return <>{translate(`${M}.purpose.${what}`, { _: purpose })}</>;
}

/** The campaigns the messages were sent for, each once. */
const campaignIdsOf = (items: SmsMessage[]) => [
  ...new Set(
    items.flatMap((message) =>
      message.purpose.startsWith("campaign:") ? [message.purpose.slice("campaign:".length)] : [],
    ),
  ),
];

export function SmsMessagesPage() {
  const translate = useTranslate();
  const format = useFormatDateTime();
  const request = useRequest();
  const messages = useInfiniteQuery({
    queryKey: ["smsMessages"],
    initialPageParam: null as string | null,
    queryFn: async ({ pageParam }) => (await request(SMS_MESSAGES, { first: PAGE, after: pageParam })).smsMessages,
    getNextPageParam: (last) => (last.pageInfo.hasNextPage ? last.pageInfo.endCursor : undefined),
  });
  const items = messages.data?.pages.flatMap((page) => page.nodes) ?? [];
  const campaignIds = campaignIdsOf(items);
  const { data: campaigns = [] } = useGetMany<{ id: string; name: string }>(
    "campaigns",
    { ids: campaignIds },
    { enabled: campaignIds.length > 0 },
  );
  const campaignNames = new Map(campaigns.map((campaign) => [String(campaign.id), campaign.name]));

  return (
    <Card sx={{ mt: 2 }} data-testid="sms-messages-page">
      <Title title={`${M}.name`} />
      <CardContent>
        <Box sx={{ display: "flex", alignItems: "center", justifyContent: "space-between", gap: 2, mb: 1 }}>
          <Typography variant="body2" color="text.secondary">
            {translate(`${M}.about`)}
          </Typography>
          <Button
            size="small"
            startIcon={<RefreshIcon />}
            onClick={() => void messages.refetch()}
            disabled={messages.isFetching}
            data-testid="sms-refresh"
          >
            {translate("ra.action.refresh")}
          </Button>
        </Box>
        {messages.isPending && <LinearProgress data-testid="sms-loading" />}
        {messages.error && <Alert severity="error">{errorMessage(messages.error)}</Alert>}
        {messages.data && items.length === 0 && (
          <Typography variant="body2" data-testid="sms-none">
            {translate(`${M}.none`)}
          </Typography>
        )}
        {items.length > 0 && <SmsTable items={items} format={format} campaigns={campaignNames} />}
        <LoadMore query={messages} />
      </CardContent>
    </Card>
  );
}

type FormatDateTime = ReturnType<typeof useFormatDateTime>;

/** The messages, one row each. */
function SmsTable({
  items,
  format,
  campaigns,
}: {
  items: SmsMessage[];
  format: FormatDateTime;
  campaigns: Map<string, string>;
}) {
  const translate = useTranslate();
  const f = (name: string) => translate(`${M}.fields.${name}`);
  return (
    <Table size="small">
      <TableHead>
        <TableRow>
          <TableCell>{f("createdAt")}</TableCell>
          <TableCell>{f("phone")}</TableCell>
          <TableCell>{f("purpose")}</TableCell>
          <TableCell>{f("status")}</TableCell>
          <TableCell>{f("attempts")}</TableCell>
          <TableCell>{f("error")}</TableCell>
          <TableCell>{f("text")}</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {items.map((message) => (
          <SmsRow key={message.id} message={message} format={format} campaigns={campaigns} />
        ))}
      </TableBody>
    </Table>
  );
}

/** One message: when it was made (and sent, or is due), to whom, why, its status, attempts, error and text. */
function SmsRow({
  message,
  format,
  campaigns,
}: {
  message: SmsMessage;
  format: FormatDateTime;
  campaigns: Map<string, string>;
}) {
  const translate = useTranslate();
  return (
    <TableRow data-testid="sms-row">
      <TableCell sx={{ whiteSpace: "nowrap" }}>
        {format(message.createdAt)}
        {message.sentAt ? (
          <Typography variant="caption" color="text.secondary" sx={{ display: "block" }}>
            {translate(`${M}.sent_at`, { time: format(message.sentAt) })}
          </Typography>
        ) : (
          message.status === "queued" &&
          message.sendAfter > message.createdAt && (
            <Typography variant="caption" color="text.secondary" sx={{ display: "block" }}>
              {translate(`${M}.send_after`, { time: format(message.sendAfter) })}
            </Typography>
          )
        )}
      </TableCell>
      <TableCell sx={{ whiteSpace: "nowrap" }}>
        <Link to={`/members/${message.memberId}/show`} data-testid="sms-phone">
          {formatPhone(message.phone)}
        </Link>
      </TableCell>
      <TableCell data-testid="sms-purpose">
        <Purpose purpose={message.purpose} campaigns={campaigns} />
      </TableCell>
      <TableCell>
        <StatusChip status={message.status} />
      </TableCell>
      <TableCell>{message.attempts}</TableCell>
      <TableCell data-testid="sms-error">
        {message.error ? translate(`${M}.errors.${message.error}`, { _: message.error }) : ""}
      </TableCell>
      <TableCell sx={{ minWidth: 280 }}>
        <Typography variant="body2" data-testid="sms-text">
          {message.text}
        </Typography>
        <Typography variant="caption" color="text.secondary">
          {translate(`${M}.kind.${message.kind}`)} · {translate(`${M}.parts`, { count: message.parts })}
        </Typography>
      </TableCell>
    </TableRow>
  );
}

/**
 * 负债报表 (owners and managers): what is owed to members now, per store in
 * view and for the chain: points outstanding, stored value (principal and
 * bonus apart: the bonus was never paid for) and open coupons with their face
 * value. Owners can narrow it to one store; the CSV is the API's own.
 */
import DownloadIcon from "@mui/icons-material/Download";
import {
  Alert,
  Box,
  Button,
  Card,
  CardContent,
  LinearProgress,
  Table,
  TableBody,
  TableCell,
  TableFooter,
  TableHead,
  TableRow,
  Typography,
} from "@mui/material";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { Title, usePermissions, useTranslate } from "react-admin";
import type { Permissions } from "../auth/permissions";
import { downloadText } from "../common/download";
import { formatFen } from "../common/fen";
import { StorePicker } from "../dashboard/Controls";
import type { Document } from "../dataProvider/document";
import { useRequest } from "../dataProvider/useRequest";
import type { LiabilityReportQuery, LiabilityReportQueryVariables } from "../generated/graphql";
import { useFormatDateTime } from "../merchant/DateTimeField";
import { errorMessage } from "../members/loyalty/api";

const L = "resources.liabilityReport";

interface LiabilityFigures {
  points: number;
  storedValuePrincipal: number;
  storedValueBonus: number;
  couponsOpen: number;
  couponsOpenValue: number;
}

const LIABILITY_QUERY: Document<LiabilityReportQuery, LiabilityReportQueryVariables> = /* GraphQL */ `
  query liabilityReport($storeId: ID) {
    liabilityReport(storeId: $storeId) {
      asOf
      date
      timeZone
      stores {
        storeId
        storeName
        points
        storedValuePrincipal
        storedValueBonus
        couponsOpen
        couponsOpenValue
      }
      points
      storedValuePrincipal
      storedValueBonus
      couponsOpen
      couponsOpenValue
      csv
    }
  }
`;

/** The store without a name: members with no home store. */
const NO_STORE = "-";

function Figures({ row, testId }: { row: LiabilityFigures; testId?: string }) {
  const cell = (name: string) => (testId ? { "data-testid": `${testId}-${name}` } : {});
  return (
    <>
      <TableCell align="right" {...cell("points")}>
        {row.points.toLocaleString("en-US")}
      </TableCell>
      <TableCell align="right" {...cell("principal")}>
        {formatFen(row.storedValuePrincipal)}
      </TableCell>
      <TableCell align="right" {...cell("bonus")}>
        {formatFen(row.storedValueBonus)}
      </TableCell>
      <TableCell align="right" {...cell("stored-value")}>
        {formatFen(row.storedValuePrincipal + row.storedValueBonus)}
      </TableCell>
      <TableCell align="right" {...cell("coupons")}>
        {row.couponsOpen.toLocaleString("en-US")}
      </TableCell>
      <TableCell align="right" {...cell("coupons-value")}>
        {formatFen(row.couponsOpenValue)}
      </TableCell>
    </>
  );
}

export function LiabilityPage() {
  const translate = useTranslate();
  const request = useRequest();
  const formatDateTime = useFormatDateTime();
  const { permissions } = usePermissions<Permissions>();
  const [storeId, setStoreId] = useState("");
  const { data, error, isPending, isFetching } = useQuery({
    queryKey: ["liabilityReport", storeId],
    queryFn: async () => (await request(LIABILITY_QUERY, storeId ? { storeId } : {})).liabilityReport,
    placeholderData: keepPreviousData,
  });
  // Owners narrow to a store; a manager of several stores may too.
  const canPick = permissions?.role === "owner" || (permissions?.storeIds?.length ?? 0) > 1;
  return (
    <Card sx={{ mt: 2 }} data-testid="liability-page">
      <Title title={`${L}.name`} />
      <CardContent>
        <Typography variant="body2" color="text.secondary" sx={{ mb: 2 }}>
          {translate(`${L}.hint`)}
        </Typography>
        <Box sx={{ display: "flex", flexWrap: "wrap", gap: 2, alignItems: "center", mb: 2 }}>
          {canPick && (
            <StorePicker
              value={storeId}
              permissions={permissions}
              onChange={setStoreId}
              label={translate(`${L}.store`)}
              allLabel={translate(`${L}.all`)}
              testId="liability-store"
            />
          )}
          <Button
            variant="outlined"
            startIcon={<DownloadIcon />}
            disabled={!data || isFetching}
            onClick={() => data && downloadText(`liability-${storeId || "all"}-${data.date}.csv`, data.csv)}
            data-testid="liability-export"
          >
            {translate(`${L}.export`)}
          </Button>
          {data && (
            <Typography variant="caption" color="text.secondary" data-testid="liability-as-of">
              {translate(`${L}.as_of`, { time: formatDateTime(data.asOf), timeZone: data.timeZone })}
            </Typography>
          )}
        </Box>
        {(isPending || isFetching) && <LinearProgress />}
        {error && <Alert severity="error">{errorMessage(error)}</Alert>}
        {data && <LiabilityTable report={data} storeId={storeId} />}
      </CardContent>
    </Card>
  );
}

type LiabilityReport = LiabilityReportQuery["liabilityReport"];

/** One row per store in view, and the total (the chain's, or the store's when one is picked). */
function LiabilityTable({ report, storeId }: { report: LiabilityReport; storeId: string }) {
  const translate = useTranslate();
  const f = (name: string) => translate(`${L}.fields.${name}`);
  return (
    <Box sx={{ overflowX: "auto" }}>
      <Table size="small" aria-label={translate(`${L}.name`)}>
        <TableHead>
          <TableRow>
            <TableCell>{f("store")}</TableCell>
            <TableCell align="right">{f("points")}</TableCell>
            <TableCell align="right">{f("principal")}</TableCell>
            <TableCell align="right">{f("bonus")}</TableCell>
            <TableCell align="right">{f("storedValue")}</TableCell>
            <TableCell align="right">{f("couponsOpen")}</TableCell>
            <TableCell align="right">{f("couponsOpenValue")}</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {report.stores.map((row) => (
            <TableRow key={row.storeId} data-testid="liability-row" data-store-id={row.storeId}>
              <TableCell>{row.storeId === NO_STORE ? translate(`${L}.no_store`) : row.storeName}</TableCell>
              <Figures row={row} />
            </TableRow>
          ))}
        </TableBody>
        <TableFooter>
          <TableRow
            data-testid="liability-total"
            sx={{ "& td": { fontWeight: 600, color: "text.primary", fontSize: "0.875rem" } }}
          >
            <TableCell>{translate(storeId ? `${L}.total` : `${L}.all`)}</TableCell>
            <Figures row={report} testId="liability-total" />
          </TableRow>
        </TableFooter>
      </Table>
    </Box>
  );
}

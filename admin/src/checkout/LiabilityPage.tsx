/**
 * 储值负债 (owners and managers): what members can still spend from stored
 * value, per store in view and in total, principal and bonus apart (the
 * bonus was never paid for).
 */
import { Alert, Card, CardContent, LinearProgress, Table, TableBody, TableCell, TableFooter, TableHead, TableRow, Typography } from "@mui/material";
import { useQuery } from "@tanstack/react-query";
import { Title, useTranslate } from "react-admin";
import { useRequest } from "../dataProvider/useRequest";
import { errorMessage } from "../members/loyalty/api";
import { formatFen } from "../members/loyalty/money";

const L = "resources.liability";

interface Liability {
  stores: { store: { id: string; name: string; city: string }; principal: number; bonus: number }[];
  principal: number;
  bonus: number;
}

export function LiabilityPage() {
  const translate = useTranslate();
  const request = useRequest();
  const { data, error, isPending } = useQuery({
    queryKey: ["storedValueLiability"],
    queryFn: async () =>
      (await request<{ storedValueLiability: Liability }>("query storedValueLiability { storedValueLiability { stores { store { id name city } principal bonus } principal bonus } }")).storedValueLiability,
  });
  const f = (name: string) => translate(`${L}.fields.${name}`);
  return (
    <Card sx={{ mt: 2 }} data-testid="liability-page">
      <Title title={`${L}.name`} />
      <CardContent>
        <Typography variant="body2" color="text.secondary" sx={{ mb: 2 }}>
          {translate(`${L}.hint`)}
        </Typography>
        {isPending && <LinearProgress />}
        {error && <Alert severity="error">{errorMessage(error)}</Alert>}
        {data && (
          <Table size="small">
            <TableHead>
              <TableRow>
                <TableCell>{f("store")}</TableCell>
                <TableCell>{f("city")}</TableCell>
                <TableCell align="right">{f("principal")}</TableCell>
                <TableCell align="right">{f("bonus")}</TableCell>
                <TableCell align="right">{f("total")}</TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {data.stores.map((row) => (
                <TableRow key={row.store.id} data-testid="liability-row" data-store-id={row.store.id}>
                  <TableCell>{row.store.name}</TableCell>
                  <TableCell>{row.store.city}</TableCell>
                  <TableCell align="right">{formatFen(row.principal)}</TableCell>
                  <TableCell align="right">{formatFen(row.bonus)}</TableCell>
                  <TableCell align="right">{formatFen(row.principal + row.bonus)}</TableCell>
                </TableRow>
              ))}
            </TableBody>
            <TableFooter>
              <TableRow data-testid="liability-total">
                <TableCell colSpan={2}>{f("all")}</TableCell>
                <TableCell align="right">{formatFen(data.principal)}</TableCell>
                <TableCell align="right">{formatFen(data.bonus)}</TableCell>
                <TableCell align="right">{formatFen(data.principal + data.bonus)}</TableCell>
              </TableRow>
            </TableFooter>
          </Table>
        )}
      </CardContent>
    </Card>
  );
}

/**
 * 我的工作台 (every role): a guide's members to look after this week, in four
 * sections with counts: high-value members slipping away, birthdays, coupons
 * about to lapse, new members not yet contacted. Cards and lists that fit a
 * phone (360 px wide). Each member has one-click actions: log a contact,
 * issue a coupon (owners and managers: the API lets only them issue by hand),
 * open the member page. Managers and owners pick whose worklist to see.
 */
import { Alert, Box, Button, CircularProgress, MenuItem, Stack, TextField, Typography } from "@mui/material";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { Title, usePermissions, useTranslate } from "react-admin";
import type { Permissions } from "../auth/permissions";
import { IssueCouponsDialog } from "../couponTemplates/IssueCouponsDialog";
import { useRequest } from "../dataProvider/useRequest";
import { errorMessage } from "../members/loyalty/api";
import { ContactDialog } from "./ContactDialog";
import { Sections, type Actions } from "./WorklistSections";
import { GUIDES_QUERY, WORKLIST_QUERY, type WorklistMember } from "./api";

const W = "resources.worklist";

/** Whose worklist a manager or owner is looking at (undefined: their own). */
function GuidePicker({ value, onChange }: { value: string | undefined; onChange: (id: string | undefined) => void }) {
  const translate = useTranslate();
  const request = useRequest();
  const guides = useQuery({
    queryKey: ["worklist-guides"],
    queryFn: async () =>
      (await request(GUIDES_QUERY)).staffMembers.nodes.filter(
        (staff) => staff.role !== "owner" && staff.status === "active",
      ),
  });
  return (
    <TextField
      select
      size="small"
      fullWidth
      label={translate(`${W}.guide`)}
      value={value ?? ""}
      onChange={(event) => onChange(event.target.value || undefined)}
      slotProps={{ htmlInput: { "data-testid": "worklist-guide" } }}
    >
      <MenuItem value="">{translate(`${W}.myself`)}</MenuItem>
      {(guides.data ?? []).map((guide) => (
        <MenuItem key={guide.id} value={guide.id}>
          {guide.name} ({guide.username})
        </MenuItem>
      ))}
    </TextField>
  );
}

export function WorklistPage() {
  const translate = useTranslate();
  const request = useRequest();
  const queryClient = useQueryClient();
  const { permissions } = usePermissions<Permissions>();
  const picks = permissions?.role === "owner" || permissions?.role === "manager";
  const [guideId, setGuideId] = useState<string>();
  const [contacting, setContacting] = useState<WorklistMember>();
  const [issuing, setIssuing] = useState<WorklistMember>();
  const worklist = useQuery({
    queryKey: ["worklist", guideId ?? "me"],
    queryFn: async () => (await request(WORKLIST_QUERY, { guideId: guideId ?? null })).guideWorklist,
  });
  const reload = () => void queryClient.invalidateQueries({ queryKey: ["worklist"] });
  const actions: Actions = { onContact: setContacting, onIssue: picks ? setIssuing : undefined };

  return (
    <Box sx={{ mt: 2, maxWidth: 720, mx: "auto", px: { xs: 0, sm: 1 } }} data-testid="worklist-page">
      <Title title={`${W}.name`} />
      <Stack spacing={2}>
        {picks && <GuidePicker value={guideId} onChange={setGuideId} />}
        {worklist.data && (
          <Typography variant="body2" color="text.secondary" data-testid="worklist-summary">
            {translate(`${W}.summary`, {
              guide: worklist.data.guide.name,
              today: worklist.data.today,
              count: worklist.data.rosterSize,
            })}
          </Typography>
        )}
        {worklist.isPending && (
          <Box sx={{ display: "flex", justifyContent: "center", py: 4 }} data-testid="worklist-loading">
            <CircularProgress />
          </Box>
        )}
        {worklist.error && (
          <Alert
            severity="error"
            data-testid="worklist-error"
            action={<Button onClick={() => void worklist.refetch()}>{translate(`${W}.retry`)}</Button>}
          >
            {errorMessage(worklist.error)}
          </Alert>
        )}
        {worklist.data && <Sections worklist={worklist.data} actions={actions} />}
      </Stack>
      {contacting && <ContactDialog member={contacting} onClose={() => setContacting(undefined)} onLogged={reload} />}
      {issuing && (
        <IssueCouponsDialog
          members={[{ id: issuing.id, name: issuing.name, phone: issuing.phone }]}
          onClose={() => setIssuing(undefined)}
          onIssued={reload}
        />
      )}
    </Box>
  );
}

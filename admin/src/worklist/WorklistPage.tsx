/**
 * 我的工作台 (every role): a guide's members to look after this week, in four
 * sections with counts: high-value members slipping away, birthdays, coupons
 * about to lapse, new members not yet contacted. Cards and lists that fit a
 * phone (360 px wide). Each member has one-click actions: log a contact,
 * issue a coupon (owners and managers: the API lets only them issue by hand),
 * open the member page. Managers and owners pick whose worklist to see.
 */
import CakeIcon from "@mui/icons-material/Cake";
import ConfirmationNumberIcon from "@mui/icons-material/ConfirmationNumber";
import OpenInNewIcon from "@mui/icons-material/OpenInNew";
import PersonAddIcon from "@mui/icons-material/PersonAdd";
import PhoneInTalkIcon from "@mui/icons-material/PhoneInTalk";
import TrendingDownIcon from "@mui/icons-material/TrendingDown";
import {
  Alert,
  Box,
  Button,
  Card,
  CardContent,
  Chip,
  CircularProgress,
  Divider,
  List,
  ListItem,
  MenuItem,
  Stack,
  TextField,
  Typography,
} from "@mui/material";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useState, type ReactNode } from "react";
import { Title, usePermissions, useTranslate } from "react-admin";
import { Link } from "react-router-dom";
import type { Permissions } from "../auth/permissions";
import { formatFen } from "../members/loyalty/money";
import { IssueCouponsDialog } from "../couponTemplates/IssueCouponsDialog";
import { useRequest } from "../dataProvider/useRequest";
import { useFormatDateTime } from "../merchant/DateTimeField";
import { errorMessage } from "../members/loyalty/api";
import { ContactDialog } from "./ContactDialog";
import { GUIDES_QUERY, WORKLIST_QUERY, type Worklist, type WorklistMember } from "./api";

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

interface Actions {
  onContact: (member: WorklistMember) => void;
  onIssue?: (member: WorklistMember) => void;
}

/** One member in a section: who, why they are here, and what to do. */
function MemberRow({
  member,
  detail,
  actions,
  testId,
}: {
  member: WorklistMember;
  detail: ReactNode;
  actions: Actions;
  testId: string;
}) {
  const translate = useTranslate();
  return (
    <ListItem disableGutters sx={{ display: "block", py: 1 }} data-testid={testId} data-member-id={member.id}>
      <Box sx={{ display: "flex", justifyContent: "space-between", gap: 1, alignItems: "baseline", flexWrap: "wrap" }}>
        <Typography variant="subtitle2" component={Link} to={`/members/${member.id}/show`} sx={{ color: "inherit" }}>
          {member.name}
        </Typography>
        <Typography variant="caption" color="text.secondary" sx={{ fontFamily: "monospace" }}>
          {member.phone}
        </Typography>
      </Box>
      <Typography variant="body2" color="text.secondary">
        {detail}
      </Typography>
      <Stack direction="row" spacing={1} sx={{ mt: 0.5, flexWrap: "wrap" }} useFlexGap>
        <Button
          size="small"
          variant="outlined"
          startIcon={<PhoneInTalkIcon />}
          onClick={() => actions.onContact(member)}
          data-testid="worklist-contact"
        >
          {translate(`${W}.actions.contact`)}
        </Button>
        {actions.onIssue && (
          <Button
            size="small"
            startIcon={<ConfirmationNumberIcon />}
            onClick={() => actions.onIssue!(member)}
            data-testid="worklist-issue"
          >
            {translate(`${W}.actions.issue`)}
          </Button>
        )}
        <Button
          size="small"
          startIcon={<OpenInNewIcon />}
          component={Link}
          to={`/members/${member.id}/show`}
          data-testid="worklist-open"
        >
          {translate(`${W}.actions.open`)}
        </Button>
      </Stack>
    </ListItem>
  );
}

/** A section card with its title, count and members (or a line saying there are none). */
function Section({
  name,
  icon,
  count,
  children,
}: {
  name: string;
  icon: ReactNode;
  count: number;
  children: ReactNode;
}) {
  const translate = useTranslate();
  return (
    <Card variant="outlined" data-testid={`worklist-${name}`}>
      <CardContent sx={{ pb: 1 }}>
        <Box sx={{ display: "flex", alignItems: "center", gap: 1 }}>
          {icon}
          <Typography variant="h6" sx={{ flex: 1, fontSize: "1.05rem" }}>
            {translate(`${W}.sections.${name}`)}
          </Typography>
          <Chip
            size="small"
            label={count}
            color={count ? "primary" : "default"}
            data-testid={`worklist-${name}-count`}
          />
        </Box>
        <Typography variant="caption" color="text.secondary">
          {translate(`${W}.hints.${name}`)}
        </Typography>
        {count === 0 ? (
          <Typography variant="body2" sx={{ mt: 1 }} color="text.secondary">
            {translate(`${W}.empty.${name}`)}
          </Typography>
        ) : (
          <List dense disablePadding>
            {children}
          </List>
        )}
      </CardContent>
    </Card>
  );
}

function Sections({ worklist, actions }: { worklist: Worklist; actions: Actions }) {
  const translate = useTranslate();
  const format = useFormatDateTime();
  const withDividers = (rows: ReactNode[]) =>
    rows.flatMap((row, i) => (i ? [<Divider key={`d${i}`} component="li" />, row] : [row]));
  return (
    <Stack spacing={2}>
      <Section name="slipping" icon={<TrendingDownIcon color="warning" />} count={worklist.slipping.length}>
        {withDividers(
          worklist.slipping.map((entry) => (
            <MemberRow
              key={entry.member.id}
              testId="worklist-slipping-row"
              member={entry.member}
              actions={actions}
              detail={translate(`${W}.detail.slipping`, {
                stage: translate(`${W}.stages.${entry.stage}`),
                days: entry.daysSinceVisit,
                spend: formatFen(entry.lifetimeSpend),
                visits: entry.visits,
                rfm: entry.rfmClass,
              })}
            />
          )),
        )}
      </Section>
      <Section name="birthdays" icon={<CakeIcon color="secondary" />} count={worklist.birthdays.length}>
        {withDividers(
          worklist.birthdays.map((entry) => (
            <MemberRow
              key={entry.member.id}
              testId="worklist-birthdays-row"
              member={entry.member}
              actions={actions}
              detail={
                entry.daysAway === 0
                  ? translate(`${W}.detail.birthday_today`, { date: entry.date })
                  : translate(`${W}.detail.birthday`, { date: entry.date, days: entry.daysAway })
              }
            />
          )),
        )}
      </Section>
      <Section
        name="expiringCoupons"
        icon={<ConfirmationNumberIcon color="error" />}
        count={worklist.expiringCoupons.length}
      >
        {withDividers(
          worklist.expiringCoupons.map((entry) => (
            <MemberRow
              key={entry.code}
              testId="worklist-expiringCoupons-row"
              member={entry.member}
              actions={actions}
              detail={translate(`${W}.detail.coupon`, {
                name: entry.templateName,
                code: entry.displayCode,
                until: format(entry.validUntil),
                days: entry.daysLeft,
              })}
            />
          )),
        )}
      </Section>
      <Section name="newMembers" icon={<PersonAddIcon color="success" />} count={worklist.newMembers.length}>
        {withDividers(
          worklist.newMembers.map((entry) => (
            <MemberRow
              key={entry.member.id}
              testId="worklist-newMembers-row"
              member={entry.member}
              actions={actions}
              detail={translate(`${W}.detail.new_member`, { joined: format(entry.joinedAt), days: entry.daysAgo })}
            />
          )),
        )}
      </Section>
    </Stack>
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
